// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryImport.h"

#include "ChatGptExport.h"
#include "JanThreads.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

const QString chatGptFile = u"conversations.json"_s;

Result<ImportedHistory> readChatGpt(const QString &file)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return Error(HistoryImport::tr("%1 cannot be read: %2")
                         .arg(QDir::toNativeSeparators(file), input.errorString()));
    return ChatGptExport::read(input.readAll(), QFileInfo(file).absolutePath());
}

} // namespace

Result<ImportedHistory> HistoryImport::read(const QString &path)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists())
        return Error(tr("%1 does not exist.").arg(shown));
    if (info.isDir()) {
        const QDir dir(path);
        if (dir.exists(chatGptFile))
            return readChatGpt(dir.filePath(chatGptFile));
        return JanThreads::readFolder(path);
    }
    if (info.fileName() == "messages.jsonl"_L1 || info.fileName() == "thread.json"_L1)
        return JanThreads::readFolder(info.absolutePath());

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(tr("%1 cannot be read: %2").arg(shown, file.errorString()));
    const QByteArray start = file.peek(4096);
    if (start.startsWith("PK\x03\x04"))
        return Error(tr("%1 is a zip archive: unzip it first, then import the conversations.json "
                        "in it (the pictures beside it come too).")
                         .arg(shown));
    if (info.fileName() == chatGptFile || start.trimmed().startsWith('['))
        return ChatGptExport::read(file.readAll(), info.absolutePath());
    return Error(tr("%1 is not a history Detour can import: choose ChatGPT's conversations.json "
                    "or a Jan thread (its folder or its messages.jsonl).")
                     .arg(shown));
}

} // namespace detour
