// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The diagnosis against tests/fixtures/corpus: real error responses quoted from
// public issue threads, documentation and other projects' recorded tests (the
// corpus README lists each source). Every file's labelled outcome, party,
// provider and wait are checked; the few known misses are marked with why, so
// a fix shows up as an unexpected pass and a regression as a failure.
#include "Fixtures.h"
#include "protocol/Diagnosis.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/Outcome.h"
#include "protocol/RawHttpResponse.h"

#include <QDateTime>
#include <QHash>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

const Json &labels()
{
    static const Json parsed =
        Json::parse(fixtures::read(u"corpus/expected.json"_s).toStdString(), nullptr, false);
    return parsed;
}

// Where the classifier and the label still disagree, and why: what it would take.
const QHash<QString, QString> &knownMisses()
{
    static const QHash<QString, QString> misses {
        { u"fireworks-404-missing-conversation-config.http"_s,
            u"a 404 whose words say the request needs another API: no rule reads that"_s },
        { u"portkey-200-network-connection-lost.http"_s,
            u"a 200 whose only field is html-message: not read as an error"_s },
        { u"helicone-500-relayed-400-invalid-call-id.http"_s,
            u"the relayed status sits in details[].statusCode, not read"_s },
    };
    return misses;
}

const QHash<QString, QString> &knownPartyMisses()
{
    static const QHash<QString, QString> misses {
        { u"groq-400-tool-use-failed.http"_s, u"bad requests are always the sender's"_s },
        { u"groq-stream-event-error-tool-use-failed.sse"_s,
            u"bad requests are always the sender's"_s },
        { u"oneapi-403-relayed-unsupported-region-request-id.http"_s,
            u"a region block is read as the key's refusal"_s },
        { u"openai-403-unsupported-country-region.http"_s,
            u"a region block is read as the key's refusal"_s },
        { u"opencode-go-404-relayed-no-allowed-providers.http"_s,
            u"a gateway's routing refusal is read as the sender's"_s },
        { u"together-400-dedicated-endpoint-not-running.http"_s,
            u"whose endpoint is not running is not told apart"_s },
        { u"portkey-200-network-connection-lost.http"_s, u"see knownMisses"_s },
        { u"helicone-500-relayed-400-invalid-call-id.http"_s, u"see knownMisses"_s },
    };
    return misses;
}

QString labelText(const Json &label, const char *key)
{
    const auto it = label.find(key);
    return it != label.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                : QString();
}

} // namespace

class TestDiagnosisCorpus final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpusIsLabelled()
    {
        QVERIFY(labels().is_object());
        const QStringList files =
            QDir(fixtures::path(u"corpus"_s)).entryList({ u"*.http"_s, u"*.sse"_s }, QDir::Files);
        QVERIFY(files.size() >= 100);
        QCOMPARE(qsizetype(labels().size()), files.size());
        for (const QString &file : files)
            QVERIFY2(labels().contains(file.toStdString()), qPrintable(file));
    }

    void diagnosis_data()
    {
        QTest::addColumn<QString>("file");
        for (auto it = labels().begin(); it != labels().end(); ++it)
            QTest::addRow("%s", it.key().c_str()) << QString::fromStdString(it.key());
    }

    void diagnosis()
    {
        QFETCH(QString, file);
        const Json &label = labels()[file.toStdString()];
        const QByteArray bytes = fixtures::read(u"corpus/"_s + file);
        // A .sse file is the body of a streamed 200 reply.
        const QByteArray raw = file.endsWith(u".sse"_s)
            ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"_ba + bytes
            : bytes;
        const auto response = RawHttpResponse::parse(raw);
        QVERIFY2(response.hasValue(), qPrintable(response.error()));
        const EndpointKind kind = labelText(label, "kind") == "openrouter"_L1
            ? EndpointKind::OpenRouter
            : EndpointKind::OpenAiCompatible;
        const Diagnosis d = ErrorClassifier::classify(response->status, response->headers,
            response->body, kind, QDateTime::currentDateTimeUtc());

        if (knownMisses().contains(file))
            QEXPECT_FAIL("", qPrintable(knownMisses().value(file)), Continue);
        QCOMPARE(outcomeName(d.outcome), labelText(label, "outcome"));
        if (knownPartyMisses().contains(file))
            QEXPECT_FAIL("", qPrintable(knownPartyMisses().value(file)), Continue);
        QCOMPARE(partyName(d.party), labelText(label, "party"));
        if (const QString provider = labelText(label, "provider"); !provider.isEmpty()) {
            if (knownMisses().contains(file))
                QEXPECT_FAIL("", "known miss", Continue);
            QCOMPARE(d.provider.toLower(), provider.toLower());
        }
        if (const auto wait = label.find("retry_after_s");
            wait != label.end() && wait->is_number()) {
            QVERIFY(d.retryAfterS.has_value());
            QVERIFY(qAbs(*d.retryAfterS - wait->get<double>()) < 1.0);
        }
    }
};

QTEST_GUILESS_MAIN(TestDiagnosisCorpus)
#include "test_diagnosis_corpus.moc"
