// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AuthorityFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(AuthorityFile)
};

// A CA bundle is a few hundred kilobytes at most; anything far larger is not one.
constexpr qint64 largestFile = 16 * 1024 * 1024;

QString subjectText(const QSslCertificate &certificate)
{
    const QString subject = certificate.subjectDisplayName();
    return subject.isEmpty() ? certificate.subjectInfo(QSslCertificate::CommonName).join(u", "_s)
                             : subject;
}

QString fingerprintText(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace

Result<QList<QSslCertificate>> AuthorityFile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(Text::tr("Cannot read the certificate authority file %1: %2")
                         .arg(path, file.errorString()));
    }
    if (file.size() > largestFile) {
        return Error(
            Text::tr("The certificate authority file %1 is too large to be one.").arg(path));
    }
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        return Error(Text::tr("The certificate authority file %1 holds no PEM certificate "
                              "(\"-----BEGIN CERTIFICATE-----\").")
                         .arg(path));
    }
    return certificates;
}

QSslConfiguration AuthorityFile::configurationTrusting(const QList<QSslCertificate> &extra)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // Setting or adding authorities switches off Qt's loading of the system's
    // on demand, so the system's are listed explicitly, the file's after them.
    configuration.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
    return configuration;
}

QString AuthorityFile::describe(const QList<QSslCertificate> &certificates)
{
    QStringList blocks;
    const QLocale locale;
    for (const QSslCertificate &certificate : certificates) {
        QString block =
            Text::tr("Subject: %1\nSHA-256 fingerprint: %2\nExpires: %3")
                .arg(subjectText(certificate), fingerprintText(certificate),
                    locale.toString(certificate.expiryDate().toUTC(), QLocale::ShortFormat));
        if (certificate.expiryDate() < QDateTime::currentDateTimeUtc())
            block += u'\n' + Text::tr("This certificate has expired.");
        blocks << block;
    }
    return blocks.join(u"\n\n"_s);
}

} // namespace detour
