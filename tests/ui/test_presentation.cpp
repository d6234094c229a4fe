// Tests for presentation mode (ui/presentation/): entering hides the docks but the lesson
// panel, goes full screen and scales fonts, plot lines and logos; the zoom keys stay within
// 100 - 200 %; high contrast; leaving restores the exact layout, font and palette; a filter
// click opens the large single-filter view, arrows step, Esc closes. Also the window's small-
// screen behaviour (works at 1024 x 640 with data loaded, no label in the docks cut in width or
// in height; a wrapped label gives its height back when it gets wider) and legible logo captions
// (>= 9 pt at 100 %). Entering also widens the lesson panel and keeps the curves readable.
#include "app_window/main_window.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
#include "logo/logo_painter.h"
#include "presentation/presentation_mode.h"
#include "presentation/single_filter_view.h"
#include "training/dashboard.h"
#include "widgets/wrap_label.h"
#include "training/training_types.h"
#include "tiny_lab.h"

#include "lab/data_loader.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QSettings>
#include <QTabWidget>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

// Three database motifs as "filters" (the bundled JASPAR file): each best matches itself.
interpret::FilterPwmSet knownFilters(const motif::MotifList& db, const std::vector<std::string>& ids) {
    interpret::FilterPwmSet set;
    for (const std::string& id : ids)
        for (const motif::Motif& m : db)
            if (m.id == id) {
                interpret::FilterPwm f;
                f.motif = m;
                f.motif.nsites = 200;
                f.sites = 200;
                f.maxActivation = 1;
                set.filters.push_back(f);
            }
    set.sequences = 200;
    return set;
}

// The innermost visible widget under `root` that needs more than `width` pixels, for failure
// messages: "QCheckBox 'also embed reverse complements' needs 229 px".
QString tooWide(QWidget* root, int width) {
    QWidget* culprit = nullptr;
    for (QWidget* c : root->findChildren<QWidget*>()) {
        if (!c->isVisibleTo(root) || c->minimumSizeHint().width() <= width) continue;
        if (!culprit || culprit->isAncestorOf(c)) culprit = c;
    }
    if (!culprit) return QStringLiteral("?");
    QString text = culprit->property("text").toString();
    if (text.isEmpty()) text = culprit->property("title").toString();
    if (text.isEmpty()) text = culprit->objectName();
    return QString("%1 '%2' needs %3 px").arg(culprit->metaObject()->className(), text)
        .arg(culprit->minimumSizeHint().width());
}

std::map<QDockWidget*, bool> dockVisibility(const MainWindow& w) {
    std::map<QDockWidget*, bool> out;
    for (QDockWidget* d : w.findChildren<QDockWidget*>()) out[d] = d->isVisible();
    return out;
}

}  // namespace

class TestPresentation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void enterScalesAndLeaveRestores();
    void zoomStaysWithinRange();
    void singleFilterViewStepsAndCloses();
    void captionsAreLegible();
    void windowWorksAt1024x640();
    void wrappedLabelFollowsItsWidth();
    void loadedSummaryKeepsItsLines();
};

void TestPresentation::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("MotifLoomTest");
    QCoreApplication::setApplicationName("test_presentation");
    QSettings().clear();
}

