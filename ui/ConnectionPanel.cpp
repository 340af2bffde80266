// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConnectionPanel.h"

#include "endpoints/Catalog.h"
#include "endpoints/KeyDescription.h"
#include "settings/KeyRing.h"
#include "settings/Redactor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QLabel *wrappingLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ConnectionPanel::ConnectionPanel(KeyRing *keyRing, QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_keyRing(keyRing)
    , m_network(network)
    , m_openRouterUrl(u"https://openrouter.ai/api/v1"_s)
    , m_mode(wrappingLabel(u"connectionMode"_s, this))
    , m_key(new QLineEdit(this))
    , m_keyStatus(wrappingLabel(u"keyStatusLabel"_s, this))
    , m_testResult(wrappingLabel(u"testResultLabel"_s, this))
    , m_presets(new QComboBox(this))
    , m_useSimulator(new QPushButton(tr("Use the simulator"), this))
    , m_useOpenRouter(new QPushButton(tr("Use OpenRouter"), this))
{
    setObjectName(u"connectionPanel"_s);

    auto *keyBox = new QGroupBox(tr("OpenRouter key"), this);
    m_key->setObjectName(u"keyEdit"_s);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("sk-or-v1-…"));
    m_key->setClearButtonEnabled(true);
    m_save = new QPushButton(tr("Save key"), keyBox);
    m_save->setObjectName(u"saveKeyButton"_s);
    auto *test = new QPushButton(tr("Test connection"), keyBox);
    test->setObjectName(u"testConnectionButton"_s);
    auto *keyButtons = new QHBoxLayout;
    keyButtons->addWidget(m_save);
    keyButtons->addWidget(test);
    keyButtons->addStretch();
    auto *where = new QLabel(tr("Get a key at openrouter.ai/settings/keys. Detour keeps it in the "
                                "system keyring, never in a file; or start Detour with "
                                "OPENROUTER_API_KEY set."),
        keyBox);
    where->setWordWrap(true);
    auto *keyLayout = new QVBoxLayout(keyBox);
    keyLayout->addWidget(where);
    keyLayout->addWidget(m_key);
    keyLayout->addLayout(keyButtons);
    keyLayout->addWidget(m_keyStatus);
    keyLayout->addWidget(m_testResult);

    auto *localBox = new QGroupBox(tr("Local server"), this);
    m_presets->setObjectName(u"localServerPresets"_s);
    for (const LocalServerPreset &preset : LocalServerPresets::all())
        m_presets->addItem(
            u"%1 (%2)"_s.arg(preset.name, preset.endpoint.baseUrl.toString()), preset.endpoint.id);
    auto *addLocal = new QPushButton(tr("Add as a route step"), localBox);
    addLocal->setObjectName(u"addLocalServerButton"_s);
    auto *localLayout = new QFormLayout(localBox);
    localLayout->addRow(tr("Server:"), m_presets);
    localLayout->addRow(QString(), addLocal);

    m_useSimulator->setObjectName(u"useSimulatorButton"_s);
    m_useOpenRouter->setObjectName(u"useOpenRouterButton"_s);
    auto *modeButtons = new QHBoxLayout;
    modeButtons->addWidget(m_useSimulator);
    modeButtons->addWidget(m_useOpenRouter);
    modeButtons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_mode);
    layout->addLayout(modeButtons);
    layout->addWidget(keyBox);
    layout->addWidget(localBox);
    layout->addStretch();

    connect(m_save, &QPushButton::clicked, this, &ConnectionPanel::saveKey);
    connect(m_key, &QLineEdit::returnPressed, this, &ConnectionPanel::saveKey);
    connect(test, &QPushButton::clicked, this, &ConnectionPanel::testConnection);
    connect(addLocal, &QPushButton::clicked, this, [this] {
        if (const auto preset = LocalServerPresets::find(m_presets->currentData().toString()))
            Q_EMIT localServerRequested(*preset);
    });
    connect(m_useSimulator, &QPushButton::clicked, this, &ConnectionPanel::simulatorChosen);
    connect(m_useOpenRouter, &QPushButton::clicked, this, &ConnectionPanel::openRouterChosen);
    connect(m_keyRing, &KeyRing::statusChanged, this, [this](const QString &id) {
        if (id == endpointId())
            showKeyStatus();
    });
    connect(
        m_keyRing, &KeyRing::keyStored, this, [this](const QString &id, const SecretError &error) {
            if (id != endpointId())
                return;
            if (error.isError()) {
                m_keyStatus->setText(error.message);
                if (error.kind == SecretError::Kind::Unavailable)
                    setKeychainAvailable(false);
                return;
            }
            m_key->clear(); // the keyring has it now; it need not sit in a widget
            m_keyStatus->setText(tr("The key is saved in the system keyring."));
            Q_EMIT keySaved();
        });
    setSimulated(true);
    showKeyStatus();
}

