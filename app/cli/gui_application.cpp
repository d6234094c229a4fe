#include "cli/gui_application.h"

#include <QCoreApplication>
#include <QGuiApplication>

namespace motifloom::cli {

// Deliberately never destroyed: it must outlive every painter, and the process ends right after.
void ensureGuiApplication() {
    if (QCoreApplication::instance()) return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "motifloom-cli";
    static char* argv[] = {name, nullptr};
    new QGuiApplication(argc, argv);
}

}  // namespace motifloom::cli
