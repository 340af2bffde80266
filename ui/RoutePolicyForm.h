// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/RoutePlan.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace detour {

class HedgeKnob;
class StepHistory;

// The route editor's policy page: retries, backoff, cool-down, timeouts, the sort across
// steps and which outcomes fall through to the next step. It shows a RoutePolicy (load)
// and writes its fields back into one (store); `edited` says the person changed a field.
// Fields the form does not show (the backoff base, the cool-down cap...) are left alone.
class RoutePolicyForm final : public QWidget {
    Q_OBJECT

public:
    explicit RoutePolicyForm(QWidget *parent = nullptr);

    void load(const RoutePolicy &policy); // emits no `edited`
    // The same, with the steps the hedge knob's "auto" speaks of.
    void load(const RoutePlan &plan);
    void setStepHistory(const StepHistory *history); // for the hedge knob's "auto"; may be null
    HedgeKnob *hedgeKnob() const { return m_hedge; }
    void store(RoutePolicy &policy) const;

Q_SIGNALS:
    void edited();

private:
    void emitEdited();

    QSpinBox *m_retries;
    QCheckBox *m_retryEveryStep;
    QSpinBox *m_backoffCap;
    QSpinBox *m_cooldown;
    QSpinBox *m_firstToken;
    QSpinBox *m_idle;
    QSpinBox *m_connect;
    QSpinBox *m_total;
    QComboBox *m_stepSort; // the client-side sort across steps
    HedgeKnob *m_hedge; // hedge_after_ms
    QList<QCheckBox *> m_fallThrough; // one per outcome that may move on to the next step
    bool m_loading = false;
};

} // namespace detour
