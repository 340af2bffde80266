// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ImageShrinker.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

bool isSendableType(const QString &mimeType)
{
    return mimeType == "image/png"_L1 || mimeType == "image/jpeg"_L1 || mimeType == "image/webp"_L1
        || mimeType == "image/gif"_L1;
}

QSize sizeOf(const QByteArray &data)
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return QImageReader(&buffer).size();
}

} // namespace

Attachment ImageShrinker::forSending(const Attachment &attachment)
{
    if (attachment.kind != Attachment::Kind::Image)
        return attachment;
    const QSize size = sizeOf(attachment.data);
    const bool tooLarge =
        std::max(size.width(), size.height()) > maximumSide || attachment.size() > maximumBytes;
    if (!tooLarge && isSendableType(attachment.mimeType))
        return attachment;

    QImage image = QImage::fromData(attachment.data);
    if (image.isNull())
        return attachment; // the loader decoded it; nothing better to send
    if (std::max(image.width(), image.height()) > maximumSide)
        image =
            image.scaled(maximumSide, maximumSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const bool alpha = image.hasAlphaChannel();
    QByteArray encoded;
    QBuffer buffer(&encoded);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, alpha ? "PNG" : "JPEG", alpha ? -1 : 85);

    Attachment shrunk = attachment;
    shrunk.data = encoded;
    shrunk.mimeType = alpha ? u"image/png"_s : u"image/jpeg"_s;
    shrunk.fileName =
        QFileInfo(attachment.fileName).completeBaseName() + (alpha ? u".png"_s : u".jpg"_s);
    return shrunk;
}

} // namespace detour
