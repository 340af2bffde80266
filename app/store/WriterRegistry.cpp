// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "WriterRegistry.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUuid>

#ifdef Q_OS_UNIX
#    include <cerrno>
#    include <fcntl.h>
#    include <sys/file.h>
#    include <unistd.h>
#else
#    include <QLockFile>
#endif

namespace detour {

using namespace Qt::StringLiterals;

namespace {

bool isWriterId(const QString &id)
{
    static const QRegularExpression pattern(u"^[0-9a-f-]{1,64}$"_s);
    return pattern.match(id).hasMatch();
}

} // namespace

#ifdef Q_OS_UNIX

struct WriterRegistry::Lock {
    int fd = -1;
    ~Lock()
    {
        if (fd >= 0)
            ::close(fd); // releases the flock
    }
};

namespace {

// An exclusive flock on `path`, or -1 (errno EWOULDBLOCK when someone holds it).
int lockFile(const QString &path, bool create)
{
    const QByteArray native = QFile::encodeName(path);
    // O_CLOEXEC: a child process must not keep our lock alive after we are gone.
    const int fd = ::open(native.constData(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
    if (fd < 0)
        return -1;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

} // namespace

WriterRegistry::WriterRegistry(const QString &databasePath)
    : m_directory(databasePath + u".writers"_s)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_lock(std::make_unique<Lock>())
{
    if (QDir().mkpath(m_directory))
        m_lock->fd = lockFile(fileFor(m_id), true);
}

WriterRegistry::~WriterRegistry()
{
    if (m_lock->fd >= 0)
        QFile::remove(fileFor(m_id));
}

bool WriterRegistry::isRegistered() const
{
    return m_lock->fd >= 0;
}

bool WriterRegistry::isAlive(const QString &writerId) const
{
    if (writerId == m_id)
        return true;
    if (!isWriterId(writerId))
        return false;
    const QString path = fileFor(writerId);
    const int fd = lockFile(path, false);
    if (fd < 0)
        return errno == EWOULDBLOCK || errno == EAGAIN; // held: alive; no file: gone
    QFile::remove(path);
    ::close(fd);
    return false;
}

#else // QLockFile: the holder's process id decides

struct WriterRegistry::Lock {
    std::unique_ptr<QLockFile> file;
};

WriterRegistry::WriterRegistry(const QString &databasePath)
    : m_directory(databasePath + u".writers"_s)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_lock(std::make_unique<Lock>())
{
    if (QDir().mkpath(m_directory)) {
        m_lock->file = std::make_unique<QLockFile>(fileFor(m_id));
        m_lock->file->setStaleLockTime(0);
        if (!m_lock->file->tryLock(0))
            m_lock->file.reset();
    }
}

WriterRegistry::~WriterRegistry() = default;

bool WriterRegistry::isRegistered() const
{
    return m_lock->file != nullptr;
}

bool WriterRegistry::isAlive(const QString &writerId) const
{
    if (writerId == m_id)
        return true;
    if (!isWriterId(writerId) || !QFile::exists(fileFor(writerId)))
        return false;
    QLockFile other(fileFor(writerId));
    other.setStaleLockTime(0);
    if (!other.tryLock(0))
        return true;
    other.unlock(); // removes the file
    return false;
}

#endif

QString WriterRegistry::fileFor(const QString &writerId) const
{
    return m_directory + u'/' + writerId;
}

} // namespace detour
