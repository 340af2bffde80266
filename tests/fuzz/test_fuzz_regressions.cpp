// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Replays every fuzz finding (tests/fuzz/regressions/<target>/) and every seed
// (tests/fixtures, gathered by FuzzSeeds.cmake) through the same property checks
// the fuzzers run, in the regular build: no clang or libFuzzer needed.
#include "FuzzCheck.h"
#include "FuzzTargets.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <stdexcept>

using namespace Qt::StringLiterals;
using namespace detour::fuzz;

namespace {

struct CheckFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Runs one check; a broken property comes back as its message.
QString failureOf(const Target &target, QByteArrayView input)
{
    try {
        target.check(input);
    } catch (const CheckFailure &failure) {
        return QString::fromUtf8(failure.what());
    }
    return {};
}

} // namespace

class TestFuzzRegressions final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void replays_data();
    void replays();
    void everyTargetHasSeeds_data();
    void everyTargetHasSeeds();
    void refusesDeepNesting_data();
    void refusesDeepNesting();
};

void TestFuzzRegressions::initTestCase()
{
    failureHandler() = [](const QString &message) { throw CheckFailure(message.toStdString()); };
}

void TestFuzzRegressions::replays_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    for (int t = 0; t < int(targets.size()); ++t) {
        const QString name = QString::fromLatin1(targets[t].name);
        for (const auto &[kind, root] :
            { std::pair { u"regression"_s, QString::fromUtf8(DETOUR_FUZZ_REGRESSIONS_DIR) },
                std::pair { u"seed"_s, QString::fromUtf8(DETOUR_FUZZ_SEEDS_DIR) } }) {
            const QDir dir(root + u'/' + name);
            for (const QString &file : dir.entryList(QDir::Files, QDir::Name))
                QTest::addRow("%s %s %s", targets[t].name, qPrintable(kind), qPrintable(file))
                    << t << dir.filePath(file);
        }
    }
}

void TestFuzzRegressions::replays()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray input = file.readAll();
    const QString failure = failureOf(targets[target], input);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestFuzzRegressions::everyTargetHasSeeds_data()
{
    QTest::addColumn<QString>("name");
    for (const Target &target : targets)
        QTest::addRow("%s", target.name) << QString::fromLatin1(target.name);
}

void TestFuzzRegressions::everyTargetHasSeeds()
{
    QFETCH(QString, name);
    const QDir dir(QString::fromUtf8(DETOUR_FUZZ_SEEDS_DIR) + u'/' + name);
    QVERIFY2(!dir.entryList(QDir::Files).isEmpty(), qPrintable(dir.path()));
}

void TestFuzzRegressions::refusesDeepNesting_data()
{
    // Far deeper than a recursive copy or dump survives: every parser must refuse
    // such documents up front (a finding of the route-file and response fuzzers).
    constexpr qsizetype depth = 200'000;
    const QByteArray arrays = QByteArray(depth, '[') + QByteArray(depth, ']');
    QByteArray objects;
    for (qsizetype i = 0; i < depth; ++i)
        objects += "{\"a\":";
    objects += "1" + QByteArray(depth, '}');

    QTest::addColumn<int>("target");
    QTest::addColumn<QByteArray>("input");
    for (int t = 0; t < int(targets.size()); ++t) {
        const char *name = targets[t].name;
        QTest::addRow("%s arrays", name) << t << arrays;
        QTest::addRow("%s metadata", name) << t << "{\"openrouter_metadata\":" + arrays + "}";
        QTest::addRow("%s error", name)
            << t << "HTTP/1.1 200 OK\r\n\r\n{\"error\":" + objects + "}";
        QTest::addRow("%s provider", name)
            << t << "{\"steps\":[{\"model\":\"m\",\"provider\":" + objects + "}]}";
        QTest::addRow("%s sse", name) << t << "data: " + arrays + "\n\n";
    }
}

void TestFuzzRegressions::refusesDeepNesting()
{
    QFETCH(int, target);
    QFETCH(QByteArray, input);
    const QString failure = failureOf(targets[target], input);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
