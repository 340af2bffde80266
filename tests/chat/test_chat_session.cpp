// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ChatSession against the simulator: what goes out for send, regenerate,
// edit-and-resend and continue, and where the reply lands.
#include "Fixtures.h"
#include "StandInReachability.h"
#include "chat/ChatSession.h"
#include "route/Reachability.h"
#include "route/RouteFile.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using testing::StandInReachability;

class TestChatSession final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    static bool finishTurn(ChatSession &session)
    {
        QSignalSpy finished(&session, &ChatSession::turnFinished);
        return finished.wait(15'000);
    }

    QByteArray lastChatBody() const
    {
        for (qsizetype i = m_sim.requests().size() - 1; i >= 0; --i) {
            if (m_sim.requests()[i].path().endsWith("/chat/completions"))
                return m_sim.requests()[i].body;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QVERIFY(m_sim.setScenario(quoted("{'models':[{'id':'t/"
                                         "m','providers':['P']}],'providers':{'P':{'script':[{'"
                                         "kind':'serve'}]}},'reply':'alpha beta'}")));
    }

    void sendRegenerateEdit()
    {
        RouteEngine engine;
        ChatSession session(&engine);
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"t/m"_s, {}, {} }, true });
        session.setPlan(plan);

        QVERIFY(session.send(u"first"_s));
        QVERIFY(!session.send(u"not while busy"_s));
        QVERIFY(finishTurn(session));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].message.content, u"alpha beta"_s);
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Served);

        QVERIFY(session.send(u"second"_s));
        QVERIFY(finishTurn(session));
        QVERIFY(lastChatBody().contains("\"content\":\"first\""));
        QVERIFY(lastChatBody().contains("\"content\":\"alpha beta\"")); // history goes along

        QVERIFY(session.regenerate());
        QVERIFY(finishTurn(session));
        QCOMPARE(session.messages().size(), 4); // replaced, not appended
        QCOMPARE(session.messages()[3].sibling, 1); // a new version beside the earlier reply
        QCOMPARE(session.messages()[3].siblings, 2);
        QVERIFY(lastChatBody().contains("\"content\":\"second\""));
        QVERIFY(!lastChatBody().contains(
            "\"role\":\"assistant\",\"content\":\"alpha "
            "beta\"},{\"role\":\"user\",\"content\":\"second\"},{\"role\":\"assistant\""));

        QVERIFY(session.editAndResend(0, u"first, edited"_s));
        QVERIFY(finishTurn(session));
        QCOMPARE(session.messages().size(), 2); // everything after the edited message is gone
        QCOMPARE(session.messages()[0].message.content, u"first, edited"_s);
        QCOMPARE(session.messages()[0].sibling, 1); // beside the original question
        QCOMPARE(session.messages()[0].siblings, 2);
        // No other version of the edit's reply, and none before the original question.
        QVERIFY(!session.showSibling(1, -1));
        QSignalSpy asked(&session, &ChatSession::siblingRequested);
        QVERIFY(session.showSibling(0, -1));
        QCOMPARE(asked.size(), 1); // whoever keeps the versions switches the branch
        QVERIFY(!session.showSibling(0, +1));
        QVERIFY(!lastChatBody().contains("second"));
    }

    void continueExtendsAnInterruptedReply()
    {
        QVERIFY(m_sim.setScenario(quoted("{'models':[{'id':'t/m','providers':['P']}],"
                                         "'providers':{'P':{'script':[{'kind':'reset_after_tokens',"
                                         "'tokens':1},{'kind':'serve'}]}},'reply':'alpha beta'}")));
        RouteEngine engine;
        ChatSession session(&engine);
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"t/m"_s, {}, {} }, true });
        session.setPlan(plan);

        QVERIFY(session.send(u"go"_s));
        QVERIFY(finishTurn(session));
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Interrupted);
        const QString partial = session.messages()[1].message.content;
        QVERIFY(!partial.isEmpty());

        QVERIFY(session.continueReply());
        QVERIFY(finishTurn(session));
        // The partial reply went out as an assistant prefix, and the new text extends it.
        QVERIFY(lastChatBody().contains(QByteArray(
            QByteArray("{\"content\":\"") + partial.toUtf8() + "\",\"role\":\"assistant\"}")));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].message.content, partial + u"alpha beta"_s);
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Served);
        QVERIFY(!session.continueReply()); // nothing left to continue
    }

    void stopCancels()
    {
        QVERIFY(m_sim.setScenario(quoted("{'models':[{'id':'t/"
                                         "m','providers':['P']}],'providers':{'P':{'script':[{'"
                                         "kind':'stall','phase':'before_first_token'}]}}}")));
        RouteEngine engine;
        ChatSession session(&engine);
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"t/m"_s, {}, {} }, true });
        session.setPlan(plan);
        QSignalSpy started(&session, &ChatSession::attemptStarted);
        QVERIFY(session.send(u"wait"_s));
        QVERIFY(started.wait(5000));
        session.stop();
        QVERIFY(!session.isBusy());
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Cancelled);
    }

    // Offline, the reply says that it waits for the network, and that Stop ends the wait.
    void waitingForTheNetworkIsShownAndStopEndsIt()
    {
        StandInReachability reachability;
        reachability.setOffline(true);
        RouteEngine engine;
        engine.setReachability(&reachability, RouteEngine::Offline::Wait);
        ChatSession session(&engine);
        RoutePlan plan;
        plan.endpoints.append({ u"remote"_s, EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.invalid/api/v1"_s), QString() });
        plan.steps.append({ u"remote"_s, { u"t/m"_s, {}, {} }, true });
        session.setPlan(plan);
        QVERIFY(session.send(u"anyone?"_s));
        QTRY_COMPARE(session.messages()[1].summary, u"Waiting for the network… (Stop to cancel)"_s);
        QVERIFY(session.isBusy());
        session.stop();
        QVERIFY(!session.isBusy());
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Cancelled);
        QCOMPARE(session.messages()[1].result->attempts.size(), 1);
        QCOMPARE(session.messages()[1].result->attempts.first().outcome, Outcome::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestChatSession)
#include "test_chat_session.moc"
