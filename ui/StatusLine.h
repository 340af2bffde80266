// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <optional>

class QLabel;
class QStatusBar;

namespace detour {

class ElidedLabel;

struct KeyInfo;
struct RoutePlan;

// The status bar's lasting part: simulated or live, the active route and where
// its endpoints are, and the key (its state, free tier or paid, credit used).
// Passing messages go on the status bar itself, each for messageMs.
class StatusLine final : public QObject {
    Q_OBJECT

public:
    static constexpr int messageMs = 5000; // a passing message
    static constexpr int noticeMs = 8000; // one that asks the person to act
    static constexpr int warningMs = 15000; // something was not kept or not read

    explicit StatusLine(QStatusBar *bar);

    void show(const RoutePlan &route, bool simulated, const QString &keyStatus,
        const std::optional<KeyInfo> &keyInfo);
    // "Retrying in N s…" while a retry waits; 0: it is being sent, the message goes.
    void showCountdown(int secondsLeft);

private:
    QStatusBar *m_bar;
    QLabel *m_mode;
    ElidedLabel *m_route;
    ElidedLabel *m_key;
};

} // namespace detour
