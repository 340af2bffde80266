// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace detour {

// Which links in model output Detour hands to the browser, and what the person
// sees first. A reply is untrusted text: a link opens only after a click, only
// with the http, https or mailto scheme, and only once its full address has
// been shown (a link's text may say one thing and point elsewhere).
class LinkPolicy final {
    Q_DECLARE_TR_FUNCTIONS(detour::LinkPolicy)

public:
    LinkPolicy() = delete;

    // http and https with a host, or mailto with an address.
    static bool mayOpen(const QUrl &url);
    // The question asked before opening; it shows the whole address.
    static QString confirmation(const QUrl &url);
    // Why a link was not opened.
    static QString refusal(const QUrl &url);
};

} // namespace detour
