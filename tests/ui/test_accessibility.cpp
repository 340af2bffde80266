// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Every control of the window can be reached from the keyboard and has a name a
// screen reader can say: visible text, a buddy label, or an accessibleName.

#include "ChatView.h"
#include "Composer.h"
#include "ConversationListWidget.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "RouteEditorWidget.h"
#include "chat/AttemptTableModel.h"
#include "chat/ChatSession.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// What a screen reader announces for the widget.
QString spokenName(QWidget *widget)
{
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
    return accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
}

QString describe(QWidget *widget)
{
    QStringList path;
    for (QWidget *w = widget; w && !w->isWindow(); w = w->parentWidget()) {
        if (!w->objectName().isEmpty() && !w->objectName().startsWith("qt_"_L1))
            path.prepend(w->objectName());
    }
    return u"%1 (%2)"_s.arg(QString::fromLatin1(widget->metaObject()->className()),
        path.isEmpty() ? u"no object name"_s : path.join(u'/'));
}

// A part of a compound control (a spin box's or combo box's line edit, an item
// view's header, a line edit's clear button, a dock's title buttons, Qt's own
// overflow buttons, a combo box's pop-up list) is announced and reached through
// the control it belongs to.
bool isPartOfAnotherControl(QWidget *widget)
{
    if (widget->focusProxy() || widget->objectName().startsWith("qt_"_L1)
        || widget->inherits("QDockWidgetTitleButton"))
        return true;
    // A combo box's popup list (made whenever the style changes, not only when it opens).
    for (const QWidget *above = widget->parentWidget(); above; above = above->parentWidget()) {
        if (qobject_cast<const QComboBox *>(above))
            return true;
    }
    const QWidget *parent = widget->parentWidget();
    if (parent && parent->inherits("QComboBoxPrivateContainer"))
        return true;
    return qobject_cast<const QAbstractSpinBox *>(parent) || qobject_cast<const QComboBox *>(parent)
        || qobject_cast<const QLineEdit *>(parent)
        || qobject_cast<const QAbstractItemView *>(parent) || qobject_cast<const QTabBar *>(parent);
}

bool isControl(QWidget *widget)
{
    return qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
        || qobject_cast<QTextEdit *>(widget) || qobject_cast<QPlainTextEdit *>(widget)
        || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget)
        || qobject_cast<QAbstractItemView *>(widget);
}

// Anything that acts on a click is a control too, whatever its class: a label that
// opens the inspector says so with the pointing hand.
bool isClickable(QWidget *widget)
{
    return widget->testAttribute(Qt::WA_SetCursor)
        && widget->cursor().shape() == Qt::PointingHandCursor;
}

// The controls under `root` a person can use: shown (or shown once their panel is),
// not a part of another control.
QList<QWidget *> controlsUnder(QWidget *root)
{
    QList<QWidget *> found;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if ((isControl(widget) || isClickable(widget)) && !isPartOfAnotherControl(widget)
            && !widget->isHidden())
            found.append(widget);
    }
    return found;
}

} // namespace

