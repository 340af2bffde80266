// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MessageBubble.h"

#include "AttachmentStrip.h"
#include "MarkdownView.h"
#include "OutcomeColors.h"
#include "ThinkingSection.h"
#include "route/TurnBadge.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QShortcut>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A label that shows keyboard focus: a frame in the palette's highlight colour. (A style
// sheet would do it in one line, but a label with a style sheet keeps the palette it had
// then, and stays light-scheme grey on a dark scheme.)
class TurnLink final : public QLabel {
public:
    using QLabel::QLabel;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QLabel::paintEvent(event);
        if (!hasFocus())
            return;
        QPainter painter(this);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1));
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
    }
};

} // namespace

MessageBubble::MessageBubble(int index, const ChatSession::Message &message, QWidget *parent)
    : QFrame(parent)
    , m_index(index)
    , m_isUser(message.message.role == "user"_L1)
    , m_body(new MarkdownView(this))
{
    setObjectName(m_isUser ? u"userMessage"_s : u"assistantMessage"_s);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(m_isUser ? QPalette::AlternateBase : QPalette::Base);
    setAutoFillBackground(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    auto *who = new QLabel(m_isUser ? tr("You") : tr("Assistant"), this);
    QFont bold = who->font();
    bold.setBold(true);
    who->setFont(bold);
    header->addWidget(who);
    header->addStretch();

    const auto addAction = [&](const QString &text, const QString &tip) {
        auto *button = new QToolButton(this);
        m_actions.append(button);
        button->setText(text);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setAutoRaise(true);
        header->addWidget(button);
        return button;
    };
    QToolButton *copy = addAction(tr("Copy"), tr("Copy this message"));
    connect(copy, &QToolButton::clicked, this, [this] { Q_EMIT copyRequested(m_index); });
    if (m_isUser) {
        m_edit = addAction(tr("Edit"), tr("Edit this message and send it again"));
        connect(m_edit, &QToolButton::clicked, this, [this] { Q_EMIT editRequested(m_index); });
    } else {
        m_continue = addAction(tr("Continue"), tr("Continue the interrupted reply"));
        connect(m_continue, &QToolButton::clicked, this, &MessageBubble::continueRequested);
        m_regenerate = addAction(tr("Regenerate"), tr("Ask again for a new reply"));
        connect(m_regenerate, &QToolButton::clicked, this, &MessageBubble::regenerateRequested);
    }
    // ‹ 2 / 3 ›: the versions of this message, after its actions (also for Tab).
    m_previousVersion = new QToolButton(this);
    m_previousVersion->setObjectName(u"previousVersion"_s);
    m_previousVersion->setText(u"‹"_s);
    m_previousVersion->setAccessibleName(tr("Previous version"));
    m_previousVersion->setToolTip(tr("Previous version (Alt+Left)"));
    m_versionLabel = new QLabel(this);
    m_versionLabel->setObjectName(u"versionLabel"_s);
    m_nextVersion = new QToolButton(this);
    m_nextVersion->setObjectName(u"nextVersion"_s);
    m_nextVersion->setText(u"›"_s);
    m_nextVersion->setAccessibleName(tr("Next version"));
    m_nextVersion->setToolTip(tr("Next version (Alt+Right)"));
    for (QWidget *part : { static_cast<QWidget *>(m_previousVersion),
             static_cast<QWidget *>(m_versionLabel), static_cast<QWidget *>(m_nextVersion) }) {
        part->hide();
        header->addWidget(part);
    }
    m_previousVersion->setAutoRaise(true);
    m_nextVersion->setAutoRaise(true);
    connect(m_previousVersion, &QToolButton::clicked, this, [this] { requestSibling(-1); });
    connect(m_nextVersion, &QToolButton::clicked, this, [this] { requestSibling(+1); });
    // Wherever the focus is in this message (its text, a button): not only on the arrows.
    for (const auto &[key, step] :
        { std::pair { Qt::Key_Left, -1 }, std::pair { Qt::Key_Right, +1 } }) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::ALT | key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, step] { requestSibling(step); });
    }

    layout->addLayout(header);
    if (!m_isUser) {
        m_thinking = new ThinkingSection(this);
        layout->addWidget(m_thinking);
    }
    m_body->setAccessibleName(m_isUser ? tr("Your message") : tr("Reply"));
    connect(m_body, &MarkdownView::linkActivated, this, &MessageBubble::linkActivated);
    layout->addWidget(m_body);
    showAttachments(message.message.attachments);

    if (!m_isUser) {
        m_badge = makeTurnLink(u"turnBadge"_s, tr("Turn summary"));
        m_badge->setTextFormat(Qt::PlainText);
        layout->addWidget(m_badge);
        m_attempts = makeTurnLink(u"attemptsLine"_s, tr("Attempts of this turn"));
        // Rich text for the coloured symbols; every word from the server is escaped.
        m_attempts->setTextFormat(Qt::RichText);
        m_attempts->hide();
        layout->addWidget(m_attempts);
    }
    if (m_isUser) {
        m_userText = message.message.content;
        m_body->streamer().setText(MarkdownStreamer::keepingLineBreaks(m_userText));
    } else {
        m_body->streamer().setText(message.message.content);
    }
    m_shownLength = message.message.content.size();
    update(message, false);
}

