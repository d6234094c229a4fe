#include "filters/filter_gallery.h"

#include "widgets/flow_layout.h"

#include "interpret/filter_pwm.h"
#include "logo/logo_grid.h"
#include "logo/logo_painter.h"
#include "filters/match_scoreboard.h"
#include "motif/motif_io.h"
#include "filters/run_filter_grid.h"
#include "lab/run_record.h"
#include "app_window/settings.h"
#include "training/training_types.h"
#include "util/input_error.h"

#include <QButtonGroup>
#include <QSignalBlocker>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

QToolButton* toggleButton(QWidget* parent, const QString& text, const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setCheckable(true);
    b->setAutoRaise(false);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setToolTip(tip);
    b->setMinimumWidth(b->fontMetrics().horizontalAdvance(text) + 18);
    return b;
}

// Two exclusive buttons side by side, as one control.
QWidget* pairOf(QWidget* parent, QToolButton* a, QToolButton* b) {
    auto* box = new QWidget(parent);
    auto* l = new QHBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(0);
    a->setParent(box);
    b->setParent(box);
    l->addWidget(a);
    l->addWidget(b);
    auto* group = new QButtonGroup(box);
    group->setExclusive(true);
    group->addButton(a);
    group->addButton(b);
    return box;
}

QString plainTip(const QString& html) { return QStringLiteral("<p style='white-space:normal'>%1</p>").arg(html); }

}  // namespace

FilterGallery::FilterGallery(QWidget* parent) : QWidget(parent) {
    buildUi();
    clear();
}

FilterGallery::~FilterGallery() = default;

