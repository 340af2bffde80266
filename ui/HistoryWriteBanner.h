// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace detour {

class HistoryKeeper;

// The strip at the top of the chat pane while the history cannot be written
// (HistoryKeeper::writeFailed): says so in one sentence with the store's reason
// and that Detour keeps trying, and offers to copy or export the reply that
// could not be saved (it stays on screen regardless). Gone again at
// writeRecovered.
class HistoryWriteBanner final : public QFrame {
    Q_OBJECT

public:
    explicit HistoryWriteBanner(HistoryKeeper *keeper, QWidget *parent = nullptr);

    QString reason() const { return m_reason; }
    // The file Export reply… writes; false (with `error`) when it could not.
    bool exportReply(const QString &path, QString *error = nullptr) const;

private:
    void showFailure(const QString &reason);
    void copyReply();
    void chooseExportFile();

    HistoryKeeper *m_keeper;
    QLabel *m_text;
    QPushButton *m_copy;
    QPushButton *m_export;
    QString m_reason;
};

} // namespace detour
