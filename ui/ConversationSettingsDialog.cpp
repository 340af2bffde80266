// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationSettingsDialog.h"

#include "SavedPromptsRow.h"
#include "chat/ParameterSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// Fractions are shown with two decimals; one step below zero means "not set".
constexpr double fractionUnset = -0.01;
constexpr int countUnset = 0; // max_tokens and the reasoning budget are at least 1
constexpr int seedUnset = std::numeric_limits<int>::min();

template<typename Box, typename T> std::optional<T> valueOf(const Box *box, T unset)
{
    return box->value() == unset ? std::nullopt : std::optional<T>(T(box->value()));
}

} // namespace

ConversationSettingsDialog::ConversationSettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_systemPrompt(new QPlainTextEdit(this))
    , m_temperature(makeFraction("temperature", 2.0))
    , m_topP(makeFraction("topP", 1.0))
    , m_maxTokens(makeCount("maxTokens", countUnset, 10'000'000))
    , m_seed(makeCount("seed", seedUnset, std::numeric_limits<int>::max()))
    , m_effort(new QComboBox(this))
    , m_reasoningBudget(makeCount("reasoningMaxTokens", countUnset, 10'000'000))
    , m_excludeReasoning(new QCheckBox(tr("Leave the thinking out of the reply"), this))
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(u"conversationSettingsDialog"_s);
    setWindowTitle(tr("Conversation settings"));

    m_systemPrompt->setObjectName(u"systemPrompt"_s);
    m_systemPrompt->setAccessibleName(tr("System prompt"));
    m_systemPrompt->setPlaceholderText(
        tr("Sent first in every request of this conversation, e.g. “Answer briefly, in German.”"));
    m_systemPrompt->setTabChangesFocus(true);

    m_effort->setObjectName(u"reasoningEffort"_s);
    m_effort->addItem(tr("not set"), QString());
    m_effort->addItem(tr("low"), u"low"_s);
    m_effort->addItem(tr("medium"), u"medium"_s);
    m_effort->addItem(tr("high"), u"high"_s);
    m_excludeReasoning->setObjectName(u"excludeReasoning"_s);

    auto *sampling = new QFormLayout;
    sampling->addRow(tr("&Temperature:"), m_temperature);
    sampling->addRow(tr("Top &p:"), m_topP);
    sampling->addRow(tr("&Max tokens:"), m_maxTokens);
    sampling->addRow(tr("S&eed:"), m_seed);

    auto *reasoningBox = new QGroupBox(tr("Reasoning (OpenRouter only)"), this);
    auto *reasoning = new QFormLayout(reasoningBox);
    reasoning->addRow(tr("E&ffort:"), m_effort);
    reasoning->addRow(tr("Token &budget:"), m_reasoningBudget);
    reasoning->addRow(m_excludeReasoning);
    // OpenRouter takes an effort or a budget, not both: the budget is used without an effort.
    connect(m_effort, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_reasoningBudget->setEnabled(index == 0 && m_effort->isEnabled()); });

    auto *hint =
        new QLabel(tr("Anything “not set” is left to the model. Plain OpenAI-compatible endpoints "
                      "get the system prompt, temperature, top p, max tokens and seed only."),
            this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *promptLabel = new QLabel(tr("&System prompt:"), this);
    promptLabel->setBuddy(m_systemPrompt);
    QVBoxLayout *layout = m_layout;
    layout->addWidget(promptLabel);
    layout->addWidget(m_systemPrompt, 1);
    layout->addLayout(sampling);
    layout->addWidget(reasoningBox);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    setSettings({});
}

QDoubleSpinBox *ConversationSettingsDialog::makeFraction(const char *objectName, double maximum)
{
    auto *box = new QDoubleSpinBox(this);
    box->setObjectName(QLatin1StringView(objectName));
    box->setDecimals(2);
    box->setSingleStep(0.1);
    box->setRange(fractionUnset, maximum);
    box->setSpecialValueText(tr("not set"));
    return box;
}

QSpinBox *ConversationSettingsDialog::makeCount(const char *objectName, int minimum, int maximum)
{
    auto *box = new QSpinBox(this);
    box->setObjectName(QLatin1StringView(objectName));
    box->setRange(minimum, maximum);
    box->setSpecialValueText(tr("not set"));
    return box;
}

