// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ComparisonSummary.h"
#include "RoutePlan.h"
#include "protocol/ChatRequest.h"
#include "protocol/ConversationSettings.h"
#include "protocol/Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

namespace detour {

class RouteEngine;
class TurnRunner;

// One question sent to two to four routes at once, each route a column with its own
// TurnRunner and trace. All go through the same RouteEngine, so a cooldown one column
// learns (a 429 from a provider) is seen by the others at their next step. stop()
// stops every column. Times are kept on the comparison's own clock, from start():
// when each column started, saw its first token and finished.
class RouteComparison final : public QObject {
    Q_OBJECT

public:
    static constexpr int minRoutes = 2;
    static constexpr int maxRoutes = 4;

    struct Column {
        RoutePlan plan;
        QPointer<TurnRunner> runner; // null once it settled
        TurnResult result; // as finished (generation stats merged in later)
        QString content; // as streamed so far
        QString reasoning;
        bool finished = false;
        qint64 startedMs = -1; // on the comparison's clock
        qint64 firstTokenMs = -1;
        qint64 finishedMs = -1;
    };

    explicit RouteComparison(RouteEngine *engine, QObject *parent = nullptr);
    ~RouteComparison() override;

    // Sends `messages` to every plan, each with `settings` over that route's own
    // defaults. Fails (saying why) with fewer than two or more than four routes, or while
    // a comparison runs.
    Result<> start(const QList<RoutePlan> &plans, const QList<ChatMessage> &messages,
        const ConversationSettings &settings = {});
    void stop(); // every column
    bool isRunning() const;
    int columnCount() const { return int(m_columns.size()); }
    const Column &column(int index) const { return m_columns[index]; }
    int servedCount() const;
    QList<ComparisonSummary::Entry> summaryEntries() const;
    ComparisonSummary summary() const { return ComparisonSummary::of(summaryEntries()); }
    QString summaryText() const { return summary().text(summaryEntries()); }

Q_SIGNALS:
    void started(int columns);
    void columnStarted(int column, detour::TurnRunner *runner);
    void attemptStarted(int column, const detour::Attempt &attempt);
    void attemptFinished(int column, const detour::Attempt &attempt);
    void contentDelta(int column, const QString &text);
    void reasoningDelta(int column, const QString &text);
    void columnFinished(int column, const detour::TurnResult &result);
    // A finished column's trace changed (OpenRouter's own record of it arrived).
    void columnUpdated(int column);
    // Every column has finished.
    void finished();

private:
    void watch(int index, TurnRunner *runner);

    RouteEngine *m_engine;
    QList<Column> m_columns;
    QElapsedTimer m_clock;
};

} // namespace detour
