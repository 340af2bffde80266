// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QNetworkAccessManager;

namespace detour {

class ConnectionController;
class ConnectionPanel;
class KeyRing;

// Connection ▸ Connection…: the connection panel in a window of its own, tied
// to the connection controller (simulator or live, local servers), and the
// question asked when a key would travel over plain http:// to another machine
// (it is only sent when the person agrees). It opens by itself when a live
// route needs a key.
class ConnectionDialog final : public QDialog {
    Q_OBJECT

public:
    ConnectionDialog(KeyRing *keyRing, QNetworkAccessManager *network,
        ConnectionController *connection, QWidget *parent);

    ConnectionPanel *panel() const { return m_panel; }
    void open(); // shows the dialog with the key field focused

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    void askToSendInsecurely(const QString &endpointId);

    KeyRing *m_keyRing;
    ConnectionController *m_connection;
    ConnectionPanel *m_panel;
};

} // namespace detour
