// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RoutePolicyForm.h"

#include "HedgeKnob.h"
#include "NarrowForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

RoutePolicyForm::RoutePolicyForm(QWidget *parent)
    : QWidget(parent)
    , m_retries(new QSpinBox(this))
    , m_retryEveryStep(new QCheckBox(this))
    , m_backoffCap(new QSpinBox(this))
    , m_cooldown(new QSpinBox(this))
    , m_firstToken(new QSpinBox(this))
    , m_idle(new QSpinBox(this))
    , m_connect(new QSpinBox(this))
    , m_total(new QSpinBox(this))
    , m_stepSort(new QComboBox(this))
    , m_hedge(new HedgeKnob(this))
{
    setObjectName(u"policyPage"_s);
    narrowCombo(m_stepSort);
    m_retries->setRange(0, 10);
    m_retries->setObjectName(u"policyRetries"_s);
    m_retryEveryStep->setObjectName(u"policyRetryEveryStep"_s);
    const auto seconds = [](QSpinBox *box, int maximum) {
        box->setRange(0, maximum);
        box->setSuffix(tr(" s"));
    };
    seconds(m_backoffCap, 600);
    seconds(m_cooldown, 3600);
    seconds(m_firstToken, 600);
    seconds(m_idle, 600);
    seconds(m_connect, 600);
    seconds(m_total, 3600);
    QFormLayout *policyForm = narrowForm(this);
    addRow(policyForm, tr("Retries of the last step:"), m_retries);
    policyForm->addRow(
        wrappingCheckBox(m_retryEveryStep, tr("Retry every step before falling through"), this));
    addRow(policyForm, tr("Longest wait between retries:"), m_backoffCap);
    addRow(policyForm, tr("Cool down after a rate limit:"), m_cooldown);
    addRow(policyForm, tr("First-token timeout:"), m_firstToken);
    addRow(policyForm, tr("Idle timeout between chunks:"), m_idle);
    addRow(policyForm, tr("Connect timeout (until headers):"), m_connect);
    addRow(policyForm, tr("Whole turn at most:"), m_total);
    m_stepSort->addItem(tr("None (the order as arranged)"), int(RouteSort::None));
    m_stepSort->addItem(tr("Throughput (most tokens/s first)"), int(RouteSort::Throughput));
    m_stepSort->addItem(tr("Latency (quickest first token first)"), int(RouteSort::Latency));
    m_stepSort->addItem(tr("Success rate (most often served first)"), int(RouteSort::SuccessRate));
    m_stepSort->setObjectName(u"policySort"_s);
    m_stepSort->setAccessibleName(tr("Sort steps by"));
    m_stepSort->setToolTip(
        tr("Before each turn, reorder the enabled steps by what Detour recorded over the last 7 "
           "days (see View ▸ Provider health). This is what OpenRouter's server-side "
           "provider.sort does among the providers of one model, done here on your side across "
           "endpoints and models. Steps without history keep their order after the others; "
           "cooling steps are still skipped. Not part of exported code."));
    addRow(policyForm, tr("Sort steps by:"), m_stepSort);
    addRow(policyForm, tr("Hedge requests:"), m_hedge);
    connect(m_hedge, &HedgeKnob::edited, this, &RoutePolicyForm::emitEdited);
    // Which failures move on to the next step; the others end the turn. One column, so that
    // each outcome's words have the panel's width.
    auto *fallThroughBox = new QWidget(this);
    fallThroughBox->setObjectName(u"policyFallThrough"_s);
    auto *fallThroughLayout = new QVBoxLayout(fallThroughBox);
    fallThroughLayout->setContentsMargins(0, 0, 0, 0);
    for (Outcome outcome :
        { Outcome::RateLimitedUpstream, Outcome::RateLimitedKey, Outcome::Timeout,
            Outcome::ServerError, Outcome::Unavailable, Outcome::Network, Outcome::NotFound,
            Outcome::ContextLength, Outcome::Moderation, Outcome::BadRequest }) {
        auto *box = new QCheckBox(outcomeLabel(outcome), fallThroughBox);
        box->setObjectName(u"fallThrough_"_s + outcomeName(outcome));
        box->setProperty("outcome", int(outcome));
        box->setToolTip(tr("In route files: %1").arg(outcomeName(outcome)));
        connect(box, &QCheckBox::toggled, this, &RoutePolicyForm::emitEdited);
        fallThroughLayout->addWidget(box);
        m_fallThrough.append(box);
    }
    // Rows of their own, so that the heading wraps across the panel's width.
    auto *fallThroughLabel = new QLabel(tr("Fall through on:"), this);
    fallThroughLabel->setObjectName(u"policyFallThroughLabel"_s);
    fallThroughLabel->setWordWrap(true);
    fallThroughBox->setAccessibleName(fallThroughLabel->text());
    policyForm->addRow(fallThroughLabel);
    policyForm->addRow(fallThroughBox);

    for (QSpinBox *box :
        { m_retries, m_backoffCap, m_cooldown, m_firstToken, m_idle, m_connect, m_total })
        connect(box, &QSpinBox::editingFinished, this, &RoutePolicyForm::emitEdited);
    connect(m_retryEveryStep, &QCheckBox::toggled, this, &RoutePolicyForm::emitEdited);
    connect(m_stepSort, &QComboBox::activated, this, &RoutePolicyForm::emitEdited);
}

