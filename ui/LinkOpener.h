// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>

class QUrl;
class QWidget;

namespace detour {

// Opens a link from a reply or a fix in the browser: only what LinkPolicy allows, and only
// after the person saw where it goes and agreed.
class LinkOpener final {
    Q_DECLARE_TR_FUNCTIONS(detour::LinkOpener)

public:
    // Returns why the link was refused (for the status bar); empty when it was offered.
    static QString open(QWidget *parent, const QUrl &url);
};

} // namespace detour
