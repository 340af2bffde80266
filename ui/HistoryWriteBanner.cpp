// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HistoryWriteBanner.h"

#include "store/HistoryKeeper.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>

namespace detour {

using namespace Qt::StringLiterals;

HistoryWriteBanner::HistoryWriteBanner(HistoryKeeper *keeper, QWidget *parent)
    : QFrame(parent)
    , m_keeper(keeper)
    , m_text(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy reply"), this))
    , m_export(new QPushButton(tr("Export reply…"), this))
{
    setObjectName(u"historyWriteBanner"_s);
    setAccessibleName(tr("History not saved"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    // Red, like an error; the text stays dark on it for contrast in light and dark themes.
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xfd, 0xe2, 0xe1));
    colours.setColor(QPalette::WindowText, QColor(0x5c, 0x0b, 0x0b));
    setPalette(colours);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    icon->setAccessibleName(tr("Warning"));
    m_text->setObjectName(u"historyWriteBannerText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_copy->setObjectName(u"copyUnsavedReplyButton"_s);
    m_copy->setAccessibleName(tr("Copy reply"));
    m_copy->setAccessibleDescription(
        tr("Copies the reply that could not be saved to the clipboard"));
    m_export->setObjectName(u"exportUnsavedReplyButton"_s);
    m_export->setAccessibleName(tr("Export reply"));
    m_export->setAccessibleDescription(tr("Saves the reply that could not be saved to a file"));
    connect(m_copy, &QPushButton::clicked, this, &HistoryWriteBanner::copyReply);
    connect(m_export, &QPushButton::clicked, this, &HistoryWriteBanner::chooseExportFile);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_copy);
    layout->addWidget(m_export);

    connect(m_keeper, &HistoryKeeper::writeFailed, this, &HistoryWriteBanner::showFailure);
    connect(m_keeper, &HistoryKeeper::writeRecovered, this, [this] {
        m_reason.clear();
        hide();
    });
    if (m_keeper->isFailing())
        showFailure(m_keeper->reason());
    else
        hide();
}

void HistoryWriteBanner::showFailure(const QString &reason)
{
    m_reason = reason;
    m_text->setText(tr("The conversation history is not being saved (%1). Detour keeps trying; "
                       "the reply stays on screen, and you can copy or export it.")
                        .arg(reason));
    setAccessibleDescription(m_text->text());
    show();
}

void HistoryWriteBanner::copyReply()
{
    QGuiApplication::clipboard()->setText(m_keeper->unsavedReply());
}

bool HistoryWriteBanner::exportReply(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_keeper->unsavedReply().toUtf8()) < 0
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void HistoryWriteBanner::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export reply"), tr("reply.md"), tr("Markdown (*.md);;Text (*.txt)"));
    if (path.isEmpty())
        return;
    if (QString error; !exportReply(path, &error))
        QMessageBox::warning(
            this, tr("Export reply"), tr("The reply could not be written: %1").arg(error));
}

} // namespace detour
