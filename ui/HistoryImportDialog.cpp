// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryImportDialog.h"

#include "store/ImportReport.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

HistoryImportDialog::HistoryImportDialog(const QString &path, const ImportedHistory &history,
    const ImportOutcome &preview, QWidget *parent)
    : QDialog(parent)
    , m_history(history)
    , m_summary(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(u"historyImportDialog"_s);
    setWindowTitle(tr("Import history"));
    auto *layout = new QVBoxLayout(this);

    auto *source = new QLabel(
        tr("From %1: %2").arg(history.source, QDir::toNativeSeparators(path)).toHtmlEscaped(),
        this);
    source->setObjectName(u"importSource"_s);
    source->setWordWrap(true);
    source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(source);

    m_summary->setObjectName(u"importSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setText(preview.conversations > 0
            ? tr("Will import %1.").arg(ImportReport::counts(preview))
            : tr("Nothing new to import: every conversation in it was imported before."));
    layout->addWidget(m_summary);

    const QStringList details = ImportReport::details(history, preview);
    m_details->setObjectName(u"importDetails"_s);
    m_details->setAccessibleName(tr("What will be left out"));
    m_details->setReadOnly(true);
    m_details->setPlainText(details.join(u'\n'));
    m_details->setVisible(!details.isEmpty());
    layout->addWidget(m_details, 1);

    m_progress->setObjectName(u"importProgress"_s);
    m_progress->setRange(0, 0); // one transaction: there are no steps to count
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Importing"));
    m_progress->hide();
    layout->addWidget(m_progress);

    m_error->setObjectName(u"importError"_s);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons->setObjectName(u"importButtons"_s);
    QPushButton *importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    importButton->setObjectName(u"importButton"_s);
    importButton->setEnabled(preview.conversations > 0);
    importButton->setDefault(preview.conversations > 0);
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &HistoryImportDialog::importRequested);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(560, details.isEmpty() ? 160 : 360);
}

void HistoryImportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_buttons->setEnabled(!busy);
    if (busy)
        m_error->hide();
}

void HistoryImportDialog::showError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->show();
}

} // namespace detour
