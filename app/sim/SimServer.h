// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimRequest.h"
#include "SimScenario.h"
#include "SimStats.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>

class QTcpServer;

namespace detour {

// The built-in simulated OpenRouter: a real HTTP/1.1 server on 127.0.0.1 that
// speaks OpenRouter's wire format and emulates its server-side routing over
// scripted providers (see SimScenario for the scenario format).
class SimServer final : public QObject {
    Q_OBJECT

public:
    explicit SimServer(QObject *parent = nullptr);
    ~SimServer() override;

    enum class Loopback { IPv4, IPv6 };
    // Listens on 127.0.0.1 only (or ::1 only); port 0 picks a free one.
    bool listen(quint16 port = 0, Loopback loopback = Loopback::IPv4);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>/api/v1, or http://[::1]:<port>/api/v1

    // Replaces the scenario and resets every provider's script position.
    Result<> setScenario(QByteArrayView json);
    // Built-in scenarios compiled into the binary ("demo", ...); empty when unknown.
    static QByteArray builtinScenario(const QString &name);
    static QStringList builtinScenarioNames();
    const SimScenario &scenario() const;

    // Replaces one provider's script at runtime (rehearsal's fault injection);
    // the provider starts again from its first entry. False, and nothing
    // changes, for an unknown provider or an empty script.
    bool setProviderScript(const QString &provider, const QList<SimScenario::Entry> &script);

    const QList<SimRequest> &requests() const;
    void clearRequests();
    // Counts since the server was made (GET /sim/stats serves the same); not
    // reset by clearRequests() or a new scenario.
    const SimStats &stats() const;
    int openConnections() const;

Q_SIGNALS:
    void requestReceived(const detour::SimRequest &request);
    void scenarioChanged();
    void providerScriptChanged(const QString &provider);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace detour
