// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownsCommand.h"

#include "store/CooldownRows.h"
#include "store/Database.h"

#include <QTextStream>

namespace detour {

int CooldownsCommand::run(
    Action action, const QString &databasePath, QTextStream &out, QTextStream &err)
{
    Database database;
    const QString path = databasePath.isEmpty() ? Database::defaultPath() : databasePath;
    if (const Result<> opened = database.open(path); !opened) {
        err << tr("Cannot open the database: %1").arg(opened.error()) << Qt::endl;
        return 1;
    }
    CooldownRows rows(database);
    if (action == Action::Clear) {
        const Result<int> cleared = rows.removeAll();
        if (!cleared) {
            err << tr("Cannot clear the cooldowns: %1").arg(cleared.error()) << Qt::endl;
            return 1;
        }
        out << tr("Cleared %n cooldown(s): every step may be tried again.", nullptr, *cleared)
            << Qt::endl;
        return 0;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<QList<Cooldown>> active = rows.active(now);
    if (!active) {
        err << tr("Cannot read the cooldowns: %1").arg(active.error()) << Qt::endl;
        return 1;
    }
    if (active->isEmpty())
        out << tr("Nothing is cooling down: every step may be tried.") << Qt::endl;
    for (const Cooldown &cooldown : *active)
        out << tr("%1 (after %2)").arg(cooldown.description(now), cooldown.causeText()) << Qt::endl;
    return 0;
}

} // namespace detour
