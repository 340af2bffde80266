// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace detour {

class ChatSession;
class RouteChoices;

// Where a person writes: Ctrl+Enter sends (or Enter, when configured; the
// other inserts a newline), Esc stops. The route picker sits beside it.
class Composer final : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *routePicker() const { return m_routePicker; }
    // Sends to `session`, stops it, and is busy while it is.
    void connectTo(ChatSession *session);
    // The route picker shows `routes` and picks from them.
    void setRoutes(RouteChoices *routes);
    void setSendWithEnter(bool enabled) { m_sendWithEnter = enabled; }
    void setBusy(bool busy);
    // Puts `text` in the editor, ready to be edited and sent.
    void setDraft(const QString &text);
    // Editing an earlier message: the next send replaces it and what followed.
    void beginEdit(int messageIndex, const QString &text);

Q_SIGNALS:
    void sendRequested(const QString &text);
    void editSubmitted(int messageIndex, const QString &text);
    void stopRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void cancelEdit();

    QPlainTextEdit *m_editor;
    QComboBox *m_routePicker;
    QPushButton *m_send;
    QPushButton *m_stop;
    QLabel *m_editing;
    bool m_sendWithEnter = false;
    bool m_busy = false;
    int m_editIndex = -1;
};

} // namespace detour
