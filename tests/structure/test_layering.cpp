// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The engine's layers, enforced: each folder of app/ may include only the
// folders below it, app/ never includes ui/ or Qt Widgets, and the simulator is
// reached only from the command line, the window and the tests.
//
//   ui/
//   app/cli                         (may start the simulator)
//   app/chat  app/health  app/rehearsal
//   app/store  app/settings  app/endpoints
//   app/route
//   app/protocol                    app/sim (the simulated OpenRouter: protocol only)
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The folders each layer may include from, besides its own.
const QHash<QString, QSet<QString>> &allowedIncludes()
{
    static const QSet<QString> engineBelowChat { u"protocol"_s, u"route"_s, u"endpoints"_s,
        u"settings"_s, u"store"_s };
    static const QHash<QString, QSet<QString>> allowed {
        { u"app/protocol"_s, {} },
        { u"app/sim"_s, { u"protocol"_s } },
        { u"app/route"_s, { u"protocol"_s } },
        { u"app/endpoints"_s, { u"protocol"_s, u"route"_s } },
        { u"app/store"_s, { u"protocol"_s, u"route"_s, u"endpoints"_s } },
        { u"app/settings"_s, { u"protocol"_s, u"route"_s, u"endpoints"_s } },
        { u"app/chat"_s, engineBelowChat },
        { u"app/health"_s, engineBelowChat },
        { u"app/rehearsal"_s, engineBelowChat },
        { u"app/cli"_s,
            engineBelowChat + QSet<QString> { u"chat"_s, u"health"_s, u"rehearsal"_s, u"sim"_s } },
        { u"ui"_s,
            engineBelowChat
                + QSet<QString> { u"chat"_s, u"health"_s, u"rehearsal"_s, u"cli"_s, u"sim"_s } },
    };
    return allowed;
}

// Headers that put widgets into a file: the engine builds without a display.
const QStringList widgetHeaders { u"QWidget"_s, u"QtWidgets"_s, u"QApplication"_s, u"QDialog"_s,
    u"QMainWindow"_s, u"QAbstractItemView"_s, u"QStyle"_s };

// "app/route/TurnRunner.cpp" -> "app/route"; "ui/ChatView.cpp" -> "ui".
QString layerOf(const QString &relativePath)
{
    const QStringList parts = relativePath.split(u'/');
    if (parts.value(0) == "app"_L1 && parts.size() > 2)
        return parts[0] + u'/' + parts[1];
    return parts.value(0);
}

// Every include of `source` (a file of `layer`) that goes against the layering, one line each.
QStringList violations(const QString &layer, const QString &source)
{
    static const QRegularExpression include(
        u"^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"_s, QRegularExpression::MultilineOption);
    QStringList found;
    const QSet<QString> allowed = allowedIncludes().value(layer);
    const QString ownFolder = layer.section(u'/', -1);
    for (auto match = include.globalMatch(source); match.hasNext();) {
        const QRegularExpressionMatch next = match.next();
        const QString target = next.captured(2);
        const bool quoted = next.captured(1) == u"\""_s;
        if (!quoted) {
            const QString header = target.section(u'/', -1);
            if (layer.startsWith("app/"_L1) && widgetHeaders.contains(header))
                found << u"%1 includes <%2>: the engine has no widgets"_s.arg(layer, target);
            continue;
        }
        if (!target.contains(u'/'))
            continue; // a header of its own folder
        const QString folder = target.section(u'/', 0, 0);
        if (folder != ownFolder && !allowed.contains(folder))
            found << u"%1 includes \"%2\": against the layering"_s.arg(layer, target);
    }
    return found;
}

// The quoted includes of a file, resolved as the compiler does for app/ and ui/:
// beside the file first, then from app/.
QStringList resolvedIncludes(const QDir &root, const QString &relativePath)
{
    static const QRegularExpression include(
        u"^\\s*#\\s*include\\s*\"([^\"]+)\""_s, QRegularExpression::MultilineOption);
    QFile file(root.filePath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString source = QString::fromUtf8(file.readAll());
    const QString folder = QFileInfo(relativePath).path();
    QStringList resolved;
    for (auto match = include.globalMatch(source); match.hasNext();) {
        const QString target = match.next().captured(1);
        for (const QString &candidate :
            QStringList { folder + u'/' + target, u"app/"_s + target }) {
            if (QFileInfo::exists(root.filePath(candidate))) {
                resolved << QDir::cleanPath(candidate);
                break;
            }
        }
    }
    return resolved;
}

} // namespace

