// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimThread.h"

#include "sim/SimServer.h"

namespace detour {

using namespace Qt::StringLiterals;

SimThread::SimThread(const QByteArray &scenario)
{
    m_thread.start();
    m_anchor.moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        &m_anchor,
        [this, scenario] {
            m_server = new SimServer;
            if (const Result<> set = m_server->setScenario(scenario); !set) {
                m_error = set.error();
                return;
            }
            if (m_server->listen())
                m_baseUrl = m_server->baseUrl();
            else
                m_error = u"the simulator could not listen on 127.0.0.1"_s;
        },
        Qt::BlockingQueuedConnection);
}

SimStats SimThread::stats()
{
    SimStats snapshot;
    QMetaObject::invokeMethod(
        &m_anchor, [this, &snapshot] { snapshot = m_server->stats(); },
        Qt::BlockingQueuedConnection);
    return snapshot;
}

SimThread::~SimThread()
{
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(
        &m_anchor,
        [this, owner] {
            delete m_server;
            m_anchor.moveToThread(owner); // only its own thread may hand it back
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace detour
