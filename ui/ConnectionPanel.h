// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "settings/LocalServerPresets.h"

#include <QUrl>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

namespace detour {

class Catalog;
class KeyRing;

// Where Detour talks to: paste an OpenRouter key (kept in the system keyring
// through KeyRing; the key field is a password field and is emptied once the
// key is saved), test it against /key, add a local server, or switch between
// the simulator and the real OpenRouter.
class ConnectionPanel final : public QWidget {
    Q_OBJECT

public:
    ConnectionPanel(KeyRing *keyRing, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~ConnectionPanel() override;

    static QString endpointId(); // "openrouter": the endpoint the key is saved for

    // Where "Test connection" asks (default https://openrouter.ai/api/v1).
    void setOpenRouterUrl(const QUrl &url) { m_openRouterUrl = url; }
    QUrl openRouterUrl() const { return m_openRouterUrl; }
    void setCacheDirectory(const QString &directory) { m_cacheDirectory = directory; }
    void setSimulated(bool simulated);
    void focusKey();

    void saveKey();
    void testConnection();

Q_SIGNALS:
    void simulatorChosen();
    void openRouterChosen();
    void keySaved();
    void localServerRequested(const detour::LocalServerPreset &preset);

private:
    QString keyToTest() const;
    void showKeyStatus();
    void setKeychainAvailable(bool available);

    KeyRing *m_keyRing;
    QNetworkAccessManager *m_network;
    QUrl m_openRouterUrl;
    QString m_cacheDirectory;
    std::unique_ptr<Catalog> m_probe; // the /key request of the last "Test connection"
    QLabel *m_mode;
    QLineEdit *m_key;
    QPushButton *m_save;
    QLabel *m_keyStatus;
    QLabel *m_testResult;
    QComboBox *m_presets;
    QPushButton *m_useSimulator;
    QPushButton *m_useOpenRouter;
};

} // namespace detour
