// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/RoutePlan.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace detour {

class StepHistory;

// The policy's hedge_after_ms in the route editor: off, after N ms, or auto, with
// what "auto" currently means for each step ("auto: 1.8 s for step 1 (from
// history), …", HedgeDelay::autoDescription). Part of RoutePolicyForm.
class HedgeKnob final : public QWidget {
    Q_OBJECT

public:
    explicit HedgeKnob(QWidget *parent = nullptr);

    // Where "auto" reads each step's time to first token; may be null (no history).
    void setStepHistory(const StepHistory *history);
    void load(const RoutePlan &plan); // the policy's knob and the steps "auto" speaks of
    void store(RoutePolicy &policy) const;
    QString autoText() const; // the description shown with "auto"; empty otherwise

Q_SIGNALS:
    void edited();

private:
    enum Mode { Off, After, Auto };
    void refresh(); // the spin box and the "auto" words for the chosen mode

    QComboBox *m_mode;
    QSpinBox *m_after; // ms
    QLabel *m_auto;
    const StepHistory *m_history = nullptr;
    RoutePlan m_plan; // the steps, for the description
    bool m_loading = false;
};

} // namespace detour
