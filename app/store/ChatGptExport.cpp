// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ChatGptExport.h"

#include "ImportJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <optional>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// The export's files by asset id ("file-AbC123", "file_0000abcd"): the names in
// the folder and in its direct subfolders ("dalle-generations/", "user-…/").
class AssetFiles {
public:
    explicit AssetFiles(const QString &folder)
        : m_folder(folder)
    {
    }

    QString path(const QString &assetId)
    {
        if (m_folder.isEmpty())
            return {};
        if (!m_indexed)
            index();
        return m_paths.value(assetId);
    }

private:
    void index()
    {
        m_indexed = true;
        static const QRegularExpression assetName(u"^(file[-_][A-Za-z0-9]+)"_s);
        const QDir top(m_folder);
        QStringList folders { top.absolutePath() };
        for (const QString &sub : top.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            folders.append(top.absoluteFilePath(sub));
        for (const QString &folder : folders) {
            const QDir dir(folder);
            for (const QString &name : dir.entryList(QDir::Files)) {
                const QRegularExpressionMatch match = assetName.match(name);
                if (match.hasMatch() && !m_paths.contains(match.captured(1)))
                    m_paths.insert(match.captured(1), dir.absoluteFilePath(name));
            }
        }
    }

    QString m_folder;
    bool m_indexed = false;
    QHash<QString, QString> m_paths;
};

// What one node's message becomes: kept (role, text, pictures) or left out with a reason.
struct Converted {
    std::optional<ImportedMessage> message;
    QString skipReason; // when not kept; empty for a node without a message
};

class Reader {
public:
    Reader(const QString &folder, ImportedHistory &history)
        : m_assets(folder)
        , m_history(history)
    {
    }

    // A conversation, or the error that refuses the whole file.
    Result<> readConversation(const Json &conversation, std::size_t index);

private:
    Result<Converted> convert(const Json &message, const QString &where);
    void skip(const QString &where, const QString &reason)
    {
        m_history.skipped.append({ where, reason });
    }
    std::optional<Attachment> picture(const Json &part, const QString &where);

    AssetFiles m_assets;
    ImportedHistory &m_history;
};

QString partsText(const Json &parts)
{
    QStringList texts;
    for (const Json &part : parts) {
        if (part.is_string() && !part.get<std::string>().empty())
            texts.append(QString::fromStdString(part.get<std::string>()));
    }
    return texts.join(u"\n\n"_s);
}

QString fenced(const QString &code, const QString &language)
{
    // A fence longer than any run of backticks inside the code.
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : code) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max<qsizetype>(3, longest + 1), u'`');
    const QString tag = language == "unknown"_L1 ? QString() : language;
    return fence + tag + u'\n' + code + (code.endsWith(u'\n') ? QString() : u"\n"_s) + fence;
}

Result<Converted> Reader::convert(const Json &message, const QString &where)
{
    if (!message.is_object())
        return Error(ChatGptExport::tr("%1: message must be a JSON object or null.").arg(where));
    // find() and value(), never operator[]: on a const document a missing key is undefined.
    const Json author = message.value("author", Json());
    if (!author.is_object() || !author.value("role", Json()).is_string())
        return Error(ChatGptExport::tr("%1: message.author.role must be text.").arg(where));
    const Json content = message.value("content", Json());
    if (!content.is_object() || !content.value("content_type", Json()).is_string())
        return Error(
            ChatGptExport::tr("%1: message.content.content_type must be text.").arg(where));
    const QString role = ImportJson::string(author, "role");
    const QString type = ImportJson::string(content, "content_type");

    // Compared as JSON: a flag that is not a boolean is no flag (value<bool>() would throw).
    const Json metadata = message.value("metadata", Json::object());
    if (metadata.is_object()
        && metadata.value("is_visually_hidden_from_conversation", Json()) == Json(true))
        return Converted { std::nullopt,
            ChatGptExport::tr("a message ChatGPT kept hidden (its own instructions and context, "
                              "never shown in the conversation)") };
    if (type == "user_editable_context"_L1)
        return Converted { std::nullopt,
            ChatGptExport::tr("your custom instructions (a setting of your ChatGPT account, not "
                              "part of the conversation)") };
    if (role == "tool"_L1)
        return Converted { std::nullopt,
            ChatGptExport::tr("a tool's output (web browsing, code ChatGPT ran, image "
                              "generation; Detour keeps no tool messages)") };
    if (role != "user"_L1 && role != "assistant"_L1 && role != "system"_L1)
        return Converted { std::nullopt,
            ChatGptExport::tr("a message from an author Detour does not know (%1)").arg(role) };

    ImportedMessage kept;
    kept.role = role;
    kept.createdAt = ImportJson::time(message, "create_time");
    const Json parts = content.value("parts", Json::array());
    if (type == "text"_L1) {
        if (!parts.is_array())
            return Error(ChatGptExport::tr("%1: content.parts must be a list.").arg(where));
        kept.content = partsText(parts);
    } else if (type == "code"_L1) {
        kept.content =
            fenced(ImportJson::string(content, "text"), ImportJson::string(content, "language"));
    } else if (type == "multimodal_text"_L1) {
        if (!parts.is_array())
            return Error(ChatGptExport::tr("%1: content.parts must be a list.").arg(where));
        QStringList texts;
        for (const Json &part : parts) {
            if (part.is_string()) {
                if (!part.get<std::string>().empty())
                    texts.append(QString::fromStdString(part.get<std::string>()));
                continue;
            }
            const QString partType = ImportJson::string(part, "content_type");
            if (partType == "image_asset_pointer"_L1) {
                if (std::optional<Attachment> image = picture(part, where))
                    kept.attachments.append(*image);
            } else if (partType == "audio_transcription"_L1) {
                if (const QString text = ImportJson::string(part, "text"); !text.isEmpty())
                    texts.append(text);
            } else {
                skip(where,
                    ChatGptExport::tr("a part of a kind Detour does not import (%1)")
                        .arg(partType.isEmpty() ? ChatGptExport::tr("unnamed") : partType));
            }
        }
        kept.content = texts.join(u"\n\n"_s);
    } else if (type == "thoughts"_L1 || type == "reasoning_recap"_L1) {
        return Converted { std::nullopt, ChatGptExport::tr("the model's thinking summary") };
    } else if (type.startsWith("tether_"_L1)) {
        return Converted { std::nullopt, ChatGptExport::tr("a web page ChatGPT's browser read") };
    } else if (type == "execution_output"_L1) {
        return Converted { std::nullopt,
            ChatGptExport::tr("a tool's output (web browsing, code ChatGPT ran, image "
                              "generation; Detour keeps no tool messages)") };
    } else {
        return Converted { std::nullopt,
            ChatGptExport::tr("content of a kind Detour does not import (%1)").arg(type) };
    }
    if (kept.content.trimmed().isEmpty() && kept.attachments.isEmpty())
        return Converted { std::nullopt, ChatGptExport::tr("an empty message") };
    return Converted { kept, {} };
}

