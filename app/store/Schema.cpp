// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversation database's schema history. Steps are only ever appended:
// a released step never changes, since databases in the wild already ran it.
#include "Schema.h"

#include "Database.h"

#include <array>
#include <utility>

namespace detour {

using namespace Qt::StringLiterals;

namespace schema {
namespace {

constexpr std::array<std::pair<char32_t, char32_t>, 12> substringScripts { {
    { 0x0E00, 0x0EFF }, // Thai, Lao
    { 0x0F00, 0x0FFF }, // Tibetan
    { 0x1000, 0x109F }, // Myanmar
    { 0x1780, 0x17FF }, // Khmer
    { 0x3040, 0x30FF }, // Hiragana, Katakana
    { 0x3400, 0x4DBF }, // CJK Unified Ideographs Extension A
    { 0x4E00, 0x9FFF }, // CJK Unified Ideographs
    { 0xAC00, 0xD7AF }, // Hangul syllables
    { 0xF900, 0xFAFF }, // CJK Compatibility Ideographs
    { 0xFF66, 0xFF9F }, // half-width Katakana
    { 0x20000, 0x2FFFF }, // CJK Extensions B-F, compatibility supplement
    { 0x30000, 0x3134F }, // CJK Extension G
} };

} // namespace

bool isSubstringScript(char32_t codePoint)
{
    for (const auto &[first, last] : substringScripts) {
        if (codePoint >= first && codePoint <= last)
            return true;
    }
    return false;
}

bool needsSubstringSearch(QStringView text)
{
    for (char32_t codePoint : text.toUcs4()) {
        if (isSubstringScript(codePoint))
            return true;
    }
    return false;
}

QString substringScriptGlob()
{
    QString pattern = u"*["_s;
    for (const auto &[first, last] : substringScripts)
        pattern += QString::fromUcs4(&first, 1) + u'-' + QString::fromUcs4(&last, 1);
    return pattern + u"]*"_s;
}

} // namespace schema

namespace {

QList<Database::Migration> buildMigrations()
{
    QList<Database::Migration> steps;

    // 1: conversations, messages, turns and every attempt of every turn.
    // Times are milliseconds since the epoch (UTC). Texts are never NULL.
    steps.append({ 1, u"conversations, messages, turns, attempts"_s,
        {
            uR"(CREATE TABLE conversations (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL DEFAULT '',
                route_name TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                deleted_at INTEGER))"_s,
            u"CREATE INDEX conversations_by_update ON conversations (updated_at)"_s,
            u"CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL"_s,
            // state: complete | streaming | interrupted | failed | cancelled.
            // writer: the process streaming into the message (see WriterRegistry).
            uR"(CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                turn_id INTEGER REFERENCES turns (id) ON DELETE SET NULL,
                role TEXT NOT NULL,
                content TEXT NOT NULL DEFAULT '',
                reasoning TEXT NOT NULL DEFAULT '',
                state TEXT NOT NULL,
                writer TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL))"_s,
            u"CREATE INDEX messages_by_conversation ON messages (conversation_id, id)"_s,
            u"CREATE INDEX messages_by_turn ON messages (turn_id)"_s,
            u"CREATE INDEX messages_streaming ON messages (state) WHERE state = 'streaming'"_s,
            // status: served | interrupted | failed | cancelled (turnStatusName).
            uR"(CREATE TABLE turns (
                id INTEGER PRIMARY KEY,
                conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                user_message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
                assistant_message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
                status TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '',
                duration_ms INTEGER NOT NULL DEFAULT 0,
                started_at INTEGER NOT NULL,
                served_attempt INTEGER NOT NULL DEFAULT -1))"_s,
            u"CREATE INDEX turns_by_conversation ON turns (conversation_id, id)"_s,
            u"CREATE INDEX turns_by_user_message ON turns (user_message_id)"_s,
            u"CREATE INDEX turns_by_assistant_message ON turns (assistant_message_id)"_s,
            // One row per detour::Attempt. Names are the engine's wire names
            // (outcomeName, partyName, fixName, endpointKindName). Timings are ms
            // since the turn started, -1 = never. Usage columns are NULL when the
            // server reported no usage. body: the error body, at most
            // Attempt::maxStoredBody (64 KiB). response_headers: JSON
            // [[name, value], ...] with credentials already redacted.
            uR"(CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                turn_id INTEGER NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                step_index INTEGER NOT NULL,
                endpoint_id TEXT NOT NULL DEFAULT '',
                endpoint_kind TEXT NOT NULL,
                requested_model TEXT NOT NULL DEFAULT '',
                served_model TEXT NOT NULL DEFAULT '',
                provider TEXT NOT NULL DEFAULT '',
                generation_id TEXT NOT NULL DEFAULT '',
                http_status INTEGER NOT NULL DEFAULT 0,
                outcome TEXT NOT NULL,
                party TEXT NOT NULL DEFAULT '',
                summary TEXT NOT NULL DEFAULT '',
                fixes TEXT NOT NULL DEFAULT '[]',
                retry_after_s REAL,
                error_code TEXT NOT NULL DEFAULT '',
                message TEXT NOT NULL DEFAULT '',
                raw TEXT NOT NULL DEFAULT '',
                body BLOB,
                response_headers TEXT NOT NULL DEFAULT '[]',
                wait_before_ms INTEGER NOT NULL DEFAULT 0,
                cooling_until INTEGER,
                interrupted INTEGER NOT NULL DEFAULT 0,
                finish_reason TEXT NOT NULL DEFAULT '',
                sent_ms INTEGER NOT NULL DEFAULT -1,
                headers_ms INTEGER NOT NULL DEFAULT -1,
                first_token_ms INTEGER NOT NULL DEFAULT -1,
                last_token_ms INTEGER NOT NULL DEFAULT -1,
                finished_ms INTEGER NOT NULL DEFAULT -1,
                prompt_tokens INTEGER,
                completion_tokens INTEGER,
                total_tokens INTEGER,
                reasoning_tokens INTEGER,
                cost REAL,
                is_byok INTEGER,
                UNIQUE (turn_id, idx)))"_s,
            // OpenRouter's own tries inside one request; source: router_metadata |
            // generation | error_metadata (serverAttemptSourceName). Migration 5
            // renames it `sources`, a comma-separated list.
            uR"(CREATE TABLE server_attempts (
                id INTEGER PRIMARY KEY,
                attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                provider TEXT NOT NULL DEFAULT '',
                model TEXT NOT NULL DEFAULT '',
                status INTEGER NOT NULL DEFAULT 0,
                code TEXT NOT NULL DEFAULT '',
                latency_ms INTEGER,
                is_byok INTEGER,
                source TEXT NOT NULL,
                UNIQUE (attempt_id, position)))"_s,
        } });

    // 2: full-text search over message content (words; accents ignored).
    // External content: the text lives in `messages` only, triggers keep the
    // index in step (also for rows deleted by cascades).
    steps.append({ 2, u"full-text index of message content"_s,
        {
            uR"(CREATE VIRTUAL TABLE message_words USING fts5 (content,
                content = 'messages', content_rowid = 'id',
                tokenize = 'unicode61 remove_diacritics 2'))"_s,
            uR"(CREATE TRIGGER message_words_insert AFTER INSERT ON messages BEGIN
                INSERT INTO message_words (rowid, content) VALUES (new.id, new.content);
            END)"_s,
            uR"(CREATE TRIGGER message_words_delete AFTER DELETE ON messages BEGIN
                INSERT INTO message_words (message_words, rowid, content)
                    VALUES ('delete', old.id, old.content);
            END)"_s,
            uR"(CREATE TRIGGER message_words_update AFTER UPDATE OF content ON messages BEGIN
                INSERT INTO message_words (message_words, rowid, content)
                    VALUES ('delete', old.id, old.content);
                INSERT INTO message_words (rowid, content) VALUES (new.id, new.content);
            END)"_s,
            u"INSERT INTO message_words (message_words) VALUES ('rebuild')"_s,
        } });

    // 3: substring search for scripts without spaces (CJK, Thai, ...): a
    // trigram index over just the messages that contain such characters.
    const QString glob = schema::substringScriptGlob();
    steps.append({ 3, u"trigram index of messages in scripts without spaces"_s,
        {
            u"CREATE VIEW message_cjk_source AS SELECT id, content FROM messages WHERE content GLOB '%1'"_s
                .arg(glob),
            uR"(CREATE VIRTUAL TABLE message_cjk USING fts5 (content,
                content = 'message_cjk_source', content_rowid = 'id', tokenize = 'trigram'))"_s,
            uR"(CREATE TRIGGER message_cjk_insert AFTER INSERT ON messages BEGIN
                INSERT INTO message_cjk (rowid, content) SELECT new.id, new.content
                    WHERE new.content GLOB '%1';
            END)"_s.arg(glob),
            uR"(CREATE TRIGGER message_cjk_delete AFTER DELETE ON messages BEGIN
                INSERT INTO message_cjk (message_cjk, rowid, content)
                    SELECT 'delete', old.id, old.content WHERE old.content GLOB '%1';
            END)"_s.arg(glob),
            uR"(CREATE TRIGGER message_cjk_update AFTER UPDATE OF content ON messages BEGIN
                INSERT INTO message_cjk (message_cjk, rowid, content)
                    SELECT 'delete', old.id, old.content WHERE old.content GLOB '%1';
                INSERT INTO message_cjk (rowid, content) SELECT new.id, new.content
                    WHERE new.content GLOB '%1';
            END)"_s.arg(glob),
            u"INSERT INTO message_cjk (message_cjk) VALUES ('rebuild')"_s,
        } });

    // 4: a reply joins both indexes when it stops streaming. Indexing it on
    // every save while it streams re-tokenised the whole text once a second:
    // quadratic in the reply's length, and most of the engine's work per token.
    // The indexes are rebuilt from views that leave streaming rows out, so an
    // external-content 'delete' always finds what was indexed.
    steps.append({ 4, u"index replies once they stop streaming"_s,
        {
            u"DROP TRIGGER message_words_insert"_s,
            u"DROP TRIGGER message_words_delete"_s,
            u"DROP TRIGGER message_words_update"_s,
            u"DROP TABLE message_words"_s,
            u"DROP TRIGGER message_cjk_insert"_s,
            u"DROP TRIGGER message_cjk_delete"_s,
            u"DROP TRIGGER message_cjk_update"_s,
            u"DROP TABLE message_cjk"_s,
            u"DROP VIEW message_cjk_source"_s,
            u"CREATE VIEW message_words_source AS "
            "SELECT id, content FROM messages WHERE state != 'streaming'"_s,
            uR"(CREATE VIRTUAL TABLE message_words USING fts5 (content,
                content = 'message_words_source', content_rowid = 'id',
                tokenize = 'unicode61 remove_diacritics 2'))"_s,
            uR"(CREATE TRIGGER message_words_insert AFTER INSERT ON messages
                WHEN new.state != 'streaming' BEGIN
                INSERT INTO message_words (rowid, content) VALUES (new.id, new.content);
            END)"_s,
            uR"(CREATE TRIGGER message_words_delete AFTER DELETE ON messages
                WHEN old.state != 'streaming' BEGIN
                INSERT INTO message_words (message_words, rowid, content)
                    VALUES ('delete', old.id, old.content);
            END)"_s,
            uR"(CREATE TRIGGER message_words_update AFTER UPDATE OF content, state ON messages BEGIN
                INSERT INTO message_words (message_words, rowid, content)
                    SELECT 'delete', old.id, old.content WHERE old.state != 'streaming';
                INSERT INTO message_words (rowid, content)
                    SELECT new.id, new.content WHERE new.state != 'streaming';
            END)"_s,
            u"INSERT INTO message_words (message_words) VALUES ('rebuild')"_s,
            u"CREATE VIEW message_cjk_source AS SELECT id, content FROM messages "
            "WHERE state != 'streaming' AND content GLOB '%1'"_s.arg(glob),
            uR"(CREATE VIRTUAL TABLE message_cjk USING fts5 (content,
                content = 'message_cjk_source', content_rowid = 'id', tokenize = 'trigram'))"_s,
            uR"(CREATE TRIGGER message_cjk_insert AFTER INSERT ON messages
                WHEN new.state != 'streaming' AND new.content GLOB '%1' BEGIN
                INSERT INTO message_cjk (rowid, content) VALUES (new.id, new.content);
            END)"_s.arg(glob),
            uR"(CREATE TRIGGER message_cjk_delete AFTER DELETE ON messages
                WHEN old.state != 'streaming' AND old.content GLOB '%1' BEGIN
                INSERT INTO message_cjk (message_cjk, rowid, content)
                    VALUES ('delete', old.id, old.content);
            END)"_s.arg(glob),
            uR"(CREATE TRIGGER message_cjk_update AFTER UPDATE OF content, state ON messages BEGIN
                INSERT INTO message_cjk (message_cjk, rowid, content)
                    SELECT 'delete', old.id, old.content
                    WHERE old.state != 'streaming' AND old.content GLOB '%1';
                INSERT INTO message_cjk (rowid, content) SELECT new.id, new.content
                    WHERE new.state != 'streaming' AND new.content GLOB '%1';
            END)"_s.arg(glob),
            u"INSERT INTO message_cjk (message_cjk) VALUES ('rebuild')"_s,
        } });

    // 5: one row per provider try, and each attempt's own start time.
    // OpenRouter's tries inside a request were stored once per source that
    // reported them (router metadata, then /generation), so one try showed as
    // two. Rows of different sources for the same attempt, provider (any case)
    // and status are the same try when they are the n-th such row of their
    // source (mergeServerAttempts' rule); the first row of each try is kept,
    // completed with the fields only the others gave, and lists every source
    // in `sources` ("router_metadata,generation"). Attempts get `started_at`
    // (ms since the epoch), so a reopened conversation shows when each attempt
    // happened: older rows take their turn's start plus their offset into it.
    const auto sameTry =
        u"FROM server_attempts s JOIN server_tries t ON t.id = s.id "
        "WHERE t.try = (SELECT try FROM server_tries WHERE id = server_attempts.id)"_s;
    const auto fromOtherRows = [&sameTry](const char *column, const char *condition) {
        return u"(SELECT s.%1 %2 AND %3 ORDER BY s.position LIMIT 1)"_s.arg(
            QLatin1StringView(column), sameTry, QLatin1StringView(condition));
    };
    steps.append({ 5, u"one row per server-side try; attempt start times"_s,
        {
            u"ALTER TABLE attempts ADD COLUMN started_at INTEGER"_s,
            uR"(UPDATE attempts SET started_at =
                (SELECT t.started_at FROM turns t WHERE t.id = attempts.turn_id)
                + CASE WHEN sent_ms >= 0 THEN sent_ms WHEN finished_ms >= 0 THEN finished_ms
                  ELSE 0 END)"_s,
            u"ALTER TABLE server_attempts RENAME COLUMN source TO sources"_s,
            uR"(CREATE TEMP TABLE server_tries AS SELECT id, position,
                attempt_id || char(31) || lower(provider) || char(31) || status || char(31)
                || row_number() OVER (PARTITION BY attempt_id, lower(provider), status, sources
                                      ORDER BY position) AS try
                FROM server_attempts)"_s,
            uR"(CREATE TEMP TABLE server_keepers AS SELECT id FROM
                (SELECT id, row_number() OVER (PARTITION BY try ORDER BY position) AS n
                 FROM server_tries) WHERE n = 1)"_s,
            u"UPDATE server_attempts SET model = coalesce(nullif(model, ''), %1, ''), "
            "code = coalesce(nullif(code, ''), %2, ''), "
            "latency_ms = coalesce(latency_ms, %3), is_byok = coalesce(is_byok, %4), "
            "sources = (SELECT group_concat(sources, ',') FROM (SELECT s.sources, "
            "min(s.position) AS first %5 GROUP BY s.sources ORDER BY first)) "
            "WHERE id IN (SELECT id FROM server_keepers)"_s.arg(
                fromOtherRows("model", "s.model != ''"), fromOtherRows("code", "s.code != ''"),
                fromOtherRows("latency_ms", "s.latency_ms IS NOT NULL"),
                fromOtherRows("is_byok", "s.is_byok IS NOT NULL"), sameTry),
            u"DELETE FROM server_attempts WHERE id NOT IN (SELECT id FROM server_keepers)"_s,
            u"DROP TABLE server_keepers"_s,
            u"DROP TABLE server_tries"_s,
        } });

    // 6: each conversation's own settings: the system prompt that opens every
    // request, and the parameters sent with each, as JSON in OpenRouter's
    // request shape (ConversationSettings::parametersJson). Older conversations
    // have neither, which is what they were sent with.
    steps.append({ 6, u"system prompt and parameters per conversation"_s,
        {
            u"ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE conversations ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}'"_s,
        } });

    // 7: files attached to messages (AttachmentRows). Each file's bytes are kept
    // once, keyed by their SHA-256 (hex), however many messages attach them; a
    // message links to its files in order, with the name and type it attached
    // them under. Links go with their message; bytes no link uses any more are
    // dropped by AttachmentRows::dropUnused.
    steps.append({ 7, u"attachments, each file's bytes stored once"_s,
        {
            uR"(CREATE TABLE attachment_blobs (
                digest TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                data BLOB NOT NULL))"_s,
            uR"(CREATE TABLE message_attachments (
                message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                digest TEXT NOT NULL REFERENCES attachment_blobs(digest),
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                mime_type TEXT NOT NULL,
                PRIMARY KEY (message_id, position)))"_s,
            u"CREATE INDEX message_attachments_digest ON message_attachments (digest)"_s,
        } });

    // 8: a conversation is a tree (ConversationTree). Each message names the
    // message it answers or follows (parent_id; NULL for a first message), so an
    // edited question is a sibling of the original and a regenerated reply a
    // sibling of the earlier reply. current_leaf_id is the last message of the
    // branch on screen. origin says where an imported conversation came from
    // ("chatgpt:<id>"; NULL for conversations made in Detour), once per source.
    // Older conversations were single lines: each message follows the one
    // before it, and the branch on screen ends at the last. A message inserted
    // without a parent continues the current branch, and every insert becomes
    // the current leaf (the trigger), so writers that know nothing of branches
    // keep a linear conversation linear; an explicit parent is set after the
    // insert (ConversationTree::placeUnder).
    steps.append({ 8, u"conversations as trees; where imported conversations came from"_s,
        {
            u"ALTER TABLE messages ADD COLUMN parent_id INTEGER "
            "REFERENCES messages (id) ON DELETE CASCADE"_s,
            u"ALTER TABLE conversations ADD COLUMN current_leaf_id INTEGER "
            "REFERENCES messages (id) ON DELETE SET NULL"_s,
            u"ALTER TABLE conversations ADD COLUMN origin TEXT"_s,
            u"CREATE INDEX messages_by_parent ON messages (parent_id)"_s,
            u"CREATE UNIQUE INDEX conversations_by_origin ON conversations (origin) "
            "WHERE origin IS NOT NULL"_s,
            uR"(UPDATE messages SET parent_id = (SELECT max(p.id) FROM messages p
                WHERE p.conversation_id = messages.conversation_id AND p.id < messages.id))"_s,
            uR"(UPDATE conversations SET current_leaf_id =
                (SELECT max(m.id) FROM messages m WHERE m.conversation_id = conversations.id))"_s,
            uR"(CREATE TRIGGER messages_continue_branch AFTER INSERT ON messages BEGIN
                UPDATE messages SET parent_id = (SELECT current_leaf_id FROM conversations
                    WHERE id = new.conversation_id) WHERE id = new.id AND new.parent_id IS NULL;
                UPDATE conversations SET current_leaf_id = new.id WHERE id = new.conversation_id;
            END)"_s,
        } });

    return steps;
}

} // namespace

const QList<Database::Migration> &Database::migrations()
{
    static const QList<Migration> steps = buildMigrations();
    return steps;
}

int Database::latestVersion()
{
    return migrations().constLast().version;
}

} // namespace detour
