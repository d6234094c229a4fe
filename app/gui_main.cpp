// motifloom: the desktop lab's entry point.
//
//   motifloom [SESSION.motifloom] [--lesson LESSON.json]
//
// Without an argument the window opens on the Koo & Eddy demo (synthetic data, CNN-25).
#include "app_window/main_window.h"
#include "nn/isa.h"
#include "util/input_error.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QMessageBox>
#include <QMetaObject>

int main(int argc, char** argv) {
    // Fractional scale factors (125 %, 150 %) as they are: logos and plots are vector-drawn.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName("MotifLoom");
    QApplication::setOrganizationName("MotifLoom");
    QApplication::setApplicationVersion(MOTIFLOOM_VERSION);
    QApplication::setApplicationDisplayName("MotifLoom");

    QCommandLineParser parser;
    parser.setApplicationDescription("A desktop lab for how convolutional networks learn DNA sequence motifs.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("session", "A session file (*.motifloom) to open.", "[session]");
    const QCommandLineOption lessonOption("lesson", "A lesson file to open (docs/lessons.md).", "file");
    parser.addOption(lessonOption);
    parser.process(app);

    try {
        motifloom::nn::isa();  // a bad MOTIFLOOM_ISA is reported before any work
    } catch (const motifloom::InputError& e) {
        QMessageBox::critical(nullptr, "MotifLoom", QString::fromStdString(e.what()));
        return 2;
    }

    motifloom::ui::MainWindow window;
    window.show();
    if (const QStringList args = parser.positionalArguments(); !args.isEmpty()) {
        const QString path = args.front();
        // After the window is up, so a broken file is reported in it.
        QMetaObject::invokeMethod(&window, [&window, path] { window.openSession(path); }, Qt::QueuedConnection);
    }
    if (parser.isSet(lessonOption)) {
        const QString path = parser.value(lessonOption);
        QMetaObject::invokeMethod(&window, [&window, path] { window.openLesson(path); }, Qt::QueuedConnection);
    }
    return app.exec();
}
