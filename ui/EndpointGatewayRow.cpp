// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointGatewayRow.h"

#include "EndpointParamsDialog.h"
#include "route/GatewayPreset.h"
#include "route/RouteStepsModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

EndpointGatewayRow::EndpointGatewayRow(
    RouteStepsModel *steps, EndpointSecrets *secrets, QWidget *parent)
    : QWidget(parent)
    , m_steps(steps)
    , m_secrets(secrets)
    , m_params(new QPushButton(tr("&Headers and query…"), this))
    , m_add(new QToolButton(this))
    , m_hint(new QLabel(this))
{
    m_hint->setObjectName(u"gatewayHint"_s);
    m_hint->setWordWrap(true);
    m_hint->hide();
    m_params->setObjectName(u"endpointParams"_s);
    m_params->setToolTip(tr("Headers and query parameters sent with every request to this "
                            "endpoint (a gateway's own)"));
    m_add->setObjectName(u"addGateway"_s);
    m_add->setText(tr("Add &gateway"));
    m_add->setAccessibleName(tr("Add a gateway endpoint"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_add);
    for (const GatewayPreset &preset : GatewayPreset::all()) {
        QAction *action = menu->addAction(preset.name);
        action->setObjectName(u"gatewayPreset_%1"_s.arg(preset.id));
        action->setToolTip(preset.hint);
        connect(action, &QAction::triggered, this, [this, id = preset.id] { addGateway(id); });
    }
    menu->setToolTipsVisible(true);
    m_add->setMenu(menu);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_params);
    buttons->addWidget(m_add);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    connect(m_params, &QPushButton::clicked, this, &EndpointGatewayRow::editParams);
}

void EndpointGatewayRow::setEndpointId(const QString &id)
{
    m_endpointId = id;
    m_params->setEnabled(m_steps->plan().endpoint(id) != nullptr);
}

void EndpointGatewayRow::editParams()
{
    const Endpoint *endpoint = m_steps->plan().endpoint(m_endpointId);
    if (!endpoint)
        return;
    auto *dialog = new EndpointParamsDialog(*endpoint, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Endpoint edited = dialog->endpoint();
        m_steps->setEndpointParams(edited.id, edited.headers, edited.query);
    });
    dialog->open();
}

void EndpointGatewayRow::addGateway(const QString &presetId)
{
    const auto preset = GatewayPreset::find(presetId);
    if (!preset)
        return;
    const QString id = m_steps->addEndpoint(preset->endpoint);
    m_hint->setText(preset->hint);
    m_hint->show();
    Q_EMIT gatewayAdded(id, preset->hint);
}

} // namespace detour
