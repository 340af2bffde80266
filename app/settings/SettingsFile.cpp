// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SettingsFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStringDecoder>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr int formatVersion = 1;
const QString kFormat = u"format"_s;

// QSettings reads almost anything as INI without complaint; this is the
// stricter look Detour takes before trusting a file. Returns the 1-based
// number of the first line that is not INI, 0 when the file is fine, -1 when
// it is not text at all.
int firstBadLine(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return -1;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return -1;
    const QStringList lines = text.split(u'\n');
    bool continued = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        const bool wasContinued = continued;
        continued = line.endsWith(u'\\');
        if (wasContinued || line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']'))
                return int(i + 1);
            continue;
        }
        if (line.indexOf(u'=') <= 0)
            return int(i + 1);
    }
    return 0;
}

} // namespace

SettingsFile::SettingsFile(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
{
    open();
}

SettingsFile::~SettingsFile() = default;

void SettingsFile::open()
{
    const QFileInfo info(m_filePath);
    if (info.exists() || info.isSymLink()) {
        QFile file(m_filePath);
        if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
            m_mustKeepOldFile = true;
            setStatus(Status::Unreadable,
                tr("Detour could not read its settings file %1, so it started with default "
                   "settings and will keep the old file as a copy before saving anything.")
                    .arg(QDir::toNativeSeparators(m_filePath)));
            return;
        }
        const int badLine = firstBadLine(file.readAll());
        if (badLine != 0) {
            m_mustKeepOldFile = true;
            const QString path = QDir::toNativeSeparators(m_filePath);
            setStatus(Status::Malformed,
                badLine < 0
                    ? tr("The settings file %1 is not a text file, so Detour started with "
                         "default settings and will keep the old file as a copy before saving "
                         "anything.")
                          .arg(path)
                    : tr("The settings file %1 is damaged (line %2), so Detour started with "
                         "default settings and will keep the old file as a copy before saving "
                         "anything.")
                          .arg(path, QString::number(badLine)));
            return;
        }
    }
    m_store = std::make_unique<QSettings>(m_filePath, QSettings::IniFormat);
    if (m_store->status() != QSettings::NoError) {
        m_store.reset();
        m_mustKeepOldFile = true;
        setStatus(Status::Malformed,
            tr("The settings file %1 is damaged, so Detour started with default settings and "
               "will keep the old file as a copy before saving anything.")
                .arg(QDir::toNativeSeparators(m_filePath)));
        return;
    }
}

QSettings *SettingsFile::writableStore()
{
    if (m_store)
        return m_store.get();
    if (m_mustKeepOldFile) {
        const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        QString backup = m_filePath + u".bad-"_s + stamp;
        for (int n = 1; QFileInfo::exists(backup) || QFileInfo(backup).isSymLink(); ++n)
            backup = m_filePath + u".bad-"_s + stamp + u'-' + QString::number(n);
        // Renaming keeps the old bytes exactly, even those Detour cannot read.
        if (!QDir().rename(m_filePath, backup)) {
            setStatus(Status::NotSaved,
                tr("Detour could not keep a copy of its unusable settings file %1, so it will "
                   "not overwrite it and changes last only until Detour quits.")
                    .arg(QDir::toNativeSeparators(m_filePath)));
            return nullptr;
        }
        m_backupPath = backup;
        m_mustKeepOldFile = false;
        setStatus(m_status,
            tr("The settings file %1 could not be used, so Detour started with default "
               "settings; the old file was kept as %2.")
                .arg(QDir::toNativeSeparators(m_filePath), QDir::toNativeSeparators(backup)));
    }
    m_store = std::make_unique<QSettings>(m_filePath, QSettings::IniFormat);
    return m_store.get();
}

void SettingsFile::save(const std::function<void(QSettings &)> &write)
{
    QSettings *store = writableStore();
    if (!store)
        return;
    store->setValue(kFormat, formatVersion);
    write(*store);
    store->sync();
    if (store->status() != QSettings::NoError)
        setStatus(Status::NotSaved,
            tr("Detour could not save its settings to %1, so changes last only until Detour "
               "quits.")
                .arg(QDir::toNativeSeparators(m_filePath)));
    else if (m_status == Status::NotSaved)
        setStatus(Status::Ok, QString());
}

void SettingsFile::setStatus(Status status, const QString &message)
{
    const bool changed = status != m_status || message != m_statusMessage;
    m_status = status;
    m_statusMessage = message;
    if (changed)
        Q_EMIT statusChanged(status);
}

} // namespace detour
