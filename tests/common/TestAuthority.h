// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTemporaryDir>

// A certificate authority made at test time with the `openssl` tool (Debian's
// `openssl`, installed by `make deps`), and a server certificate it signed for
// 127.0.0.1, ::1 and localhost: what a company authority that inspects TLS
// looks like to Detour. Nothing is stored in the repository, so nothing expires.
class TestAuthority final {
public:
    TestAuthority()
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return;
        }
        QFile extensions(m_dir.filePath(QStringLiteral("server.ext")));
        if (!extensions.open(QIODevice::WriteOnly)
            || extensions.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
                                "basicConstraints=CA:FALSE\n"
                                "extendedKeyUsage=serverAuth\n")
                < 0) {
            m_error = QStringLiteral("cannot write server.ext");
            return;
        }
        extensions.close();
        const QStringList ecKey { QStringLiteral("-newkey"), QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-nodes") };
        run(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ecKey
            + QStringList { QStringLiteral("-keyout"), file("ca.key"), QStringLiteral("-out"),
                file("ca.crt"), QStringLiteral("-days"), QStringLiteral("2"),
                QStringLiteral("-subj"), QStringLiteral("/O=Detour Tests/CN=Detour Test Authority"),
                QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                QStringLiteral("-addext"),
                QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
        run(QStringList { QStringLiteral("req") } + ecKey
            + QStringList { QStringLiteral("-keyout"), file("server.key"), QStringLiteral("-out"),
                file("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1") });
        run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
            file("server.csr"), QStringLiteral("-CA"), file("ca.crt"), QStringLiteral("-CAkey"),
            file("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
            file("server.crt"), QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-extfile"), file("server.ext") });
    }

    // Empty when the authority and the server certificate were made.
    QString error() const { return m_error; }
    // The authority's PEM file: what a route names as "ca_file".
    QString caFile() const { return file("ca.crt"); }
    QSslCertificate serverCertificate() const { return QSslCertificate(readAll("server.crt")); }
    QSslKey serverKey() const { return QSslKey(readAll("server.key"), QSsl::Ec); }
    // Where the files are: room for a test's own files beside them.
    QString folder() const { return m_dir.path(); }

private:
    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QByteArray readAll(const char *name) const
    {
        QFile in(file(name));
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }

    void run(const QStringList &arguments)
    {
        if (!m_error.isEmpty())
            return;
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"), arguments);
        if (!openssl.waitForFinished(60'000) || openssl.exitStatus() != QProcess::NormalExit
            || openssl.exitCode() != 0) {
            m_error = QStringLiteral("openssl %1 failed: %2 %3")
                          .arg(arguments.first(), openssl.errorString(),
                              QString::fromLocal8Bit(openssl.readAll()));
        }
    }

    QTemporaryDir m_dir;
    QString m_error;
};