void TestPresentation::enterScalesAndLeaveRestores() {
    MainWindow w;
    auto* lessons = new QDockWidget("Lesson", &w);  // as the lesson panel names itself
    lessons->setObjectName("lessonDock");
    lessons->setWidget(new QLabel("step 1"));
    w.addDockWidget(Qt::RightDockWidgetArea, lessons);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.resize(1300, 800);
    QTest::qWait(200);  // the layout (and the dock proportions) settled
    PresentationMode* p = w.presentation();
    QVERIFY(p && !p->isActive());
    QVERIFY(!p->zoomInAction()->isEnabled());  // zoom only while presenting

    const QByteArray state = w.saveState();
    const auto visible = dockVisibility(w);
    const double basePt = QApplication::font().pointSizeF();
    const QColor baseText = QApplication::palette().color(QPalette::WindowText);
    QCustomPlot* plot = w.findChildren<QCustomPlot*>().value(0);
    QVERIFY(plot);
    const double baseTick = plot->xAxis->tickLabelFont().pointSizeF();
    RunFilterGrid* grid = w.filterGallery()->grid();
    const int baseCell = grid->cellWidth();

    p->setHighContrast(true);
    p->setScalePercent(150);
    QVERIFY(p->zoomInAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Plus)));
    p->toggleAction()->trigger();  // F11
    QVERIFY(p->isActive());
    QVERIFY(w.windowState() & Qt::WindowFullScreen);
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        QCOMPARE(d->isVisible(), d == lessons);  // every dock hidden except the lesson panel
    QTRY_VERIFY2(lessons->width() >= w.width() * 0.3,  // widened for its larger text
                 qPrintable(QString("lesson panel %1 of %2 px").arg(lessons->width()).arg(w.width())));
    QCOMPARE(QApplication::font().pointSizeF(), basePt * 1.5);
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), baseTick * 1.5);
    QCOMPARE(grid->cellWidth(), int(baseCell * 1.5 + 0.5));
    QCOMPARE(QApplication::palette().color(QPalette::WindowText), QColor(Qt::black));
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::white));
    QApplication::processEvents();
    QCOMPARE(grid->logoStyle().titlePixelSize, grid->logoStyle().captionPixelSize);  // "filter N" scales too
    QVERIFY2(grid->captionFont().pointSizeF() >= 9 * 1.5 - 1e-9, qPrintable(QString("%1 %2 %3").arg(grid->captionFont().pointSizeF()).arg(grid->font().pointSizeF()).arg(basePt)));  // captions scale too
    // The training curves keep room for their larger tick labels (no sliver under the filters).
    int shownCurves = 0;
    for (QCustomPlot* curves : w.findChild<Dashboard*>()->findChildren<QCustomPlot*>()) {
        if (!curves->isVisible()) continue;  // the test results' ROC and PR curves are on another tab
        ++shownCurves;
        QVERIFY2(curves->minimumHeight() >= 7 * QFontMetrics(QApplication::font()).height(),
                 qPrintable(QString("%1 px high at least").arg(curves->minimumHeight())));
    }
    QCOMPARE(shownCurves, 2);  // loss and validation scores
    // A plot line drawn while presenting (a new run's curve) is scaled on its first replot.
    QCPGraph* late = plot->addGraph();
    late->setPen(QPen(Qt::red, 2.0));
    plot->replot();
    QCOMPARE(late->pen().widthF(), 3.0);

    p->toggleAction()->trigger();  // F11 again
    QVERIFY(!p->isActive());
    QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
    QCOMPARE(dockVisibility(w), visible);
    QTRY_COMPARE(w.saveState(), state);
    QCOMPARE(QApplication::font().pointSizeF(), basePt);
    QCOMPARE(QApplication::palette().color(QPalette::WindowText), baseText);
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), baseTick);
    QCOMPARE(grid->cellWidth(), baseCell);
    QCOMPARE(late->pen().widthF(), 2.0);
}

void TestPresentation::zoomStaysWithinRange() {
    MainWindow w;
    w.show();
    PresentationMode* p = w.presentation();
    p->setScalePercent(100);
    p->setActive(true);
    const double basePt = QApplication::font().pointSizeF();
    QVERIFY(!p->zoomOutAction()->isEnabled());
    for (int i = 0; i < 15; ++i) p->zoomInAction()->trigger();
    QCOMPARE(p->scalePercent(), PresentationMode::kMaxPercent);
    QVERIFY(!p->zoomInAction()->isEnabled());
    QCOMPARE(QApplication::font().pointSizeF(), basePt * 2);
    p->zoomOutAction()->trigger();
    QCOMPARE(p->scalePercent(), 190);
    p->zoomResetAction()->trigger();
    QCOMPARE(p->scalePercent(), 100);
    QCOMPARE(QApplication::font().pointSizeF(), basePt);
    p->setActive(false);
    QCOMPARE(QSettings().value("presentation/scalePercent").toInt(), 100);  // remembered
}

