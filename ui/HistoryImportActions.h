// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "HistoryImportDialog.h"

#include <QObject>
#include <QPointer>

class QAction;
class QProgressDialog;
class QWidget;

namespace detour {

class ConversationStore;

// File > Import history…: picks another client's history (ChatGPT's
// conversations.json, a Jan thread's messages.jsonl), reads it in the background
// (a progress dialog while it takes), shows the preview (HistoryImportDialog) and,
// on Import, writes it in one transaction (HistoryWriter) and opens the first
// conversation it added. Nothing is written before Import; a file that cannot be
// imported is said in one sentence.
class HistoryImportActions final : public QObject {
    Q_OBJECT

public:
    // `store` may be null (history off): the action is then disabled.
    HistoryImportActions(ConversationStore *store, QWidget *window);
    ~HistoryImportActions() override;

    QAction *action() const { return m_action; }
    // Reads `path` and shows its preview (what the action does after the file dialog).
    void importFile(const QString &path);
    HistoryImportDialog *dialog() const { return m_dialog; } // null unless open

Q_SIGNALS:
    void previewShown(HistoryImportDialog *dialog);
    void imported(qint64 firstConversationId); // 0 when nothing new was written
    void failed(const QString &sentence);
    void message(const QString &text); // for the status bar

private:
    void choose();
    void showPreview(const QString &path, const Result<ImportedHistory> &history);
    void write();
    void fail(const QString &sentence);

    ConversationStore *m_store;
    QWidget *m_window;
    QAction *m_action;
    QPointer<HistoryImportDialog> m_dialog;
    QPointer<QProgressDialog> m_reading;
};

} // namespace detour
