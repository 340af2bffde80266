// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

class QSettings;

namespace detour {

// The INI file under Settings (QSettings::IniFormat), taken with care.
//
// QSettings reads almost anything as INI without complaint; before trusting
// a file this looks for lines that are not INI or bytes that are not text. An
// unreadable or malformed file gives status() and a one-sentence
// statusMessage(), and values() stays empty so defaults are used; before
// anything is saved the old file is kept as `<name>.bad-<yyyyMMdd-HHmmss>`
// next to it. A write that fails (read-only folder, full disk) sets NotSaved.
class SettingsFile final : public QObject {
    Q_OBJECT

public:
    enum class Status {
        Ok,
        Unreadable, // the file exists but cannot be read: defaults in use
        Malformed, // the file is not an INI file Detour can trust: defaults in use
        NotSaved, // changes could not be written: they last until Detour quits
    };
    Q_ENUM(Status)

    explicit SettingsFile(const QString &filePath, QObject *parent = nullptr);
    ~SettingsFile() override;

    QString filePath() const { return m_filePath; }
    Status status() const { return m_status; }
    QString statusMessage() const { return m_statusMessage; }
    // Where the unusable file was kept; empty until it was.
    QString backupFilePath() const { return m_backupPath; }

    // The file to read from, or null when it could not be trusted.
    QSettings *values() const { return m_store.get(); }
    // Runs `write` on the file (keeping an unusable old file first) and syncs it.
    void save(const std::function<void(QSettings &)> &write);

Q_SIGNALS:
    void statusChanged(detour::SettingsFile::Status status);

private:
    void open();
    QSettings *writableStore();
    void setStatus(Status status, const QString &message);

    QString m_filePath;
    std::unique_ptr<QSettings> m_store; // null while the file on disk must not be touched
    Status m_status = Status::Ok;
    QString m_statusMessage;
    QString m_backupPath;
    bool m_mustKeepOldFile = false;
};

} // namespace detour
