#include "data/data_panel.h"

#include "widgets/adaptive_box.h"

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
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>

namespace motifloom::ui {

// ---- background job ---------------------------------------------------------------------------

// One piece of work on its own QThread. The GUI thread polls `fraction` / stage() (no signal
// per progress step) and gets `done` queued to `context` when the thread has finished.
// Destroying the job requests cancellation and waits for the thread (loadData checks the flag
// at every progress step, so this is short).
class DataLoadJob {
public:
    using Work = std::function<void(DataLoadJob&)>;
    explicit DataLoadJob(Work work) : mWork(std::move(work)) {}
    ~DataLoadJob() {
        cancelRequested = true;
        if (mThread) {
            mThread->wait();
            delete mThread;
        }
    }

    void start(QObject* context, std::function<void()> done) {
        mThread = QThread::create([this] {
            try {
                mWork(*this);
            } catch (const seqio::LoadCancelled&) {
                cancelled = true;
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            } catch (...) {
                error = QObject::tr("unexpected error while loading");
            }
        });
        QObject::connect(mThread, &QThread::finished, context, std::move(done), Qt::QueuedConnection);
        mThread->start();
    }
    // The callback loadData gets: records progress, answers "keep going?".
    LoadProgress progress() {
        return [this](double f, const std::string& stage) {
            fraction = f;
            {
                const std::lock_guard lock(mMutex);
                mStage = stage;
            }
            return !cancelRequested.load();
        };
    }
    std::string stage() const {
        const std::lock_guard lock(mMutex);
        return mStage;
    }

    std::atomic<bool> cancelRequested{false};
    std::atomic<double> fraction{0.0};
    // Results, read by the GUI thread after `done`.
    std::shared_ptr<const LoadedData> data;
    std::shared_ptr<const motif::MotifList> database;
    QString error;
    bool cancelled = false;

private:
    Work mWork;
    QThread* mThread = nullptr;
    mutable std::mutex mMutex;
    std::string mStage;
};

namespace {

constexpr int kSketchSequences = 4;    // live preview before generating
constexpr int kPreviewSequences = 5;   // loaded data, per page

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

QLineEdit* seedEdit(const QString& tip) {
    auto* e = new QLineEdit;
    e->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,19}")), e));
    e->setToolTip(tip);
    e->setMaximumWidth(160);
    return e;
}

std::uint64_t seedOf(const QLineEdit* e, std::uint64_t fallback) {
    bool ok = false;
    const std::uint64_t v = e->text().toULongLong(&ok);
    return ok ? v : fallback;
}

QDoubleSpinBox* fractionSpin(const QString& tip) {
    auto* s = new QDoubleSpinBox;
    s->setRange(0.0, 1.0);
    s->setDecimals(2);
    s->setSingleStep(0.05);
    s->setToolTip(tip);
    return s;
}

QLabel* hintLabel(const QString& text) {
    auto* l = new QLabel(text);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return l;
}

const char* partName(synth::Part p) {
    return p == synth::Part::Train ? "train" : p == synth::Part::Valid ? "validation" : "test";
}

// Rows for SequencePreview from generated or loaded sequences.
PreviewSequence previewRow(const seqio::SequenceSet& set, std::size_t i, std::span<const synth::Placement> placements,
                           const motif::MotifList& motifs, const std::vector<std::string>& classNames,
                           const QString& title, const QString& where) {
    PreviewSequence row;
    row.title = title;
    row.codes.assign(set.sequence(i), set.sequence(i) + set.length);
    QStringList labels;
    const float* label = set.label(i);
    for (int c = 0; c < set.numClasses(); ++c)
        if (label[c] > 0.5f) labels << fromStd(classNames[std::size_t(c)]);
    row.subtitle = where + (labels.isEmpty() ? QObject::tr(" \u00b7 no label") : QStringLiteral(" \u00b7 ") + labels.join(", "));
    for (const synth::Placement& p : placements) {
        PreviewMotif m;
        m.start = p.start;
        m.width = p.width;
        m.strand = p.strand;
        m.colour = classColour(p.motif);
        if (p.motif >= 0 && std::size_t(p.motif) < motifs.size()) {
            const auto& mo = motifs[std::size_t(p.motif)];
            m.name = fromStd(classNames.size() > std::size_t(p.motif) ? classNames[std::size_t(p.motif)] : mo.name);
            m.detail = QObject::tr("%1, class %2").arg(fromStd(mo.id)).arg(p.motif);
        }
        row.motifs.push_back(m);
    }
    return row;
}

}  // namespace

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

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(mTabs);
    splitter->addWidget(buildResultArea());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

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

    root->addWidget(splitter, 1);
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

    setRecipe(DataRecipe::paperSynthetic());
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

