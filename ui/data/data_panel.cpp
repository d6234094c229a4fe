#include "data/data_panel.h"
#include "data/data_load_job.h"
#include "data/data_panel_parts.h"
#include "data/expected_motifs_column.h"

#include "widgets/adaptive_box.h"
#include "widgets/style_colours.h"
#include "widgets/vertical_scroll.h"

#include "architecture/architecture_model.h"
#include "data/motif_picker.h"
#include "data/sequence_preview.h"

#include "util/input_error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QPixmap>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextStream>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>
#include <exception>
#include <functional>

namespace motifloom::ui {

using namespace data_panel_parts;

// ---- construction -----------------------------------------------------------------------------

DataPanel::DataPanel(QWidget* parent) : QWidget(parent) {
    setAcceptDrops(true);
    auto* root = new QVBoxLayout(this);

    mTabs = new QTabWidget;
    mTabs->addTab(buildSyntheticPage(), tr("&Synthetic (ground truth known)"));
    mTabs->addTab(buildFastaPage(), tr("&FASTA files"));
    mTabs->setTabToolTip(0, tr("Koo & Eddy's simulation: JASPAR motifs embedded in random DNA; the true motif "
                               "positions are known, so learned filters can be checked against them."));
    mTabs->setTabToolTip(1, tr("Your own labelled sequences, e.g. ChIP-seq peaks (the paper's in vivo data)."));
    connect(mTabs, &QTabWidget::currentChanged, this, [this] { controlChanged(); });

    mSplitter = new QSplitter(Qt::Vertical);
    mSplitter->addWidget(mTabs);
    // Scrolls rather than squeezing its summary and table when the dock is short (1280 x 800).
    mSplitter->addWidget(verticalScroll(buildResultArea()));
    mSplitter->setStretchFactor(0, 3);
    mSplitter->setStretchFactor(1, 2);
    mSplitter->setChildrenCollapsible(false);

    // Load bar.
    auto* bar = new QHBoxLayout;
    mLoadButton = new QPushButton(tr("Generate data"));
    mLoadButton->setDefault(true);
    QFont bold = mLoadButton->font();
    bold.setBold(true);
    mLoadButton->setFont(bold);
    mLoadButton->setToolTip(tr("Build the data set in the background (Ctrl+Return)."));
    connect(mLoadButton, &QPushButton::clicked, this, &DataPanel::load);
    mCancelButton = new QPushButton(tr("Cancel"));
    mCancelButton->setToolTip(tr("Stop loading; the previous data stay (Esc in the main window)."));
    mCancelButton->setEnabled(false);
    connect(mCancelButton, &QPushButton::clicked, this, &DataPanel::cancel);
    mProgress = new QProgressBar;
    mProgress->setRange(0, 1000);
    mProgress->setTextVisible(false);
    mProgress->setMaximumHeight(mProgress->fontMetrics().height());
    mProgress->setVisible(false);
    mStage = new QLabel;
    mStage->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    bar->addWidget(mLoadButton);
    bar->addWidget(mCancelButton);
    bar->addWidget(mProgress, 1);
    bar->addWidget(mStage, 2);

    mMessage = new QLabel;
    mMessage->setWordWrap(true);
    mMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mMessage->setVisible(false);

    root->addWidget(mSplitter, 1);
    root->addLayout(bar);
    root->addWidget(mMessage);

    auto* loadShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this, this, &DataPanel::load);
    loadShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* loadShortcut2 = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this, this, &DataPanel::load);
    loadShortcut2->setContext(Qt::WidgetWithChildrenShortcut);

    mPollTimer = new QTimer(this);
    mPollTimer->setInterval(50);
    connect(mPollTimer, &QTimer::timeout, this, &DataPanel::pollProgress);
    mSketchTimer = new QTimer(this);
    mSketchTimer->setSingleShot(true);
    mSketchTimer->setInterval(120);  // coalesce spin-box scrolling
    connect(mSketchTimer, &QTimer::timeout, this, &DataPanel::updateSketch);

    setRecipe(lab::DataRecipe::paperSynthetic());
    updateIdleSummary();
    startDatabaseLoad();
}

DataPanel::~DataPanel() {
    // Ask every thread to stop first, then wait for each (their destructors).
    if (mJob) mJob->cancelRequested = true;
    for (auto& j : mRetired) j->cancelRequested = true;
    mJob.reset();
    mRetired.clear();
    mDatabaseJob.reset();
}

