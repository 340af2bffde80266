// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttemptReport.h"

#include "protocol/JsonUtil.h"
#include "protocol/NumberText.h"
#include "route/RelayReport.h"

#include <QCoreApplication>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(AttemptReport)
};

QString ms(qint64 value)
{
    return value < 0 ? u"–"_s : NumberText::milliseconds(value);
}

// `text` as a fenced code block whose fence is longer than any run of backticks
// in it: a body holding ``` must not end the block and turn the rest into Markdown.
QString fenced(const QString &text, const QString &language = {})
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max<qsizetype>(3, longest + 1), u'`');
    return fence + language + u'\n' + text + (text.endsWith(u'\n') ? u""_s : u"\n"_s) + fence
        + u'\n';
}

} // namespace

QString AttemptReport::prettyBody(const QByteArray &body)
{
    std::optional<Json> parsed = json::parse(body);
    if (!parsed)
        return QString::fromUtf8(body);
    // OpenRouter wraps the provider's own error as a JSON string in metadata.raw.
    if (parsed->is_object() && parsed->contains("error") && (*parsed)["error"].is_object()) {
        Json &error = (*parsed)["error"];
        if (error.contains("metadata") && error["metadata"].is_object()
            && error["metadata"].contains("raw") && error["metadata"]["raw"].is_string()) {
            const std::string raw = error["metadata"]["raw"].get<std::string>();
            if (auto nested = json::parse(QByteArrayView(raw.data(), qsizetype(raw.size()))))
                error["metadata"]["raw"] = *nested;
        }
    }
    return QString::fromStdString(parsed->dump(2));
}

QString AttemptReport::markdown(const Attempt &attempt, Summary summary)
{
    QString text = u"### "_s
        + Text::tr("Attempt %1 · step %2 · %3")
              .arg(attempt.index + 1)
              .arg(attempt.stepIndex + 1)
              .arg(outcomeLabel(attempt.outcome))
        + u"\n\n"_s;
    if (summary == Summary::Included && !attempt.summary.isEmpty())
        text += attempt.summary + u"\n\n"_s;
    text += u"| %1 | %2 |\n|---|---|\n"_s.arg(Text::tr("Field"), Text::tr("Value"));
    const auto row = [&text](const QString &name, const QString &value) {
        if (!value.isEmpty())
            text += u"| %1 | %2 |\n"_s.arg(name, QString(value).replace(u'|', u"\\|"_s));
    };
    row(Text::tr("Endpoint"), attempt.endpointId);
    row(Text::tr("Model requested"), attempt.requestedModel);
    row(Text::tr("Model served"), attempt.servedModel);
    row(Text::tr("Provider"), attempt.provider);
    row(Text::tr("Relayed"),
        RelayReport::sentence(attempt)); // "Portkey relayed openrouter's error"
    row(Text::tr("Connection"), attempt.proxy); // "direct", "SOCKS5 proxy host:port", …
    row(Text::tr("HTTP status"),
        attempt.httpStatus ? QString::number(attempt.httpStatus) : QString());
    row(Text::tr("Who must act"), partyLabel(attempt.party));
    row(Text::tr("Retry after"),
        attempt.retryAfterS ? NumberText::trimmedSeconds(*attempt.retryAfterS) : QString());
    row(Text::tr("Error code"), attempt.errorCode);
    row(Text::tr("Generation"), attempt.generationId);
    QStringList fixes;
    for (Fix fix : attempt.fixes)
        fixes << fixLabel(fix);
    row(Text::tr("Fixes"), fixes.join(u", "_s));
    const AttemptTimings &t = attempt.timings;
    row(Text::tr("Timings"),
        Text::tr("waited %1, sent %2, headers %3, first token %4, last token %5, finished %6")
            .arg(ms(attempt.waitBeforeMs), ms(t.sentMs), ms(t.headersMs), ms(t.firstTokenMs),
                ms(t.lastTokenMs), ms(t.finishedMs)));
    if (!attempt.serverAttempts.isEmpty()) {
        text += u"\n**"_s + Text::tr("Tried by OpenRouter inside this request") + u"**\n\n"_s;
        for (const ServerAttempt &server : attempt.serverAttempts)
            text += u"- %1 · %2 · %3 (%4)\n"_s.arg(server.provider, server.model)
                        .arg(server.status)
                        .arg(serverAttemptSourcesText(server.sources));
    }
    if (!attempt.headers.isEmpty()) {
        QString headers;
        for (const auto &[name, value] : redactedHeaders(attempt.headers))
            headers += QString::fromUtf8(name + ": " + value) + u'\n';
        text += u"\n**"_s + Text::tr("Response headers") + u"**\n\n"_s + fenced(headers);
    }
    if (!attempt.body.isEmpty())
        text += u"\n**"_s + Text::tr("Body") + u"**\n\n"_s
            + fenced(prettyBody(attempt.body), u"json"_s);
    return text;
}

} // namespace detour
