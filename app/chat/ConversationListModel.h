// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

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
    // EditRole renames (the text simplified); an empty title is refused.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text); // empty: every conversation
    bool isSearching() const { return !m_searchText.isEmpty(); }

    int rowOf(qint64 conversationId) const; // -1 when not shown
    qint64 idAt(int row) const; // 0 when out of range

    // Soft-deletes the conversation at `row` (undoable); false with lastError() on failure.
    bool remove(int row);
    bool canUndoRemove() const { return !m_removed.isEmpty(); }
    // Restores the most recently removed conversation; its id, or 0 (lastError()) on failure.
    qint64 undoRemove();

    // Reads the store again. Called on the store's signals; public for callers that
    // changed the database behind the store's back.
    void refresh();
    // The store's last error, from the last refresh or write that failed; empty otherwise.
    QString lastError() const { return m_error; }

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

    QList<Row> load();
    void apply(const QList<Row> &rows);
    int rowOf(qint64 conversationId, int from) const;

    ConversationStore *m_store;
    QList<Row> m_rows;
    QString m_searchText;
    struct Removed {
        qint64 id = 0;
        QString title;
    };
    QList<Removed> m_removed; // a stack: the last one is undone first
    QTimer m_streamingRefresh;
    QString m_error;
};

} // namespace detour
