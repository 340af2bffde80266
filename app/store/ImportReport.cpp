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
    return tr("%n conversation(s)", nullptr, outcome.conversations) + u", "_s
        + tr("%n message(s)", nullptr, outcome.messages) + u", "_s
        + tr("%n branch(es)", nullptr, outcome.branches);
}

QStringList ImportReport::details(
    const ImportedHistory &history, const ImportOutcome &outcome, int examples)
{
    QStringList lines;
    if (outcome.alreadyImported > 0)
        lines.append(tr("%n conversation(s) imported before, left as they are.", nullptr,
            outcome.alreadyImported));
    for (const SkipGroup &group : skippedByReason(history.skipped)) {
        QStringList where = group.where.mid(0, examples);
        if (group.where.size() > examples)
            where.append(tr("and %n more", nullptr, int(group.where.size()) - examples));
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
