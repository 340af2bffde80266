// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace detour {

class EndpointSecrets;
class RouteStepsModel;

// The route editor's row for the selected step's endpoint as a gateway:
// "Headers and query…" (EndpointParamsDialog) and "Add gateway", whose menu adds an
// endpoint from one of GatewayPreset::all() (Portkey, Helicone, Cloudflare AI
// Gateway, Azure OpenAI, LiteLLM proxy) to the route and puts the step on it.
class EndpointGatewayRow final : public QWidget {
    Q_OBJECT

public:
    // `secrets` may be null (no keyring to save secrets in).
    EndpointGatewayRow(RouteStepsModel *steps, EndpointSecrets *secrets, QWidget *parent = nullptr);

    // The endpoint the dialog edits (the selected step's).
    void setEndpointId(const QString &id);
    void editParams();
    // Adds the preset's endpoint (its id made unique) and emits gatewayAdded.
    void addGateway(const QString &presetId);

Q_SIGNALS:
    void gatewayAdded(const QString &endpointId, const QString &hint);

private:
    RouteStepsModel *m_steps;
    EndpointSecrets *m_secrets;
    QString m_endpointId;
    QPushButton *m_params;
    QToolButton *m_add;
    QLabel *m_hint; // what to fill in for the gateway just added
};

} // namespace detour
