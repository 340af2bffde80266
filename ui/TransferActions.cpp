// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TransferActions.h"

#include "HistoryImportActions.h"
#include "chat/RouteChoices.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>

namespace detour {

using namespace Qt::StringLiterals;

TransferActions::TransferActions(ConversationStore *store, RouteChoices *routes, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_routes(routes)
    , m_window(window)
    , m_importConversation(new QAction(tr("&Import conversation…"), this))
    , m_historyImport(new HistoryImportActions(store, window))
{
    connect(m_importConversation, &QAction::triggered, this, &TransferActions::importConversation);
    connect(m_historyImport, &HistoryImportActions::imported, this, [this](qint64 conversationId) {
        if (conversationId > 0)
            Q_EMIT conversationImported(conversationId);
    });
    connect(m_historyImport, &HistoryImportActions::message, this, &TransferActions::message);
}

QList<QAction *> TransferActions::importActions() const
{
    return { m_importConversation, m_historyImport->action() };
}

void TransferActions::exportConversation(qint64 conversationId)
{
    const std::optional<ConversationRecord> record =
        m_store && conversationId ? m_store->load(conversationId).toOptional() : std::nullopt;
    if (!record) {
        Q_EMIT message(tr("Nothing to export yet: send a message first."));
        return;
    }
    const QString markdown = tr("Markdown (*.md)");
    const QString withThinking = tr("Markdown, with the model's thinking (*.md)");
    const QString json = tr("Detour conversation, with every attempt (*.json)");
    const QString csv = tr("Attempt log (*.csv)");
    QString filter = markdown;
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export conversation"),
        record->conversation.title + u".md"_s,
        QStringList { markdown, withThinking, json, csv }.join(u";;"_s), &filter);
    if (path.isEmpty())
        return;
    // Markdown leaves the reasoning out unless asked; the JSON keeps it always.
    const QByteArray bytes = filter == json ? ConversationExporter::toJson(*record)
        : filter == csv                     ? ConversationExporter::attemptsCsv(*record)
                                            : ConversationExporter::toMarkdown(*record,
                            filter == withThinking ? ConversationExporter::Thinking::Included
                                                                       : ConversationExporter::Thinking::LeftOut)
                              .toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(m_window, tr("Export conversation"),
            tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    Q_EMIT message(tr("Exported to %1.").arg(path));
}

void TransferActions::importConversation()
{
    if (!m_store)
        return;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import conversation"), QString(), tr("Detour conversation (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    const Result<ConversationRecord> record = file.open(QIODevice::ReadOnly)
        ? ConversationExporter::fromJson(file.readAll())
        : Result<ConversationRecord>(Error(file.errorString()));
    const Result<qint64> id =
        record ? m_store->importRecord(*record) : Result<qint64>(Error(record.error()));
    if (!id) {
        QMessageBox::warning(m_window, tr("Import conversation"),
            tr("%1 was not imported: %2").arg(path, id.error()));
        return;
    }
    Q_EMIT conversationImported(*id);
}

void TransferActions::saveRouteAs()
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Save route as"), tr("Name:"),
        QLineEdit::Normal, m_routes->activeRoute().name, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    if (const Result<> saved = m_routes->saveAs(name); !saved)
        QMessageBox::warning(m_window, tr("Save route as"), saved.error());
}

void TransferActions::importRoute()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import route"), QString(), tr("Route file (*.json)"));
    if (path.isEmpty())
        return;
    if (const Result<QString> imported = m_routes->importFile(path); !imported)
        QMessageBox::warning(m_window, tr("Import route"),
            tr("%1 was not imported: %2").arg(path, imported.error()));
}

void TransferActions::exportRoute(bool asRequestBody)
{
    const QString title =
        asRequestBody ? tr("Export as OpenRouter request body") : tr("Export route file");
    const QString path = QFileDialog::getSaveFileName(
        m_window, title, m_routes->activeRoute().name + u".json"_s, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (const Result<> written = m_routes->exportFile(path, asRequestBody); !written)
        QMessageBox::warning(m_window, title, written.error());
    else
        Q_EMIT message(tr("Exported to %1.").arg(path));
}

} // namespace detour
