// MainWindow: the session document (new, open, save, save as, recent files, asking before
// unsaved changes are lost; see main_window.h).
#include "app_window/main_window.h"

#include "app_window/message_bar.h"

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

namespace {

const char* kDemoPreset = "CNN-25";
QString sessionFilter() { return QObject::tr("MotifLoom sessions (*.motifloom);;All files (*)"); }

}  // namespace

// ---- session ------------------------------------------------------------------------------------

lab::Session MainWindow::session() const {
    lab::Session s;
    s.dataRecipe = mData->recipe();
    s.architecture = currentArchitecture();
    s.runs = mRuns->runs();
    s.nextRunId = mNextRunId;
    return s;
}

void MainWindow::applySession(const lab::Session& s, const QString& path) {
    mApplying = true;
    mData->setRecipe(s.dataRecipe);
    mArch->setArchitecture(s.architecture);
    mLastEditorTraining = mArch->architecture().training;
    mSettings->setDefaults(arch::isPreset(s.architecture.name)
                                                  ? arch::preset(s.architecture.name).training
                                                  : s.architecture.training);
    mSettings->setSettings(s.architecture.training);
    mRuns->setRuns(s.runs);
    mNextRunId = s.nextRunId;
    for (const auto& r : s.runs) mNextRunId = std::max(mNextRunId, r->id + 1);
    mSessionPath = path;
    syncPresetCombo();
    mApplying = false;
    setModified(false);
    mGallery->showMessage(tr("Train a model, or select a run in the Runs list, to see its first-layer filters."));
    mFilterTitle->setText(tr("Filters of the live or selected run"));
    const lab::DataRecipe& recipe = s.dataRecipe;
    const QString dataText = recipe == lab::DataRecipe::paperSynthetic()
                                 ? tr("the Koo &amp; Eddy synthetic data (12 JASPAR motifs planted in 25,000 sequences)")
                                 : QString::fromStdString(recipe.describe()).toHtmlEscaped();
    const QString model = QString::fromStdString(s.architecture.name.empty() ? "the model" : s.architecture.name).toHtmlEscaped();
    mDashboard->showIdle(s.runs.empty()
                             ? tr("<b>Ready:</b> %1 on %2.<br>Press <b>Train</b> (Ctrl+R): the data are generated, "
                                  "training starts, and the filters below turn into motifs epoch by epoch.")
                                   .arg(model, dataText)
                             : tr("<b>%n run(s)</b> in this session. Select one in the Runs list to review it, or "
                                  "press <b>Train</b> (Ctrl+R).", nullptr, int(s.runs.size())));
    onSelectionChanged();
    updateTitle();
}

bool MainWindow::newSession() {
    if (mController->isActive()) {
        showError(tr("Stop training before starting a new session."));
        return false;
    }
    lab::Session demo;
    demo.dataRecipe = lab::DataRecipe::paperSynthetic();
    demo.architecture = arch::preset(kDemoPreset);
    applySession(demo, {});
    mMessages->hideMessage();
    return true;
}

bool MainWindow::openSession(const QString& path) {
    if (mController->isActive()) {
        showError(tr("Stop training before opening another session."));
        return false;
    }
    lab::Session s;
    try {
        s = lab::loadSession(path.toStdString());  // the data recipe is checked before anything changes
    } catch (const std::exception& e) {
        showError(tr("<b>Could not open the session</b> %1<br>%2<br>The current session is unchanged.")
                      .arg(QFileInfo(path).fileName().toHtmlEscaped(), QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    applySession(s, QFileInfo(path).absoluteFilePath());
    AppSettings::addRecentFile(path);
    AppSettings::setLastDirectory(AppSettings::Folder::Sessions, path);
    showInfo(tr("Opened %1: %n run(s).", nullptr, int(s.runs.size())).arg(QFileInfo(path).fileName().toHtmlEscaped()));
    return true;
}

bool MainWindow::saveSessionAs(const QString& path) {
    try {
        lab::saveSession(path.toStdString(), session());
    } catch (const std::exception& e) {
        showError(tr("<b>Could not save the session</b>: %1<br>Nothing was lost: the session is still open.")
                      .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    mSessionPath = QFileInfo(path).absoluteFilePath();
    AppSettings::addRecentFile(path);
    AppSettings::setLastDirectory(AppSettings::Folder::Sessions, path);
    setModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), AppSettings::lastDirectory(AppSettings::Folder::Sessions), sessionFilter());
    if (!path.isEmpty()) openSession(path);
}

bool MainWindow::save() {
    if (mSessionPath.isEmpty()) return saveAs();
    return saveSessionAs(mSessionPath);
}

bool MainWindow::saveAs() {
    QString start = mSessionPath.isEmpty() ? AppSettings::lastDirectory(AppSettings::Folder::Sessions) + QStringLiteral("/session.motifloom") : mSessionPath;
    QString path = QFileDialog::getSaveFileName(this, tr("Save session"), start, sessionFilter());
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".motifloom");
    return saveSessionAs(path);
}

bool MainWindow::maybeSave() {
    if (!isWindowModified()) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("The session has unsaved changes (%n run(s)). Save them first?", nullptr, mRuns->rowCount()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::markModified() {
    if (!mApplying) setModified(true);
}

void MainWindow::setModified(bool modified) {
    setWindowModified(modified);
    updateTitle();
}

void MainWindow::updateTitle() {
    const QString name = mSessionPath.isEmpty() ? tr("Untitled session") : QFileInfo(mSessionPath).fileName();
    setWindowTitle(QStringLiteral("%1[*] \u2013 MotifLoom").arg(name));
    setWindowFilePath(mSessionPath);
}

void MainWindow::updateRecentMenu() {
    mRecentMenu->clear();
    const QStringList files = AppSettings::recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& f = files[i];
        QAction* a = mRecentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(f).fileName()));
        a->setToolTip(QDir::toNativeSeparators(f));
        a->setStatusTip(QDir::toNativeSeparators(f));
        connect(a, &QAction::triggered, this, [this, f] {
            if (maybeSave()) openSession(f);
        });
    }
    if (files.isEmpty()) mRecentMenu->addAction(tr("(none)"))->setEnabled(false);
    mRecentMenu->addSeparator();
    mRecentMenu->addAction(tr("Clear list"), this, [] { AppSettings::clearRecentFiles(); });
}

}  // namespace motifloom::ui
