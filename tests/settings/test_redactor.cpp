// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/RequestBuilder.h"
#include "settings/Redactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// What the message handler below saw.
QStringList &captured()
{
    static QStringList messages;
    return messages;
}

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    captured().append(message);
}

QString quoted(const char *text)
{
    return QString::fromUtf8(fixtures::quoted(text));
}

} // namespace

class TestRedactor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void redacts_data()
    {
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");

        const QStringList none;
        QTest::addRow("known key in text")
            << QStringList { u"my-own-secret-123"_s } << u"using my-own-secret-123 now"_s
            << u"using [redacted] now"_s;
        QTest::addRow("known key twice")
            << QStringList { u"my-own-secret-123"_s } << u"my-own-secret-123/my-own-secret-123"_s
            << u"[redacted]/[redacted]"_s;
        QTest::addRow("longest key first") << QStringList { u"secret-one"_s, u"secret-one-two"_s }
                                           << u"x secret-one-two y"_s << u"x [redacted] y"_s;
        QTest::addRow("key shorter than six characters is no secret")
            << QStringList { u"abc"_s } << u"abc abc"_s << u"abc abc"_s;
        QTest::addRow("Authorization header line")
            << none << u"Authorization: Bearer abc.def-ghi\r\nAccept: */*"_s
            << u"Authorization: [redacted]\r\nAccept: */*"_s;
        QTest::addRow("authorization header, any case, Basic")
            << none << u"authorization: Basic dXNlcjpwYXNz"_s << u"authorization: [redacted]"_s;
        QTest::addRow("Bearer token anywhere") << none << u"sent with Bearer abcdef123456, then"_s
                                               << u"sent with Bearer [redacted], then"_s;
        QTest::addRow("OpenRouter key shape")
            << none << u"key sk-or-v1-0123456789abcdef0123 leaked"_s << u"key [redacted] leaked"_s;
        QTest::addRow("OpenAI project key shape")
            << none << u"sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX"_s << u"[redacted]"_s;
        QTest::addRow("Groq key shape")
            << none << u"gsk_ABCDEFGHIJKLMNOPQRSTUVWX"_s << u"[redacted]"_s;
        QTest::addRow("environment assignment")
            << none << u"OPENROUTER_API_KEY=whatever-it-is"_s << u"OPENROUTER_API_KEY=[redacted]"_s;
        QTest::addRow("x-api-key header")
            << none << u"x-api-key: abcdef"_s << u"x-api-key: [redacted]"_s;
        QTest::addRow("key in URL query")
            << none << u"GET https://host/v1/models?key=abcdef&alt=json"_s
            << u"GET https://host/v1/models?key=[redacted]&alt=json"_s;
        QTest::addRow("JSON body with api_key")
            << none << quoted("{'model':'m','api_key':'plain-text-key'}")
            << quoted("{'model':'m','api_key':'[redacted]'}");
        QTest::addRow("JSON headers object")
            << none
            << quoted("{'headers':{'Authorization':'Bearer sk-or-v1-abc','X-Title':'Detour'}}")
            << quoted("{'headers':{'Authorization':'[redacted]','X-Title':'Detour'}}");
        QTest::addRow("JSON inside a JSON string")
            << none
            << quoted(
                   "{'body':'{\\'api_key\\':\\'abc123\\',\\'Authorization\\':\\'Basic eHl6\\'}'}")
            << quoted("{'body':'{\\'api_key\\':\\'[redacted]\\',\\'Authorization\\':\\'[redacted]"
                      "\\'}'}");
        QTest::addRow("JSON with a JSON-escaped known key")
            << QStringList { u"abc/def/ghi"_s } << quoted("{'k':'abc\\/def\\/ghi'}")
            << quoted("{'k':'[redacted]'}");
        QTest::addRow("percent-encoded known key")
            << QStringList { u"key+with/slash"_s } << u"https://h/?x=key%2Bwith%2Fslash"_s
            << u"https://h/?x=[redacted]"_s;
        QTest::addRow("route JSON stays as it is")
            << none
            << quoted("{'endpoints':[{'id':'openrouter','key_env':'OPENROUTER_API_KEY'}],"
                      "'steps':[{'model':'moonshotai/kimi-k2:free'}]}")
            << quoted("{'endpoints':[{'id':'openrouter','key_env':'OPENROUTER_API_KEY'}],"
                      "'steps':[{'model':'moonshotai/kimi-k2:free'}]}");
        QTest::addRow("error message stays as it is")
            << none << u"Set OPENROUTER_API_KEY (or the variable the endpoint names) instead."_s
            << u"Set OPENROUTER_API_KEY (or the variable the endpoint names) instead."_s;
    }

    void redacts()
    {
        QFETCH(QStringList, secrets);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Redactor redactor(secrets);
        QCOMPARE(redactor.redact(text), expected);
        QCOMPARE(redactor.containsSecret(text), expected != text);
        // Redacting twice changes nothing more.
        QCOMPARE(redactor.redact(expected), expected);
    }

    void fixturesKeepTheirMeaning()
    {
        // Real error bodies carry no credential: redaction leaves them alone.
        const Redactor redactor({ u"sk-or-v1-not-in-any-fixture"_s });
        for (const QString &name : fixtures::names(u"*.http"_s)) {
            const QString body = QString::fromUtf8(fixtures::read(name));
            QCOMPARE(redactor.redact(body), body);
        }
    }

    void messageFilterRedactsQtOutput()
    {
        const QString key = u"message-filter-key-0042"_s;
        Redactor::remember(key);
        captured().clear();
        const QtMessageHandler testHandler = qInstallMessageHandler(&capture);
        Redactor::installMessageFilter();
        Redactor::installMessageFilter(); // idempotent
        QVERIFY(Redactor::isMessageFilterInstalled());

        qWarning("the key is %s", qPrintable(key));
        qDebug() << u"json:"_s << quoted("{'api_key':'x-123456'}");
        const QNetworkRequest request = RequestBuilder::networkRequest(EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.ai/api/v1"_s), u"sk-or-v1-header-key-7"_s);
        qWarning() << "Authorization:" << request.rawHeader("Authorization");
        qInfo().noquote() << QString::fromLatin1(
            "Authorization: " + request.rawHeader("Authorization"));

        Redactor::removeMessageFilter();
        QVERIFY(!Redactor::isMessageFilterInstalled());
        qWarning("after removal %s", qPrintable(key)); // reaches the capture handler unfiltered
        qInstallMessageHandler(testHandler);

        const QStringList lines = captured();
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0], u"the key is [redacted]"_s);
        QVERIFY2(lines[1].contains(u"[redacted]"_s) && !lines[1].contains(u"x-123456"_s),
            qPrintable(lines[1]));
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(!lines[i].contains(key), qPrintable(lines[i]));
            QVERIFY2(!lines[i].contains(u"header-key-7"_s), qPrintable(lines[i]));
        }
        QCOMPARE(lines[3], u"Authorization: [redacted]"_s);
        QVERIFY(lines[4].contains(key));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "test_redactor.moc"
