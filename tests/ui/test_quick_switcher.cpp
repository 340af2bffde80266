// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The quick switcher (Ctrl+K) driven by the keyboard: filter, Up / Down, Enter picks a
// route or uses a model alone, Shift+Enter puts a model in front of the route, Esc closes.

#include "QuickSwitchRig.h"
#include "QuickSwitcher.h"
#include "chat/ChatSession.h"
#include "chat/QuickSwitchModel.h"
#include "chat/RouteChoices.h"
#include "route/RouteStepsModel.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"

#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const Endpoint openRouter { u"openrouter"_s, EndpointKind::OpenRouter,
    QUrl(u"https://openrouter.ai/api/v1"_s), u"OPENROUTER_API_KEY"_s };

QList<ModelInfo> catalogModels()
{
    ModelInfo vision;
    vision.id = u"acme/vision-1"_s;
    vision.name = u"Acme: Vision 1"_s;
    vision.inputModalities = { u"text"_s, u"image"_s };
    ModelInfo free;
    free.id = u"acme/chat-2:free"_s;
    free.name = u"Acme: Chat 2 (free)"_s;
    return { vision, free };
}

} // namespace

class TestQuickSwitcher : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    testing::QuickSwitchRig m_rig;
    std::unique_ptr<QuickSwitcher> m_switcher;

    void start()
    {
        m_switcher.reset();
        m_rig.restart(m_dir->filePath(u"detour.ini"_s), openRouter, catalogModels());
        m_switcher = std::make_unique<QuickSwitcher>(m_rig.model.get(), m_rig.choices.get());
    }

    void open()
    {
        m_switcher->reset();
        m_switcher->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_switcher.get()));
    }

    QString current() const
    {
        return m_switcher->list()->currentIndex().data(QuickSwitchModel::NameRole).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        start();
        RoutePlan mine;
        mine.name = u"mine"_s;
        mine.endpoints.append(openRouter);
        mine.steps.append({ openRouter.id, { u"meta-llama/llama-3.3-70b-instruct"_s, {}, {} } });
        QVERIFY(m_rig.settings->routeLibrary().setRoute(mine));
        m_rig.choices->setConversation(7);
    }

    void typingFiltersAndArrowsMove()
    {
        open();
        QCOMPARE(current(), u"free first"_s);
        QTest::keyClicks(m_switcher->filter(), u"acme"_s);
        QCOMPARE(m_rig.model->rowCount(), 2);
        QCOMPARE(current(), u"acme/vision-1"_s);
        QVERIFY(m_switcher->secondaryButton()->isVisible()); // a model: both choices shown
        QVERIFY(m_switcher->secondaryButton()->text().contains(u"free first"_s));
        QTest::keyClick(m_switcher->filter(), Qt::Key_Down);
        QCOMPARE(current(), u"acme/chat-2:free"_s);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Down); // stays on the last
        QCOMPARE(current(), u"acme/chat-2:free"_s);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Up);
        QCOMPARE(current(), u"acme/vision-1"_s);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Escape);
        QVERIFY(!m_switcher->isVisible());
        QCOMPARE(m_rig.choices->activeRoute().name, u"free first"_s); // nothing picked
    }

    void enterPicksARoute()
    {
        open();
        QVERIFY(m_switcher->secondaryButton()->isHidden()); // a route: one choice
        QTest::keyClicks(m_switcher->filter(), u"mine"_s);
        QSignalSpy picked(m_switcher.get(), &QuickSwitcher::picked);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Return);
        QCOMPARE(picked.size(), 1);
        QCOMPARE(m_rig.choices->activeRoute().name, u"mine"_s);
        QCOMPARE(m_rig.settings->routeLibrary().conversationRoute(u"7"_s), u"mine"_s);
        QVERIFY(!m_switcher->isVisible());
    }

    void enterUsesAModelAloneShiftEnterPutsItInFront()
    {
        m_rig.choices->choose(u"mine"_s);
        open();
        QTest::keyClicks(m_switcher->filter(), u"vision"_s);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Return);
        QCOMPARE(m_rig.choices->activeRoute().steps.size(), 1);
        QCOMPARE(m_rig.choices->activeRoute().steps[0].target.model, u"acme/vision-1"_s);

        m_rig.choices->choose(u"mine"_s);
        open();
        QTest::keyClicks(m_switcher->filter(), u"chat-2"_s);
        QTest::keyClick(m_switcher->filter(), Qt::Key_Return, Qt::ShiftModifier);
        const RoutePlan plan = m_rig.choices->activeRoute();
        QCOMPARE(plan.name, u"acme/chat-2:free → mine"_s);
        QCOMPARE(plan.steps.size(), 2);
        QCOMPARE(plan.steps[0].target.model, u"acme/chat-2:free"_s);
        QCOMPARE(m_rig.session->plan().steps[0].target.model, u"acme/chat-2:free"_s);

        // Recent picks first, newest first.
        open();
        QCOMPARE(m_rig.model->index(0).data(QuickSwitchModel::NameRole).toString(),
            u"acme/chat-2:free"_s);
        QCOMPARE(
            m_rig.model->index(1).data(QuickSwitchModel::NameRole).toString(), u"acme/vision-1"_s);

        // Kept for the conversation across reopening (and a restart).
        m_rig.choices->setConversation(8);
        m_rig.choices->choose(u"free first"_s);
        start();
        m_rig.choices->setConversation(7);
        QCOMPARE(m_rig.choices->activeRoute().name, u"acme/chat-2:free → mine"_s);
        QCOMPARE(m_rig.session->plan().steps[0].target.model, u"acme/chat-2:free"_s);
        open();
        QCOMPARE(current(), u"acme/chat-2:free"_s); // still first after the restart
    }

    void theSecondButtonPutsItInFrontToo()
    {
        open();
        QTest::keyClicks(m_switcher->filter(), u"vision"_s);
        QTest::mouseClick(m_switcher->secondaryButton(), Qt::LeftButton);
        QCOMPARE(m_rig.choices->activeRoute().name, u"acme/vision-1 → free first"_s);
    }
};

QTEST_MAIN(TestQuickSwitcher)
#include "test_quick_switcher.moc"
