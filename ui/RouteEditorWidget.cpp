// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteEditorWidget.h"

#include "AuthorityFileField.h"
#include "EndpointGatewayRow.h"
#include "NarrowForm.h"
#include "ProviderPreferencesPanel.h"
#include "RouteDefaultsForm.h"
#include "RoutePolicyForm.h"
#include "RoutePreviewPane.h"
#include "RoutingOptionsForm.h"
#include "endpoints/ModelCatalogModel.h"
#include "route/RouteStepsModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QShortcut>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// Steps are shown numbered ("1. model · endpoint"), with a warning sign when
// the step has a problem and, on a second line, where its requests really go;
// the numbers are the view's, so moves keep the model simple. The lines wrap to
// the width of the list rather than being cut off in a narrow panel.
class StepDelegate final : public QStyledItemDelegate {
public:
    explicit StepDelegate(QListView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.features |= QStyleOptionViewItem::WrapText;
        opt.rect.setWidth(m_view->viewport()->width());
        const QStyle *style = m_view->style();
        return style->sizeFromContents(QStyle::CT_ItemViewItem, &opt, QSize(), m_view);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const bool problem = !index.data(RouteStepsModel::ProblemsRole).toStringList().isEmpty();
        option->text =
            u"%1. %2%3"_s.arg(index.row() + 1).arg(problem ? u"⚠ "_s : QString(), option->text);
        if (const QString where = index.data(RouteStepsModel::DestinationRole).toString();
            !where.isEmpty())
            option->text += QChar::LineSeparator + where;
        option->features |= QStyleOptionViewItem::WrapText;
    }

private:
    QListView *m_view;
};

// A page of the editor's tabs that scrolls when the panel is short.
QScrollArea *scrolling(QWidget *page, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

QStringList splitList(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        if (const QString trimmed = part.trimmed(); !trimmed.isEmpty())
            list << trimmed;
    }
    return list;
}

} // namespace

