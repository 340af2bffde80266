// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHostAddress>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <functional>

// What the test proxies share: a loopback listener, optional credentials, and the
// relay itself. Every host name a client asks for is taken to be 127.0.0.1 (so an
// endpoint's base URL may name a host no DNS knows, such as detour-sim.test, and
// still reach a loopback server through the proxy); the port is the one asked for.
// Counts the relays it opened and records the host names it was asked for.
class ProxyRelay : public QObject {
public:
    // With a user, clients must give this user and password.
    void requireCredentials(const QString &user, const QString &password)
    {
        m_user = user;
        m_password = password;
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    int relayed() const { return m_relayed; } // connections opened to a destination
    int refused() const { return m_refused; } // clients turned away for their credentials
    QStringList hosts() const { return m_hosts; } // as the clients named them

protected:
    ProxyRelay()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                accepted(client);
            }
        });
    }

    // A client connected: the subclass reads its handshake.
    virtual void accepted(QTcpSocket *client) = 0;

    bool credentialsRequired() const { return !m_user.isEmpty(); }
    bool credentialsMatch(const QString &user, const QString &password) const
    {
        return user == m_user && password == m_password;
    }
    void countRefusal() { ++m_refused; }

    // Connects to 127.0.0.1:`port` for `host`; once there, calls `ready` (which answers
    // the client) and relays both ways. `pending` is sent ahead of what the client sends
    // next. A destination that cannot be reached closes the client.
    void relay(QTcpSocket *client, const QString &host, quint16 port, QByteArray pending,
        const std::function<void()> &ready)
    {
        m_hosts.append(host);
        client->disconnect(this); // the handshake is over: no more readyRead here
        auto *upstream = new QTcpSocket(client);
        connect(upstream, &QTcpSocket::connected, client, [this, client, upstream, pending, ready] {
            ++m_relayed;
            ready();
            upstream->write(pending + client->readAll());
            connect(client, &QTcpSocket::readyRead, upstream,
                [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        });
        connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
            if (upstream->state() != QAbstractSocket::ConnectedState)
                client->disconnectFromHost();
        });
        upstream->connectToHost(QHostAddress::LocalHost, port);
    }

private:
    QTcpServer m_server;
    QString m_user;
    QString m_password;
    int m_relayed = 0;
    int m_refused = 0;
    QStringList m_hosts;
};
