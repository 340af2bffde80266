// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/AttachmentFit.h"

#include <QPointer>

namespace detour {

class Catalog;

// Hands the route engine what a catalog knows about the models' inputs
// (architecture.input_modalities), so that a step whose model cannot take a
// message's attachments is skipped. Only OpenRouter endpoints on the catalog's
// base URL are answered; anything else is "not known" (tried).
class CatalogModalities final {
public:
    CatalogModalities() = delete;

    // The catalog may go away; the lookup then knows nothing.
    static ModalityLookup lookup(const Catalog *catalog);
};

} // namespace detour
