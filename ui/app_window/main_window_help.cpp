// MainWindow: the Help menu's pages (concepts, about; see main_window.h), HTML files of the Qt
// resource file (resources/help/).
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
#include <QFile>
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

// A help page of the Qt resource file (resources/help/NAME.html, resources/CMakeLists.txt),
// without its leading comment (a comment first would hide from QMessageBox that it is HTML).
QString helpPage(const QString& name) {
    QFile file(QStringLiteral(":/motifloom/help/%1.html").arg(name));
    if (!file.open(QIODevice::ReadOnly)) return QObject::tr("<p>The help page %1 is missing from this build.</p>").arg(name);
    QString html = QString::fromUtf8(file.readAll());
    if (html.startsWith("<!--")) html.remove(0, html.indexOf("-->") + 3);
    return html.trimmed();
}

}  // namespace

// ---- help ---------------------------------------------------------------------------------------

void MainWindow::showConcepts() {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("MotifLoom concepts"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setHtml(helpPage("concepts"));
    text->setOpenExternalLinks(true);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(680, 720);
    dialog->show();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About MotifLoom"),
                       helpPage("about").replace("{version}", QStringLiteral(MOTIFLOOM_VERSION)));
}

}  // namespace motifloom::ui
