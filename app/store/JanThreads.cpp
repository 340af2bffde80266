// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "JanThreads.h"

#include "ImportJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

const QString threadFile = u"thread.json"_s;
const QString messagesFile = u"messages.jsonl"_s;

// The picture of a data: URL, or the reason it is left out.
Result<Attachment> picture(const QString &url, int index)
{
    if (!url.startsWith("data:"_L1))
        return Error(JanThreads::tr("a picture Jan kept only as a link, not its bytes"));
    const qsizetype comma = url.indexOf(u',');
    const QString header = url.mid(5, comma - 5);
    if (comma < 0 || !header.endsWith(";base64"_L1))
        return Error(JanThreads::tr("a picture whose data: URL Detour cannot read"));
    const QString type = header.section(u';', 0, 0);
    const QString extension = type.startsWith("image/"_L1) ? type.mid(6) : u"bin"_s;
    const QByteArray bytes = QByteArray::fromBase64(url.mid(comma + 1).toLatin1());
    Result<Attachment> loaded =
        AttachmentLoader::fromData(u"image-%1.%2"_s.arg(index).arg(extension), bytes);
    if (!loaded)
        return Error(JanThreads::tr("a picture Detour cannot read (%1)").arg(loaded.error()));
    return loaded;
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return Error(JanThreads::tr("%1 cannot be read: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

Result<> JanThreads::readThread(QByteArrayView threadJson, QByteArrayView messagesJsonl,
    const QString &folderName, ImportedHistory &history)
{
    ImportedConversation imported;
    QString id = folderName;
    if (!threadJson.trimmed().isEmpty()) {
        const Result<Json> thread = ImportJson::parse(threadJson, folderName + u'/' + threadFile);
        if (!thread)
            return Error(thread.error());
        if (!thread->is_object())
            return Error(tr("%1/%2 is not a JSON object.").arg(folderName, threadFile));
        if (const QString own = ImportJson::string(*thread, "id"); !own.isEmpty())
            id = own;
        imported.title = ImportJson::string(*thread, "title");
        imported.createdAt = ImportJson::time(*thread, "created");
        if (!imported.createdAt.isValid())
            imported.createdAt = ImportJson::time(*thread, "created_at");
        imported.updatedAt = ImportJson::time(*thread, "updated");
    }
    imported.origin = u"jan:"_s + id;
    const QString name = folderName + u'/' + messagesFile;
    const QString named = imported.title.isEmpty()
        ? tr("thread %1").arg(folderName)
        : tr("thread %1 (\"%2\")").arg(folderName, imported.title);

    int lineNumber = 0;
    QString previous;
    QSet<QString> keys;
    for (QByteArrayView rest = messagesJsonl; !rest.isEmpty();) {
        ++lineNumber;
        const qsizetype end = rest.indexOf('\n');
        const QByteArrayView line = end < 0 ? rest : rest.first(end);
        rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        if (line.trimmed().isEmpty())
            continue;
        const Result<Json> parsed = ImportJson::parse(line, name, lineNumber);
        if (!parsed)
            return Error(parsed.error());
        const QString where = tr("%1, line %2").arg(named).arg(lineNumber);
        if (!parsed->is_object())
            return Error(tr("%1, line %2 is not a JSON object.").arg(name).arg(lineNumber));
        const Json &message = *parsed;
        if (!message.value("role", Json()).is_string())
            return Error(tr("%1, line %2: role must be text.").arg(name).arg(lineNumber));
        const QString role = ImportJson::string(message, "role");
        if (role == "tool"_L1) {
            history.skipped.append({ where,
                tr("a tool's output (Jan's tools and MCP servers; Detour keeps no tool "
                   "messages)") });
            continue;
        }
        if (role != "user"_L1 && role != "assistant"_L1 && role != "system"_L1) {
            history.skipped.append(
                { where, tr("a message from an author Detour does not know (%1)").arg(role) });
            continue;
        }
        if (ImportJson::string(message, "status") == "error"_L1) {
            history.skipped.append({ where, tr("a reply that failed in Jan") });
            continue;
        }

        ImportedMessage kept;
        kept.key = ImportJson::string(message, "id");
        if (kept.key.isEmpty())
            kept.key = u"line-%1"_s.arg(lineNumber);
        kept.role = role;
        kept.createdAt = ImportJson::time(message, "created_at");
        if (!kept.createdAt.isValid())
            kept.createdAt = ImportJson::time(message, "created");
        const Json content = message.value("content", Json());
        QStringList texts;
        if (content.is_string()) {
            texts.append(QString::fromStdString(content.get<std::string>()));
        } else if (content.is_array()) {
            for (const Json &item : content) {
                const QString type = ImportJson::string(item, "type");
                const Json text = item.is_object() ? item.value("text", Json()) : Json();
                if (type == "text"_L1 && text.is_string()) {
                    texts.append(QString::fromStdString(text.get<std::string>()));
                } else if (type == "text"_L1 && text.is_object()) {
                    texts.append(ImportJson::string(text, "value"));
                } else if (type == "image_url"_L1) {
                    const Json image = item.value("image_url", Json());
                    Result<Attachment> loaded =
                        picture(ImportJson::string(image, "url"), int(kept.attachments.size()) + 1);
                    if (loaded)
                        kept.attachments.append(*loaded);
                    else
                        history.skipped.append({ where, loaded.error() });
                } else {
                    history.skipped.append({ where,
                        tr("a part of a kind Detour does not import (%1)")
                            .arg(type.isEmpty() ? tr("unnamed") : type) });
                }
            }
        } else if (!content.is_null()) {
            return Error(
                tr("%1, line %2: content must be a list or text.").arg(name).arg(lineNumber));
        }
        texts.removeAll(QString());
        kept.content = texts.join(u"\n\n"_s);
        if (kept.content.trimmed().isEmpty() && kept.attachments.isEmpty()) {
            history.skipped.append({ where, tr("an empty message") });
            continue;
        }
        if (keys.contains(kept.key))
            return Error(tr("%1, line %2: the id %3 is used twice.")
                             .arg(name)
                             .arg(lineNumber)
                             .arg(kept.key));
        keys.insert(kept.key);
        kept.parentKey = previous;
        previous = kept.key;
        imported.messages.append(kept);
    }
    if (imported.messages.isEmpty()) {
        history.skipped.append({ named, tr("a conversation with no message to import") });
        return {};
    }
    imported.currentLeafKey = previous;
    history.conversations.append(imported);
    return {};
}

bool JanThreads::isThreadFolder(const QString &path)
{
    const QDir dir(path);
    return dir.exists(threadFile) || dir.exists(messagesFile);
}

Result<ImportedHistory> JanThreads::readFolder(const QString &path)
{
    QDir dir(path);
    if (dir.exists(u"threads"_s) && !isThreadFolder(path))
        dir.cd(u"threads"_s); // Jan's data folder
    QStringList threads;
    if (isThreadFolder(dir.path())) {
        threads.append(dir.absolutePath());
    } else {
        for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (isThreadFolder(dir.absoluteFilePath(sub)))
                threads.append(dir.absoluteFilePath(sub));
        }
    }
    if (threads.isEmpty())
        return Error(tr("%1 holds no Jan threads (folders with thread.json and messages.jsonl).")
                         .arg(QDir::toNativeSeparators(path)));
    ImportedHistory history;
    history.source = u"Jan"_s;
    for (const QString &thread : std::as_const(threads)) {
        const QDir threadDir(thread);
        const Result<QByteArray> threadJson = readFile(threadDir.filePath(threadFile));
        if (!threadJson)
            return Error(threadJson.error());
        const Result<QByteArray> messages = readFile(threadDir.filePath(messagesFile));
        if (!messages)
            return Error(messages.error());
        if (Result<> read = readThread(*threadJson, *messages, threadDir.dirName(), history); !read)
            return Error(read.error());
    }
    history.keepAttachmentsWithinLimit();
    return history;
}

} // namespace detour
