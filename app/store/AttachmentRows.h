// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Attachment.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace detour {

// The attachments of messages (schema 7): each file's bytes once in
// `attachment_blobs`, keyed by their SHA-256, however many messages attach them,
// and `message_attachments` linking a message to them in order, with the name
// and type it was attached under. Runs inside the caller's transaction.
class AttachmentRows final {
    Q_DECLARE_TR_FUNCTIONS(AttachmentRows)

public:
    explicit AttachmentRows(const QSqlDatabase &db);

    // Links `attachments` to message `messageId`, in order, storing bytes not stored
    // yet. Refused with AttachmentLoader::checkMessageTotal's sentence when too large.
    Result<> insert(qint64 messageId, const QList<Attachment> &attachments) const;
    // Each message's attachments, in order, filled in from the database.
    Result<> fill(qint64 conversationId, QList<StoredMessage> &messages) const;
    // Deletes the bytes no message links to any more (after conversations are purged);
    // returns how many files went.
    Result<int> dropUnused() const;

    static QString kindName(Attachment::Kind kind); // "image", "pdf", "text"
    static std::optional<Attachment::Kind> kindFromName(const QString &name);

private:
    QSqlDatabase m_db;
};

} // namespace detour
