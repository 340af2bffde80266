// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QTextDocument>

namespace detour {

// A document that never loads anything, whatever the URL: no remote images, no
// local files, no qrc: resources. QTextDocument reads local files itself when
// its view returns nothing for a resource, so the view's own loadResource is
// not enough. An image gets a blank pixel rather than nothing: given nothing,
// Qt's image handler reads the name as a file path (or ":/" resource) and shows
// that file. For text Detour did not write: model replies, provider errors.
class InertTextDocument final : public QTextDocument {
    Q_OBJECT

public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace detour
