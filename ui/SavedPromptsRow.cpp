// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SavedPromptsRow.h"

#include "settings/PromptLibrary.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

SavedPromptsRow::SavedPromptsRow(PromptLibrary *library, QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_editor(editor)
    , m_choice(new QComboBox(this))
    , m_saveAs(new QPushButton(tr("Save &as…"), this))
    , m_rename(new QPushButton(tr("Rena&me…"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_notice(new QLabel(this))
    , m_undo(new QPushButton(tr("&Undo"), this))
{
    setObjectName(u"savedPromptsRow"_s);
    m_choice->setObjectName(u"savedPrompts"_s);
    m_choice->setAccessibleName(tr("Saved prompts"));
    m_choice->setPlaceholderText(tr("Pick a saved prompt…"));
    m_choice->setModel(library);
    m_choice->setCurrentIndex(-1);
    m_saveAs->setObjectName(u"savePromptAs"_s);
    m_saveAs->setToolTip(tr("Keep the system prompt above under a name"));
    m_rename->setObjectName(u"renamePrompt"_s);
    m_duplicate->setObjectName(u"duplicatePrompt"_s);
    m_delete->setObjectName(u"deletePrompt"_s);
    m_notice->setObjectName(u"savedPromptsNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_undo->setObjectName(u"undoDeletePrompt"_s);
    m_undo->hide();

    connect(m_choice, &QComboBox::activated, this, &SavedPromptsRow::pick);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &SavedPromptsRow::updateButtons);
    connect(m_saveAs, &QPushButton::clicked, this,
        [this] { askName(tr("Save prompt as"), m_choice->currentText(), false); });
    connect(m_rename, &QPushButton::clicked, this,
        [this] { askName(tr("Rename prompt"), m_choice->currentText(), true); });
    connect(m_duplicate, &QPushButton::clicked, this, [this] {
        const Result<int> copy = m_library->duplicate(currentRow());
        if (!copy)
            return say(copy.error());
        m_choice->setCurrentIndex(*copy);
        say(tr("Duplicated as “%1”.").arg(m_choice->currentText()));
    });
    connect(m_delete, &QPushButton::clicked, this, &SavedPromptsRow::remove);
    connect(m_undo, &QPushButton::clicked, this, &SavedPromptsRow::undo);

    auto *label = new QLabel(tr("Sa&ved prompts:"), this);
    label->setBuddy(m_choice);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(label);
    top->addWidget(m_choice, 1);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *button : { m_saveAs, m_rename, m_duplicate, m_delete })
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *notice = new QHBoxLayout;
    notice->setContentsMargins(0, 0, 0, 0);
    notice->addWidget(m_notice, 1);
    notice->addWidget(m_undo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addLayout(notice);
    say(library->loadError());
    updateButtons();
}

QInputDialog *SavedPromptsRow::nameDialog() const
{
    return m_nameDialog;
}

int SavedPromptsRow::currentRow() const
{
    return m_choice->currentIndex();
}

void SavedPromptsRow::selectMatching(const QString &text)
{
    const QString wanted = text.trimmed();
    const QList<PromptLibrary::Prompt> &prompts = m_library->prompts();
    int row = -1;
    for (qsizetype i = 0; row < 0 && !wanted.isEmpty() && i < prompts.size(); ++i) {
        if (prompts[i].text.trimmed() == wanted)
            row = int(i);
    }
    m_choice->setCurrentIndex(row);
}

void SavedPromptsRow::pick(int row)
{
    if (row < 0 || row >= m_library->rowCount())
        return;
    m_editor->setPlainText(m_library->prompts().at(row).text);
}

void SavedPromptsRow::askName(const QString &title, const QString &name, bool rename)
{
    if (m_nameDialog && m_nameDialog->isVisible())
        return m_nameDialog->raise();
    m_nameDialog = new QInputDialog(this);
    m_nameDialog->setObjectName(u"promptNameDialog"_s);
    m_nameDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_nameDialog->setWindowTitle(title);
    m_nameDialog->setLabelText(
        rename ? tr("New name:") : tr("Name (an existing one gets the new text):"));
    m_nameDialog->setTextValue(name);
    const int row = currentRow();
    connect(m_nameDialog, &QInputDialog::textValueSelected, this,
        [this, rename, row](const QString &chosen) {
            if (rename) {
                if (const Result<> renamed = m_library->rename(row, chosen); !renamed)
                    return say(renamed.error());
                m_choice->setCurrentIndex(row);
                return say(tr("Renamed to “%1”.").arg(chosen.trimmed()));
            }
            const Result<int> saved = m_library->save(chosen, m_editor->toPlainText().trimmed());
            if (!saved)
                return say(saved.error());
            m_choice->setCurrentIndex(*saved);
            say(tr("Saved as “%1”.").arg(chosen.trimmed()));
        });
    m_nameDialog->open();
}

void SavedPromptsRow::remove()
{
    const int row = currentRow();
    const QString name = m_choice->currentText();
    if (const Result<> removed = m_library->remove(row); !removed)
        return say(removed.error());
    m_choice->setCurrentIndex(-1);
    say(tr("Deleted “%1”.").arg(name), true);
}

void SavedPromptsRow::undo()
{
    const Result<int> back = m_library->undoRemove();
    if (!back)
        return say(back.error());
    m_choice->setCurrentIndex(*back);
    say(tr("“%1” is back.").arg(m_choice->currentText()));
}

void SavedPromptsRow::say(const QString &sentence, bool offerUndo)
{
    m_notice->setText(sentence);
    m_notice->setVisible(!sentence.isEmpty());
    m_undo->setVisible(offerUndo);
}

void SavedPromptsRow::updateButtons()
{
    const bool chosen = currentRow() >= 0;
    for (QPushButton *button : { m_rename, m_duplicate, m_delete })
        button->setEnabled(chosen);
}

} // namespace detour
