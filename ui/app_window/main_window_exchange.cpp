// MainWindow: models out to PyTorch and ONNX, and models trained elsewhere back in as runs
// (File -> Export -> PyTorch project / ONNX model, File -> Import model; see main_window.h).
// The formats are core/exchange's, the same the CLI's export and import commands write and read.
#include "app_window/main_window.h"

#include "app_window/message_bar.h"
#include "app_window/settings.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "runs/run_list_model.h"
#include "training/dashboard.h"
#include "training/training_controller.h"
#include "training/training_worker.h"

#include "exchange/model_import.h"
#include "exchange/onnx_export.h"
#include "exchange/pytorch_export.h"
#include "interpret/filter_layer.h"
#include "interpret/filter_matches.h"
#include "lab/data_loader.h"
#include "train/evaluation.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace motifloom::ui {

namespace {

// A run of the session made from an imported model: test metrics and first-layer filters (PWMs,
// Tomtom matches) on `data` as a trained run has them, when the data fit the model.
std::shared_ptr<lab::RunRecord> importedRun(exchange::ImportedModel model, const lab::LoadedData& data, int id,
                                            QStringList& remarks) {
    auto run = std::make_shared<lab::RunRecord>();
    auto net = std::make_shared<const nn::Network>(std::move(model.network));
    const arch::Architecture& a = net->architecture();
    run->id = id;
    run->label = (a.name.empty() ? std::string("model") : a.name) + " \u00b7 imported";
    run->created = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
    run->architecture = a;
    run->history = std::move(model.history);
    run->status = model.stopReason == "early_stopping" ? lab::RunStatus::EarlyStopped : lab::RunStatus::Finished;
    run->message = model.source;
    for (const auto& note : model.notes) run->message += "; " + note;
    run->network = net;

    const seqio::DataSplits& splits = data.splits;
    const seqio::SequenceSet& part = splits.test.size() > 0 ? splits.test : splits.valid;
    if (part.size() == 0 || part.length != a.inputLength) {
        remarks << QObject::tr("Its test metrics and filters need data of length %1 (the loaded data: %2); "
                               "load such data and import it again.")
                       .arg(a.inputLength)
                       .arg(part.size() ? QString::number(part.length) : QObject::tr("none"));
        return run;
    }
    run->dataRecipe = data.recipe;
    run->dataSummary = data.recipe.describe();
    run->classNames = data.classNames;
    if (splits.test.size() > 0 && int(data.classNames.size()) == a.numClasses) {
        const train::Evaluation ev = train::evaluate(*net, splits.test);
        run->tested = true;
        run->testLoss = ev.loss.data;
        run->test = ev.metrics;
        lab::classCurves(ev.probabilities, splits.test.labels, splits.test.size(), splits.test.numClasses(), run->roc, run->pr);
    } else if (int(data.classNames.size()) != a.numClasses) {
        remarks << QObject::tr("The model has %1 outputs and the data %2 classes: no test metrics.")
                       .arg(a.numClasses)
                       .arg(data.classNames.size());
    }
    if (interpret::convLayerCount(a) == 0) return run;
    std::string matchNote;
    std::shared_ptr<const interpret::FilterMatcher> matcher;
    try {
        matcher = std::make_shared<const interpret::FilterMatcher>(*lab::motifDatabase(data.recipe.motifDatabase));
    } catch (const std::exception& e) {
        matchNote = std::string("no motif comparison: ") + e.what();
    }
    try {
        const FilterSnapshot snap = TrainingWorker::computeFilters(net, part, data, matcher.get(), matchNote);
        lab::RunFilters f;
        f.dataPart = splits.test.size() > 0 ? "test" : "validation";
        f.pwms = snap.pwms;
        f.matched = snap.matched;
        f.matches = snap.matches;
        f.summary = snap.summary;
        f.truth = snap.truth;
        f.truthNames = snap.truthNames;
        f.matchNote = snap.matchNote;
        run->filters = std::move(f);
    } catch (const std::exception& e) {
        remarks << QObject::tr("Its filters cannot be shown: %1").arg(QString::fromStdString(e.what()));
    }
    return run;
}

}  // namespace

void MainWindow::createExchangeActions(QMenu* file, QMenu* exportMenu) {
    mExportPyTorch = new QAction(tr("&PyTorch project\u2026"), this);
    mExportPyTorch->setStatusTip(tr("Write the selected run as a PyTorch project (model.py, train.py for CPU, GPU and "
                                    "DistributedDataParallel, ...) with its weights"));
    connect(mExportPyTorch, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export as PyTorch project into"), AppSettings::lastDirectory());
        if (!dir.isEmpty()) exportRunAsPyTorch(dir);
    });
    mExportOnnx = new QAction(tr("&ONNX model\u2026"), this);
    mExportOnnx->setStatusTip(tr("Write the selected run as an ONNX model (opset 13: one-hot [N, 4, L] in, class probabilities out)"));
    connect(mExportOnnx, &QAction::triggered, this, [this] {
        const auto run = runToExport();
        const QString name = run ? QString::fromStdString(run->architecture.name.empty() ? "model" : run->architecture.name) : QString();
        const QString path = QFileDialog::getSaveFileName(this, tr("Export as ONNX model"),
                                                          AppSettings::lastDirectory() + QStringLiteral("/%1.onnx").arg(name),
                                                          tr("ONNX models (*.onnx);;All files (*)"));
        if (!path.isEmpty()) exportRunAsOnnx(path);
    });
    for (QAction* a : {mExportPyTorch, mExportOnnx}) {
        a->setToolTip(a->statusTip());
        exportMenu->addAction(a);
    }
    mImportModel = new QAction(tr("&Import model\u2026"), this);
    mImportModel->setStatusTip(tr("Add a model trained elsewhere as a run: an ONNX file, or the folder (model.json) "
                                  "an exported PyTorch project's train.py writes"));
    mImportModel->setToolTip(mImportModel->statusTip());
    connect(mImportModel, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import model"), AppSettings::lastDirectory(),
            tr("Models (*.onnx model.json);;ONNX models (*.onnx);;MotifLoom exchange folders (model.json);;All files (*)"));
        if (!path.isEmpty()) importModelFrom(path);
    });
    file->insertAction(exportMenu->menuAction(), mImportModel);
}