void TestPresentation::singleFilterViewStepsAndCloses() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const auto db = lab::motifDatabase();
    const interpret::FilterPwmSet filters = knownFilters(*db, {"MA0079.3", "MA0139.1", "MA0095.2"});
    QCOMPARE(int(filters.filters.size()), 3);
    PresentationMode* p = w.presentation();
    // Outside presentation mode a filter click stays the alignment dialog's.
    QVERIFY(!p->showFilter(db, "JASPAR", filters, 0, {}, {}, "test"));
    p->setActive(true);
    QVERIFY(p->showFilter(db, "JASPAR", filters, 0, {"MA0139.1"}, {"CTCF"}, "CNN-25 \u00b7 seed 1"));
    SingleFilterView* v = p->singleFilterView();
    QVERIFY(v->isVisible());
    QCOMPARE(v->geometry(), w.rect());  // fills the window
    QCOMPARE(v->heading(), QString("Filter 1 of 3  \u00b7  CNN-25 \u00b7 seed 1"));
    QVERIFY2(v->caption().startsWith("MA0079.3"), qPrintable(v->caption()));
    QTRY_VERIFY(v->hasFocus());
    QTest::keyClick(v, Qt::Key_Right);
    QCOMPARE(v->index(), 1);
    QVERIFY2(v->caption().startsWith("MA0139.1") && v->caption().contains("true motif"), qPrintable(v->caption()));
    QTest::keyClick(v, Qt::Key_End);
    QCOMPARE(v->index(), 2);
    QTest::keyClick(v, Qt::Key_Right);  // stays on the last
    QCOMPARE(v->index(), 2);
    QTest::keyClick(v, Qt::Key_Left);
    QCOMPARE(v->index(), 1);
    // Esc closes the view and is not taken by the window's Stop shortcut.
    QSignalSpy stopped(w.stopAction(), &QAction::triggered);
    QSignalSpy closed(v, &SingleFilterView::closed);
    QTest::keyClick(v, Qt::Key_Escape);
    QCOMPARE(closed.count(), 1);
    QCOMPARE(stopped.count(), 0);
    QVERIFY(!v->isVisible());
    QVERIFY(p->isActive());
    p->setActive(false);
}

void TestPresentation::captionsAreLegible() {
    RunFilterGrid grid;
    QFont small = grid.font();
    small.setPointSizeF(7);  // even with a small widget font
    grid.setFont(small);
    QVERIFY(grid.captionFont().pointSizeF() >= RunFilterGrid::kMinCaptionPointSize);
    QFont big = grid.font();
    big.setPointSizeF(14);
    grid.setFont(big);
    QCOMPARE(grid.captionFont().pointSizeF(), 14.0);
    grid.setFont(QFont());
    // The painted caption: 9 pt in pixels, whatever the size of the cell's logo.
    const LogoStyle style = grid.logoStyle();
    const double ninePt = RunFilterGrid::kMinCaptionPointSize * grid.logicalDpiY() / 72.0;
    QVERIFY2(style.captionPixelSize >= ninePt - 1e-6, qPrintable(QString::number(style.captionPixelSize)));
    const auto db = lab::motifDatabase();
    LogoStyle captioned = style;
    captioned.caption = "MA0079.3 SP1  E=3.2e-05";
    captioned.title = "filter 7";  // the title too: as legible as the caption
    QVERIFY2(style.titlePixelSize >= ninePt - 1e-6, qPrintable(QString::number(style.titlePixelSize)));
    for (double cellWidth : {90.0, 150.0, 300.0}) {
        const LogoGeometry g = logoGeometry(QRectF(0, 0, cellWidth, 0.6 * cellWidth + 40), db->front(), captioned);
        QVERIFY2(g.caption.height() >= 1.5 * ninePt, qPrintable(QString::number(g.caption.height())));
        QVERIFY2(g.title.height() >= 1.5 * ninePt, qPrintable(QString::number(g.title.height())));
        QVERIFY(g.title.bottom() <= g.plot.top() && g.plot.bottom() <= g.caption.top());
    }
}

