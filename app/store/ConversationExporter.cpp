// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationExporter.h"

#include "AttachmentRows.h"
#include "ConversationTree.h"
#include "StoreJson.h"
#include "protocol/JsonUtil.h"
#include "route/TurnBadge.h"

#include <QHash>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A message's "attachments" in the JSON export: name, type, kind, size, SHA-256 and the
// bytes in base64; the size and digest must match the bytes.
QList<Attachment> readAttachments(storejson::Reader &read, const Json &list)
{
    QList<Attachment> attachments;
    if (list.is_null())
        return attachments; // exported before attachments existed
    if (!list.is_array()) {
        read.fail(QCoreApplication::translate(
            "detour::ConversationExporter", "A message's \"attachments\" must be a list."));
        return attachments;
    }
    for (const Json &a : list) {
        Attachment attachment;
        attachment.fileName = read.str(a, "file_name");
        attachment.mimeType = read.str(a, "mime_type");
        const auto kind = AttachmentRows::kindFromName(read.str(a, "kind"));
        const auto decoded = QByteArray::fromBase64Encoding(
            read.str(a, "data").toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!kind || !decoded || attachment.fileName.isEmpty()) {
            read.fail(QCoreApplication::translate("detour::ConversationExporter",
                "An attachment has no name, an unknown kind or bytes that are "
                "not base64."));
            continue;
        }
        attachment.kind = *kind;
        attachment.data = decoded.decoded;
        if (read.integer(a, "size", -1) != attachment.size()
            || read.str(a, "sha256").toLatin1() != attachment.digest()) {
            read.fail(QCoreApplication::translate("detour::ConversationExporter",
                "Attachment \"%1\" does not match its size or SHA-256.")
                          .arg(attachment.fileName));
            continue;
        }
        attachments.append(attachment);
    }
    return attachments;
}

