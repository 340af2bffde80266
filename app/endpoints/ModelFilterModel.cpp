// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelFilterModel.h"

#include "ModelCatalogModel.h"

namespace detour {

namespace {

// Prices are per million tokens, so a few dollars at most; this only absorbs
// rounding in the per-token to per-million conversion.
constexpr double priceTolerance = 1e-9;

} // namespace

ModelFilterModel::ModelFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ModelCatalogModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void ModelFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(u' ', Qt::SkipEmptyParts);
    for (QString &word : m_words)
        word = word.trimmed();
    m_words.removeAll(QString());
    changeFilter();
}

void ModelFilterModel::setFreeOnly(bool freeOnly)
{
    if (freeOnly == m_freeOnly)
        return;
    m_freeOnly = freeOnly;
    changeFilter();
}

void ModelFilterModel::setMinContextLength(qint64 tokens)
{
    tokens = qMax<qint64>(0, tokens);
    if (tokens == m_minContextLength)
        return;
    m_minContextLength = tokens;
    changeFilter();
}

void ModelFilterModel::setMaxPromptPricePerMillion(std::optional<double> usd)
{
    if (usd && !(*usd >= 0)) // negative or NaN: no maximum
        usd.reset();
    if (usd == m_maxPromptPrice)
        return;
    m_maxPromptPrice = usd;
    changeFilter();
}

void ModelFilterModel::changeFilter()
{
    invalidateFilter();
    Q_EMIT filterChanged();
}

bool ModelFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    if (!index.isValid())
        return false;
    if (m_freeOnly && !index.data(ModelCatalogModel::IsFreeRole).toBool())
        return false;
    if (m_minContextLength > 0
        && index.data(ModelCatalogModel::ContextLengthRole).toLongLong() < m_minContextLength) {
        return false;
    }
    if (m_maxPromptPrice) {
        const QVariant price = index.data(ModelCatalogModel::PromptPriceRole);
        if (!price.isValid() || price.toDouble() > *m_maxPromptPrice + priceTolerance)
            return false;
    }
    if (!m_words.isEmpty()) {
        const QString id = index.data(ModelCatalogModel::IdRole).toString();
        const QString name = index.data(ModelCatalogModel::NameRole).toString();
        for (const QString &word : m_words) {
            if (!id.contains(word, Qt::CaseInsensitive)
                && !name.contains(word, Qt::CaseInsensitive))
                return false;
        }
    }
    return true;
}

bool ModelFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool textual = a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString;
    if (textual) {
        const int order = QString::compare(a.toString(), b.toString(), sortCaseSensitivity());
        if (order != 0)
            return order < 0;
    } else {
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (x != y)
            return x < y;
    }
    return QString::compare(left.data(ModelCatalogModel::IdRole).toString(),
               right.data(ModelCatalogModel::IdRole).toString())
        < 0;
}

} // namespace detour
