// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ImportReport.h"

#include "protocol/JsonUtil.h"

#include <QHash>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

QList<ImportReport::SkipGroup> ImportReport::skippedByReason(const QList<ImportSkip> &skipped)
{
    QList<SkipGroup> groups;
    QHash<QString, qsizetype> at;
    for (const ImportSkip &skip : skipped) {
        if (!at.contains(skip.reason)) {
            at.insert(skip.reason, groups.size());
            groups.append({ skip.reason, {} });
        }
        groups[at.value(skip.reason)].where.append(skip.where);
    }
    return groups;
}

QString ImportReport::counts(const ImportOutcome &outcome)
{
    // Whole sentences per number rather than "%n message(s)": the headless commands
    // print the source text (no catalogue is loaded), which must read right as it is.
    const QString conversations = outcome.conversations == 1
        ? tr("1 conversation")
        : tr("%1 conversations").arg(outcome.conversations);
    const QString messages =
        outcome.messages == 1 ? tr("1 message") : tr("%1 messages").arg(outcome.messages);
    const QString branches =
        outcome.branches == 1 ? tr("1 branch") : tr("%1 branches").arg(outcome.branches);
    return tr("%1, %2, %3").arg(conversations, messages, branches);
}

QStringList ImportReport::details(
    const ImportedHistory &history, const ImportOutcome &outcome, int examples)
{
    QStringList lines;
    if (outcome.alreadyImported == 1)
        lines.append(tr("1 conversation imported before, left as it is."));
    else if (outcome.alreadyImported > 1)
        lines.append(
            tr("%1 conversations imported before, left as they are.").arg(outcome.alreadyImported));
    for (const SkipGroup &group : skippedByReason(history.skipped)) {
        QStringList where = group.where.mid(0, examples);
        if (group.where.size() > examples)
            where.append(tr("and %1 more").arg(group.where.size() - examples));
        lines.append(tr("Skipped %1 × %2: %3")
                         .arg(group.where.size())
                         .arg(group.reason, where.join(u"; "_s)));
    }
    return lines;
}

QByteArray ImportReport::json(
    const QString &file, const ImportedHistory &history, const ImportOutcome &outcome)
{
    Json skipped = Json::array();
    for (const SkipGroup &group : skippedByReason(history.skipped)) {
        skipped.push_back({ { "reason", json::toStd(group.reason) },
            { "count", group.where.size() }, { "where", json::fromStringList(group.where) } });
    }
    const Json document { { "source", json::toStd(history.source) }, { "file", json::toStd(file) },
        { "conversations", outcome.conversations }, { "messages", outcome.messages },
        { "branches", outcome.branches }, { "already_imported", outcome.alreadyImported },
        { "skipped", skipped } };
    return QByteArray::fromStdString(document.dump());
}

} // namespace detour
