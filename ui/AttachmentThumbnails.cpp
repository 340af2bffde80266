// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentThumbnails.h"

#include <QBuffer>
#include <QCache>
#include <QImageReader>

namespace detour {

namespace {

// A few hundred chips' worth: each entry costs its pixels (32×32 ×4 bytes at ratio 1).
constexpr int cacheEntries = 512;

QCache<QByteArray, QImage> &cache()
{
    // Images, not pixmaps: the cache outlives the application object at exit.
    static QCache<QByteArray, QImage> thumbnails(cacheEntries);
    return thumbnails;
}

int decoded = 0;

} // namespace

QPixmap AttachmentThumbnails::thumbnail(
    const Attachment &attachment, const QByteArray &digest, qreal devicePixelRatio)
{
    if (attachment.kind != Attachment::Kind::Image)
        return {};
    const int pixels = qRound(edge * devicePixelRatio);
    const QByteArray key = digest + '@' + QByteArray::number(pixels);
    const QImage *image = cache().object(key);
    if (!image) {
        QByteArray bytes = attachment.data; // shared, not copied
        QBuffer buffer(&bytes);
        QImageReader reader(&buffer);
        // Decoding at the size shown: a large photo is not expanded whole just to be shrunk.
        if (const QSize full = reader.size(); full.isValid() && !full.isEmpty())
            reader.setScaledSize(full.scaled(pixels, pixels, Qt::KeepAspectRatio));
        const QImage read = reader.read();
        ++decoded;
        auto *made = new QImage(read.isNull()
                ? QImage()
                : read.scaled(pixels, pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        cache().insert(key, made);
        image = made;
    }
    if (image->isNull())
        return {};
    QPixmap pixmap = QPixmap::fromImage(*image);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return pixmap;
}

int AttachmentThumbnails::decodedCount()
{
    return decoded;
}

} // namespace detour