// A tab page: its content scrolls vertically when stacked in a short dock.
static QScrollArea* scrollPage(QWidget* content) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

QWidget* DataPanel::buildSyntheticPage() {
    auto* layout = new AdaptiveBox;

    auto* motifsBox = new QGroupBox(tr("Motifs to embed"));
    auto* motifsLayout = new QVBoxLayout(motifsBox);
    mPicker = new MotifPicker;
    connect(mPicker, &MotifPicker::selectionChanged, this, [this] {
        controlChanged();
        updateExpectedLabel();
    });
    motifsLayout->addWidget(mPicker);
    layout->addWidget(motifsBox, 5);

    auto* right = new QVBoxLayout;
    auto* settings = new QGroupBox(tr("Sequences"));
    auto* form = new QFormLayout(settings);
    mCount = new QSpinBox;
    mCount->setRange(1, 2000000);
    mCount->setGroupSeparatorShown(true);
    mCount->setSingleStep(1000);
    mCount->setKeyboardTracking(false);
    mCount->setToolTip(tr("Number of sequences (the paper: 25,000)."));
    form->addRow(tr("&Number"), mCount);
    mLength = new QSpinBox;
    mLength->setRange(1, 100000);
    mLength->setSuffix(tr(" nt"));
    mLength->setKeyboardTracking(false);
    mLength->setToolTip(tr("Bases per sequence (the paper: 200)."));
    form->addRow(tr("&Length"), mLength);

    mKBox = new QWidget;
    auto* kLayout = new QHBoxLayout(mKBox);
    kLayout->setContentsMargins(0, 0, 0, 0);
    kLayout->setSpacing(3);
    mKSum = new QLabel;
    kLayout->addStretch(1);
    kLayout->addWidget(mKSum);
    ensureKSpins(5);
    auto* kLabel = new QLabel(tr("Motifs per sequence"));
    kLabel->setToolTip(tr("P(K = 1), P(K = 2), ...: the chance that a sequence holds K motif instances (the paper: "
                          "0.50, 0.25, 0.17, 0.05, 0.03). Must sum to 1."));
    form->addRow(kLabel, mKBox);

    mGc = new QDoubleSpinBox;
    mGc->setRange(0.0, 1.0);
    mGc->setDecimals(2);
    mGc->setSingleStep(0.05);
    mGc->setToolTip(tr("GC content of the background between motifs (the paper: 0.5, uniform bases)."));
    form->addRow(tr("Background &GC"), mGc);
    mReverse = new QCheckBox(tr("also embed reverse complements"));
    mReverse->setToolTip(tr("Transcription factors bind either strand: each motif is embedded as given or as its "
                            "reverse complement, both with the motif's label (the paper does)."));
    form->addRow(QString(), mReverse);
    mSeed = seedEdit(tr("Random seed: the same seed and settings always give the same sequences (the paper: 33)."));
    form->addRow(tr("S&eed"), mSeed);
    auto* splitRow = new QHBoxLayout;
    const QString splitTips[3] = {tr("Fraction used to fit the weights."),
                                  tr("Fraction used for early stopping (validation loss)."),
                                  tr("Fraction held out for the final scores and filter analysis.")};
    const QString splitNames[3] = {tr("train"), tr("valid"), tr("test")};
    for (int i = 0; i < 3; ++i) {
        mSplit[i] = fractionSpin(splitTips[i]);
        splitRow->addWidget(new QLabel(splitNames[i]));
        splitRow->addWidget(mSplit[i]);
    }
    splitRow->addStretch(1);
    form->addRow(tr("Split"), splitRow);
    mSyntheticCheck = new QLabel;
    mSyntheticCheck->setWordWrap(true);
    form->addRow(mSyntheticCheck);
    right->addWidget(settings);

    auto* sketchBox = new QGroupBox(tr("Preview: the first sequences, motifs highlighted"));
    sketchBox->setToolTip(tr("Drawn from the current settings as you change them; these are exactly the first "
                             "sequences the full data set will hold. Boxes mark embedded motifs (arrow = strand)."));
    auto* sketchLayout = new QVBoxLayout(sketchBox);
    mSketch = new SequencePreview;
    mSketch->setPlaceholder(tr("Loading motifs\u2026"));
    auto* sketchScroll = new QScrollArea;
    sketchScroll->setWidget(mSketch);
    sketchScroll->setWidgetResizable(true);
    sketchScroll->setFrameShape(QFrame::NoFrame);
    sketchScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sketchLayout->addWidget(sketchScroll);
    right->addWidget(sketchBox, 1);
    layout->addLayout(right, 7);
    QWidget* page = scrollPage(layout);

    auto changed = [this] { controlChanged(); };
    connect(mCount, &QSpinBox::valueChanged, this, changed);
    connect(mLength, &QSpinBox::valueChanged, this, changed);
    connect(mGc, &QDoubleSpinBox::valueChanged, this, changed);
    connect(mReverse, &QCheckBox::toggled, this, changed);
    connect(mSeed, &QLineEdit::textChanged, this, changed);
    for (int i = 0; i < 3; ++i)
        connect(mSplit[i], &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            if (mFastaSplit[i]) {
                const QSignalBlocker b(mFastaSplit[i]);
                mFastaSplit[i]->setValue(v);
            }
            controlChanged();
        });
    return page;
}

