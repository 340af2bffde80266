// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ComparisonColumn.h"

#include "MarkdownView.h"
#include "protocol/NumberText.h"
#include "route/ComparisonSummary.h"
#include "route/TurnBadge.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

ComparisonColumn::ComparisonColumn(int column, const QString &routeName, QWidget *parent)
    : QFrame(parent)
    , m_column(column)
    , m_routeName(routeName)
    , m_body(new MarkdownView(this))
    , m_badge(new QLabel(this))
    , m_attempts(new QLabel(this))
    , m_inspect(new QToolButton(this))
    , m_use(new QPushButton(tr("Use this answer"), this))
{
    setObjectName(u"comparisonColumn"_s);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Answer of %1").arg(routeName));

    auto *header = new QHBoxLayout;
    auto *name = new QLabel(routeName, this);
    name->setObjectName(u"columnRoute"_s);
    name->setTextFormat(Qt::PlainText);
    name->setWordWrap(true);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    header->addWidget(name, 1);
    m_inspect->setObjectName(u"columnInspectButton"_s);
    m_inspect->setText(tr("Attempts"));
    m_inspect->setToolTip(tr("Show this route's attempts in the error inspector"));
    m_inspect->setAccessibleName(tr("Attempts of %1").arg(routeName));
    m_inspect->setAutoRaise(true);
    header->addWidget(m_inspect);

    m_body->setObjectName(u"columnBody"_s);
    m_body->setAccessibleName(tr("Answer of %1").arg(routeName));
    m_badge->setObjectName(u"columnBadge"_s);
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setWordWrap(true);
    m_badge->setForegroundRole(QPalette::PlaceholderText);
    m_attempts->setObjectName(u"columnAttempts"_s);
    m_attempts->setTextFormat(Qt::PlainText);
    m_attempts->setWordWrap(true);
    m_attempts->setForegroundRole(QPalette::PlaceholderText);
    m_attempts->hide();
    m_use->setObjectName(u"useAnswerButton"_s);
    m_use->setAccessibleName(tr("Use the answer of %1").arg(routeName));
    m_use->setToolTip(tr("Continue the conversation with this answer"));
    m_use->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    // The answer fits its text (MarkdownView sets its own height): a long one scrolls inside
    // its column, and the columns stay within the window.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumHeight(80);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_badge);
    layout->addWidget(m_attempts);
    layout->addWidget(m_use, 0, Qt::AlignLeft);

    connect(m_use, &QPushButton::clicked, this, [this] { Q_EMIT useRequested(m_column); });
    connect(m_inspect, &QToolButton::clicked, this, [this] { Q_EMIT attemptsRequested(m_column); });
    connect(m_body, &MarkdownView::linkActivated, this, &ComparisonColumn::linkActivated);
    showRunning(tr("Waiting for the route…"));
}

void ComparisonColumn::append(const QString &text)
{
    if (m_empty) {
        m_empty = false;
        m_badge->clear();
        m_badge->hide();
    }
    m_body->streamer().append(text);
}

void ComparisonColumn::showRunning(const QString &status)
{
    m_badge->setText(status);
    m_badge->setVisible(m_empty);
    m_use->setEnabled(false);
}

void ComparisonColumn::showFinished(const TurnResult &result, bool usable)
{
    m_body->streamer().setText(result.content);
    m_empty = result.content.isEmpty();
    m_badge->setText(badgeText(result));
    m_badge->setAccessibleDescription(m_badge->text());
    m_badge->show();
    m_attempts->setText(TurnBadge::attemptsLine(result));
    m_attempts->setVisible(!m_attempts->text().isEmpty());
    m_use->setEnabled(usable);
    renderPending();
}

void ComparisonColumn::renderPending()
{
    m_body->renderPending();
}

QString ComparisonColumn::badgeText(const TurnResult &result)
{
    QString text = TurnBadge::text(result);
    if (const std::optional<double> rate = ComparisonSummary::tokensPerSecond(result)) {
        // After the tokens: "63 tok · 52 tok/s · $0.0001".
        const QString tokens = result.served() && result.served()->usage
            ? QCoreApplication::translate("TurnBadge", "%1 tok")
                  .arg(result.served()->usage->totalTokens)
            : QString();
        const QString perSecond = tr("%1 tok/s").arg(QLocale().toString(*rate, 'f', 0));
        const qsizetype at = tokens.isEmpty() ? -1 : text.indexOf(tokens);
        if (at >= 0)
            text.insert(at + tokens.size(), u" · "_s + perSecond);
        else
            text += u" · "_s + perSecond;
    }
    return text;
}

} // namespace detour
