// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace detour {

class ElidedLabel;

// One attachment as a chip: a thumbnail for images (the kind for other files), the file
// name (elided, whole in the tooltip) and size. Removable chips (the composer's) have a ×
// and take keyboard focus, where Delete or Backspace removes them too; the transcript's
// are read-only.
class AttachmentChip final : public QFrame {
    Q_OBJECT

public:
    AttachmentChip(const Attachment &attachment, bool removable, QWidget *parent = nullptr);

    const Attachment &attachment() const { return m_attachment; }
    QToolButton *removeButton() const { return m_remove; } // null when read-only
    // "1.2 KB", in the locale's words.
    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    void removeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    Attachment m_attachment;
    QToolButton *m_remove = nullptr;
};

} // namespace detour
