// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/ProviderHealthQuery.h"

#include <QAbstractTableModel>

namespace detour {

// The provider health table: one row per provider (or provider + model) over
// a chosen window, most tries first. Numbers come as text for the table and
// as plain values (SortRole, health()) for sorting and for the charts.
class ProviderHealthModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Provider,
        Model,
        Tries,
        SuccessRate,
        RateLimited,
        LostRaces, // hedged requests cancelled because the other was first (not failures)
        FirstTokenP50,
        FirstTokenP90,
        TokensPerSecond,
        CostPer1k,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1; // a number (or text) to sort by

    // When the rows are first read: at once, or at the first refresh() (a view that
    // is not on screen at start: on a year of history the query reads every attempt).
    enum class Load { Now, AtFirstRefresh };

    // `query` must outlive the model; null when history is off (the model stays empty).
    explicit ProviderHealthModel(
        const ProviderHealthQuery *query, QObject *parent = nullptr, Load load = Load::Now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    HealthWindow window() const { return m_window; }
    void setWindow(HealthWindow window);
    HealthGrouping grouping() const { return m_grouping; }
    void setGrouping(HealthGrouping grouping); // Provider or ProviderModel
    const ProviderHealth &health(int row) const { return m_rows.at(row); }

    // Reads the history again (after a turn was recorded); the database's
    // error when it could not be read (emptyText() then says so too).
    Result<> refresh();
    // What to show instead of an empty table; empty while there are rows.
    QString emptyText() const { return m_emptyText; }

    static QString windowName(HealthWindow window);
    static QString rowLabel(const ProviderHealth &row); // "Groq" or "Groq · moonshotai/kimi-k2"

private:
    QVariant display(const ProviderHealth &row, int column) const;
    QVariant sortValue(const ProviderHealth &row, int column) const;

    const ProviderHealthQuery *m_query;
    HealthWindow m_window = HealthWindow::LastDay;
    bool m_loaded = false; // refresh() has run (see Load)
    HealthGrouping m_grouping = HealthGrouping::Provider;
    QList<ProviderHealth> m_rows;
    QString m_emptyText;
};

} // namespace detour
