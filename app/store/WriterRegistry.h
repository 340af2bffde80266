// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <memory>

namespace detour {

// Tells live writers from dead ones across processes, so that start-up
// recovery only touches replies whose process is gone.
//
// Each registry takes a unique id and holds an exclusive lock on the file
// `<database>.writers/<id>` for its lifetime (flock: the kernel drops it when
// the process ends, however it ends, SIGKILL included). A message being
// streamed records its writer's id; a writer is alive exactly while its file is
// locked.
class WriterRegistry final {
public:
    explicit WriterRegistry(const QString &databasePath);
    ~WriterRegistry();
    WriterRegistry(const WriterRegistry &) = delete;
    WriterRegistry &operator=(const WriterRegistry &) = delete;

    QString id() const { return m_id; }
    bool
    isRegistered() const; // false when the lock could not be taken (then others see us as gone)

    // False when the writer's process is gone; its lock file is then removed.
    bool isAlive(const QString &writerId) const;

private:
    QString fileFor(const QString &writerId) const;

    QString m_directory;
    QString m_id;
    struct Lock;
    std::unique_ptr<Lock> m_lock;
};

} // namespace detour
