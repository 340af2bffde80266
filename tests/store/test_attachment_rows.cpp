// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Attachments in the conversation database: schema 7, each file's bytes once,
// reopening, the JSON export and import, and the size limit per message.
#include "StoreTestSupport.h"
#include "store/AttachmentRows.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using storetest::RawConnection;

namespace {

const Attachment photo { Attachment::Kind::Image, u"cat.png"_s, u"image/png"_s,
    QByteArray("\x89PNG\r\n\x1a\n\x00\x01\xff binary", 19) };
const Attachment paper { Attachment::Kind::Pdf, u"paper.pdf"_s, u"application/pdf"_s,
    "%PDF-1.4 a paper" };
const Attachment notes { Attachment::Kind::Text, u"notes.md"_s, u"text/markdown"_s,
    "# Notes\n```\ncode\n```\n" };

} // namespace

class TestAttachmentRows final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString path() const { return m_dir->filePath(u"history.sqlite3"_s); }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void migratesFromVersion6()
    {
        qint64 conversationId = 0;
        {
            Database db;
            Database::Options options;
            options.targetVersion = 6;
            const Result<> opened = db.open(path(), options);
            QVERIFY2(opened, qPrintable(opened.error()));
            ConversationStore store(db);
            conversationId = *store.createConversation(u"Before attachments"_s);
            QVERIFY(store.addUserMessage(conversationId, u"Plain text, version 6."_s));
            // No table yet: a version-6 store writes its messages without attachments (it
            // cannot read them back with this build's columns: schema 8 added parent_id).
            QCOMPARE(RawConnection(path()).value(u"SELECT count(*) FROM messages"_s).toInt(), 1);
        }
        QCOMPARE(RawConnection(path())
                     .value(u"SELECT count(*) FROM sqlite_master WHERE name = "
                            "'message_attachments'"_s)
                     .toInt(),
            0);
        Database db;
        const Result<> opened = db.open(path());
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(db.schemaVersion(), Database::latestVersion());
        ConversationStore store(db);
        const QList<StoredMessage> old = store.messages(conversationId).valueOr({});
        QCOMPARE(old.size(), 1);
        QCOMPARE(old[0].content, u"Plain text, version 6."_s);
        QVERIFY(old[0].attachments.isEmpty());
        const Result<qint64> added =
            store.addUserMessage(conversationId, u"Now with a file."_s, { photo });
        QVERIFY2(added, qPrintable(added.error()));
        QCOMPARE(store.messages(conversationId).valueOr({}).constLast().attachments,
            QList<Attachment> { photo });
    }

    void sameFileIsStoredOnce()
    {
        Database db;
        QVERIFY(db.open(path()));
        ConversationStore store(db);
        const qint64 first = *store.createConversation(u"One"_s);
        const qint64 second = *store.createConversation(u"Two"_s);
        QVERIFY(store.addUserMessage(first, u"Look"_s, { photo, paper }));
        Attachment renamed = photo; // the same bytes under another name
        renamed.fileName = u"same-cat.png"_s;
        QVERIFY(store.addUserMessage(second, u"Look again"_s, { renamed }));

        RawConnection raw(path());
        QCOMPARE(raw.value(u"SELECT count(*) FROM attachment_blobs"_s).toInt(), 2);
        QCOMPARE(raw.value(u"SELECT count(*) FROM attachment_blobs WHERE digest = '%1'"_s.arg(
                               QString::fromLatin1(photo.digest())))
                     .toInt(),
            1);
        QCOMPARE(raw.value(u"SELECT count(*) FROM message_attachments"_s).toInt(), 3);
        // Each link keeps the name it was attached under.
        QCOMPARE(store.messages(second).valueOr({}).value(0).attachments.value(0).fileName,
            u"same-cat.png"_s);

        // Purging the first conversation keeps the bytes the second still links to.
        QVERIFY(store.deleteConversation(first));
        QCOMPARE(store.purgeDeleted(QDateTime::currentDateTimeUtc().addSecs(60)).valueOr(0), 1);
        QCOMPARE(raw.value(u"SELECT count(*) FROM attachment_blobs"_s).toInt(), 1);
        QCOMPARE(store.messages(second).valueOr({}).value(0).attachments.value(0).data, photo.data);
    }

    void reopeningGivesThemBackInOrder()
    {
        qint64 conversationId = 0;
        {
            Database db;
            QVERIFY(db.open(path()));
            ConversationStore store(db);
            conversationId = *store.createConversation(u"Files"_s);
            QVERIFY(
                store.addUserMessage(conversationId, u"Three files"_s, { notes, photo, paper }));
            QVERIFY(store.addUserMessage(conversationId, u"No file"_s));
        }
        Database db;
        QVERIFY(db.open(path()));
        ConversationStore store(db);
        const QList<StoredMessage> messages = store.messages(conversationId).valueOr({});
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].attachments, (QList<Attachment> { notes, photo, paper }));
        QVERIFY(messages[1].attachments.isEmpty());
        const Result<ConversationRecord> record = store.load(conversationId);
        QVERIFY(record);
        QCOMPARE(record->messages[0].attachments.size(), 3);
    }

    void tooLargeTogetherIsRefusedWithASentence()
    {
        Database db;
        QVERIFY(db.open(path()));
        ConversationStore store(db);
        const qint64 conversationId = *store.createConversation(u"Big"_s);
        Attachment half { Attachment::Kind::Text, u"half.txt"_s, u"text/plain"_s,
            QByteArray(AttachmentLoader::maximumMessageTotal / 2 + 1, 'x') };
        Attachment other = half;
        other.data[0] = 'y';
        const Result<qint64> refused =
            store.addUserMessage(conversationId, u"Too much"_s, { half, other });
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"too large for one message together"_s),
            qPrintable(refused.error()));
        // Nothing half-written: neither the message nor the files.
        QVERIFY(store.messages(conversationId).valueOr({}).isEmpty());
        QCOMPARE(
            RawConnection(path()).value(u"SELECT count(*) FROM attachment_blobs"_s).toInt(), 0);
    }

    void exportAndImportRoundTrip()
    {
        Database db;
        QVERIFY(db.open(path()));
        ConversationStore store(db);
        const qint64 conversationId = *store.createConversation(u"Round trip"_s);
        QVERIFY(store.addUserMessage(conversationId, u"All three"_s, { photo, paper, notes }));
        const Result<ConversationRecord> record = store.load(conversationId);
        QVERIFY(record);

        const QByteArray exported = ConversationExporter::toJson(*record);
        const nlohmann::json document = nlohmann::json::parse(exported.toStdString());
        const nlohmann::json &first = document["messages"][0]["attachments"][0];
        QCOMPARE(first["file_name"].get<std::string>(), "cat.png");
        QCOMPARE(first["mime_type"].get<std::string>(), "image/png");
        QCOMPARE(first["kind"].get<std::string>(), "image");
        QCOMPARE(first["size"].get<qint64>(), photo.size());
        QCOMPARE(QByteArray::fromStdString(first["sha256"].get<std::string>()), photo.digest());
        QCOMPARE(
            QByteArray::fromStdString(first["data"].get<std::string>()), photo.data.toBase64());

        // The Markdown export names them; the bytes are in the JSON only.
        const QString markdown = ConversationExporter::toMarkdown(*record);
        QVERIFY2(markdown.contains(u"Attached: cat.png (image/png, "_s), qPrintable(markdown));
        QVERIFY(markdown.contains(u"Attached: paper.pdf"_s));

        const Result<ConversationRecord> read = ConversationExporter::fromJson(exported);
        QVERIFY2(read, qPrintable(read.error()));
        QCOMPARE(read->messages[0].attachments, (QList<Attachment> { photo, paper, notes }));
        const Result<qint64> imported = store.importRecord(*read);
        QVERIFY2(imported, qPrintable(imported.error()));
        QCOMPARE(store.messages(*imported).valueOr({}).value(0).attachments,
            (QList<Attachment> { photo, paper, notes }));
        // The import links to the bytes already stored.
        QCOMPARE(
            RawConnection(path()).value(u"SELECT count(*) FROM attachment_blobs"_s).toInt(), 3);
    }

    void importRefusesTamperedAttachments_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::addRow("wrong size") << "size"_ba
                                    << "1"_ba;
        QTest::addRow("wrong digest") << "sha256"_ba
                                      << "\"00\""_ba;
        QTest::addRow("unknown kind") << "kind"_ba
                                      << "\"video\""_ba;
        QTest::addRow("not base64") << "data"_ba
                                    << "\"@@@\""_ba;
    }

    void importRefusesTamperedAttachments()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        ConversationRecord record;
        record.conversation.title = u"Tampered"_s;
        StoredMessage message;
        message.id = 1;
        message.role = u"user"_s;
        message.content = u"Look"_s;
        message.attachments = { photo };
        record.messages = { message };
        nlohmann::json document =
            nlohmann::json::parse(ConversationExporter::toJson(record).toStdString());
        document["messages"][0]["attachments"][0][field.toStdString()] =
            nlohmann::json::parse(value.toStdString());
        const Result<ConversationRecord> read =
            ConversationExporter::fromJson(QByteArray::fromStdString(document.dump()));
        QVERIFY(!read);
        QVERIFY2(read.error().contains(u"ttachment"_s), qPrintable(read.error()));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentRows)
#include "test_attachment_rows.moc"