QWidget* DataPanel::buildFastaPage() {
    auto* layout = new AdaptiveBox;

    auto* filesBox = new QGroupBox(tr("Files"));
    auto* filesLayout = new QVBoxLayout(filesBox);
    mFiles = new QListWidget;
    mFiles->setAlternatingRowColors(true);
    mFiles->setSelectionMode(QAbstractItemView::SingleSelection);
    mFiles->setToolTip(tr("FASTA files (plain or .gz). Drop files or a folder anywhere on this panel."));
    filesLayout->addWidget(mFiles, 1);
    mFilesHint = hintLabel({});
    filesLayout->addWidget(mFilesHint);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Open files\u2026"));
    // Not Ctrl+O: the main window opens sessions with it.
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    add->setToolTip(tr("Add FASTA files (Ctrl+Shift+O)."));
    connect(add, &QPushButton::clicked, this, &DataPanel::chooseFiles);
    auto* folder = new QPushButton(tr("Open folder\u2026"));
    folder->setToolTip(tr("A folder written by motifloom-cli simulate (train.fa, valid.fa, test.fa, classes.txt), "
                          "or any folder of FASTA files."));
    connect(folder, &QPushButton::clicked, this, &DataPanel::chooseFolder);
    auto* up = new QToolButton;
    up->setText(QStringLiteral("\u2191"));
    up->setToolTip(tr("Move the selected file up (order matters for positive/negative and separate splits)."));
    connect(up, &QToolButton::clicked, this, [this] { moveFile(-1); });
    auto* down = new QToolButton;
    down->setText(QStringLiteral("\u2193"));
    down->setToolTip(tr("Move the selected file down."));
    connect(down, &QToolButton::clicked, this, [this] { moveFile(+1); });
    auto* remove = new QPushButton(tr("Remove"));
    connect(remove, &QPushButton::clicked, this, [this] {
        delete mFiles->currentItem();
        setFileList(fileListPaths());
        controlChanged();
    });
    auto* clear = new QPushButton(tr("Clear"));
    connect(clear, &QPushButton::clicked, this, [this] {
        setFileList({});
        controlChanged();
    });
    buttons->addWidget(add);
    buttons->addWidget(folder);
    buttons->addStretch(1);
    buttons->addWidget(up);
    buttons->addWidget(down);
    buttons->addWidget(remove);
    buttons->addWidget(clear);
    filesLayout->addLayout(buttons);
    layout->addWidget(filesBox, 5);

    auto* settings = new QGroupBox(tr("Labels, length and split"));
    auto* form = new QFormLayout(settings);
    mSplitMode = new QComboBox;
    mSplitMode->addItem(tr("Random split"), int(DataRecipe::SplitMode::Random));
    mSplitMode->addItem(tr("Split assignment file"), int(DataRecipe::SplitMode::AssignmentFile));
    mSplitMode->addItem(tr("Separate train / valid / test files"), int(DataRecipe::SplitMode::SeparateFiles));
    mSplitMode->setToolTip(tr("How sequences are divided into training, validation (early stopping) and test "
                              "(final scores) sets."));
    mLabelMode = new QComboBox;
    mLabelMode->addItem(tr("Labels in headers"), int(seqio::LabelMode::HeaderTokens));
    mLabelMode->addItem(tr("One file per class"), int(seqio::LabelMode::FilePerClass));
    mLabelMode->addItem(tr("Positive / negative files"), int(seqio::LabelMode::PositiveNegative));
    mLabelMode->setToolTip(tr("<b>Labels in headers</b>: '>id labels=0,1,0' (multi-label) or '>id class=CTCF'.<br>"
                              "<b>One file per class</b>: the file name is the class.<br>"
                              "<b>Positive / negative</b>: first file bound, second unbound (one output)."));
    form->addRow(tr("La&bels"), mLabelMode);
    mClassNames = new QLineEdit;
    mClassNames->setPlaceholderText(tr("optional: names, comma-separated"));
    mClassNames->setToolTip(tr("Class names in label order; empty = from the files (class=NAME, file names) or "
                               "class0, class1, ..."));
    form->addRow(tr("Class &names"), mClassNames);
    mTargetLength = new QSpinBox;
    mTargetLength->setRange(0, 1000000);
    mTargetLength->setSpecialValueText(tr("most common length"));
    mTargetLength->setSuffix(tr(" nt"));
    mTargetLength->setKeyboardTracking(false);
    mTargetLength->setToolTip(tr("Every sequence gets this length: longer ones keep their centre, shorter ones are "
                                 "centred and padded (a peak summit stays in the middle)."));
    form->addRow(tr("Input &length"), mTargetLength);
    mPad = new QComboBox;
    mPad->addItem(tr("no base (all-zero one-hot)"), false);
    mPad->addItem(tr("N (uniform over A, C, G, T)"), true);
    mPad->setToolTip(tr("What fills the ends of short sequences. 'No base' is how the paper treats positions "
                        "outside a sequence."));
    form->addRow(tr("&Pad with"), mPad);
    form->addRow(tr("Spli&t"), mSplitMode);

    mRandomSplitBox = new QWidget;
    auto* randomLayout = new QHBoxLayout(mRandomSplitBox);
    randomLayout->setContentsMargins(0, 0, 0, 0);
    const QString splitNames[3] = {tr("train"), tr("valid"), tr("test")};
    for (int i = 0; i < 3; ++i) {
        mFastaSplit[i] = fractionSpin(tr("Fraction of the sequences in this part."));
        randomLayout->addWidget(new QLabel(splitNames[i]));
        randomLayout->addWidget(mFastaSplit[i]);
    }
    mSplitSeed = seedEdit(tr("Seed of the random split."));
    randomLayout->addWidget(new QLabel(tr("seed")));
    randomLayout->addWidget(mSplitSeed);
    randomLayout->addStretch(1);
    form->addRow(QString(), mRandomSplitBox);

    mSplitFileBox = new QWidget;
    auto* fileLayout = new QHBoxLayout(mSplitFileBox);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    mSplitFile = new QLineEdit;
    mSplitFile->setPlaceholderText(tr("file with 'ID train|valid|test' lines"));
    auto* browse = new QPushButton(tr("Browse\u2026"));
    connect(browse, &QPushButton::clicked, this, &DataPanel::chooseSplitFile);
    fileLayout->addWidget(mSplitFile, 1);
    fileLayout->addWidget(browse);
    form->addRow(QString(), mSplitFileBox);

    mUseExpected = new QCheckBox(tr("Compare filters with known motifs"));
    mUseExpected->setToolTip(tr("The TFs expected in the data (the paper's in vivo analysis uses the same 12 TFs as "
                                "the synthetic set): filters matching them count as ground-truth matches."));
    mExpectedLabel = hintLabel({});
    form->addRow(mUseExpected);
    form->addRow(mExpectedLabel);
    layout->addWidget(settings, 6);
    QWidget* page = scrollPage(layout);

    auto changed = [this] { controlChanged(); };
    connect(mLabelMode, &QComboBox::currentIndexChanged, this, changed);
    connect(mSplitMode, &QComboBox::currentIndexChanged, this, changed);
    connect(mClassNames, &QLineEdit::textChanged, this, changed);
    connect(mTargetLength, &QSpinBox::valueChanged, this, changed);
    connect(mPad, &QComboBox::currentIndexChanged, this, changed);
    connect(mSplitSeed, &QLineEdit::textChanged, this, changed);
    connect(mSplitFile, &QLineEdit::textChanged, this, changed);
    connect(mUseExpected, &QCheckBox::toggled, this, [this](bool on) {
        if (on && mExpectedMotifs.empty()) mExpectedMotifs = mPicker->selectedIds();
        updateExpectedLabel();
        controlChanged();
    });
    for (int i = 0; i < 3; ++i)
        connect(mFastaSplit[i], &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            const QSignalBlocker b(mSplit[i]);
            mSplit[i]->setValue(v);
            controlChanged();
        });
    return page;
}