void RoutePolicyForm::emitEdited()
{
    if (!m_loading)
        Q_EMIT edited();
}

void RoutePolicyForm::load(const RoutePlan &plan)
{
    load(plan.policy);
    m_hedge->load(plan);
}

void RoutePolicyForm::setStepHistory(const StepHistory *history)
{
    m_hedge->setStepHistory(history);
}

void RoutePolicyForm::load(const RoutePolicy &policy)
{
    m_loading = true;
    m_retries->setValue(policy.maxRetries);
    m_retryEveryStep->setChecked(policy.retryEveryStep);
    m_backoffCap->setValue(int(policy.backoffCap.count() / 1000));
    m_cooldown->setValue(int(policy.cooldownDefault.count() / 1000));
    m_firstToken->setValue(int(policy.firstTokenTimeout.count() / 1000));
    m_idle->setValue(int(policy.idleTimeout.count() / 1000));
    m_connect->setValue(int(policy.connectTimeout.count() / 1000));
    m_total->setValue(int(policy.totalTimeout.count() / 1000));
    m_stepSort->setCurrentIndex(m_stepSort->findData(int(policy.sort)));
    RoutePlan plan;
    plan.policy = policy;
    m_hedge->load(plan);
    for (QCheckBox *box : std::as_const(m_fallThrough))
        box->setChecked(policy.fallThrough.contains(Outcome(box->property("outcome").toInt())));
    m_loading = false;
}

void RoutePolicyForm::store(RoutePolicy &policy) const
{
    policy.maxRetries = m_retries->value();
    policy.retryEveryStep = m_retryEveryStep->isChecked();
    policy.backoffCap = std::chrono::seconds(m_backoffCap->value());
    policy.cooldownDefault = std::chrono::seconds(m_cooldown->value());
    policy.firstTokenTimeout = std::chrono::seconds(m_firstToken->value());
    policy.idleTimeout = std::chrono::seconds(m_idle->value());
    policy.connectTimeout = std::chrono::seconds(m_connect->value());
    policy.totalTimeout = std::chrono::seconds(m_total->value());
    policy.sort = RouteSort(m_stepSort->currentData().toInt());
    m_hedge->store(policy);
    policy.fallThrough.clear();
    for (QCheckBox *box : std::as_const(m_fallThrough)) {
        if (box->isChecked())
            policy.fallThrough.append(Outcome(box->property("outcome").toInt()));
    }
}

} // namespace detour