void FilterGallery::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    // ---- toggles and exports ---------------------------------------------------------------
    auto* barWidget = new QWidget(this);
    auto* bar = new FlowLayout(barWidget, 10);  // wraps in a narrow window instead of widening it
    auto* bits = toggleButton(this, tr("Bits"),
        plainTip(tr("<b>Information content.</b> Each column is as tall as the information it carries: 2 bits "
                    "when only one base occurs there, 0 when all four are equally likely (2 minus the column's "
                    "entropy). Letters share the column in proportion to their probability, so conserved "
                    "positions stand out and unimportant ones shrink. This is how motif logos are usually drawn.")));
    auto* probability = toggleButton(this, tr("Probability"),
        plainTip(tr("<b>Base probabilities.</b> Every column is full height (1) and each letter is as tall as its "
                    "probability. Shows the base composition even of weakly conserved positions, which the bits "
                    "view flattens.")));
    auto* clipped = toggleButton(this, tr("Clipped"),
        plainTip(tr("<b>What Tomtom compared.</b> Before a filter is compared with the motif database its PWM is "
                    "clipped to the informative core: from the first to the last column above 0.5 bits, widened by "
                    "3 columns on each side. The captions' matches and E-values are for these clipped motifs. "
                    "Filters without any column above 0.5 bits are <i>uninformative</i> and were not compared.")));
    auto* full = toggleButton(this, tr("Full"),
        plainTip(tr("<b>The whole PWM</b>: as wide as the filter (its receptive field), flanks included. Flanks "
                    "are often close to uniform: the filter responds to a shorter motif than it is wide.")));
    auto* activation = toggleButton(this, tr("Activation"),
        plainTip(tr("<b>Activation-based PWMs</b> (the paper's method). Run the data through the network, take "
                    "every place where the filter fires above half its maximum, align the input windows there "
                    "and count the bases, weighted by the activation. Shows what the filter responds to in real "
                    "sequences.")));
    auto* raw = toggleButton(this, tr("Raw weights"),
        plainTip(tr("<b>The filter's weights themselves</b>: at each position a softmax turns the four bases' "
                    "weights into probabilities (only their differences matter). Ignores batch normalisation, "
                    "the ReLU and the data, so it can differ from what the filter actually detects. Captions and "
                    "true-motif marks stay those of the <i>activation</i> PWMs' Tomtom matches.")));
    mBitsButton = bits;
    mProbabilityButton = probability;
    mClippedButton = clipped;
    mFullButton = full;
    mActivationButton = activation;
    mRawButton = raw;
    mRawTip = raw->toolTip();
    bar->addWidget(pairOf(this, bits, probability));
    bar->addWidget(pairOf(this, clipped, full));
    bar->addWidget(pairOf(this, activation, raw));
    auto* lowInfo = toggleButton(this, tr("Without low-info"),
        plainTip(tr("<b>Leave out low-information matches.</b> Filters marked \u2248 match only database motifs "
                    "whose aligned part is nearly flat (under 0.5 bits per column, such as the 30-column Pax4 "
                    "MA0068.1): Tomtom finds E &lt; 0.1 by adding up many flat columns, not because the filter "
                    "shares the motif's preference. Off: the paper's definition (every E &lt; 0.1 is a hit). On: "
                    "such hits do not count in the captions or the current match statistics.")));
    mLowInfoButton = lowInfo;
    bar->addWidget(lowInfo);
    mMode = new QLabel(this);
    QPalette dim = mMode->palette();
    QColor c = dim.color(QPalette::WindowText);
    c.setAlpha(160);
    dim.setColor(QPalette::WindowText, c);
    mMode->setPalette(dim);
    mMode->setToolTip(tr("What the logos show. The matches in the captions are always those of the clipped "
                         "activation PWMs."));
    // The mode line gives way first in a narrow window (the toggles show the same).
    mMode->setMinimumWidth(0);
    mMode->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(mMode);
    // One Export menu (not two buttons), so the bar fits a 1024-pixel window.
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setToolTip(tr("Save the logos as a figure, or the filters as MEME motifs."));
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->setToolTipsVisible(true);
    QAction* exportLogos = exportMenu->addAction(tr("Logos as a figure (SVG, PNG, PDF)\u2026"));
    exportLogos->setToolTip(tr("Save the gallery as drawn (same toggles, captions and marks) as an SVG, PNG or PDF "
                               "figure."));
    QAction* exportMeme = exportMenu->addAction(tr("Filters as MEME motifs\u2026"));
    exportMeme->setToolTip(tr("Save the filters' motifs as drawn (clipped or full, activation or raw weights) as a "
                              "MEME motif file, e.g. for Tomtom or another database search. Filters that never fire "
                              "are left out."));
    exportButton->setMenu(exportMenu);
    mExportButton = exportButton;
    bar->addWidget(exportButton);
    layout->addWidget(barWidget);

    connect(bits, &QToolButton::toggled, this, [this](bool on) { if (on) setLogoKind(LogoKind::Bits); });
    connect(probability, &QToolButton::toggled, this, [this](bool on) { if (on) setLogoKind(LogoKind::Probability); });
    connect(clipped, &QToolButton::toggled, this, [this](bool on) { if (on) setClipped(true); });
    connect(full, &QToolButton::toggled, this, [this](bool on) { if (on) setClipped(false); });
    connect(activation, &QToolButton::toggled, this, [this](bool on) { if (on) setRawWeights(false); });
    connect(raw, &QToolButton::toggled, this, [this](bool on) { if (on) setRawWeights(true); });
    connect(lowInfo, &QToolButton::toggled, this, [this](bool on) { setLeaveOutLowInformation(on); });
    connect(exportLogos, &QAction::triggered, this, &FilterGallery::exportLogosInteractive);
    connect(exportMeme, &QAction::triggered, this, &FilterGallery::exportMemeInteractive);

    // ---- grid | scoreboard -------------------------------------------------------------------
    mSplitter = new QSplitter(Qt::Horizontal, this);
    mSplitter->setChildrenCollapsible(false);
    mScroll = new QScrollArea(mSplitter);
    mGrid = new RunFilterGrid;
    mGrid->setCellWidth(190);
    mScroll->setWidget(mGrid);
    mScroll->setWidgetResizable(true);
    mScroll->setFrameShape(QFrame::NoFrame);
    mGrid->fitToViewport(mScroll);
    connect(mGrid, &RunFilterGrid::filterClicked, this, &FilterGallery::filterClicked);
    mScoreboard = new MatchScoreboard(mSplitter);  // its minimum width follows its font
    mSplitter->addWidget(mScroll);
    mSplitter->addWidget(mScoreboard);
    mSplitter->setStretchFactor(0, 1);
    mSplitter->setStretchFactor(1, 0);
    mSplitter->setSizes({800, 300});
    layout->addWidget(mSplitter, 1);
    syncButtons();
}

