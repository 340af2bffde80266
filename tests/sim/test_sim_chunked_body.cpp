// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "sim/SimChunkedBody.h"

#include <QTest>

using namespace detour;
using State = SimChunkedBody::State;

class TestSimChunkedBody final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decode_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<State>("state");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qsizetype>("consumed");

        QTest::addRow("one chunk") << QByteArray("5\r\nhello\r\n0\r\n\r\n") << State::Complete
                                   << QByteArray("hello") << qsizetype(15);
        QTest::addRow("two chunks, upper-case hex")
            << QByteArray("3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n") << State::Complete
            << QByteArray("abc0123456789") << qsizetype(28);
        QTest::addRow("extension and trailer")
            << QByteArray("2;x=y\r\nhi\r\n0\r\nX-Sum: 1\r\n\r\nnext") << State::Complete
            << QByteArray("hi") << qsizetype(26);
        QTest::addRow("empty body")
            << QByteArray("0\r\n\r\n") << State::Complete << QByteArray() << qsizetype(5);
        QTest::addRow("size line still arriving")
            << QByteArray("5") << State::Incomplete << QByteArray() << qsizetype(0);
        QTest::addRow("chunk still arriving")
            << QByteArray("5\r\nhel") << State::Incomplete << QByteArray() << qsizetype(0);
        QTest::addRow("last chunk without its empty line")
            << QByteArray("2\r\nhi\r\n0\r\n") << State::Incomplete << QByteArray() << qsizetype(0);
        QTest::addRow("size is not hex")
            << QByteArray("zz\r\nhi\r\n") << State::Malformed << QByteArray() << qsizetype(0);
        QTest::addRow("chunk longer than its size")
            << QByteArray("2\r\nhello\r\n") << State::Malformed << QByteArray() << qsizetype(0);
        QTest::addRow("endless size line")
            << QByteArray(2000, '1') << State::Malformed << QByteArray() << qsizetype(0);
        QTest::addRow("over the limit")
            << QByteArray("FFFFFF\r\n") << State::TooLarge << QByteArray() << qsizetype(0);
    }

    void decode()
    {
        QFETCH(QByteArray, data);
        QFETCH(State, state);
        QFETCH(QByteArray, body);
        QFETCH(qsizetype, consumed);
        const SimChunkedBody::Decoded decoded = SimChunkedBody::decode(data, 1024);
        QCOMPARE(decoded.state, state);
        if (state == State::Complete) {
            QCOMPARE(decoded.body, body);
            QCOMPARE(decoded.consumed, consumed);
        }
    }
};

QTEST_GUILESS_MAIN(TestSimChunkedBody)
#include "test_sim_chunked_body.moc"
