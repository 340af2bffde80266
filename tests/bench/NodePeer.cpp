// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "NodePeer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QString peersFolder()
{
    return qEnvironmentVariable("DETOUR_BENCH_PEERS");
}

QString nodeProgram()
{
    return QStandardPaths::findExecutable(u"node"_s);
}

} // namespace

QString NodePeer::unavailableReason()
{
    const QString folder = peersFolder();
    if (folder.isEmpty())
        return u"DETOUR_BENCH_PEERS is not set: run the benchmarks with `make bench`, which "
               "installs the peers"_s;
    if (!QFileInfo::exists(QDir(folder).filePath(u"guard.mjs"_s))
        || !QFileInfo(QDir(folder).filePath(u"../node_modules"_s)).isDir())
        return u"no peers installed in %1: run `make bench`"_s.arg(folder);
    if (nodeProgram().isEmpty())
        return u"Node.js is not installed (`make bench` installs it)"_s;
    return {};
}

NodePeer::NodePeer(const QString &script, const QStringList &arguments)
{
    const QDir folder(peersFolder());
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setWorkingDirectory(folder.path());
    m_process.start(nodeProgram(),
        QStringList { u"--import"_s,
            QUrl::fromLocalFile(folder.filePath(u"guard.mjs"_s)).toString(),
            folder.filePath(script) }
            + arguments);
}

NodePeer::~NodePeer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool NodePeer::waitUntilReady(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!m_output.contains("{\"ready\": true}")) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0 || m_process.state() == QProcess::NotRunning
            || !m_process.waitForReadyRead(int(left)))
            return false;
        m_output += m_process.readAllStandardOutput();
    }
    return true;
}

std::optional<nlohmann::json> NodePeer::result(int timeoutMs)
{
    if (m_process.state() == QProcess::Starting)
        m_process.waitForStarted(timeoutMs);
    if (m_process.error() == QProcess::FailedToStart) {
        m_error = m_process.errorString();
        return std::nullopt;
    }
    m_process.waitForFinished(timeoutMs);
    if (m_process.state() != QProcess::NotRunning) {
        m_error = u"the peer did not finish within %1 s"_s.arg(timeoutMs / 1000);
        return std::nullopt;
    }
    m_output += m_process.readAllStandardOutput();
    const QList<QByteArray> lines = m_output.trimmed().split('\n');
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
        m_error = u"the peer failed (exit code %1)"_s.arg(m_process.exitCode());
        return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(lines.constLast().toStdString(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        m_error = u"the peer printed no result"_s;
        return std::nullopt;
    }
    return parsed;
}

} // namespace detour