// ---- content -----------------------------------------------------------------------------------

void FilterGallery::setSnapshot(std::shared_ptr<const FilterSnapshot> snapshot) {
    if (!snapshot) return clear();
    mRun.reset();
    mSnapshot = std::move(snapshot);
    const FilterSnapshot& s = *mSnapshot;
    if (s.matched && !s.final) mScoreboard->addPoint(s.epoch, s.summary);
    showContent();
    contentChanged();
}

namespace {

// The summary with low-information hits left out (the gallery's toggle), or `summary` itself.
interpret::MatchSummary shownSummary(bool leaveOut, const interpret::MatchSummary& summary,
                                     const std::vector<interpret::FilterMatches>& matches, std::size_t truthCount) {
    if (!leaveOut) return summary;
    return interpret::summarise(interpret::leaveOutLowInformation(matches), int(truthCount), true);
}

}  // namespace

void FilterGallery::showContent() {
    mGrid->setLeaveOutLowInformation(mLeaveOutLowInformation);
    if (mSnapshot) {
        const FilterSnapshot& s = *mSnapshot;
        mGrid->setSnapshot(s);
        const interpret::MatchSummary summary = shownSummary(mLeaveOutLowInformation, s.summary, s.matches, s.truth.size());
        if (!s.matched)
            mScoreboard->showNote(s.matchNote.empty() ? tr("The filters were not compared with a motif database.")
                                                      : QString::fromStdString(s.matchNote));
        else if (s.final)
            mScoreboard->showSummary(summary, tr("Final filters (%1 set)").arg(QString::fromStdString(s.dataPart)));
        else if (mLeaveOutLowInformation)  // addPoint showed the paper's values
            mScoreboard->showSummary(summary, tr("After epoch %1").arg(s.epoch));
    } else if (mRun && mRun->filters) {
        const lab::RunFilters& f = *mRun->filters;
        mGrid->setRunFilters(f);
        if (f.matched)
            mScoreboard->showSummary(shownSummary(mLeaveOutLowInformation, f.summary, f.matches, f.truth.size()),
                                     tr("Final filters (%1 set)").arg(QString::fromStdString(f.dataPart)));
        else
            mScoreboard->showNote(f.matchNote.empty() ? tr("The filters were not compared with a motif database.")
                                                      : QString::fromStdString(f.matchNote));
    }
}

void FilterGallery::setLeaveOutLowInformation(bool leaveOut) {
    if (mLowInfoButton && mLowInfoButton->isChecked() != leaveOut) {
        const QSignalBlocker b(mLowInfoButton);
        mLowInfoButton->setChecked(leaveOut);
    }
    if (leaveOut == mLeaveOutLowInformation) return;
    mLeaveOutLowInformation = leaveOut;
    if (!mSnapshot && !(mRun && mRun->filters)) return;
    showContent();
    applyMode();
}

void FilterGallery::setRun(std::shared_ptr<const lab::RunRecord> run) {
    if (!run) return clear();
    mSnapshot.reset();
    mRun = std::move(run);
    const lab::RunRecord& r = *mRun;
    mScoreboard->setHistory(r.matchHistory);
    if (!r.filters) {
        mGrid->showMessage(tr("No filters were kept for this run."));
        mScoreboard->showNote(tr("No filters were kept for this run."));
    } else {
        showContent();
    }
    contentChanged();
}

void FilterGallery::showMessage(const QString& text) {
    mSnapshot.reset();
    mRun.reset();
    mGrid->showMessage(text);
    mScoreboard->clear();
    contentChanged();
}

void FilterGallery::clear() {
    showMessage(tr("Train a model, or select a run in the Runs list, to see its first-layer filters."));
}

bool FilterGallery::hasFilters() const { return mGrid->filterCount() > 0; }

