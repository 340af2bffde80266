// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MarkdownView.h"

#include "InertTextDocument.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <algorithm>
#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QTextDocument *installInertDocument(QTextBrowser *view)
{
    auto *document = new InertTextDocument(view);
    // Nobody edits it, and a streamed reply replaces its tail on every frame: an undo
    // stack would keep every tail ever shown (memory and time growing with the reply).
    document->setUndoRedoEnabled(false);
    view->setDocument(document);
    return document;
}

} // namespace

MarkdownView::MarkdownView(QWidget *parent)
    : QTextBrowser(parent)
    , m_streamer(installInertDocument(this))
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    viewport()->setAutoFillBackground(false);
    document()->setDocumentMargin(2);
    connect(this, &QTextBrowser::anchorClicked, this, &MarkdownView::linkActivated);
    m_placeButtons.setSingleShot(true);
    m_placeButtons.setInterval(0);
    connect(&m_placeButtons, &QTimer::timeout, this, &MarkdownView::placeCopyButtons);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
        [this] {
            updateGeometryToContents();
            m_placeButtons.start();
        });
}

QVariant MarkdownView::loadResource(int, const QUrl &)
{
    // Model output must not make Detour fetch anything: no tracking pixels, no local files.
    return {};
}

void MarkdownView::renderPending()
{
    if (!m_streamer.isDirty())
        return;
    m_streamer.render();
    // Now, not when the layout reports its new size: until then the widget keeps the old
    // height, and whatever sits below it (the turn badge) is drawn over the last lines.
    updateGeometryToContents();
    m_placeButtons.start();
}

void MarkdownView::fitWidth(int width)
{
    const int textWidth = width - 2 * frameWidth();
    if (textWidth > 0 && document()->textWidth() != textWidth)
        document()->setTextWidth(textWidth);
    updateGeometryToContents();
}

QSize MarkdownView::sizeHint() const
{
    const int height = int(std::ceil(document()->size().height())) + frameWidth() * 2;
    return { QTextBrowser::sizeHint().width(), std::max(height, fontMetrics().height()) };
}

void MarkdownView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    // The height follows the content, so most resizes change only the height: laying the
    // whole document out again for those would cost a full re-render per frame of a reply.
    const int width = viewport()->width();
    if (width != m_textWidth) {
        m_textWidth = width;
        if (document()->textWidth() != width)
            document()->setTextWidth(width);
        m_buttonsStaleFrom = 0; // every block may have moved
        m_placeButtons.start();
    }
    updateGeometryToContents();
}

