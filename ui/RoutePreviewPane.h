// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"

#include <QObject>

class QComboBox;
class QPlainTextEdit;
class QWidget;

namespace detour {

class RouteStepsModel;

// The route editor's last two pages: the exact request a step sends (requestPage) and the
// whole route as code in a chosen language with a Copy button (codePage). Two pages in the
// editor's tabs, so this is no widget itself: it makes both, children of `parent`, and the
// editor places them. It shows what it is told to show; `languageChanged` asks for a refresh.
class RoutePreviewPane final : public QObject {
    Q_OBJECT

public:
    RoutePreviewPane(const RouteStepsModel *steps, QWidget *parent);

    QPlainTextEdit *requestPage() const { return m_preview; }
    QWidget *codePage() const { return m_codePage; }
    QString copyAsText() const; // what "Copy" puts on the clipboard for the chosen language
    // The request the step at `row` sends (the first step's if `row` is no step), and the code.
    void update(int row);
    // The open conversation's system prompt and parameters, as they would be sent; true
    // when they changed (the caller then updates).
    bool setConversationSettings(const ConversationSettings &settings);

Q_SIGNALS:
    void languageChanged();

private:
    const RouteStepsModel *m_steps;
    ConversationSettings m_conversationSettings;
    QComboBox *m_language;
    QPlainTextEdit *m_preview;
    QPlainTextEdit *m_code;
    QWidget *m_codePage;
};

} // namespace detour