class TestLayering final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checker_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("expected");
        QTest::addRow("route uses protocol")
            << u"app/route"_s << u"#include \"protocol/Outcome.h\"\n"_s << 0;
        QTest::addRow("own folder") << u"app/store"_s << u"#include \"SqlUtil.h\"\n"_s << 0;
        QTest::addRow("route reaches up into settings")
            << u"app/route"_s << u"#include \"settings/KeyRing.h\"\n"_s << 1;
        QTest::addRow("store reaches up into chat")
            << u"app/store"_s << u"  #  include \"chat/TurnBadge.h\"\n"_s << 1;
        QTest::addRow("protocol reaches up into route")
            << u"app/protocol"_s << u"#include \"route/Attempt.h\"\n"_s << 1;
        QTest::addRow("engine includes ui")
            << u"app/chat"_s << u"#include \"ui/ChatView.h\"\n"_s << 1;
        QTest::addRow("engine includes widgets") << u"app/chat"_s << u"#include <QWidget>\n"_s << 1;
        QTest::addRow("store starts the simulator")
            << u"app/store"_s << u"#include \"sim/SimServer.h\"\n"_s << 1;
        QTest::addRow("cli starts the simulator")
            << u"app/cli"_s << u"#include \"sim/SimServer.h\"\n"_s << 0;
        QTest::addRow("sim reaches into route")
            << u"app/sim"_s << u"#include \"route/RoutePlan.h\"\n"_s << 1;
        QTest::addRow("window uses everything")
            << u"ui"_s << u"#include \"chat/ChatSession.h\"\n#include <QWidget>\n"_s << 0;
        QTest::addRow("commented out does not count")
            << u"app/route"_s << u"// #include \"store/Database.h\"\n"_s << 0;
    }

    void checker()
    {
        QFETCH(QString, layer);
        QFETCH(QString, source);
        QFETCH(int, expected);
        QCOMPARE(violations(layer, source).size(), expected);
    }

    void tree()
    {
        const QDir root(QStringLiteral(DETOUR_SOURCE_DIR));
        int files = 0;
        QStringList found;
        for (const QString &top : { u"app"_s, u"ui"_s }) {
            QDirIterator it(root.filePath(top), { u"*.h"_s, u"*.cpp"_s }, QDir::Files,
                QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString relative = root.relativeFilePath(path);
                const QString layer = layerOf(relative);
                QVERIFY2(allowedIncludes().contains(layer),
                    qPrintable(u"%1: a folder the layering does not know"_s.arg(relative)));
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                for (const QString &problem : violations(layer, QString::fromUtf8(file.readAll())))
                    found << relative + u": "_s + problem;
                ++files;
            }
        }
        QVERIFY2(files > 100, "the source tree was not found");
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    // nlohmann/json.hpp is a large header: it stays in the engine's .cpp files
    // (headers use json_fwd.hpp), so no file of the window compiles it through
    // a header. Checked through every header a file of ui/ reaches.
    void fullJsonStaysOutOfWindowHeaders()
    {
        const QDir root(QStringLiteral(DETOUR_SOURCE_DIR));
        QStringList pending;
        QDirIterator it(root.filePath(u"ui"_s), { u"*.h"_s, u"*.cpp"_s }, QDir::Files);
        while (it.hasNext())
            pending << root.relativeFilePath(it.next());
        QHash<QString, QString> reachedFrom; // header -> the file that included it
        for (const QString &start : std::as_const(pending))
            reachedFrom.insert(start, QString());
        QStringList offenders;
        while (!pending.isEmpty()) {
            const QString file = pending.takeLast();
            if (file.endsWith(".h"_L1)) {
                QFile header(root.filePath(file));
                QVERIFY(header.open(QIODevice::ReadOnly));
                if (header.readAll().contains("<nlohmann/json.hpp>"))
                    offenders << u"%1 (reached from %2)"_s.arg(file, reachedFrom.value(file));
            }
            for (const QString &included : resolvedIncludes(root, file)) {
                if (!reachedFrom.contains(included)) {
                    reachedFrom.insert(included, file);
                    pending << included;
                }
            }
        }
        QVERIFY2(reachedFrom.size() > 50, "the window's headers were not found");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "test_layering.moc"