QLabel *MessageBubble::makeTurnLink(const QString &objectName, const QString &name)
{
    // A line that opens the turn in the inspector, by mouse or (Tab, then Enter or Space)
    // by keyboard; the frame shows where the keyboard is.
    auto *label = new TurnLink(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setCursor(Qt::PointingHandCursor);
    label->setFocusPolicy(Qt::TabFocus);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setToolTip(tr("Show this turn in the error inspector"));
    label->setAccessibleName(name);
    label->setContentsMargins(2, 2, 2, 2); // room for the focus frame
    label->installEventFilter(this);
    return label;
}

void MessageBubble::showAttempts()
{
    if (!m_attempts)
        return;
    QStringList parts;
    QStringList plain;
    for (const TurnBadge::Hop &hop : std::as_const(m_hops)) {
        const QString text = TurnBadge::hopText(hop);
        const QString symbol = TurnBadge::symbol(hop.outcome);
        const QColor color = OutcomeColors::foreground(hop.outcome, palette());
        parts << u"<span style=\"color:%1\">%2</span>%3"_s.arg(color.name(QColor::HexRgb),
            symbol.toHtmlEscaped(), text.sliced(symbol.size()).toHtmlEscaped());
        plain << text;
    }
    m_attempts->setText(parts.join(u" → "_s));
    m_attempts->setAccessibleDescription(plain.join(u" → "_s));
}

void MessageBubble::showAttachments(const QList<Attachment> &attachments)
{
    // A bubble is updated often (every busy change): compared by where the (shared) bytes
    // are, not by hashing them; new bytes with the same content only remake the chips.
    QList<const char *> shown;
    for (const Attachment &attachment : attachments)
        shown << attachment.data.constData();
    if (shown == m_attachmentData)
        return;
    m_attachmentData = shown;
    if (!m_attachments) {
        m_attachments = new AttachmentStrip(false, this);
        auto *box = static_cast<QVBoxLayout *>(layout());
        box->insertWidget(box->indexOf(m_body) + 1, m_attachments);
    }
    m_attachments->setAttachments(attachments);
}

void MessageBubble::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showAttempts(); // the symbols' colours are the scheme's
}

void MessageBubble::requestSibling(int step)
{
    const int target = m_sibling + step;
    if (m_busy || m_siblings < 2 || target < 0 || target >= m_siblings)
        return;
    Q_EMIT siblingRequested(m_index, step);
}

void MessageBubble::showVersions(const ChatSession::Message &message, bool busy)
{
    m_busy = busy;
    m_sibling = message.sibling;
    m_siblings = message.siblings;
    const bool versions = m_siblings > 1;
    m_previousVersion->setVisible(versions);
    m_versionLabel->setVisible(versions);
    m_nextVersion->setVisible(versions);
    if (!versions)
        return;
    m_versionLabel->setText(u"%1 / %2"_s.arg(m_sibling + 1).arg(m_siblings));
    m_versionLabel->setAccessibleName(tr("Version %1 of %2").arg(m_sibling + 1).arg(m_siblings));
    m_previousVersion->setEnabled(!busy && m_sibling > 0);
    m_nextVersion->setEnabled(!busy && m_sibling + 1 < m_siblings);
}