void FilterGallery::contentChanged() {
    mClippedMotifs.clear();
    mRawMotifs.clear();
    mRawProblem.clear();
    const interpret::FilterPwmSet* set = pwms();
    const std::shared_ptr<const nn::Network> network = mSnapshot ? mSnapshot->network
                                                       : mRun    ? mRun->network
                                                                 : nullptr;
    if (set) {
        // The trainer matched with the default clipping (training_worker.cpp): show the same.
        mClippedMotifs = interpret::comparisonMotifs(*set, interpret::ClipOptions{});
        if (!network) {
            mRawProblem = tr("No weights were kept for these filters.");
        } else {
            try {
                mRawMotifs = interpret::rawWeightPwms(*network);
                if (mRawMotifs.size() != set->filters.size()) {
                    mRawMotifs.clear();
                    mRawProblem = tr("The weights do not belong to these filters.");
                }
            } catch (const std::exception& e) {
                mRawProblem = tr("The first-layer weights cannot be read: %1").arg(QString::fromUtf8(e.what()));
            }
        }
    }
    applyMode();
}

// ---- modes -------------------------------------------------------------------------------------

void FilterGallery::setLogoKind(LogoKind kind) {
    mKind = kind;
    applyMode();
}

void FilterGallery::setClipped(bool clipped) {
    mClipped = clipped;
    applyMode();
}

void FilterGallery::setRawWeights(bool raw) {
    mRaw = raw;
    applyMode();
}

bool FilterGallery::rawWeightsAvailable() const { return !mRawMotifs.empty(); }

void FilterGallery::applyMode() {
    mGrid->setLogoKind(mKind);
    if (hasFilters()) {
        if (rawWeightsShown())
            mGrid->setDisplayMotifs(mRawMotifs, tr("no weights"),
                                    tr("Drawn: the raw first-layer weights (softmax per position). The caption and "
                                       "the true-motif mark come from the activation PWM's matches."));
        else if (mClipped)
            mGrid->setDisplayMotifs(mClippedMotifs, tr("not compared"),
                                    tr("Drawn: the clipped PWM that Tomtom compared (columns above 0.5 bits, "
                                       "widened by 3 on each side)."));
        else
            mGrid->setDisplayMotifs({});
    }
    syncButtons();
}

void FilterGallery::syncButtons() {
    const QSignalBlocker b1(mBitsButton), b2(mProbabilityButton), b3(mClippedButton), b4(mFullButton),
        b5(mActivationButton), b6(mRawButton);
    mBitsButton->setChecked(mKind != LogoKind::Probability);
    mProbabilityButton->setChecked(mKind == LogoKind::Probability);
    mClippedButton->setChecked(mClipped);
    mFullButton->setChecked(!mClipped);
    const bool raw = rawWeightsShown();
    mActivationButton->setChecked(!raw);
    mRawButton->setChecked(raw);
    // Raw weights have the filter's width: clipping is about activation PWMs only.
    mClippedButton->setEnabled(!raw);
    mFullButton->setEnabled(!raw);
    mRawButton->setEnabled(rawWeightsAvailable() || !hasFilters());
    mRawButton->setToolTip(hasFilters() && !rawWeightsAvailable()
                               ? mRawTip + plainTip(tr("<i>Not available here: %1</i>").arg(mRawProblem.toHtmlEscaped()))
                               : mRawTip);
    mExportButton->setEnabled(hasFilters());
    mMode->setText(hasFilters() ? modeDescription() : QString());
}

QString FilterGallery::modeDescription() const {
    const QString kind = mKind == LogoKind::Probability ? tr("probability") : tr("bits");
    QString what;
    if (rawWeightsShown()) what = tr("raw first-layer weights (softmax per position)");
    else if (mClipped) what = tr("clipped activation PWMs (as compared by Tomtom)");
    else what = tr("full activation PWMs");
    return kind + QStringLiteral(" \u00b7 ") + what;
}

motif::MotifList FilterGallery::shownMotifs() const {
    motif::MotifList out;
    for (const LogoCell& cell : mGrid->cells()) {
        motif::Motif m = cell.motif;
        if (cell.neverFires) m.probs.resize(4, 0);
        out.push_back(std::move(m));
    }
    return out;
}

// ---- exports -----------------------------------------------------------------------------------

