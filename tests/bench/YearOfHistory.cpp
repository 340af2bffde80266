// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "YearOfHistory.h"

#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/SqlUtil.h"

#include <QElapsedTimer>
#include <cmath>
#include <numeric>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

const QStringList topics = { u"rate limits"_s, u"Qt widgets"_s, u"SQLite indexes"_s,
    u"a sourdough starter"_s, u"the quarterly report"_s, u"Kubernetes ingress"_s,
    u"a birthday present"_s, u"React hooks"_s, u"the tax return"_s, u"Rust lifetimes"_s,
    u"a bike trip to Lyon"_s, u"PostgreSQL vacuum"_s, u"the garden irrigation"_s,
    u"CMake presets"_s, u"a cover letter"_s, u"Python asyncio"_s, u"the flat's heating"_s,
    u"OpenRouter fallbacks"_s, u"a German grammar question"_s, u"the bash script"_s };
const QStringList verbs = { u"explain"_s, u"fix"_s, u"rewrite"_s, u"summarise"_s, u"compare"_s,
    u"translate"_s, u"speed up"_s, u"review"_s, u"outline"_s, u"debug"_s };
const QStringList words = { u"provider"_s, u"fallback"_s, u"latency"_s, u"throughput"_s,
    u"budget"_s, u"schedule"_s, u"function"_s, u"variable"_s, u"migration"_s, u"index"_s,
    u"transaction"_s, u"thread"_s, u"timeout"_s, u"request"_s, u"response"_s, u"window"_s,
    u"layout"_s, u"recipe"_s, u"flour"_s, u"weekend"_s, u"invoice"_s, u"contract"_s, u"paragraph"_s,
    u"sentence"_s, u"argument"_s, u"memory"_s, u"allocation"_s, u"pointer"_s, u"cluster"_s,
    u"deployment"_s, u"certificate"_s, u"password"_s, u"keyboard"_s, u"battery"_s, u"weather"_s,
    u"mountain"_s, u"station"_s, u"ticket"_s, u"library"_s, u"version"_s, u"release"_s,
    u"benchmark"_s, u"profile"_s, u"cache"_s, u"stream"_s, u"token"_s, u"model"_s, u"prompt"_s,
    u"context"_s, u"summary"_s, u"the"_s, u"and"_s, u"with"_s, u"because"_s, u"usually"_s,
    u"then"_s, u"which"_s, u"every"_s, u"only"_s };
const QStringList rareWords = { u"Zanzibar"_s, u"quokka"_s, u"Huffman"_s, u"Beaujolais"_s,
    u"Tchaikovsky"_s, u"idempotency"_s, u"Okonomiyaki"_s, u"Fibonacci"_s, u"Kolmogorov"_s,
    u"Marrakesh"_s };
const QStringList cjk = { u"速率限制的问题"_s, u"请把这段代码翻译成英文"_s,
    u"数据库索引为什么变慢了"_s, u"週末の天気を教えてください"_s, u"このエラーの意味は何ですか"_s,
    u"模型的回复很慢"_s, u"東京から大阪までの新幹線"_s, u"请总结这篇文章"_s };
const QStringList languages = { u"cpp"_s, u"python"_s, u"typescript"_s, u"bash"_s, u"sql"_s,
    u"rust"_s };
const QStringList models = { u"moonshotai/kimi-k2:free"_s, u"deepseek/deepseek-chat-v3:free"_s,
    u"meta-llama/llama-3.3-70b-instruct:free"_s, u"qwen/qwen3-coder:free"_s };
const QStringList providers = { u"Chutes"_s, u"Groq"_s, u"Cerebras"_s, u"Together"_s,
    u"DeepInfra"_s, u"Targon"_s };
constexpr qint64 dayMs = 24LL * 3600 * 1000;

} // namespace

YearOfHistory::YearOfHistory(quint32 seed)
    : m_random(seed)
{
}

const QString &YearOfHistory::pick(const QStringList &list)
{
    return list[int(m_random.bounded(quint32(list.size())))];
}