QWidget* DataPanel::buildResultArea() {
    auto* box = new QGroupBox(tr("Loaded data"));
    auto* boxLayout = new QVBoxLayout(box);
    auto* layout = new AdaptiveBox;
    boxLayout->addWidget(layout);

    auto* left = new QVBoxLayout;
    mSummary = new QLabel(tr("Nothing loaded yet: choose a data set above and press <b>Generate</b>."));
    mSummary->setWordWrap(true);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(mSummary);
    mClassTable = new QTableWidget(0, 4);
    mClassTable->setHorizontalHeaderLabels({tr("Class"), tr("Train"), tr("Valid"), tr("Test")});
    mClassTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c) mClassTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    mClassTable->verticalHeader()->setVisible(false);
    mClassTable->verticalHeader()->setDefaultSectionSize(mClassTable->fontMetrics().height() + 6);
    mClassTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mClassTable->setSelectionMode(QAbstractItemView::NoSelection);
    mClassTable->setAlternatingRowColors(true);
    mClassTable->setToolTip(tr("Sequences carrying each class, per split. Very uneven counts make some classes hard "
                               "to learn."));
    left->addWidget(mClassTable, 1);
    mWarnings = new QLabel;
    mWarnings->setWordWrap(true);
    mWarnings->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    mWarnings->setVisible(false);
    left->addWidget(mWarnings);
    layout->addLayout(left, 5);

    auto* right = new QVBoxLayout;
    auto* nav = new QHBoxLayout;
    nav->addWidget(new QLabel(tr("Sequences of")));
    mPreviewPart = new QComboBox;
    mPreviewPart->addItem(tr("train"), int(synth::Part::Train));
    mPreviewPart->addItem(tr("validation"), int(synth::Part::Valid));
    mPreviewPart->addItem(tr("test"), int(synth::Part::Test));
    nav->addWidget(mPreviewPart);
    nav->addWidget(new QLabel(tr("from #")));
    mPreviewStart = new QSpinBox;
    mPreviewStart->setRange(1, 1);
    mPreviewStart->setSingleStep(kPreviewSequences);
    mPreviewStart->setGroupSeparatorShown(true);
    mPreviewStart->setToolTip(tr("First sequence shown; the arrows page by %1.").arg(kPreviewSequences));
    nav->addWidget(mPreviewStart);
    nav->addStretch(1);
    right->addLayout(nav);
    mPreview = new SequencePreview;
    mPreview->setPlaceholder(tr("The loaded sequences appear here, with their true motifs when known."));
    auto* scroll = new QScrollArea;
    scroll->setWidget(mPreview);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    right->addWidget(scroll, 1);
    layout->addLayout(right, 8);

    connect(mPreviewPart, &QComboBox::currentIndexChanged, this, [this] { showLoadedSequences(); });
    connect(mPreviewStart, &QSpinBox::valueChanged, this, [this] { showLoadedSequences(); });
    return box;
}

