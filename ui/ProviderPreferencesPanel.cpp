#include "ProviderPreferencesPanel.h"

#include "endpoints/Catalog.h"
#include "endpoints/ModelInfo.h"

#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QStringList namesFromMime(const QMimeData *data)
{
    QStringList names;
    const QString type = ProviderPreferencesPanel::providerNamesMimeType();
    if (!data || !data->hasFormat(type))
        return names;
    for (const QString &line : QString::fromUtf8(data->data(type)).split(u'\n')) {
        if (const QString name = line.trimmed();
            !name.isEmpty() && !names.contains(name, Qt::CaseInsensitive))
            names << name;
    }
    return names;
}

QMimeData *mimeFromNames(const QStringList &names)
{
    if (names.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(ProviderPreferencesPanel::providerNamesMimeType(), names.join(u'\n').toUtf8());
    data->setText(names.join(u", "_s));
    return data;
}

// Provider names as OpenRouter compares them: without regard to case.
bool setMember(QStringList &list, const QString &name, bool on)
{
    const bool present = list.contains(name, Qt::CaseInsensitive);
    if (on == present)
        return false;
    if (on)
        list << name;
    else
        list.removeIf(
            [&name](const QString &item) { return item.compare(name, Qt::CaseInsensitive) == 0; });
    return true;
}

// The order list numbers its rows ("1. Groq"): OpenRouter tries them in this order.
class NumberedDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = u"%1. %2"_s.arg(index.row() + 1).arg(option->text);
    }
};

} // namespace

// provider.order as a list: rows move by moveRows (keyboard, drag inside the
// list); providers dropped from the table are put where they are dropped, and
// moved there when they are already in the list. Names the catalog does not
// list for the model are set in italics, with a tooltip saying so.
class ProviderPreferencesPanel::OrderModel final : public QStringListModel {
public:
    OrderModel(const ProviderEndpointModel *known, QObject *parent)
        : QStringListModel(parent)
        , m_known(known)
    {
    }

