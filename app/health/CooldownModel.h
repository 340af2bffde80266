// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/CooldownTable.h"

#include <QAbstractTableModel>
#include <QTimer>
#include <functional>

namespace detour {

// The cooldowns in force: what the next turn skips (the scope in words: "all
// :free models on openrouter"), on which endpoint, model and provider, why,
// until when, and a countdown (none for a cooldown that lasts until it is cleared). Follows the
// table's `changed` signal; a one-second tick updates the countdown and removes expired rows.
class CooldownModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    // Action: empty, where a view puts the row's "Clear" button.
    enum Column { Scope, Endpoint, Model, Provider, Reason, Until, Remaining, Action, ColumnCount };
    using Clock = std::function<QDateTime()>;

    // `table` must outlive the model.
    explicit CooldownModel(CooldownTable *table, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const CooldownTable::Entry &entry(int row) const { return m_entries.at(row); }
    void clearRow(int row); // what it covered may be tried again at once
    void clearAll();
    // Reads the cooldowns again from where the table keeps them, so that the ones another
    // window or `detour --ask` wrote show too.
    void refresh();

    // Tests drive time by hand; the default is the system clock.
    void setClock(Clock clock);
    // Updates the countdown and drops entries whose time is up (the timer calls it).
    void tick();

    static QString reasonText(Outcome reason);
    static QString remainingText(qint64 seconds); // "42 s", "3 min 05 s"

Q_SIGNALS:
    void countChanged(int count);

private:
    void reload();

    CooldownTable *m_table;
    Clock m_clock;
    QList<CooldownTable::Entry> m_entries;
    QTimer m_ticker;
};

} // namespace detour