void DataPanel::startDatabaseLoad() {
    const std::string path = mBase.motifDatabase;
    mDatabaseJob = std::make_unique<DataLoadJob>([path](DataLoadJob& job) { job.database = motifDatabase(path); });
    DataLoadJob* job = mDatabaseJob.get();
    job->start(this, [this, job, path] {
        if (mDatabaseJob.get() != job) return;
        if (job->database) {
            mDatabase = job->database;
            mDatabaseError.clear();
            mPicker->setDatabase(mDatabase, QStringLiteral("%1 \u00b7 %2 motifs")
                                                .arg(fromStd(motifDatabaseLabel(path)))
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

void DataPanel::ensureKSpins(int n) {
    auto* layout = static_cast<QHBoxLayout*>(mKBox->layout());
    while (int(mK.size()) < n) {
        auto* s = new QDoubleSpinBox;
        s->setRange(0.0, 1.0);
        s->setDecimals(2);
        s->setSingleStep(0.01);
        s->setToolTip(tr("P(K = %1): chance that a sequence holds %1 motif instance(s).").arg(mK.size() + 1));
        s->setPrefix(QStringLiteral("%1: ").arg(mK.size() + 1));
        layout->insertWidget(int(mK.size()), s);
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] {
            updateKSum();
            controlChanged();
        });
        mK.push_back(s);
    }
}

void DataPanel::updateKSum() {
    double sum = 0;
    for (auto* s : mK) sum += s->value();
    const bool ok = std::abs(sum - 1.0) <= 0.01;
    mKSum->setText(QStringLiteral("<span style='color:%1'>\u03a3 %2</span>")
                       .arg(ok ? "#2e7d32" : "#b02020")
                       .arg(sum, 0, 'f', 2));
    mKSum->setToolTip(ok ? tr("The probabilities sum to 1.") : tr("The probabilities must sum to 1."));
}

DataRecipe DataPanel::recipe() const {
    DataRecipe r = mBase;
    r.kind = mTabs->currentIndex() == 0 ? DataRecipe::Kind::Synthetic : DataRecipe::Kind::Fasta;
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
    r.splitMode = DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const std::vector<std::string> files = fileListPaths();
    if (r.splitMode == DataRecipe::SplitMode::SeparateFiles) {
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

void DataPanel::setRecipe(const DataRecipe& r) {
    mUpdating = true;
    const std::string previousDatabase = mBase.motifDatabase;
    mBase = r;
    mTabs->setCurrentIndex(r.kind == DataRecipe::Kind::Synthetic ? 0 : 1);
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
    mSplitMode->setCurrentIndex(mSplitMode->findData(int(r.splitMode)));
    if (r.splitMode == DataRecipe::SplitMode::SeparateFiles) {
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
    mSketchTimer->start();
    Q_EMIT recipeChanged();
}

void DataPanel::updateFastaControls() {
    if (!mSplitMode) return;
    const auto split = DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const bool separate = split == DataRecipe::SplitMode::SeparateFiles;
    if (separate && mLabelMode->currentData().toInt() != int(seqio::LabelMode::HeaderTokens)) {
        const QSignalBlocker b(mLabelMode);
        mLabelMode->setCurrentIndex(0);
    }
    mLabelMode->setEnabled(!separate);
    mRandomSplitBox->setVisible(split == DataRecipe::SplitMode::Random);
    mSplitFileBox->setVisible(split == DataRecipe::SplitMode::AssignmentFile);
    setFileList(fileListPaths());  // refresh the roles shown next to each file
    mLoadButton->setText(mTabs->currentIndex() == 0 ? tr("Generate data") : tr("Load data"));
}

void DataPanel::updateExpectedLabel() {
    if (!mExpectedLabel) return;
    QStringList names;
    const auto& ids = mExpectedMotifs.empty() ? mPicker->selectedIds() : mExpectedMotifs;
    for (const auto& id : ids) {
        QString name = fromStd(id);
        if (mDatabase)
            for (const auto& m : *mDatabase)
                if (m.id == id && !m.name.empty()) name = fromStd(m.name);
        names << name;
    }
    mExpectedLabel->setEnabled(mUseExpected->isChecked());
    mExpectedLabel->setText(names.isEmpty() ? tr("Pick motifs on the Synthetic tab to use them here.")
                                            : tr("%1 (as picked on the Synthetic tab when first checked)").arg(names.join(", ")));
}

// ---- files --------------------------------------------------------------------------------------

std::vector<std::string> DataPanel::fileListPaths() const {
    std::vector<std::string> out;
    for (int i = 0; i < mFiles->count(); ++i) out.push_back(mFiles->item(i)->data(Qt::UserRole).toString().toStdString());
    return out;
}

void DataPanel::setFileList(const std::vector<std::string>& files) {
    const int current = mFiles->currentRow();
    mFiles->clear();
    const auto split = DataRecipe::SplitMode(mSplitMode->currentData().toInt());
    const auto labels = seqio::LabelMode(mLabelMode->currentData().toInt());
    QStringList classNames;
    for (const QString& n : mClassNames->text().split(',', Qt::SkipEmptyParts)) classNames << n.trimmed();
    for (std::size_t i = 0; i < files.size(); ++i) {
        const QString path = fromStd(files[i]);
        QString role;
        if (split == DataRecipe::SplitMode::SeparateFiles) {
            const char* roles[] = {"train", "validation", "test"};
            role = i < 3 ? tr(roles[i]) : tr("(unused)");
        } else if (labels == seqio::LabelMode::FilePerClass) {
            role = tr("class %1").arg(int(i) < classNames.size() ? classNames[int(i)] : fromStd(seqio::fileStem(files[i])));
        } else if (labels == seqio::LabelMode::PositiveNegative) {
            role = i == 0 ? tr("positive") : i == 1 ? tr("negative") : tr("(unused)");
        }
        auto* item = new QListWidgetItem(role.isEmpty() ? QFileInfo(path).fileName()
                                                        : QStringLiteral("%1  \u2014  %2").arg(role, QFileInfo(path).fileName()));
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        mFiles->addItem(item);
    }
    mFiles->setCurrentRow(std::min(current, mFiles->count() - 1));
    QString hint;
    if (split == DataRecipe::SplitMode::SeparateFiles)
        hint = tr("Three files in order: train, validation, test; headers '>id labels=0,1,...' or '>id class=NAME'.");
    else if (labels == seqio::LabelMode::FilePerClass)
        hint = tr("One file per class (at least 2); the file name is the class name.");
    else if (labels == seqio::LabelMode::PositiveNegative)
        hint = tr("Two files: positives (bound) first, then negatives.");
    else
        hint = tr("Headers carry the labels: '>id labels=0,1,0' or '>id class=CTCF'.");
    if (files.empty()) hint = tr("<b>Drop FASTA files or a folder here</b>, or open them. ") + hint;
    mFilesHint->setText(hint);
}

void DataPanel::addFiles(const QStringList& paths) {
    std::vector<std::string> files = fileListPaths();
    for (const QString& p : paths) {
        const std::string s = QDir::cleanPath(p).toStdString();
        if (std::find(files.begin(), files.end(), s) == files.end()) files.push_back(s);
    }
    setFileList(files);
    mTabs->setCurrentIndex(1);
    controlChanged();
}

void DataPanel::addFolder(const QString& dirPath) {
    const QDir dir(dirPath);
    auto find = [&](const QString& stem) -> QString {
        for (const char* ext : {".fa", ".fa.gz", ".fasta", ".fasta.gz"})
            if (dir.exists(stem + ext)) return dir.filePath(stem + ext);
        return {};
    };
    const QString train = find("train"), valid = find("valid"), test = find("test");
    if (!train.isEmpty() && !valid.isEmpty() && !test.isEmpty()) {
        // A `motifloom-cli simulate` folder: separate splits, class names from classes.txt.
        mSplitMode->setCurrentIndex(mSplitMode->findData(int(DataRecipe::SplitMode::SeparateFiles)));
        mLabelMode->setCurrentIndex(0);
        QFile classes(dir.filePath("classes.txt"));
        if (classes.open(QIODevice::ReadOnly | QIODevice::Text)) {
            QStringList names;
            QTextStream in(&classes);
            while (!in.atEnd()) {
                const QString line = in.readLine().trimmed();
                if (!line.isEmpty()) names << line;
            }
            mClassNames->setText(names.join(", "));
        }
        setFileList({train.toStdString(), valid.toStdString(), test.toStdString()});
        mTabs->setCurrentIndex(1);
        controlChanged();
        return;
    }
    QStringList found;
    for (const QFileInfo& f : dir.entryInfoList({"*.fa", "*.fasta", "*.fna", "*.fas", "*.fa.gz", "*.fasta.gz", "*.fna.gz"},
                                                QDir::Files, QDir::Name))
        found << f.absoluteFilePath();
    if (found.isEmpty()) {
        setMessage(tr("No FASTA files (.fa, .fasta, .fna, optionally .gz) in %1").arg(QDir::toNativeSeparators(dirPath)), true);
        return;
    }
    addFiles(found);
}

void DataPanel::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open FASTA files"), {}, tr("FASTA (*.fa *.fasta *.fna *.fas *.gz);;All files (*)"));
    if (!paths.isEmpty()) addFiles(paths);
}

void DataPanel::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of FASTA files"));
    if (!dir.isEmpty()) addFolder(dir);
}

void DataPanel::chooseSplitFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Split assignment file"), {},
                                                      tr("Text (*.txt *.tsv);;All files (*)"));
    if (!path.isEmpty()) mSplitFile->setText(path);
}

void DataPanel::moveFile(int delta) {
    const int row = mFiles->currentRow();
    std::vector<std::string> files = fileListPaths();
    if (row < 0 || row + delta < 0 || row + delta >= int(files.size())) return;
    std::swap(files[std::size_t(row)], files[std::size_t(row + delta)]);
    setFileList(files);
    mFiles->setCurrentRow(row + delta);
    controlChanged();
}

void DataPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        for (const QUrl& u : event->mimeData()->urls())
            if (u.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
    }
}

void DataPanel::dropEvent(QDropEvent* event) {
    QStringList files;
    for (const QUrl& u : event->mimeData()->urls()) {
        if (!u.isLocalFile()) continue;
        const QString path = u.toLocalFile();
        if (QFileInfo(path).isDir())
            addFolder(path);
        else
            files << path;
    }
    if (!files.isEmpty()) addFiles(files);
    event->acceptProposedAction();
}

// ---- live sketch ----------------------------------------------------------------------------------

void DataPanel::updateSketch() {
    if (!mDatabase) {
        mSketch->setSequences({});
        mSketch->setPlaceholder(mDatabaseError.isEmpty() ? tr("Loading motifs\u2026")
                                                         : tr("No preview: %1").arg(mDatabaseError));
        return;
    }
    DataRecipe r = recipe();
    const int total = r.count;
    r.count = std::min(r.count, kSketchSequences);
    try {
        // Sequence i depends only on the seed and i (synthetic_data.h), so these few are exactly
        // the first sequences of the full data set; a handful costs well under a millisecond.
        const std::string source = r.motifDatabase.empty() ? std::string("JASPAR") : r.motifDatabase;
        const synth::SynthConfig config = synthConfig(r, *mDatabase, source);
        const synth::SyntheticData d = synth::generate(config);
        const auto names = synth::classNames(config.motifs);
        std::vector<PreviewSequence> rows;
        std::size_t t = 0;
        for (std::size_t i = 0; i < d.all.size(); ++i) {
            const std::size_t begin = t;
            while (t < d.truth.size() && d.truth[t].sequence == i) ++t;
            rows.push_back(previewRow(d.all, i, std::span(d.truth.data() + begin, t - begin), config.motifs, names,
                                      tr("Sequence %1 of %2").arg(i + 1).arg(withThousands(total)),
                                      tr("K = %1").arg(t - begin)));
        }
        mSketch->setSequences(std::move(rows));
        mSyntheticCheck->clear();
    } catch (const std::exception& e) {
        mSketch->setSequences({});
        mSketch->setPlaceholder(tr("No preview: %1").arg(QString::fromUtf8(e.what())));
        mSyntheticCheck->setText(QStringLiteral("<span style='color:#b02020'>\u26a0 %1</span>")
                                     .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
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
    const DataRecipe r = recipe();
    mJob = std::make_unique<DataLoadJob>([r](DataLoadJob& job) {
        job.data = std::make_shared<const LoadedData>(loadData(r, job.progress()));
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
    mMessage->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; color: #8b1a1a; border: 1px solid "
                                                   "#f1b0aa; border-radius: 4px; padding: 6px; }")
                                  : QStringLiteral("QLabel { padding: 6px; }"));
}

// ---- results ------------------------------------------------------------------------------------

void DataPanel::showResult() {
    const LoadedData& d = *mData;
    QString summary = fromStd(d.summary).toHtmlEscaped().replace('\n', QStringLiteral("<br>"));
    mSummary->setText(summary);
    mClassTable->setRowCount(int(d.classNames.size()));
    for (int c = 0; c < int(d.classNames.size()); ++c) {
        auto* name = new QTableWidgetItem(fromStd(d.classNames[std::size_t(c)]));
        if (d.hasTruth()) {
            QPixmap swatch(12, 12);
            swatch.fill(classColour(c));
            name->setIcon(QIcon(swatch));
        }
        if (std::size_t(c) < d.trueMotifs.size() && d.hasTruth())
            name->setToolTip(fromStd(d.trueMotifs[std::size_t(c)].id));
        mClassTable->setItem(c, 0, name);
        for (int p = 0; p < 3; ++p) {
            auto* item = new QTableWidgetItem(withThousands(d.classCounts[std::size_t(c)][std::size_t(p)]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mClassTable->setItem(c, p + 1, item);
        }
    }
    const QString warnings = fromStd(d.warnings.summary()).trimmed();
    mWarnings->setVisible(!warnings.isEmpty());
    mWarnings->setText(warnings.isEmpty() ? QString()
                                          : QStringLiteral("\u26a0 ") + warnings.toHtmlEscaped().replace('\n', "<br>\u26a0 "));
    {
        const QSignalBlocker b(mPreviewStart);
        mPreviewStart->setValue(1);
    }
    showLoadedSequences();
}

void DataPanel::showLoadedSequences() {
    if (!mData) return;
    const LoadedData& d = *mData;
    const auto part = synth::Part(mPreviewPart->currentData().toInt());
    const seqio::SequenceSet& set = d.part(part);
    {
        const QSignalBlocker b(mPreviewStart);
        mPreviewStart->setRange(1, std::max<int>(1, int(set.size())));
        mPreviewStart->setSuffix(tr(" of %1").arg(withThousands(long(set.size()))));
    }
    const std::size_t first = std::size_t(mPreviewStart->value() - 1);
    std::vector<PreviewSequence> rows;
    for (std::size_t i = first; i < set.size() && i < first + kPreviewSequences; ++i)
        rows.push_back(previewRow(set, i, d.placementsOf(part, i), d.trueMotifs, d.classNames, fromStd(set.ids[i]),
                                  tr("%1 #%2").arg(tr(partName(part))).arg(i + 1)));
    mPreview->setSequences(std::move(rows));
    if (set.size() == 0) mPreview->setPlaceholder(tr("The %1 split is empty.").arg(tr(partName(part))));
}

}  // namespace motifloom::ui
