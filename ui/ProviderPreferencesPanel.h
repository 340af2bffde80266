// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ProviderChoiceModel.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace detour {

class Catalog;
class ProviderEndpointModel;

// The one place to set OpenRouter's provider.order, only and ignore for a
// step: the providers of its model, from the model catalog (uptime, latency,
// throughput, context, prices, quantization), each marked preferred (tried
// first, in the order shown), only, ignored or default. The preferred ones are
// reordered by drag and drop or Alt+Up / Alt+Down; the buttons below the table
// mark the selected providers; a provider the catalog does not list is added
// by name. The panel only holds the three lists (ProviderChoiceModel): every
// change a person makes is reported by edited(), and setChoices() (which does
// not report) puts them back.
class ProviderPreferencesPanel final : public QWidget {
    Q_OBJECT

public:
    using Choice = ProviderChoiceModel::Choice;

    explicit ProviderPreferencesPanel(QWidget *parent = nullptr);

    // The catalog the providers come from; may be null (then only named providers show).
    void setCatalog(Catalog *catalog);
    Catalog *catalog() const;
    // Shows the providers of `modelId` (an OpenRouter model id), asking the
    // catalog for them when what it holds is missing or stale. Empty clears.
    void setModelId(const QString &modelId);
    QString modelId() const { return m_modelId; }
    // Asks the catalog for the providers again, whatever their age.
    void refresh();

    void setChoices(const QStringList &order, const QStringList &only, const QStringList &ignore);
    QStringList order() const { return m_choices->order(); }
    QStringList only() const { return m_choices->only(); }
    QStringList ignore() const { return m_choices->ignore(); }

    // As if the person chose it for the provider: changes the lists and reports edited().
    bool setChoice(const QString &provider, Choice choice);
    // Marks the selected providers (or the current one) with `choice`.
    void chooseForSelected(Choice choice);
    // Moves the preferred provider of the table's `row` by delta (Alt+Up / Alt+Down);
    // false when it cannot.
    bool moveInOrder(int row, int delta);

    QTableView *providerTable() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }
    ProviderEndpointModel *endpoints() const { return m_endpoints; }
    ProviderChoiceModel *choices() const { return m_choices; }

Q_SIGNALS:
    void edited();

private:
    void addNamedProvider();
    void updateStatus();
    void catalogRefreshing(const QString &modelId, bool refreshing);
    void catalogError(const QString &sentence);

    QPointer<Catalog> m_catalog;
    QString m_modelId;
    QString m_error;
    bool m_awaitingAnswer = false; // an error now is about m_modelId

    ProviderEndpointModel *m_endpoints;
    ProviderChoiceModel *m_choices;
    QTableView *m_table;
    QLabel *m_status;
    QLineEdit *m_name;
};

} // namespace detour
