// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentChip.h"
#include "AttachmentStrip.h"
#include "Composer.h"
#include "chat/ChatSession.h"
#include "sim/SimServer.h"

#include <QApplication>
#include <QBuffer>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QByteArray pngBytes()
{
    QImage image(16, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QStringList chipNames(const Composer &composer)
{
    QStringList names;
    for (const Attachment &attachment : composer.attachments())
        names << attachment.fileName;
    return names;
}

} // namespace

class TestComposer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keys_data()
    {
        QTest::addColumn<bool>("sendWithEnter");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<bool>("sends");
        QTest::addRow("Ctrl+Enter sends") << false << int(Qt::ControlModifier) << true;
        QTest::addRow("Enter is a newline") << false << int(Qt::NoModifier) << false;
        QTest::addRow("Enter sends when configured") << true << int(Qt::NoModifier) << true;
        QTest::addRow("Ctrl+Enter still sends") << true << int(Qt::ControlModifier) << true;
        QTest::addRow("Shift+Enter is a newline then") << true << int(Qt::ShiftModifier) << false;
    }

    void keys()
    {
        QFETCH(bool, sendWithEnter);
        QFETCH(int, modifiers);
        QFETCH(bool, sends);
        Composer composer;
        composer.setSendWithEnter(sendWithEnter);
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QTest::keyClicks(composer.editor(), u"hi"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::KeyboardModifiers(modifiers));
        QCOMPARE(sent.size(), sends ? 1 : 0);
        if (sends) {
            QCOMPARE(sent.first().first().toString(), u"hi"_s);
            QVERIFY(composer.editor()->toPlainText().isEmpty());
        } else {
            QCOMPARE(composer.editor()->toPlainText(), u"hi\n"_s);
        }
    }

    void blankMessagesAreNotSent()
    {
        Composer composer;
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QTest::keyClicks(composer.editor(), u"   "_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(sent.size(), 0);
    }

    void busyMeansStopNotSend()
    {
        Composer composer;
        composer.setBusy(true);
        QSignalSpy sent(&composer, &Composer::sendRequested);
        QSignalSpy stop(&composer, &Composer::stopRequested);
        QTest::keyClicks(composer.editor(), u"next"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QTest::keyClick(composer.editor(), Qt::Key_Escape);
        QCOMPARE(sent.size(), 0);
        QCOMPARE(stop.size(), 1);
    }

    void editSubmitsAgainstTheEditedMessage()
    {
        Composer composer;
        QSignalSpy edited(&composer, &Composer::editSubmitted);
        composer.beginEdit(4, u"old"_s);
        composer.editor()->setPlainText(u"new"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.first().at(0).toInt(), 4);
        QCOMPARE(edited.first().at(1).toString(), u"new"_s);
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_png = m_dir.filePath(u"photo.png"_s);
        m_text = m_dir.filePath(u"notes.txt"_s);
        m_binary = m_dir.filePath(u"program.bin"_s);
        write(m_png, pngBytes());
        write(m_text, "line one\nline two\n");
        write(m_binary,
            QByteArray("\x7f"
                       "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
                16));
    }

    void pickedFilesBecomeChips()
    {
        Composer composer;
        QVERIFY(composer.attachmentStrip()->isHidden());
        QVERIFY(!composer.attachButton()->accessibleName().isEmpty());
        QVERIFY(composer.attachButton()->toolTip().contains(
            composer.attachButton()->shortcut().toString(QKeySequence::NativeText)));
        composer.attachFiles({ m_png, m_text });
        QCOMPARE(chipNames(composer), QStringList({ u"photo.png"_s, u"notes.txt"_s }));
        QVERIFY(!composer.attachmentStrip()->isHidden());
        AttachmentChip *image = composer.attachmentStrip()->chip(0);
        const auto *thumbnail = image->findChild<QLabel *>(u"attachmentThumbnail"_s);
        QVERIFY(!thumbnail->pixmap().isNull()); // a picture for images
        AttachmentChip *text = composer.attachmentStrip()->chip(1);
        QVERIFY(text->findChild<QLabel *>(u"attachmentThumbnail"_s)->pixmap().isNull());
        QCOMPARE(text->findChild<QLabel *>(u"attachmentSize"_s)->text(),
            AttachmentChip::sizeText(QFile(m_text).size()));
        QVERIFY(text->accessibleName().contains(u"notes.txt"_s));
        QVERIFY(composer.attachmentNotice()->isHidden());
    }

    void droppedFilesAreAttached()
    {
        Composer composer;
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(m_text), QUrl::fromLocalFile(m_png) });
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        // Straight to the widget: QApplication routes drops only during a real drag.
        static_cast<QObject &>(composer).event(&drop);
        QCOMPARE(chipNames(composer), QStringList({ u"notes.txt"_s, u"photo.png"_s }));
        QVERIFY(drop.isAccepted());
        QVERIFY(composer.editor()->toPlainText().isEmpty()); // not pasted as text
    }

    void pastedImagesAndFilesAreAttachedTextStaysText()
    {
        Composer composer;
        QMimeData picture;
        QImage image(4, 4, QImage::Format_ARGB32);
        image.fill(Qt::blue);
        picture.setImageData(image);
        QVERIFY(composer.attachMimeData(&picture));
        QVERIFY(composer.attachMimeData(&picture));
        QCOMPARE(
            chipNames(composer), QStringList({ u"pasted-image-1.png"_s, u"pasted-image-2.png"_s }));
        QCOMPARE(composer.attachments().first().kind, Attachment::Kind::Image);
        QCOMPARE(composer.attachments().first().mimeType, u"image/png"_s);

        QMimeData files;
        files.setUrls({ QUrl::fromLocalFile(m_text) });
        QVERIFY(composer.attachMimeData(&files));
        QCOMPARE(composer.attachments().size(), 3);

        QMimeData text;
        text.setText(u"just words"_s);
        QVERIFY(!composer.attachMimeData(&text));
        QMimeData link;
        link.setUrls({ QUrl(u"https://example.org/page"_s) });
        QVERIFY(!composer.attachMimeData(&link)); // a web link is pasted as text
        QCOMPARE(composer.attachments().size(), 3);
    }

    void chipsAreRemovedByMouseAndKeyboard()
    {
        Composer composer;
        composer.resize(600, 200);
        composer.show();
        composer.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        composer.attachFiles({ m_png, m_text, m_png });
        QCOMPARE(composer.attachments().size(), 3);
        for (int index = 0; index < 3; ++index)
            QVERIFY(composer.attachmentStrip()->chip(index)->isVisible());

        QTest::mouseClick(composer.attachmentStrip()->chip(1)->removeButton(), Qt::LeftButton);
        QCOMPARE(chipNames(composer), QStringList({ u"photo.png"_s, u"photo.png"_s }));

        // Shift+Tab from the editor reaches the chips; Delete and Backspace remove the focused one.
        composer.editor()->setFocus();
        QTest::keyClick(composer.editor(), Qt::Key_Backtab, Qt::ShiftModifier);
        auto *focused = qobject_cast<AttachmentChip *>(QApplication::focusWidget());
        QCOMPARE(focused, composer.attachmentStrip()->chip(1)); // the last chip, just before
        QTest::keyClick(focused, Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), composer.attachmentStrip()->chip(0));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), composer.attachmentStrip()->chip(1));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), composer.editor());
        QTest::keyClick(composer.editor(), Qt::Key_Backtab, Qt::ShiftModifier);
        focused = qobject_cast<AttachmentChip *>(QApplication::focusWidget());
        const char *gone = focused->attachment().data.constData();
        QTest::keyClick(focused, Qt::Key_Delete);
        QCOMPARE(composer.attachments().size(), 1);
        QVERIFY(composer.attachments().first().data.constData() != gone); // the focused one went
        // The keyboard stays in the row, on the chip left.
        QCOMPARE(QApplication::focusWidget(), composer.attachmentStrip()->chip(0));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backspace);
        QCOMPARE(composer.attachments().size(), 0);
        QVERIFY(composer.attachmentStrip()->isHidden());
    }

    void refusedFileIsSaidUnderTheComposer()
    {
        Composer composer;
        composer.show();
        const QString missing = m_dir.filePath(u"gone.png"_s);
        composer.attachFiles({ missing, m_text, m_binary });
        QCOMPARE(chipNames(composer), QStringList({ u"notes.txt"_s })); // the good one is kept
        QLabel *notice = composer.attachmentNotice();
        QVERIFY(notice->isVisible());
        QVERIFY(notice->text().contains(AttachmentLoader::fromFile(missing).error()));
        QVERIFY(notice->text().contains(AttachmentLoader::fromFile(m_binary).error()));
        QVERIFY(!AttachmentLoader::fromFile(m_binary).error().isEmpty());
        // Gone on the next action.
        QTest::keyClicks(composer.editor(), u"x"_s);
        QVERIFY(notice->isHidden());
    }

    void sendCarriesAttachments()
    {
        Composer composer;
        QSignalSpy sent(&composer, &Composer::sendRequested);
        composer.attachFiles({ m_text });
        // Attachments alone are a message.
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().at(0).toString(), QString());
        const auto attachments = sent.first().at(1).value<QList<Attachment>>();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments.first().fileName, u"notes.txt"_s);
        QCOMPARE(attachments.first().data, QByteArray("line one\nline two\n"));
        // Nobody accepted it: the chips stay.
        QCOMPARE(composer.attachments().size(), 1);
    }

    void sessionTakesTheAttachmentsAndChipsGo()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        QVERIFY(sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        RouteEngine engine;
        ChatSession session(&engine);
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        session.setPlan(plan);
        Composer composer;
        composer.connectTo(&session);
        composer.attachFiles({ m_png, m_text });
        QTest::keyClicks(composer.editor(), u"what is this?"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages().first().message.content, u"what is this?"_s);
        const QList<Attachment> sent = session.messages().first().message.attachments;
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[0].fileName, u"photo.png"_s);
        QCOMPARE(sent[1].fileName, u"notes.txt"_s);
        QCOMPARE(composer.attachments().size(), 0); // accepted: the chips are gone

        // While the turn runs, new chips stay where they are.
        QVERIFY(session.isBusy());
        composer.attachFiles({ m_text });
        QTest::keyClicks(composer.editor(), u"more"_s);
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(composer.attachments().size(), 1);
        QCOMPARE(session.messages().size(), 2);
        QSignalSpy busy(&session, &ChatSession::busyChanged);
        QVERIFY(!session.isBusy() || busy.wait(10'000));
    }

private:
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    QTemporaryDir m_dir;
    QString m_png;
    QString m_text;
    QString m_binary;
};

QTEST_MAIN(TestComposer)
#include "test_composer.moc"