void DataPanel::startDatabaseLoad() {
    const std::string path = mBase.motifDatabase;
    mDatabaseJob = std::make_unique<DataLoadJob>([path](DataLoadJob& job) { job.database = lab::motifDatabase(path); });
    DataLoadJob* job = mDatabaseJob.get();
    job->start(this, [this, job, path] {
        if (mDatabaseJob.get() != job) return;
        if (job->database) {
            mDatabase = job->database;
            mTruthColumn->setDatabase(mDatabase);
            mDatabaseError.clear();
            mPicker->setDatabase(mDatabase, QStringLiteral("%1 \u00b7 %2 motifs")
                                                .arg(fromStd(lab::motifDatabaseLabel(path)))
                                                .arg(mDatabase->size()));
        } else {
            mDatabaseError = job->error;
            mPicker->setDatabase(nullptr, tr("Could not read the motif database: %1").arg(job->error));
            setMessage(tr("Could not read the motif database: %1").arg(job->error), true);
        }
        updateExpectedLabel();
        updateSketch();
    });
}

// ---- recipe <-> controls ----------------------------------------------------------------------

lab::DataRecipe DataPanel::recipe() const {
    lab::DataRecipe r = mBase;
    r.kind = mTabs->currentIndex() == 0 ? lab::DataRecipe::Kind::Synthetic : lab::DataRecipe::Kind::Fasta;
    r.motifIds = mPicker->selectedIds();
    r.count = mCount->value();
    r.length = mLength->value();
    r.kProbs.clear();
    for (auto* s : mK) r.kProbs.push_back(s->value());
    const std::size_t keep = std::max<std::size_t>(mBase.kProbs.size(), 1);
    while (r.kProbs.size() > keep && r.kProbs.back() == 0.0) r.kProbs.pop_back();  // trailing zeros: same config
    r.gc = mGc->value();
    r.reverseComplements = mReverse->isChecked();
    r.seed = seedOf(mSeed, mBase.seed);
    for (int i = 0; i < 3; ++i) r.splitFractions[std::size_t(i)] = mSplit[i]->value();
    // Spin boxes round to 2 decimals: keep the exact stored value when the control still shows it.
    for (int i = 0; i < 3; ++i)
        if (std::abs(mBase.splitFractions[std::size_t(i)] - r.splitFractions[std::size_t(i)]) < 0.005)
            r.splitFractions[std::size_t(i)] = mBase.splitFractions[std::size_t(i)];
    for (std::size_t i = 0; i < r.kProbs.size() && i < mBase.kProbs.size(); ++i)
        if (std::abs(mBase.kProbs[i] - r.kProbs[i]) < 0.005) r.kProbs[i] = mBase.kProbs[i];
    if (std::abs(mBase.gc - r.gc) < 0.005) r.gc = mBase.gc;

    r.labelMode = seqio::LabelMode(mLabelMode->currentData().toInt());
    r.splitMode = lab::DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const std::vector<std::string> files = fileListPaths();
    if (r.splitMode == lab::DataRecipe::SplitMode::SeparateFiles) {
        r.trainFile = files.size() > 0 ? files[0] : std::string();
        r.validFile = files.size() > 1 ? files[1] : std::string();
        r.testFile = files.size() > 2 ? files[2] : std::string();
    } else {
        r.files = files;
    }
    r.classNames.clear();
    for (const QString& n : mClassNames->text().split(',', Qt::SkipEmptyParts))
        if (!n.trimmed().isEmpty()) r.classNames.push_back(n.trimmed().toStdString());
    r.targetLength = mTargetLength->value();
    r.padWithN = mPad->currentData().toBool();
    r.splitSeed = seedOf(mSplitSeed, mBase.splitSeed);
    r.splitFile = mSplitFile->text().trimmed().toStdString();
    r.expectedMotifIds = mUseExpected->isChecked() ? mExpectedMotifs : std::vector<std::string>{};
    return r;
}

