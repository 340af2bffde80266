// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ExplainCommand.h"

#include "protocol/ErrorClassifier.h"
#include "protocol/RawHttpResponse.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {
// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ExplainCommand)
};
// A saved response bigger than this is not a response anyone saved by hand.
constexpr qint64 maxInput = 64 * 1024 * 1024;
} // namespace

int ExplainCommand::run(
    const QString &fileName, const QString &kindName, QTextStream &out, QTextStream &err)
{
    std::optional<EndpointKind> kind;
    if (!kindName.isEmpty()) {
        kind = endpointKindFromName(kindName);
        if (!kind) {
            err << Text::tr("--kind must be \"openrouter\" or \"openai\".") << Qt::endl;
            return 1;
        }
    }
    QFile file;
    const bool opened = fileName == "-"_L1
        ? file.open(stdin, QIODevice::ReadOnly)
        : (file.setFileName(fileName), file.open(QIODevice::ReadOnly));
    if (!opened) {
        err << Text::tr("Cannot read %1: %2").arg(fileName, file.errorString()) << Qt::endl;
        return 1;
    }
    const QByteArray bytes = file.read(maxInput);
    const Result<RawHttpResponse> response = RawHttpResponse::parse(bytes);
    if (!response) {
        err << Text::tr(
            "%1 is not a saved HTTP response (status line, headers, blank line, body): %2")
                   .arg(fileName, response.error())
            << Qt::endl;
        return 1;
    }
    const Diagnosis diagnosis = ErrorClassifier::classify(response->status, response->headers,
        response->body, kind.value_or(ErrorClassifier::inferKind(response->body)));
    out << QString::fromStdString(diagnosis.toJson().dump(2)) << Qt::endl;
    return 0;
}

} // namespace detour
