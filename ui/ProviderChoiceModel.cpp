// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderChoiceModel.h"

#include <QFont>
#include <QMimeData>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

qsizetype indexOf(const QStringList &list, const QString &name)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// Adds or removes `name`; an entry already there keeps its place and its spelling.
void setMember(QStringList &list, const QString &name, bool on)
{
    const bool present = indexOf(list, name) >= 0;
    if (on && !present)
        list << name;
    else if (!on && present)
        list.removeIf(
            [&name](const QString &item) { return item.compare(name, Qt::CaseInsensitive) == 0; });
}

QStringList namesFromMime(const QMimeData *data)
{
    QStringList names;
    const QString type = ProviderChoiceModel::providerNamesMimeType();
    if (!data || !data->hasFormat(type))
        return names;
    for (const QString &line : QString::fromUtf8(data->data(type)).split(u'\n')) {
        if (const QString name = line.trimmed(); !name.isEmpty() && indexOf(names, name) < 0)
            names << name;
    }
    return names;
}

// The statistics columns are ProviderEndpointModel's, after its provider column.
int endpointColumn(int column)
{
    return column == ProviderChoiceModel::ProviderColumn
        ? int(ProviderEndpointModel::ProviderColumn)
        : column - ProviderChoiceModel::UptimeColumn + ProviderEndpointModel::UptimeColumn;
}

} // namespace

QString ProviderChoiceModel::providerNamesMimeType()
{
    return u"application/x-detour-provider-names"_s;
}

QList<ProviderChoiceModel::Choice> ProviderChoiceModel::choices()
{
    return { Choice::Default, Choice::Preferred, Choice::PreferredOnly, Choice::Only,
        Choice::Ignored };
}

QString ProviderChoiceModel::choiceName(Choice choice)
{
    switch (choice) {
    case Choice::Default:
        return tr("Default");
    case Choice::Preferred:
        return tr("Preferred");
    case Choice::PreferredOnly:
        return tr("Preferred, only");
    case Choice::Only:
        return tr("Only");
    case Choice::Ignored:
        return tr("Ignored");
    }
    return {};
}

QString ProviderChoiceModel::choiceHelp(Choice choice)
{
    switch (choice) {
    case Choice::Default:
        return tr("OpenRouter decides whether and when to use the provider.");
    case Choice::Preferred:
        return tr("provider.order: OpenRouter tries the preferred providers first, in the "
                  "order of the list.");
    case Choice::PreferredOnly:
        return tr("provider.order and provider.only: tried first, in the order of the list, "
                  "and no provider but the ones marked only is used.");
    case Choice::Only:
        return tr("provider.only: OpenRouter uses no provider but the ones marked only.");
    case Choice::Ignored:
        return tr("provider.ignore: OpenRouter never uses the provider.");
    }
    return {};
}