void DataPanel::setRecipe(const lab::DataRecipe& r) {
    mUpdating = true;
    const std::string previousDatabase = mBase.motifDatabase;
    mBase = r;
    mTabs->setCurrentIndex(r.kind == lab::DataRecipe::Kind::Synthetic ? 0 : 1);
    mPicker->setSelectedIds(r.motifIds);
    mCount->setValue(r.count);
    mLength->setValue(r.length);
    ensureKSpins(std::max<int>(5, int(r.kProbs.size())));
    for (std::size_t i = 0; i < mK.size(); ++i) mK[i]->setValue(i < r.kProbs.size() ? r.kProbs[i] : 0.0);
    updateKSum();
    mGc->setValue(r.gc);
    mReverse->setChecked(r.reverseComplements);
    mSeed->setText(QString::number(r.seed));
    for (int i = 0; i < 3; ++i) {
        mSplit[i]->setValue(r.splitFractions[std::size_t(i)]);
        mFastaSplit[i]->setValue(r.splitFractions[std::size_t(i)]);
    }
    mLabelMode->setCurrentIndex(mLabelMode->findData(int(r.labelMode)));
    mLabelModeChosen = !r.files.empty();  // a saved recipe's labelling is the user's choice
    mSplitMode->setCurrentIndex(mSplitMode->findData(int(r.splitMode)));
    if (r.splitMode == lab::DataRecipe::SplitMode::SeparateFiles) {
        std::vector<std::string> files;
        for (const auto& f : {r.trainFile, r.validFile, r.testFile})
            if (!f.empty()) files.push_back(f);
        setFileList(files);
    } else {
        setFileList(r.files);
    }
    QStringList names;
    for (const auto& n : r.classNames) names << fromStd(n);
    mClassNames->setText(names.join(", "));
    mTargetLength->setValue(std::max(r.targetLength, 0));
    mPad->setCurrentIndex(r.padWithN ? 1 : 0);
    mSplitSeed->setText(QString::number(r.splitSeed));
    mSplitFile->setText(fromStd(r.splitFile));
    mExpectedMotifs = r.expectedMotifIds;
    mUseExpected->setChecked(!r.expectedMotifIds.empty());
    if (mData) mTruthColumn->showData(mData, r.truthMapping);
    mUpdating = false;
    // Another motif file than the one shown: read it in the background (not during construction,
    // which starts the first read itself).
    if (mDatabaseJob && previousDatabase != r.motifDatabase) startDatabaseLoad();
    updateFastaControls();
    updateExpectedLabel();
    mSketchTimer->start();
    Q_EMIT recipeChanged();
}

void DataPanel::controlChanged() {
    if (mUpdating) return;
    updateFastaControls();
    mLoadButton->setText(mTabs->currentIndex() == 0 ? tr("Generate data") : tr("Load data"));
    updateIdleSummary();
    mSketchTimer->start();
    Q_EMIT recipeChanged();
}

// ---- loading ------------------------------------------------------------------------------------

// Loading lasts from load() until its result is handled (jobFinished) or it is cancelled, not
// just while the worker thread runs: a small load's thread can finish before load() returns.
bool DataPanel::isLoading() const { return mJob != nullptr; }

void DataPanel::load() {
    if (mJob) {
        mJob->cancelRequested = true;
        mRetired.push_back(std::move(mJob));  // deleted when its thread has stopped
    }
    const lab::DataRecipe r = recipe();
    mJob = std::make_unique<DataLoadJob>([r](DataLoadJob& job) {
        job.data = std::make_shared<const lab::LoadedData>(lab::loadData(r, job.progress()));
    });
    DataLoadJob* job = mJob.get();
    job->start(this, [this, job] { jobFinished(job); });
    setMessage({}, false);
    setLoading(true);
}

void DataPanel::cancel() {
    if (!mJob) return;
    // Hand control back at once: the worker stops at its next progress check (every file
    // block, every chunk of 256 generated sequences) and its result, if any, is dropped.
    mJob->cancelRequested = true;
    mRetired.push_back(std::move(mJob));
    setLoading(false);
    mStage->setText(tr("Cancelled; the previous data are kept."));
}

void DataPanel::setLoading(bool loading) {
    mCancelButton->setEnabled(loading);
    mProgress->setVisible(loading);
    mProgress->setValue(0);
    if (loading) {
        mPollTimer->start();
        mStage->setText(tr("Starting\u2026"));
    } else {
        mPollTimer->stop();
    }
    Q_EMIT loadingChanged(loading);
}

void DataPanel::pollProgress() {
    if (!mJob) return;
    mProgress->setValue(int(std::lround(mJob->fraction.load() * 1000)));
    if (!mJob->cancelRequested) mStage->setText(fromStd(mJob->stage()) + QStringLiteral("\u2026"));
}

void DataPanel::jobFinished(DataLoadJob* job) {
    if (mJob.get() != job) {  // a superseded load has stopped
        std::erase_if(mRetired, [job](const auto& j) { return j.get() == job; });
        return;
    }
    std::unique_ptr<DataLoadJob> done = std::move(mJob);
    setLoading(false);
    if (done->data) {
        mData = done->data;
        mStage->setText(tr("Loaded."));
        showResult();
        Q_EMIT dataChanged();
    } else if (done->cancelled) {
        mStage->setText(tr("Cancelled; the previous data are kept."));
    } else {
        mStage->clear();
        setMessage(tr("Could not load the data: %1").arg(done->error), true);
        Q_EMIT errorOccurred(done->error);
    }
}

void DataPanel::setMessage(const QString& text, bool error) {
    mMessage->setVisible(!text.isEmpty());
    mMessage->setText(text);
    using style::Role;
    mMessage->setStyleSheet(error ? QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; "
                                                   "border-radius: 4px; padding: 6px; }")
                                        .arg(style::colourName(Role::ErrorPanelBackground),
                                             style::colourName(Role::ErrorPanelText),
                                             style::colourName(Role::ErrorPanelBorder))
                                  : QStringLiteral("QLabel { padding: 6px; }"));
}

}  // namespace motifloom::ui