int FilterGallery::exportColumns() const {
    const int n = mGrid->filterCount();
    // The columns on screen; a gallery never shown has no width yet: six per row then.
    if (mGrid->width() > 0 && mGrid->isVisible()) return std::clamp(mGrid->columnCount(), 1, std::max(1, n));
    return std::clamp(6, 1, std::max(1, n));
}

LogoStyle FilterGallery::exportStyle() const {
    LogoStyle style = mGrid->logoStyle();
    style.fontPixelSize = kDefaultLogoFontSize;
    style.title = mGrid->headline();
    style.caption = modeDescription();
    return style;
}

QSize FilterGallery::exportSize() const {
    if (!hasFilters()) return {};
    const QSizeF s = preferredLogoGridSize(mGrid->cells(), exportColumns(), exportStyle());
    return {int(std::ceil(s.width())), int(std::ceil(s.height()))};
}

void FilterGallery::exportLogos(const QString& path, const ImageExportOptions& options) const {
    if (!hasFilters()) throw InputError(path.toStdString(), 0, "there are no filters to export");
    const std::vector<LogoCell> cells = mGrid->cells();
    const int columns = exportColumns();
    const LogoStyle style = exportStyle();
    ImageExportOptions o = options;
    if (o.title.isEmpty()) o.title = mGrid->headline();
    exportLogoImage(path, exportSize(),
                    [&](QPainter& painter, const QRectF& rect) { paintLogoGrid(painter, rect, cells, columns, style); }, o);
}

const interpret::FilterPwmSet* FilterGallery::pwms() const {
    if (mSnapshot) return &mSnapshot->pwms;
    if (mRun && mRun->filters) return &mRun->filters->pwms;
    return nullptr;
}

int FilterGallery::exportMeme(const QString& path) const {
    motif::MotifList motifs;
    const interpret::FilterPwmSet* set = pwms();
    const motif::MotifList shown = shownMotifs();
    for (std::size_t i = 0; i < shown.size(); ++i) {
        // Dead filters are left out in every mode (their raw weights included): nothing learned.
        const bool fires = set && i < set->filters.size() && set->filters[i].fires();
        if (fires && shown[i].width() > 0) motifs.push_back(shown[i]);
    }
    if (motifs.empty())
        throw InputError(path.toStdString(), 0,
                         hasFilters() ? "no filter has a motif to write (they never fire or are uninformative)"
                                      : "there are no filters to export");
    motif::writeMeme(path.toStdString(), motifs);
    return int(motifs.size());
}

void FilterGallery::exportLogosInteractive() {
    if (!hasFilters()) return;
    QString selected = tr("SVG vector image (*.svg)");
    const QString filters = tr("SVG vector image (*.svg);;PNG image (*.png);;PDF document (*.pdf)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export filter logos"),
                                                AppSettings::lastDirectory(AppSettings::Folder::Exports) + QStringLiteral("/filters.svg"),
                                                filters, &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.png")) ? QStringLiteral(".png")
                : selected.contains(QLatin1String("*.pdf")) ? QStringLiteral(".pdf")
                                                            : QStringLiteral(".svg");
    try {
        ImageExportOptions options;
        options.pixelRatio = 2.0;  // PNG: sharp on paper and high-DPI screens
        exportLogos(path, options);
        AppSettings::setLastDirectory(AppSettings::Folder::Exports, path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export logos"), tr("The logos could not be saved: %1").arg(QString::fromUtf8(e.what())));
    }
}

void FilterGallery::exportMemeInteractive() {
    if (!hasFilters()) return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export filters as MEME motifs"),
                                                AppSettings::lastDirectory(AppSettings::Folder::Exports) + QStringLiteral("/filters.meme"),
                                                tr("MEME motif file (*.meme *.txt)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".meme");
    try {
        exportMeme(path);
        AppSettings::setLastDirectory(AppSettings::Folder::Exports, path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export MEME"), tr("The motifs could not be saved: %1").arg(QString::fromUtf8(e.what())));
    }
}

void FilterGallery::setScoreboardHidden(bool hidden) { mScoreboard->setStatisticsHidden(hidden); }
void FilterGallery::setCaptionsHidden(bool hidden) { mGrid->setStatisticsHidden(hidden); }

}  // namespace motifloom::ui
