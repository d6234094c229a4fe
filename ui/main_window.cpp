#include "main_window.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>

namespace motifloom::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("MotifLoom");
    resize(1280, 800);
    auto* welcome = new QLabel(
        "<h2>MotifLoom</h2><p>How convolutional networks learn DNA sequence motifs.</p>", this);
    welcome->setAlignment(Qt::AlignCenter);
    setCentralWidget(welcome);
    createMenus();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MotifLoom"), this, &MainWindow::showAbout);
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
