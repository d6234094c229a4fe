// motifloom: the desktop lab's entry point.
//
//   motifloom [SESSION.motifloom] [--lesson LESSON.json] [--quit-after SECONDS]
//
// Without an argument the window opens on the Koo & Eddy demo (synthetic data, CNN-25).
// --quit-after closes the window once it has been shown that long: for scripted screenshots and
// for tests that start the real window (tests/app/test_package.cpp), not a user's option.
#include "app_window/main_window.h"
#include "nn/isa.h"
#include "util/input_error.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QIcon>
#include <QMessageBox>
#include <QMetaObject>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    // Fractional scale factors (125 %, 150 %) as they are: logos and plots are vector-drawn.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName("MotifLoom");
    QApplication::setOrganizationName("MotifLoom");
    QApplication::setApplicationVersion(MOTIFLOOM_VERSION);
    QApplication::setApplicationDisplayName("MotifLoom");
    // The installed menu entry's id (resources/): docks and task bars match the window to it.
    QGuiApplication::setDesktopFileName("io.github.motifloom.motifloom");
    QIcon icon(":/motifloom/icons/motifloom.svg");
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QString(":/motifloom/icons/hicolor/%1x%1/motifloom.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription("A desktop lab for how convolutional networks learn DNA sequence motifs.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("session", "A session file (*.motifloom) to open.", "[session]");
    const QCommandLineOption lessonOption("lesson", "A lesson file to open (docs/lessons.md).", "file");
    parser.addOption(lessonOption);
    const QCommandLineOption quitAfter("quit-after",
                                       "Close the window SECONDS after it is shown (scripted screenshots, tests).",
                                       "seconds");
    parser.addOption(quitAfter);
    parser.process(app);
    double quitSeconds = -1;
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        quitSeconds = parser.value(quitAfter).toDouble(&ok);
        if (!ok || quitSeconds < 0 || quitSeconds > 86400) {
            std::fprintf(stderr, "motifloom: option --quit-after needs a number of seconds (0 to 86400), got '%s'\n",
                         qPrintable(parser.value(quitAfter)));
            return 2;
        }
    }

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
    if (quitSeconds >= 0) QTimer::singleShot(int(quitSeconds * 1000), &window, &QWidget::close);
    return app.exec();
}
