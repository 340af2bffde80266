// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteDefaultsForm.h"

#include "ConversationSettingsDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

RouteDefaultsForm::RouteDefaultsForm(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit defaults…"), this))
    , m_clear(new QPushButton(tr("C&lear"), this))
{
    setObjectName(u"defaultsPage"_s);
    m_summary->setObjectName(u"routeDefaultsSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setObjectName(u"editRouteDefaults"_s);
    m_clear->setObjectName(u"clearRouteDefaults"_s);
    auto *hint = new QLabel(
        tr("Every conversation on this route starts from these; what a conversation sets "
           "itself (Chat ▸ Conversation settings…) wins, field by field."),
        this);
    hint->setWordWrap(true);
    connect(m_edit, &QPushButton::clicked, this, &RouteDefaultsForm::edit);
    connect(m_clear, &QPushButton::clicked, this, [this] { change({}); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    layout->addStretch(1);
    load({});
}

ConversationSettingsDialog *RouteDefaultsForm::dialog() const
{
    return m_dialog;
}

void RouteDefaultsForm::load(const ConversationSettings &defaults)
{
    m_defaults = defaults;
    QStringList lines;
    if (!defaults.systemPrompt.trimmed().isEmpty())
        lines << tr("System prompt: %1").arg(defaults.systemPrompt.trimmed());
    const nlohmann::json parameters = defaults.parametersJson();
    for (const auto &[name, value] : parameters.items())
        lines << QString::fromStdString(name) + u": "_s + QString::fromStdString(value.dump());
    m_summary->setText(lines.isEmpty()
            ? tr("No defaults: conversations start from the model's own settings.")
            : lines.join(u'\n'));
    m_clear->setEnabled(!defaults.isEmpty());
}

void RouteDefaultsForm::change(const ConversationSettings &defaults)
{
    if (defaults == m_defaults)
        return;
    load(defaults);
    Q_EMIT edited();
}

void RouteDefaultsForm::edit()
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new ConversationSettingsDialog(this);
    m_dialog->setObjectName(u"routeDefaultsDialog"_s);
    m_dialog->setWindowTitle(tr("Route defaults"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setSettings(m_defaults);
    connect(m_dialog, &QDialog::accepted, this,
        [this, dialog = m_dialog] { change(dialog->settings()); });
    m_dialog->open();
}

} // namespace detour
