// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// A gateway Detour knows how to reach: the endpoint to start from (base URL with
// the parts to fill in written in capitals, kind, key, headers, query), checked
// against the vendor's documentation (cited in GatewayPreset.cpp). The route
// editor's "Add gateway" menu shows them; README "Gateways" lists them.
struct GatewayPreset {
    QString id; // "portkey", also the new endpoint's id
    QString name; // "Portkey AI gateway"
    QString shortName; // "Portkey": who relayed an error, in the trace
    Endpoint endpoint;
    QString hint; // what to fill in, one sentence for the person
    QString documentation; // the vendor's page the preset follows

    static QList<GatewayPreset> all();
    static std::optional<GatewayPreset> find(const QString &id);
    // The gateway an endpoint goes through, by its host or the headers only that
    // gateway reads ("Portkey" for any "x-portkey-…" header); empty when unknown.
    static QString recognize(const Endpoint &endpoint);
};

} // namespace detour
