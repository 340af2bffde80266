// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Composer.h"

#include "chat/ChatSession.h"
#include "chat/RouteChoices.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_routePicker(new QComboBox(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_editing(new QLabel(this))
{
    m_editor->setObjectName(u"composer"_s);
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setPlaceholderText(tr("Ask anything. Ctrl+Enter sends."));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(m_editor->fontMetrics().lineSpacing() * 8);
    m_editor->installEventFilter(this);
    m_routePicker->setObjectName(u"routePicker"_s);
    m_routePicker->setAccessibleName(tr("Route"));
    m_routePicker->setToolTip(tr("The route this conversation uses (Ctrl+K)"));
    m_send->setObjectName(u"sendButton"_s);
    m_send->setDefault(true);
    m_stop->setObjectName(u"stopButton"_s);
    m_stop->setToolTip(tr("Stop the reply (Esc)"));
    m_stop->setEnabled(false);
    m_editing->setObjectName(u"editingNotice"_s);
    m_editing->hide();
    m_editing->setTextFormat(Qt::RichText);
    connect(m_editing, &QLabel::linkActivated, this, &Composer::cancelEdit);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_editor, 1);
    row->addLayout(buttons);
    auto *footer = new QHBoxLayout;
    auto *routeLabel = new QLabel(tr("&Route:"), this);
    routeLabel->setBuddy(m_routePicker);
    footer->addWidget(routeLabel);
    footer->addWidget(m_routePicker, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 8);
    layout->addWidget(m_editing);
    layout->addLayout(row);
    layout->addLayout(footer);

    connect(m_send, &QPushButton::clicked, this, &Composer::submit);
    connect(m_stop, &QPushButton::clicked, this, &Composer::stopRequested);
}

void Composer::connectTo(ChatSession *session)
{
    connect(this, &Composer::sendRequested, session,
        [session](const QString &text) { session->send(text); });
    connect(this, &Composer::editSubmitted, session, &ChatSession::editAndResend);
    connect(this, &Composer::stopRequested, session, &ChatSession::stop);
    connect(session, &ChatSession::busyChanged, this, &Composer::setBusy);
}

void Composer::setRoutes(RouteChoices *routes)
{
    m_routePicker->setModel(routes);
    const auto showActive = [this, routes] {
        m_routePicker->setCurrentIndex(std::max(0, routes->rowOf(routes->activeRoute().name)));
    };
    connect(routes, &RouteChoices::activeRouteChanged, this, showActive);
    connect(routes, &QAbstractItemModel::modelReset, this, showActive);
    connect(m_routePicker, &QComboBox::activated, routes, [routes](int row) {
        routes->choose(routes->index(row).data(RouteChoices::NameRole).toString());
    });
    showActive();
}

void Composer::setDraft(const QString &text)
{
    m_editor->setPlainText(text);
    m_editor->setFocus();
}

void Composer::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setEnabled(!busy);
    m_stop->setEnabled(busy);
}

void Composer::beginEdit(int messageIndex, const QString &text)
{
    m_editIndex = messageIndex;
    m_editor->setPlainText(text);
    m_editor->setFocus();
    m_editing->setText(tr("Editing an earlier message: sending replaces it and everything after "
                          "it. <a href=\"#cancel\">Cancel</a>"));
    m_editing->show();
}

void Composer::cancelEdit()
{
    m_editIndex = -1;
    m_editing->hide();
}

void Composer::submit()
{
    const QString text = m_editor->toPlainText();
    if (m_busy || text.trimmed().isEmpty())
        return;
    if (m_editIndex >= 0)
        Q_EMIT editSubmitted(m_editIndex, text);
    else
        Q_EMIT sendRequested(text);
    cancelEdit();
    m_editor->clear();
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        const bool control = key->modifiers().testFlag(Qt::ControlModifier);
        const bool plain =
            key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
        if (enter && (control || (m_sendWithEnter && plain))) {
            submit();
            return true;
        }
        if (enter && m_sendWithEnter && key->modifiers().testFlag(Qt::ShiftModifier)) {
            m_editor->insertPlainText(u"\n"_s);
            return true;
        }
        if (key->key() == Qt::Key_Escape && m_busy) {
            Q_EMIT stopRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace detour
