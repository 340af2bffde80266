// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace detour {

class ConversationStore;
class HistoryImportActions;
class RouteChoices;

// What goes in and out through files, each with its file dialog: conversations
// (Markdown, Detour JSON with every attempt, the attempt log as CSV) and
// routes (route files, OpenRouter request bodies, "Save route as"). Other
// clients' history comes in through HistoryImportActions (historyImportAction()),
// whose imports and messages it passes on as its own.
class TransferActions final : public QObject {
    Q_OBJECT

public:
    // `store` may be null (history off): conversations then neither go out nor come in.
    TransferActions(ConversationStore *store, RouteChoices *routes, QWidget *window);

    void exportConversation(qint64 conversationId);
    void importConversation();
    void saveRouteAs();
    void importRoute();
    void exportRoute(bool asRequestBody);
    // File > Import conversation… (Detour's JSON) and Import history… (other clients').
    QList<QAction *> importActions() const;
    HistoryImportActions *historyImport() const { return m_historyImport; }

Q_SIGNALS:
    void conversationImported(qint64 conversationId);
    void message(const QString &text); // for the status bar

private:
    ConversationStore *m_store;
    RouteChoices *m_routes;
    QWidget *m_window;
    QAction *m_importConversation;
    HistoryImportActions *m_historyImport;
};

} // namespace detour
