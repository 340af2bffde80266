// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;

namespace detour {

class AttemptTableModel;
class ChatSession;
class ComparePickerDialog;
class CompareView;
class ComparisonController;
class Composer;
class InspectorWidget;
class MainWindow;
class RouteChoices;
class RouteEngine;
class SidePanel;

// Chat ▸ Compare routes… (Ctrl+Shift+K): picks two to four routes (ComparePickerDialog),
// then the composer's next message goes to all of them (ComparisonController) and the
// answers stream side by side in a CompareView placed above the composer. Stop (Esc)
// stops every column; Esc with nothing running leaves compare mode. A column's
// "Attempts" opens its turn in the inspector, where its rows carry the route's name.
class CompareActions final : public QObject {
    Q_OBJECT

public:
    struct Parts {
        ChatSession *session = nullptr;
        RouteEngine *engine = nullptr;
        AttemptTableModel *attempts = nullptr;
        RouteChoices *routes = nullptr;
        Composer *composer = nullptr; // the view goes just above it, in its parent's layout
        InspectorWidget *inspector = nullptr;
        SidePanel *sidePanel = nullptr;
        QAction *stop = nullptr; // the window's Stop (Esc)
    };
    CompareActions(const Parts &parts, QMainWindow *window);
    // Adds to `chat` the window's Stop (Esc: the chat's turn and every column) and
    // Compare routes…, made over `window`'s parts.
    static CompareActions *addTo(QMenu *chat, MainWindow *window);

    QAction *action() const { return m_action; }
    ComparisonController *controller() const { return m_controller; }
    CompareView *view() const { return m_view; }
    ComparePickerDialog *dialog() const; // null unless open

    // Opens the picker; its choice enters compare mode.
    void pick();
    // Enters compare mode with the routes named (as the route list names them).
    Result<> compare(const QStringList &routeNames);

private:
    void showMessage(const QString &text);

    Parts m_parts;
    QMainWindow *m_window;
    QAction *m_action;
    ComparisonController *m_controller;
    CompareView *m_view;
    QPointer<ComparePickerDialog> m_dialog;
};

} // namespace detour
