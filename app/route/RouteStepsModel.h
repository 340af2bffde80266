// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"
#include "SimulatorRedirect.h"

#include <QAbstractListModel>
#include <functional>

namespace detour {

// The route editor's list of steps: reorder by drag and drop or by moveStep(),
// add, duplicate, remove, enable/disable. Every change emits planChanged so the
// request preview and the copy-as code follow at once.
class RouteStepsModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        ModelRole = Qt::UserRole + 1,
        EndpointRole,
        ProblemsRole, // QStringList: what is wrong with this step, shown on the step itself
        DestinationRole, // QString: where the step's requests really go ("→ openrouter.ai")
    };

    explicit RouteStepsModel(QObject *parent = nullptr);

    const RoutePlan &plan() const { return m_plan; }
    void setPlan(const RoutePlan &plan);
    // Models the catalog knows, for validation; empty means "unknown, do not flag".
    void setKnownModels(const QStringList &models);
    // What the catalog knows about a step's providers: a sentence when its
    // preferences leave no provider that serves its model (see
    // ProviderEligibility), else empty. The route layer knows no catalog: the
    // window hands this in, and calls providersChanged() when the catalog does.
    using ProviderCheck = std::function<QString(const QString &model, const ProviderPreferences &)>;
    void setProviderCheck(ProviderCheck check);
    void providersChanged();
    // In simulated mode, the simulator's base URL: every step then says whether it
    // goes to the simulator or stays with a server on this computer
    // (SimulatorRedirect). Empty means live.
    void setSimulatorUrl(const QUrl &url);
    const SimulatorRedirect &redirect() const { return m_redirect; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

    bool moveStep(int from, int to);
    void addStep(const RouteStep &step);
    void duplicateStep(int row);
    void removeStep(int row);
    void setStep(int row, const RouteStep &step);
    // The certificate authority file the endpoint trusts beyond the system's
    // ("ca_file"; empty for none). False when the route has no such endpoint.
    bool setEndpointAuthority(const QString &endpointId, const QString &caFile);
    // Whether the endpoint goes round the proxy of Connection settings ("proxy": "direct").
    bool setEndpointDirect(const QString &endpointId, bool direct);
    // An endpoint's "headers" and "query"; false for an unknown endpoint.
    bool setEndpointParams(
        const QString &endpointId, const EndpointParams &headers, const EndpointParams &query);
    // Adds an endpoint (a gateway preset's) under its id, or "id-2", "id-3"… when that
    // is taken; returns the id it got.
    QString addEndpoint(Endpoint endpoint);
    QStringList problems(int row) const;
    // One line saying where the step's requests really go; empty when its endpoint is unknown.
    QString destination(int row) const;

Q_SIGNALS:
    void planChanged(const detour::RoutePlan &plan);

private:
    void changed();

    RoutePlan m_plan;
    QStringList m_knownModels;
    ProviderCheck m_providerCheck;
    SimulatorRedirect m_redirect;
};

} // namespace detour