RouteEditorWidget::RouteEditorWidget(
    RouteStepsModel *steps, QWidget *parent, EndpointSecrets *secrets, const StepHistory *history)
    : QWidget(parent)
    , m_steps(steps)
    , m_list(new QListView(this))
    , m_problems(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_stepPage(new QWidget(this))
    , m_endpoint(new QComboBox(this))
    , m_authority(new AuthorityFileField(this))
    , m_direct(new QCheckBox(tr("Connect &directly (no proxy)"), this))
    , m_gateway(new EndpointGatewayRow(steps, secrets, this))
    , m_model(new QLineEdit(this))
    , m_fallbacks(new QLineEdit(this))
    , m_pdfEngine(new QComboBox(this))
    , m_sort(new QComboBox(this))
    , m_allowFallbacks(new QComboBox(this))
    , m_dataCollection(new QComboBox(this))
    , m_requireParameters(new QCheckBox(this))
    , m_providers(new ProviderPreferencesPanel(this))
    , m_quantizations(new QLineEdit(this))
    , m_maxPrompt(new QDoubleSpinBox(this))
    , m_maxCompletion(new QDoubleSpinBox(this))
    , m_routing(new RoutingOptionsForm(m_model, this))
    , m_policy(new RoutePolicyForm(this))
    , m_defaults(new RouteDefaultsForm(this))
    , m_preview(new RoutePreviewPane(steps, this))
{
    setAccessibleName(tr("Route editor"));
    m_list->setObjectName(u"routeSteps"_s);
    m_list->setAccessibleName(tr("Route steps"));
    m_list->setModel(steps);
    m_list->setItemDelegate(new StepDelegate(m_list));
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust); // the lines wrap anew when the panel is resized
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setDragEnabled(true);
    m_list->setAcceptDrops(true);
    m_list->setDropIndicatorShown(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // Room for about three steps of two lines; the tabs below take the rest.
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 5);
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 9);

    const auto button = [this](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        return b;
    };
    QPushButton *add = button(tr("Add"), u"addStep"_s);
    QPushButton *duplicate = button(tr("Duplicate"), u"duplicateStep"_s);
    QPushButton *remove = button(tr("Remove"), u"removeStep"_s);
    // Arrows rather than words, so that the row fits a narrow panel; the words are their names.
    const auto arrow = [this](Qt::ArrowType type, const QString &name, const QString &accessible,
                           const QString &help) {
        auto *b = new QToolButton(this);
        b->setObjectName(name);
        b->setArrowType(type);
        b->setAccessibleName(accessible);
        b->setToolTip(help);
        b->setFocusPolicy(Qt::StrongFocus);
        return b;
    };
    QToolButton *up =
        arrow(Qt::UpArrow, u"moveStepUp"_s, tr("Up"), tr("Move the step up (Alt+Up)"));
    QToolButton *down =
        arrow(Qt::DownArrow, u"moveStepDown"_s, tr("Down"), tr("Move the step down (Alt+Down)"));
    const auto move = [this](int delta) {
        const int row = currentRow();
        if (m_steps->moveStep(row, row + delta))
            selectStep(row + delta);
    };
    connect(up, &QToolButton::clicked, this, [move] { move(-1); });
    connect(down, &QToolButton::clicked, this, [move] { move(+1); });
    auto *upShortcut = new QShortcut(
        QKeySequence(Qt::ALT | Qt::Key_Up), m_list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(upShortcut, &QShortcut::activated, this, [move] { move(-1); });
    auto *downShortcut = new QShortcut(
        QKeySequence(Qt::ALT | Qt::Key_Down), m_list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(downShortcut, &QShortcut::activated, this, [move] { move(+1); });
    connect(add, &QPushButton::clicked, this, [this] {
        const RoutePlan &plan = m_steps->plan();
        m_steps->addStep(
            { plan.endpoints.isEmpty() ? QString() : plan.endpoints.first().id, {}, true });
        selectStep(m_steps->rowCount() - 1);
        m_tabs->setCurrentIndex(0);
        m_model->setFocus();
    });
    connect(duplicate, &QPushButton::clicked, this, [this] {
        m_steps->duplicateStep(currentRow());
        selectStep(currentRow() + 1);
    });
    connect(remove, &QPushButton::clicked, this, [this] { m_steps->removeStep(currentRow()); });
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : { add, duplicate, remove })
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(up);
    buttons->addWidget(down);

    // The selected step's problems, right under the steps: never scrolled out of view.
    m_problems->setObjectName(u"stepProblems"_s);
    m_problems->setAccessibleName(tr("Problems with this step"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setFrameShape(QFrame::StyledPanel);
    m_problems->setMargin(m_problems->fontMetrics().height() / 4);
    m_problems->hide();

    // Step form.
    m_sort->addItem(tr("OpenRouter default"), QString());
    m_sort->addItem(tr("Price"), u"price"_s);
    m_sort->addItem(tr("Throughput"), u"throughput"_s);
    m_sort->addItem(tr("Latency"), u"latency"_s);
    m_allowFallbacks->addItem(tr("OpenRouter default (yes)"), QVariant());
    m_allowFallbacks->addItem(tr("Yes"), true);
    m_allowFallbacks->addItem(tr("No: only the providers listed"), false);
    m_dataCollection->addItem(tr("OpenRouter default (allow)"), QString());
    m_dataCollection->addItem(tr("Allow"), u"allow"_s);
    m_dataCollection->addItem(tr("Deny: no providers that store or train on data"), u"deny"_s);
    m_pdfEngine->addItem(tr("pdf-text: the text only, free (default)"), QString());
    m_pdfEngine->addItem(tr("mistral-ocr: scanned pages too, paid"), u"mistral-ocr"_s);
    m_pdfEngine->addItem(tr("native: the model reads the file itself"), u"native"_s);
    for (QComboBox *box : { m_endpoint, m_sort, m_allowFallbacks, m_dataCollection, m_pdfEngine })
        narrowCombo(box);
    for (QDoubleSpinBox *price : { m_maxPrompt, m_maxCompletion }) {
        price->setRange(0, 1000);
        price->setDecimals(3);
        price->setSpecialValueText(tr("no limit"));
        price->setSuffix(tr(" $/M tokens"));
    }
    m_model->setPlaceholderText(u"moonshotai/kimi-k2"_s);
    m_fallbacks->setPlaceholderText(tr("comma-separated model ids OpenRouter may use instead"));
    m_quantizations->setPlaceholderText(u"fp8, bf16"_s);
    const auto name = [](QWidget *widget, const QString &objectName, const QString &accessible) {
        widget->setObjectName(objectName);
        widget->setAccessibleName(accessible);
    };
    name(m_endpoint, u"stepEndpoint"_s, tr("Endpoint"));
    m_authority->setObjectName(u"endpointAuthority"_s);
    m_direct->setObjectName(u"endpointDirect"_s);
    m_direct->setToolTip(tr("For a server on this computer or in your own network: requests to "
                            "this endpoint never go through the proxy of Connection settings."));
    name(m_model, u"stepModel"_s, tr("Model"));
    name(m_fallbacks, u"stepFallbacks"_s, tr("Server-side fallbacks"));
    name(m_sort, u"providerSort"_s, tr("Sort providers by"));
    name(m_allowFallbacks, u"providerAllowFallbacks"_s, tr("Allow fallbacks"));
    name(m_dataCollection, u"providerDataCollection"_s, tr("Data collection"));
    name(m_pdfEngine, u"stepPdfEngine"_s, tr("PDF engine"));
    m_requireParameters->setObjectName(u"providerRequireParameters"_s);
    name(m_quantizations, u"providerQuantizations"_s, tr("Quantizations"));
    name(m_maxPrompt, u"providerMaxPromptPrice"_s, tr("Max prompt price"));
    name(m_maxCompletion, u"providerMaxCompletionPrice"_s, tr("Max completion price"));
    m_stepPage->setObjectName(u"stepPage"_s);
    QFormLayout *stepForm = narrowForm(m_stepPage);
    addRow(stepForm, tr("&Endpoint:"), m_endpoint);
    addRow(stepForm, tr("Certificate authority:"), m_authority);
    stepForm->addRow(QString(), m_direct);
    stepForm->addRow(QString(), m_gateway);
    addRow(stepForm, tr("&Model:"), m_model);
    stepForm->addRow(m_routing->variantRow());
    addRow(stepForm, tr("Server-side &fallbacks:"), m_fallbacks);
    addRow(stepForm, tr("&PDF attachments:"), m_pdfEngine);
    stepForm->addRow(m_providers);
    addRow(stepForm, tr("&Sort providers by:"), m_sort);
    stepForm->addRow(m_routing); // sort across models, cut-offs, zdr, distillable
    m_routing->placeInTabOrder(m_model, m_sort);
    addRow(stepForm, tr("Allow fallbacks:"), m_allowFallbacks);
    addRow(stepForm, tr("Data collection:"), m_dataCollection);
    stepForm->addRow(wrappingCheckBox(
        m_requireParameters, tr("Only providers that support every parameter"), m_stepPage));
    addRow(stepForm, tr("Quantizations:"), m_quantizations);
    addRow(stepForm, tr("Max prompt price:"), m_maxPrompt);
    addRow(stepForm, tr("Max completion price:"), m_maxCompletion);

    // The tab order is the order in which the controls were made when this constructor
    // made them all: the fall-through outcomes and the Copy button after the step buttons.
    QWidget *previous = down;
    for (QCheckBox *box :
        m_policy->findChildren<QCheckBox *>(QRegularExpression(u"^fallThrough_"_s))) {
        setTabOrder(previous, box);
        previous = box;
    }
    setTabOrder(previous, m_preview->codePage()->findChild<QPushButton *>(u"copyAs"_s));

    // The selected step, the policy and the request as tabs under the steps: a narrow
    // side panel shows one at a time, each scrolling on its own.
    m_tabs->setObjectName(u"routeEditorTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideNone);
    m_tabs->addTab(scrolling(m_stepPage, m_tabs), tr("Step"));
    // The route's defaults sit under its policy: a fifth tab does not fit a narrow panel.
    auto *policyPage = new QWidget(m_tabs);
    // As wide as the panel: the word-wrapped texts below wrap to it rather than widen the page.
    policyPage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *policyLayout = new QVBoxLayout(policyPage);
    policyLayout->setContentsMargins({});
    policyLayout->addWidget(m_policy);
    auto *defaultsHeading = new QLabel(u"<b>%1</b>"_s.arg(tr("Defaults")), policyPage);
    defaultsHeading->setBuddy(m_defaults->findChild<QPushButton *>(u"editRouteDefaults"_s));
    policyLayout->addWidget(defaultsHeading);
    policyLayout->addWidget(m_defaults);
    m_defaults->setToolTip(tr("The system prompt and parameters conversations start from"));
    m_tabs->addTab(scrolling(policyPage, m_tabs), tr("Policy"));
    m_tabs->addTab(m_preview->requestPage(), tr("Request"));
    m_tabs->addTab(m_preview->codePage(), tr("Code"));
    m_tabs->setTabToolTip(2, tr("The request the selected step sends"));
    m_tabs->setTabToolTip(3, tr("Copy as code"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(m_problems);
    layout->addWidget(m_tabs, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &RouteEditorWidget::loadStep);
    connect(steps, &RouteStepsModel::planChanged, this, [this] {
        m_policy->load(m_steps->plan());
        m_defaults->load(m_steps->plan().defaults);
        syncProviderChoices();
        updatePreview();
        updateProblems();
    });
    // The catalog's known models, or the mode (simulated or live), change the problems and
    // where a step goes without changing the plan.
    connect(steps, &QAbstractItemModel::dataChanged, this, [this] {
        updateProblems();
        updatePreview();
    });
    // The authority belongs to the endpoint: every step on it shares the choice.
    connect(m_authority, &AuthorityFileField::accepted, this, [this](const QString &path) {
        m_steps->setEndpointAuthority(m_endpoint->currentData().toString(), path);
    });
    connect(m_direct, &QCheckBox::toggled, this, [this](bool direct) {
        if (!m_loading)
            m_steps->setEndpointDirect(m_endpoint->currentData().toString(), direct);
    });
    // A gateway added from a preset: the step moves onto its new endpoint.
    connect(m_gateway, &EndpointGatewayRow::gatewayAdded, this, [this](const QString &id) {
        m_endpoint->addItem(id, id);
        m_endpoint->setCurrentIndex(m_endpoint->findData(id));
        storeStep();
    });
    connect(m_providers, &ProviderPreferencesPanel::edited, this,
        &RouteEditorWidget::storeProviderChoices);
    connect(steps, &QAbstractItemModel::modelReset, this, [this] {
        m_endpoint->clear();
        for (const Endpoint &endpoint : m_steps->plan().endpoints)
            m_endpoint->addItem(endpoint.id, endpoint.id);
        selectStep(0);
    });
    for (QLineEdit *edit : { m_model, m_fallbacks, m_quantizations })
        connect(edit, &QLineEdit::editingFinished, this, &RouteEditorWidget::storeStep);
    for (QComboBox *box : { m_endpoint, m_sort, m_allowFallbacks, m_dataCollection, m_pdfEngine })
        connect(box, &QComboBox::activated, this, &RouteEditorWidget::storeStep);
    connect(m_requireParameters, &QCheckBox::toggled, this, &RouteEditorWidget::storeStep);
    connect(m_routing, &RoutingOptionsForm::edited, this, &RouteEditorWidget::storeStep);
    for (QDoubleSpinBox *box : { m_maxPrompt, m_maxCompletion })
        connect(box, &QDoubleSpinBox::editingFinished, this, &RouteEditorWidget::storeStep);
    m_policy->setStepHistory(history);
    connect(m_policy, &RoutePolicyForm::edited, this, &RouteEditorWidget::storePolicy);
    connect(m_defaults, &RouteDefaultsForm::edited, this, &RouteEditorWidget::storePolicy);
    connect(m_preview, &RoutePreviewPane::languageChanged, this, &RouteEditorWidget::updatePreview);
}

RouteEditorWidget::~RouteEditorWidget()
{
    // A field with focus reports its edit when it loses focus, which happens while QWidget's
    // destructor deletes the children, after this editor's own members are gone.
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
}

int RouteEditorWidget::currentRow() const
{
    return m_list->currentIndex().row();
}

void RouteEditorWidget::selectStep(int row)
{
    if (row >= 0 && row < m_steps->rowCount())
        m_list->setCurrentIndex(m_steps->index(row));
    loadStep();
}

void RouteEditorWidget::setModelSuggestions(const QStringList &models)
{
    auto *completer = new QCompleter(models, m_model);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_model->setCompleter(completer);
}

void RouteEditorWidget::loadStep()
{
    const int row = currentRow();
    const bool valid = row >= 0 && row < m_steps->plan().steps.size();
    m_stepPage->setEnabled(valid);
    m_tabs->setTabText(0, valid ? tr("Step %1").arg(row + 1) : tr("Step"));
    if (!valid) {
        updateProviderPanel();
        updateProblems();
        return;
    }
    m_loading = true;
    const RouteStep &step = m_steps->plan().steps[row];
    const ProviderPreferences &provider = step.target.provider;
    m_endpoint->setCurrentIndex(m_endpoint->findData(step.endpointId));
    loadAuthority();
    m_model->setText(step.target.model);
    m_routing->load(step.target);
    m_fallbacks->setText(step.target.fallbackModels.join(u", "_s));
    // "pdf-text" written out in a route file is the default, shown as such.
    m_pdfEngine->setCurrentIndex(std::max(0, m_pdfEngine->findData(step.target.pdfEngine)));
    m_sort->setCurrentIndex(std::max(0, m_sort->findData(provider.sort)));
    m_allowFallbacks->setCurrentIndex(
        provider.allowFallbacks ? (*provider.allowFallbacks ? 1 : 2) : 0);
    m_dataCollection->setCurrentIndex(
        std::max(0, m_dataCollection->findData(provider.dataCollection)));
    m_requireParameters->setChecked(provider.requireParameters.value_or(false));
    m_quantizations->setText(provider.quantizations.join(u", "_s));
    m_maxPrompt->setValue(provider.maxPricePrompt.value_or(0));
    m_maxCompletion->setValue(provider.maxPriceCompletion.value_or(0));
    m_providers->setChoices(provider.order, provider.only, provider.ignore);
    m_loading = false;
    updateProviderPanel();
    updatePreview();
    updateProblems();
}

void RouteEditorWidget::loadAuthority()
{
    const Endpoint *endpoint = m_steps->plan().endpoint(m_endpoint->currentData().toString());
    m_authority->setPath(endpoint ? endpoint->caFile : QString());
    m_authority->setEnabled(endpoint != nullptr);
    const QScopedValueRollback loading(m_loading, true);
    m_direct->setChecked(endpoint && endpoint->direct);
    m_direct->setEnabled(endpoint != nullptr);
    m_gateway->setEndpointId(m_endpoint->currentData().toString());
}

void RouteEditorWidget::storeStep()
{
    const int row = currentRow();
    if (m_loading || row < 0 || row >= m_steps->plan().steps.size())
        return;
    RouteStep step = m_steps->plan().steps[row];
    ProviderPreferences &provider = step.target.provider;
    step.endpointId = m_endpoint->currentData().toString();
    step.target.model = m_model->text().trimmed();
    step.target.fallbackModels = splitList(m_fallbacks->text());
    if (m_pdfEngine->currentIndex() > 0 || step.target.pdfEngine != "pdf-text"_L1)
        step.target.pdfEngine = m_pdfEngine->currentData().toString();
    provider.sort = m_sort->currentData().toString();
    const QVariant allow = m_allowFallbacks->currentData();
    provider.allowFallbacks = allow.isValid() ? std::optional(allow.toBool()) : std::nullopt;
    provider.dataCollection = m_dataCollection->currentData().toString();
    provider.requireParameters =
        m_requireParameters->isChecked() ? std::optional(true) : std::nullopt;
    provider.quantizations = splitList(m_quantizations->text());
    provider.maxPricePrompt =
        m_maxPrompt->value() > 0 ? std::optional(m_maxPrompt->value()) : std::nullopt;
    provider.maxPriceCompletion =
        m_maxCompletion->value() > 0 ? std::optional(m_maxCompletion->value()) : std::nullopt;
    m_routing->store(step.target);
    m_steps->setStep(row, step);
    loadAuthority(); // the endpoint may have changed
    updateProviderPanel(); // the endpoint or the model may have changed
}

// The person ticked a provider or rearranged the order in the provider panel.
void RouteEditorWidget::storeProviderChoices()
{
    const int row = currentRow();
    if (m_loading || row < 0 || row >= m_steps->plan().steps.size())
        return;
    RouteStep step = m_steps->plan().steps[row];
    ProviderPreferences &provider = step.target.provider;
    provider.order = m_providers->order();
    provider.only = m_providers->only();
    provider.ignore = m_providers->ignore();
    m_steps->setStep(row, step);
}

// The provider panel shows the selected step's lists as stored.
void RouteEditorWidget::syncProviderChoices()
{
    const int row = currentRow();
    if (m_loading || row < 0 || row >= m_steps->plan().steps.size())
        return;
    const ProviderPreferences &provider = m_steps->plan().steps[row].target.provider;
    m_providers->setChoices(provider.order, provider.only, provider.ignore);
}

// Only OpenRouter knows provider preferences: the panel shows for its steps alone,
// with or without a catalog (without one, providers are added by name).
void RouteEditorWidget::updateProviderPanel()
{
    const RoutePlan &plan = m_steps->plan();
    const int row = currentRow();
    const RouteStep *step = row >= 0 && row < plan.steps.size() ? &plan.steps[row] : nullptr;
    const Endpoint *endpoint = step ? plan.endpoint(step->endpointId) : nullptr;
    const bool openRouter = endpoint && endpoint->kind == EndpointKind::OpenRouter;
    m_providers->setVisible(openRouter);
    m_routing->setVisible(openRouter);
    m_routing->variantRow()->setVisible(openRouter);
    // A routing variant (":nitro") has its base model's providers.
    const QString model = openRouter ? step->target.model.trimmed() : QString();
    const bool routed = ModelVariant::isRoutingVariant(ModelVariant::of(model));
    m_providers->setModelId(routed ? ModelVariant::base(model) : model);
}

void RouteEditorWidget::updateProblems()
{
    const QStringList problems = m_steps->problems(currentRow());
    QStringList lines;
    for (const QString &problem : problems)
        lines << u"⚠ "_s + problem;
    m_problems->setText(lines.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
}

void RouteEditorWidget::setCatalog(Catalog *catalog)
{
    m_providers->setCatalog(catalog);
    updateProviderPanel();
    Q_EMIT catalogChanged(catalog);
    if (!catalog)
        return;
    // The model picker completes from the catalog, live, as it refreshes.
    auto *completer = new QCompleter(new ModelCatalogModel(catalog, this), m_model);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionColumn(ModelCatalogModel::IdColumn);
    completer->setCompletionRole(Qt::DisplayRole);
    m_model->setCompleter(completer);
}

void RouteEditorWidget::storePolicy()
{
    if (m_loading)
        return;
    RoutePlan plan = m_steps->plan();
    m_policy->store(plan.policy);
    plan.defaults = m_defaults->defaults();
    if (plan.policy == m_steps->plan().policy && plan.defaults == m_steps->plan().defaults)
        return;
    const int row = currentRow();
    m_steps->setPlan(plan);
    selectStep(row);
}

void RouteEditorWidget::setConversationSettings(const ConversationSettings &settings)
{
    if (m_preview->setConversationSettings(settings))
        updatePreview();
}

QPlainTextEdit *RouteEditorWidget::preview() const
{
    return m_preview->requestPage();
}

QString RouteEditorWidget::copyAsText() const
{
    return m_preview->copyAsText();
}

void RouteEditorWidget::updatePreview()
{
    m_preview->update(currentRow());
}

} // namespace detour