// Log-normal lengths (most conversations a few turns, a long tail), scaled so
// that the total is exactly messageCount; the 5,000-message one sits at a
// fixed place in the middle of the year.
QList<int> YearOfHistory::conversationLengths()
{
    constexpr int longTurns = longConversationMessages / 2;
    constexpr int otherTurns = messageCount / 2 - longTurns;
    QList<double> weights;
    for (int i = 0; i < conversationCount - 1; ++i) {
        const double u1 = 1.0 - m_random.generateDouble();
        const double u2 = m_random.generateDouble();
        const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
        weights << std::exp(1.1 * normal);
    }
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    QList<int> turns;
    int total = 0;
    for (const double weight : weights) {
        turns << std::max(1, int(weight / sum * (otherTurns - (conversationCount - 1))) + 1);
        total += turns.last();
    }
    for (int i = 0; total != otherTurns; i = (i + 1) % int(turns.size())) {
        if (total < otherTurns) {
            ++turns[i];
            ++total;
        } else if (turns[i] > 1) {
            --turns[i];
            --total;
        }
    }
    turns.insert(conversationCount * 2 / 3, longTurns);
    return turns;
}

QString YearOfHistory::question()
{
    if (chance(0.08))
        return pick(cjk) + u"？"_s;
    QString text = u"Can you %1 this about %2? The %3 keeps failing with a %4 %5."_s.arg(
        pick(verbs), pick(topics), pick(words), pick(words), pick(words));
    if (chance(0.05))
        text += u" It mentions %1."_s.arg(pick(rareWords));
    if (chance(0.1))
        text += u"\n\n```\nError: 429 Provider returned error (%1)\n```"_s.arg(pick(providers));
    return text;
}

QString YearOfHistory::reply()
{
    const auto sentence = [this]() -> QString {
        QString s = pick(words);
        s[0] = s[0].toUpper();
        const int length = 6 + int(m_random.bounded(14u));
        for (int i = 0; i < length; ++i)
            s += u' ' + (chance(0.01) ? pick(rareWords) : pick(words));
        return s + u'.';
    };
    if (chance(0.08)) { // Chinese or Japanese
        QString text = pick(cjk) + u"。"_s;
        for (int i = 0; i < 2 + int(m_random.bounded(6u)); ++i)
            text += pick(cjk) + u"，"_s + pick(cjk) + u"。"_s;
        return text;
    }
    const bool longOne = chance(0.05);
    const int paragraphs = longOne ? 6 + int(m_random.bounded(8u)) : 1 + int(m_random.bounded(2u));
    QString text;
    if (longOne)
        text += u"## %1\n\n"_s.arg(pick(topics));
    for (int p = 0; p < paragraphs; ++p) {
        const int sentences = 1 + int(m_random.bounded(3u));
        for (int s = 0; s < sentences; ++s)
            text += sentence() + u' ';
        text += u"\n\n"_s;
        if (chance(0.2)) {
            for (int item = 0; item < 2 + int(m_random.bounded(4u)); ++item)
                text += u"- **%1**: %2\n"_s.arg(pick(words), sentence());
            text += u'\n';
        }
        if (chance(longOne ? 0.3 : 0.35)) {
            const QString language = pick(languages);
            text += u"```"_s + language + u'\n';
            for (int line = 0; line < 3 + int(m_random.bounded(longOne ? 20u : 6u)); ++line)
                text += u"    %1_%2 = %3(%4, %5);  // %6\n"_s.arg(pick(words),
                    QString::number(line), pick(words), pick(words),
                    QString::number(m_random.bounded(1000u)), pick(words));
            text += u"```\n\n"_s;
        }
    }
    return text.trimmed();
}

// Most turns are served at once; some after a 429 upstream (and a failover to
// the next step), a few after two.
QList<Attempt> YearOfHistory::attemptsOfTurn(int *served)
{
    const double draw = m_random.generateDouble();
    const int refused = draw < 0.04 ? 2 : draw < 0.18 ? 1 : 0;
    QList<Attempt> attempts;
    qint64 at = 0;
    for (int i = 0; i <= refused; ++i) {
        Attempt attempt;
        attempt.index = i;
        attempt.stepIndex = i;
        attempt.endpointId = u"openrouter"_s;
        attempt.requestedModel = models[(i + int(draw * 100)) % models.size()];
        attempt.provider = pick(providers);
        attempt.timings = { at + 2, at + 120, -1, -1, at + 130 };
        if (i < refused) {
            attempt.httpStatus = 429;
            attempt.outcome = Outcome::RateLimitedUpstream;
            attempt.party = Party::Provider;
            attempt.errorCode = u"429"_s;
            attempt.message = u"Provider returned error"_s;
            attempt.raw =
                u"%1 is temporarily rate-limited upstream. Please retry shortly, or add "
                "your own key to accumulate your rate limits: "
                "https://openrouter.ai/settings/integrations"_s.arg(attempt.requestedModel);
            attempt.retryAfterS = 15 + int(m_random.bounded(16u));
            attempt.summary = u"%1 is rate-limited upstream at %2."_s.arg(
                attempt.requestedModel, attempt.provider);
            attempt.body = R"({"error":{"message":"Provider returned error","code":429}})";
            at += 140;
        } else {
            attempt.servedModel = attempt.requestedModel;
            attempt.httpStatus = 200;
            attempt.finishReason = u"stop"_s;
            attempt.timings = { at + 2, at + 150, at + 400, at + 1800, at + 1810 };
            attempt.usage = Usage { 150, 320, 470, 0, 0, false };
        }
        attempts << attempt;
    }
    *served = refused;
    return attempts;
}

