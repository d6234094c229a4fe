// MainWindow: exports of the comparison table (TSV) and of trained models (see main_window.h).
#include "app_window/main_window.h"

#include "app_window/settings.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "data/data_panel.h"
#include "filters/alignment_view.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
#include "runs/run_list_model.h"
#include "training/dashboard.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"
#include "training/training_sweep_dialog.h"

#include "arch/presets.h"
#include "util/input_error.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWhatsThis>

#include <sstream>

namespace motifloom::ui {

// ---- export -------------------------------------------------------------------------------------

void MainWindow::exportComparison() {
    if (mCompare->rows().empty()) {
        showInfo(tr("There are no runs to export yet."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Export comparison table"),
                                                AppSettings::lastDirectory(AppSettings::Folder::Exports) + QStringLiteral("/comparison.tsv"),
                                                tr("Tab-separated values (*.tsv);;All files (*)"));
    if (path.isEmpty()) return;
    const QByteArray bytes = QByteArray::fromStdString(mCompare->tsv());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showError(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path).toHtmlEscaped(), file.errorString().toHtmlEscaped()));
        return;
    }
    AppSettings::setLastDirectory(AppSettings::Folder::Exports, path);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::exportModel() {
    auto selected = selectedRuns();
    std::shared_ptr<const lab::RunRecord> run = selected.size() == 1 ? selected.front() : mDashboard->shownRun();
    if (!run || !run->network) {
        showInfo(tr("Select one run in the Runs list to export its model."));
        return;
    }
    QString name = QString::fromStdString(run->architecture.name.empty() ? "model" : run->architecture.name);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export trained model"),
        AppSettings::lastDirectory(AppSettings::Folder::Models) + QStringLiteral("/%1-run%2.mlm").arg(name).arg(run->id),
        tr("MotifLoom models (*.mlm);;All files (*)"));
    if (path.isEmpty()) return;
    std::ostringstream out(std::ios::binary);
    run->network->save(out);
    const std::string bytes = out.str();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) ||
        !file.commit()) {
        showError(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path).toHtmlEscaped(), file.errorString().toHtmlEscaped()));
        return;
    }
    AppSettings::setLastDirectory(AppSettings::Folder::Models, path);
    statusBar()->showMessage(tr("Exported run #%1 to %2").arg(run->id).arg(QDir::toNativeSeparators(path)), 5000);
}

}  // namespace motifloom::ui
