// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentRows.h"

#include "SqlUtil.h"

#include <QHash>
#include <QSqlQuery>

namespace detour {

using namespace Qt::StringLiterals;

AttachmentRows::AttachmentRows(const QSqlDatabase &db)
    : m_db(db)
{
}

QString AttachmentRows::kindName(Attachment::Kind kind)
{
    switch (kind) {
    case Attachment::Kind::Image:
        return u"image"_s;
    case Attachment::Kind::Pdf:
        return u"pdf"_s;
    case Attachment::Kind::Text:
        return u"text"_s;
    }
    return {};
}

std::optional<Attachment::Kind> AttachmentRows::kindFromName(const QString &name)
{
    for (const auto kind :
        { Attachment::Kind::Image, Attachment::Kind::Pdf, Attachment::Kind::Text }) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

Result<> AttachmentRows::insert(qint64 messageId, const QList<Attachment> &attachments) const
{
    if (attachments.isEmpty())
        return {};
    if (Result<> fits = AttachmentLoader::checkMessageTotal(attachments); !fits)
        return fits;
    QSqlQuery blob(m_db);
    blob.prepare(u"INSERT OR IGNORE INTO attachment_blobs (digest, size, data) VALUES (?, ?, ?)"_s);
    QSqlQuery link(m_db);
    link.prepare(u"INSERT INTO message_attachments (message_id, position, digest, kind, "
                 "file_name, mime_type) VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype position = 0; position < attachments.size(); ++position) {
        const Attachment &attachment = attachments[position];
        const QString digest = QString::fromLatin1(attachment.digest());
        blob.addBindValue(digest);
        blob.addBindValue(attachment.size());
        blob.addBindValue(attachment.data);
        if (Result<> ran = sql::run(blob); !ran)
            return ran;
        link.addBindValue(messageId);
        link.addBindValue(qint64(position));
        link.addBindValue(digest);
        link.addBindValue(kindName(attachment.kind));
        link.addBindValue(sql::text(attachment.fileName));
        link.addBindValue(sql::text(attachment.mimeType));
        if (Result<> ran = sql::run(link); !ran)
            return ran;
    }
    return {};
}

Result<> AttachmentRows::fill(qint64 conversationId, QList<StoredMessage> &messages) const
{
    // A database opened at an older schema version on purpose (tests, Database::Options)
    // has no attachments to give.
    if (!m_db.tables().contains(u"message_attachments"_s))
        return {};
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT a.message_id, a.kind, a.file_name, a.mime_type, b.data "
                  "FROM message_attachments a JOIN messages m ON m.id = a.message_id "
                  "JOIN attachment_blobs b ON b.digest = a.digest "
                  "WHERE m.conversation_id = ? ORDER BY a.message_id, a.position"_s);
    query.addBindValue(conversationId);
    if (Result<> ran = sql::run(query); !ran)
        return ran;
    QHash<qint64, qsizetype> indexOf;
    for (qsizetype i = 0; i < messages.size(); ++i)
        indexOf.insert(messages[i].id, i);
    while (query.next()) {
        const auto found = indexOf.constFind(query.value(0).toLongLong());
        if (found == indexOf.constEnd())
            continue;
        Attachment attachment;
        attachment.kind = kindFromName(query.value(1).toString()).value_or(Attachment::Kind::Text);
        attachment.fileName = query.value(2).toString();
        attachment.mimeType = query.value(3).toString();
        attachment.data = query.value(4).toByteArray();
        messages[*found].attachments.append(attachment);
    }
    return {};
}

Result<int> AttachmentRows::dropUnused() const
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM attachment_blobs WHERE digest NOT IN "
                  "(SELECT digest FROM message_attachments)"_s);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    return query.numRowsAffected();
}

} // namespace detour
