// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace detour {

class ConversationSettingsDialog;

// The route editor's "Defaults" page: the system prompt and parameters every
// conversation on this route starts from (the route file's "defaults"), shown as
// a summary and edited in the conversation settings dialog; a conversation's own
// settings override them field by field. `edited` says the person changed them.
class RouteDefaultsForm final : public QWidget {
    Q_OBJECT

public:
    explicit RouteDefaultsForm(QWidget *parent = nullptr);

    void load(const ConversationSettings &defaults); // emits no `edited`
    ConversationSettings defaults() const { return m_defaults; }
    ConversationSettingsDialog *dialog() const; // null unless open
    void edit();

Q_SIGNALS:
    void edited();

private:
    void change(const ConversationSettings &defaults);

    ConversationSettings m_defaults;
    QLabel *m_summary;
    QPushButton *m_edit;
    QPushButton *m_clear;
    QPointer<ConversationSettingsDialog> m_dialog;
};

} // namespace detour
