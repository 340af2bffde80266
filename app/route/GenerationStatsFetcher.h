// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "protocol/GenerationStats.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace detour {

// Fetches OpenRouter's `GET /generation?id=...` after a turn. The record can
// lag behind the stream by a second or more, so a 404 is retried with backoff.
class GenerationStatsFetcher final : public QObject {
    Q_OBJECT

public:
    GenerationStatsFetcher(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~GenerationStatsFetcher() override;

    // From `endpoint`'s /generation, trusting its ca_file as chat requests do; the
    // caller picks the manager with the endpoint's proxy (NetworkAccess::forEndpoint).
    void fetch(const Endpoint &endpoint, const QString &key, const QString &generationId);
    static QList<int> retryDelaysMs() { return { 250, 500, 1000, 2000, 4000 }; }

Q_SIGNALS:
    void received(const detour::GenerationStats &stats);
    void failed(const QString &reason);

private:
    void sendRequest();
    void onFinished();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QUrl m_url;
    QByteArray m_authorization;
    QList<QSslCertificate> m_authorities;
    int m_tries = 0;
};

} // namespace detour