std::optional<Attachment> Reader::picture(const Json &part, const QString &where)
{
    const QString pointer = ImportJson::string(part, "asset_pointer");
    const qsizetype scheme = pointer.indexOf(u"://"_s);
    const QString assetId = scheme >= 0 ? pointer.mid(scheme + 3) : pointer;
    const QString path = m_assets.path(assetId);
    if (path.isEmpty()) {
        skip(where,
            ChatGptExport::tr("a picture whose file is not beside conversations.json (unzip the "
                              "whole export to import pictures)"));
        return std::nullopt;
    }
    QFile file(path);
    if (file.size() > AttachmentLoader::maximumFileSize || !file.open(QIODevice::ReadOnly)) {
        skip(where, ChatGptExport::tr("a picture whose file cannot be read or is too large"));
        return std::nullopt;
    }
    Result<Attachment> loaded =
        AttachmentLoader::fromData(QFileInfo(path).fileName(), file.readAll());
    if (!loaded) {
        skip(where, ChatGptExport::tr("a picture Detour cannot read (%1)").arg(loaded.error()));
        return std::nullopt;
    }
    return *std::move(loaded);
}

Result<> Reader::readConversation(const Json &conversation, std::size_t index)
{
    const auto number = qulonglong(index + 1);
    if (!conversation.is_object())
        return Error(ChatGptExport::tr("Conversation %1 is not a JSON object.").arg(number));
    const QString title = ImportJson::string(conversation, "title");
    const QString named = title.isEmpty()
        ? ChatGptExport::tr("conversation %1").arg(number)
        : ChatGptExport::tr("conversation %1 (\"%2\")").arg(number).arg(title);
    QString id = ImportJson::string(conversation, "conversation_id");
    if (id.isEmpty())
        id = ImportJson::string(conversation, "id");
    if (id.isEmpty())
        return Error(ChatGptExport::tr("%1 has no id.").arg(named));
    const auto mapping = conversation.find("mapping");
    if (mapping == conversation.end() || !mapping->is_object())
        return Error(ChatGptExport::tr("%1: mapping must be a JSON object.").arg(named));

    // The tree, by node id, checked before anything is converted.
    const auto nodeWhere = [&named](const QString &node) {
        return ChatGptExport::tr("%1, node %2").arg(named, node);
    };
    QHash<QString, QString> parentOf;
    QHash<QString, QStringList> listedChildren;
    QStringList order;
    for (const auto &[key, node] : mapping->items()) {
        const QString nodeId = QString::fromStdString(key);
        if (nodeId.isEmpty()) // an empty parent means "none": a node needs a name
            return Error(ChatGptExport::tr("%1: a node has an empty id.").arg(named));
        if (!node.is_object())
            return Error(ChatGptExport::tr("%1 is not a JSON object.").arg(nodeWhere(nodeId)));
        const Json parent = node.value("parent", Json());
        if (!parent.is_null() && !parent.is_string())
            return Error(
                ChatGptExport::tr("%1: parent must be text or null.").arg(nodeWhere(nodeId)));
        const Json children = node.value("children", Json::array());
        if (!children.is_array())
            return Error(ChatGptExport::tr("%1: children must be a list.").arg(nodeWhere(nodeId)));
        for (const Json &child : children) {
            if (!child.is_string())
                return Error(ChatGptExport::tr("%1: children must be a list of node ids.")
                                 .arg(nodeWhere(nodeId)));
            listedChildren[nodeId].append(QString::fromStdString(child.get<std::string>()));
        }
        parentOf.insert(nodeId,
            parent.is_string() ? QString::fromStdString(parent.get<std::string>()) : QString());
        order.append(nodeId);
    }
    QSet<QString> reachesRoot; // nodes whose line of parents is known to end at a root
    for (const QString &nodeId : std::as_const(order)) {
        const QString parent = parentOf.value(nodeId);
        if (!parent.isEmpty() && !parentOf.contains(parent))
            return Error(ChatGptExport::tr("%1: its parent %2 is not in the mapping.")
                             .arg(nodeWhere(nodeId), parent));
        // Up to a root (or a node known to reach one) in fewer steps than there are
        // nodes, or the parents loop.
        QStringList line;
        for (QString up = nodeId; !up.isEmpty() && !reachesRoot.contains(up);
             up = parentOf.value(up)) {
            if (line.size() > order.size())
                return Error(ChatGptExport::tr("%1 is its own ancestor: the mapping has a cycle.")
                                 .arg(nodeWhere(nodeId)));
            line.append(up);
        }
        for (const QString &node : std::as_const(line))
            reachesRoot.insert(node);
    }

    // Children in the order their parent lists them (then the rest, by id): the
    // first answer before its regenerations.
    QHash<QString, QStringList> childrenOf;
    QStringList roots;
    for (const QString &nodeId : std::as_const(order)) {
        const QString parent = parentOf.value(nodeId);
        (parent.isEmpty() ? roots : childrenOf[parent]).append(nodeId);
    }
    for (auto it = childrenOf.begin(); it != childrenOf.end(); ++it) {
        const QStringList listed = listedChildren.value(it.key());
        std::stable_sort(it->begin(), it->end(), [&listed](const QString &a, const QString &b) {
            const qsizetype ia = listed.contains(a) ? listed.indexOf(a) : listed.size();
            const qsizetype ib = listed.contains(b) ? listed.indexOf(b) : listed.size();
            return ia < ib;
        });
    }

    ImportedConversation imported;
    imported.origin = u"chatgpt:"_s + id;
    imported.title = title;
    imported.createdAt = ImportJson::time(conversation, "create_time");
    imported.updatedAt = ImportJson::time(conversation, "update_time");
    QHash<QString, QString> keptAt; // node id -> the nearest kept node at or above it
    // Depth first, parents before children; an explicit stack, as exports nest deep.
    QList<QString> stack(roots.crbegin(), roots.crend());
    while (!stack.isEmpty()) {
        const QString nodeId = stack.takeLast();
        const Json &node = *mapping->find(nodeId.toStdString()); // there: parentOf holds it
        const QString inherited = keptAt.value(parentOf.value(nodeId));
        keptAt.insert(nodeId, inherited);
        const Json message = node.value("message", Json());
        if (!message.is_null()) {
            Result<Converted> converted = convert(message, nodeWhere(nodeId));
            if (!converted)
                return Error(converted.error());
            if (converted->message) {
                converted->message->key = nodeId;
                converted->message->parentKey = inherited;
                imported.messages.append(*converted->message);
                keptAt.insert(nodeId, nodeId);
            } else if (!converted->skipReason.isEmpty()) {
                skip(nodeWhere(nodeId), converted->skipReason);
            }
        }
        const QStringList children = childrenOf.value(nodeId);
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack.append(*it);
    }

    const Json current = conversation.value("current_node", Json());
    if (!current.is_null() && !current.is_string())
        return Error(ChatGptExport::tr("%1: current_node must be text or null.").arg(named));
    if (current.is_string()) {
        const QString currentNode = QString::fromStdString(current.get<std::string>());
        if (!parentOf.contains(currentNode))
            return Error(ChatGptExport::tr("%1: current_node %2 is not in the mapping.")
                             .arg(named, currentNode));
        imported.currentLeafKey = keptAt.value(currentNode);
    }
    if (imported.messages.isEmpty()) {
        skip(named, ChatGptExport::tr("a conversation with no message to import"));
        return {};
    }
    if (imported.currentLeafKey.isEmpty())
        imported.currentLeafKey = imported.messages.constLast().key;
    m_history.conversations.append(imported);
    return {};
}

} // namespace

Result<ImportedHistory> ChatGptExport::read(QByteArrayView json, const QString &folder)
{
    Result<Json> document = ImportJson::parse(json, u"conversations.json"_s);
    if (!document)
        return Error(document.error());
    if (!document->is_array())
        return Error(tr("This is not ChatGPT's conversations.json: it is not a list of "
                        "conversations."));
    ImportedHistory history;
    history.source = u"ChatGPT"_s;
    Reader reader(folder, history);
    for (std::size_t i = 0; i < document->size(); ++i) {
        if (Result<> read = reader.readConversation((*document)[i], i); !read)
            return Error(read.error());
    }
    history.keepAttachmentsWithinLimit();
    return history;
}

} // namespace detour
