// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SidePanel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QStackedWidget>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

SidePanel::SidePanel(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabBar(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(u"sidePanel"_s);
    m_tabs->setObjectName(u"sidePanelTabs"_s);
    m_tabs->setAccessibleName(tr("Side panel pages"));
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setFocusPolicy(Qt::StrongFocus);
    auto *close = new QToolButton(this);
    close->setObjectName(u"closeSidePanel"_s);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close the side panel"));
    close->setAccessibleName(tr("Close the side panel"));
    close->setFocusPolicy(Qt::StrongFocus);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_tabs, &QTabBar::currentChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_pages, &QStackedWidget::currentChanged, this, &SidePanel::updateActions);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_tabs, 1);
    header->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_pages, 1);
    QWidget::setVisible(false); // closed until asked for
}

QAction *SidePanel::addPage(
    QWidget *page, const QString &title, const QString &actionText, const QKeySequence &shortcut)
{
    m_pages->addWidget(page);
    const int index = m_tabs->addTab(title);
    if (!shortcut.isEmpty())
        m_tabs->setTabToolTip(
            index, u"%1 (%2)"_s.arg(title, shortcut.toString(QKeySequence::NativeText)));
    for (QAbstractItemView *view : page->findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
    auto *action = new QAction(actionText, this);
    action->setCheckable(true);
    action->setShortcut(shortcut);
    connect(action, &QAction::triggered, this, [this, page](bool checked) {
        if (checked)
            showPage(page);
        else
            hide();
    });
    m_actions.append(action);
    return action;
}

void SidePanel::showPage(QWidget *page)
{
    m_tabs->setCurrentIndex(m_pages->indexOf(page));
    show();
    updateActions();
}

QWidget *SidePanel::currentPage() const
{
    return m_pages->currentWidget();
}

int SidePanel::currentIndex() const
{
    return m_tabs->currentIndex();
}

void SidePanel::setCurrentIndex(int index)
{
    if (index >= 0 && index < m_tabs->count())
        m_tabs->setCurrentIndex(index);
}

void SidePanel::setVisible(bool visible)
{
    const bool changed = visible == isHidden();
    QWidget::setVisible(visible);
    updateActions();
    if (changed)
        Q_EMIT openChanged(visible);
}

void SidePanel::updateActions()
{
    for (qsizetype i = 0; i < m_actions.size(); ++i)
        m_actions[i]->setChecked(!isHidden() && i == m_pages->currentIndex());
}

} // namespace detour
