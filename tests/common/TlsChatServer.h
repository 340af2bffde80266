// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>

// A loopback HTTPS server that answers every chat completion request with one
// fixed, non-streamed reply and then closes the connection. It counts the
// connections whose TLS handshake completed, so a test can tell "refused
// before anything was sent" from "served".
class TlsChatServer final : public QObject {
public:
    static constexpr const char *reply = "Hello over TLS";

    TlsChatServer(const QSslCertificate &certificate, const QSslKey &key)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate);
        config.setPrivateKey(key);
        m_server.setSslConfiguration(config);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_secured;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen(const QHostAddress &address = QHostAddress::LocalHost)
    {
        return m_server.listen(address);
    }
    quint16 port() const { return m_server.serverPort(); }
    int secured() const { return m_secured; }
    int served() const { return m_served; }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.first(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        m_buffers.remove(socket);
        ++m_served;
        const QByteArray body = QByteArray("{\"id\":\"gen-tls\",\"model\":\"test/model\","
                                           "\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                           "\"assistant\",\"content\":\"")
            + reply + "\"},\"finish_reason\":\"stop\"}]}";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_secured = 0;
    int m_served = 0;
};
