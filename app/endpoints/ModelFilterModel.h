// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSortFilterProxyModel>
#include <optional>

namespace detour {

// Filters and sorts a ModelCatalogModel for the model picker: words of the
// filter text must each appear (case-insensitively) in the model's id or name;
// optionally only free models, a minimum context length and a maximum prompt
// price (USD per million tokens; models with an unknown price are then
// hidden). Every column sorts by its raw value (ModelCatalogModel::SortRole),
// numerically for numbers, ties broken by id.
class ModelFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ModelFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setFreeOnly(bool freeOnly);
    bool freeOnly() const { return m_freeOnly; }
    void setMinContextLength(qint64 tokens); // 0 = no minimum
    qint64 minContextLength() const { return m_minContextLength; }
    void setMaxPromptPricePerMillion(std::optional<double> usd); // nullopt = no maximum
    std::optional<double> maxPromptPricePerMillion() const { return m_maxPromptPrice; }

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void changeFilter();

    QString m_text;
    QStringList m_words;
    bool m_freeOnly = false;
    qint64 m_minContextLength = 0;
    std::optional<double> m_maxPromptPrice;
};

} // namespace detour
