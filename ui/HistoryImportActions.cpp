// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryImportActions.h"

#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/HistoryImport.h"
#include "store/ImportReport.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <memory>

namespace detour {

using namespace Qt::StringLiterals;

HistoryImportActions::HistoryImportActions(ConversationStore *store, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_window(window)
    , m_action(new QAction(tr("Import &history…"), this))
{
    m_action->setObjectName(u"importHistoryAction"_s);
    m_action->setStatusTip(tr("Import conversations from ChatGPT's data export or from Jan."));
    m_action->setEnabled(store != nullptr);
    connect(m_action, &QAction::triggered, this, &HistoryImportActions::choose);
}

HistoryImportActions::~HistoryImportActions() = default;

void HistoryImportActions::choose()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import history"), QString(),
        tr("ChatGPT export or Jan thread (conversations.json messages.jsonl thread.json);;"
           "JSON (*.json *.jsonl)"));
    if (!path.isEmpty())
        importFile(path);
}

void HistoryImportActions::importFile(const QString &path)
{
    if (!m_store || m_reading)
        return;
    // Reading a large export takes seconds: in a thread of its own, with a progress
    // dialog (shown only when it takes). The store is not touched there.
    auto result = std::make_shared<Result<ImportedHistory>>(Error(QString()));
    QThread *reader = QThread::create([path, result] { *result = HistoryImport::read(path); });
    m_reading = new QProgressDialog(
        tr("Reading %1…").arg(QDir::toNativeSeparators(path)), tr("Cancel"), 0, 0, m_window);
    m_reading->setObjectName(u"importReading"_s);
    m_reading->setWindowTitle(tr("Import history"));
    m_reading->setMinimumDuration(500);
    QPointer<QProgressDialog> progress = m_reading;
    connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    connect(reader, &QThread::finished, this, [this, path, result, progress] {
        const bool cancelled = !progress || progress->wasCanceled();
        if (progress)
            progress->deleteLater();
        if (!cancelled)
            showPreview(path, *result);
    });
    reader->start();
}

void HistoryImportActions::showPreview(const QString &path, const Result<ImportedHistory> &history)
{
    if (!history) {
        fail(tr("%1 was not imported: %2").arg(QDir::toNativeSeparators(path), history.error()));
        return;
    }
    const Result<ImportOutcome> preview =
        HistoryWriter(m_store->database().connection()).preview(*history);
    if (!preview) {
        fail(tr("%1 was not imported: %2").arg(QDir::toNativeSeparators(path), preview.error()));
        return;
    }
    m_dialog = new HistoryImportDialog(path, *history, *preview, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &HistoryImportDialog::importRequested, this, [this] {
        m_dialog->setBusy(true);
        QTimer::singleShot(0, this, &HistoryImportActions::write); // the bar shows first
    });
    m_dialog->open();
    Q_EMIT previewShown(m_dialog);
}

void HistoryImportActions::write()
{
    if (!m_dialog)
        return;
    const Result<ImportOutcome> outcome =
        HistoryWriter(m_store->database().connection()).write(m_dialog->history());
    m_dialog->setBusy(false);
    if (!outcome) {
        m_dialog->showError(tr("Nothing was imported: %1").arg(outcome.error()));
        Q_EMIT failed(outcome.error());
        return;
    }
    m_dialog->accept();
    Q_EMIT m_store->conversationsChanged(); // the list shows what came in
    Q_EMIT message(tr("Imported %1.").arg(ImportReport::counts(*outcome)));
    Q_EMIT imported(outcome->firstConversationId);
}

void HistoryImportActions::fail(const QString &sentence)
{
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Import history"), sentence, QMessageBox::Ok, m_window);
    box->setObjectName(u"importFailed"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT failed(sentence);
}

} // namespace detour
