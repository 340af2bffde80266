// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PromptLibrary.h"

#include "protocol/JsonUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

constexpr int fileVersion = 1;
constexpr const char *fileFormat = "detour.prompts";

} // namespace

PromptLibrary::PromptLibrary(const QString &filePath, QObject *parent)
    : QAbstractListModel(parent)
    , m_filePath(filePath)
{
    load();
}

QString PromptLibrary::pathBeside(const QString &settingsFilePath)
{
    return QFileInfo(settingsFilePath).dir().filePath(u"prompts.json"_s);
}

QList<PromptLibrary::Prompt> PromptLibrary::starterPrompts()
{
    return {
        { tr("Brief"),
            tr("Answer briefly and directly. Leave out introductions, summaries and caveats "
               "unless they matter.") },
        { tr("Translator"),
            tr("Translate what I write into English; if it is English already, into German. "
               "Keep the meaning, tone and formatting; reply with the translation only.") },
        { tr("Code reviewer"),
            tr("You review code. Point out bugs, unclear names and missing error handling first, "
               "then style; quote the lines you mean and suggest the change.") },
    };
}

void PromptLibrary::load()
{
    QFile file(m_filePath);
    if (!file.exists()) {
        m_prompts = starterPrompts();
        return;
    }
    const auto refuse = [this](const QString &why) {
        m_unreadable = true;
        m_loadError = tr("The saved prompts in %1 could not be read (%2). They are kept in the "
                         "file; a copy is put aside before anything new is saved.")
                          .arg(QDir::toNativeSeparators(m_filePath), why);
    };
    if (!file.open(QIODevice::ReadOnly))
        return refuse(file.errorString());
    const std::optional<Json> document = json::parse(file.readAll());
    if (!document || !document->is_object())
        return refuse(tr("not a JSON object"));
    if (json::stringAt(*document, "format") != QLatin1StringView(fileFormat))
        return refuse(tr("not a prompt library"));
    const auto version = document->find("version");
    if (version == document->end() || !version->is_number_integer()
        || version->get<int>() > fileVersion)
        return refuse(tr("a version newer than this Detour reads"));
    const auto prompts = document->find("prompts");
    if (prompts == document->end() || !prompts->is_array())
        return refuse(tr("no list of prompts"));
    QList<Prompt> read;
    for (const Json &item : *prompts) {
        const QString name = item.is_object() ? json::stringAt(item, "name").trimmed() : QString();
        if (name.isEmpty())
            return refuse(tr("a prompt without a name"));
        read.append({ name, json::stringAt(item, "text") });
    }
    m_prompts = read;
}

Result<> PromptLibrary::write(const QList<Prompt> &prompts)
{
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath()))
        return Error(tr("Could not create the folder %1.")
                         .arg(QDir::toNativeSeparators(info.absolutePath())));
    if (m_unreadable && m_backupPath.isEmpty()) {
        QString backup = m_filePath + u".unreadable"_s;
        for (int n = 2; QFile::exists(backup); ++n)
            backup = m_filePath + u".unreadable-%1"_s.arg(n);
        if (!QFile::copy(m_filePath, backup))
            return Error(tr("The unreadable prompt file could not be copied aside to %1, so "
                            "nothing was saved.")
                             .arg(QDir::toNativeSeparators(backup)));
        m_backupPath = backup;
    }
    Json list = Json::array();
    for (const Prompt &prompt : prompts)
        list.push_back(
            { { "name", json::toStd(prompt.name) }, { "text", json::toStd(prompt.text) } });
    const Json document = { { "format", fileFormat }, { "version", fileVersion },
        { "prompts", list } };
    const QByteArray bytes = QByteArray::fromStdString(document.dump(2)) + '\n';
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error(tr("Could not write %1: %2")
                         .arg(QDir::toNativeSeparators(m_filePath), file.errorString()));
    m_unreadable = false;
    return {};
}

int PromptLibrary::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_prompts.size());
}

