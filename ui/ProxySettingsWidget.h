// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/ProxyChoice.h"

#include <QGroupBox>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace detour {

// The proxy part of Connection settings: the system's (default), none, or one named
// by hand (HTTP or SOCKS5, host, port, optional user and password). Apply hands the
// choice on; the password is shown only as dots and kept in the keychain.
class ProxySettingsWidget final : public QGroupBox {
    Q_OBJECT

public:
    explicit ProxySettingsWidget(QWidget *parent = nullptr);

    void setChoice(const ProxyChoice &choice);
    ProxyChoice choice() const;

Q_SIGNALS:
    void applied(const detour::ProxyChoice &choice);

private:
    void updateEnabled();

    QRadioButton *m_system;
    QRadioButton *m_none;
    QRadioButton *m_manual;
    QComboBox *m_type;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_apply;
};

} // namespace detour
