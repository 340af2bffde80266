// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ProxyRelay.h"

#include <QtEndian>

// A minimal SOCKS5 proxy (RFC 1928): CONNECT only, to an IPv4 or IPv6 address or a
// host name (which it is asked for when the client lets the proxy resolve names:
// socks5h). With credentials required it accepts only user/password authentication
// (RFC 1929) and closes after a failed one.
class Socks5Proxy final : public ProxyRelay {
protected:
    void accepted(QTcpSocket *client) override
    {
        connect(client, &QTcpSocket::readyRead, this, [this, client] { read(client); });
    }

private:
    enum Stage { Greeting, Credentials, Request };

    void read(QTcpSocket *client)
    {
        QByteArray data = client->property("data").toByteArray() + client->readAll();
        const auto byte = [&data](qsizetype at) { return quint8(data.at(at)); };
        for (;;) {
            const Stage stage = Stage(client->property("stage").toInt());
            if (stage == Greeting) {
                if (data.size() < 2 || data.size() < 2 + byte(1))
                    break;
                const QByteArray methods = data.mid(2, byte(1));
                data.remove(0, 2 + byte(1));
                const char method = credentialsRequired() ? '\x02' : '\x00';
                if (!methods.contains(method)) {
                    countRefusal();
                    client->write(QByteArray("\x05\xff", 2));
                    client->disconnectFromHost();
                    return;
                }
                client->write(QByteArray("\x05", 1) + method);
                client->setProperty("stage", method == '\x02' ? Credentials : Request);
            } else if (stage == Credentials) {
                if (data.size() < 2 || data.size() < 3 + byte(1)
                    || data.size() < 3 + byte(1) + byte(2 + byte(1)))
                    break;
                const int userLength = byte(1);
                const int passwordLength = byte(2 + userLength);
                const QString user = QString::fromUtf8(data.mid(2, userLength));
                const QString password =
                    QString::fromUtf8(data.mid(3 + userLength, passwordLength));
                data.remove(0, 3 + userLength + passwordLength);
                if (!credentialsMatch(user, password)) {
                    countRefusal();
                    client->write(QByteArray("\x01\x01", 2));
                    client->disconnectFromHost();
                    return;
                }
                client->write(QByteArray("\x01\x00", 2));
                client->setProperty("stage", Request);
            } else {
                if (data.size() < 5)
                    break;
                const int type = byte(3);
                const int addressLength = type == 1 ? 4 : type == 4 ? 16 : 1 + byte(4);
                if (data.size() < 4 + addressLength + 2)
                    break;
                QString host;
                if (type == 3)
                    host = QString::fromUtf8(data.mid(5, byte(4)));
                else if (type == 1)
                    host = QHostAddress(qFromBigEndian<quint32>(data.constData() + 4)).toString();
                else
                    host = QHostAddress(reinterpret_cast<const quint8 *>(data.constData() + 4))
                               .toString();
                const quint16 port = qFromBigEndian<quint16>(data.constData() + 4 + addressLength);
                const QByteArray rest = data.mid(4 + addressLength + 2);
                if (byte(1) != 1) { // only CONNECT
                    client->write(QByteArray("\x05\x07\x00\x01\0\0\0\0\0\0", 10));
                    client->disconnectFromHost();
                    return;
                }
                relay(client, host, port, rest, [client] {
                    client->write(QByteArray("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00", 10));
                });
                return;
            }
        }
        client->setProperty("data", data);
    }
};
