// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace detour {

// A request body sent with `Transfer-Encoding: chunked` (RFC 9112 section 7.1),
// as clients that stream their uploads send it (Node's fetch, the openai SDK with
// a stream body). Decoded whole once its last chunk and trailers have arrived.
class SimChunkedBody final {
public:
    enum class State { Incomplete, Complete, Malformed, TooLarge };

    struct Decoded {
        State state = State::Incomplete;
        QByteArray body; // when Complete
        qsizetype consumed = 0; // bytes of `data` the body took, trailers included
    };

    SimChunkedBody() = delete;

    // Decodes the body at the start of `data`; a body over `maxBytes` is TooLarge.
    static Decoded decode(QByteArrayView data, qint64 maxBytes);
};

} // namespace detour
