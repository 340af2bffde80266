// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The catalogues in translations/ are complete for today's sources, their
// placeholders match, and a loaded catalogue reaches the strings the code shows.

#include "chat/AttemptTableModel.h"
#include "route/RoutePlan.h"
#include "settings/Translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; // one translation, or one per plural form
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            messages.append(
                { context, {}, xml.attributes().value("numerus"_L1) == "yes"_L1, false, {} });
        } else if (name == "source"_L1) {
            messages.last().source = xml.readElementText();
        } else if (name == "translation"_L1) {
            messages.last().unfinished = xml.attributes().value("type"_L1) == "unfinished"_L1;
            if (!messages.last().numerus) // else <numerusform> children follow
                messages.last().forms = { xml.readElementText() };
        } else if (name == "numerusform"_L1) {
            messages.last().forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// %1…%99 (also %L1) and %n, without repetitions.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?(\\d{1,2}|n)"_s);
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text)) {
        if (!found.contains(match.captured(1)))
            found.append(match.captured(1));
    }
    found.sort();
    return found;
}

// One line per message that a reader would see in English or garbled.
QStringList problems(const QList<Message> &messages)
{
    QStringList found;
    for (const Message &message : messages) {
        const QString where = u"%1: \"%2\""_s.arg(message.context, message.source);
        const bool empty = std::all_of(message.forms.cbegin(), message.forms.cend(),
            [](const QString &form) { return form.trimmed().isEmpty(); });
        if (message.unfinished || empty) {
            found.append(where + u" is not translated"_s);
            continue;
        }
        for (const QString &form : message.forms) {
            if (placeholders(form) != placeholders(message.source))
                found.append(where + u": placeholders differ in \"%1\""_s.arg(form));
        }
    }
    return found;
}

} // namespace

class TestTranslations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void catalogueCoversTheSources_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("options"); // as in ui/CMakeLists.txt
        QTest::addRow("German") << u"detour_de.ts"_s << QStringList();
        QTest::addRow("English plurals") << u"detour_en.ts"_s << QStringList { u"-pluralonly"_s };
    }

    // lupdate over today's sources into a copy: a tr() string nobody translated,
    // or a source text changed since, comes back unfinished.
    void catalogueCoversTheSources()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(file);
        QVERIFY(QFile::copy(QStringLiteral(DETOUR_TRANSLATIONS_DIR) + u'/' + file, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(DETOUR_LUPDATE),
            QStringList { u"@"_s + QStringLiteral(DETOUR_LUPDATE_SOURCES), u"-no-obsolete"_s,
                u"-locations"_s, u"none"_s }
                + options + QStringList { u"-ts"_s, copy });
        QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

        QString error;
        const QList<Message> messages = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        const QStringList found = problems(messages);
        QVERIFY2(found.isEmpty(),
            qPrintable(u"%1 needs work (run `make translations`, then translate; see "
                       "translations/README.md):\n  %2"_s.arg(file, found.join(u"\n  "_s))));
    }

    void checkerSeesUntranslatedAndBrokenMessages()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sample_de.ts"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="de_DE"><context><name>Sample</name>
<message><source>Fine %1</source><translation>Gut %1</translation></message>
<message><source>New</source><translation type="unfinished"></translation></message>
<message><source>Empty</source><translation></translation></message>
<message><source>Lost %1 of %2</source><translation>%1 verloren</translation></message>
<message numerus="yes"><source>%n step(s)</source><translation>
<numerusform>ein Schritt</numerusform><numerusform>%n Schritte</numerusform></translation></message>
</context></TS>)");
        file.close();
        QString error;
        const QStringList found = problems(readTs(path, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(found,
            QStringList(
                { u"Sample: \"New\" is not translated"_s, u"Sample: \"Empty\" is not translated"_s,
                    u"Sample: \"Lost %1 of %2\": placeholders differ in \"%1 verloren\""_s,
                    u"Sample: \"%n step(s)\": placeholders differ in \"ein Schritt\""_s }));
    }

    // The code looks strings up under the contexts lupdate filed them in.
    void germanReachesTheCode()
    {
        QVERIFY(Translations::install(u"de"_s, QStringLiteral(DETOUR_QM_DIR)));
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(QCoreApplication::translate("detour::MainWindow", "&File"), u"&Datei"_s);
        QCOMPARE(
            RoutePlan().validate(), QStringList { u"Die Route hat keinen aktiven Schritt."_s });
        AttemptTableModel attempts;
        QCOMPARE(attempts.headerData(AttemptTableModel::OutcomeColumn, Qt::Horizontal).toString(),
            u"Ergebnis"_s);
        // Qt's own catalogue (qt6-translations-l10n) translates its dialog buttons.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), u"&Ja"_s);
    }

    void anUnknownLanguageKeepsEnglish()
    {
        QVERIFY(!Translations::install(u"xx"_s, QStringLiteral(DETOUR_QM_DIR)));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
