// Placeholder: replaced by the real suite.
#include <QTest>
class Placeholder : public QObject { Q_OBJECT private slots: void notWritten() { QFAIL("suite not written yet"); } };
QTEST_GUILESS_MAIN(Placeholder)
#include "test_cli.moc"
