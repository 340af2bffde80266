// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConnectionDialog.h"

#include "ConnectionPanel.h"
#include "ProxySettingsWidget.h"
#include "chat/ConnectionController.h"
#include "settings/KeyRing.h"
#include "settings/ProxyKeeper.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ConnectionDialog::ConnectionDialog(KeyRing *keyRing, QNetworkAccessManager *network,
    ConnectionController *connection, QWidget *parent)
    : QDialog(parent)
    , m_keyRing(keyRing)
    , m_connection(connection)
    , m_panel(new ConnectionPanel(keyRing, network, this))
{
    setObjectName(u"connectionDialog"_s);
    setWindowTitle(tr("Connection"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    // The proxy on its own page: below the key it would squeeze the panel at 800×600.
    auto *pages = new QTabWidget(this);
    pages->setObjectName(u"connectionPages"_s);
    pages->addTab(m_panel, tr("&Key and servers"));
    auto *proxy = new ProxySettingsWidget(pages);
    pages->addTab(proxy, tr("&Proxy"));
    layout->addWidget(pages, 1);
    layout->addWidget(buttons);
    proxy->setChoice(connection->proxy()->current());
    connect(connection->proxy(), &ProxyKeeper::applied, proxy,
        [proxy, keeper = connection->proxy()] { proxy->setChoice(keeper->current()); });
    connect(proxy, &ProxySettingsWidget::applied, this, [this](const ProxyChoice &choice) {
        m_connection->proxy()->change(choice);
        Q_EMIT message(choice.mode == ProxyChoice::Mode::System
                ? tr("Requests now use the system's proxy settings.")
                : choice.mode == ProxyChoice::Mode::None
                ? tr("Requests now go directly, without a proxy.")
                : tr("Requests now go through the proxy %1:%2.").arg(choice.host).arg(choice.port));
    });
    m_panel->setSimulated(connection->isSimulated());
    m_panel->setOpenRouterUrl(connection->places().openRouter.baseUrl);
    m_panel->setCacheDirectory(connection->places().cacheDirectory);
    connect(m_keyRing, &KeyRing::keyWithheld, this, &ConnectionDialog::askToSendInsecurely);
    connect(m_panel, &ConnectionPanel::simulatorChosen, this, [this] {
        m_connection->keepSimulated(); // and no more first-start offer
        accept();
    });
    connect(m_panel, &ConnectionPanel::openRouterChosen, this,
        [this] { m_connection->setSimulated(false); });
    connect(m_panel, &ConnectionPanel::keySaved, this, [this] {
        Q_EMIT message(
            tr("The key is saved. Use OpenRouter (Connection menu) to chat with real models."));
    });
    connect(m_panel, &ConnectionPanel::localServerRequested, m_connection,
        &ConnectionController::addLocalServer);
    connect(m_connection, &ConnectionController::localServerMissing, this,
        [this](const QString &sentence) {
            QMessageBox::information(parentWidget(), tr("Add a local server step"), sentence);
        });
    connect(
        m_connection, &ConnectionController::modeChanged, m_panel, &ConnectionPanel::setSimulated);
    connect(m_connection, &ConnectionController::keyNeeded, this, [this] {
        if (!m_connection->isSimulated()) // on the simulator the empty chat's card offers it
            open();
    });
}

void ConnectionDialog::open()
{
    show();
    raise();
    activateWindow();
    if (auto *pages = findChild<QTabWidget *>(u"connectionPages"_s))
        pages->setCurrentWidget(m_panel);
    m_panel->focusKey();
}

void ConnectionDialog::askToSendInsecurely(const QString &endpointId)
{
    const auto answer = QMessageBox::question(parentWidget(), tr("Send the key unencrypted?"),
        tr("Endpoint \"%1\" uses plain http:// to another machine, so its key was not sent. "
           "Send it unencrypted from now on? Anyone on the network path could read it.")
            .arg(endpointId));
    if (answer == QMessageBox::Yes && m_keyRing->confirmInsecure(endpointId))
        Q_EMIT message(tr("The key for %1 will be sent; retry the message.").arg(endpointId));
}

} // namespace detour