std::shared_ptr<const lab::RunRecord> MainWindow::runToExport() const {
    const auto selected = selectedRuns();
    auto run = selected.size() == 1 ? selected.front() : mDashboard->shownRun();
    return run && run->network ? run : nullptr;
}

bool MainWindow::exportRunAsOnnx(const QString& path) {
    const auto run = runToExport();
    if (!run) {
        showInfo(tr("Select one run in the Runs list to export its model."));
        return false;
    }
    try {
        exchange::exportOnnxModel(*run->network, path.toStdString());
    } catch (const std::exception& e) {
        showError(tr("Could not export the ONNX model: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return false;
    }
    AppSettings::setLastDirectory(path);
    statusBar()->showMessage(tr("Exported run #%1 as ONNX to %2").arg(run->id).arg(QDir::toNativeSeparators(path)), 8000);
    return true;
}

bool MainWindow::exportRunAsPyTorch(const QString& dir) {
    const auto run = runToExport();
    if (!run) {
        showInfo(tr("Select one run in the Runs list to export its model."));
        return false;
    }
    // train.py's default data: the run's folder or header-labelled FASTA files, the forms data.py
    // reads without more options (a synthetic recipe has no files: train.py then needs --data).
    std::string dataSource;
    const lab::DataRecipe& recipe = run->dataRecipe;
    if (recipe.kind == lab::DataRecipe::Kind::Directory) dataSource = recipe.directory;
    else if (recipe.kind == lab::DataRecipe::Kind::Fasta && recipe.labelMode == seqio::LabelMode::HeaderTokens &&
             recipe.splitMode == lab::DataRecipe::SplitMode::Random)
        for (std::size_t i = 0; i < recipe.files.size(); ++i) dataSource += (i ? "," : "") + recipe.files[i];
    try {
        exchange::exportPyTorchProject(run->architecture, run->network.get(),
                                       {dataSource, "run #" + std::to_string(run->id) + " (" + run->label + ")"}, dir.toStdString());
    } catch (const std::exception& e) {
        showError(tr("Could not export the PyTorch project: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return false;
    }
    AppSettings::setLastDirectory(dir + QStringLiteral("/"));
    statusBar()->showMessage(tr("Exported run #%1 as a PyTorch project into %2 (see its README.md)")
                                 .arg(run->id)
                                 .arg(QDir::toNativeSeparators(dir)),
                             8000);
    return true;
}

bool MainWindow::importModelFrom(const QString& path) {
    if (mController->isActive()) {
        showInfo(tr("Import a model when training has finished."));
        return false;
    }
    std::shared_ptr<exchange::ImportedModel> model;
    try {
        model = std::make_shared<exchange::ImportedModel>(exchange::importModel(path.toStdString()));
    } catch (const std::exception& e) {
        showError(tr("<b>Cannot import the model</b>: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return false;
    }
    AppSettings::setLastDirectory(path);
    // Filters and test metrics need the data: load the panel's recipe first if nothing is loaded.
    auto finish = [this, model] {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const std::vector<std::string> notes = model->notes;
        QStringList remarks;
        std::shared_ptr<lab::RunRecord> run;
        try {
            run = importedRun(std::move(*model), *mData->data(), mNextRunId, remarks);
        } catch (const std::exception& e) {
            remarks << QString::fromStdString(e.what());
        }
        QApplication::restoreOverrideCursor();
        if (!run) {
            showError(tr("<b>Cannot import the model</b>: %1").arg(remarks.join(QLatin1Char(' ')).toHtmlEscaped()));
            return;
        }
        onRunFinished(run);
        // Show it as a selected run shows: dashboard (curves, test results), gallery, exports.
        const int row = mRuns->rowOfId(run->id);
        if (row >= 0) mRunTable->selectRow(mRunProxy->mapFromSource(mRuns->index(row, 0)).row());
        if (run->filters) mTabs->setCurrentWidget(mGallery->parentWidget());  // the Filters tab
        QString text = tr("Imported <b>%1</b> as run #%2.").arg(QString::fromStdString(run->label).toHtmlEscaped()).arg(run->id);
        for (const auto& note : notes) text += QStringLiteral(" ") + QString::fromStdString(note).toHtmlEscaped() + QStringLiteral(".");
        for (const auto& r : remarks) text += QStringLiteral(" ") + r.toHtmlEscaped();
        showInfo(text);
    };
    if (mData->data()) {
        finish();
    } else {
        connect(mData, &DataPanel::dataChanged, this, finish, Qt::SingleShotConnection);
        if (!mData->isLoading()) mData->load();
        showInfo(tr("Preparing the data (%1) for the imported model's filters and test metrics.")
                     .arg(QString::fromStdString(mData->recipe().describe()).toHtmlEscaped()));
    }
    return true;
}

}  // namespace motifloom::ui