    void refreshKnown()
    {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), { Qt::FontRole, Qt::ToolTipRole });
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if ((role == Qt::FontRole || role == Qt::ToolTipRole) && index.isValid()
            && index.row() < rowCount() && !isKnown(stringList().at(index.row()))) {
            if (role == Qt::ToolTipRole) {
                return ProviderPreferencesPanel::tr(
                    "The catalog does not list %1 among this model's providers.")
                    .arg(stringList().at(index.row()));
            }
            QFont font;
            font.setItalic(true);
            return font;
        }
        return QStringListModel::data(index, role);
    }

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (!index.isValid())
            return Qt::ItemIsDropEnabled;
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
            | Qt::ItemNeverHasChildren;
    }

    QStringList mimeTypes() const override { return { providerNamesMimeType() }; }

    QMimeData *mimeData(const QModelIndexList &indexes) const override
    {
        QList<int> rows;
        for (const QModelIndex &index : indexes) {
            if (index.isValid() && !rows.contains(index.row()))
                rows << index.row();
        }
        std::sort(rows.begin(), rows.end());
        QStringList names;
        for (int row : rows)
            names << stringList().at(row);
        return mimeFromNames(names);
    }

    bool canDropMimeData(
        const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const override
    {
        return (action == Qt::CopyAction || action == Qt::MoveAction)
            && !namesFromMime(data).isEmpty();
    }

    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override
    {
        if (action == Qt::IgnoreAction)
            return true;
        if (!canDropMimeData(data, action, row, column, parent))
            return false;
        const QStringList names = namesFromMime(data);
        QStringList list = stringList();
        qsizetype target = row >= 0 ? row : (parent.isValid() ? parent.row() : list.size());
        target = std::clamp<qsizetype>(target, 0, list.size());
        for (const QString &name : names) {
            for (qsizetype i = list.size() - 1; i >= 0; --i) {
                if (list.at(i).compare(name, Qt::CaseInsensitive) == 0) {
                    list.removeAt(i);
                    if (i < target)
                        --target;
                }
            }
        }
        for (qsizetype i = 0; i < names.size(); ++i)
            list.insert(target + i, names.at(i));
        if (list != stringList())
            setStringList(list);
        return true;
    }

private:
    // While the catalog lists nothing, nothing is flagged.
    bool isKnown(const QString &name) const
    {
        if (m_known->rowCount() == 0)
            return true;
        for (const ProviderEndpointInfo &endpoint : m_known->endpoints()) {
            if (endpoint.providerName.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    const ProviderEndpointModel *m_known;
};

// ProviderEndpointModel with three tick columns after its own: in
// provider.order (showing the position), in only, in ignore. Rows drag as
// provider names.
class ProviderPreferencesPanel::ChoiceModel final : public QIdentityProxyModel {
public:
    explicit ChoiceModel(ProviderPreferencesPanel *panel)
        : QIdentityProxyModel(panel)
        , m_panel(panel)
    {
    }

    void refreshTicks()
    {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, OrderColumn), index(rowCount() - 1, IgnoreColumn));
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : QIdentityProxyModel::rowCount();
    }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : sourceColumns() + 3;
    }

    bool hasChildren(const QModelIndex &parent = {}) const override
    {
        return !parent.isValid() && rowCount() > 0;
    }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override
    {
        if (column < sourceColumns())
            return QIdentityProxyModel::index(row, column, parent);
        if (parent.isValid() || row < 0 || row >= rowCount() || column >= columnCount())
            return {};
        return createIndex(row, column);
    }

    QModelIndex sibling(int row, int column, const QModelIndex &) const override
    {
        return index(row, column);
    }

    // The base classes map these through the source, which has no tick columns.
    QModelIndex buddy(const QModelIndex &index) const override
    {
        return isChoice(index) ? index : QIdentityProxyModel::buddy(index);
    }

    QMap<int, QVariant> itemData(const QModelIndex &index) const override
    {
        return isChoice(index) ? QAbstractItemModel::itemData(index)
                               : QIdentityProxyModel::itemData(index);
    }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override
    {
        if (isChoice(proxyIndex))
            return {};
        return QIdentityProxyModel::mapToSource(proxyIndex);
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!isChoice(index))
            return QIdentityProxyModel::data(index, role);
        const QString name = providerAt(index.row());
        const int column = index.column();
        switch (role) {
        case Qt::CheckStateRole:
            return int(isTicked(name, column) ? Qt::Checked : Qt::Unchecked);
        case Qt::DisplayRole:
            if (const qsizetype position = orderPosition(name);
                column == OrderColumn && position >= 0)
                return QString::number(position + 1);
            return {};
        case Qt::ToolTipRole:
        case Qt::AccessibleDescriptionRole:
            switch (column) {
            case OrderColumn:
                return ProviderPreferencesPanel::tr("Try %1 in the order given by the list beside")
                    .arg(name);
            case OnlyColumn:
                return ProviderPreferencesPanel::tr("Use only the ticked providers (%1 among them)")
                    .arg(name);
            case IgnoreColumn:
                return ProviderPreferencesPanel::tr("Never send this step to %1").arg(name);
            }
            return {};
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        case ProviderEndpointModel::SortRole:
            if (column == OrderColumn) {
                const qsizetype position = orderPosition(name);
                return position >= 0 ? int(position) : std::numeric_limits<int>::max();
            }
            return isTicked(name, column) ? 0 : 1;
        default:
            // Every other role of the row (provider name, statistics) answers here too.
            if (role >= Qt::UserRole)
                return QIdentityProxyModel::data(this->index(index.row(), 0), role);
            return {};
        }
    }

    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override
    {
        if (!isChoice(index))
            return QIdentityProxyModel::setData(index, value, role);
        if (role != Qt::CheckStateRole)
            return false;
        const QString name = providerAt(index.row());
        const bool on = value.toInt() == Qt::Checked;
        switch (index.column()) {
        case OrderColumn:
            m_panel->setInOrder(name, on);
            break;
        case OnlyColumn:
            m_panel->setOnly(name, on);
            break;
        case IgnoreColumn:
            m_panel->setIgnored(name, on);
            break;
        }
        return true;
    }

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (!isChoice(index))
            return QIdentityProxyModel::flags(index)
                | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable
            | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || section < sourceColumns())
            return QIdentityProxyModel::headerData(section, orientation, role);
        if (role == Qt::DisplayRole) {
            switch (section) {
            case OrderColumn:
                return ProviderPreferencesPanel::tr("Order");
            case OnlyColumn:
                return ProviderPreferencesPanel::tr("Only");
            case IgnoreColumn:
                return ProviderPreferencesPanel::tr("Ignore");
            }
        }
        if (role == Qt::ToolTipRole) {
            switch (section) {
            case OrderColumn:
                return ProviderPreferencesPanel::tr(
                    "provider.order: OpenRouter tries these first, in the order of the list");
            case OnlyColumn:
                return ProviderPreferencesPanel::tr(
                    "provider.only: OpenRouter uses no provider but the ticked ones");
            case IgnoreColumn:
                return ProviderPreferencesPanel::tr(
                    "provider.ignore: OpenRouter never uses the ticked providers");
            }
        }
        return {};
    }

    QStringList mimeTypes() const override { return { providerNamesMimeType() }; }

    QMimeData *mimeData(const QModelIndexList &indexes) const override
    {
        QStringList names;
        for (const QModelIndex &index : indexes) {
            if (const QString name = providerAt(index.row());
                index.isValid() && !name.isEmpty() && !names.contains(name))
                names << name;
        }
        return mimeFromNames(names);
    }

    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

