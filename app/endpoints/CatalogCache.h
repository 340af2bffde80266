// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <nlohmann/json.hpp>
#include <optional>

namespace detour {

// The catalog on disk: one JSON file per resource ("models", "key",
// "credits", "endpoints/<model id, percent-encoded>") in a folder per base
// URL, so that a simulated and a real catalog never mix. Each file holds the
// response body as received, when it was fetched (UTC, ISO 8601) and the base
// URL it came from; key-specific resources also hold a one-way fingerprint of
// the key (never the key). Files are written atomically (QSaveFile). An
// unreadable file is moved aside with a one-sentence message, never fatal.
class CatalogCache final {
public:
    struct Entry {
        QDateTime fetchedAt; // UTC
        QString baseUrl; // normalizedBaseUrl() of the source
        QString keyFingerprint; // empty for resources that do not depend on the key
        nlohmann::json body; // the response body (an object)
        QString path; // the file it was read from
    };

    // An empty directory means defaultDirectory().
    explicit CatalogCache(const QString &directory = {});

    // <CacheLocation>/catalog
    static QString defaultDirectory();
    QString directory() const { return m_directory; }

    static QString modelsResource();
    static QString keyResource();
    static QString creditsResource();
    static QString endpointsFolder();
    static QString endpointsResource(const QString &modelId);

    // Without user info, query, fragment or trailing slash.
    static QString normalizedBaseUrl(const QUrl &baseUrl);
    // A short one-way fingerprint that tells keys apart; empty for no key.
    static QString keyFingerprint(const QString &key);

    QString directoryFor(const QUrl &baseUrl) const;
    QString filePath(const QUrl &baseUrl, const QString &resource) const;

    Result<> write(const QUrl &baseUrl, const QString &resource, const nlohmann::json &body,
        const QDateTime &fetchedAt, const QString &keyFingerprint = {}) const;

    // The entry, or nullopt when there is no file or it was written for another
    // base URL (such a file is left alone and not used). An error (one
    // sentence) when a file was there but could not be read; it has then been
    // moved aside.
    Result<std::optional<Entry>> read(const QUrl &baseUrl, const QString &resource) const;

    // The resources stored in a folder ("endpoints"), as names read() takes.
    QStringList resourcesIn(const QUrl &baseUrl, const QString &folder) const;

    // Moves a file whose contents turned out to be unusable aside (to
    // "<file>.corrupt", or removes it) and returns the one-sentence message.
    QString setAside(const QString &path, const QString &reason) const;

private:
    QString m_directory;
};

} // namespace detour
