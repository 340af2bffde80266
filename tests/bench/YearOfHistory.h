// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "store/StoreTypes.h"

#include <QRandomGenerator>
#include <QStringList>

namespace detour {

class ConversationStore;

// A year of someone's history with Detour, for the start-up benchmark: 100,000
// messages in 2,000 conversations over the last 365 days. Lengths are what a
// chat history looks like: mostly short (a median of about 14 messages), a few
// long, and one of 5,000 messages among them. Questions are short, replies
// mostly a paragraph or two with Markdown (lists, emphasis, headings), often a
// fenced code block, now and then a long one; about one message in twelve is
// Chinese or Japanese. Every turn has its attempts: most are served at once,
// some after a 429 from a provider upstream and a failover (a few after two),
// like a day on free models.
//
// Everything follows from the seed: every run writes the same database. It is
// written through the store's real path, ConversationStore::importRecord (one
// ConversationRecord per conversation: messages, turns, attempts, the search
// indexes through the schema's triggers), all of it inside one outer write
// transaction, in which each import is a savepoint.
class YearOfHistory final {
public:
    static constexpr int conversationCount = 2000;
    static constexpr int messageCount = 100'000;
    static constexpr int longConversationMessages = 5000;

    struct Written {
        qint64 longConversationId = 0; // the 5,000-message one
        int conversations = 0;
        int messages = 0;
        int attempts = 0;
        qint64 bytes = 0; // of message text (UTF-16 code units)
        double seconds = 0; // to write it all, commit included
    };

    explicit YearOfHistory(quint32 seed = 20261207);

    Result<Written> write(ConversationStore &store);

    // `count` things a person would type into the search box: words that are in
    // the history (common and rare ones, a name, a CJK word, a two-word phrase)
    // and a few that are not.
    QStringList queries(int count);

private:
    QList<int> conversationLengths(); // in turns; one is longConversationMessages / 2
    ConversationRecord conversation(int index, int turns, const QDateTime &start);
    QString question();
    QString reply();
    QList<Attempt> attemptsOfTurn(int *served);
    const QString &pick(const QStringList &words);
    bool chance(double probability) { return m_random.generateDouble() < probability; }

    QRandomGenerator m_random;
};

} // namespace detour
