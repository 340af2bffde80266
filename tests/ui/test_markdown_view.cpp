#include "MarkdownView.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString reply = u"# Title\n\nSome *text* with `code`.\n\n- one\n- two\n\n```cpp\nint main() {}\n```\n\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n\nThe end — 数学 🚀."_s;

} // namespace

class TestMarkdownView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

    void neverFetchesResources_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addRow("remote image") << u"https://tracker.example/pixel.png"_s;
        QTest::addRow("local file") << u"file:///etc/passwd"_s;
        QTest::addRow("qt resource") << u"qrc:/sim/scenarios/demo.json"_s;
    }

    void neverFetchesResources()
    {
        QFETCH(QString, url);
        MarkdownView view;
        QVERIFY(!view.loadResource(QTextDocument::ImageResource, QUrl(url)).isValid());
        view.streamer().setText(u"Look: ![x](%1) and [link](%1)"_s.arg(url));
        QVERIFY(!view.document()->resource(QTextDocument::ImageResource, QUrl(url)).isValid());
        QVERIFY(view.toPlainText().startsWith(u"Look:"_s));
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
};

QTEST_MAIN(TestMarkdownView)
#include "test_markdown_view.moc"
