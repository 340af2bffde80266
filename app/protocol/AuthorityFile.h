// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

namespace detour {

// A PEM file of certificate authorities that an endpoint trusts in addition to
// the system's (a company authority that inspects TLS, a private CA). Trust is
// added per endpoint, on purpose; certificate checks themselves never change.
class AuthorityFile final {
public:
    // Every certificate in the file; an error naming the file when it cannot be
    // read or holds no PEM certificate.
    static Result<QList<QSslCertificate>> load(const QString &path);

    // The system's authorities plus `extra`, on top of Qt's default configuration.
    static QSslConfiguration configurationTrusting(const QList<QSslCertificate> &extra);

    // Subject, SHA-256 fingerprint and expiry of each certificate, one block each,
    // for a person to check before trusting the file.
    static QString describe(const QList<QSslCertificate> &certificates);
};

} // namespace detour
