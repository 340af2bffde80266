// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "WelcomeText.h"

#include "route/RoutePlan.h"

#include <QUrl>

namespace detour {

using namespace Qt::StringLiterals;

QString WelcomeText::samplePrompt()
{
    return tr("Explain in three sentences why free models hit rate limits.");
}

QString WelcomeText::html(const RoutePlan &route, bool simulated)
{
    QStringList steps;
    for (const RouteStep &step : route.steps) {
        if (step.enabled)
            steps << step.target.model.toHtmlEscaped();
    }
    const QString sample = samplePrompt();
    return tr("<h2>Detour</h2>"
              "<p>Chat with models through OpenRouter and around its rate limits: each turn falls "
              "through your route until a step serves it, and the error inspector shows who "
              "refused and why.</p>"
              "<p><b>Active route:</b> %1</p>"
              "<p>%2</p>"
              "<p>Try: <a href=\"prompt:%3\">%4</a></p>")
        .arg(steps.join(u" → "_s),
            simulated ? tr("You are on the <b>simulated</b> OpenRouter: its first step "
                           "answers with a real-shaped upstream 429, the next one serves.")
                      : QString(),
            QString::fromUtf8(QUrl::toPercentEncoding(sample)), sample.toHtmlEscaped());
}

} // namespace detour