ProviderChoiceModel::ProviderChoiceModel(const ProviderEndpointModel *endpoints, QObject *parent)
    : QAbstractTableModel(parent)
    , m_endpoints(endpoints)
{
    const auto reset = [this] {
        beginResetModel();
        rebuildRows();
        endResetModel();
    };
    connect(endpoints, &QAbstractItemModel::modelReset, this, reset);
    connect(endpoints, &QAbstractItemModel::rowsInserted, this, reset);
    connect(endpoints, &QAbstractItemModel::rowsRemoved, this, reset);
    connect(endpoints, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
    rebuildRows();
}

void ProviderChoiceModel::rebuildRows()
{
    QStringList rows = m_order;
    const auto add = [&rows](const QString &name) {
        if (!name.isEmpty() && indexOf(rows, name) < 0)
            rows << name;
    };
    for (const ProviderEndpointInfo &endpoint : m_endpoints->endpoints())
        add(endpoint.providerName);
    for (const QStringList *list : { &m_only, &m_ignore }) {
        for (const QString &name : *list)
            add(name);
    }
    m_rows = rows;
}

void ProviderChoiceModel::apply(
    QStringList order, QStringList only, QStringList ignore, bool report)
{
    if (order == m_order && only == m_only && ignore == m_ignore)
        return;
    const QStringList before = m_rows;
    m_order = std::move(order);
    m_only = std::move(only);
    m_ignore = std::move(ignore);
    rebuildRows();
    const QStringList after = std::exchange(m_rows, before); // views still see `before`
    QStringList sortedBefore = before;
    QStringList sortedAfter = after;
    sortedBefore.sort(Qt::CaseInsensitive);
    sortedAfter.sort(Qt::CaseInsensitive);
    if (sortedBefore.join(u'\n').compare(sortedAfter.join(u'\n'), Qt::CaseInsensitive) != 0) {
        // Providers come or go: the rows start afresh.
        beginResetModel();
        m_rows = after;
        endResetModel();
    } else if (after != before) {
        // The same providers in another order: selections follow them.
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList old = persistentIndexList();
        QModelIndexList moved;
        for (const QModelIndex &index : old)
            moved << this->index(int(indexOf(after, before.at(index.row()))), index.column());
        m_rows = after;
        changePersistentIndexList(old, moved);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    if (report)
        Q_EMIT edited();
}

void ProviderChoiceModel::setChoices(
    const QStringList &order, const QStringList &only, const QStringList &ignore)
{
    apply(order, only, ignore, false);
}

ProviderChoiceModel::Choice ProviderChoiceModel::choice(const QString &provider) const
{
    if (indexOf(m_ignore, provider) >= 0)
        return Choice::Ignored;
    const bool preferred = indexOf(m_order, provider) >= 0;
    const bool only = indexOf(m_only, provider) >= 0;
    if (preferred)
        return only ? Choice::PreferredOnly : Choice::Preferred;
    return only ? Choice::Only : Choice::Default;
}

bool ProviderChoiceModel::setChoice(const QString &provider, Choice choice)
{
    if (provider.trimmed().isEmpty() || this->choice(provider) == choice)
        return false;
    QStringList order = m_order;
    QStringList only = m_only;
    QStringList ignore = m_ignore;
    setMember(order, provider, choice == Choice::Preferred || choice == Choice::PreferredOnly);
    setMember(only, provider, choice == Choice::PreferredOnly || choice == Choice::Only);
    setMember(ignore, provider, choice == Choice::Ignored);
    apply(order, only, ignore, true);
    return true;
}

bool ProviderChoiceModel::moveInOrder(int row, int delta)
{
    const qsizetype from = indexOf(m_order, providerAt(row));
    const qsizetype to = from + delta;
    if (from < 0 || delta == 0 || to < 0 || to >= m_order.size())
        return false;
    QStringList order = m_order;
    order.move(from, to);
    apply(order, m_only, m_ignore, true);
    return true;
}

QString ProviderChoiceModel::providerAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QString();
}

int ProviderChoiceModel::rowOf(const QString &provider) const
{
    return int(indexOf(m_rows, provider));
}

int ProviderChoiceModel::catalogRow(const QString &provider) const
{
    const QList<ProviderEndpointInfo> &endpoints = m_endpoints->endpoints();
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        if (endpoints.at(i).providerName.compare(provider, Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

int ProviderChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderChoiceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString name = m_rows.at(index.row());
    const Choice current = choice(name);
    const int known = catalogRow(name);
    // While the catalog lists nothing, nothing is flagged.
    const bool flagged = known < 0 && m_endpoints->rowCount() > 0;
    if (role == ChoiceRole)
        return int(current);
    if (role == KnownRole)
        return known >= 0;
    if (role == ProviderEndpointModel::ProviderNameRole)
        return name;
    switch (index.column()) {
    case PositionColumn:
        if (role == Qt::DisplayRole) {
            const qsizetype position = indexOf(m_order, name);
            return position >= 0 ? QVariant(QString::number(position + 1)) : QVariant();
        }
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return {};
    case ProviderColumn:
        if (role == Qt::DisplayRole)
            return name;
        if (flagged && role == Qt::FontRole) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (flagged && role == Qt::ToolTipRole)
            return tr("The catalog does not list %1 among this model's providers.").arg(name);
        return {};
    case ChoiceColumn:
        if (role == Qt::DisplayRole)
            return choiceName(current);
        if (role == Qt::EditRole)
            return int(current);
        if (role == Qt::ToolTipRole)
            return choiceHelp(current);
        return {};
    default:
        if (known < 0)
            return {};
        return m_endpoints->index(known, endpointColumn(index.column())).data(role);
    }
}

bool ProviderChoiceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != ChoiceColumn || role != Qt::EditRole)
        return false;
    const int choice = value.toInt();
    if (choice < int(Choice::Default) || choice > int(Choice::Ignored))
        return false;
    setChoice(m_rows.at(index.row()), Choice(choice));
    return true;
}

Qt::ItemFlags ProviderChoiceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags flags =
        Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    if (index.column() == ChoiceColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ProviderChoiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    switch (section) {
    case PositionColumn:
        if (role == Qt::DisplayRole)
            return tr("#");
        if (role == Qt::ToolTipRole)
            return tr("Where OpenRouter tries the preferred providers (provider.order)");
        return {};
    case ChoiceColumn:
        if (role == Qt::DisplayRole)
            return tr("Use");
        if (role == Qt::ToolTipRole)
            return tr("Preferred, only, ignored or default: F2 or a double click changes it");
        return {};
    default:
        return m_endpoints->headerData(endpointColumn(section), orientation, role);
    }
}

QStringList ProviderChoiceModel::mimeTypes() const
{
    return { providerNamesMimeType() };
}

QMimeData *ProviderChoiceModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && !rows.contains(index.row()))
            rows << index.row();
    }
    std::sort(rows.begin(), rows.end());
    QStringList names;
    for (int row : rows)
        names << providerAt(row);
    if (names.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(providerNamesMimeType(), names.join(u'\n').toUtf8());
    data->setText(names.join(u", "_s));
    return data;
}

bool ProviderChoiceModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const
{
    return (action == Qt::CopyAction || action == Qt::MoveAction) && !namesFromMime(data).isEmpty();
}

bool ProviderChoiceModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QStringList names = namesFromMime(data);
    qsizetype target = row >= 0 ? row : (parent.isValid() ? parent.row() : rowCount());
    QStringList order = m_order;
    QStringList ignore = m_ignore;
    // Below the preferred providers, or on the empty space below every row: out of the order.
    if (target > order.size() || (row < 0 && !parent.isValid())) {
        for (const QString &name : names)
            setMember(order, name, false);
    } else {
        for (const QString &name : names) {
            for (qsizetype i = order.size() - 1; i >= 0; --i) {
                if (order.at(i).compare(name, Qt::CaseInsensitive) == 0) {
                    order.removeAt(i);
                    if (i < target)
                        --target;
                }
            }
            setMember(ignore, name, false); // preferred and ignored cannot both hold
        }
        target = std::clamp<qsizetype>(target, 0, order.size());
        for (qsizetype i = 0; i < names.size(); ++i)
            order.insert(target + i, names.at(i));
    }
    apply(order, m_only, ignore, true);
    return true;
}

Qt::DropActions ProviderChoiceModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

Qt::DropActions ProviderChoiceModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

} // namespace detour
