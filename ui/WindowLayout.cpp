// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "WindowLayout.h"

#include "SidePanel.h"
#include "settings/Settings.h"

#include <QAction>
#include <QDataStream>
#include <QIODevice>
#include <QMainWindow>
#include <QScreen>
#include <QSplitter>
#include <QTimer>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr quint8 formatVersion = 1;

// Splitter positions: conversation list, transcript column, side panel.
enum Pane { List, Transcript, Panel };

} // namespace

WindowLayout::WindowLayout(QMainWindow *window, QSplitter *splitter, QWidget *conversations,
    SidePanel *sidePanel, Settings *settings)
    : QObject(window)
    , m_window(window)
    , m_splitter(splitter)
    , m_conversations(conversations)
    , m_sidePanel(sidePanel)
    , m_settings(settings)
    , m_conversationsAction(new QAction(tr("&Conversations"), this))
{
    m_conversationsAction->setObjectName(u"conversationsAction"_s);
    m_conversationsAction->setCheckable(true);
    m_conversationsAction->setShortcut(Qt::Key_F9);
    connect(m_conversationsAction, &QAction::toggled, m_conversations, [this](bool shown) {
        m_conversations->setVisible(shown);
        if (shown)
            m_listHiddenForPanel = false; // shown again, by the person or by closing the panel
    });
    m_splitter->setStretchFactor(Transcript, 1);
    for (const int pane : { List, Panel }) {
        m_splitter->setStretchFactor(pane, 0);
        m_splitter->setCollapsible(pane, false);
    }
    m_splitter->setCollapsible(Transcript, false);
    connect(m_sidePanel, &SidePanel::openChanged, this, [this](bool open) {
        if (open) {
            makeRoomForSidePanel();
            // The splitter places the panel on the next turn of the event loop; then fit it.
            QTimer::singleShot(0, this, &WindowLayout::fitSidePanel);
        } else if (m_listHiddenForPanel) {
            m_conversationsAction->setChecked(true);
        }
    });
}

void WindowLayout::restore()
{
    const QSize screen = m_window->screen()->size();
    if (!restoreState(m_settings->windowLayout(screen))) {
        m_window->resize(std::min(1280, screen.width()), std::min(800, screen.height()));
        reset();
    }
}

void WindowLayout::save() const
{
    m_settings->setWindowLayout(m_window->screen()->size(), state());
}

QByteArray WindowLayout::state() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << formatVersion << m_window->saveGeometry() << m_splitter->saveState()
        << !m_conversations->isHidden() << !m_sidePanel->isHidden()
        << qint32(m_sidePanel->currentIndex());
    return bytes;
}

bool WindowLayout::restoreState(const QByteArray &saved)
{
    QDataStream in(saved);
    quint8 version = 0;
    QByteArray geometry;
    QByteArray splitter;
    bool listShown = true;
    bool panelOpen = false;
    qint32 page = 0;
    in >> version >> geometry >> splitter >> listShown >> panelOpen >> page;
    if (in.status() != QDataStream::Ok || version != formatVersion)
        return false;
    m_window->restoreGeometry(geometry);
    m_splitter->restoreState(splitter);
    m_conversationsAction->setChecked(listShown);
    m_conversations->setVisible(listShown);
    m_sidePanel->setCurrentIndex(page);
    m_sidePanel->setVisible(panelOpen);
    return true;
}

void WindowLayout::reset()
{
    m_sidePanel->hide();
    m_listHiddenForPanel = false;
    m_conversationsAction->setChecked(true);
    m_conversations->show();
    const int width = m_window->width();
    m_splitter->setSizes({ defaultListWidth(), width - defaultListWidth(), defaultPanelWidth() });
}

void WindowLayout::makeRoomForSidePanel()
{
    // On a narrow window the list gives way (F9 brings it back) rather than the window
    // growing past the screen or the transcript shrinking below its share.
    const int needed = m_sidePanel->minimumSizeHint().width()
        + int(m_window->width() * transcriptShareWithPanel)
        + m_conversations->minimumSizeHint().width() + 2 * m_splitter->handleWidth();
    if (m_conversations->isHidden() || needed <= m_window->width())
        return;
    m_listHiddenForPanel = true;
    m_conversationsAction->setChecked(false);
}

void WindowLayout::fitSidePanel()
{
    QList<int> sizes = m_splitter->sizes();
    if (sizes.size() != 3)
        return;
    const int total = sizes[List] + sizes[Transcript] + sizes[Panel];
    const int wanted = int(total * transcriptShareWithPanel);
    if (sizes[Panel] < m_sidePanel->minimumSizeHint().width())
        sizes[Panel] = defaultPanelWidth();
    // Room for the transcript comes from the panel first, then from the list.
    for (const Pane pane : { Panel, List }) {
        const int missing = wanted - (total - sizes[List] - sizes[Panel]);
        if (missing <= 0)
            break;
        const int least = pane == Panel ? m_sidePanel->minimumSizeHint().width()
                                        : m_conversations->minimumSizeHint().width();
        sizes[pane] = std::max(least, sizes[pane] - missing);
    }
    sizes[Transcript] = total - sizes[List] - sizes[Panel];
    m_splitter->setSizes(sizes);
}

int WindowLayout::defaultListWidth() const
{
    return std::clamp(int(m_window->width() * 0.2), 180, 300);
}

int WindowLayout::defaultPanelWidth() const
{
    return std::clamp(int(m_window->width() * 0.32), 320, 480);
}

} // namespace detour
