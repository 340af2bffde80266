// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QInputDialog;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace detour {

class PromptLibrary;

// The saved prompts in the conversation settings dialog: a list to pick one into the
// system prompt field (`editor`), "Save as…" (a new name, or an existing one to replace its
// text), "Rename…", "Duplicate" and "Delete", with an "Undo" after a delete. What went
// wrong (a file that could not be read or written) is said beneath, in one sentence.
class SavedPromptsRow final : public QWidget {
    Q_OBJECT

public:
    SavedPromptsRow(PromptLibrary *library, QPlainTextEdit *editor, QWidget *parent = nullptr);

    int currentRow() const;
    void selectMatching(const QString &text); // the saved prompt with this text, if any
    QInputDialog *nameDialog() const; // open while a name is asked

private:
    void pick(int row);
    void askName(const QString &title, const QString &name, bool rename);
    void remove();
    void undo();
    void say(const QString &sentence, bool offerUndo = false);
    void updateButtons();

    PromptLibrary *m_library;
    QPlainTextEdit *m_editor;
    QComboBox *m_choice;
    QPushButton *m_saveAs;
    QPushButton *m_rename;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QLabel *m_notice;
    QPushButton *m_undo;
    QPointer<QInputDialog> m_nameDialog;
};

} // namespace detour
