// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentStrip.h"

#include "AttachmentChip.h"

#include <QHBoxLayout>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

AttachmentStrip::AttachmentStrip(bool removable, QWidget *parent)
    : QWidget(parent)
    , m_removable(removable)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(u"attachmentStrip"_s);
    setAccessibleName(tr("Attachments"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_layout->addStretch();
    hide();
}

void AttachmentStrip::setAttachments(const QList<Attachment> &attachments)
{
    if (attachments == m_attachments)
        return;
    qDeleteAll(m_chips);
    m_chips.clear();
    m_attachments.clear();
    for (const Attachment &attachment : attachments)
        append(attachment);
    setVisible(!m_attachments.isEmpty());
    Q_EMIT changed();
}

void AttachmentStrip::add(const Attachment &attachment)
{
    append(attachment);
    show();
    Q_EMIT changed();
}

void AttachmentStrip::append(const Attachment &attachment)
{
    auto *chip = new AttachmentChip(attachment, m_removable, this);
    m_layout->insertWidget(int(m_chips.size()), chip);
    m_attachments.append(attachment);
    m_chips.append(chip);
    connect(chip, &AttachmentChip::removeRequested, this,
        [this, chip] { removeAt(int(m_chips.indexOf(chip))); });
}

void AttachmentStrip::removeAt(int index)
{
    if (index < 0 || index >= m_chips.size())
        return;
    AttachmentChip *chip = m_chips.takeAt(index);
    m_attachments.removeAt(index);
    const bool hadFocus = chip->hasFocus();
    chip->hide();
    chip->deleteLater();
    // The keyboard stays in the row: on the chip that took its place, or the one before.
    if (hadFocus && !m_chips.isEmpty())
        m_chips[std::min<qsizetype>(index, m_chips.size() - 1)]->setFocus();
    setVisible(!m_chips.isEmpty());
    Q_EMIT changed();
}

void AttachmentStrip::clear()
{
    if (m_chips.isEmpty())
        return;
    qDeleteAll(m_chips);
    m_chips.clear();
    m_attachments.clear();
    hide();
    Q_EMIT changed();
}

} // namespace detour
