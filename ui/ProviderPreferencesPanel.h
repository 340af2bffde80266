#pragma once

#include "endpoints/ProviderEndpointModel.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListView;
class QSortFilterProxyModel;
class QTableView;

namespace detour {

class Catalog;

// The providers of one OpenRouter model, from the model catalog (uptime,
// latency, throughput, context, prices, quantization), and per provider a tick
// for each of OpenRouter's `provider.order`, `only` and `ignore`. Beside the
// table, the order itself: a list to rearrange by drag and drop or Alt+Up /
// Alt+Down; dragging providers from the table onto it puts them there. The
// panel only holds the three lists: every change a person makes is reported
// by edited(), and setChoices() (which does not report) puts them back.
class ProviderPreferencesPanel final : public QWidget {
    Q_OBJECT

public:
    // The table's columns: ProviderEndpointModel's, then the ticks (shown
    // right after the provider's name).
    enum ChoiceColumn {
        OrderColumn = ProviderEndpointModel::ColumnCount,
        OnlyColumn,
        IgnoreColumn,
    };
    Q_ENUM(ChoiceColumn)

    // What a drag of providers carries: their names, one per line (UTF-8).
    static QString providerNamesMimeType();

    explicit ProviderPreferencesPanel(QWidget *parent = nullptr);

    // The catalog the providers come from; may be null (then the table stays empty).
    void setCatalog(Catalog *catalog);
    Catalog *catalog() const;
    // Shows the providers of `modelId` (an OpenRouter model id), asking the
    // catalog for them when what it holds is missing or stale. Empty clears.
    void setModelId(const QString &modelId);
    QString modelId() const { return m_modelId; }
    // Asks the catalog for the providers again, whatever their age.
    void refresh();

    void setChoices(const QStringList &order, const QStringList &only, const QStringList &ignore);
    QStringList order() const;
    QStringList only() const { return m_only; }
    QStringList ignore() const { return m_ignore; }

    // Moves the order list's row by delta (Alt+Up / Alt+Down); false when it cannot.
    bool moveInOrder(int row, int delta);
    void removeFromOrder(int row);

    QTableView *providerTable() const { return m_table; }
    QListView *orderList() const { return m_orderList; }
    QLabel *statusLabel() const { return m_status; }
    ProviderEndpointModel *endpoints() const { return m_endpoints; }

    // As if the person ticked or unticked the provider: changes the list and reports edited().
    void setInOrder(const QString &provider, bool on);
    void setOnly(const QString &provider, bool on);
    void setIgnored(const QString &provider, bool on);

Q_SIGNALS:
    void edited();

private:
    class ChoiceModel;
    class OrderModel;

    void updateStatus();
    void orderChanged();
    void catalogRefreshing(const QString &modelId, bool refreshing);
    void catalogError(const QString &sentence);

    QPointer<Catalog> m_catalog;
    QString m_modelId;
    QStringList m_only;
    QStringList m_ignore;
    QString m_error;
    bool m_awaitingAnswer = false; // an error now is about m_modelId
    bool m_loading = false;

    ProviderEndpointModel *m_endpoints;
    OrderModel *m_order;
    ChoiceModel *m_choices;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QListView *m_orderList;
    QLabel *m_status;
};

} // namespace detour