QVariant PromptLibrary::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Prompt &prompt = m_prompts[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return prompt.name;
    case Qt::ToolTipRole:
    case TextRole:
        return prompt.text;
    default:
        return {};
    }
}

QHash<int, QByteArray> PromptLibrary::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TextRole, "text");
    return names;
}

int PromptLibrary::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_prompts.size(); ++i) {
        if (m_prompts[i].name == name.trimmed())
            return int(i);
    }
    return -1;
}

Result<> PromptLibrary::checkName(const QString &name, int except) const
{
    if (name.trimmed().isEmpty())
        return Error(tr("A saved prompt needs a name."));
    const int existing = indexOf(name);
    if (existing >= 0 && existing != except)
        return Error(tr("There is already a saved prompt called “%1”.").arg(name.trimmed()));
    return {};
}

QString PromptLibrary::freeName(const QString &base) const
{
    QString name = tr("%1 (copy)").arg(base);
    for (int n = 2; indexOf(name) >= 0; ++n)
        name = tr("%1 (copy %2)").arg(base).arg(n);
    return name;
}

Result<int> PromptLibrary::save(const QString &name, const QString &text)
{
    if (name.trimmed().isEmpty())
        return Error(tr("A saved prompt needs a name."));
    const int row = indexOf(name);
    QList<Prompt> next = m_prompts;
    if (row >= 0)
        next[row].text = text;
    else
        next.append({ name.trimmed(), text });
    if (Result<> written = write(next); !written)
        return Error(written.error());
    if (row >= 0) {
        m_prompts = next;
        Q_EMIT dataChanged(index(row), index(row), { Qt::ToolTipRole, TextRole });
    } else {
        beginInsertRows({}, int(m_prompts.size()), int(m_prompts.size()));
        m_prompts = next;
        endInsertRows();
    }
    Q_EMIT changed();
    return row >= 0 ? row : int(m_prompts.size() - 1);
}

Result<> PromptLibrary::rename(int row, const QString &name)
{
    if (row < 0 || row >= m_prompts.size())
        return Error(tr("There is no such saved prompt."));
    if (Result<> free = checkName(name, row); !free)
        return free;
    QList<Prompt> next = m_prompts;
    next[row].name = name.trimmed();
    if (Result<> written = write(next); !written)
        return written;
    m_prompts = next;
    Q_EMIT dataChanged(index(row), index(row), { Qt::DisplayRole, Qt::EditRole });
    Q_EMIT changed();
    return {};
}

Result<int> PromptLibrary::duplicate(int row)
{
    if (row < 0 || row >= m_prompts.size())
        return Error(tr("There is no such saved prompt."));
    const Prompt copy { freeName(m_prompts[row].name), m_prompts[row].text };
    return save(copy.name, copy.text);
}

Result<> PromptLibrary::remove(int row)
{
    if (row < 0 || row >= m_prompts.size())
        return Error(tr("There is no such saved prompt."));
    QList<Prompt> next = m_prompts;
    const Prompt removed = next.takeAt(row);
    if (Result<> written = write(next); !written)
        return written;
    beginRemoveRows({}, row, row);
    m_prompts = next;
    endRemoveRows();
    m_removed = Removed { removed, row };
    Q_EMIT changed();
    return {};
}

Result<int> PromptLibrary::undoRemove()
{
    if (!m_removed)
        return Error(tr("No saved prompt was deleted."));
    Prompt prompt = m_removed->prompt;
    if (indexOf(prompt.name) >= 0) // a new one took its name meanwhile
        prompt.name = freeName(prompt.name);
    const int row = std::min(m_removed->row, int(m_prompts.size()));
    QList<Prompt> next = m_prompts;
    next.insert(row, prompt);
    if (Result<> written = write(next); !written)
        return Error(written.error());
    beginInsertRows({}, row, row);
    m_prompts = next;
    endInsertRows();
    m_removed.reset();
    Q_EMIT changed();
    return row;
}

} // namespace detour