ConnectionPanel::~ConnectionPanel() = default;

QString ConnectionPanel::endpointId()
{
    return u"openrouter"_s;
}

void ConnectionPanel::setSimulated(bool simulated)
{
    m_mode->setText(simulated
            ? tr("Detour is on its <b>simulated OpenRouter</b>: nothing leaves this computer.")
            : tr("Detour is talking to the <b>real OpenRouter</b> and the servers of your "
                 "route."));
    // "Use the simulator" stays available on the simulator too: it is the first start's answer.
    m_useOpenRouter->setEnabled(simulated);
}

void ConnectionPanel::focusKey()
{
    m_key->setFocus();
}

void ConnectionPanel::saveKey()
{
    const QString key = m_key->text().trimmed();
    if (key.isEmpty()) {
        m_keyStatus->setText(tr("Paste a key first."));
        return;
    }
    Redactor::remember(key);
    m_keyStatus->setText(tr("Saving…"));
    m_keyRing->storeKey(endpointId(), key);
}

QString ConnectionPanel::keyToTest() const
{
    if (const QString typed = m_key->text().trimmed(); !typed.isEmpty())
        return typed;
    return m_keyRing->keyFor(
        { endpointId(), EndpointKind::OpenRouter, m_openRouterUrl, QString() });
}

void ConnectionPanel::testConnection()
{
    const QString key = keyToTest();
    if (key.isEmpty()) {
        m_testResult->setText(tr("Paste a key first, or save one."));
        return;
    }
    Redactor::remember(key);
    m_probe = std::make_unique<Catalog>(m_network, m_openRouterUrl, key, m_cacheDirectory);
    connect(m_probe.get(), &Catalog::keyChanged, this, [this] {
        if (m_probe->keyInfo())
            m_testResult->setText(KeyDescription::text(*m_probe->keyInfo()));
    });
    connect(m_probe.get(), &Catalog::errorOccurred, this,
        [this](Catalog::Resource resource, const QString &sentence) {
            if (resource == Catalog::Resource::Key)
                m_testResult->setText(sentence);
        });
    m_testResult->setText(tr("Asking %1…").arg(m_openRouterUrl.host()));
    m_probe->refreshKey();
}

void ConnectionPanel::setKeychainAvailable(bool available)
{
    // Saving needs a keyring; without one the status line says how to give the key instead.
    m_save->setEnabled(available);
    m_save->setToolTip(
        available ? QString() : tr("No system keyring is running, so a key cannot be saved."));
}

void ConnectionPanel::showKeyStatus()
{
    switch (m_keyRing->status(endpointId())) {
    case KeyRing::KeyStatus::Keychain:
        m_keyStatus->setText(tr("A key is saved in the system keyring."));
        return;
    case KeyRing::KeyStatus::Environment:
        m_keyStatus->setText(tr("The key comes from the environment variable %1.")
                                 .arg(m_keyRing->environmentVariable(endpointId())));
        return;
    case KeyRing::KeyStatus::KeychainUnavailable:
        m_keyStatus->setText(m_keyRing->statusMessage(endpointId()));
        setKeychainAvailable(false);
        return;
    case KeyRing::KeyStatus::None:
    case KeyRing::KeyStatus::Loading:
        break;
    }
    m_keyStatus->setText(tr("No key is saved yet."));
}

} // namespace detour
