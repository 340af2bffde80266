// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HedgeKnob.h"

#include "NarrowForm.h"
#include "route/HedgeDelay.h"
#include "route/TurnBadge.h"

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

HedgeKnob::HedgeKnob(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_after(new QSpinBox(this))
    , m_auto(new QLabel(this))
{
    setObjectName(u"policyHedge"_s);
    narrowCombo(m_mode);
    m_mode->setObjectName(u"policyHedgeMode"_s);
    m_mode->addItem(tr("Off"), int(Off));
    m_mode->addItem(tr("After a delay"), int(After));
    m_mode->addItem(tr("Auto (from history)"), int(Auto));
    m_mode->setAccessibleName(tr("Hedge requests"));
    m_mode->setToolTip(
        tr("When a step has sent no text this long after the request, send the next step beside "
           "it; the first to answer keeps the turn and the other request is cancelled. Auto "
           "waits for the step's 90th-percentile time to first token over the last 7 days, or "
           "three times its median when that is sooner (between %1 and %2; %3 without "
           "history). Detour's own: not part of exported code.")
            .arg(TurnBadge::seconds(HedgeDelay::autoFloor.count()),
                TurnBadge::seconds(HedgeDelay::autoCap.count()),
                TurnBadge::seconds(HedgeDelay::autoWithoutHistory.count())));
    m_after->setObjectName(u"policyHedgeAfter"_s);
    m_after->setRange(1, 600'000);
    m_after->setSingleStep(250);
    m_after->setSuffix(tr(" ms"));
    m_after->setAccessibleName(tr("Hedge after"));
    m_auto->setObjectName(u"policyHedgeAuto"_s);
    m_auto->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode);
    layout->addWidget(m_after);
    layout->addWidget(m_auto);
    connect(m_mode, &QComboBox::activated, this, [this] {
        refresh();
        if (!m_loading)
            Q_EMIT edited();
    });
    connect(m_after, &QSpinBox::editingFinished, this, [this] {
        if (!m_loading)
            Q_EMIT edited();
    });
    refresh();
}

void HedgeKnob::setStepHistory(const StepHistory *history)
{
    m_history = history;
    refresh();
}

void HedgeKnob::load(const RoutePlan &plan)
{
    m_loading = true;
    m_plan = plan;
    const RoutePolicy &policy = plan.policy;
    const Mode mode = policy.hedgeAuto ? Auto : policy.hedgeAfter.count() > 0 ? After : Off;
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    if (policy.hedgeAfter.count() > 0)
        m_after->setValue(int(std::min<qint64>(policy.hedgeAfter.count(), m_after->maximum())));
    else if (m_after->value() == m_after->minimum())
        m_after->setValue(int(HedgeDelay::autoWithoutHistory.count()));
    refresh();
    m_loading = false;
}

void HedgeKnob::store(RoutePolicy &policy) const
{
    const auto mode = Mode(m_mode->currentData().toInt());
    policy.hedgeAuto = mode == Auto;
    policy.hedgeAfter = std::chrono::milliseconds(mode == After ? m_after->value() : 0);
}

QString HedgeKnob::autoText() const
{
    return m_auto->isHidden() ? QString() : m_auto->text();
}

void HedgeKnob::refresh()
{
    const auto mode = Mode(m_mode->currentData().toInt());
    m_after->setVisible(mode == After);
    // Only shown in Auto mode: the description reads the steps' history (every attempt of
    // the week), too much to do for a hidden label on each load of a route.
    if (mode == Auto) {
        RoutePlan plan = m_plan;
        store(plan.policy);
        m_auto->setText(HedgeDelay::autoDescription(plan, m_history));
    }
    m_auto->setVisible(mode == Auto);
}

} // namespace detour
