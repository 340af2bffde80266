// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StatusLine.h"

#include "ElidedLabel.h"
#include "endpoints/KeyInfo.h"
#include "route/RoutePlan.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

namespace detour {

using namespace Qt::StringLiterals;

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar)
    , m_bar(bar)
    , m_mode(new QLabel(bar))
    , m_route(new ElidedLabel(bar))
    , m_key(new ElidedLabel(bar))
{
    m_mode->setObjectName(u"modeStatus"_s);
    m_route->setObjectName(u"endpointStatus"_s);
    m_key->setObjectName(u"keyStatus"_s);
    bar->addWidget(m_mode);
    bar->addWidget(m_route, 1);
    bar->addPermanentWidget(m_key);
}

void StatusLine::show(const RoutePlan &route, bool simulated, const QString &keyStatus,
    const std::optional<KeyInfo> &keyInfo)
{
    QStringList endpoints;
    for (const Endpoint &endpoint : route.endpoints)
        endpoints << u"%1 (%2)"_s.arg(endpoint.id,
            endpoint.baseUrl.host()
                + (endpoint.baseUrl.port() > 0 ? u":%1"_s.arg(endpoint.baseUrl.port())
                                               : QString()));
    const QString routeText = tr("Route \"%1\": %2").arg(route.name, endpoints.join(u", "_s));
    m_route->setFullText(routeText);
    m_mode->setText(simulated ? tr("Simulated") : tr("Live"));
    m_mode->setToolTip(simulated ? tr("Requests go to the built-in simulated OpenRouter on "
                                      "127.0.0.1; nothing leaves this machine.")
                                 : QString());
    QString key = keyStatus;
    if (keyInfo) {
        const QLocale locale;
        key += u" · "_s + (keyInfo->isFreeTier ? tr("free tier") : tr("paid"));
        key += u" · "_s
            + (keyInfo->limit
                    ? tr("$%1 of $%2 used")
                          .arg(locale.toString(keyInfo->usage, 'f', 2),
                              locale.toString(*keyInfo->limit, 'f', 2))
                    : tr("$%1 used, no limit").arg(locale.toString(keyInfo->usage, 'f', 2)));
    }
    m_key->setFullText(key);
}

void StatusLine::showCountdown(int secondsLeft)
{
    if (secondsLeft > 0)
        m_bar->showMessage(tr("Retrying in %1 s…").arg(secondsLeft));
    else
        m_bar->clearMessage();
}

} // namespace detour
