// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CompareActions.h"

#include "ComparePickerDialog.h"
#include "CompareView.h"
#include "Composer.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "SidePanel.h"
#include "StatusLine.h"
#include "chat/ChatSession.h"
#include "chat/ComparisonController.h"
#include "chat/RouteChoices.h"

#include <QAction>
#include <QBoxLayout>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStatusBar>

namespace detour {

using namespace Qt::StringLiterals;

CompareActions::CompareActions(const Parts &parts, QMainWindow *window)
    : QObject(window)
    , m_parts(parts)
    , m_window(window)
    , m_action(new QAction(tr("Co&mpare routes…"), this))
    , m_controller(new ComparisonController(parts.session, parts.engine, parts.attempts, this))
    , m_view(new CompareView(m_controller, parts.composer->parentWidget()))
{
    m_action->setObjectName(u"compareAction"_s);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_action->setStatusTip(tr("Send the next question to several routes at once"));
    connect(m_action, &QAction::triggered, this, &CompareActions::pick);

    // Between the transcript and the composer, with most of the height: the columns are what
    // is being read; the transcript keeps a fifth for the question and what led to it.
    if (auto *column = qobject_cast<QBoxLayout *>(parts.composer->parentWidget()->layout()))
        column->insertWidget(column->indexOf(parts.composer), m_view, 4);

    Composer *composer = parts.composer;
    connect(m_controller, &ComparisonController::comparingChanged, this, [this](bool comparing) {
        if (!comparing) {
            m_parts.composer->divertSends({});
            m_parts.composer->setBusy(m_parts.session->isBusy());
            return;
        }
        m_parts.composer->divertSends(
            [this](const QString &text, const QList<Attachment> &attachments) {
                const Result<> asked = m_controller->ask(text, attachments);
                if (!asked)
                    showMessage(asked.error());
                return bool(asked);
            });
        m_parts.composer->editor()->setFocus();
    });
    RouteComparison *comparison = m_controller->comparison();
    connect(
        comparison, &RouteComparison::started, composer, [composer] { composer->setBusy(true); });
    connect(comparison, &RouteComparison::finished, composer,
        [this] { m_parts.composer->setBusy(m_parts.session->isBusy()); });
    connect(composer, &Composer::stopRequested, m_controller, &ComparisonController::stop);
    // Esc: stops the columns; with none running, leaves compare mode.
    if (parts.stop) {
        connect(parts.stop, &QAction::triggered, this, [this] {
            if (m_controller->isRunning())
                m_controller->stop();
            else if (m_controller->isComparing())
                m_controller->leave();
        });
    }
    connect(m_controller, &ComparisonController::answerUsed, this,
        [this] { m_parts.composer->editor()->setFocus(); });
    connect(m_view, &CompareView::turnSelected, this, [this](int turn) {
        m_parts.sidePanel->showPage(m_parts.inspector);
        m_parts.inspector->showTurn(turn);
    });
    connect(m_view, &CompareView::problem, this, &CompareActions::showMessage);
}

CompareActions *CompareActions::addTo(QMenu *chat, MainWindow *window)
{
    // The window's own string, under its own context: its translation stays.
    QAction *stop = chat->addAction(QCoreApplication::translate("MainWindow", "&Stop"),
        Qt::Key_Escape, window->session(), &ChatSession::stop);
    stop->setShortcutContext(Qt::WindowShortcut);
    auto *actions = new CompareActions(
        { window->session(), window->engine(), window->attempts(), window->routeChoices(),
            window->composer(), window->inspector(), window->sidePanel(), stop },
        window);
    chat->addAction(actions->action());
    return actions;
}

ComparePickerDialog *CompareActions::dialog() const
{
    return m_dialog;
}

void CompareActions::pick()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    QStringList ticked;
    for (const RoutePlan &plan : m_controller->routes())
        ticked << plan.name;
    m_dialog = new ComparePickerDialog(m_parts.routes, ticked, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (const Result<> entered = compare(m_dialog->chosenNames()); !entered)
            showMessage(entered.error());
    });
    m_dialog->open();
}

Result<> CompareActions::compare(const QStringList &routeNames)
{
    QList<RoutePlan> plans;
    for (const QString &name : routeNames)
        plans << m_parts.routes->routeAsSent(name);
    return m_controller->setRoutes(plans);
}

void CompareActions::showMessage(const QString &text)
{
    m_window->statusBar()->showMessage(text, StatusLine::noticeMs);
}

} // namespace detour
