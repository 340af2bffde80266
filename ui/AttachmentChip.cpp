// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentChip.h"

#include "AttachmentThumbnails.h"
#include "ElidedLabel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QToolButton>

namespace detour {

using namespace Qt::StringLiterals;

AttachmentChip::AttachmentChip(const Attachment &attachment, bool removable, QWidget *parent)
    : QFrame(parent)
    , m_attachment(attachment)
{
    setObjectName(u"attachmentChip"_s);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Button);
    setAutoFillBackground(true);
    setMaximumWidth(240);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 2, 2);
    layout->setSpacing(4);
    auto *picture = new QLabel(this);
    picture->setObjectName(u"attachmentThumbnail"_s);
    const QPixmap thumbnail =
        AttachmentThumbnails::thumbnail(attachment, attachment.digest(), devicePixelRatioF());
    if (!thumbnail.isNull()) {
        picture->setPixmap(thumbnail);
    } else {
        picture->setText(attachment.kind == Attachment::Kind::Pdf ? tr("PDF")
                : attachment.kind == Attachment::Kind::Image      ? tr("Image")
                                                                  : tr("Text"));
        picture->setForegroundRole(QPalette::PlaceholderText);
    }
    layout->addWidget(picture);
    auto *name = new ElidedLabel(this);
    name->setObjectName(u"attachmentName"_s);
    name->setFullText(attachment.fileName);
    name->setToolTip(attachment.fileName);
    layout->addWidget(name, 1);
    auto *size = new QLabel(sizeText(attachment.size()), this);
    size->setObjectName(u"attachmentSize"_s);
    size->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(size);

    setAccessibleName(tr("Attachment %1, %2").arg(attachment.fileName, size->text()));
    if (removable) {
        setFocusPolicy(Qt::StrongFocus);
        setAccessibleDescription(tr("Delete removes it"));
        m_remove = new QToolButton(this);
        m_remove->setObjectName(u"removeAttachment"_s);
        m_remove->setText(u"×"_s);
        m_remove->setAutoRaise(true);
        m_remove->setFocusPolicy(Qt::NoFocus); // the chip itself is the keyboard's stop
        m_remove->setToolTip(tr("Remove %1").arg(attachment.fileName));
        m_remove->setAccessibleName(tr("Remove %1").arg(attachment.fileName));
        connect(m_remove, &QToolButton::clicked, this, &AttachmentChip::removeRequested);
        layout->addWidget(m_remove);
    }
}

QString AttachmentChip::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

void AttachmentChip::keyPressEvent(QKeyEvent *event)
{
    if (m_remove && (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)) {
        Q_EMIT removeRequested();
        return;
    }
    QFrame::keyPressEvent(event);
}

void AttachmentChip::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!hasFocus())
        return;
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(rect().adjusted(1, 1, -1, -1));
}

} // namespace detour