ConversationRecord YearOfHistory::conversation(int index, int turns, const QDateTime &start)
{
    ConversationRecord record;
    Conversation &c = record.conversation;
    c.title = index % 7 == 3 ? pick(cjk) : u"%1 %2"_s.arg(pick(verbs), pick(topics));
    c.title[0] = c.title[0].toUpper();
    c.routeName = u"Free first"_s;
    c.createdAt = start;
    qint64 at = start.toMSecsSinceEpoch();
    qint64 previous = 0;
    for (int turn = 0; turn < turns; ++turn) {
        const qint64 userId = 2 * turn + 1;
        const qint64 replyId = userId + 1;
        const QDateTime asked = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        record.messages << StoredMessage { .id = userId,
            .conversationId = 0,
            .turnId = turn + 1,
            .parentId = previous,
            .role = u"user"_s,
            .content = question(),
            .reasoning = {},
            .state = MessageState::Complete,
            .attachments = {},
            .createdAt = asked,
            .updatedAt = asked };
        StoredTurn stored;
        stored.id = turn + 1;
        stored.userMessageId = userId;
        stored.assistantMessageId = replyId;
        stored.status = TurnResult::Status::Served;
        stored.attempts = attemptsOfTurn(&stored.servedAttempt);
        stored.durationMs = stored.attempts.last().timings.finishedMs;
        stored.startedAt = asked;
        at += stored.durationMs;
        const QDateTime answered = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        record.messages << StoredMessage { .id = replyId,
            .conversationId = 0,
            .turnId = turn + 1,
            .parentId = userId,
            .role = u"assistant"_s,
            .content = reply(),
            .reasoning = {},
            .state = MessageState::Complete,
            .attachments = {},
            .createdAt = answered,
            .updatedAt = answered };
        record.turns << stored;
        previous = replyId;
        at += 20'000 + qint64(m_random.bounded(200'000u)); // reading, then the next question
    }
    c.updatedAt = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
    c.currentLeafId = previous;
    return record;
}

Result<YearOfHistory::Written> YearOfHistory::write(ConversationStore &store)
{
    QElapsedTimer clock;
    clock.start();
    Written written;
    const QList<int> lengths = conversationLengths();
    const qint64 yearStart = QDateTime::currentMSecsSinceEpoch() - 365 * dayMs;
    sql::WriteTransaction transaction(store.database().connection());
    if (!transaction.isActive())
        return sql::failure(transaction.error());
    for (int i = 0; i < lengths.size(); ++i) {
        const qint64 start = yearStart + qint64(i) * 365 * dayMs / lengths.size();
        const ConversationRecord record =
            conversation(i, lengths[i], QDateTime::fromMSecsSinceEpoch(start, Qt::UTC));
        const Result<qint64> id = store.importRecord(record);
        if (!id)
            return Error(id.error());
        if (lengths[i] * 2 == longConversationMessages)
            written.longConversationId = *id;
        ++written.conversations;
        written.messages += int(record.messages.size());
        for (const StoredTurn &turn : record.turns)
            written.attempts += int(turn.attempts.size());
        for (const StoredMessage &message : record.messages)
            written.bytes += message.content.size();
    }
    if (!transaction.commit())
        return sql::failure(transaction.error());
    written.seconds = double(clock.nsecsElapsed()) / 1e9;
    return written;
}

QStringList YearOfHistory::queries(int count)
{
    const QStringList missing = { u"xylophone"_s, u"kangaroo court"_s, u"Wittgenstein"_s };
    QStringList result;
    while (result.size() < count) {
        const double draw = m_random.generateDouble();
        if (draw < 0.45)
            result << pick(words);
        else if (draw < 0.6)
            result << pick(rareWords);
        else if (draw < 0.75)
            result << pick(topics);
        else if (draw < 0.85)
            result << pick(cjk).left(2 + int(m_random.bounded(3u)));
        else if (draw < 0.95)
            result << pick(words) + u' ' + pick(words);
        else
            result << pick(missing);
    }
    return result;
}

} // namespace detour
