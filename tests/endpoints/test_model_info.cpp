// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ModelInfo: reading OpenRouter's model entries (tolerant of missing and null
// fields, refusing wrong shapes), the free flag, prices per million tokens and
// the model ids that may be placed in a URL path.
#include "Fixtures.h"
#include "endpoints/ModelInfo.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using Json = nlohmann::json;

namespace {

Json parsed(const char *text)
{
    return Json::parse(quoted(text).toStdString());
}

} // namespace

class TestModelInfo final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAFullEntry()
    {
        const auto model = ModelInfo::fromJson(parsed(
            "{'id':'moonshotai/kimi-k2','canonical_slug':'moonshotai/kimi-k2','name':'MoonshotAI: "
            "Kimi K2','created':1752192000,'description':'Kimi K2, paid.','context_length':131072,"
            "'architecture':{'modality':'text->text'},'pricing':{'prompt':'0.0000006','completion':"
            "'0.0000025','request':'0','image':'0'},'top_provider':{'context_length':131072,"
            "'max_completion_tokens':32768,'is_moderated':false},'per_request_limits':null,"
            "'supported_parameters':['tools','temperature']}"));
        QVERIFY(model);
        QCOMPARE(model->id, u"moonshotai/kimi-k2"_s);
        QCOMPARE(model->name, u"MoonshotAI: Kimi K2"_s);
        QCOMPARE(model->description, u"Kimi K2, paid."_s);
        QCOMPARE(model->contextLength, qint64(131072));
        QCOMPARE(model->maxCompletionTokens, qint64(32768));
        QCOMPARE(*model->promptPrice, 0.0000006);
        QCOMPARE(*model->completionPrice, 0.0000025);
        QVERIFY(qFuzzyCompare(*model->promptPricePerMillion(), 0.6));
        QVERIFY(qFuzzyCompare(*model->completionPricePerMillion(), 2.5));
        QCOMPARE(model->supportedParameters, (QStringList { u"tools"_s, u"temperature"_s }));
        QCOMPARE(model->created, QDateTime::fromSecsSinceEpoch(1752192000, Qt::UTC));
        QVERIFY(!model->isFree());
    }

    void inputModalities_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("text only") << quoted(
            "{'id':'a/b','architecture':{'modality':'text->text','input_modalities':['text']}}")
                                   << QStringList { u"text"_s };
        QTest::addRow("images and files")
            << quoted("{'id':'a/b','architecture':{'input_modalities':['text','image','file']}}")
            << QStringList { u"text"_s, u"image"_s, u"file"_s };
        QTest::addRow("unknown: no architecture") << quoted("{'id':'a/b'}") << QStringList {};
        QTest::addRow("unknown: not a list")
            << quoted("{'id':'a/b','architecture':{'input_modalities':'image'}}") << QStringList {};
    }

    void inputModalities()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QStringList, expected);
        const auto model = ModelInfo::fromJson(Json::parse(entry.toStdString()));
        QVERIFY(model);
        QCOMPARE(model->inputModalities, expected);
    }

    void toleratesMissingAndNullFields_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addRow("id only") << quoted("{'id':'a/b'}");
        QTest::addRow("nulls") << quoted("{'id':'a/b','name':null,'description':null,"
                                         "'context_length':null,'pricing':null,'top_provider':null,"
                                         "'supported_parameters':null,'created':null}");
        QTest::addRow("wrong field types")
            << quoted("{'id':'a/b','name':5,'context_length':'many','pricing':{'prompt':'cheap',"
                      "'completion':[]},'supported_parameters':'tools','created':'yesterday'}");
        QTest::addRow("negative numbers") << quoted(
            "{'id':'a/b','context_length':-5,'pricing':{'prompt':'-1','completion':'-1'}}");
        QTest::addRow("unknown fields") << quoted("{'id':'a/b','future':{'x':[1,2]}}");
    }

    void toleratesMissingAndNullFields()
    {
        QFETCH(QByteArray, entry);
        const auto model = ModelInfo::fromJson(Json::parse(entry.toStdString()));
        const QString &error = model.error();
        QVERIFY2(model, qPrintable(error));
        QCOMPARE(model->id, u"a/b"_s);
        QCOMPARE(model->name, u"a/b"_s); // the id stands in for a missing name
        QCOMPARE(model->contextLength, qint64(0));
        QVERIFY(!model->promptPrice);
        QVERIFY(!model->completionPrice);
        QVERIFY(!model->promptPricePerMillion());
        QVERIFY(model->supportedParameters.isEmpty());
        QVERIFY(!model->created.isValid());
        QVERIFY(!model->isFree()); // unknown prices are not free
    }

    void contextLengthFallsBackToTopProvider()
    {
        const auto model =
            ModelInfo::fromJson(parsed("{'id':'a/b','top_provider':{'context_length':8192}}"));
        QVERIFY(model);
        QCOMPARE(model->contextLength, qint64(8192));
    }

    void refusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("expected");
        QTest::addRow("array") << QByteArrayLiteral("[1]") << u"array"_s;
        QTest::addRow("string") << QByteArrayLiteral("\"a/b\"") << u"string"_s;
        QTest::addRow("null") << QByteArrayLiteral("null") << u"null"_s;
        QTest::addRow("no id") << quoted("{'name':'x'}") << u"\"id\""_s;
        QTest::addRow("numeric id") << quoted("{'id':42}") << u"\"id\""_s;
        QTest::addRow("empty id") << quoted("{'id':'  '}") << u"\"id\""_s;
    }

    void refusesWrongShapes()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, expected);
        const auto result = ModelInfo::fromJson(Json::parse(entry.toStdString()));
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void listSkipsUnreadableEntries()
    {
        int skipped = -1;
        const auto models = ModelInfo::listFromBody(
            quoted("{'data':[{'id':'a/one'},5,{'name':'no id'},{'id':'b/two'}]}"), &skipped);
        const QString &error = models.error();
        QVERIFY2(models, qPrintable(error));
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).id, u"a/one"_s);
        QCOMPARE(models->at(1).id, u"b/two"_s);
        QCOMPARE(skipped, 2);
    }

    void listReadsAnOpenAiCompatibleBody()
    {
        const auto models =
            ModelInfo::listFromBody(quoted("{'object':'list','data':[{'id':'llama3.2:3b','object':'"
                                           "model','owned_by':'library'}]}"));
        QVERIFY(models);
        QCOMPARE(models->size(), 1);
        QCOMPARE(models->first().id, u"llama3.2:3b"_s);
    }

    void listRefusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addRow("empty") << QByteArray() << u"empty"_s;
        QTest::addRow("not json") << QByteArrayLiteral("{\"data\": [") << u"not valid JSON"_s;
        QTest::addRow("html") << QByteArrayLiteral("<html>502</html>") << u"not valid JSON"_s;
        QTest::addRow("array") << QByteArrayLiteral("[]") << u"not an object"_s;
        QTest::addRow("no data") << quoted("{'models':[]}") << u"no \"data\""_s;
        QTest::addRow("data object") << quoted("{'data':{'id':'a/b'}}") << u"not an array"_s;
        QTest::addRow("error envelope")
            << quoted("{'error':{'message':'Service unavailable','code':503}}")
            << u"Service unavailable"_s;
        QTest::addRow("absurd nesting") << QByteArray(100'000, '[') << u"levels deep"_s;
    }

    void listRefusesWrongShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto result = ModelInfo::listFromBody(body);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.startsWith(u"The model list"_s), qPrintable(error));
    }

    void isFree_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<bool>("free");
        QTest::addRow(":free suffix")
            << quoted("{'id':'a/b:free','pricing':{'prompt':'0','completion':'0'}}") << true;
        QTest::addRow(":free suffix, prices unknown") << quoted("{'id':'a/b:free'}") << true;
        QTest::addRow("zero prices")
            << quoted("{'id':'a/b','pricing':{'prompt':'0','completion':0}}") << true;
        QTest::addRow("paid completion")
            << quoted("{'id':'a/b','pricing':{'prompt':'0','completion':'0.000001'}}") << false;
        QTest::addRow("paid") << quoted("{'id':'a/b','pricing':{'prompt':'0.000001',"
                                        "'completion':'0.000002'}}")
                              << false;
        QTest::addRow("router priced -1")
            << quoted("{'id':'openrouter/auto','pricing':{'prompt':'-1','completion':'-1'}}")
            << false;
        QTest::addRow("suffix elsewhere") << quoted("{'id':'a/free-b'}") << false;
    }

    void isFree()
    {
        QFETCH(QByteArray, entry);
        QFETCH(bool, free);
        const auto model = ModelInfo::fromJson(Json::parse(entry.toStdString()));
        QVERIFY(model);
        QCOMPARE(model->isFree(), free);
    }

    void isValidId_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addRow("plain") << u"moonshotai/kimi-k2"_s << true;
        QTest::addRow("free variant") << u"moonshotai/kimi-k2:free"_s << true;
        QTest::addRow("dots and underscores") << u"meta-llama/llama-3.3_70b.instruct"_s << true;
        QTest::addRow("digits first") << u"01-ai/yi-large"_s << true;
        QTest::addRow("parent folder") << u"../etc"_s << false;
        QTest::addRow("space") << u"a b/c"_s << false;
        QTest::addRow("no slash") << u"noslash"_s << false;
        QTest::addRow("query") << u"x/y?z=1"_s << false;
        QTest::addRow("fragment") << u"x/y#z"_s << false;
        QTest::addRow("percent") << u"x/y%2F"_s << false;
        QTest::addRow("two slashes") << u"a/b/c"_s << false;
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("empty author") << u"/slug"_s << false;
        QTest::addRow("empty slug") << u"author/"_s << false;
        QTest::addRow("dot slug") << u"a/.."_s << false;
        QTest::addRow("hidden slug") << u"a/.b"_s << false;
        QTest::addRow("colon in author") << u"a:b/c"_s << false;
        QTest::addRow("backslash") << u"a/b\\c"_s << false;
        QTest::addRow("non-ascii") << u"a/b\u00e9"_s << false;
        QTest::addRow("too long") << (u"a/"_s + QString(300, u'b')) << false;
        QTest::addRow("dot author") << u"./b"_s << false;
        QTest::addRow("single-dot slug") << u"a/."_s << false;
        QTest::addRow("encoded parent folder") << u"%2e%2e/x"_s << false;
        QTest::addRow("newline") << u"a/b\nHost: evil"_s << false;
        QTest::addRow("NUL") << (u"a/b"_s + QChar(0) + u"c"_s) << false;
        QTest::addRow("tab") << u"a/b\tc"_s << false;
        QTest::addRow("division slash") << u"a\u2215b"_s << false;
        QTest::addRow("fullwidth dot-dot") << u"a/\uff0e\uff0e"_s << false;
        QTest::addRow("dots inside a part") << u"a/b..c"_s << true; // not a path segment of its own
    }

    void isValidId()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const Result<> result = ModelInfo::isValidId(id);
        QCOMPARE(result.hasValue(), valid);
        QCOMPARE(result.error().isEmpty(), valid);
    }
};

QTEST_GUILESS_MAIN(TestModelInfo)
#include "test_model_info.moc"
