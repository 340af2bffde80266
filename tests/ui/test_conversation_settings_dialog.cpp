// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversation settings dialog, the system prompt bar over the transcript
// and the Thinking section of a reply, driven by keyboard and mouse offscreen.
#include "ConversationSettingsDialog.h"
#include "MessageBubble.h"
#include "SavedPromptsButton.h"
#include "SavedPromptsRow.h"
#include "SystemPromptBar.h"
#include "ThinkingSection.h"
#include "chat/ParameterSupport.h"
#include "settings/PromptLibrary.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
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

    // Unset fields show what they fall back to: the route's value, beneath the field.
    void routeDefaultsShowInUnsetFields()
    {
        ConversationSettings route;
        route.systemPrompt = u"Route prompt."_s;
        route.sampling.temperature = 0.3;
        route.sampling.maxTokens = 500;
        route.reasoning.effort = u"low"_s;
        ConversationSettingsDialog dialog;
        dialog.setRouteDefaults(route);
        QCOMPARE(child<QDoubleSpinBox>(&dialog, u"temperature"_s)->text(), u"route default: 0.3"_s);
        QCOMPARE(child<QSpinBox>(&dialog, u"maxTokens"_s)->text(), u"route default: 500"_s);
        QCOMPARE(child<QDoubleSpinBox>(&dialog, u"topP"_s)->text(), u"not set"_s);
        QCOMPARE(child<QComboBox>(&dialog, u"reasoningEffort"_s)->currentText(),
            u"route default: low"_s);
        QCOMPARE(child<QPlainTextEdit>(&dialog, u"systemPrompt"_s)->placeholderText(),
            u"Route default: Route prompt."_s);
        QVERIFY(dialog.settings().isEmpty()); // shown, not copied into the conversation

        // A value of its own replaces the hint; clearing it brings the hint back.
        dialog.setSettings({ {}, { 1.0, {}, {}, {}, {}, {}, {}, {} }, {} });
        QCOMPARE(child<QDoubleSpinBox>(&dialog, u"temperature"_s)->text(), u"1.00"_s);
        dialog.setSettings({});
        QCOMPARE(child<QDoubleSpinBox>(&dialog, u"temperature"_s)->text(), u"route default: 0.3"_s);
        dialog.setRouteDefaults({});
        QCOMPARE(child<QDoubleSpinBox>(&dialog, u"temperature"_s)->text(), u"not set"_s);
    }

    // Only what the route's first model takes is offered; the rest says why.
    void unsupportedParametersAreDisabled()
    {
        RoutePlan plan;
        plan.endpoints = { { u"or"_s, EndpointKind::OpenRouter, QUrl(u"https://o.example"_s),
            {} } };
        plan.steps = { { u"or"_s, { u"x/y"_s, {}, {} }, true } };
        ModelInfo model;
        model.id = u"x/y"_s;
        model.supportedParameters = { u"temperature"_s, u"max_tokens"_s };
        ConversationSettingsDialog dialog;
        dialog.setParameterSupport(ParameterSupport::of(plan, model));
        QVERIFY(child<QDoubleSpinBox>(&dialog, u"temperature"_s)->isEnabled());
        QVERIFY(child<QSpinBox>(&dialog, u"maxTokens"_s)->isEnabled());
        auto *topP = child<QDoubleSpinBox>(&dialog, u"topP"_s);
        QVERIFY(!topP->isEnabled());
        QCOMPARE(topP->toolTip(), u"x/y does not take top_p"_s);
        QVERIFY(!child<QSpinBox>(&dialog, u"seed"_s)->isEnabled());
        auto *effort = child<QComboBox>(&dialog, u"reasoningEffort"_s);
        QVERIFY(!effort->isEnabled());
        QCOMPARE(effort->toolTip(), u"x/y does not take reasoning"_s);
        QVERIFY(!child<QSpinBox>(&dialog, u"reasoningMaxTokens"_s)->isEnabled());
        QVERIFY(!child<QCheckBox>(&dialog, u"excludeReasoning"_s)->isEnabled());

        // A model the catalog does not know offers everything.
        dialog.setParameterSupport(ParameterSupport::of(plan, std::nullopt));
        QVERIFY(topP->isEnabled());
        QVERIFY(topP->toolTip().isEmpty());
        QVERIFY(effort->isEnabled());
        QVERIFY(child<QSpinBox>(&dialog, u"reasoningMaxTokens"_s)->isEnabled());
    }

    // The library in the dialog: pick into the prompt, save as, rename, duplicate, delete
    // and undo, all written to the library's file.
    void savedPromptsAreManagedInTheDialog()
    {
        QTemporaryDir dir;
        PromptLibrary library(dir.filePath(u"prompts.json"_s));
        ConversationSettingsDialog dialog;
        dialog.setPromptLibrary(&library);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        SavedPromptsRow *row = dialog.savedPrompts();
        QVERIFY(row);
        auto *choice = child<QComboBox>(&dialog, u"savedPrompts"_s);
        auto *prompt = child<QPlainTextEdit>(&dialog, u"systemPrompt"_s);
        QCOMPARE(choice->count(), PromptLibrary::starterPrompts().size());
        QCOMPARE(choice->currentIndex(), -1);
        QVERIFY(!child<QPushButton>(&dialog, u"deletePrompt"_s)->isEnabled());

        // Pick: the keyboard moves through the list, and the prompt follows.
        choice->setFocus();
        QTest::keyClick(choice, Qt::Key_Down);
        QCOMPARE(choice->currentIndex(), 0);
        QCOMPARE(prompt->toPlainText(), PromptLibrary::starterPrompts().first().text);
        QCOMPARE(dialog.settings().systemPrompt, PromptLibrary::starterPrompts().first().text);

        // Save as: a new name keeps the prompt as typed.
        prompt->setPlainText(u"Speak like a pirate."_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"savePromptAs"_s), Qt::LeftButton);
        QInputDialog *name = row->nameDialog();
        QVERIFY(name);
        name->setTextValue(u"Pirate"_s);
        name->accept();
        QCOMPARE(library.indexOf(u"Pirate"_s), 3);
        QCOMPARE(library.prompts().at(3).text, u"Speak like a pirate."_s);
        QCOMPARE(choice->currentText(), u"Pirate"_s);

        // Rename, duplicate.
        QTest::mouseClick(child<QPushButton>(&dialog, u"renamePrompt"_s), Qt::LeftButton);
        QTRY_VERIFY(row->nameDialog());
        row->nameDialog()->setTextValue(u"Buccaneer"_s);
        row->nameDialog()->accept();
        QCOMPARE(library.prompts().at(3).name, u"Buccaneer"_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"duplicatePrompt"_s), Qt::LeftButton);
        QCOMPARE(library.rowCount(), 5);
        QCOMPARE(choice->currentText(), u"Buccaneer (copy)"_s);

        // Delete, then Undo in the dialog.
        auto *undo = child<QPushButton>(&dialog, u"undoDeletePrompt"_s);
        QVERIFY(!undo->isVisible());
        QTest::mouseClick(child<QPushButton>(&dialog, u"deletePrompt"_s), Qt::LeftButton);
        QCOMPARE(library.rowCount(), 4);
        QVERIFY(undo->isVisible());
        QCOMPARE(child<QLabel>(&dialog, u"savedPromptsNotice"_s)->text(),
            u"Deleted “Buccaneer (copy)”."_s);
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(library.rowCount(), 5);
        QCOMPARE(library.prompts().at(4).name, u"Buccaneer (copy)"_s);
        QVERIFY(!undo->isVisible());
        QCOMPARE(PromptLibrary(library.filePath()).prompts(), library.prompts());

        // A name taken by another prompt is refused, in words.
        choice->setCurrentIndex(4);
        QTest::mouseClick(child<QPushButton>(&dialog, u"renamePrompt"_s), Qt::LeftButton);
        QTRY_VERIFY(row->nameDialog());
        row->nameDialog()->setTextValue(u"Buccaneer"_s);
        row->nameDialog()->accept();
        QVERIFY(child<QLabel>(&dialog, u"savedPromptsNotice"_s)->text().contains(u"already"_s));
        QCOMPARE(library.prompts().at(4).name, u"Buccaneer (copy)"_s);

        // Opening on a conversation whose prompt is saved selects it.
        dialog.setSettings({ library.prompts().at(1).text, {}, {} });
        QCOMPARE(choice->currentIndex(), 1);
    }

    // The "Prompts" menu (on the bar, and the one for the composer) picks a saved prompt.
    void promptsMenuPicksASavedPrompt()
    {
        QTemporaryDir dir;
        PromptLibrary library(dir.filePath(u"prompts.json"_s));
        SystemPromptBar bar;
        SavedPromptsButton *button = bar.savedPromptsButton();
        QVERIFY(button);
        button->setLibrary(&library);
        QSignalSpy picked(button, &SavedPromptsButton::picked);
        QSignalSpy manage(button, &SavedPromptsButton::manageRequested);
        Q_EMIT button->promptMenu()->aboutToShow();
        const QList<QAction *> actions = button->promptMenu()->actions();
        QCOMPARE(actions.first()->text(), PromptLibrary::starterPrompts().first().name);
        actions.at(1)->trigger();
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.first().first().toString(), PromptLibrary::starterPrompts().at(1).text);

        // The menu follows the library; "No system prompt" picks none; "Manage…" asks.
        QVERIFY(library.save(u"Mine"_s, u"My own."_s));
        Q_EMIT button->promptMenu()->aboutToShow();
        QAction *mine = nullptr;
        QAction *none = nullptr;
        QAction *manageAction = nullptr;
        for (QAction *action : button->promptMenu()->actions()) {
            if (action->text() == u"Mine"_s)
                mine = action;
            else if (action->text() == u"No system prompt"_s)
                none = action;
            else if (action->text().startsWith(u"Manage"_s))
                manageAction = action;
        }
        QVERIFY(mine && none && manageAction);
        mine->trigger();
        QCOMPARE(picked.last().first().toString(), u"My own."_s);
        none->trigger();
        QCOMPARE(picked.last().first().toString(), QString());
        manageAction->trigger();
        QCOMPARE(manage.count(), 1);
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
