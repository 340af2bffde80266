// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"

#include <QPixmap>

namespace detour {

// Small pictures of image attachments for chips, made once per image: cached by the
// attachment's digest (and size), so a long conversation scrolled back and forth, or the
// same picture in the composer and the transcript, decodes each image only once.
class AttachmentThumbnails final {
public:
    static constexpr int edge = 32; // device-independent pixels, the longer side

    // A null pixmap for anything that is not an image or does not decode.
    static QPixmap thumbnail(
        const Attachment &attachment, const QByteArray &digest, qreal devicePixelRatio = 1.0);
    // How many thumbnails were decoded so far (for tests: a cached one is not decoded again).
    static int decodedCount();
};

} // namespace detour
