// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "TurnRecorder.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace detour {

class ConversationStore;
class TurnRunner;

// Keeps the history of the window's turns: one TurnRecorder per turn, kept
// alive until everything it holds is written, also after its turn is gone.
// A turn deletes itself once it settles; a recorder that went with it could no
// longer retry, and a reply that failed to save (disk full, database locked)
// would be dropped silently. Here a failing recorder outlives its turn and keeps
// retrying every flush interval; it is released once it has written everything.
//
// Says, for the whole window, when the history is not being kept (writeFailed,
// with the store's reason: on the first failure and when the reason changes)
// and when it is again (writeRecovered: no recorder has anything unwritten),
// and hands out the reply that could not be saved so the person can keep it.
// The store must outlive the keeper (recorders write once more on destruction).
class HistoryKeeper final : public QObject {
    Q_OBJECT

public:
    explicit HistoryKeeper(ConversationStore *store, QObject *parent = nullptr);
    ~HistoryKeeper() override;

    // Starts recording `runner`'s turn; `userMessageId` must already be stored. A turn
    // that continues a stored reply names it in `continued` (TurnRecorder::Continuation).
    TurnRecorder *record(qint64 conversationId, qint64 userMessageId, TurnRunner *runner,
        const TurnRecorder::Continuation &continued = {});

    bool isFailing() const { return !m_failing.isEmpty(); }
    // Why the newest failing write failed; empty while everything is written.
    QString reason() const { return m_reason; }
    // The newest reply that is not (completely) saved, as received so far.
    QString unsavedReply() const;
    int recorderCount() const { return int(m_entries.size()); }

Q_SIGNALS:
    void writeFailed(const QString &reason);
    void writeRecovered();

private:
    struct Entry {
        TurnRecorder *recorder = nullptr;
        QPointer<TurnRunner> runner;
    };

    void onFailed(TurnRecorder *recorder, const QString &reason);
    void onRecovered(TurnRecorder *recorder);
    void releaseIfDone(TurnRecorder *recorder);
    void updateReason();

    ConversationStore *m_store;
    QList<Entry> m_entries; // oldest first; the recorders are our children
    QList<TurnRecorder *> m_failing; // oldest first
    QString m_reason;
};

} // namespace detour
