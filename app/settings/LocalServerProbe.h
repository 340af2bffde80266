// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Endpoint.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace detour {

// Finds out which local servers are running: for each endpoint, `GET
// {base}/models` (no key, no proxy, no redirects) with a short timeout. A
// server answers when it replies 200 with a JSON object whose `data` is an
// array (the OpenAI model list); its model ids are kept.
class LocalServerProbe final : public QObject {
    Q_OBJECT

public:
    struct Result {
        Endpoint endpoint;
        bool answering = false;
        QStringList models;
        QString message; // one sentence: what was found
    };

    explicit LocalServerProbe(QObject *parent = nullptr);
    ~LocalServerProbe() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // The presets (LocalServerPresets); a probe already running is cancelled first.
    void start();
    void start(const QList<Endpoint> &endpoints);
    // Stops at once; no more signals.
    void cancel();
    bool isRunning() const { return m_pending > 0; }
    // In the order the endpoints were given; complete after `finished`.
    const QList<Result> &results() const { return m_results; }

Q_SIGNALS:
    void probed(const detour::LocalServerProbe::Result &result);
    void finished(const QList<detour::LocalServerProbe::Result> &results);

private:
    void probe(qsizetype index);
    void settle(qsizetype index, QNetworkReply *reply, bool timedOut);

    QNetworkAccessManager *m_network;
    std::chrono::milliseconds m_timeout { 1500 };
    QList<Result> m_results;
    QList<QNetworkReply *> m_replies;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace detour
