// Tests for the main window's model exchange (ui/app_window/main_window_exchange.cpp): the File
// menu's Import model and Export -> PyTorch project / ONNX model actions, a trained run exported
// as ONNX and as a PyTorch project and imported back as runs with the same test AUROC and
// filters, an import that first loads the data, and an unreadable file as a message.
#include "app_window/main_window.h"
#include "architecture/architecture_editor.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "runs/run_list_model.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "tiny_lab.h"

#include <cmath>

using namespace motifloom;
using namespace motifloom::ui;
using tiny_lab::smallRecipe;
using tiny_lab::tinyArch;

namespace {

QAction* findAction(const QList<QAction*>& actions, const QString& text) {
    for (QAction* a : actions)
        if (a->text() == text) return a;
    return nullptr;
}

}  // namespace

class TestMainWindowExchange : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("MotifLoomTest");
        QCoreApplication::setApplicationName("test_main_window_exchange");
        QSettings().clear();
        QVERIFY(mDir.isValid());
    }

    void menuActions() {
        MainWindow w;
        QMenu* file = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->text() == "&File") file = a->menu();
        QVERIFY(file);
        QAction* import = nullptr;
        QMenu* exportMenu = nullptr;
        for (QAction* a : file->actions()) {
            if (a->text() == QString::fromUtf8("&Import model\u2026")) import = a;
            if (a->text() == "&Export") exportMenu = a->menu();
        }
        QVERIFY(import);
        QVERIFY(import->isEnabled());
        QVERIFY(exportMenu);
        QStringList texts;
        for (QAction* a : exportMenu->actions()) texts << a->text();
        QVERIFY2(texts.contains(QString::fromUtf8("&PyTorch project\u2026")), qPrintable(texts.join(", ")));
        QVERIFY2(texts.contains(QString::fromUtf8("&ONNX model\u2026")), qPrintable(texts.join(", ")));
        // No run yet: nothing to export.
        QAction* onnx = findAction(exportMenu->actions(), QString::fromUtf8("&ONNX model\u2026"));
        QVERIFY(onnx && !onnx->isEnabled());
        QVERIFY(!w.exportRunAsOnnx(mDir.filePath("none.onnx")));
        QVERIFY(!QFile::exists(mDir.filePath("none.onnx")));
    }

    void exportAndImportBack() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.dataPanel()->setRecipe(smallRecipe());
        w.architectureEditor()->setArchitecture(tinyArch());
        w.trainingSettings()->setSettings(tinyArch().training);
        w.trainAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return w.runModel()->rowCount() == 1 && !w.controller()->isActive(); }, 120000));
        const auto trained = w.runModel()->run(0);
        QVERIFY(trained && trained->tested && trained->filters);
        QAction* onnxAction = findAction(w.findChildren<QAction*>(), QString::fromUtf8("&ONNX model\u2026"));
        QVERIFY(onnxAction && onnxAction->isEnabled());

        const QString onnx = mDir.filePath("tiny.onnx"), project = mDir.filePath("tiny-project");
        QVERIFY2(w.exportRunAsOnnx(onnx), qPrintable(w.messageText()));
        QVERIFY(QFile::exists(onnx));
        QVERIFY2(w.exportRunAsPyTorch(project), qPrintable(w.messageText()));
        for (const char* f : {"model.py", "train.py", "data.py", "README.md", "weights/model.json", "weights/weights.f32"})
            QVERIFY2(QFile::exists(project + "/" + f), f);

        QVERIFY2(w.importModelFrom(onnx), qPrintable(w.messageText()));
        QCOMPARE(w.runModel()->rowCount(), 2);
        const auto fromOnnx = w.runModel()->run(1);
        QVERIFY(fromOnnx->tested);
        QVERIFY(fromOnnx->filters.has_value());
        QCOMPARE(fromOnnx->filters->pwms.filters.size(), trained->filters->pwms.filters.size());
        qInfo("test AUROC trained %.6f, imported from ONNX %.6f", trained->testAuroc(), fromOnnx->testAuroc());
        QVERIFY(std::abs(fromOnnx->testAuroc() - trained->testAuroc()) <= 1e-9);
        QVERIFY(fromOnnx->network->convFilters(0) == trained->network->convFilters(0));
        QVERIFY(w.filterGallery()->run() == fromOnnx);  // the gallery shows the imported filters
        QVERIFY2(w.messageText().contains("Imported"), qPrintable(w.messageText()));

        QVERIFY2(w.importModelFrom(project + "/weights/model.json"), qPrintable(w.messageText()));
        QCOMPARE(w.runModel()->rowCount(), 3);
        QVERIFY(std::abs(w.runModel()->run(2)->testAuroc() - trained->testAuroc()) <= 1e-9);
        QVERIFY(w.isModified());
    }

    void importLoadsDataFirst() {
        const QString onnx = mDir.filePath("tiny.onnx");
        QVERIFY(QFile::exists(onnx));  // from exportAndImportBack
        MainWindow w;
        w.dataPanel()->setRecipe(smallRecipe());
        QVERIFY(!w.dataPanel()->data());
        QVERIFY(w.importModelFrom(onnx));
        QVERIFY(QTest::qWaitFor([&] { return w.runModel()->rowCount() == 1; }, 60000));
        QVERIFY(w.runModel()->run(0)->filters.has_value());
        QVERIFY(w.runModel()->run(0)->tested);
    }

    void unreadableFileIsAMessage() {
        MainWindow w;
        const QString bad = mDir.filePath("broken.onnx");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not protobuf at all \x01\x02\x03");
        f.close();
        QVERIFY(!w.importModelFrom(bad));
        QCOMPARE(w.runModel()->rowCount(), 0);
        QVERIFY2(w.messageText().contains("broken.onnx"), qPrintable(w.messageText()));
    }
};

QTEST_MAIN(TestMainWindowExchange)
#include "test_main_window_exchange.moc"
