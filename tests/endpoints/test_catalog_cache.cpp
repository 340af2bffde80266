// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// CatalogCache: the catalog's files on disk — round trip, one folder per base
// URL, safe file names for model ids, key fingerprints, and unreadable files
// set aside with a message instead of failing.
#include "Fixtures.h"
#include "endpoints/CatalogCache.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using Json = nlohmann::json;

namespace {

const QUrl simulated(u"http://127.0.0.1:40123/api/v1"_s);
const QUrl real(u"https://openrouter.ai/api/v1"_s);

Json body(const char *text)
{
    return Json::parse(quoted(text).toStdString());
}

// A read that found an entry: read() succeeds with nullopt when there is none.
bool found(const Result<std::optional<CatalogCache::Entry>> &read)
{
    return read && read->has_value();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace

class TestCatalogCache final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        QCOMPARE(cache.directory(), dir.path());
        const QDateTime fetchedAt =
            QDateTime::fromString(u"2025-07-11T10:20:30.456Z"_s, Qt::ISODateWithMs);
        const Json models = body("{'data':[{'id':'a/b','name':'\\u00c9t\\u00e9'}]}");
        const Result<> written =
            cache.write(simulated, CatalogCache::modelsResource(), models, fetchedAt);
        QVERIFY2(written, qPrintable(written.error()));

        const auto read = cache.read(simulated, CatalogCache::modelsResource());
        QVERIFY2(read, qPrintable(read.error()));
        const std::optional<CatalogCache::Entry> &entry = *read;
        QVERIFY(entry);
        QCOMPARE(entry->fetchedAt, fetchedAt);
        QCOMPARE(entry->fetchedAt.timeSpec(), Qt::UTC);
        QCOMPARE(entry->baseUrl, u"http://127.0.0.1:40123/api/v1"_s);
        QVERIFY(entry->keyFingerprint.isEmpty());
        QCOMPARE(entry->body.dump(), models.dump());
        QCOMPARE(entry->path, cache.filePath(simulated, CatalogCache::modelsResource()));

        // The file says where and when it came from, in UTC ISO 8601.
        QFile file(entry->path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json stored = Json::parse(file.readAll().toStdString());
        QCOMPARE(QString::fromStdString(stored.at("fetched_at").get<std::string>()),
            u"2025-07-11T10:20:30.456Z"_s);
        QCOMPARE(QString::fromStdString(stored.at("base_url").get<std::string>()),
            u"http://127.0.0.1:40123/api/v1"_s);
        // Written atomically: no temporary files are left behind.
        QCOMPARE(
            filesUnder(dir.path()), QStringList { QDir(dir.path()).relativeFilePath(entry->path) });
    }

    void missingFileIsQuiet()
    {
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        const auto read = cache.read(simulated, CatalogCache::keyResource());
        QVERIFY(!found(read));
        QVERIFY(read.error().isEmpty());
    }

    void baseUrlsGetTheirOwnFolders_data()
    {
        QTest::addColumn<QUrl>("a");
        QTest::addColumn<QUrl>("b");
        QTest::addColumn<bool>("same");
        QTest::addRow("simulated vs real") << simulated << real << false;
        QTest::addRow("other port")
            << simulated << QUrl(u"http://127.0.0.1:40124/api/v1"_s) << false;
        QTest::addRow("other path") << real << QUrl(u"https://openrouter.ai/api/v2"_s) << false;
        QTest::addRow("trailing slash") << real << QUrl(u"https://openrouter.ai/api/v1/"_s) << true;
        QTest::addRow("user info")
            << real << QUrl(u"https://me:secret@openrouter.ai/api/v1"_s) << true;
    }

    void baseUrlsGetTheirOwnFolders()
    {
        QFETCH(QUrl, a);
        QFETCH(QUrl, b);
        QFETCH(bool, same);
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        QCOMPARE(cache.directoryFor(a) == cache.directoryFor(b), same);
        QVERIFY(cache.directoryFor(a).startsWith(dir.path() + u'/'));
        QVERIFY(!cache.directoryFor(b).contains(u"secret"_s));
        QVERIFY(cache.write(a, CatalogCache::modelsResource(), body("{'data':[]}"),
            QDateTime::currentDateTimeUtc()));
        QCOMPARE(found(cache.read(b, CatalogCache::modelsResource())), same);
    }

    void anotherServersFileIsNotUsed()
    {
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        QVERIFY(cache.write(real, CatalogCache::modelsResource(), body("{'data':[]}"),
            QDateTime::currentDateTimeUtc()));
        // Copied by hand into the simulator's folder: its base URL gives it away.
        const QString foreign = cache.filePath(simulated, CatalogCache::modelsResource());
        QDir().mkpath(QFileInfo(foreign).absolutePath());
        QVERIFY(QFile::copy(cache.filePath(real, CatalogCache::modelsResource()), foreign));
        const auto read = cache.read(simulated, CatalogCache::modelsResource());
        QVERIFY(!found(read));
        QVERIFY(read.error().isEmpty());
        QVERIFY(QFile::exists(foreign)); // left alone
    }

    void unreadableFilesAreSetAside_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason");
        QTest::addRow("garbage") << QByteArrayLiteral("\x89PNG\r\n\x1a\n") << u"not valid JSON"_s;
        QTest::addRow("truncated")
            << quoted("{'format':1,'base_url':'http://127.0.0.1:40123/api/v1','fetched_at':'2025")
            << u"not valid JSON"_s;
        QTest::addRow("empty") << QByteArray() << u"empty"_s;
        QTest::addRow("array") << QByteArrayLiteral("[]") << u"not an object"_s;
        QTest::addRow("no base url")
            << quoted("{'fetched_at':'2025-01-01T00:00:00Z','body':{}}") << u"base URL"_s;
        QTest::addRow("bad time") << quoted(
            "{'base_url':'http://127.0.0.1:40123/api/v1','fetched_at':'yesterday',"
            "'body':{}}") << u"fetched_at"_s;
        QTest::addRow("body not an object")
            << quoted("{'base_url':'http://127.0.0.1:40123/api/v1','fetched_at':"
                      "'2025-01-01T00:00:00Z','body':[1]}")
            << u"body"_s;
    }

