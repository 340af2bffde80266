// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The proxy part of Connection settings, driven as a person would: the mode, the
// manual fields (enabled only for Manual), Apply only when complete, the password
// never shown.
#include "ProxySettingsWidget.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestProxySettingsWidget final : public QObject {
    Q_OBJECT

    template<typename T> static T *child(QWidget &widget, const QString &name)
    {
        auto *found = widget.findChild<T *>(name);
        if (!found)
            qFatal("no %s", qPrintable(name));
        return found;
    }

private Q_SLOTS:
    void manualSocksWithCredentials()
    {
        ProxySettingsWidget widget;
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy applied(&widget, &ProxySettingsWidget::applied);
        auto *host = child<QLineEdit>(widget, u"proxyHost"_s);
        auto *apply = child<QPushButton>(widget, u"proxyApply"_s);
        QVERIFY(child<QRadioButton>(widget, u"proxySystem"_s)->isChecked()); // the default
        QVERIFY(!host->isEnabled());
        QVERIFY(apply->isEnabled());

        QTest::mouseClick(child<QRadioButton>(widget, u"proxyManual"_s), Qt::LeftButton);
        QVERIFY(host->isEnabled());
        QVERIFY(!apply->isEnabled()); // no host yet
        auto *type = child<QComboBox>(widget, u"proxyType"_s);
        type->setCurrentIndex(type->findText(u"SOCKS5"_s));
        QTest::keyClicks(host, u"10.0.0.1"_s);
        auto *port = child<QSpinBox>(widget, u"proxyPort"_s);
        port->selectAll();
        QTest::keyClicks(port, u"1080"_s);
        QTest::keyClicks(child<QLineEdit>(widget, u"proxyUser"_s), u"alice"_s);
        auto *password = child<QLineEdit>(widget, u"proxyPassword"_s);
        QTest::keyClicks(password, u"pr0xy"_s);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);

        QCOMPARE(applied.size(), 1);
        const auto choice = applied.first().first().value<ProxyChoice>();
        QCOMPARE(choice.mode, ProxyChoice::Mode::Manual);
        QCOMPARE(choice.type, ProxyChoice::Type::Socks5);
        QCOMPARE(choice.host, u"10.0.0.1"_s);
        QCOMPARE(choice.port, quint16(1080));
        QCOMPARE(choice.user, u"alice"_s);
        QCOMPARE(choice.password, u"pr0xy"_s);
    }

    void noProxy()
    {
        ProxySettingsWidget widget;
        ProxyChoice manual;
        manual.mode = ProxyChoice::Mode::Manual;
        manual.host = u"proxy.corp"_s;
        manual.port = 3128;
        widget.setChoice(manual);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QCOMPARE(child<QLineEdit>(widget, u"proxyHost"_s)->text(), u"proxy.corp"_s);
        QSignalSpy applied(&widget, &ProxySettingsWidget::applied);
        auto *none = child<QRadioButton>(widget, u"proxyNone"_s);
        // By keyboard: a click right after the previous test's would count as a double click.
        none->setFocus();
        QTest::keyClick(none, Qt::Key_Space);
        QVERIFY(none->isChecked());
        QTest::mouseClick(child<QPushButton>(widget, u"proxyApply"_s), Qt::LeftButton);
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.first().first().value<ProxyChoice>().mode, ProxyChoice::Mode::None);
    }
};

QTEST_MAIN(TestProxySettingsWidget)
#include "test_proxy_settings_widget.moc"
