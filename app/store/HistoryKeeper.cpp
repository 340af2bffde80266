// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryKeeper.h"

#include "TurnRecorder.h"
#include "route/TurnRunner.h"

namespace detour {

HistoryKeeper::HistoryKeeper(ConversationStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

HistoryKeeper::~HistoryKeeper()
{
    // Each recorder (also one already released) writes what it still holds once more, while
    // the store is alive, and no longer to us: our members are going.
    const QList<TurnRecorder *> recorders =
        findChildren<TurnRecorder *>(Qt::FindDirectChildrenOnly);
    for (TurnRecorder *recorder : recorders) {
        disconnect(recorder, nullptr, this, nullptr);
        delete recorder;
    }
}

TurnRecorder *HistoryKeeper::record(qint64 conversationId, qint64 userMessageId, TurnRunner *runner,
    const TurnRecorder::Continuation &continued)
{
    auto *recorder =
        new TurnRecorder(m_store, conversationId, userMessageId, runner, this, continued);
    m_entries.append({ recorder, runner });
    connect(recorder, &TurnRecorder::writeFailed, this,
        [this, recorder](const QString &reason) { onFailed(recorder, reason); });
    connect(
        recorder, &TurnRecorder::writeRecovered, this, [this, recorder] { onRecovered(recorder); });
    if (runner) {
        connect(runner, &QObject::destroyed, this, [this, recorder] { releaseIfDone(recorder); });
    }
    // The first write (the reply's row) happens in the constructor, before we listened.
    if (!recorder->writeError().isEmpty())
        onFailed(recorder, recorder->writeError());
    if (!runner)
        releaseIfDone(recorder);
    return recorder;
}

QString HistoryKeeper::unsavedReply() const
{
    return m_failing.isEmpty() ? QString() : m_failing.constLast()->replyText();
}

void HistoryKeeper::onFailed(TurnRecorder *recorder, const QString &reason)
{
    // The recorder says so again on every retry; the window hears of changes only.
    if (m_failing.contains(recorder) && m_reason == reason)
        return;
    m_failing.removeOne(recorder);
    m_failing.append(recorder);
    m_reason = reason;
    Q_EMIT writeFailed(m_reason);
}

void HistoryKeeper::onRecovered(TurnRecorder *recorder)
{
    if (m_failing.removeOne(recorder)) {
        if (m_failing.isEmpty()) {
            m_reason.clear();
            Q_EMIT writeRecovered();
        } else {
            updateReason();
        }
    }
    releaseIfDone(recorder);
}

void HistoryKeeper::releaseIfDone(TurnRecorder *recorder)
{
    const auto entry = std::find_if(m_entries.begin(), m_entries.end(),
        [recorder](const Entry &e) { return e.recorder == recorder; });
    if (entry == m_entries.end() || entry->runner || !recorder->writeError().isEmpty())
        return; // its turn still runs, or something is still unwritten: it keeps retrying
    m_entries.erase(entry);
    // Not at once: this can run inside the recorder's own signal.
    recorder->deleteLater();
}

void HistoryKeeper::updateReason()
{
    const QString reason = m_failing.constLast()->writeError();
    if (reason == m_reason)
        return;
    m_reason = reason;
    Q_EMIT writeFailed(m_reason);
}

} // namespace detour
