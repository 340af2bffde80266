// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"

#include <QWidget>

class QHBoxLayout;

namespace detour {

class AttachmentChip;

// A row of attachment chips: above the composer's editor (removable, with ×, Tab
// reaches each chip and Delete or Backspace removes it) or under a message in the
// transcript (read-only). Hidden while empty.
class AttachmentStrip final : public QWidget {
    Q_OBJECT

public:
    explicit AttachmentStrip(bool removable, QWidget *parent = nullptr);

    void setAttachments(const QList<Attachment> &attachments);
    void add(const Attachment &attachment);
    void removeAt(int index);
    void clear();
    QList<Attachment> attachments() const { return m_attachments; }
    int count() const { return int(m_attachments.size()); }
    AttachmentChip *chip(int index) const { return m_chips.value(index); }

Q_SIGNALS:
    void changed(); // added, removed or cleared
    void tabbedPast(); // Tab on the last chip: the editor is next

protected:
    // Tab and Shift+Tab move from chip to chip, in the order they show.
    bool focusNextPrevChild(bool next) override;

private:
    void append(const Attachment &attachment);

    bool m_removable;
    QHBoxLayout *m_layout;
    QList<Attachment> m_attachments;
    QList<AttachmentChip *> m_chips;
};

} // namespace detour
