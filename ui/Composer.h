// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"

#include <QWidget>
#include <functional>

class QComboBox;
class QMimeData;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace detour {

class AttachmentStrip;
class ChatSession;
class RouteChoices;

// Where a person writes: Ctrl+Enter sends (or Enter, when configured; the
// other inserts a newline), Esc stops. The route picker sits beside it.
// Files are attached by the paperclip (Ctrl+O), dropped or pasted; they show
// as chips above the editor and go with the next message. A file that cannot
// be attached is said in a line under the editor until the next action.
class Composer final : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *routePicker() const { return m_routePicker; }
    AttachmentStrip *attachmentStrip() const { return m_attachments; }
    QPushButton *attachButton() const { return m_attach; }
    // Puts `tool` (the saved prompts' menu, say) in the row under the editor, after the paperclip.
    void addFooterTool(QWidget *tool);
    QLabel *attachmentNotice() const { return m_notice; }
    QList<Attachment> attachments() const;
    // Sends to `session`, stops it, and is busy while it is.
    void connectTo(ChatSession *session);
    // The route picker shows `routes` and picks from them.
    void setRoutes(RouteChoices *routes);
    void setSendWithEnter(bool enabled) { m_sendWithEnter = enabled; }
    // While set (compare mode), a new message goes to `handler` instead of sendRequested();
    // it returns whether it took the message (the editor and the attachments are then
    // emptied). An empty handler sends as usual again.
    using SendHandler = std::function<bool(const QString &, const QList<Attachment> &)>;
    void divertSends(SendHandler handler) { m_divert = std::move(handler); }
    void setBusy(bool busy);
    // Puts `text` in the editor, ready to be edited and sent.
    void setDraft(const QString &text);
    // Editing an earlier message: the next send replaces it and what followed.
    void beginEdit(int messageIndex, const QString &text);

    // Opens the file dialog (the paperclip) and attaches what is picked.
    void pickFiles();
    // Attaches each file; the ones refused are said under the editor.
    void attachFiles(const QStringList &paths);
    // Dropped or pasted data: local files by their URLs, an image as "pasted-image-N.png".
    // False when there is nothing to attach in it (pasted text stays text).
    bool attachMimeData(const QMimeData *mime);
    static bool hasAttachableData(const QMimeData *mime);
    // The session took the message: its attachments are gone from the composer.
    void clearAttachments();

Q_SIGNALS:
    void sendRequested(const QString &text, const QList<detour::Attachment> &attachments);
    void editSubmitted(int messageIndex, const QString &text);
    void stopRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void submit();
    void cancelEdit();
    void showRefusals(const QStringList &sentences);

    QPlainTextEdit *m_editor;
    QComboBox *m_routePicker;
    QPushButton *m_send;
    QPushButton *m_stop;
    QLabel *m_editing;
    AttachmentStrip *m_attachments;
    QPushButton *m_attach;
    QHBoxLayout *m_footer;
    QLabel *m_notice;
    int m_pastedImages = 0;
    bool m_sendWithEnter = false;
    bool m_busy = false;
    int m_editIndex = -1;
    SendHandler m_divert;
};

} // namespace detour
