// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPlainTextEdit;
class QSpinBox;
class QVBoxLayout;

namespace detour {

class ParameterSupport;
class PromptLibrary;
class SavedPromptsRow;

// The system prompt and parameters of one conversation. Every number starts
// at "not set" (the spin box's lowest value, shown as words): only what the
// person sets is sent, so the route's defaults (shown in place of "not set":
// "route default: 0.3") or else the model's own apply otherwise. Parameters
// the route's first model does not take are offered disabled, saying so.
class ConversationSettingsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ConversationSettingsDialog(QWidget *parent = nullptr);

    void setSettings(const ConversationSettings &settings);
    ConversationSettings settings() const;
    // What an unset field falls back to: the route's defaults.
    void setRouteDefaults(const ConversationSettings &defaults);
    void setParameterSupport(const ParameterSupport &support);
    // Shows the saved prompts above the system prompt (once; `library` outlives the dialog).
    void setPromptLibrary(PromptLibrary *library);
    SavedPromptsRow *savedPrompts() const { return m_savedPrompts; }

private:
    QDoubleSpinBox *makeFraction(const char *objectName, double maximum);
    QSpinBox *makeCount(const char *objectName, int minimum, int maximum);

    QPlainTextEdit *m_systemPrompt;
    QDoubleSpinBox *m_temperature;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_maxTokens;
    QSpinBox *m_seed;
    QComboBox *m_effort;
    QSpinBox *m_reasoningBudget;
    QCheckBox *m_excludeReasoning;
    QVBoxLayout *m_layout;
    SavedPromptsRow *m_savedPrompts = nullptr;
};

} // namespace detour