void MessageBubble::update(const ChatSession::Message &message, bool busy)
{
    m_turn = message.turn;
    showVersions(message, busy);
    const QString &content = message.message.content;
    if (m_isUser) {
        if (content != m_userText) { // edited
            m_userText = content;
            m_body->streamer().setText(MarkdownStreamer::keepingLineBreaks(content));
        }
        showAttachments(message.message.attachments);
    } else if (!extendsShown(content)) {
        m_body->streamer().setText(content); // regenerated or edited: start over
    } else if (content.size() > m_shownLength) {
        m_body->streamer().append(content.sliced(m_shownLength));
    }
    m_shownLength = content.size();
    // Every bubble has a "Copy this message": which message it is tells them apart.
    const QString which = (m_isUser ? tr("Your message: %1") : tr("The reply: %1"))
                              .arg(QStringView(content).left(80).trimmed().toString());
    if (m_actions.first()->accessibleDescription() != which) {
        for (QToolButton *action : std::as_const(m_actions))
            action->setAccessibleDescription(which);
        m_previousVersion->setAccessibleDescription(which);
        m_nextVersion->setAccessibleDescription(which);
        if (m_thinking) // "Thinking (n characters)" is said of every reply: which one is this
            m_thinking->toggle()->setAccessibleDescription(which);
        m_body->setAccessibleDescription(which);
    }
    if (m_edit)
        m_edit->setEnabled(!busy);
    if (!m_badge)
        return;
    m_thinking->setReasoning(message.reasoning, !content.isEmpty(), busy && !message.result);
    const bool running = busy && !message.result;
    // Waiting only until the first words (or thoughts) arrive: then the reply shows it is coming.
    m_badge->setText(running
            ? (content.isEmpty() && message.reasoning.isEmpty()
                    // the summary of a running turn: why it waits (for the network)
                    ? (message.summary.isEmpty() ? tr("Waiting for the route…") : message.summary)
                    : QString())
            : message.result ? TurnBadge::text(*message.result)
                             : QString());
    m_badge->setVisible(!m_badge->text().isEmpty());
    m_badge->setAccessibleDescription(m_badge->text());
    const QList<TurnBadge::Hop> hops =
        message.result && !TurnBadge::attemptsLine(*message.result).isEmpty()
        ? TurnBadge::hops(*message.result)
        : QList<TurnBadge::Hop>();
    if (hops != m_hops) {
        m_hops = hops;
        showAttempts();
    }
    m_attempts->setVisible(!m_hops.isEmpty());
    m_regenerate->setEnabled(!busy);
    m_continue->setVisible(!busy && message.result
        && message.status == TurnResult::Status::Interrupted && !content.isEmpty());
}

void MessageBubble::rebind(int index, const ChatSession::Message &message, bool busy)
{
    m_index = index;
    highlight({});
    if (m_thinking && (!m_thinking->text().isEmpty() || !message.reasoning.isEmpty())) {
        // Its open / closed state and timing belong to the message it showed: a fresh one.
        auto *box = static_cast<QVBoxLayout *>(layout());
        auto *fresh = new ThinkingSection(this);
        delete box->replaceWidget(m_thinking, fresh);
        delete m_thinking;
        m_thinking = fresh;
        m_actions.first()->setAccessibleDescription({}); // update() describes the new one too
    }
    const QString &content = message.message.content;
    if (m_isUser) {
        m_userText = content;
        m_body->streamer().setText(MarkdownStreamer::keepingLineBreaks(content));
    } else {
        m_body->streamer().setText(content);
        showAttachments(message.message.attachments);
    }
    m_shownLength = content.size();
    update(message, busy);
}

int MessageBubble::heightAt(int width)
{
    const QMargins margins = layout()->contentsMargins();
    m_body->fitWidth(width - 2 * frameWidth() - margins.left() - margins.right());
    return hasHeightForWidth() ? heightForWidth(width) : sizeHint().height();
}

bool MessageBubble::extendsShown(const QString &content) const
{
    // Whether `content` is what the body shows with more after it (a streaming reply), or
    // something else. Compared at both ends of what is shown, not all along it: a frame of
    // a long reply would otherwise cost the whole reply again (a 100,000-token reply is
    // about 770,000 characters), and a reply that is replaced (regenerated,
    // continued elsewhere) differs at its start or where the old one ended.
    constexpr qsizetype ends = 64;
    const QString &shown = m_body->streamer().text();
    if (content.size() < shown.size())
        return false;
    const qsizetype head = std::min(ends, shown.size());
    const qsizetype tail = std::min(ends, shown.size() - head);
    return QStringView(content).first(head) == QStringView(shown).first(head)
        && QStringView(content).sliced(shown.size() - tail, tail) == QStringView(shown).last(tail);
}

void MessageBubble::renderPending()
{
    m_body->renderPending();
}

QTextCharFormat MessageBubble::searchHitFormat()
{
    // The marker-pen colour with black text reads the same in light and dark, and
    // unlike the palette's Highlight it is not mistaken for a text selection.
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xd5, 0x4f));
    format.setForeground(Qt::black);
    return format;
}

QTextCursor MessageBubble::highlight(const QStringList &terms)
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextCursor first;
    const QTextDocument *document = m_body->document();
    for (const QString &term : terms) {
        if (term.trimmed().isEmpty())
            continue;
        for (QTextCursor found = document->find(term); !found.isNull();
             found = document->find(term, found)) {
            selections.append({ found, searchHitFormat() });
            if (first.isNull() || found.selectionStart() < first.selectionStart())
                first = found;
        }
    }
    m_body->setExtraSelections(selections);
    return first;
}

bool MessageBubble::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_badge || watched == m_attempts) && m_turn >= 0) {
        if (event->type() == QEvent::MouseButtonRelease) {
            Q_EMIT badgeClicked(m_turn);
        } else if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Space) {
                Q_EMIT badgeClicked(m_turn);
                return true;
            }
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace detour