    void unreadableFilesAreSetAside()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        const QString path = cache.filePath(simulated, CatalogCache::creditsResource());
        QVERIFY(writeFile(path, contents));
        const auto read = cache.read(simulated, CatalogCache::creditsResource());
        QVERIFY(!found(read));
        const QString &message = read.error();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
        QVERIFY2(message.endsWith(u'.'), qPrintable(message));
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(path + u".corrupt"_s));
        // Gone for good: the next read is quiet, and a new write works.
        const auto again = cache.read(simulated, CatalogCache::creditsResource());
        QVERIFY(!found(again));
        QVERIFY(again.error().isEmpty());
        QVERIFY(cache.write(simulated, CatalogCache::creditsResource(),
            body("{'data':{'total_credits':1}}"), QDateTime::currentDateTimeUtc()));
        QVERIFY(found(cache.read(simulated, CatalogCache::creditsResource())));
    }

    void endpointFileNamesAreSafe_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addRow("plain") << u"moonshotai/kimi-k2"_s;
        QTest::addRow("colon") << u"moonshotai/kimi-k2:free"_s;
        QTest::addRow("climbing") << u"../../etc/passwd"_s;
        QTest::addRow("backslash") << u"a\\..\\b"_s;
        QTest::addRow("spaces and unicode") << u"a b/\u00e9 \u6f22"_s;
    }

    void endpointFileNamesAreSafe()
    {
        QFETCH(QString, modelId);
        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        const QString resource = CatalogCache::endpointsResource(modelId);
        QVERIFY(resource.startsWith(u"endpoints/"_s));
        const QString name = resource.sliced(10);
        QVERIFY(!name.contains(u'/'));
        QVERIFY(!name.contains(u'\\'));
        QVERIFY(!name.contains(u':'));
        QVERIFY(!name.contains(u' '));
        QCOMPARE(QUrl::fromPercentEncoding(name.toLatin1()), modelId);

        QVERIFY(cache.write(simulated, resource, body("{'data':{'endpoints':[]}}"),
            QDateTime::currentDateTimeUtc()));
        const QString endpointsDir =
            QDir(cache.directoryFor(simulated)).filePath(CatalogCache::endpointsFolder());
        QCOMPARE(QFileInfo(cache.filePath(simulated, resource)).absolutePath(), endpointsDir);
        QCOMPARE(cache.resourcesIn(simulated, CatalogCache::endpointsFolder()),
            QStringList { resource });
        QVERIFY(found(cache.read(simulated, resource)));
    }

    void keyFingerprints()
    {
        const QString a = CatalogCache::keyFingerprint(u"sk-or-v1-aaaaaaaa"_s);
        const QString b = CatalogCache::keyFingerprint(u"sk-or-v1-bbbbbbbb"_s);
        QVERIFY(CatalogCache::keyFingerprint({}).isEmpty());
        QCOMPARE(a.size(), 16);
        QVERIFY(a != b);
        QCOMPARE(CatalogCache::keyFingerprint(u"sk-or-v1-aaaaaaaa"_s), a);
        QVERIFY(!a.contains(u"aaaa"_s));

        QTemporaryDir dir;
        const CatalogCache cache(dir.path());
        QVERIFY(cache.write(simulated, CatalogCache::keyResource(), body("{'data':{}}"),
            QDateTime::currentDateTimeUtc(), a));
        const auto read = cache.read(simulated, CatalogCache::keyResource());
        QVERIFY(found(read));
        QCOMPARE((*read)->keyFingerprint, a);
    }

    void unwritableDirectoryIsAnError()
    {
        QTemporaryDir dir;
        const QString blocker = QDir(dir.path()).filePath(u"file"_s);
        QVERIFY(writeFile(blocker, "not a folder"));
        const CatalogCache cache(blocker); // a file where the folder should be
        const Result<> written = cache.write(simulated, CatalogCache::modelsResource(),
            body("{'data':[]}"), QDateTime::currentDateTimeUtc());
        QVERIFY(!written);
        QVERIFY2(written.error().startsWith(u"Could not write"_s), qPrintable(written.error()));
    }

    void defaultDirectoryIsUnderTheCacheLocation()
    {
        QVERIFY(CatalogCache::defaultDirectory().endsWith(u"/catalog"_s));
    }
};

QTEST_GUILESS_MAIN(TestCatalogCache)
#include "test_catalog_cache.moc"
