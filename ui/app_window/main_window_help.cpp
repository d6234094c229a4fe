// MainWindow: the Help menu's texts (concepts, about; see main_window.h).
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

namespace {

QString concepts() {
    return QObject::tr(R"(<h2>What MotifLoom shows</h2>
<p>Convolutional neural networks (CNNs) classify DNA sequences by the short patterns they contain. Koo &amp; Eddy
(<i>PLoS Comput Biol</i> 2019) asked <b>what their first-layer filters learn</b>: whole transcription-factor
motifs, or fragments that deeper layers assemble. Their answer depends on the architecture, and MotifLoom lets
you watch it happen.</p>
<h3>Data</h3>
<p><b>Motif</b>: the DNA pattern a transcription factor binds, written as a <b>position probability matrix
(PWM)</b>: for each position, the probability of A, C, G and T. A <b>sequence logo</b> draws it: the height of
each column is its information content in bits (2 = one certain base), the letters share it by probability.</p>
<p><b>The demo data</b> (the paper's synthetic set): 25,000 random sequences of 200 nt, each with 1&ndash;5
copies of 12 JASPAR motifs (either strand) planted at random places. The label of a sequence says which of the 12
it contains, so the <b>ground truth</b> is known.</p>
<h3>Architecture</h3>
<p><b>Filter</b>: a first-layer convolution kernel, 19 positions wide, scanned along the sequence; it
<i>fires</i> where the sequence looks like its pattern. <b>Max-pooling</b> then keeps only the strongest response
in each window. <b>Large first-layer pooling</b> (CNN-25, CNN-50) throws away where partial patterns were, so the
filters must learn <b>whole motifs</b> (a <i>localist</i> representation). <b>Small pooling</b> (CNN-1, CNN-2)
keeps positions, so deeper layers can combine <b>partial motifs</b> (a <i>distributed</i> representation).
The <b>receptive field</b> of a layer is how many input bases one of its outputs sees.</p>
<h3>Training</h3>
<p>One <b>epoch</b> is one pass over the training sequences, in <b>batches</b> of 100 (one gradient step each).
The <b>validation set</b> decides <b>early stopping</b> (stop when its loss has not improved for a while) and which
epoch's weights are kept; the <b>test set</b> is only used for the final scores. The <b>seed</b> fixes the initial
weights, batch order and dropout: the same seed gives the same run.</p>
<h3>Scores</h3>
<p><b>AUROC</b>: the chance that a random sequence with the motif scores above one without (0.5 = guessing).
<b>AUPR</b>: area under the precision-recall curve (average precision), stricter when positives are rare.</p>
<h3>What the filters learned</h3>
<p>A filter's <b>PWM</b> is built from the test sequences where it fires above half its maximum (activation-
weighted). <b>Tomtom</b> compares it with the JASPAR database; a <b>match</b> has E-value &lt; 0.1.
<b>Match any</b>: fraction of filters matching some JASPAR motif. <b>Match ground truth</b>: fraction matching one
of the 12 planted motifs. <b>Coverage</b>: fraction of the 12 motifs found by at least one filter. Match any far
above match ground truth means the filters resemble <i>something</i> in the database without having learned the
relevant motifs.</p>
<h3>Try it</h3>
<ol><li>Press <b>Train</b> (Ctrl+R) with CNN-25 and watch the filters turn into motifs.</li>
<li>Choose CNN-2 and train again: its filters stay fragmentary, although its AUROC is as good.</li>
<li>Select both runs in the Runs list and open <b>Compare</b>; or run a <b>Sweep</b> of the pooling series.</li></ol>)");
}

}  // namespace

// ---- help ---------------------------------------------------------------------------------------

void MainWindow::showConcepts() {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("MotifLoom concepts"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setHtml(concepts());
    text->setOpenExternalLinks(true);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(680, 720);
    dialog->show();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About MotifLoom"),
        tr("<h3>MotifLoom %1</h3>"
           "<p>A desktop lab for seeing how convolutional neural networks learn DNA sequence "
           "motifs, after Koo &amp; Eddy, <i>PLoS Comput Biol</i> 15(12): e1007560 (2019).</p>"
           "<p>Motif data: JASPAR CORE vertebrates (via Debian's r-bioc-pwmenrich).<br>"
           "Plots: QCustomPlot. Engine: Eigen and oneTBB.</p>"
           "<p>MotifLoom is free software: GPL-3.0-or-later.</p>")
            .arg(MOTIFLOOM_VERSION));
}

}  // namespace motifloom::ui
