// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ImportedHistory.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace detour {

int ImportedConversation::branchCount() const
{
    QSet<QString> parents;
    for (const ImportedMessage &message : messages) {
        if (!message.parentKey.isEmpty())
            parents.insert(message.parentKey);
    }
    int leaves = 0;
    for (const ImportedMessage &message : messages)
        leaves += parents.contains(message.key) ? 0 : 1;
    return leaves;
}

QList<ImportedMessage> ImportedConversation::currentPath() const
{
    QHash<QString, qsizetype> byKey;
    for (qsizetype i = 0; i < messages.size(); ++i)
        byKey.insert(messages[i].key, i);
    QList<ImportedMessage> path;
    QString key = currentLeafKey;
    // At most one step per message: a malformed shape cannot loop here.
    while (!key.isEmpty() && byKey.contains(key) && path.size() < messages.size()) {
        const ImportedMessage &message = messages[byKey.value(key)];
        path.prepend(message);
        key = message.parentKey;
    }
    return path;
}

int ImportedHistory::messageCount() const
{
    int count = 0;
    for (const ImportedConversation &conversation : conversations)
        count += int(conversation.messages.size());
    return count;
}

int ImportedHistory::branchCount() const
{
    int count = 0;
    for (const ImportedConversation &conversation : conversations)
        count += conversation.branchCount();
    return count;
}

void ImportedHistory::keepAttachmentsWithinLimit()
{
    for (ImportedConversation &conversation : conversations) {
        for (ImportedMessage &message : conversation.messages) {
            while (!AttachmentLoader::checkMessageTotal(message.attachments)) {
                const Attachment dropped = message.attachments.takeLast();
                skipped.append(
                    { QCoreApplication::translate("detour::ImportedHistory", "%1, message %2")
                            .arg(conversation.origin, message.key),
                        QCoreApplication::translate("detour::ImportedHistory",
                            "a picture beyond what one message may carry (%1)")
                            .arg(dropped.fileName) });
            }
        }
    }
}

} // namespace detour
