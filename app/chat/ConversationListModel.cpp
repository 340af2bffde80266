// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationListModel.h"

#include "store/ConversationStore.h"
#include "store/StoreLog.h"

#include <QLocale>
#include <QSet>

namespace detour {

using namespace Qt::StringLiterals;

ConversationListModel::ConversationListModel(ConversationStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    m_streamingRefresh.setSingleShot(true);
    m_streamingRefresh.setInterval(streamingRefreshMs);
    connect(&m_streamingRefresh, &QTimer::timeout, this, &ConversationListModel::refreshOrWarn);
    connect(m_store, &ConversationStore::conversationsChanged, this,
        &ConversationListModel::refreshOrWarn);
    // Only a search depends on message text; conversationsChanged covers the rest.
    connect(m_store, &ConversationStore::messagesChanged, this, [this] {
        if (isSearching() && !m_streamingRefresh.isActive())
            m_streamingRefresh.start();
    });
    refreshOrWarn();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const Conversation &conversation = row.conversation;
    switch (role) {
    case Qt::DisplayRole:
        return conversation.title.isEmpty() ? tr("Untitled conversation") : conversation.title;
    case Qt::EditRole:
        return conversation.title;
    case Qt::ToolTipRole: {
        const QString when =
            QLocale().toString(conversation.updatedAt.toLocalTime(), QLocale::ShortFormat);
        return tr("Last active %1").arg(when);
    }
    case IdRole:
        return conversation.id;
    case UpdatedRole:
        return conversation.updatedAt;
    case SnippetRole:
        return row.snippet;
    case HitMessageRole:
        return row.hitMessageId;
    case HitTermsRole:
        return row.hitTerms;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    return role == Qt::EditRole && index.isValid()
        && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        && rename(index.row(), value.toString()).hasValue();
}

Result<> ConversationListModel::rename(int row, const QString &text)
{
    if (row < 0 || row >= m_rows.size())
        return Error(tr("There is no conversation in row %1.").arg(row));
    const QString title = text.simplified();
    if (title.isEmpty())
        return Error(tr("A conversation needs a title."));
    const qint64 id = m_rows[row].conversation.id;
    if (title == m_rows[row].conversation.title)
        return {};
    if (Result<> renamed = m_store->renameConversation(id, title); !renamed)
        return renamed;
    // The store's signal has refreshed the rows (the row may have moved); make sure of the title.
    if (const int now = rowOf(id); now >= 0 && m_rows[now].conversation.title != title) {
        m_rows[now].conversation.title = title;
        Q_EMIT dataChanged(index(now), index(now));
    }
    return {};
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() // the root: views ask
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(UpdatedRole, "updated");
    names.insert(SnippetRole, "snippet");
    names.insert(HitMessageRole, "hitMessageId");
    names.insert(HitTermsRole, "hitTerms");
    return names;
}

Result<> ConversationListModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return {};
    m_searchText = trimmed;
    // The conversations are as the last refresh read them (every change to them
    // refreshes): a key typed into the search box runs the search alone.
    Result<> refreshed = refresh(Listing::Kept);
    Q_EMIT searchTextChanged(m_searchText);
    return refreshed;
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    return rowOf(conversationId, 0);
}

int ConversationListModel::rowOf(qint64 conversationId, int from) const
{
    for (int row = from; row < m_rows.size(); ++row) {
        if (m_rows[row].conversation.id == conversationId)
            return row;
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].conversation.id : 0;
}

Result<> ConversationListModel::remove(int row)
{
    if (row < 0 || row >= m_rows.size())
        return Error(tr("There is no conversation in row %1.").arg(row));
    const qint64 id = m_rows[row].conversation.id;
    const QString title = m_rows[row].conversation.title;
    if (Result<> deleted = m_store->deleteConversation(id); !deleted)
        return deleted;
    if (const int shown = rowOf(id); shown >= 0) { // the store's signal was blocked
        beginRemoveRows({}, shown, shown);
        m_rows.removeAt(shown);
        endRemoveRows();
    }
    m_removed.append({ id, title });
    if (m_removed.size() == 1)
        Q_EMIT undoAvailableChanged(true);
    Q_EMIT removed(id, title);
    return {};
}

Result<qint64> ConversationListModel::undoRemove()
{
    if (m_removed.isEmpty())
        return Error(tr("No deleted conversation is left to restore."));
    const Removed last = m_removed.takeLast();
    if (m_removed.isEmpty())
        Q_EMIT undoAvailableChanged(false);
    if (const Result<> restored = m_store->restoreConversation(last.id); !restored)
        return Error(restored.error());
    if (rowOf(last.id) < 0) // the store's signal was blocked
        refreshOrWarn();
    Q_EMIT restored(last.id);
    return last.id;
}

Result<> ConversationListModel::refresh()
{
    return refresh(Listing::Read);
}

Result<> ConversationListModel::refresh(Listing listing)
{
    m_streamingRefresh.stop();
    if (listing == Listing::Read || !m_listedOnce) {
        Result<QList<Conversation>> listed = m_store->conversations();
        if (!listed)
            return Error(listed.error());
        m_listed = *std::move(listed);
        m_listedOnce = true;
    }
    if (m_searchText.isEmpty()) {
        apply(rowsFor(m_listed, {}));
        return {};
    }
    const Result<QList<SearchHit>> found = m_store->searchConversations(m_searchText, searchLimit);
    apply(rowsFor(m_listed, found.valueOr({})));
    return found ? Result<>() : Error(found.error());
}

void ConversationListModel::refreshOrWarn()
{
    if (const Result<> refreshed = refresh(); !refreshed)
        qCWarning(lcStore).noquote()
            << "The conversation list was not refreshed:" << refreshed.error();
}

QList<ConversationListModel::Row> ConversationListModel::rowsFor(
    const QList<Conversation> &conversations, const QList<SearchHit> &hits) const
{
    QList<Row> rows;
    if (m_searchText.isEmpty()) {
        rows.reserve(conversations.size());
        for (const Conversation &conversation : conversations)
            rows.append({ conversation, QString(), 0, {} });
        return rows;
    }

    // The store's hits come newest first: the first one per conversation is its hit.
    QHash<qint64, SearchHit> best;
    for (const SearchHit &hit : hits) {
        if (!best.contains(hit.conversationId))
            best.insert(hit.conversationId, hit);
    }
    for (const Conversation &conversation : conversations) {
        const auto hit = best.constFind(conversation.id);
        if (hit != best.cend())
            rows.append({ conversation, hit->snippet, hit->messageId, hit->terms });
        else if (conversation.title.contains(m_searchText, Qt::CaseInsensitive))
            rows.append({ conversation, QString(), 0, {} });
    }
    return rows;
}

// Turns the rows into `target` with removals, block insertions and single-row
// moves, so persistent indexes (a view's selection) follow their conversation.
void ConversationListModel::apply(const QList<Row> &target)
{
    QSet<qint64> wanted;
    wanted.reserve(target.size());
    for (const Row &row : target)
        wanted.insert(row.conversation.id);

    for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
        if (wanted.contains(m_rows[last].conversation.id))
            continue;
        int first = last;
        while (first > 0 && !wanted.contains(m_rows[first - 1].conversation.id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }

    QSet<qint64> present;
    present.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        present.insert(row.conversation.id);

    for (int i = 0; i < target.size(); ++i) {
        const Row &want = target[i];
        const qint64 id = want.conversation.id;
        if (!present.contains(id)) {
            int end = i + 1; // insert [i, end) in one go
            while (end < target.size() && !present.contains(target[end].conversation.id))
                ++end;
            beginInsertRows({}, i, end - 1);
            for (int k = i; k < end; ++k)
                m_rows.insert(k, target[k]);
            endInsertRows();
            i = end - 1;
            continue;
        }
        if (m_rows[i].conversation.id != id) {
            const int from = rowOf(id, i + 1);
            Q_ASSERT(from > i);
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
        }
        Row &have = m_rows[i];
        if (have.conversation.title != want.conversation.title
            || have.conversation.updatedAt != want.conversation.updatedAt
            || have.conversation.routeName != want.conversation.routeName
            || have.snippet != want.snippet || have.hitMessageId != want.hitMessageId
            || have.hitTerms != want.hitTerms) {
            have = want;
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
    Q_ASSERT(m_rows.size() == target.size());
}

} // namespace detour
