// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "endpoints/ProviderEndpointModel.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace detour {

// OpenRouter's provider.order, provider.only and provider.ignore for one step,
// as one list of providers with a choice each: the providers the catalog lists
// for the model, and any other name the lists hold. The preferred providers
// come first, in provider.order's order; the rest follow in the catalog's
// order. Rows drag as provider names: dropped among the preferred ones (or
// right after them), a provider becomes preferred there; dropped further down,
// or on the empty space below the rows, it leaves the order.
//
// The three lists are the truth; every row is derived from them and from the
// catalog's rows. setChoices() puts them in without a report; every change a
// person makes (setChoice, moveInOrder, a drop, an edit of the choice column)
// is reported by edited(). Names are compared as OpenRouter does: ignoring case.
class ProviderChoiceModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        PositionColumn, // "1", "2", ... for the preferred providers
        ProviderColumn,
        ChoiceColumn,
        UptimeColumn, // this and the following: ProviderEndpointModel's statistics
        LatencyColumn,
        ThroughputColumn,
        ContextColumn,
        PromptPriceColumn,
        CompletionPriceColumn,
        QuantizationColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum class Choice {
        Default, // in no list: OpenRouter decides
        Preferred, // provider.order
        PreferredOnly, // provider.order and provider.only
        Only, // provider.only
        Ignored, // provider.ignore
    };
    Q_ENUM(Choice)

    enum Role {
        ChoiceRole = ProviderEndpointModel::SortRole + 1, // int(Choice), in every column
        KnownRole, // bool: the catalog lists the provider for the model
    };

    // What a drag of providers carries: their names, one per line (UTF-8).
    static QString providerNamesMimeType();
    static QList<Choice> choices();
    static QString choiceName(Choice choice); // "Preferred", translated
    static QString choiceHelp(Choice choice); // a sentence for tooltips

    // The rows follow `endpoints` (the catalog's providers of the step's model).
    explicit ProviderChoiceModel(const ProviderEndpointModel *endpoints, QObject *parent = nullptr);

    void setChoices(const QStringList &order, const QStringList &only, const QStringList &ignore);
    QStringList order() const { return m_order; }
    QStringList only() const { return m_only; }
    QStringList ignore() const { return m_ignore; }

    Choice choice(const QString &provider) const;
    // As a person does it: changes the lists and reports edited(); false when nothing changed.
    // A provider newly preferred goes to the end of the order.
    bool setChoice(const QString &provider, Choice choice);
    // Moves the preferred provider of `row` by `delta` places in the order; false when it cannot.
    bool moveInOrder(int row, int delta);

    QString providerAt(int row) const;
    int rowOf(const QString &provider) const; // -1 when not shown
    int preferredCount() const { return int(m_order.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;
    // Copy, so that the view never removes the dragged rows itself: a drop moves them.
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;

Q_SIGNALS:
    void edited();

private:
    // Puts new lists in and re-derives the rows, keeping selections on their providers.
    void apply(QStringList order, QStringList only, QStringList ignore, bool report);
    void rebuildRows();
    int catalogRow(const QString &provider) const; // -1 when the catalog does not list it

    const ProviderEndpointModel *m_endpoints;
    QStringList m_order;
    QStringList m_only;
    QStringList m_ignore;
    QStringList m_rows; // provider names, as shown
};

} // namespace detour