void ConversationSettingsDialog::setRouteDefaults(const ConversationSettings &defaults)
{
    const auto shown = [](const auto &value) {
        return value ? tr("route default: %1").arg(QLocale().toString(*value)) : tr("not set");
    };
    m_temperature->setSpecialValueText(shown(defaults.sampling.temperature));
    m_topP->setSpecialValueText(shown(defaults.sampling.topP));
    m_maxTokens->setSpecialValueText(shown(defaults.sampling.maxTokens));
    m_seed->setSpecialValueText(shown(defaults.sampling.seed));
    m_reasoningBudget->setSpecialValueText(shown(defaults.reasoning.maxTokens));
    m_effort->setItemText(0,
        defaults.reasoning.effort.isEmpty()
            ? tr("not set")
            : tr("route default: %1")
                  .arg(m_effort->itemText(m_effort->findData(defaults.reasoning.effort))));
    m_excludeReasoning->setText(defaults.reasoning.exclude.value_or(false)
            ? tr("Leave the thinking out of the reply (the route does)")
            : tr("Leave the thinking out of the reply"));
    const QString routePrompt = defaults.systemPrompt.trimmed();
    m_systemPrompt->setPlaceholderText(routePrompt.isEmpty()
            ? tr("Sent first in every request of this conversation, e.g. “Answer briefly, in "
                 "German.”")
            : tr("Route default: %1").arg(routePrompt));
}

void ConversationSettingsDialog::setParameterSupport(const ParameterSupport &support)
{
    const auto offer = [&support](QWidget *field, const QString &parameter) {
        const QString refusal = support.refusal(parameter);
        field->setEnabled(refusal.isEmpty());
        field->setToolTip(refusal);
    };
    offer(m_temperature, u"temperature"_s);
    offer(m_topP, u"top_p"_s);
    offer(m_maxTokens, u"max_tokens"_s);
    offer(m_seed, u"seed"_s);
    offer(m_effort, u"reasoning"_s);
    offer(m_excludeReasoning, u"reasoning"_s);
    offer(m_reasoningBudget, u"reasoning"_s);
    // An effort set still rules the budget out (OpenRouter takes one of them).
    if (m_reasoningBudget->isEnabled())
        m_reasoningBudget->setEnabled(m_effort->currentIndex() == 0);
}

void ConversationSettingsDialog::setPromptLibrary(PromptLibrary *library)
{
    if (m_savedPrompts || !library)
        return;
    m_savedPrompts = new SavedPromptsRow(library, m_systemPrompt, this);
    m_layout->insertWidget(0, m_savedPrompts);
    m_savedPrompts->selectMatching(m_systemPrompt->toPlainText());
}

void ConversationSettingsDialog::setSettings(const ConversationSettings &settings)
{
    m_systemPrompt->setPlainText(settings.systemPrompt);
    m_temperature->setValue(settings.sampling.temperature.value_or(fractionUnset));
    m_topP->setValue(settings.sampling.topP.value_or(fractionUnset));
    m_maxTokens->setValue(settings.sampling.maxTokens.value_or(countUnset));
    m_seed->setValue(settings.sampling.seed.value_or(seedUnset));
    m_effort->setCurrentIndex(std::max(0, m_effort->findData(settings.reasoning.effort)));
    m_reasoningBudget->setValue(settings.reasoning.maxTokens.value_or(countUnset));
    m_reasoningBudget->setEnabled(m_effort->currentIndex() == 0 && m_effort->isEnabled());
    m_excludeReasoning->setChecked(settings.reasoning.exclude.value_or(false));
    if (m_savedPrompts)
        m_savedPrompts->selectMatching(settings.systemPrompt);
}

ConversationSettings ConversationSettingsDialog::settings() const
{
    ConversationSettings settings;
    settings.systemPrompt = m_systemPrompt->toPlainText().trimmed();
    settings.sampling.temperature = valueOf(m_temperature, fractionUnset);
    settings.sampling.topP = valueOf(m_topP, fractionUnset);
    settings.sampling.maxTokens = valueOf(m_maxTokens, countUnset);
    settings.sampling.seed = valueOf(m_seed, seedUnset);
    settings.reasoning.effort = m_effort->currentData().toString();
    if (settings.reasoning.effort.isEmpty())
        settings.reasoning.maxTokens = valueOf(m_reasoningBudget, countUnset);
    // Unchecked is OpenRouter's default (the reasoning is returned): nothing to send.
    if (m_excludeReasoning->isChecked())
        settings.reasoning.exclude = true;
    return settings;
}

} // namespace detour
