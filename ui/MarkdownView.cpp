#include "MarkdownView.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// QTextDocument reads local files itself when its view returns nothing for a
// resource; this document never loads anything, whatever the URL. An image
// gets a blank pixel rather than nothing: given nothing, Qt's image handler
// reads the name as a file path (or ":/" resource) and shows that file.
class InertDocument final : public QTextDocument {
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &) override
    {
        if (type != QTextDocument::ImageResource)
            return {};
        static const QImage blank = [] {
            QImage pixel(1, 1, QImage::Format_ARGB32);
            pixel.fill(Qt::transparent);
            return pixel;
        }();
        return blank;
    }
};

QTextDocument *installInertDocument(QTextBrowser *view)
{
    view->setDocument(new InertDocument(view));
    return view->document();
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
    m_placeButtons.start();
}

QSize MarkdownView::sizeHint() const
{
    const int height = int(std::ceil(document()->size().height())) + frameWidth() * 2;
    return { QTextBrowser::sizeHint().width(), std::max(height, fontMetrics().height()) };
}

void MarkdownView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    document()->setTextWidth(viewport()->width());
    updateGeometryToContents();
    m_placeButtons.start();
}

void MarkdownView::updateGeometryToContents()
{
    const int height = sizeHint().height();
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

void MarkdownView::placeCopyButtons()
{
    // One button per fenced code block, at its top right corner.
    int used = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        if (!format.hasProperty(QTextFormat::BlockCodeFence))
            continue;
        if (block.previous().isValid()
            && block.previous().blockFormat().hasProperty(QTextFormat::BlockCodeFence))
            continue; // not the first line of its block
        QString code;
        for (QTextBlock line = block;
             line.isValid() && line.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
             line = line.next())
            code += line.text().replace(QChar::LineSeparator, u'\n') + u'\n';
        if (used == m_copyButtons.size()) {
            auto *button = new QToolButton(viewport());
            button->setText(tr("Copy"));
            button->setAutoRaise(true);
            button->setCursor(Qt::PointingHandCursor);
            button->setAccessibleName(tr("Copy code block"));
            m_copyButtons.append(button);
        }
        QToolButton *button = m_copyButtons[used++];
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
        delete m_copyButtons.takeLast();
}

} // namespace detour
