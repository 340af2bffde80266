// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProxySettingsWidget.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ProxySettingsWidget::ProxySettingsWidget(QWidget *parent)
    : QGroupBox(tr("Proxy"), parent)
    , m_system(new QRadioButton(tr("&System proxy settings"), this))
    , m_none(new QRadioButton(tr("&No proxy"), this))
    , m_manual(new QRadioButton(tr("&Manual proxy:"), this))
    , m_type(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_apply(new QPushButton(tr("&Apply proxy"), this))
{
    setObjectName(u"proxySettings"_s);
    m_system->setObjectName(u"proxySystem"_s);
    m_system->setToolTip(tr("As the environment says (http_proxy, https_proxy, no_proxy)."));
    m_none->setObjectName(u"proxyNone"_s);
    m_manual->setObjectName(u"proxyManual"_s);
    auto *modes = new QButtonGroup(this);
    for (QRadioButton *button : { m_system, m_none, m_manual })
        modes->addButton(button);
    m_type->setObjectName(u"proxyType"_s);
    m_type->setAccessibleName(tr("Proxy type"));
    m_type->addItem(tr("HTTP"), int(ProxyChoice::Type::Http));
    m_type->addItem(tr("SOCKS5"), int(ProxyChoice::Type::Socks5));
    m_host->setObjectName(u"proxyHost"_s);
    m_host->setAccessibleName(tr("Proxy host"));
    m_host->setPlaceholderText(u"proxy.example.com"_s);
    m_port->setObjectName(u"proxyPort"_s);
    m_port->setAccessibleName(tr("Proxy port"));
    m_port->setRange(1, 65535);
    m_port->setValue(8080);
    m_user->setObjectName(u"proxyUser"_s);
    m_user->setAccessibleName(tr("Proxy user name"));
    m_user->setPlaceholderText(tr("optional"));
    m_password->setObjectName(u"proxyPassword"_s);
    m_password->setAccessibleName(tr("Proxy password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("optional; kept in the keychain"));
    m_apply->setObjectName(u"proxyApply"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_system);
    layout->addWidget(m_none);
    layout->addWidget(m_manual);
    layout->addLayout(form);
    layout->addWidget(m_apply, 0, Qt::AlignRight);

    m_system->setChecked(true);
    connect(modes, &QButtonGroup::buttonToggled, this, &ProxySettingsWidget::updateEnabled);
    connect(m_host, &QLineEdit::textChanged, this, &ProxySettingsWidget::updateEnabled);
    connect(m_apply, &QPushButton::clicked, this, [this] { Q_EMIT applied(choice()); });
    updateEnabled();
}

void ProxySettingsWidget::setChoice(const ProxyChoice &choice)
{
    m_system->setChecked(choice.mode == ProxyChoice::Mode::System);
    m_none->setChecked(choice.mode == ProxyChoice::Mode::None);
    m_manual->setChecked(choice.mode == ProxyChoice::Mode::Manual);
    m_type->setCurrentIndex(m_type->findData(int(choice.type)));
    m_host->setText(choice.host);
    if (choice.port != 0)
        m_port->setValue(choice.port);
    m_user->setText(choice.user);
    m_password->setText(choice.password);
    updateEnabled();
}

ProxyChoice ProxySettingsWidget::choice() const
{
    ProxyChoice choice;
    choice.mode = m_manual->isChecked() ? ProxyChoice::Mode::Manual
        : m_none->isChecked()           ? ProxyChoice::Mode::None
                                        : ProxyChoice::Mode::System;
    choice.type = ProxyChoice::Type(m_type->currentData().toInt());
    choice.host = m_host->text().trimmed();
    choice.port = quint16(m_port->value());
    choice.user = m_user->text().trimmed();
    choice.password = choice.user.isEmpty() ? QString() : m_password->text();
    return choice;
}

void ProxySettingsWidget::updateEnabled()
{
    const bool manual = m_manual->isChecked();
    for (QWidget *field :
        std::initializer_list<QWidget *> { m_type, m_host, m_port, m_user, m_password })
        field->setEnabled(manual);
    m_apply->setEnabled(choice().isComplete());
}

} // namespace detour
