// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// KeychainSecretStore against a real Secret Service: run-with-keyring.sh (the
// CTest command) starts gnome-keyring-daemon on a private D-Bus session bus with
// a throwaway unlocked login collection in a temporary HOME, and hands over the
// key to store (a canary it searches every file for afterwards).
#include "settings/KeychainSecretStore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int keyringTimeoutMs = 30'000;

// Files under `root` whose bytes contain `secret` (as UTF-8 or as UTF-16).
QStringList filesHolding(const QString &root, const QString &secret)
{
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue; // sockets of the bus and the keyring
        const QByteArray bytes = file.readAll();
        if (bytes.contains(utf8) || bytes.contains(utf16))
            found << file.fileName();
    }
    return found;
}

QStringList keyringFiles(const QString &sandbox)
{
    QStringList files;
    QDirIterator it(sandbox + u"/data/keyrings"_s, { u"*.keyring"_s }, QDir::Files);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class TestKeychainSecretStore final : public QObject {
    Q_OBJECT

    QString m_canary;
    QString m_sandbox;

private Q_SLOTS:
    void initTestCase()
    {
        m_canary = qEnvironmentVariable("DETOUR_KEYRING_CANARY");
        m_sandbox = qEnvironmentVariable("DETOUR_KEYRING_SANDBOX");
        if (m_canary.isEmpty() || m_sandbox.isEmpty())
            QFAIL("Run through tests/settings/run-with-keyring.sh (ctest does): it starts "
                  "gnome-keyring-daemon on a private D-Bus session bus for this test.");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session bus: run-with-keyring.sh did not start one");
        QVERIFY2(!keyringFiles(m_sandbox).isEmpty(),
            "gnome-keyring-daemon created no collection under the sandbox");
    }

    void savesReadsReplacesAndDeletes()
    {
        const QString account = u"openrouter"_s;
        const QString replacement = m_canary + u"-replaced"_s;
        KeychainSecretStore store;
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy read(&store, &SecretStore::readFinished);
        QSignalSpy removed(&store, &SecretStore::removeFinished);
        const auto errorOf = [](const QSignalSpy &spy, int call, int argument) {
            return spy.at(call).at(argument).value<SecretError>();
        };

        // Save.
        store.write(account, m_canary);
        QVERIFY(written.wait(keyringTimeoutMs));
        QCOMPARE(written.at(0).at(0).toString(), account);
        SecretError error = errorOf(written, 0, 1);
        QVERIFY2(!error.isError(), qPrintable(u"saving failed: "_s + error.message));

        // Read back: the same key.
        store.read(account);
        QVERIFY(read.wait(keyringTimeoutMs));
        error = errorOf(read, 0, 2);
        QVERIFY2(!error.isError(), qPrintable(u"reading failed: "_s + error.message));
        QCOMPARE(read.at(0).at(0).toString(), account);
        QCOMPARE(read.at(0).at(1).toString(), m_canary);

        // A store of its own (as after a restart) reads the same key.
        {
            KeychainSecretStore again;
            QSignalSpy readAgain(&again, &SecretStore::readFinished);
            again.read(account);
            QVERIFY(readAgain.wait(keyringTimeoutMs));
            QCOMPARE(readAgain.at(0).at(1).toString(), m_canary);
        }

        // While it is stored, no file holds it in plain text (the keyring's is encrypted).
        QStringList plain = filesHolding(m_sandbox, m_canary);
        QVERIFY2(plain.isEmpty(), qPrintable(plain.join(u", "_s)));

        // Replace, then read the new one.
        store.write(account, replacement);
        QVERIFY(written.wait(keyringTimeoutMs));
        error = errorOf(written, 1, 1);
        QVERIFY2(!error.isError(), qPrintable(u"replacing failed: "_s + error.message));
        store.read(account);
        QVERIFY(read.wait(keyringTimeoutMs));
        QVERIFY(!errorOf(read, 1, 2).isError());
        QCOMPARE(read.at(1).at(1).toString(), replacement);
        plain = filesHolding(m_sandbox, replacement);
        QVERIFY2(plain.isEmpty(), qPrintable(plain.join(u", "_s)));

        // Delete; reading then finds nothing, which is not an error.
        store.remove(account);
        QVERIFY(removed.wait(keyringTimeoutMs));
        QCOMPARE(removed.at(0).at(0).toString(), account);
        error = errorOf(removed, 0, 1);
        QVERIFY2(!error.isError(), qPrintable(u"deleting failed: "_s + error.message));
        store.read(account);
        QVERIFY(read.wait(keyringTimeoutMs));
        QCOMPARE(read.at(2).at(0).toString(), account);
        QCOMPARE(read.at(2).at(1).toString(), QString());
        error = errorOf(read, 2, 2);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(written.size(), 2);
        QCOMPARE(read.size(), 3);
        QCOMPARE(removed.size(), 1);
    }

    void accountsAreSeparate()
    {
        const QString groqKey = m_canary + u"-groq"_s;
        const QString cerebrasKey = m_canary + u"-cerebras"_s;
        KeychainSecretStore store;
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy read(&store, &SecretStore::readFinished);
        QSignalSpy removed(&store, &SecretStore::removeFinished);
        store.write(u"groq"_s, groqKey);
        QVERIFY(written.wait(keyringTimeoutMs));
        store.write(u"cerebras"_s, cerebrasKey);
        QVERIFY(written.size() == 2 || written.wait(keyringTimeoutMs));
        for (const QList<QVariant> &call : std::as_const(written))
            QVERIFY2(!call.at(1).value<SecretError>().isError(),
                qPrintable(call.at(1).value<SecretError>().message));

        store.remove(u"groq"_s);
        QVERIFY(removed.wait(keyringTimeoutMs));
        store.read(u"cerebras"_s);
        QVERIFY(read.wait(keyringTimeoutMs));
        QCOMPARE(read.at(0).at(1).toString(), cerebrasKey);
        store.read(u"groq"_s);
        QVERIFY(read.wait(keyringTimeoutMs));
        QCOMPARE(read.at(1).at(1).toString(), QString());

        // Another service (another application) does not see Detour's keys.
        KeychainSecretStore other(u"Detour test, another service"_s);
        QSignalSpy otherRead(&other, &SecretStore::readFinished);
        other.read(u"cerebras"_s);
        QVERIFY(otherRead.wait(keyringTimeoutMs));
        QCOMPARE(otherRead.at(0).at(1).toString(), QString());

        store.remove(u"cerebras"_s);
        QVERIFY(removed.wait(keyringTimeoutMs));
        QVERIFY(!removed.at(1).at(1).value<SecretError>().isError());
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "test_keychain_secret_store.moc"
