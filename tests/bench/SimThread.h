// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "sim/SimStats.h"

#include <QByteArray>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace detour {

class SimServer;

// The in-process simulator on a thread of its own, so that what a benchmark
// measures on the main thread (CPU time, stalls, instructions) is the client's
// work, not the server's.
class SimThread final {
public:
    explicit SimThread(const QByteArray &scenario);
    ~SimThread();

    bool isListening() const { return m_baseUrl.isValid(); }
    QUrl baseUrl() const { return m_baseUrl; }
    QString errorString() const { return m_error; }
    // What the server has counted so far, read on its own thread.
    SimStats stats();

private:
    QThread m_thread;
    QObject m_anchor; // lives in m_thread: runs the server's set-up and tear-down there
    SimServer *m_server = nullptr;
    QUrl m_baseUrl;
    QString m_error;
};

} // namespace detour
