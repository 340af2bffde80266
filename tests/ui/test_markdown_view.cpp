// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Contrast.h"
#include "MarkdownView.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>
#include <QToolButton>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString reply =
    u"# Title\n\nSome *text* with `code`.\n\n- one\n- two\n\n```cpp\nint main() {}\n```\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nThe end — 数学 🚀."_s;

} // namespace

class TestMarkdownView final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QImage pixel(4, 4, QImage::Format_RGB32);
        pixel.fill(Qt::red);
        QVERIFY(pixel.save(m_dir.filePath(u"pixel.png"_s)));
    }

    void streamingEqualsWholeText_data()
    {
        QTest::addColumn<int>("chunk");
        for (int chunk : { 1, 2, 3, 7, 16, 1000 })
            QTest::addRow("%d", chunk) << chunk;
    }

    void streamingEqualsWholeText()
    {
        QFETCH(int, chunk);
        MarkdownView whole;
        whole.streamer().setText(reply);
        MarkdownView streamed;
        for (qsizetype at = 0; at < reply.size(); at += chunk) {
            streamed.streamer().append(reply.mid(at, chunk));
            if ((at / chunk) % 3 == 0)
                streamed.renderPending(); // frames land at arbitrary points
        }
        streamed.renderPending();
        QCOMPARE(streamed.toPlainText().simplified(), whole.toPlainText().simplified());
        QVERIFY(!streamed.streamer().isDirty());
    }

    void finishedBlocksAreNotRebuilt()
    {
        MarkdownView view;
        view.streamer().append(u"First paragraph.\n\nSecond"_s);
        view.renderPending();
        const QTextBlock first = view.document()->firstBlock();
        QCOMPARE(first.text(), u"First paragraph."_s);
        view.streamer().append(u" paragraph grows"_s);
        view.renderPending();
        // The closed block is the very same block: only the open tail was replaced.
        QCOMPARE(view.document()->firstBlock().text(), u"First paragraph."_s);
        QVERIFY(view.document()->firstBlock() == first);
        QVERIFY(view.toPlainText().contains(u"Second paragraph grows"_s));
    }

    // A list reads as a list, streamed or whole: no empty line above it (a streamed
    // part that starts with a list used to leave one) and no blank line between items.
    void listsAreTight_data()
    {
        QTest::addColumn<int>("chunk"); // 0: the whole text at once
        for (int chunk : { 0, 1, 3, 1000 })
            QTest::addRow("%d", chunk) << chunk;
    }

    void listsAreTight()
    {
        QFETCH(int, chunk);
        const QString text = u"Intro\n\n- one\n- two\n- three\n\nAfter\n\n1. first\n2. second\n"_s;
        MarkdownView view;
        view.resize(400, 300);
        if (chunk == 0) {
            view.streamer().setText(text);
        } else {
            for (qsizetype at = 0; at < text.size(); at += chunk) {
                view.streamer().append(text.mid(at, chunk));
                view.renderPending();
            }
        }
        view.renderPending();
        QTextDocument *document = view.document();
        QStringList blocks;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
            blocks << block.text();
        QCOMPARE(blocks,
            QStringList({ u"Intro"_s, u"one"_s, u"two"_s, u"three"_s, u"After"_s, u"first"_s,
                u"second"_s }));
        const QAbstractTextDocumentLayout *layout = document->documentLayout();
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            if (!block.textList() || !block.next().textList())
                continue;
            // The next item starts right below this one: no paragraph gap in between.
            const qreal gap = layout->blockBoundingRect(block.next()).top()
                - layout->blockBoundingRect(block).bottom();
            QVERIFY2(gap <= MarkdownStreamer::listItemSpacing + 0.5,
                qPrintable(u"%1 px after %2"_s.arg(gap).arg(block.text())));
        }
        QVERIFY(document->findBlockByNumber(1).textList());
        QCOMPARE(document->findBlockByNumber(1).textList()->count(), 3);
    }

    // Fenced and indented code blocks both get a background and a Copy button.
    void codeBlocksOfBothKindsAreMarked()
    {
        MarkdownView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.streamer().setText(u"Text\n\n    indented\n    code\n\nMore\n\n```\nfenced\n```\n"_s);
        QTRY_COMPARE(view.codeBlockRects().size(), 2);
        QCOMPARE(view.findChildren<QToolButton *>().size(), 2);
        // The background differs from the page and keeps the text readable, in both schemes.
        for (const QColor &base : { QColor(Qt::white), QColor(30, 30, 32) }) {
            const QColor text = base.lightness() > 128 ? QColor(Qt::black) : QColor(232, 232, 234);
            const QColor code = MarkdownView::codeBackground(base, text);
            QVERIFY(code != base);
            QVERIFY(Contrast::ratio(code, base) > 1.05);
            QVERIFY(Contrast::ratio(text, code) >= Contrast::text);
        }
    }

    void neverFetchesResources_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("markup"); // %1 is the URL
        const QString both = u"Look: ![x](%1) and [link](%1)"_s;
        const QString htmlImage = u"Look: <img src=\"%1\"> here"_s;
        // A real image on disk: had anything read it, the document would hold its bytes.
        const QString image = m_dir.filePath(u"pixel.png"_s);
        QTest::addRow("remote image") << u"https://tracker.example/pixel.png"_s << both;
        QTest::addRow("local file") << u"file:///etc/passwd"_s << both;
        QTest::addRow("qt resource") << u"qrc:/sim/scenarios/demo.json"_s << both;
        QTest::addRow("local image, file URL") << QUrl::fromLocalFile(image).toString() << both;
        QTest::addRow("local image, bare path") << image << both;
        QTest::addRow("protocol-relative") << u"//tracker.example/pixel.png"_s << both;
        QTest::addRow("data URL") << u"data:image/png;base64,iVBORw0KGgo="_s << both;
        QTest::addRow("reference-style image")
            << u"https://tracker.example/ref.png"_s << u"Look: ![x][p]\n\n[p]: %1"_s;
        QTest::addRow("HTML img, remote") << u"https://tracker.example/html.png"_s << htmlImage;
        QTest::addRow("HTML img, local image")
            << QUrl::fromLocalFile(image).toString() << htmlImage;
        QTest::addRow("HTML img, qt resource") << u"qrc:/sim/scenarios/demo.json"_s << htmlImage;
    }

    void neverFetchesResources()
    {
        QFETCH(QString, url);
        QFETCH(QString, markup);
        MarkdownView view;
        QVERIFY(!view.loadResource(QTextDocument::ImageResource, QUrl(url)).isValid());
        view.streamer().setText(markup.arg(url));
        view.renderPending();
        view.document()->size(); // lays the images out
        // At most the blank stand-in: never the bytes or pixels of what the URL names.
        const QVariant held = view.document()->resource(QTextDocument::ImageResource, QUrl(url));
        QVERIFY(!held.isValid() || held.userType() == QMetaType::QImage);
        QVERIFY(!held.isValid() || qvariant_cast<QImage>(held).size() == QSize(1, 1));
        QVERIFY(view.toPlainText().startsWith(u"Look:"_s));
    }

    // The control for the rows above: an ordinary document does read the local image.
    void ordinaryDocumentWouldReadTheImage()
    {
        const QUrl url = QUrl::fromLocalFile(m_dir.filePath(u"pixel.png"_s));
        QTextDocument plain;
        plain.setMarkdown(u"![x](%1)"_s.arg(url.toString()));
        QVERIFY(plain.resource(QTextDocument::ImageResource, url).isValid());
    }

    void linksAreReportedNotFollowed()
    {
        MarkdownView view;
        QVERIFY(!view.openLinks());
        QVERIFY(!view.openExternalLinks());
        QSignalSpy activated(&view, &MarkdownView::linkActivated);
        Q_EMIT view.anchorClicked(QUrl(u"https://openrouter.ai"_s));
        QCOMPARE(activated.size(), 1);
    }

    void codeBlocksGetACopyButton()
    {
        MarkdownView view;
        view.resize(500, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.streamer().setText(u"Text\n\n```\nfirst line\nsecond line\n```\n"_s);
        view.renderPending();
        QTRY_COMPARE(view.findChildren<QToolButton *>().size(), 1);
        QSignalSpy copied(&view, &MarkdownView::codeCopied);
        view.findChild<QToolButton *>()->click();
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.first().first().toString(), u"first line\nsecond line\n"_s);
    }

    // While a reply streams, only the buttons of its open tail are placed anew: those of
    // finished code blocks stay as they are, and the end result is one button per block.
    void copyButtonsFollowAStreamingReply()
    {
        const QString text = u"Intro\n\n```\nfirst\n```\n\nMiddle\n\n```\nsecond a\nsecond b\n```"
                             "\n\n- item\n\n~~~\nthird\n~~~\n\nThe end.\n"_s;
        MarkdownView view;
        view.resize(500, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QToolButton *first = nullptr;
        QPoint firstAt;
        for (qsizetype at = 0; at < text.size(); at += 5) {
            view.streamer().append(text.mid(at, 5));
            view.renderPending();
            QCoreApplication::processEvents(); // buttons are placed once the document settles
            const QList<QToolButton *> buttons = view.findChildren<QToolButton *>();
            if (first) {
                QVERIFY(buttons.contains(first));
                QCOMPARE(first->pos(), firstAt);
            } else if (at > text.indexOf(u"Middle"_s)) {
                QCOMPARE(buttons.size(), 1); // its block is final
                first = buttons.first();
                firstAt = first->pos();
            }
        }
        QList<QToolButton *> buttons = view.findChildren<QToolButton *>();
        QCOMPARE(buttons.size(), 3);
        std::sort(buttons.begin(), buttons.end(),
            [](const QToolButton *a, const QToolButton *b) { return a->y() < b->y(); });
        QCOMPARE(buttons.first(), first);
        QSignalSpy copied(&view, &MarkdownView::codeCopied);
        for (QToolButton *button : std::as_const(buttons))
            button->click();
        QCOMPARE(copied.size(), 3);
        QCOMPARE(copied[0].first().toString(), u"first\n"_s);
        QCOMPARE(copied[1].first().toString(), u"second a\nsecond b\n"_s);
        QCOMPARE(copied[2].first().toString(), u"third\n"_s);
    }

    // The document is laid out for the view's width, and again only when that changes.
    void textFollowsTheWidth()
    {
        MarkdownView view;
        view.resize(400, 100);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.streamer().setText(QString(u"A long paragraph that wraps. "_s).repeated(20));
        QCoreApplication::processEvents();
        QCOMPARE(view.document()->textWidth(), qreal(view.viewport()->width()));
        const int tall = view.height();
        view.resize(250, view.height());
        QCoreApplication::processEvents();
        QCOMPARE(view.document()->textWidth(), qreal(view.viewport()->width()));
        QTRY_VERIFY(view.height() > tall); // narrower: more lines, and the view grows with them
    }
};

QTEST_MAIN(TestMarkdownView)
#include "test_markdown_view.moc"
