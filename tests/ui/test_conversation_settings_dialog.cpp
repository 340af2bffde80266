// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversation settings dialog, the system prompt bar over the transcript
// and the Thinking section of a reply, driven by keyboard and mouse offscreen.
#include "ConversationSettingsDialog.h"
#include "MessageBubble.h"
#include "SystemPromptBar.h"
#include "ThinkingSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

class TestConversationSettingsDialog : public QObject {
    Q_OBJECT

    template<typename T> static T *child(QWidget *parent, const QString &name)
    {
        auto *found = parent->findChild<T *>(name);
        if (!found)
            qFatal("no %s", qPrintable(name));
        return found;
    }

    static void typeInto(QAbstractSpinBox *box, const QString &text)
    {
        box->setFocus();
        box->selectAll();
        QTest::keyClicks(box, text);
        box->interpretText();
    }

private Q_SLOTS:
    void startsWithNothingSet()
    {
        ConversationSettingsDialog dialog;
        QVERIFY(dialog.settings().isEmpty());
        for (const QString &name : { u"temperature"_s, u"topP"_s })
            QCOMPARE(child<QDoubleSpinBox>(&dialog, name)->text(), u"not set"_s);
        for (const QString &name : { u"maxTokens"_s, u"seed"_s, u"reasoningMaxTokens"_s })
            QCOMPARE(child<QSpinBox>(&dialog, name)->text(), u"not set"_s);
    }

    void typedValuesBecomeSettings()
    {
        ConversationSettingsDialog dialog;
        dialog.show();
        auto *prompt = child<QPlainTextEdit>(&dialog, u"systemPrompt"_s);
        prompt->setFocus();
        QTest::keyClicks(prompt, u"Be brief."_s);
        typeInto(child<QDoubleSpinBox>(&dialog, u"temperature"_s), u"0.7"_s);
        typeInto(child<QSpinBox>(&dialog, u"maxTokens"_s), u"300"_s);
        typeInto(child<QSpinBox>(&dialog, u"seed"_s), u"42"_s);
        typeInto(child<QSpinBox>(&dialog, u"reasoningMaxTokens"_s), u"2000"_s);
        QTest::mouseClick(
            child<QCheckBox>(&dialog, u"excludeReasoning"_s), Qt::LeftButton, {}, QPoint(5, 5));

        ConversationSettings settings = dialog.settings();
        QCOMPARE(settings.systemPrompt, u"Be brief."_s);
        QCOMPARE(settings.sampling.temperature, std::optional<double>(0.7));
        QVERIFY(!settings.sampling.topP); // left alone: not sent
        QCOMPARE(settings.sampling.maxTokens, std::optional<int>(300));
        QCOMPARE(settings.sampling.seed, std::optional<int>(42));
        QCOMPARE(settings.reasoning.maxTokens, std::optional<int>(2000));
        QCOMPARE(settings.reasoning.exclude, std::optional<bool>(true));

        // An effort replaces the budget (OpenRouter takes one of them).
        auto *effort = child<QComboBox>(&dialog, u"reasoningEffort"_s);
        effort->setCurrentIndex(effort->findData(u"medium"_s));
        QVERIFY(!child<QSpinBox>(&dialog, u"reasoningMaxTokens"_s)->isEnabled());
        settings = dialog.settings();
        QCOMPARE(settings.reasoning.effort, u"medium"_s);
        QVERIFY(!settings.reasoning.maxTokens);
    }

    void showsWhatItIsGiven()
    {
        ConversationSettings given;
        given.systemPrompt = u"Line one\nLine two"_s;
        given.sampling.topP = 0.5;
        given.sampling.seed = -3;
        given.reasoning.effort = u"high"_s;
        given.reasoning.exclude = true;
        ConversationSettingsDialog dialog;
        dialog.setSettings(given);
        QCOMPARE(dialog.settings(), given);
        dialog.setSettings({});
        QVERIFY(dialog.settings().isEmpty());
    }

    void promptBarIsCollapsedUntilAsked()
    {
        SystemPromptBar bar;
        QVERIFY(bar.isHidden()); // no prompt, no bar
        bar.setPrompt(u"First line of the prompt\nand a second one"_s);
        QVERIFY(bar.isVisible());
        QVERIFY(!bar.isExpanded());
        auto *line = child<QLabel>(&bar, u"systemPromptLine"_s);
        QVERIFY(line->isVisible());
        QVERIFY(!line->text().contains(u'\n'));
        auto *toggle = child<QToolButton>(&bar, u"systemPromptToggle"_s);
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(bar.isExpanded());
        QCOMPARE(child<QLabel>(&bar, u"systemPromptFull"_s)->text(),
            u"First line of the prompt\nand a second one"_s);
        QVERIFY(child<QLabel>(&bar, u"systemPromptFull"_s)->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!bar.isExpanded());
        QTest::mouseClick(line, Qt::LeftButton); // the line itself opens it too
        QVERIFY(bar.isExpanded());
        bar.setPrompt(u"  "_s);
        QVERIFY(bar.isHidden());
    }

    // Open while only thoughts stream, closed with their length once the answer starts,
    // and still there for a reply read back from the history.
    void thinkingFoldsWhenTheAnswerStarts()
    {
        ChatSession::Message reply;
        reply.message = { u"assistant"_s, QString() };
        reply.turn = 1;
        MessageBubble bubble(1, reply, nullptr);
        bubble.show();
        ThinkingSection *thinking = bubble.thinking();
        QVERIFY(thinking);
        QVERIFY(thinking->isHidden());

        reply.reasoning = u"Weighing it. "_s;
        bubble.update(reply, true);
        QVERIFY(thinking->isVisible());
        QVERIFY(thinking->isExpanded());
        reply.reasoning += u"Done."_s;
        reply.message.content = u"The answer."_s;
        bubble.update(reply, true);
        QVERIFY(!thinking->isExpanded());
        QVERIFY2(
            thinking->toggle()->text().contains(u"18"_s), qPrintable(thinking->toggle()->text()));
        QTest::mouseClick(thinking->toggle(), Qt::LeftButton);
        QVERIFY(thinking->isExpanded());
        QCOMPARE(child<QLabel>(thinking, u"thinkingText"_s)->text(), u"Weighing it. Done."_s);
        bubble.update(reply, false); // the person opened it: it stays open
        QVERIFY(thinking->isExpanded());

        MessageBubble reopened(1, reply, nullptr);
        reopened.show();
        QVERIFY(reopened.thinking()->isVisible());
        QVERIFY(!reopened.thinking()->isExpanded());

        ChatSession::Message user;
        user.message = { u"user"_s, u"Hi"_s };
        QVERIFY(!MessageBubble(0, user, nullptr).thinking());
    }
};

QTEST_MAIN(TestConversationSettingsDialog)
#include "test_conversation_settings_dialog.moc"