void TestPresentation::windowWorksAt1024x640() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
    QVERIFY2(min.width() <= 1024 && min.height() <= 640,
             qPrintable(QString("minimum %1 x %2").arg(min.width()).arg(min.height())));
    w.resize(1024, 640);
    QTRY_COMPARE(w.size(), QSize(1024, 640));
    QTest::qWait(50);  // the dock proportions are applied after the resize
    // Loaded data: the data panel's summary then runs to four lines in the short dock.
    w.dataPanel()->setRecipe(tiny_lab::smallRecipe());
    w.dataPanel()->load();
    QTRY_VERIFY_WITH_TIMEOUT(w.dataPanel()->data(), 20000);
    QTest::qWait(50);
    // No label of the visible left dock is cut (its text fits the width it got).
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) {
        if (!dock->isVisible() || dock->visibleRegion().isEmpty()) continue;
        for (QLabel* l : dock->findChildren<QLabel*>()) {
            if (!l->isVisible() || l->wordWrap() || l->text().isEmpty() || l->visibleRegion().isEmpty()) continue;
            QVERIFY2(l->width() >= l->minimumSizeHint().width(),
                     qPrintable(QString("%1: '%2' %3 < %4").arg(dock->objectName(), l->text()).arg(l->width())
                                    .arg(l->minimumSizeHint().width())));
        }
    }
    // No word-wrapped label of a visible dock loses its last lines to a short dock.
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) {
        if (!dock->isVisible() || dock->visibleRegion().isEmpty()) continue;
        for (QLabel* l : dock->findChildren<QLabel*>()) {
            if (!l->isVisible() || !l->wordWrap() || l->text().isEmpty() || l->visibleRegion().isEmpty()) continue;
            QVERIFY2(l->height() >= l->heightForWidth(l->width()),
                     qPrintable(QString("%1: '%2' %3 px high, needs %4").arg(dock->objectName(), l->text().left(60))
                                    .arg(l->height()).arg(l->heightForWidth(l->width()))));
        }
    }
    // No dock page is wider than the dock: every scroll area (each dock page is one) fits its
    // content without a horizontal scroll bar, on every tab of a tabbed dock.
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) {
        if (!dock->isVisible() || dock->isFloating()) continue;
        dock->raise();  // the side docks are tabbed: bring each to the front
        QTest::qWait(20);
        const auto tabSets = dock->findChildren<QTabWidget*>();
        const auto checkScrollAreas = [&](const QString& where) {
            for (QScrollArea* s : dock->findChildren<QScrollArea*>()) {
                if (!s->isVisible() || !s->widget() || s->horizontalScrollBarPolicy() == Qt::ScrollBarAlwaysOn) continue;
                QVERIFY2(s->widget()->width() <= s->viewport()->width(),
                         qPrintable(QString("%1%2: content %3 px wider than its %4 px (%5)")
                                        .arg(dock->objectName(), where)
                                        .arg(s->widget()->width() - s->viewport()->width())
                                        .arg(s->viewport()->width())
                                        .arg(tooWide(s->widget(), s->viewport()->width()))));
            }
        };
        checkScrollAreas(QString());
        for (QTabWidget* tabs : tabSets) {
            const int current = tabs->currentIndex();
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QApplication::processEvents();
                checkScrollAreas(QString(" tab '%1'").arg(tabs->tabText(i)));
            }
            tabs->setCurrentIndex(current);
        }
    }
    // After a resize the docks keep sensible proportions: the left dock neither squeezed nor
    // taking the window.
    w.resize(1600, 1000);
    QApplication::processEvents();
    w.resize(1024, 640);
    QApplication::processEvents();
    QDockWidget* data = w.findChild<QDockWidget*>("dataDock");
    QVERIFY2(data->width() >= 260 && data->width() <= 1024 / 2, qPrintable(QString::number(data->width())));
}

void TestPresentation::wrappedLabelFollowsItsWidth() {
    QWidget host;
    auto* layout = new QVBoxLayout(&host);
    auto* label = new WrapLabel;
    layout->addWidget(label);
    layout->addStretch(1);
    label->setText(QString("motif ").repeated(60));
    host.resize(150, 500);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    QTRY_VERIFY(label->width() < 150 && label->height() > 5 * label->fontMetrics().height());  // many lines
    const int narrow = label->minimumHeight();
    host.resize(900, 500);
    // Wider: fewer lines, and the height it claimed comes back (QLabel alone would keep it).
    QTRY_VERIFY2(label->minimumHeight() < narrow / 2, qPrintable(QString("%1 then %2").arg(narrow).arg(label->minimumHeight())));
    QVERIFY(label->minimumHeight() >= label->fontMetrics().height());
}

// The data panel squeezed to its smallest "loaded data" pane, then data loaded: the longer
// summary gets its lines (the splitter moves), not cut at the bottom.
void TestPresentation::loadedSummaryKeepsItsLines() {
    QWidget dock;  // as a dock: its size is given, not grown to the panel's minimum
    dock.setFixedSize(330, 560);
    auto* layout = new QVBoxLayout(&dock);
    auto* panelInDock = new DataPanel;
    layout->addWidget(panelInDock);
    DataPanel& panel = *panelInDock;
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    auto* splitter = panel.findChild<QSplitter*>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(splitter);
    splitter->setSizes({10000, 1});
    QApplication::processEvents();
    panel.setRecipe(tiny_lab::smallRecipe());
    panel.load();
    QTRY_VERIFY_WITH_TIMEOUT(panel.data(), 20000);
    WrapLabel* summary = nullptr;
    for (WrapLabel* l : panel.findChildren<WrapLabel*>())
        if (l->text().startsWith("400 sequences")) summary = l;
    QVERIFY(summary);
    QTRY_VERIFY2(summary->height() >= summary->heightForWidth(summary->width()),
                 qPrintable(QString("%1 px high, needs %2").arg(summary->height()).arg(summary->heightForWidth(summary->width()))));
}

QTEST_MAIN(TestPresentation)
#include "test_presentation.moc"
