// motifloom: the desktop lab's entry point.
#include "main_window.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("MotifLoom");
    QApplication::setOrganizationName("MotifLoom");
    QApplication::setApplicationVersion(MOTIFLOOM_VERSION);
    motifloom::ui::MainWindow window;
    window.show();
    return app.exec();
}
