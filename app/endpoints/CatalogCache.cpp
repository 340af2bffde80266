// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CatalogCache.h"

#include "CatalogJson.h"
#include "protocol/JsonUtil.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

constexpr int formatVersion = 1;

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(detour::CatalogCache)
};

QString fileSuffix()
{
    return u".json"_s;
}

QString utcText(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

CatalogCache::CatalogCache(const QString &directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{
}

QString CatalogCache::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(u"catalog"_s);
}

QString CatalogCache::modelsResource()
{
    return u"models"_s;
}

QString CatalogCache::keyResource()
{
    return u"key"_s;
}

QString CatalogCache::creditsResource()
{
    return u"credits"_s;
}

QString CatalogCache::endpointsFolder()
{
    return u"endpoints"_s;
}

QString CatalogCache::endpointsResource(const QString &modelId)
{
    // Percent-encoding leaves only letters, digits and "-._~": no separators,
    // no ":" (Windows), nothing that climbs out of the folder.
    return endpointsFolder() + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(modelId));
}

QString CatalogCache::normalizedBaseUrl(const QUrl &baseUrl)
{
    return baseUrl
        .adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
            | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments)
        .toString();
}

QString CatalogCache::keyFingerprint(const QString &key)
{
    if (key.isEmpty())
        return {};
    const QByteArray salted = QByteArrayLiteral("detour-catalog-key\n") + key.toUtf8();
    const QByteArray hash = QCryptographicHash::hash(salted, QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.toHex().left(16));
}

QString CatalogCache::directoryFor(const QUrl &baseUrl) const
{
    const QString normalized = normalizedBaseUrl(baseUrl);
    QString readable;
    for (const QChar c : baseUrl.host().toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-')
            readable.append(c);
        else
            readable.append(u'_');
    }
    if (readable.isEmpty())
        readable = u"local"_s;
    if (baseUrl.port() > 0)
        readable += u'_' + QString::number(baseUrl.port());
    const QByteArray hash =
        QCryptographicHash::hash(normalized.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    return QDir(m_directory).filePath(readable + u'-' + QString::fromLatin1(hash));
}

QString CatalogCache::filePath(const QUrl &baseUrl, const QString &resource) const
{
    return QDir(directoryFor(baseUrl)).filePath(resource + fileSuffix());
}

Result<> CatalogCache::write(const QUrl &baseUrl, const QString &resource, const Json &body,
    const QDateTime &fetchedAt, const QString &keyFingerprint) const
{
    const QString path = filePath(baseUrl, resource);
    const auto fail = [&](const QString &why) {
        return Error(Text::tr("Could not write the catalog cache file %1: %2.").arg(path, why));
    };
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(Text::tr("its folder cannot be created"));

    Json file = Json::object();
    file["format"] = formatVersion;
    file["resource"] = json::toStd(resource);
    file["base_url"] = json::toStd(normalizedBaseUrl(baseUrl));
    file["fetched_at"] = json::toStd(utcText(fetchedAt));
    if (!keyFingerprint.isEmpty())
        file["key_fingerprint"] = json::toStd(keyFingerprint);
    file["body"] = body;

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(out.errorString());
    const QByteArray bytes = CatalogJson::dump(file);
    if (out.write(bytes) != bytes.size())
        return fail(out.errorString());
    if (!out.commit())
        return fail(out.errorString());
    return {};
}

Result<std::optional<CatalogCache::Entry>> CatalogCache::read(
    const QUrl &baseUrl, const QString &resource) const
{
    using Found = std::optional<Entry>;
    const QString path = filePath(baseUrl, resource);
    QFile file(path);
    if (!file.exists())
        return Found();
    const auto reject = [&](const QString &reason) { return Error(setAside(path, reason)); };
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(Text::tr("Could not read the catalog cache file %1: %2.")
                         .arg(path, file.errorString()));
    }
    if (file.size() > CatalogJson::maxBodyBytes)
        return reject(Text::tr("it is larger than %1 MiB").arg(CatalogJson::maxBodyBytes >> 20));
    const QByteArray bytes = file.readAll();
    file.close();

    const Result<Json> root = CatalogJson::parseObject(bytes, Text::tr("it"));
    if (!root)
        return reject(root.error());
    Entry entry;
    entry.path = path;
    entry.baseUrl = json::stringAt(*root, "base_url");
    if (entry.baseUrl.isEmpty())
        return reject(Text::tr("it names no base URL"));
    if (entry.baseUrl != normalizedBaseUrl(baseUrl))
        return Found(); // another server's file: not ours to judge or use
    const QString fetchedAt = json::stringAt(*root, "fetched_at");
    entry.fetchedAt = QDateTime::fromString(fetchedAt, Qt::ISODateWithMs);
    if (!entry.fetchedAt.isValid())
        return reject(Text::tr("it has no valid \"fetched_at\" time"));
    entry.fetchedAt = entry.fetchedAt.toUTC();
    entry.keyFingerprint = json::stringAt(*root, "key_fingerprint");
    const auto body = root->find("body");
    if (body == root->end() || !body->is_object())
        return reject(Text::tr("it has no \"body\" object"));
    entry.body = *body;
    return Found(std::move(entry));
}

QStringList CatalogCache::resourcesIn(const QUrl &baseUrl, const QString &folder) const
{
    const QDir dir(QDir(directoryFor(baseUrl)).filePath(folder));
    QStringList resources;
    const QStringList files =
        dir.entryList({ u"*"_s + fileSuffix() }, QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &name : files)
        resources.append(folder + u'/' + name.chopped(fileSuffix().size()));
    return resources;
}

QString CatalogCache::setAside(const QString &path, const QString &reason) const
{
    const QString aside = path + u".corrupt"_s;
    QFile::remove(aside);
    if (QFile::rename(path, aside)) {
        return Text::tr("Ignored the unreadable catalog cache file %1 (%2); it was moved to %3 and "
                        "will be fetched again.")
            .arg(path, reason, aside);
    }
    QFile::remove(path);
    return Text::tr("Ignored the unreadable catalog cache file %1 (%2); it was removed and will be "
                    "fetched again.")
        .arg(path, reason);
}

} // namespace detour
