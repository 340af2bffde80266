#include "MainWindow.h"

#include <QApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"detour"_s);
    QApplication::setOrganizationName(u"Detour"_s);
    QApplication::setApplicationDisplayName(u"Detour"_s);
    QApplication::setApplicationVersion(QStringLiteral(DETOUR_VERSION));
    detour::MainWindow window({ qEnvironmentVariableIsEmpty("OPENROUTER_API_KEY") });
    window.resize(1280, 820);
    window.show();
    return app.exec();
}
