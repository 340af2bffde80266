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

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