private:
    int sourceColumns() const { return sourceModel() ? sourceModel()->columnCount() : 0; }

    bool isChoice(const QModelIndex &index) const
    {
        return index.isValid() && index.model() == this && index.column() >= sourceColumns();
    }

    QString providerAt(int row) const
    {
        if (!sourceModel() || row < 0 || row >= rowCount())
            return {};
        return sourceModel()
            ->index(row, 0)
            .data(ProviderEndpointModel::ProviderNameRole)
            .toString();
    }

    qsizetype orderPosition(const QString &name) const
    {
        const QStringList order = m_panel->order();
        for (qsizetype i = 0; i < order.size(); ++i) {
            if (order.at(i).compare(name, Qt::CaseInsensitive) == 0)
                return i;
        }
        return -1;
    }

    bool isTicked(const QString &name, int column) const
    {
        switch (column) {
        case OrderColumn:
            return orderPosition(name) >= 0;
        case OnlyColumn:
            return m_panel->only().contains(name, Qt::CaseInsensitive);
        case IgnoreColumn:
            return m_panel->ignore().contains(name, Qt::CaseInsensitive);
        }
        return false;
    }

    ProviderPreferencesPanel *m_panel;
};

QString ProviderPreferencesPanel::providerNamesMimeType()
{
    return u"application/x-detour-provider-names"_s;
}

