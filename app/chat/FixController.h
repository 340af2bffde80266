// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RouteFixer.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace detour {

class Catalog;
class ChatSession;
class RouteStepsModel;

// Carries out what the error inspector offers for a failed attempt: a route
// change (through RouteFixer, on the steps model), a retry after a countdown
// (Retry-After when the server gave one), or a page or panel to open.
class FixController final : public QObject {
    Q_OBJECT

public:
    FixController(ChatSession *session, RouteStepsModel *steps, QObject *parent = nullptr);

    // Where the providers a model has are looked up (null: none known).
    void setCatalog(const Catalog *catalog);
    // The route `change` would make, or why it does not apply.
    Result<RoutePlan> check(RouteFixer::Change change, const Attempt &attempt) const;
    void applyChange(RouteFixer::Change change, const Attempt &attempt);
    void applyFix(Fix fix, const Attempt &attempt);
    bool isCountingDown() const { return m_countdown.isActive(); }

Q_SIGNALS:
    void message(const QString &text); // what happened, for the status bar
    void retryCountdown(int secondsLeft); // each second before a retry; 0: retrying now
    void linkRequested(const QUrl &url);
    void stepRequested(int step); // show this step in the route editor

private:
    void tick();

    ChatSession *m_session;
    RouteStepsModel *m_steps;
    QPointer<const Catalog> m_catalog;
    QTimer m_countdown; // "Retry in N s": ticks once a second, then regenerates
    int m_secondsLeft = 0;
};

} // namespace detour
