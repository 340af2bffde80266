// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The window gives the conversation the room: its share of the width with
// panels closed and open, half the height on a small screen, nothing drawn
// over anything else, no text cut off (English and German), a keyboard that
// reaches every pane and leaves it, and an arrangement kept per screen size.

#include "ChatView.h"
#include "Composer.h"
#include "ConversationListWidget.h"
#include "ElidedLabel.h"
#include "MainWindow.h"
#include "SidePanel.h"
#include "WindowLayout.h"
#include "settings/Settings.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

enum class Panel { None, Inspector, RouteEditor };

QString describe(const QWidget *widget)
{
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    return u"%1 \"%2\" \"%3\" %4x%5"_s
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName(),
            text.left(40))
        .arg(widget->width())
        .arg(widget->height());
}

// Widgets whose parts Qt places on top of each other on purpose: a scroll area's viewport and
// bars, a stacked widget's pages, a splitter's handles.
bool layeredByDesign(const QWidget *parent)
{
    return qobject_cast<const QAbstractScrollArea *>(parent)
        || qobject_cast<const QStackedWidget *>(parent) || qobject_cast<const QSplitter *>(parent)
        || parent->inherits("QScrollBar") || parent->inherits("QComboBox")
        || parent->inherits("QAbstractSpinBox") || parent->inherits("QTabBar");
}

// Where the text of a label or button does not fit, one line each.
QStringList clippedTexts(QWidget *root)
{
    QStringList clipped;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!widget->isVisible() || widget->width() <= 0)
            continue;
        if (auto *elided = qobject_cast<ElidedLabel *>(widget)) {
            // Shortened on purpose; what it shows must fit and be the whole text's start.
            const QString shown = elided->fontMetrics().elidedText(
                elided->fullText(), Qt::ElideRight, elided->contentsRect().width());
            if (elided->text() != shown)
                clipped << describe(elided);
        } else if (auto *label = qobject_cast<QLabel *>(widget)) {
            if (label->text().isEmpty() || !label->pixmap().isNull())
                continue;
            const bool fits = label->wordWrap()
                ? label->heightForWidth(label->width()) <= label->height() + 1
                : label->sizeHint().width() <= label->width() + 1;
            if (!fits)
                clipped << describe(label);
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            if (!button->text().isEmpty() && button->sizeHint().width() > button->width() + 1)
                clipped << describe(button);
        }
    }
    return clipped;
}