QString number(double value)
{
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

QString markdownEscaped(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (QChar c : text) {
        if (c == u'*' || c == u'_' || c == u'`' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

QString roleHeading(const QString &role)
{
    if (role == u"user"_s)
        return ConversationExporter::tr("You");
    if (role == u"assistant"_s)
        return ConversationExporter::tr("Assistant");
    if (role == u"system"_s)
        return ConversationExporter::tr("System");
    return role;
}

// A short section under the title: the system prompt as a quote, the parameters
// on one line with their wire names (what a reader would set elsewhere).
QString settingsSection(const ConversationSettings &settings)
{
    QString out;
    const QString prompt = settings.systemPrompt.trimmed();
    if (!prompt.isEmpty()) {
        out += u"## "_s + ConversationExporter::tr("System prompt") + u"\n\n"_s;
        for (const QString &line : prompt.split(u'\n'))
            out += (line.isEmpty() ? u">"_s : u"> "_s + line) + u'\n';
        out += u'\n';
    }
    const Json parameters = settings.parametersJson();
    if (!parameters.empty()) {
        QStringList shown;
        for (const auto &[name, value] : parameters.items())
            shown << QString::fromStdString(name) + u' ' + QString::fromStdString(value.dump());
        out += u'*'
            + markdownEscaped(ConversationExporter::tr("Parameters: %1").arg(shown.join(u" · "_s)))
            + u"*\n\n"_s;
    }
    return out;
}

QString providerOf(const Attempt &attempt)
{
    return attempt.provider.isEmpty() ? attempt.endpointId : attempt.provider;
}

QString modelOf(const Attempt &attempt)
{
    return attempt.servedModel.isEmpty() ? attempt.requestedModel : attempt.servedModel;
}

} // namespace

QString ConversationExporter::outcomeLine(const StoredTurn &turn)
{
    switch (turn.status) {
    case TurnResult::Status::Served: {
        const Attempt *served = turn.served();
        QStringList parts;
        if (served) {
            parts << tr("Served by %1").arg(providerOf(*served));
            if (!modelOf(*served).isEmpty())
                parts << modelOf(*served);
        } else {
            parts << tr("Served");
        }
        if (const int count = fallbackCount(turn.attempts, turn.servedAttempt))
            parts << TurnBadge::fallbacks(count);
        parts << TurnBadge::seconds(turn.durationMs, QLocale::c());
        if (served && served->usage) {
            parts << tr("%1 tok").arg(served->usage->totalTokens);
            if (served->usage->cost)
                parts << TurnBadge::dollars(*served->usage->cost, QLocale::c());
        }
        return parts.join(u" · "_s);
    }
    case TurnResult::Status::Interrupted: {
        const Attempt *last = turn.attempts.isEmpty() ? nullptr : &turn.attempts.constLast();
        if (last && !providerOf(*last).isEmpty())
            return tr("Interrupted at %1 · %2 after %3: %4")
                .arg(providerOf(*last), modelOf(*last),
                    TurnBadge::seconds(turn.durationMs, QLocale::c()), turn.summary);
        return tr("Interrupted: %1").arg(turn.summary);
    }
    case TurnResult::Status::Failed:
        return tr("Not served: %1").arg(turn.summary);
    case TurnResult::Status::Cancelled:
        return tr("Cancelled: %1").arg(turn.summary);
    }
    return {};
}

QString ConversationExporter::outcomeLine(const StoredMessage &message, const StoredTurn *turn)
{
    if (turn)
        return outcomeLine(*turn);
    switch (message.state) {
    case MessageState::Complete:
        return {};
    case MessageState::Streaming:
        return tr("Still arriving when this was exported.");
    case MessageState::Interrupted:
        return tr("Interrupted: Detour stopped before this reply was complete.");
    case MessageState::Failed:
        return tr("Not served.");
    case MessageState::Cancelled:
        return tr("Cancelled.");
    }
    return {};
}

QString ConversationExporter::toMarkdown(const ConversationRecord &record, Thinking thinking)
{
    const Conversation &conversation = record.conversation;
    QString title = conversation.title.simplified();
    if (title.isEmpty())
        title = tr("Untitled conversation");
    QString out = u"# "_s + title + u"\n\n"_s;
    QStringList about;
    if (!conversation.routeName.isEmpty())
        about << tr("Route: %1").arg(conversation.routeName);
    if (conversation.createdAt.isValid())
        about << tr("started %1 UTC")
                     .arg(conversation.createdAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
    if (!about.isEmpty())
        out += u'*' + markdownEscaped(about.join(u" · "_s)) + u"*\n\n"_s;
    out += settingsSection(conversation.settings);

    const QHash<qint64, const StoredTurn *> turnsById = record.turnsById();
    // The branch on screen; the JSON keeps the others.
    const QList<StoredMessage> branch =
        ConversationTree::pathIn(record.messages, conversation.currentLeafId);
    for (const StoredMessage &message : branch) {
        out += u"## "_s + roleHeading(message.role) + u"\n\n"_s;
        if (thinking == Thinking::Included && !message.reasoning.isEmpty()) {
            out += u"<details><summary>"_s + tr("Reasoning") + u"</summary>\n\n"_s
                + message.reasoning.trimmed() + u"\n\n</details>\n\n"_s;
        }
        const QString content = message.content.trimmed();
        if (!content.isEmpty())
            out += content + u"\n\n"_s;
        for (const Attachment &attachment : message.attachments) { // the bytes are in the JSON
            out += u'*'
                + markdownEscaped(tr("Attached: %1 (%2, %3)")
                                      .arg(attachment.fileName, attachment.mimeType,
                                          QLocale().formattedDataSize(attachment.size())))
                + u"*\n\n"_s;
        }
        if (message.role == u"assistant"_s) {
            const QString line = outcomeLine(message, turnsById.value(message.turnId));
            if (!line.isEmpty())
                out += u'*' + markdownEscaped(line) + u"*\n\n"_s;
        }
    }
    out.chop(1); // one newline at the end
    return out;
}

QByteArray ConversationExporter::toJson(const ConversationRecord &record)
{
    QHash<qint64, int> messageIndex;
    for (qsizetype i = 0; i < record.messages.size(); ++i)
        messageIndex.insert(record.messages[i].id, int(i));
    QHash<qint64, int> turnIndex;
    for (qsizetype i = 0; i < record.turns.size(); ++i)
        turnIndex.insert(record.turns[i].id, int(i));
    const auto indexOr = [](const QHash<qint64, int> &map, qint64 id) {
        return id != 0 && map.contains(id) ? Json(map.value(id)) : Json(nullptr);
    };

    const Conversation &c = record.conversation;
    Json messages = Json::array();
    for (const StoredMessage &m : record.messages) {
        Json attachments = Json::array();
        for (const Attachment &a : m.attachments) {
            attachments.push_back({ { "file_name", json::toStd(a.fileName) },
                { "mime_type", json::toStd(a.mimeType) },
                { "kind", json::toStd(AttachmentRows::kindName(a.kind)) }, { "size", a.size() },
                { "sha256", a.digest().toStdString() },
                { "data", a.data.toBase64().toStdString() } });
        }
        messages.push_back({ { "role", json::toStd(m.role) }, { "content", json::toStd(m.content) },
            { "attachments", attachments }, { "reasoning", json::toStd(m.reasoning) },
            { "state", json::toStd(messageStateName(m.state)) },
            { "created_at", storejson::time(m.createdAt) },
            { "updated_at", storejson::time(m.updatedAt) },
            { "turn", indexOr(turnIndex, m.turnId) },
            { "parent", indexOr(messageIndex, m.parentId) } });
    }
    Json turns = Json::array();
    for (const StoredTurn &t : record.turns) {
        Json attempts = Json::array();
        for (const Attempt &attempt : t.attempts)
            attempts.push_back(storejson::attempt(attempt));
        turns.push_back({ { "user_message", indexOr(messageIndex, t.userMessageId) },
            { "assistant_message", indexOr(messageIndex, t.assistantMessageId) },
            { "status", json::toStd(turnStatusName(t.status)) },
            { "summary", json::toStd(t.summary) }, { "duration_ms", t.durationMs },
            { "started_at", storejson::time(t.startedAt) }, { "served_attempt", t.servedAttempt },
            { "attempts", attempts } });
    }
    const Json document = {
        { "format", jsonFormat },
        { "version", jsonVersion },
        { "conversation",
            { { "title", json::toStd(c.title) }, { "route_name", json::toStd(c.routeName) },
                { "created_at", storejson::time(c.createdAt) },
                { "updated_at", storejson::time(c.updatedAt) },
                { "deleted_at", storejson::time(c.deletedAt) },
                { "system_prompt", json::toStd(c.settings.systemPrompt) },
                { "parameters", c.settings.parametersJson() },
                { "current_message", indexOr(messageIndex, c.currentLeafId) },
                { "origin", c.origin.isEmpty() ? Json(nullptr) : Json(json::toStd(c.origin)) } } },
        { "messages", messages },
        { "turns", turns },
    };
    return storejson::dump(document, 2) + '\n';
}

Result<ConversationRecord> ConversationExporter::fromJson(QByteArrayView bytes)
{
    const auto refuse = [](const QString &why) { return Error(why); };
    const std::optional<Json> parsed = json::parse(bytes);
    if (!parsed || !parsed->is_object())
        return refuse(tr("This is not a JSON object."));
    const Json &document = *parsed;
    storejson::Reader read;
    if (read.str(document, "format") != QLatin1StringView(jsonFormat))
        return refuse(tr("This is not a Detour conversation (\"format\" is not \"%1\").")
                          .arg(QLatin1StringView(jsonFormat)));
    const qint64 version = read.integer(document, "version", 0);
    if (version < 1)
        return refuse(tr("The conversation has no valid \"version\"."));
    if (version > jsonVersion)
        return refuse(tr("The conversation was exported by a newer Detour (format version %1; this "
                         "version reads up to %2).")
                          .arg(version)
                          .arg(jsonVersion));

    ConversationRecord record;
    const Json &c = read.member(document, "conversation");
    if (!c.is_object())
        return refuse(tr("\"conversation\" is missing."));
    record.conversation.title = read.str(c, "title");
    record.conversation.routeName = read.str(c, "route_name");
    const auto time = [&read](const Json &object, const char *key) {
        const auto moment = storejson::timeFrom(read.member(object, key));
        if (!moment)
            read.fail(tr("\"%1\" is not an ISO 8601 time.").arg(QLatin1StringView(key)));
        return moment.value_or(QDateTime());
    };
    record.conversation.createdAt = time(c, "created_at");
    record.conversation.updatedAt = time(c, "updated_at");
    record.conversation.deletedAt = time(c, "deleted_at");
    // Both arrived after version 1 was released; files without them are still version 1.
    record.conversation.settings.systemPrompt = read.str(c, "system_prompt");
    record.conversation.settings.readParameters(read.member(c, "parameters"));

    const Json &messages = read.member(document, "messages");
    const Json &turns = read.member(document, "turns");
    if (!messages.is_array() || !turns.is_array())
        return refuse(tr("\"messages\" and \"turns\" must be lists."));
    const auto reference = [&read](const Json &object, const char *key, size_t count) -> qint64 {
        const std::optional<qint64> index = read.optionalInteger(object, key);
        if (!index)
            return 0;
        if (*index < 0 || size_t(*index) >= count) {
            read.fail(tr("\"%1\" refers to a missing entry.").arg(QLatin1StringView(key)));
            return 0;
        }
        return *index + 1;
    };
    for (const Json &m : messages) {
        StoredMessage message;
        message.id = qint64(record.messages.size()) + 1;
        message.role = read.str(m, "role");
        if (message.role.isEmpty())
            read.fail(tr("A message has no role."));
        message.content = read.str(m, "content");
        message.reasoning = read.str(m, "reasoning");
        const QString state = read.str(m, "state");
        if (const auto known = messageStateFromName(state))
            message.state = *known;
        else
            read.fail(tr("Unknown message state \"%1\".").arg(state));
        message.createdAt = time(m, "created_at");
        message.updatedAt = time(m, "updated_at");
        message.turnId = reference(m, "turn", turns.size());
        message.attachments = readAttachments(read, read.member(m, "attachments"));
        // Version 1 knew no branches: each message followed the one before it.
        message.parentId = version < 2 ? message.id - 1 : reference(m, "parent", messages.size());
        record.messages.append(message);
    }
    record.conversation.currentLeafId = version < 2
        ? qint64(record.messages.size())
        : reference(c, "current_message", messages.size());
    record.conversation.origin = read.str(c, "origin");
    for (const Json &t : turns) {
        StoredTurn turn;
        turn.id = qint64(record.turns.size()) + 1;
        turn.userMessageId = reference(t, "user_message", messages.size());
        turn.assistantMessageId = reference(t, "assistant_message", messages.size());
        const QString status = read.str(t, "status");
        if (const auto known = turnStatusFromName(status))
            turn.status = *known;
        else
            read.fail(tr("Unknown turn status \"%1\".").arg(status));
        turn.summary = read.str(t, "summary");
        turn.durationMs = read.integer(t, "duration_ms");
        turn.startedAt = time(t, "started_at");
        turn.servedAttempt = int(read.integer(t, "served_attempt", -1));
        const Json &attempts = read.member(t, "attempts");
        if (!attempts.is_array() && !attempts.is_null())
            read.fail(tr("\"attempts\" must be a list."));
        for (const Json &a : attempts.is_array() ? attempts : Json::array()) {
            if (const Result<Attempt> attempt = storejson::attemptFrom(a))
                turn.attempts.append(*attempt);
            else
                read.fail(tr("Turn %1, attempt %2: %3.")
                              .arg(turn.id)
                              .arg(turn.attempts.size() + 1)
                              .arg(attempt.error()));
        }
        record.turns.append(turn);
    }
    if (!read.ok())
        return refuse(read.error());
    return record;
}

QString ConversationExporter::csvField(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n')
        && !field.contains(u'\r'))
        return field;
    QString quoted = field;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QByteArray ConversationExporter::attemptsCsv(const ConversationRecord &record)
{
    static const QStringList header {
        u"turn"_s,
        u"turn_started_at"_s,
        u"turn_status"_s,
        u"turn_fallbacks"_s,
        u"attempt"_s,
        u"attempt_started_at"_s,
        u"step"_s,
        u"endpoint"_s,
        u"endpoint_kind"_s,
        u"requested_model"_s,
        u"served_model"_s,
        u"provider"_s,
        u"http_status"_s,
        u"outcome"_s,
        u"party"_s,
        u"summary"_s,
        u"fixes"_s,
        u"retry_after_s"_s,
        u"error_code"_s,
        u"message"_s,
        u"raw"_s,
        u"wait_before_ms"_s,
        u"sent_ms"_s,
        u"headers_ms"_s,
        u"first_token_ms"_s,
        u"last_token_ms"_s,
        u"finished_ms"_s,
        u"interrupted"_s,
        u"finish_reason"_s,
        u"cooling_until"_s,
        u"generation_id"_s,
        u"prompt_tokens"_s,
        u"completion_tokens"_s,
        u"total_tokens"_s,
        u"reasoning_tokens"_s,
        u"cost"_s,
        u"is_byok"_s,
        u"server_attempts"_s,
    };
    const auto ms = [](qint64 value) { return value < 0 ? QString() : QString::number(value); };
    const auto time = [](const QDateTime &moment) {
        return moment.isValid() ? moment.toUTC().toString(Qt::ISODateWithMs) : QString();
    };
    const auto flag = [](const std::optional<bool> &value) {
        return value ? (*value ? u"true"_s : u"false"_s) : QString();
    };

    QString out;
    const auto row = [&out](const QStringList &fields) {
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted << csvField(field);
        out += quoted.join(u',') + u"\r\n"_s;
    };
    row(header);
    for (qsizetype t = 0; t < record.turns.size(); ++t) {
        const StoredTurn &turn = record.turns[t];
        for (const Attempt &a : turn.attempts) {
            QStringList fixes;
            for (Fix fix : a.fixes)
                fixes << fixName(fix);
            QStringList servers;
            for (const ServerAttempt &s : a.serverAttempts) {
                QString entry = s.provider + u' ' + QString::number(s.status);
                if (!s.code.isEmpty())
                    entry += u' ' + s.code;
                servers << entry;
            }
            const std::optional<Usage> &usage = a.usage;
            row({ QString::number(t + 1), time(turn.startedAt), turnStatusName(turn.status),
                QString::number(fallbackCount(turn.attempts, turn.servedAttempt)),
                QString::number(a.index + 1), time(a.startedAt), QString::number(a.stepIndex + 1),
                a.endpointId, endpointKindName(a.endpointKind), a.requestedModel, a.servedModel,
                a.provider, a.httpStatus ? QString::number(a.httpStatus) : QString(),
                outcomeName(a.outcome), partyName(a.party), a.summary, fixes.join(u' '),
                a.retryAfterS ? number(*a.retryAfterS) : QString(), a.errorCode, a.message, a.raw,
                QString::number(a.waitBeforeMs), ms(a.timings.sentMs), ms(a.timings.headersMs),
                ms(a.timings.firstTokenMs), ms(a.timings.lastTokenMs), ms(a.timings.finishedMs),
                a.interrupted ? u"true"_s : u"false"_s, a.finishReason, time(a.coolingUntil),
                a.generationId, usage ? QString::number(usage->promptTokens) : QString(),
                usage ? QString::number(usage->completionTokens) : QString(),
                usage ? QString::number(usage->totalTokens) : QString(),
                usage ? QString::number(usage->reasoningTokens) : QString(),
                usage && usage->cost ? number(*usage->cost) : QString(),
                usage ? flag(usage->isByok) : QString(), servers.join(u"; "_s) });
        }
    }
    return out.toUtf8();
}

} // namespace detour
