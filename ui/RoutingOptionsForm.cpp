// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RoutingOptionsForm.h"

#include "NarrowForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QScopedValueRollback>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QStringList splitList(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        if (const QString trimmed = part.trimmed(); !trimmed.isEmpty())
            list << trimmed;
    }
    return list;
}

// The p50 from the spin box over the cut-offs as read (their other percentiles kept).
PerformanceCutoffs withMedian(PerformanceCutoffs cutoffs, double value)
{
    cutoffs.p50 = value > 0 ? std::optional(value) : std::nullopt;
    if (!cutoffs.isSet())
        return {};
    return cutoffs;
}

// A flag the box sets to true; false written in the file stays false while unticked.
std::optional<bool> flag(const QCheckBox *box, std::optional<bool> loaded)
{
    if (box->isChecked())
        return true;
    return loaded == false ? loaded : std::nullopt;
}

} // namespace

RoutingOptionsForm::RoutingOptionsForm(QLineEdit *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_variantRow(new QWidget(this))
    , m_allowed(new QLineEdit(this))
    , m_partition(new QComboBox(this))
    , m_minThroughput(new QDoubleSpinBox(this))
    , m_maxLatency(new QDoubleSpinBox(this))
    , m_zdr(new QCheckBox(this))
    , m_distillable(new QCheckBox(this))
{
    setObjectName(u"routingOptions"_s);
    m_variantRow->setObjectName(u"modelVariants"_s);
    m_variantRow->setAccessibleName(tr("Model variant"));
    auto *variantForm = narrowForm(m_variantRow);
    variantForm->setContentsMargins(0, 0, 0, 0);
    auto *variants = new QHBoxLayout;
    const QHash<ModelVariant::Kind, QString> names {
        { ModelVariant::Kind::Free, tr(":free") },
        { ModelVariant::Kind::Nitro, tr(":nitro") },
        { ModelVariant::Kind::Floor, tr(":floor") },
        { ModelVariant::Kind::Exacto, tr(":exacto") },
    };
    for (ModelVariant::Kind kind : ModelVariant::kinds()) {
        auto *box = new QCheckBox(names.value(kind), m_variantRow);
        box->setObjectName(u"variant_"_s + ModelVariant::suffix(kind).mid(1));
        box->setToolTip(ModelVariant::help(kind));
        box->setAccessibleDescription(ModelVariant::help(kind));
        variants->addWidget(box);
        m_variants.insert(kind, box);
        // One variant at a time: ticking one replaces the other, unticking goes back to none.
        connect(box, &QCheckBox::clicked, this, [this, kind](bool checked) {
            chooseVariant(checked ? kind : ModelVariant::Kind::None);
        });
    }
    variants->addStretch(1);
    variantForm->addRow(variants);

    m_allowed->setObjectName(u"autoAllowedModels"_s);
    m_allowed->setAccessibleName(tr("Models the Auto Router may choose"));
    m_allowed->setPlaceholderText(tr("e.g. anthropic/*, openai/gpt-4o"));
    m_allowed->setToolTip(tr("For openrouter/auto only: the models OpenRouter's Auto Router may "
                             "pick from, comma-separated; a * matches a whole family. Empty: "
                             "OpenRouter's own list."));

    m_partition->setObjectName(u"providerSortPartition"_s);
    m_partition->setAccessibleName(tr("Sort within or across models"));
    m_partition->addItem(tr("OpenRouter default (within each model)"), QString());
    m_partition->addItem(tr("Within each model"), u"model"_s);
    m_partition->addItem(tr("Across all models, fallbacks too"), u"none"_s);
    m_partition->setToolTip(tr("Within each model: the sort orders the providers of one model, "
                               "and fallback models stay fallbacks. Across all models: the "
                               "best provider of any model in the list is tried first."));
    narrowCombo(m_partition);

    m_minThroughput->setObjectName(u"providerMinThroughput"_s);
    m_minThroughput->setAccessibleName(tr("Preferred minimum throughput"));
    m_minThroughput->setRange(0, 100000);
    m_minThroughput->setDecimals(0);
    m_minThroughput->setSuffix(tr(" tokens/s"));
    m_minThroughput->setSpecialValueText(tr("no preference"));
    m_minThroughput->setToolTip(tr("Prefer providers that usually (median) write at least this "
                                   "many tokens a second. Slower ones are still used, but only "
                                   "after the faster ones."));
    m_maxLatency->setObjectName(u"providerMaxLatency"_s);
    m_maxLatency->setAccessibleName(tr("Preferred maximum latency"));
    m_maxLatency->setRange(0, 600);
    m_maxLatency->setDecimals(1);
    m_maxLatency->setSingleStep(0.5);
    m_maxLatency->setSuffix(tr(" s"));
    m_maxLatency->setSpecialValueText(tr("no preference"));
    m_maxLatency->setToolTip(tr("Prefer providers that usually (median) start answering within "
                                "this many seconds. Slower ones are still used, but only after "
                                "the quicker ones."));
    m_zdr->setObjectName(u"providerZdr"_s);
    m_zdr->setToolTip(tr("Only send this step to endpoints that keep nothing: no prompts or "
                         "answers stored, not even for a moment (Zero Data Retention)."));
    m_distillable->setObjectName(u"providerDistillable"_s);
    m_distillable->setToolTip(tr("Only models whose makers allow their answers to be used to "
                                 "train other models."));

    // Under the variants, shown for openrouter/auto only.
    m_allowed->setParent(m_variantRow);
    addRow(variantForm, tr("Auto Router's m&odels:"), m_allowed);

    auto *form = narrowForm(this);
    form->setContentsMargins(0, 0, 0, 0);
    addRow(form, tr("Sort &across:"), m_partition);
    addRow(form, tr("Prefer &throughput of at least:"), m_minThroughput);
    addRow(form, tr("Prefer &latency of at most:"), m_maxLatency);
    form->addRow(wrappingCheckBox(m_zdr, tr("Only Zero Data Retention endpoints"), this));
    form->addRow(wrappingCheckBox(
        m_distillable, tr("Only models that allow distillation of their text"), this));

    const auto report = [this] {
        if (!m_loading)
            Q_EMIT edited();
    };
    connect(m_allowed, &QLineEdit::editingFinished, this, report);
    connect(m_partition, &QComboBox::activated, this, report);
    for (QDoubleSpinBox *box : { m_minThroughput, m_maxLatency })
        connect(box, &QDoubleSpinBox::editingFinished, this, report);
    for (QCheckBox *box : { m_zdr, m_distillable })
        connect(box, &QCheckBox::toggled, this, report);
    connect(m_model, &QLineEdit::textChanged, this, &RoutingOptionsForm::syncToModel);
    syncToModel();
}

void RoutingOptionsForm::load(const ModelTarget &target)
{
    const QScopedValueRollback loading(m_loading, true);
    const ProviderPreferences &provider = target.provider;
    m_loaded = provider;
    m_allowed->setText(target.autoAllowedModels.join(u", "_s));
    m_partition->setCurrentIndex(std::max(0, m_partition->findData(provider.sortPartition)));
    m_minThroughput->setValue(provider.preferredMinThroughput.p50.value_or(0));
    m_maxLatency->setValue(provider.preferredMaxLatency.p50.value_or(0));
    m_zdr->setChecked(provider.zdr.value_or(false));
    m_distillable->setChecked(provider.enforceDistillableText.value_or(false));
    syncToModel();
}

void RoutingOptionsForm::store(ModelTarget &target) const
{
    ProviderPreferences &provider = target.provider;
    provider.sortPartition = m_partition->currentData().toString();
    provider.sortAsObject = m_loaded.sortAsObject;
    provider.preferredMinThroughput =
        withMedian(m_loaded.preferredMinThroughput, m_minThroughput->value());
    provider.preferredMaxLatency = withMedian(m_loaded.preferredMaxLatency, m_maxLatency->value());
    provider.zdr = flag(m_zdr, m_loaded.zdr);
    provider.enforceDistillableText = flag(m_distillable, m_loaded.enforceDistillableText);
    target.autoAllowedModels =
        target.model == ModelVariant::autoRouter() ? splitList(m_allowed->text()) : QStringList();
}

void RoutingOptionsForm::placeInTabOrder(QWidget *model, QWidget *sort)
{
    QList<QWidget *> chain { model };
    for (ModelVariant::Kind kind : ModelVariant::kinds())
        chain << m_variants.value(kind);
    chain << m_allowed;
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
    const QList<QWidget *> fields { sort, m_partition, m_minThroughput, m_maxLatency, m_zdr,
        m_distillable };
    for (qsizetype i = 1; i < fields.size(); ++i)
        setTabOrder(fields.at(i - 1), fields.at(i));
}

void RoutingOptionsForm::chooseVariant(ModelVariant::Kind kind)
{
    m_model->setText(ModelVariant::withVariant(m_model->text().trimmed(), kind));
    Q_EMIT edited();
}

void RoutingOptionsForm::syncToModel()
{
    const QString model = m_model->text().trimmed();
    const ModelVariant::Kind current = ModelVariant::of(model);
    const QString base = ModelVariant::base(model);
    // Routers and presets are not models with providers: no variants for them.
    const bool plainModel = !model.isEmpty() && !ModelVariant::isPreset(model)
        && base != ModelVariant::autoRouter() && base != ModelVariant::freeRouter();
    for (auto it = m_variants.cbegin(); it != m_variants.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setChecked(it.key() == current);
        it.value()->setEnabled(plainModel || it.key() == current);
    }
    const bool autoRouter = model == ModelVariant::autoRouter();
    m_allowed->setVisible(autoRouter);
    if (QWidget *label =
            qobject_cast<QFormLayout *>(m_variantRow->layout())->labelForField(m_allowed))
        label->setVisible(autoRouter);
}

} // namespace detour
