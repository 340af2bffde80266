// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "protocol/Attachment.h"
#include "protocol/ImageShrinker.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QByteArray encodedImage(const char *format, QSize size = { 8, 6 })
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

const QByteArray minimalPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R "
    ">>\n%%EOF\n";

} // namespace

class TestAttachmentLoader final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write the test file");
        return file.fileName();
    }

private Q_SLOTS:
    void fromFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QString>("sentence"); // a part of the refusal

        const auto image = int(Attachment::Kind::Image);
        const auto pdf = int(Attachment::Kind::Pdf);
        const auto text = int(Attachment::Kind::Text);

        QTest::addRow("png") << write(u"cat.png"_s, encodedImage("PNG")) << true << image
                             << u"image/png"_s << QString();
        QTest::addRow("jpeg") << write(u"cat.jpg"_s, encodedImage("JPEG")) << true << image
                              << u"image/jpeg"_s << QString();
        // WebP needs Qt's image-formats plugins (make deps installs them).
        QTest::addRow("webp") << write(u"cat.webp"_s, encodedImage("WEBP")) << true << image
                              << u"image/webp"_s << QString();
        QTest::addRow("pdf") << write(u"paper.pdf"_s, minimalPdf) << true << pdf
                             << u"application/pdf"_s << QString();
        QTest::addRow("text") << write(u"notes.txt"_s, "Milk, eggs.\n") << true << text
                              << u"text/plain"_s << QString();
        QTest::addRow("source code") << write(u"main.cpp"_s, "int main() { return 0; }\n") << true
                                     << text << u"text/x-c++src"_s << QString();
        QTest::addRow("0-byte") << write(u"empty.txt"_s, {}) << false << 0 << QString()
                                << u"is empty: there is nothing to attach"_s;
        QTest::addRow("missing") << m_dir.filePath(u"nowhere.png"_s) << false << 0 << QString()
                                 << u"there is no such file"_s;
        QTest::addRow("a directory")
            << m_dir.path() << false << 0 << QString() << u"it is not a file"_s;

        QFile huge(m_dir.filePath(u"huge.bin"_s));
        if (!huge.open(QIODevice::WriteOnly) || !huge.resize(200LL * 1024 * 1024))
            qFatal("cannot make the sparse file");
        QTest::addRow("200 MB (sparse)")
            << huge.fileName() << false << 0 << QString() << u"is too large to attach"_s;
        QTest::addRow("named .png, not a PNG")
            << write(u"fake.png"_s, "this is text, not a picture\n") << false << 0 << QString()
            << u"its contents are not an image Detour can read"_s;
        QTest::addRow("named .pdf, not a PDF") << write(u"fake.pdf"_s, encodedImage("PNG")) << false
                                               << 0 << QString() << u"cannot be attached"_s;
        QTest::addRow("unsupported type")
            << write(u"archive.zip"_s, QByteArray("PK\x03\x04", 4) + QByteArray(40, '\0')) << false
            << 0 << QString() << u"Detour sends images, PDFs and text files"_s;

        // Root reads any file whatever its mode: the row would not test a refusal.
        if (::geteuid() != 0) {
            const QString locked = write(u"locked.txt"_s, "secret\n");
            QFile::setPermissions(locked, {});
            QTest::addRow("unreadable (chmod 000)")
                << locked << false << 0 << QString() << u"cannot be read"_s;
        } else {
            qInfo("Skipping the unreadable-file row: running as root, which reads mode 000 files.");
        }
    }

    void fromFile()
    {
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        QFETCH(int, kind);
        QFETCH(QString, mimeType);
        QFETCH(QString, sentence);

        const Result<Attachment> loaded = AttachmentLoader::fromFile(path);
        QCOMPARE(bool(loaded), accepted);
        if (!accepted) {
            QVERIFY2(loaded.error().contains(sentence), qPrintable(loaded.error()));
            QVERIFY2(loaded.error().endsWith(u'.'), "one sentence");
            return;
        }
        QCOMPARE(int(loaded->kind), kind);
        QCOMPARE(loaded->mimeType, mimeType);
        QCOMPARE(loaded->fileName, QFileInfo(path).fileName());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(loaded->data, bytes);
        QCOMPARE(loaded->size(), bytes.size());
        QCOMPARE(loaded->digest().size(), 64);
    }

    void sameBytesSameDigest()
    {
        const Result<Attachment> a = AttachmentLoader::fromData(u"a.txt"_s, "same\n");
        const Result<Attachment> b = AttachmentLoader::fromData(u"b.txt"_s, "same\n");
        const Result<Attachment> c = AttachmentLoader::fromData(u"c.txt"_s, "other\n");
        QVERIFY(a && b && c);
        QCOMPARE(a->digest(), b->digest());
        QVERIFY(a->digest() != c->digest());
        QCOMPARE(a->digest(),
            QByteArray(
                "a6328afc76e9db71da297ebff4b0d3e7a7eb3b01d917c05a6573fef121b6ecb6")); // sha256sum
                                                                                      // of "same\n"
    }

    void totalPerMessage()
    {
        const Attachment big { Attachment::Kind::Text, u"big.txt"_s, u"text/plain"_s,
            QByteArray(AttachmentLoader::maximumMessageTotal / 2, 'x') };
        QVERIFY(AttachmentLoader::checkMessageTotal({ big, big }));
        Attachment more = big;
        more.data.append('x');
        const Result<> refused = AttachmentLoader::checkMessageTotal({ big, more });
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"too large for one message together"_s),
            qPrintable(refused.error()));
    }

    void shrinksLargeImages_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QSize>("sent");
        QTest::addRow("small: as it is") << QSize(640, 480) << QSize(640, 480);
        QTest::addRow("wide: longest side 2048") << QSize(4096, 1024) << QSize(2048, 512);
        QTest::addRow("tall: longest side 2048") << QSize(1000, 3000) << QSize(682, 2048);
    }

    void shrinksLargeImages()
    {
        QFETCH(QSize, size);
        QFETCH(QSize, sent);
        const Result<Attachment> loaded =
            AttachmentLoader::fromData(u"photo.png"_s, encodedImage("PNG", size));
        QVERIFY(loaded);
        const Attachment ready = ImageShrinker::forSending(*loaded);
        QCOMPARE(QImage::fromData(ready.data).size(), sent);
        if (sent == size) {
            QCOMPARE(ready, *loaded);
        } else {
            QCOMPARE(ready.mimeType, u"image/jpeg"_s); // opaque: re-encoded as JPEG
            QCOMPARE(ready.fileName, u"photo.jpg"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestAttachmentLoader)
#include "test_attachment_loader.moc"
