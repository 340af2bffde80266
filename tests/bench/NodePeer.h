// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <optional>

namespace detour {

// A benchmark peer: one of tests/bench/peers/*.mjs run by Node.js with the
// connection guard preloaded (guard.mjs: 127.0.0.1 only). `make bench` copies
// the scripts beside the node_modules it installs and names that folder in
// DETOUR_BENCH_PEERS. The peer prints its result as one JSON line; what it
// writes to stderr reaches the benchmark's own stderr.
class NodePeer final {
public:
    // Why no peer can run here ("" when they can).
    static QString unavailableReason();

    // Starts `script` (e.g. "failover.mjs") at once.
    NodePeer(const QString &script, const QStringList &arguments);
    ~NodePeer(); // ends a peer still running

    NodePeer(const NodePeer &) = delete;
    NodePeer &operator=(const NodePeer &) = delete;

    // Waits until the peer says it is started and warm ({"ready": true}), so
    // that what runs next does not share the CPU with its start-up; false if it
    // ended or did not say so in time.
    bool waitUntilReady(int timeoutMs);
    // Waits for the peer to finish; its JSON line, or nullopt and errorString().
    std::optional<nlohmann::json> result(int timeoutMs);
    QString errorString() const { return m_error; }

private:
    QProcess m_process;
    QByteArray m_output; // stdout read so far
    QString m_error;
};

} // namespace detour
