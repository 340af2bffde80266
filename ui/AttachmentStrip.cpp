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
    chip->show(); // a child made after its parent was shown stays hidden until told
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
    // The keyboard stays in the row: on the chip that took its place, or the one before.
    if (chip->hasFocus() && !m_chips.isEmpty())
        m_chips[std::min<qsizetype>(index, m_chips.size() - 1)]->setFocus(Qt::TabFocusReason);
    // Out of the window (and its tab order) at once; deleted once its signal has returned.
    chip->hide();
    chip->setParent(nullptr);
    chip->deleteLater();
    setVisible(!m_chips.isEmpty());
    Q_EMIT changed();
}

bool AttachmentStrip::focusNextPrevChild(bool next)
{
    const auto focused = std::find_if(m_chips.cbegin(), m_chips.cend(),
        [](const AttachmentChip *chip) { return chip->hasFocus(); });
    if (focused == m_chips.cend())
        return QWidget::focusNextPrevChild(next);
    const qsizetype index = focused - m_chips.cbegin();
    if (next && index + 1 < m_chips.size()) {
        m_chips[index + 1]->setFocus(Qt::TabFocusReason);
        return true;
    }
    if (next) {
        Q_EMIT tabbedPast();
        return true;
    }
    if (index > 0) {
        m_chips[index - 1]->setFocus(Qt::BacktabFocusReason);
        return true;
    }
    return QWidget::focusNextPrevChild(next);
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