class TestAccessibility final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;

    // Every control, docks included, whatever panel or tab it is in.
    QList<QWidget *> controls() const
    {
        QList<QWidget *> found;
        for (QWidget *widget : m_window->findChildren<QWidget *>()) {
            if (isControl(widget) && !isPartOfAnotherControl(widget))
                found.append(widget);
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = m_dir->filePath(u"detour.ini"_s) });
        m_window->resize(1280, 820);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // One turn, so that the chat holds bubbles and the inspector attempts.
        QSignalSpy finished(m_window->session(), &ChatSession::turnFinished);
        m_window->composer()->editor()->setPlainText(u"hello"_s);
        m_window->composer()->findChild<QPushButton *>(u"sendButton"_s)->click();
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!m_window->session()->isBusy());
    }

    QStringList unnamedControls() const
    {
        QStringList unnamed;
        for (QWidget *widget : controls()) {
            if (spokenName(widget).isEmpty())
                unnamed.append(describe(widget));
        }
        return unnamed;
    }

    void everyControlHasAName()
    {
        const QStringList unnamed = unnamedControls();
        QVERIFY2(unnamed.isEmpty(),
            qPrintable(u"Controls a screen reader cannot name:\n  "_s + unnamed.join(u"\n  "_s)));
    }

    // The walk would see a control added anywhere, and only a name silences it.
    void anUnnamedControlIsReported()
    {
        auto *button = new QToolButton(m_window->routeEditor());
        button->setObjectName(u"probe"_s);
        QVERIFY(unnamedControls().join(u' ').contains(u"probe"_s));
        button->setAccessibleName(u"Probe"_s);
        QVERIFY(!unnamedControls().join(u' ').contains(u"probe"_s));
        delete button;
    }

    void everyControlIsReachableByKeyboard()
    {
        QStringList unreachable;
        for (QWidget *widget : controls()) {
            if (!(widget->focusPolicy() & Qt::TabFocus))
                unreachable.append(describe(widget));
        }
        QVERIFY2(unreachable.isEmpty(),
            qPrintable(u"Controls Tab never reaches:\n  "_s + unreachable.join(u"\n  "_s)));
    }

    void theMainPanesAreNamed()
    {
        const QList<QWidget *> panes { m_window->chatView(), m_window->conversationList(),
            m_window->routeEditor(), m_window->inspector() };
        for (QWidget *pane : panes) {
            QVERIFY(pane);
            QVERIFY2(!spokenName(pane).isEmpty(), qPrintable(describe(pane)));
        }
    }

    // The chat pane, the inspector and the composer, each on its own and with content
    // (a question, a reply with a code block and an attempts line, an attempt with fixes):
    // every control has a name; where several share one (each bubble's "Copy", each code
    // block's), a description tells them apart; Tab reaches each of them.
    void chatPaneInspectorAndComposer_data()
    {
        QTest::addColumn<QString>("pane");
        QTest::addRow("chat view") << u"chat"_s;
        QTest::addRow("inspector") << u"inspector"_s;
        QTest::addRow("composer") << u"composer"_s;
    }

    void chatPaneInspectorAndComposer()
    {
        QFETCH(QString, pane);
        RouteEngine engine;
        ChatSession session(&engine);
        AttemptTableModel model;
        std::unique_ptr<QWidget> root;
        Attempt refused;
        refused.provider = u"Chutes"_s;
        refused.requestedModel = u"moonshotai/kimi-k2:free"_s;
        refused.outcome = Outcome::RateLimitedUpstream;
        refused.party = Party::Provider;
        refused.httpStatus = 429;
        refused.summary = u"Chutes is rate-limited upstream."_s;
        refused.fixes = { Fix::Wait, Fix::MoveStepDown, Fix::Byok };
        if (pane == u"chat"_s) {
            TurnResult result;
            result.status = TurnResult::Status::Served;
            Attempt served;
            served.index = 1;
            served.stepIndex = 1;
            served.provider = u"Groq"_s;
            served.requestedModel = u"moonshotai/kimi-k2"_s;
            served.httpStatus = 200;
            result.attempts = { refused, served };
            result.servedAttempt = 1;
            result.content = u"Two blocks:\n\n```\nfirst\n```\n\n```\nsecond\n```\n"_s;
            TurnResult again = result;
            again.content = u"More:\n\n```\nthird\n```\n"_s;
            again.durationMs = 1300;
            again.attempts[0].provider = u"Cerebras"_s;
            session.setMessages(
                { { { u"user"_s, u"Show me\ncode"_s }, TurnResult::Status::Served, 1, {}, {}, {} },
                    { { u"assistant"_s, result.content }, TurnResult::Status::Served, 1, {}, result,
                        {} },
                    { { u"user"_s, u"Again"_s }, TurnResult::Status::Served, 2, {}, {}, {} },
                    { { u"assistant"_s, again.content }, TurnResult::Status::Served, 2, {}, again,
                        {} } });
            root = std::make_unique<ChatView>(&session);
        } else if (pane == u"inspector"_s) {
            model.setFinishedAttempts({ { 1, refused } });
            auto *inspector = new InspectorWidget(&model);
            root.reset(inspector);
            inspector->showTurn(1);
        } else {
            root = std::make_unique<Composer>();
        }
        root->resize(900, 700);
        root->show();
        QVERIFY(QTest::qWaitForWindowExposed(root.get()));
        QCoreApplication::processEvents(); // code blocks get their Copy buttons

        const QList<QWidget *> found = controlsUnder(root.get());
        QVERIFY(found.size() >= 3);
        QStringList problems;
        QHash<QString, int> nameCount;
        for (QWidget *widget : found)
            ++nameCount[spokenName(widget)];
        QSet<QString> told;
        for (QWidget *widget : found) {
            const QString name = spokenName(widget);
            if (name.isEmpty())
                problems << u"no name: "_s + describe(widget);
            if (!(widget->focusPolicy() & Qt::TabFocus))
                problems << u"Tab never reaches: "_s + describe(widget);
            if (nameCount.value(name) > 1) {
                const QString description = widget->accessibleDescription();
                if (description.isEmpty())
                    problems << u"\"%1\" is one of several, with no description: %2"_s.arg(
                        name, describe(widget));
                else if (told.contains(name + u'\n' + description))
                    problems << u"\"%1\" and its description \"%2\" twice: %3"_s.arg(
                        name, description, describe(widget));
                told.insert(name + u'\n' + description);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n  "_s)));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
