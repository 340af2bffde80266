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

namespace detour {

// The system prompt and parameters of one conversation. Every number starts
// at "not set" (the spin box's lowest value, shown as words): only what the
// person sets is sent, so the model's own defaults apply otherwise.
class ConversationSettingsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ConversationSettingsDialog(QWidget *parent = nullptr);

    void setSettings(const ConversationSettings &settings);
    ConversationSettings settings() const;

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
};

} // namespace detour
