// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ProxyRelay.h"

#include <QUrl>

// A minimal HTTP proxy: CONNECT host:port tunnels (https), and plain http requests in
// absolute form ("POST http://host:port/path HTTP/1.1"), which it passes on in origin
// form. Credentials are checked from Proxy-Authorization: Basic; a client without
// them, or with wrong ones, gets 407 and the connection closes.
class HttpConnectProxy final : public ProxyRelay {
protected:
    void accepted(QTcpSocket *client) override
    {
        connect(client, &QTcpSocket::readyRead, this, [this, client] { readHead(client); });
    }

private:
    void readHead(QTcpSocket *client)
    {
        QByteArray head = client->property("head").toByteArray() + client->readAll();
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            client->setProperty("head", head);
            return;
        }
        const QByteArray rest = head.mid(end + 4);
        QList<QByteArray> lines = head.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.takeFirst().trimmed().split(' ');
        if (requestLine.size() != 3) {
            client->abort();
            return;
        }
        QByteArray authorization;
        QByteArray kept; // the headers passed on (plain requests)
        for (const QByteArray &line : std::as_const(lines)) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.toLower().startsWith("proxy-authorization:"))
                authorization = trimmed.mid(trimmed.indexOf(':') + 1).trimmed();
            else if (!trimmed.toLower().startsWith("proxy-connection:")
                && !trimmed.toLower().startsWith("connection:"))
                kept += trimmed + "\r\n";
        }
        if (credentialsRequired() && !authorized(authorization)) {
            countRefusal();
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                          "Proxy-Authenticate: Basic realm=\"detour-test\"\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        if (requestLine.at(0) == "CONNECT") {
            const QUrl target(QStringLiteral("//") + QString::fromLatin1(requestLine.at(1)));
            relay(client, target.host(), quint16(target.port()), rest,
                [client] { client->write("HTTP/1.1 200 Connection established\r\n\r\n"); });
            return;
        }
        // A plain request: origin form for the server. Its later requests on this
        // connection would still be in absolute form; one is all the tests send.
        const QUrl target(QString::fromLatin1(requestLine.at(1)));
        const QByteArray origin = target.path(QUrl::FullyEncoded).toLatin1()
            + (target.hasQuery() ? QByteArray("?" + target.query(QUrl::FullyEncoded).toLatin1())
                                 : QByteArray());
        const QByteArray forwarded = requestLine.at(0) + ' ' + origin + ' ' + requestLine.at(2)
            + "\r\n" + kept + "Connection: close\r\n\r\n" + rest;
        relay(client, target.host(), quint16(target.port(80)), forwarded, [] {});
    }

    bool authorized(const QByteArray &authorization) const
    {
        if (!authorization.startsWith("Basic "))
            return false;
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6));
        const qsizetype colon = pair.indexOf(':');
        return colon >= 0
            && credentialsMatch(
                QString::fromUtf8(pair.left(colon)), QString::fromUtf8(pair.mid(colon + 1)));
    }
};
