// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LinkOpener.h"

#include "chat/LinkPolicy.h"

#include <QDesktopServices>
#include <QMessageBox>
#include <QUrl>

namespace detour {

QString LinkOpener::open(QWidget *parent, const QUrl &url)
{
    if (!LinkPolicy::mayOpen(url))
        return LinkPolicy::refusal(url);
    const auto answer =
        QMessageBox::question(parent, tr("Open link"), LinkPolicy::confirmation(url));
    if (answer == QMessageBox::Yes)
        QDesktopServices::openUrl(url);
    return {};
}

} // namespace detour