// Pairs of visible siblings drawn over each other, one line each.
QStringList overlaps(QWidget *root)
{
    QStringList found;
    QList<QWidget *> parents { root };
    parents += root->findChildren<QWidget *>();
    for (QWidget *parent : std::as_const(parents)) {
        if (!parent->isVisible() || layeredByDesign(parent))
            continue;
        QList<QWidget *> children;
        for (QWidget *child : parent->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (child->isVisible() && !child->isWindow() && !child->geometry().isEmpty())
                children << child;
        }
        for (qsizetype i = 0; i < children.size(); ++i) {
            for (qsizetype j = i + 1; j < children.size(); ++j) {
                if (children[i]->geometry().intersects(children[j]->geometry()))
                    found << describe(children[i]) + u" over "_s + describe(children[j]);
            }
        }
    }
    return found;
}

} // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTranslator> m_german;

    void open(QSize size)
    {
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = m_dir->filePath(u"detour.ini"_s) });
        m_window->resize(size);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void openPanel(Panel panel)
    {
        if (panel == Panel::None)
            return;
        QTest::keyClick(m_window.get(), panel == Panel::Inspector ? Qt::Key_I : Qt::Key_R,
            panel == Panel::Inspector ? Qt::ControlModifier
                                      : Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(m_window->sidePanel()->isVisible());
        QTest::qWait(50); // the splitter settles on the next turn of the event loop
    }

    void sendAndWait(const QString &text)
    {
        QSignalSpy finished(m_window->session(), &ChatSession::turnFinished);
        QVERIFY(m_window->session()->send(text));
        QVERIFY(finished.wait(15'000));
    }

    int transcriptWidth() const
    {
        return m_window->findChild<QWidget *>(u"transcriptColumn"_s)->width();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_german = std::make_unique<QTranslator>();
        QVERIFY(m_german->load(QStringLiteral(DETOUR_QM_DIR "/detour_de.qm")));
    }

    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void cleanup()
    {
        m_window.reset();
        QCoreApplication::removeTranslator(m_german.get());
    }

    void transcriptKeepsItsShare_data()
    {
        QTest::addColumn<Panel>("panel");
        QTest::addColumn<double>("share");
        QTest::newRow("every panel closed") << Panel::None << WindowLayout::transcriptShareAlone;
        QTest::newRow("inspector open")
            << Panel::Inspector << WindowLayout::transcriptShareWithPanel;
        QTest::newRow("route editor open")
            << Panel::RouteEditor << WindowLayout::transcriptShareWithPanel;
    }

    void transcriptKeepsItsShare()
    {
        QFETCH(Panel, panel);
        QFETCH(double, share);
        open(QSize(1280, 800));
        openPanel(panel);
        QCOMPARE(m_window->width(), 1280);
        QVERIFY2(transcriptWidth() >= share * m_window->width(),
            qPrintable(u"%1 of %2 px"_s.arg(transcriptWidth()).arg(m_window->width())));
        // Closed again, the transcript takes the room back.
        m_window->sidePanel()->hide();
        QTRY_VERIFY(transcriptWidth() >= WindowLayout::transcriptShareAlone * m_window->width());
    }

    void smallWindowKeepsHalfTheHeight()
    {
        open(QSize(800, 600));
        QVERIFY2(m_window->chatView()->height() >= m_window->height() / 2,
            qPrintable(
                u"%1 of %2 px"_s.arg(m_window->chatView()->height()).arg(m_window->height())));
        sendAndWait(u"Hello"_s);
        openPanel(Panel::Inspector);
        QCOMPARE(m_window->size(), QSize(800, 600));
        QVERIFY(m_window->chatView()->height() >= m_window->height() / 2);
        // The list made way for the panel, and comes back when it closes.
        QVERIFY(!m_window->conversationList()->isVisible());
        QVERIFY(transcriptWidth() >= WindowLayout::transcriptShareWithPanel * m_window->width());
        m_window->sidePanel()->hide();
        QVERIFY(m_window->conversationList()->isVisible());
    }

    void nothingOverlapsOrIsCut_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("german");
        QTest::addColumn<Panel>("panel");
        for (const QSize size : { QSize(800, 600), QSize(1280, 800) }) {
            for (const bool german : { false, true }) {
                for (const Panel panel : { Panel::None, Panel::Inspector, Panel::RouteEditor }) {
                    QTest::addRow("%dx%d %s %s", size.width(), size.height(), german ? "de" : "en",
                        panel == Panel::None            ? "closed"
                            : panel == Panel::Inspector ? "inspector"
                                                        : "route editor")
                        << size << german << panel;
                }
            }
        }
    }

    void nothingOverlapsOrIsCut()
    {
        QFETCH(QSize, size);
        QFETCH(bool, german);
        QFETCH(Panel, panel);
        if (german)
            QCoreApplication::installTranslator(m_german.get());
        open(size);
        sendAndWait(u"Hello"_s);
        openPanel(panel);
        // The window stays the size it was given: nothing inside asks for more.
        QCOMPARE(m_window->size(), size);
        // Checked once the layouts have settled: a width change reaches a bubble's text
        // and its badge in separate layout passes, so a loaded machine can catch one
        // pass in between. What stays wrong after that is a real fault.
        QStringList clipped;
        QTRY_VERIFY2(
            (clipped = clippedTexts(m_window.get())).isEmpty(), qPrintable(clipped.join(u"\n"_s)));
        QStringList drawnOver;
        QTRY_VERIFY2(
            (drawnOver = overlaps(m_window.get())).isEmpty(), qPrintable(drawnOver.join(u"\n"_s)));
    }

    void connectionDialogFits_data()
    {
        QTest::addColumn<bool>("german");
        QTest::newRow("en") << false;
        QTest::newRow("de") << true;
    }

    void connectionDialogFits()
    {
        QFETCH(bool, german);
        if (german)
            QCoreApplication::installTranslator(m_german.get());
        open(QSize(800, 600));
        m_window->showConnectionPanel();
        auto *dialog = m_window->findChild<QDialog *>(u"connectionDialog"_s);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QStringList clipped = clippedTexts(dialog);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u"\n"_s)));
        const QStringList drawnOver = overlaps(dialog);
        QVERIFY2(drawnOver.isEmpty(), qPrintable(drawnOver.join(u"\n"_s)));
    }

    void tabReachesTheSidePanelAndLeavesIt()
    {
        open(QSize(1280, 800));
        sendAndWait(u"Hello"_s);
        openPanel(Panel::Inspector);
        m_window->composer()->editor()->setFocus();
        QTRY_VERIFY(m_window->composer()->editor()->hasFocus());
        bool reachedPanel = false;
        bool leftPanel = false;
        for (int press = 0; press < 80 && !leftPanel; ++press) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            QVERIFY2(focus->isVisible(), qPrintable(describe(focus))); // focus is always seen
            const bool inPanel = m_window->sidePanel()->isAncestorOf(focus);
            reachedPanel = reachedPanel || inPanel;
            leftPanel = reachedPanel && !inPanel;
        }
        QVERIFY(reachedPanel);
        QVERIFY(leftPanel);
    }

    void f6CyclesThroughThePanes()
    {
        open(QSize(1280, 800));
        openPanel(Panel::Inspector);
        m_window->composer()->editor()->setFocus();
        const QList<QWidget *> panes { m_window->sidePanel(), m_window->conversationList(),
            m_window->chatView(), m_window->composer() };
        for (QWidget *expected : panes) {
            QVERIFY(expected);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(expected == focus || expected->isAncestorOf(focus),
                qPrintable(describe(expected) + u" / "_s + describe(focus)));
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
        QVERIFY(m_window->chatView()->isAncestorOf(QApplication::focusWidget())
            || m_window->chatView() == QApplication::focusWidget());
    }

    void resetLayoutBringsBackTheDefault()
    {
        open(QSize(1280, 800));
        openPanel(Panel::RouteEditor);
        QAction *conversations = m_window->windowLayout()->conversationsAction();
        conversations->trigger();
        QVERIFY(!m_window->conversationList()->isVisible());
        m_window->windowLayout()->reset();
        QVERIFY(m_window->conversationList()->isVisible());
        QVERIFY(!m_window->sidePanel()->isVisible());
        QVERIFY(conversations->isChecked());
    }

    void layoutIsKeptPerScreenSize()
    {
        open(QSize(1280, 800));
        openPanel(Panel::RouteEditor);
        m_window->windowLayout()->conversationsAction()->trigger();
        const int panelPage = m_window->sidePanel()->currentIndex();
        m_window->close(); // saves the arrangement for this screen's size
        {
            Settings settings(m_dir->filePath(u"detour.ini"_s));
            QVERIFY(!settings.windowLayout(m_window->screen()->size()).isEmpty());
            // Another screen's arrangement is kept apart and not used here.
            settings.setWindowLayout(QSize(1, 1), QByteArray("another screen"));
        }
        open(QSize(1280, 800));
        QVERIFY(m_window->sidePanel()->isVisible());
        QCOMPARE(m_window->sidePanel()->currentIndex(), panelPage);
        QVERIFY(!m_window->conversationList()->isVisible());
    }
};

QTEST_MAIN(TestWindowLayout)
#include "test_window_layout.moc"
