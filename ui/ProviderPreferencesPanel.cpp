// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderPreferencesPanel.h"

#include "ComboBoxDelegate.h"
#include "endpoints/Catalog.h"
#include "endpoints/ModelInfo.h"
#include "endpoints/ProviderEndpointModel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QShortcut>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

namespace detour {

using namespace Qt::StringLiterals;

ProviderPreferencesPanel::ProviderPreferencesPanel(QWidget *parent)
    : QWidget(parent)
    , m_endpoints(new ProviderEndpointModel(this))
    , m_choices(new ProviderChoiceModel(m_endpoints, this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_name(new QLineEdit(this))
{
    setObjectName(u"providerPreferences"_s);
    setAccessibleName(tr("Providers of the step's model"));

    m_status->setObjectName(u"providerStatus"_s);
    m_status->setAccessibleName(tr("Provider list status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto button = [this](const QString &text, const QString &name, const QString &help) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setAccessibleName(help);
        b->setToolTip(help);
        return b;
    };
    QPushButton *refresh = button(tr("Refresh"), u"refreshProviders"_s,
        tr("Ask the model catalog for this model's providers again"));
    connect(refresh, &QPushButton::clicked, this, &ProviderPreferencesPanel::refresh);

    // The providers: where they stand in the order and what they are used for
    // first, then how they have been doing.
    m_table->setObjectName(u"providerTable"_s);
    m_table->setAccessibleName(tr("Providers"));
    m_table->setModel(m_choices);
    QList<ComboBoxDelegate::Option> uses;
    for (Choice choice : ProviderChoiceModel::choices()) {
        uses.append({ ProviderChoiceModel::choiceName(choice), int(choice),
            ProviderChoiceModel::choiceHelp(choice) });
    }
    auto *useEditor = new ComboBoxDelegate(uses, m_table, [](const QModelIndex &index) {
        return tr("Use of %1")
            .arg(index.siblingAtColumn(ProviderChoiceModel::ProviderColumn).data().toString());
    });
    useEditor->setEditorObjectName(u"providerChoiceEditor"_s);
    m_table->setItemDelegateForColumn(ProviderChoiceModel::ChoiceColumn, useEditor);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDragDropMode(QAbstractItemView::DragDrop);
    m_table->setDefaultDropAction(Qt::CopyAction);
    m_table->setDragDropOverwriteMode(false);
    m_table->setDropIndicatorShown(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for the buttons
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The "Use" column is as wide as its combo box needs for the longest choice.
    int useWidth = 0;
    for (Choice choice : ProviderChoiceModel::choices()) {
        useWidth = std::max(useWidth,
            m_table->fontMetrics().horizontalAdvance(ProviderChoiceModel::choiceName(choice)));
    }
    m_table->horizontalHeader()->setSectionResizeMode(
        ProviderChoiceModel::ChoiceColumn, QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(
        ProviderChoiceModel::ChoiceColumn, useWidth + 3 * m_table->fontMetrics().height());
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 8);
    m_table->setToolTip(tr("Preferred providers come first: OpenRouter tries them in this "
                           "order. Drag them, or press Alt+Up and Alt+Down, to reorder; F2 "
                           "changes a provider's use; Delete sets it back to default."));

    // What the selected providers are used for, and their place in the order.
    QPushButton *prefer = button(tr("Prefer"), u"providerChoosePreferred"_s,
        tr("Try the selected providers first, after those already preferred"));
    QPushButton *onlyThese = button(tr("Only"), u"providerChooseOnly"_s,
        tr("Use no provider but the selected ones and the others marked only"));
    QPushButton *ignoreThese = button(tr("Ignore"), u"providerChooseIgnored"_s,
        tr("Never send this step to the selected providers"));
    QPushButton *byDefault = button(tr("Default"), u"providerChooseDefault"_s,
        tr("Let OpenRouter decide about the selected providers (Delete)"));
    QPushButton *up =
        button(tr("Up"), u"providerOrderUp"_s, tr("Move the preferred provider up (Alt+Up)"));
    QPushButton *down = button(
        tr("Down"), u"providerOrderDown"_s, tr("Move the preferred provider down (Alt+Down)"));
    const auto choose = [this](Choice choice) {
        return [this, choice] { chooseForSelected(choice); };
    };
    connect(prefer, &QPushButton::clicked, this, choose(Choice::Preferred));
    connect(onlyThese, &QPushButton::clicked, this, choose(Choice::Only));
    connect(ignoreThese, &QPushButton::clicked, this, choose(Choice::Ignored));
    connect(byDefault, &QPushButton::clicked, this, choose(Choice::Default));
    const auto move = [this](int delta) {
        return [this, delta] { moveInOrder(m_table->currentIndex().row(), delta); };
    };
    connect(up, &QPushButton::clicked, this, move(-1));
    connect(down, &QPushButton::clicked, this, move(+1));
    const auto shortcut = [this](const QKeySequence &keys, const std::function<void()> &action) {
        auto *s = new QShortcut(keys, m_table, nullptr, nullptr, Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, action);
    };
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), move(-1));
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), move(+1));
    shortcut(QKeySequence(QKeySequence::Delete), choose(Choice::Default));

    // Providers the catalog does not list (or no catalog at all).
    m_name->setObjectName(u"providerName"_s);
    m_name->setAccessibleName(tr("Provider to add"));
    m_name->setPlaceholderText(tr("e.g. DeepInfra"));
    m_name->setToolTip(tr("A provider the list does not show; it is added as preferred"));
    auto *nameLabel = new QLabel(tr("Add provider:"), this);
    nameLabel->setBuddy(m_name);
    QPushButton *add = button(
        tr("Add"), u"providerAdd"_s, tr("Add the named provider to the preferred providers"));
    connect(add, &QPushButton::clicked, this, &ProviderPreferencesPanel::addNamedProvider);
    connect(m_name, &QLineEdit::returnPressed, this, &ProviderPreferencesPanel::addNamedProvider);

    auto *hint = new QLabel(tr("<i>Preferred</i>: tried first, in the order shown. "
                               "<i>Only</i>: no provider but these. <i>Ignored</i>: never "
                               "these. <i>Default</i>: OpenRouter decides."),
        this);
    hint->setObjectName(u"providerHint"_s);
    hint->setAccessibleName(tr("How to choose providers"));
    hint->setWordWrap(true);

    auto *statusBar = new QHBoxLayout;
    statusBar->addWidget(m_status, 1);
    statusBar->addWidget(refresh, 0, Qt::AlignTop);
    // A grid rather than one long row: the route editor is a narrow side panel. The uses
    // on the left, the place in the order on the right.
    auto *choiceGrid = new QGridLayout;
    choiceGrid->addWidget(prefer, 0, 0);
    choiceGrid->addWidget(onlyThese, 0, 1);
    choiceGrid->addWidget(up, 0, 3);
    choiceGrid->addWidget(ignoreThese, 1, 0);
    choiceGrid->addWidget(byDefault, 1, 1);
    choiceGrid->addWidget(down, 1, 3);
    choiceGrid->setColumnStretch(2, 1);
    choiceGrid->setColumnMinimumWidth(2, m_table->fontMetrics().height() / 2);
    auto *nameBar = new QHBoxLayout;
    nameBar->addWidget(m_name, 1);
    nameBar->addWidget(add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(statusBar);
    layout->addWidget(m_table, 1);
    layout->addLayout(choiceGrid);
    layout->addWidget(nameLabel);
    layout->addLayout(nameBar);
    layout->addWidget(hint);

    // Tab goes through the panel as it reads: the table, then the buttons under it.
    const QList<QWidget *> tabOrder { refresh, m_table, prefer, onlyThese, ignoreThese, byDefault,
        up, down, m_name, add };
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        setTabOrder(tabOrder.at(i - 1), tabOrder.at(i));

    connect(m_choices, &ProviderChoiceModel::edited, this, &ProviderPreferencesPanel::edited);
    connect(m_endpoints, &QAbstractItemModel::modelReset, this,
        &ProviderPreferencesPanel::updateStatus);
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
        text = tr("No model catalog for this endpoint: add providers by name below.");
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
    m_choices->setChoices(order, only, ignore);
}

bool ProviderPreferencesPanel::setChoice(const QString &provider, Choice choice)
{
    return m_choices->setChoice(provider, choice);
}

void ProviderPreferencesPanel::chooseForSelected(Choice choice)
{
    QStringList names;
    for (const QModelIndex &index :
        m_table->selectionModel()->selectedRows(ProviderChoiceModel::ProviderColumn))
        names << m_choices->providerAt(index.row());
    if (names.isEmpty() && m_table->currentIndex().isValid())
        names << m_choices->providerAt(m_table->currentIndex().row());
    // In the order shown, so that several providers preferred at once keep it.
    std::sort(names.begin(), names.end(), [this](const QString &a, const QString &b) {
        return m_choices->rowOf(a) < m_choices->rowOf(b);
    });
    const QString current = m_choices->providerAt(m_table->currentIndex().row());
    for (const QString &name : std::as_const(names)) {
        // Only keeps a provider preferred; preferring keeps it only.
        const Choice now = m_choices->choice(name);
        Choice next = choice;
        if (choice == Choice::Only && (now == Choice::Preferred || now == Choice::PreferredOnly))
            next = Choice::PreferredOnly;
        else if (choice == Choice::Preferred
            && (now == Choice::Only || now == Choice::PreferredOnly))
            next = Choice::PreferredOnly;
        m_choices->setChoice(name, next);
    }
    // A provider that went away (a named one set back to default) takes the current row along.
    if (const int row = m_choices->rowOf(current); row >= 0 && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_choices->index(row, ProviderChoiceModel::ProviderColumn));
}

bool ProviderPreferencesPanel::moveInOrder(int row, int delta)
{
    return m_choices->moveInOrder(row, delta);
}

void ProviderPreferencesPanel::addNamedProvider()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return;
    const Choice now = m_choices->choice(name);
    if (now == Choice::Default || now == Choice::Ignored)
        m_choices->setChoice(name, Choice::Preferred);
    m_name->clear();
    m_table->setCurrentIndex(
        m_choices->index(m_choices->rowOf(name), ProviderChoiceModel::ProviderColumn));
}

} // namespace detour
