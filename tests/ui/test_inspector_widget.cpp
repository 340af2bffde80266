// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The error inspector shows text the server wrote (the provider's message in the
// diagnosis, the body, the headers): an image it names is never fetched, neither
// from disk nor from the network, in the details nor in the diagnosis line.
#include "InspectorWidget.h"
#include "chat/AttemptTableModel.h"
#include "protocol/Diagnosis.h"
#include "protocol/ErrorClassifier.h"

#include <QAbstractButton>
#include <QAction>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QRegularExpression>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// Large enough that a label or document holding it would be this tall.
constexpr int imageSide = 400;

// The image names the document holds (as laid out by the Markdown reader).
QStringList imageNames(const QTextDocument *document)
{
    QStringList names;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat())
                names << format.toImageFormat().name();
        }
    }
    return names;
}

} // namespace

class TestInspectorWidget final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_image;
    QTcpServer m_server; // stands in for a tracker on the network: must see no connection
    int m_connections = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_image = m_dir.filePath(u"secret-photo.png"_s);
        QImage image(imageSide, imageSide, QImage::Format_RGB32);
        image.fill(Qt::red);
        QVERIFY(image.save(m_image));
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                socket->close();
            }
        });
    }

    void serverTextLoadsNothing_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("markup"); // %1 is the URL
        const QString markdown = u"![x](%1)"_s;
        const QString html = u"<img src=\"%1\">"_s;
        const QString file = QUrl::fromLocalFile(m_image).toString();
        const QString network = u"http://127.0.0.1:%1/pixel.png"_s.arg(m_server.serverPort());
        QTest::addRow("Markdown image, local file URL") << file << markdown;
        QTest::addRow("Markdown image, bare path") << m_image << markdown;
        QTest::addRow("Markdown image, loopback server") << network << markdown;
        QTest::addRow("HTML img, local file URL") << file << html;
        QTest::addRow("HTML img, bare path") << m_image << html;
        QTest::addRow("HTML img, loopback server") << network << html;
    }

    void serverTextLoadsNothing()
    {
        QFETCH(QString, url);
        QFETCH(QString, markup);
        const QString said = u"Slow down "_s + markup.arg(url) + u" please"_s;
        const nlohmann::json error = { { "error",
            { { "code", 502 }, { "message", "Provider returned error" },
                { "metadata",
                    { { "provider_name", "Chutes" }, { "raw", said.toStdString() } } } } } };
        const QByteArray body = QByteArray::fromStdString(error.dump());

        // The diagnosis quotes the provider's words, so the image markup reaches the inspector.
        const Diagnosis diagnosis =
            ErrorClassifier::classify(502, {}, body, EndpointKind::OpenRouter);
        QVERIFY2(diagnosis.summary.contains(url), qPrintable(diagnosis.summary));
        Attempt attempt;
        attempt.endpointId = u"openrouter"_s;
        attempt.requestedModel = u"moonshotai/kimi-k2:free"_s;
        attempt.provider = diagnosis.provider;
        attempt.httpStatus = 502;
        attempt.outcome = diagnosis.outcome;
        attempt.party = diagnosis.party;
        attempt.summary = diagnosis.summary;
        attempt.fixes = diagnosis.fixes;
        attempt.message = said;
        attempt.raw = said;
        attempt.body = body;
        attempt.headers = { { "X-Served-By", markup.arg(url).toUtf8() } };

        AttemptTableModel model;
        model.setFinishedAttempts({ { 0, attempt } });
        InspectorWidget inspector(&model);
        inspector.resize(900, 600);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.table()->selectRow(0);
        QTextBrowser *details = inspector.details();
        QTRY_VERIFY(details->toPlainText().contains(u"Chutes"_s));
        auto *summary = inspector.findChild<QLabel *>(u"diagnosis"_s);
        QVERIFY(summary);
        QVERIFY(summary->text().contains(url));

        // Laid out and painted, as a person would see them.
        inspector.grab();
        QTextDocument *document = details->document();
        document->size();

        // The details: at most the blank stand-in for what the URL names, never its pixels.
        const QVariant held = document->resource(QTextDocument::ImageResource, QUrl(url));
        QVERIFY2(!held.isValid() || held.userType() == QMetaType::QImage, held.typeName());
        QVERIFY(!held.isValid() || qvariant_cast<QImage>(held).size() == QSize(1, 1));
        for (const QString &name : imageNames(document)) {
            const QVariant image = document->resource(QTextDocument::ImageResource, QUrl(name));
            QVERIFY2(!image.isValid() || qvariant_cast<QImage>(image).size() == QSize(1, 1),
                qPrintable(name));
        }
        // The diagnosis line shows the words, not the picture.
        QVERIFY2(summary->sizeHint().height() < imageSide,
            qPrintable(u"the diagnosis is %1 px tall"_s.arg(summary->sizeHint().height())));

        // Nothing reached the network. (Loading, were it done, happens during layout and
        // painting above; this only gives a connection that was made the chance to be accepted.)
        QVERIFY(!m_server.waitForNewConnection(50));
        QCoreApplication::processEvents();
        QCOMPARE(m_connections, 0);
    }

    // People read words, not wire names: whatever the outcome, nothing the inspector
    // shows (the table, its headers, the diagnosis, the fixes, the details) holds
    // "rate_limited_upstream" or any other name files and --json use.
    void showsNoWireNames_data()
    {
        QTest::addColumn<Outcome>("outcome");
        for (int value = int(Outcome::Served); value <= int(Outcome::Skipped); ++value)
            QTest::addRow("%s", qPrintable(outcomeName(Outcome(value)))) << Outcome(value);
    }

    void showsNoWireNames()
    {
        QFETCH(Outcome, outcome);
        Attempt attempt;
        attempt.endpointId = u"openrouter"_s;
        attempt.requestedModel = u"moonshotai/kimi-k2:free"_s;
        attempt.provider = u"Chutes"_s;
        attempt.httpStatus = outcome == Outcome::Served ? 200 : 429;
        attempt.outcome = outcome;
        attempt.party = Party::Provider;
        attempt.summary = u"Something happened at Chutes."_s;
        attempt.fixes = { Fix::Wait, Fix::MoveStepDown, Fix::Byok, Fix::AllowFallbacks };
        attempt.retryAfterS = 2.5;
        ServerAttempt tried;
        tried.provider = u"Chutes"_s;
        tried.status = 429;
        tried.sources = { ServerAttempt::Source::RouterMetadata };
        attempt.serverAttempts = { tried };

        AttemptTableModel model;
        model.setFinishedAttempts({ { 1, attempt } });
        InspectorWidget inspector(&model);
        inspector.resize(1200, 600);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.showTurn(1);
        QTRY_VERIFY(!inspector.details()->toPlainText().isEmpty());

        QStringList shown { inspector.details()->toPlainText() };
        for (const QLabel *label : inspector.findChildren<QLabel *>())
            shown << label->text();
        for (const QAbstractButton *button : inspector.findChildren<QAbstractButton *>())
            shown << button->text() << button->toolTip();
        for (const QAction *action : inspector.fixActions())
            shown << action->text() << action->toolTip();
        const QAbstractItemModel *table = inspector.table()->model();
        for (int column = 0; column < table->columnCount(); ++column) {
            shown << table->headerData(column, Qt::Horizontal).toString();
            for (int row = 0; row < table->rowCount(); ++row)
                shown << table->index(row, column).data().toString()
                      << table->index(row, column).data(Qt::ToolTipRole).toString();
        }
        const QString all = shown.join(u'\n');
        QVERIFY(all.contains(outcomeLabel(outcome))); // the words are there
        // Snake-case wire names ("rate_limited_upstream", "move_step_down") appear nowhere.
        QStringList wireNames;
        for (int value = int(Outcome::Served); value <= int(Outcome::Skipped); ++value)
            wireNames << outcomeName(Outcome(value));
        for (Fix fix : attempt.fixes)
            wireNames << fixName(fix);
        for (const QString &name : std::as_const(wireNames)) {
            if (!name.contains(u'_'))
                continue;
            const qsizetype at = all.indexOf(name);
            QVERIFY2(at < 0,
                qPrintable(u"\"%1\" shown in: %2"_s.arg(
                    name, all.mid(std::max<qsizetype>(0, at - 60), 140))));
        }
        // One-word names ("served", "provider") are English words too: where the outcome
        // and who must act are stated, the words are the labels, not the names.
        const QModelIndex row = table->index(0, AttemptTableModel::OutcomeColumn);
        QCOMPARE(row.data().toString(), outcomeLabel(outcome));
        QCOMPARE(row.siblingAtColumn(AttemptTableModel::PartyColumn).data().toString(),
            partyLabel(attempt.party));
        const QString heading = inspector.details()->document()->firstBlock().text();
        QVERIFY2(heading.endsWith(u" · "_s + outcomeLabel(outcome)), qPrintable(heading));
    }

    // The control for the rows above: an ordinary text browser does read the local image.
    void ordinaryBrowserWouldReadTheImage()
    {
        const QUrl url = QUrl::fromLocalFile(m_image);
        QTextBrowser plain;
        plain.setMarkdown(u"![x](%1)"_s.arg(url.toString()));
        const QVariant held = plain.document()->resource(QTextDocument::ImageResource, url);
        QVERIFY(held.isValid());
        QCOMPARE(held.userType(), QMetaType::QPixmap);
        const QSize size = qvariant_cast<QPixmap>(held).size();
        QCOMPARE(size, QSize(imageSide, imageSide));
    }
};

QTEST_MAIN(TestInspectorWidget)
#include "test_inspector_widget.moc"
