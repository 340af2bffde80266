// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ImportCommand.h"

#include "store/Database.h"
#include "store/HistoryImport.h"
#include "store/HistoryWriter.h"
#include "store/ImportReport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace detour {

using namespace Qt::StringLiterals;

namespace {
// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)
};
} // namespace

int ImportCommand::run(
    const QString &path, bool json, const QString &databasePath, QTextStream &out, QTextStream &err)
{
    if (!QFileInfo::exists(path)) {
        err << Text::tr("%1 does not exist.").arg(path) << Qt::endl;
        return UsageError;
    }
    const Result<ImportedHistory> history = HistoryImport::read(path);
    if (!history) {
        err << Text::tr("Nothing was imported: %1").arg(history.error()) << Qt::endl;
        return NotImportable;
    }
    Database database;
    const QString databaseFile = databasePath.isEmpty() ? Database::defaultPath() : databasePath;
    if (const Result<> opened = database.open(databaseFile); !opened) {
        err << Text::tr("Nothing was imported: %1").arg(opened.error()) << Qt::endl;
        return NotWritten;
    }
    if (!database.notice().isEmpty())
        err << database.notice() << Qt::endl;
    const Result<ImportOutcome> outcome = HistoryWriter(database.connection()).write(*history);
    if (!outcome) {
        err << Text::tr("Nothing was imported: %1 could not be written: %2")
                   .arg(database.path(), outcome.error())
            << Qt::endl;
        return NotWritten;
    }
    if (json) {
        out << QString::fromUtf8(ImportReport::json(path, *history, *outcome)) << Qt::endl;
        return Imported;
    }
    out << Text::tr("Imported from %1: %2.").arg(history->source, ImportReport::counts(*outcome))
        << Qt::endl;
    for (const QString &line : ImportReport::details(*history, *outcome, 3))
        out << line << Qt::endl;
    return Imported;
}

} // namespace detour
