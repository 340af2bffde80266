// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Attachment.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QMimeDatabase>
#include <optional>

namespace detour {

using namespace Qt::StringLiterals;

QByteArray Attachment::digest() const
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

std::optional<Attachment::Kind> kindOf(const QMimeType &type)
{
    if (type.name().startsWith("image/"_L1))
        return Attachment::Kind::Image;
    if (type.inherits(u"application/pdf"_s))
        return Attachment::Kind::Pdf;
    if (type.inherits(u"text/plain"_s))
        return Attachment::Kind::Text;
    return std::nullopt;
}

// True when the bytes decode as an image (the header and the pixels): a file
// named .png that holds something else is refused here, not by the model.
bool decodes(const QByteArray &data)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return !reader.read().isNull();
}

} // namespace

Result<Attachment> AttachmentLoader::fromFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(tr("%1 cannot be attached: there is no such file.").arg(path));
    if (!info.isFile())
        return Error(tr("%1 cannot be attached: it is not a file.").arg(path));
    if (info.size() > maximumFileSize)
        return Error(tr("%1 is too large to attach (%2; at most %3).")
                         .arg(info.fileName(), sizeText(info.size()), sizeText(maximumFileSize)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(tr("%1 cannot be read: %2.").arg(path, file.errorString()));
    return fromData(info.fileName(), file.readAll());
}

Result<> AttachmentLoader::checkMessageTotal(const QList<Attachment> &attachments)
{
    qint64 total = 0;
    for (const Attachment &attachment : attachments)
        total += attachment.size();
    if (total > maximumMessageTotal)
        return Error(tr("These attachments are too large for one message together (%1; at most "
                        "%2): send some of them in another message.")
                         .arg(sizeText(total), sizeText(maximumMessageTotal)));
    return {};
}

Result<Attachment> AttachmentLoader::fromData(const QString &fileName, const QByteArray &data)
{
    if (data.isEmpty())
        return Error(tr("%1 is empty: there is nothing to attach.").arg(fileName));
    if (data.size() > maximumFileSize)
        return Error(tr("%1 is too large to attach (%2; at most %3).")
                         .arg(fileName, sizeText(data.size()), sizeText(maximumFileSize)));
    const QMimeDatabase database;
    const QMimeType type = database.mimeTypeForFileNameAndData(fileName, data);
    const std::optional<Attachment::Kind> kind = kindOf(type);
    // A name that says image is held to it even when the bytes look like text.
    const QMimeType byName = database.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    const bool namedImage = byName.name().startsWith("image/"_L1);
    if ((namedImage || kind == Attachment::Kind::Image) && !decodes(data))
        return Error(tr("%1 cannot be attached: it is named or marked as an image (%2), "
                        "but its contents are not an image Detour can read.")
                         .arg(fileName, (namedImage ? byName : type).comment()));
    if (!kind)
        return Error(tr("%1 cannot be attached: Detour sends images, PDFs and text files, "
                        "and this is %2.")
                         .arg(fileName, type.comment()));
    if (*kind == Attachment::Kind::Pdf && !data.startsWith("%PDF-"))
        return Error(tr("%1 cannot be attached: it is named as a PDF, but its contents are not "
                        "a PDF.")
                         .arg(fileName));
    return Attachment { *kind, fileName, type.name(), data };
}

} // namespace detour