void MarkdownView::updateGeometryToContents()
{
    const int height = sizeHint().height();
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

namespace {

bool isCodeLine(const QTextBlock &block)
{
    return MarkdownStreamer::isCodeBlock(block);
}

} // namespace

QColor MarkdownView::codeBackground(const QColor &background, const QColor &text)
{
    // A step from the background towards the text: darker in light schemes, lighter in
    // dark ones, and far enough from the text that it stays readable on it.
    constexpr double share = 0.08;
    const auto mix = [](double from, double to) { return from + (to - from) * share; };
    return QColor::fromRgbF(float(mix(background.redF(), text.redF())),
        float(mix(background.greenF(), text.greenF())),
        float(mix(background.blueF(), text.blueF())));
}

QRect MarkdownView::backgroundRect(const CopyButton &placed) const
{
    const int margin = int(document()->documentMargin());
    return QRect(
        QPoint(margin, placed.top), QPoint(viewport()->width() - margin - 1, placed.bottom));
}

QList<QRect> MarkdownView::codeBlockRects() const
{
    QList<QRect> rects;
    for (const CopyButton &placed : m_copyButtons)
        rects.append(backgroundRect(placed));
    return rects;
}

void MarkdownView::paintEvent(QPaintEvent *event)
{
    // (Until the buttons are placed again after a change, the rectangles are those of the
    // last placing: a frame later, placeCopyButtons() repaints.)
    if (!m_copyButtons.isEmpty()) {
        // Behind the text: the viewport fills no background of its own, so the bubble's
        // shows through everywhere else.
        const QWidget *bubble = parentWidget() ? parentWidget() : this;
        const QColor fill = codeBackground(
            bubble->palette().color(bubble->backgroundRole()), palette().color(QPalette::Text));
        QPainter painter(viewport());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        const int scrolled = verticalScrollBar()->value();
        const QRect area = event->rect().translated(0, scrolled);
        // In document order, so top to bottom: only those that reach into the painted area.
        auto placed = std::partition_point(m_copyButtons.cbegin(), m_copyButtons.cend(),
            [&area](const CopyButton &button) { return button.bottom < area.top(); });
        for (; placed != m_copyButtons.cend() && placed->top <= area.bottom(); ++placed)
            painter.drawRoundedRect(backgroundRect(*placed).translated(0, -scrolled), 4, 4);
    }
    QTextBrowser::paintEvent(event);
}

void MarkdownView::placeCopyButtons()
{
    int from = m_streamer.takeChangedFrom();
    if (m_buttonsStaleFrom >= 0)
        from = from < 0 ? m_buttonsStaleFrom : std::min(from, m_buttonsStaleFrom);
    m_buttonsStaleFrom = -1;
    if (from < 0)
        return;
    // Start at the code block (if any) that reaches `from`: it is revisited whole.
    QTextBlock block = document()->findBlock(std::min(from, document()->characterCount() - 1));
    while (isCodeLine(block) && isCodeLine(block.previous()))
        block = block.previous();
    from = block.isValid() ? block.position() : 0;
    // Buttons before `from` stay as they are: their blocks have neither changed nor moved.
    qsizetype used = 0;
    while (used < m_copyButtons.size() && m_copyButtons[used].position < from)
        ++used;

    // One button per fenced code block, at its top right corner.
    for (; block.isValid(); block = block.next()) {
        if (!isCodeLine(block) || isCodeLine(block.previous()))
            continue; // not the first line of a code block
        QString code;
        QTextBlock lastLine = block;
        for (QTextBlock line = block; isCodeLine(line); line = line.next()) {
            code += line.text().replace(QChar::LineSeparator, u'\n') + u'\n';
            lastLine = line;
        }
        if (used == m_copyButtons.size()) {
            auto *button = new QToolButton(viewport());
            button->setText(tr("Copy"));
            button->setAutoRaise(true);
            button->setCursor(Qt::PointingHandCursor);
            button->setAccessibleName(tr("Copy code block"));
            m_copyButtons.append({ button, 0, 0, 0, 0 });
        }
        CopyButton &placed = m_copyButtons[used++];
        // Several code blocks, several "Copy code block" buttons: the first line tells them apart.
        placed.button->setAccessibleDescription(
            tr("Copies the code that starts with: %1").arg(code.section(u'\n', 0, 0).left(80)));
        placed.position = block.position();
        placed.lastLine = lastLine.position();
        // Into the paragraph margins above and below, which are wider than this.
        constexpr int overhang = 4;
        const QAbstractTextDocumentLayout *layout = document()->documentLayout();
        placed.top = int(layout->blockBoundingRect(block).top()) - overhang;
        placed.bottom = int(std::ceil(layout->blockBoundingRect(lastLine).bottom())) + overhang;
        QToolButton *button = placed.button;
        button->disconnect(this);
        connect(button, &QToolButton::clicked, this, [this, code] {
            QGuiApplication::clipboard()->setText(code);
            Q_EMIT codeCopied(code);
        });
        const QRectF rect = document()->documentLayout()->blockBoundingRect(block);
        button->adjustSize();
        button->move(int(rect.right()) - button->width() - 4, int(rect.top()) + 2);
        button->show();
    }
    while (m_copyButtons.size() > used)
        delete m_copyButtons.takeLast().button;
    viewport()->update(); // the code backgrounds
}

} // namespace detour