ProviderPreferencesPanel::ProviderPreferencesPanel(QWidget *parent)
    : QWidget(parent)
    , m_endpoints(new ProviderEndpointModel(this))
    , m_order(new OrderModel(m_endpoints, this))
    , m_choices(new ChoiceModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_orderList(new QListView(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"providerPreferences"_s);
    setAccessibleName(tr("Providers of the step's model"));
    m_choices->setSourceModel(m_endpoints);
    m_sorted->setSourceModel(m_choices);
    m_sorted->setSortRole(ProviderEndpointModel::SortRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_status->setObjectName(u"providerStatus"_s);
    m_status->setAccessibleName(tr("Provider list status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(u"refreshProviders"_s);
    refresh->setAccessibleName(tr("Refresh the providers"));
    refresh->setToolTip(tr("Ask the model catalog for this model's providers again"));
    connect(refresh, &QPushButton::clicked, this, &ProviderPreferencesPanel::refresh);

    // The providers: ticks first, then how they have been doing.
    m_table->setObjectName(u"providerTable"_s);
    m_table->setAccessibleName(tr("Providers"));
    m_table->setModel(m_sorted);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setDefaultDropAction(Qt::CopyAction);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(false);
    for (int column : { OrderColumn, OnlyColumn, IgnoreColumn })
        header->moveSection(header->visualIndex(column), column - OrderColumn + 1);
    header->setSortIndicator(
        -1, Qt::AscendingOrder); // the catalog's order until a header is clicked
    m_table->setSortingEnabled(true);
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 7);

    // provider.order.
    m_orderList->setObjectName(u"providerOrderList"_s);
    m_orderList->setAccessibleName(tr("Provider order"));
    m_orderList->setModel(m_order);
    m_orderList->setItemDelegate(new NumberedDelegate(m_orderList));
    m_orderList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_orderList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_orderList->setDragDropMode(QAbstractItemView::DragDrop);
    m_orderList->setDefaultDropAction(Qt::MoveAction);
    m_orderList->setDropIndicatorShown(true);
    m_orderList->setDragDropOverwriteMode(false);
    m_orderList->setToolTip(tr("OpenRouter tries these providers first, top to bottom. Drag "
                               "providers here from the table; reorder with Alt+Up and Alt+Down; "
                               "Delete removes."));
    auto *orderLabel = new QLabel(tr("&Tried first, in this order:"), this);
    orderLabel->setBuddy(m_orderList);
    const auto button = [this](const QString &text, const QString &name, const QString &help) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(help);
        b->setToolTip(help);
        return b;
    };
    QPushButton *up = button(tr("Up"), u"providerOrderUp"_s, tr("Move the provider up (Alt+Up)"));
    QPushButton *down =
        button(tr("Down"), u"providerOrderDown"_s, tr("Move the provider down (Alt+Down)"));
    QPushButton *remove = button(
        tr("Remove"), u"providerOrderRemove"_s, tr("Take the provider out of the order (Delete)"));
    const auto current = [this] { return m_orderList->currentIndex().row(); };
    connect(up, &QPushButton::clicked, this, [this, current] { moveInOrder(current(), -1); });
    connect(down, &QPushButton::clicked, this, [this, current] { moveInOrder(current(), +1); });
    connect(remove, &QPushButton::clicked, this, [this, current] { removeFromOrder(current()); });
    const auto shortcut = [this](const QKeySequence &keys, auto action) {
        auto *s = new QShortcut(keys, m_orderList, nullptr, nullptr, Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, action);
    };
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this, current] { moveInOrder(current(), -1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this, current] { moveInOrder(current(), +1); });
    shortcut(QKeySequence(QKeySequence::Delete), [this, current] { removeFromOrder(current()); });

    auto *hint = new QLabel(tr("Tick <i>Order</i> or drag providers onto the order list. "
                               "<i>Only</i>: no provider but the ticked ones. "
                               "<i>Ignore</i>: never the ticked ones."),
        this);
    hint->setObjectName(u"providerHint"_s);
    hint->setAccessibleName(tr("How to choose providers"));
    hint->setWordWrap(true);

    auto *statusBar = new QHBoxLayout;
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(refresh);
    auto *orderButtons = new QHBoxLayout;
    for (QPushButton *b : { up, down, remove })
        orderButtons->addWidget(b);
    auto *orderColumn = new QVBoxLayout;
    orderColumn->addWidget(orderLabel);
    orderColumn->addWidget(m_orderList, 1);
    orderColumn->addLayout(orderButtons);
    auto *body = new QHBoxLayout;
    body->addWidget(m_table, 3);
    body->addLayout(orderColumn, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(statusBar);
    layout->addLayout(body, 1);
    layout->addWidget(hint);

    // The order list reports what the person does to it; its rows change no other way.
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_order, signal, this, &ProviderPreferencesPanel::orderChanged);
    connect(m_order, &QAbstractItemModel::rowsMoved, this, &ProviderPreferencesPanel::orderChanged);
    connect(
        m_order, &QAbstractItemModel::modelReset, this, &ProviderPreferencesPanel::orderChanged);
    connect(m_endpoints, &QAbstractItemModel::modelReset, this, [this] {
        m_order->refreshKnown();
        updateStatus();
    });
    connect(m_endpoints, &QAbstractItemModel::dataChanged, this,
        &ProviderPreferencesPanel::updateStatus);
    updateStatus();
}

void ProviderPreferencesPanel::setCatalog(Catalog *catalog)
{
    if (m_catalog == catalog)
        return;
    if (m_catalog)
        m_catalog->disconnect(this);
    m_catalog = catalog;
    m_endpoints->setCatalog(catalog);
    if (!catalog)
        m_endpoints->setEndpoints({});
    m_error.clear();
    if (catalog) {
        connect(catalog, &Catalog::refreshingChanged, this,
            [this](Catalog::Resource resource, const QString &modelId, bool refreshing) {
                if (resource == Catalog::Resource::Endpoints)
                    catalogRefreshing(modelId, refreshing);
            });
        connect(catalog, &Catalog::errorOccurred, this,
            [this](Catalog::Resource resource, const QString &sentence) {
                if (resource == Catalog::Resource::Endpoints)
                    catalogError(sentence);
            });
        connect(catalog, &Catalog::endpointsChanged, this, [this](const QString &modelId) {
            if (modelId != m_modelId)
                return;
            m_error.clear();
            updateStatus();
        });
        connect(catalog, &QObject::destroyed, this, [this] {
            m_endpoints->setEndpoints({});
            updateStatus();
        });
    }
    const QString modelId = std::exchange(m_modelId, QString());
    setModelId(modelId);
}

Catalog *ProviderPreferencesPanel::catalog() const
{
    return m_catalog.data();
}

void ProviderPreferencesPanel::setModelId(const QString &modelId)
{
    if (modelId == m_modelId)
        return;
    m_modelId = modelId;
    m_error.clear();
    m_endpoints->setModelId(modelId);
    if (m_catalog && ModelInfo::isValidId(modelId)) {
        // An error reported while asking is about this model.
        const QScopedValueRollback awaiting(m_awaitingAnswer, true);
        m_catalog->ensureEndpointsFresh(modelId);
    }
    updateStatus();
}

void ProviderPreferencesPanel::refresh()
{
    if (!m_catalog || !ModelInfo::isValidId(m_modelId))
        return;
    m_error.clear();
    const QScopedValueRollback awaiting(m_awaitingAnswer, true);
    m_catalog->refreshEndpoints(m_modelId);
    updateStatus();
}

void ProviderPreferencesPanel::catalogRefreshing(const QString &modelId, bool refreshing)
{
    if (modelId != m_modelId)
        return;
    if (refreshing) {
        m_error.clear();
    } else {
        // The catalog reports a failed answer right after it stops refreshing.
        m_awaitingAnswer = true;
        QTimer::singleShot(0, this, [this] { m_awaitingAnswer = false; });
    }
    updateStatus();
}

void ProviderPreferencesPanel::catalogError(const QString &sentence)
{
    if (!m_awaitingAnswer || m_modelId.isEmpty())
        return;
    m_error = sentence;
    updateStatus();
}

void ProviderPreferencesPanel::updateStatus()
{
    const int rows = m_endpoints->rowCount();
    const bool refreshing = m_catalog && !m_modelId.isEmpty()
        && m_catalog->isRefreshing(Catalog::Resource::Endpoints, m_modelId);
    QString text;
    if (m_modelId.isEmpty()) {
        text = tr("Choose a model to see its providers.");
    } else if (!m_catalog) {
        text = tr("No model catalog for this endpoint: type provider names in the fields above.");
    } else if (!m_error.isEmpty()) {
        text = m_error;
    } else if (rows == 0) {
        text =
            refreshing ? tr("Loading providers…") : tr("No providers known for %1.").arg(m_modelId);
    } else if (refreshing) {
        text = tr("Providers of %1; updating…").arg(m_modelId);
    } else if (const QDateTime at = m_catalog->endpointsFetchedAt(m_modelId); at.isValid()) {
        text = tr("Providers of %1, as of %2.")
                   .arg(m_modelId, QLocale().toString(at.toLocalTime(), QLocale::ShortFormat));
    } else {
        text = tr("Providers of %1.").arg(m_modelId);
    }
    m_status->setText(text);
}

void ProviderPreferencesPanel::setChoices(
    const QStringList &order, const QStringList &only, const QStringList &ignore)
{
    const QScopedValueRollback loading(m_loading, true);
    if (order != m_order->stringList())
        m_order->setStringList(order);
    if (only != m_only || ignore != m_ignore) {
        m_only = only;
        m_ignore = ignore;
        m_choices->refreshTicks();
    }
}

QStringList ProviderPreferencesPanel::order() const
{
    return m_order->stringList();
}

void ProviderPreferencesPanel::orderChanged()
{
    m_choices->refreshTicks();
    if (!m_loading)
        Q_EMIT edited();
}

bool ProviderPreferencesPanel::moveInOrder(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= m_order->rowCount() || to < 0 || to >= m_order->rowCount() || delta == 0)
        return false;
    if (!m_order->moveRows({}, row, 1, {}, delta > 0 ? to + 1 : to))
        return false;
    m_orderList->setCurrentIndex(m_order->index(to));
    return true;
}

void ProviderPreferencesPanel::removeFromOrder(int row)
{
    if (row < 0 || row >= m_order->rowCount())
        return;
    m_order->removeRows(row, 1);
    if (m_order->rowCount() > 0)
        m_orderList->setCurrentIndex(m_order->index(std::min(row, m_order->rowCount() - 1)));
}

void ProviderPreferencesPanel::setInOrder(const QString &provider, bool on)
{
    QStringList list = order();
    if (setMember(list, provider, on))
        m_order->setStringList(list); // reports through orderChanged
}

void ProviderPreferencesPanel::setOnly(const QString &provider, bool on)
{
    if (!setMember(m_only, provider, on))
        return;
    m_choices->refreshTicks();
    Q_EMIT edited();
}

void ProviderPreferencesPanel::setIgnored(const QString &provider, bool on)
{
    if (!setMember(m_ignore, provider, on))
        return;
    m_choices->refreshTicks();
    Q_EMIT edited();
}

} // namespace detour
