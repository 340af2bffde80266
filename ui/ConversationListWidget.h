// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QToolButton;

namespace detour {

class ConversationListModel;

// The conversations on the left of the window: a search box (filtering as you
// type), the list (newest first; while searching, each row shows its best
// message snippet under the title) and New chat / Rename (F2) / Delete (Delete).
// A delete shows an undo notice for noticeMs; Ctrl+Z on the list undoes too.
//
// The "active" conversation is the one last chosen in the list or given to
// selectConversation(). It stays active while a search hides it and is selected
// again when it reappears; only a person's choice emits conversationActivated.
// Deleting the active conversation activates its neighbour (or, when none is
// left, asks for a new chat).
//
// A search result with a message hit is opened at the hit: choosing it (moving to
// it, clicking it, Enter on it, or Enter in the search box for the first result)
// emits searchHitActivated after conversationActivated, and also when its
// conversation is already active, so a second click lands on the hit again after
// the person scrolled away.
class ConversationListWidget final : public QWidget {
    Q_OBJECT

public:
    // Typing pauses this long before the store is searched: on a year of history
    // some queries (short prefixes, CJK misses) still take far longer than a key
    // (bench_startup), and searching every key would block each one.
    static constexpr int searchDebounceMs = 150;
    static constexpr int noticeMs = 10'000;

    explicit ConversationListWidget(ConversationListModel *model, QWidget *parent = nullptr);

    // Selects the conversation without emitting conversationActivated; 0 clears the selection.
    void selectConversation(qint64 conversationId);
    void focusSearch(); // e.g. for the window's Ctrl+F
    qint64 currentConversation() const { return m_activeId; } // 0: none

    QListView *list() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }

Q_SIGNALS:
    void conversationActivated(qint64 conversationId);
    // Open `conversationId` and show stored message `messageId` with `terms` highlighted.
    void searchHitActivated(qint64 conversationId, qint64 messageId, const QStringList &terms);
    void newChatRequested();

private:
    void currentChanged(const QModelIndex &current);
    void activate(qint64 conversationId);
    void open(const QModelIndex &index); // a person chose the row: activate it or land on its hit
    void restoreSelection();
    void renameCurrent();
    void deleteCurrent();
    void undoDelete();
    void showNotice(const QString &title);
    void showError(const QString &text); // in the notice bar, without the undo button
    void search(const QString &text); // the model's search, or the notice of its failure
    void hideNotice();
    void updateEmptyState();
    void updateActions();

    ConversationListModel *m_model;
    QLineEdit *m_search;
    QListView *m_list;
    QLabel *m_hint;
    QWidget *m_noticeBar;
    QLabel *m_notice;
    QPushButton *m_undoButton;
    QAction *m_newChatAction;
    QAction *m_renameAction;
    QAction *m_deleteAction;
    QAction *m_undoAction;
    QTimer m_searchDebounce;
    QTimer m_noticeTimer;
    qint64 m_activeId = 0;
    int m_syncing = 0; // > 0 while the model changes or the selection is set programmatically
};

} // namespace detour
