// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "store/StoreTypes.h"

#include <QAbstractListModel>
#include <QTimer>

namespace detour {

class ConversationStore;

// The conversations list: one row per conversation of a ConversationStore,
// newest first. With a search text, only the conversations whose title
// contains it (case-insensitive) or whose messages match it (the store's
// full-text search), each with its best (newest) hit: a snippet, the message and
// the words to highlight in it. A row found by its title alone has no hit.
//
// Follows the store: conversationsChanged refreshes at once; while searching,
// messagesChanged (a reply streaming in) refreshes at most every
// streamingRefreshMs. A refresh inserts, removes, moves and changes rows one by
// one (never a reset), so views keep their selection and scroll position.
//
// Deleting is soft and undoable: remove() remembers each deleted conversation
// on a stack and undoRemove() restores the most recent one.
//
// Every call that can fail returns a Result that says why (rename, remove,
// undoRemove, refresh, setSearchText); setData, whose bool QAbstractItemModel
// fixes, is rename() for generic views, and a view that wants to say why calls
// rename() itself. A refresh on the store's signals has no caller to tell: it
// keeps the rows shown and logs the reason (detour.store).
class ConversationListModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        UpdatedRole, // QDateTime (UTC): last activity
        SnippetRole, // QString, HTML: the best search hit, matches in <b>; empty otherwise
        HitMessageRole, // qint64: the stored message of that hit (to open it at); 0 otherwise
        HitTermsRole, // QStringList: the words searched for, to highlight in it; empty otherwise
    };
    static constexpr int searchLimit = 500; // messages asked of the store per search
    static constexpr int streamingRefreshMs = 300;

    explicit ConversationListModel(ConversationStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // EditRole: rename(index.row(), value).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString searchText() const { return m_searchText; }
    // Empty: every conversation. On a failed search, the conversations whose title matches.
    Result<> setSearchText(const QString &text);
    bool isSearching() const { return !m_searchText.isEmpty(); }

    int rowOf(qint64 conversationId) const; // -1 when not shown
    qint64 idAt(int row) const; // 0 when out of range

    // Renames the conversation at `row` to `title` simplified; an empty title is refused.
    Result<> rename(int row, const QString &title);
    // Soft-deletes the conversation at `row` (undoable).
    Result<> remove(int row);
    bool canUndoRemove() const { return !m_removed.isEmpty(); }
    // Restores the most recently removed conversation; returns its id. Once it
    // failed (purged meanwhile), it is no longer on the stack.
    Result<qint64> undoRemove();

    // Reads the store again. Called on the store's signals; public for callers that
    // changed the database behind the store's back. When the conversations cannot
    // be listed the rows stay as they were.
    Result<> refresh();

Q_SIGNALS:
    void removed(qint64 conversationId, const QString &title);
    void restored(qint64 conversationId);
    void undoAvailableChanged(bool available);
    void searchTextChanged(const QString &text);

private:
    struct Row {
        Conversation conversation;
        QString snippet;
        qint64 hitMessageId = 0;
        QStringList hitTerms;
    };

    // The rows for `conversations` (all of them, or while searching those with a hit
    // or a matching title).
    QList<Row> rowsFor(
        const QList<Conversation> &conversations, const QList<SearchHit> &hits) const;
    enum class Listing { Read, Kept }; // read the conversations again, or use the last read
    Result<> refresh(Listing listing);
    void refreshOrWarn(); // a refresh no caller waits for
    void apply(const QList<Row> &rows);
    int rowOf(qint64 conversationId, int from) const;

    ConversationStore *m_store;
    QList<Row> m_rows;
    QList<Conversation> m_listed; // every conversation, as the last refresh read them
    bool m_listedOnce = false;
    QString m_searchText;
    struct Removed {
        qint64 id = 0;
        QString title;
    };
    QList<Removed> m_removed; // a stack: the last one is undone first
    QTimer m_streamingRefresh;
};

} // namespace detour
