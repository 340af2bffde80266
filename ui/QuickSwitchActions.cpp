// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "QuickSwitchActions.h"

#include "Composer.h"
#include "QuickSwitcher.h"
#include "StatusLine.h"
#include "chat/ConnectionController.h"
#include "chat/QuickSwitchModel.h"
#include "endpoints/Catalog.h"

#include <QAction>
#include <QComboBox>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>

namespace detour {

using namespace Qt::StringLiterals;

QuickSwitchActions::QuickSwitchActions(RouteChoices *routes, Settings *settings,
    ConnectionController *connection, Composer *composer, QMainWindow *window)
    : QObject(window)
    , m_routes(routes)
    , m_window(window)
    , m_model(new QuickSwitchModel(routes, settings, this))
    , m_switch(new QAction(tr("S&witch route or model…"), this))
    , m_picker(new QAction(tr("Choose the &route"), this))
{
    setObjectName(u"quickSwitchActions"_s);
    m_switch->setObjectName(u"quickSwitchAction"_s);
    m_switch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_switch, &QAction::triggered, this, &QuickSwitchActions::open);
    connect(m_picker, &QAction::triggered, composer,
        [composer] { composer->routePicker()->setFocus(); });
    // The controller keeps the catalog fresh; the switcher shows whatever it holds.
    connect(
        connection, &ConnectionController::catalogChanged, m_model, &QuickSwitchModel::setCatalog);
    m_model->setCatalog(connection->catalog());
}

QuickSwitchActions *QuickSwitchActions::addTo(QMenu *menu, RouteChoices *routes, Settings *settings,
    ConnectionController *connection, Composer *composer)
{
    auto *window = qobject_cast<QMainWindow *>(composer->window());
    Q_ASSERT(window);
    auto *made = new QuickSwitchActions(routes, settings, connection, composer, window);
    menu->addActions(made->actions());
    return made;
}

QList<QAction *> QuickSwitchActions::actions() const
{
    return { m_switch, m_picker };
}

QuickSwitcher *QuickSwitchActions::switcher() const
{
    return m_switcher;
}

void QuickSwitchActions::open()
{
    if (!m_switcher) {
        m_switcher = new QuickSwitcher(m_model, m_routes, m_window);
        connect(m_switcher, &QuickSwitcher::picked, this, [this](const QString &route) {
            m_window->statusBar()->showMessage(
                tr("This conversation now uses the route “%1”.").arg(route), StatusLine::noticeMs);
        });
    }
    m_switcher->reset();
    const QRect area = m_window->geometry();
    m_switcher->resize(std::min(560, area.width() - 40), std::min(420, area.height() - 80));
    m_switcher->move(area.center().x() - m_switcher->width() / 2, area.top() + 60);
    m_switcher->show();
    m_switcher->raise();
    m_switcher->activateWindow();
}

} // namespace detour
