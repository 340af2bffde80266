// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attachment.h"

namespace detour {

// Makes an image attachment fit to send: an image whose longest side is above
// maximumSide pixels, or whose file is above maximumBytes, is scaled down to
// maximumSide and re-encoded (JPEG when it has no transparency, PNG when it
// has); a type OpenRouter does not take (it documents PNG, JPEG, WebP and GIF)
// is re-encoded as PNG. Anything else is returned as it is.
class ImageShrinker final {
public:
    static constexpr int maximumSide = 2048;
    static constexpr qint64 maximumBytes = 4 * 1024 * 1024;

    static Attachment forSending(const Attachment &attachment);
};

} // namespace detour
