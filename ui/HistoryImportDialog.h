// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/HistoryWriter.h"
#include "store/ImportedHistory.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace detour {

// The preview of File > Import…, before anything is written: where the history
// comes from, how many conversations, messages and branches it will add, which
// were imported before, and what is left out and why. Import asks the caller to
// write (importRequested), who accepts the dialog once written; Cancel rejects
// it. While the caller writes, setBusy() shows a progress bar and holds the
// buttons; a failure is said in one sentence below them, the dialog staying open.
class HistoryImportDialog final : public QDialog {
    Q_OBJECT

public:
    HistoryImportDialog(const QString &path, const ImportedHistory &history,
        const ImportOutcome &preview, QWidget *parent = nullptr);

    const ImportedHistory &history() const { return m_history; }
    void setBusy(bool busy);
    void showError(const QString &sentence);

Q_SIGNALS:
    void importRequested();

private:
    ImportedHistory m_history;
    QLabel *m_summary;
    QPlainTextEdit *m_details;
    QProgressBar *m_progress;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace detour
