#include "inspector/sequence_inspector.h"

#include "widgets/flow_layout.h"

#include "inspector/inspection_canvas.h"
#include "inspector/prediction_bars.h"
#include "inspector/sequence_picker.h"
#include "widgets/logo_widget.h"
#include "widgets/vertical_scroll.h"

#include "attribution/mutation.h"
#include "seqio/alphabet.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {

SequenceInspector::SequenceInspector(QWidget* parent) : QWidget(parent) {
    mWatcher = new QFutureWatcher<JobResult>(this);
    connect(mWatcher, &QFutureWatcher<JobResult>::finished, this, &SequenceInspector::computed);
    buildUi();
    updateControls();
}

SequenceInspector::~SequenceInspector() {
    // The task only reads values it owns (the job and a shared network): wait for it so that
    // the watcher never reports into a destroyed widget.
    mWatcher->disconnect(this);
    mWatcher->waitForFinished();
}

void SequenceInspector::buildUi() {
    auto* layout = new QVBoxLayout(this);
    auto* head = new QHBoxLayout;
    mTitle = new QLabel(tr("<b>Sequence inspector</b>"));
    mTitle->setTextFormat(Qt::RichText);
    mTitle->setWordWrap(true);  // model and data names can be long
    mTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mStatus = new QLabel;
    mStatus->setToolTip(tr("Time from the request to the painted results (model on a worker thread, then redraw)."));
    // Gives way first in a narrow window (the window must fit 1024 x 640).
    mStatus->setMinimumWidth(0);
    mStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    head->addWidget(mTitle, 1);
    head->addWidget(mStatus);
    layout->addLayout(head);

    mPicker = new SequencePicker;
    layout->addWidget(mPicker);
    connect(mPicker, &SequencePicker::chosen, this, [this](synth::Part part, std::size_t index) { showSequence(part, index); });
    connect(mPicker, &SequencePicker::typed, this, [this](std::vector<std::uint8_t> codes, const QString& name) {
        showTypedSequence(std::move(codes), name);
    });
    connect(mPicker, &SequencePicker::predictionsWanted, this, &SequenceInspector::requestPredictions);
    connect(mPicker, &SequencePicker::peaksWanted, this, &SequenceInspector::requestPeaks);

    mClassBox = new QComboBox;
    mClassBox->setToolTip(tr("The class whose logit the saliency and ISM tracks explain."));
    mLayerBox = new QComboBox;
    mLayerBox->setToolTip(tr("The convolution layer of the activation map (layers whose positions line up with the bases)."));
    for (QComboBox* box : {mClassBox, mLayerBox}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
    }
    auto tool = [](const QString& text, const QString& tip) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    mUndo = tool(tr("Undo"), tr("Undo the last mutation (Ctrl+Z)"));
    mRedo = tool(tr("Redo"), tr("Redo (Ctrl+Shift+Z)"));
    mReset = tool(tr("Reset"), tr("Back to the sequence as loaded"));
    mScramble = tool(tr("Scramble motif"), tr("Replace every base of a planted motif by another base and watch the prediction fall"));
    mUndo->setShortcut(QKeySequence::Undo);
    mRedo->setShortcut(QKeySequence::Redo);
    for (QToolButton* b : {mUndo, mRedo}) b->setShortcutEnabled(0, true);
    mFollow = new QCheckBox(tr("Follow training"));
    mFollow->setChecked(true);
    mFollow->setToolTip(tr("Recompute after every epoch of a run in progress (the sequence stays: watch the attribution sharpen)."));
    mExportFigure = tool(tr("Export figure\u2026"), tr("Save the tracks as SVG, PNG or PDF"));
    mExportNumbers = tool(tr("Export numbers\u2026"), tr("Save saliency and ISM of every class per position as TSV (the columns of motifloom-cli attribute)"));
    // The tools wrap onto more lines in a narrow window (it must fit 1024 pixels with the docks).
    auto* toolsRow = new QWidget;
    auto* tools = new FlowLayout(toolsRow, 10);
    tools->addWidget(labelledField(tr("Attribute"), mClassBox));
    tools->addWidget(labelledField(tr("Activations of"), mLayerBox));
    tools->addWidget(mFollow);
    layout->addWidget(toolsRow);
    auto* editsRow = new QWidget;
    auto* edits = new FlowLayout(editsRow);
    for (QToolButton* b : {mUndo, mRedo, mReset, mScramble, mExportFigure, mExportNumbers}) edits->addWidget(b);
    layout->addWidget(editsRow);

    auto* split = new QSplitter(Qt::Horizontal);
    mCanvas = new InspectionCanvas;
    auto* scroll = new QScrollArea;
    scroll->setWidget(mCanvas);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    split->addWidget(scroll);
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(6, 0, 0, 0);
    auto* predTitle = new QLabel(tr("<b>Predictions</b>"));
    sideLayout->addWidget(predTitle);
    mBars = new PredictionBars;
    sideLayout->addWidget(mBars);
    auto* filterTitle = new QLabel(tr("<b>Filter</b>"));
    sideLayout->addWidget(filterTitle);
    mLogo = new LogoWidget;
    mLogo->setMinimumHeight(90);
    sideLayout->addWidget(mLogo);
    mLogoCaption = new QLabel(tr("Click a row of the activation map to see that filter's logo and mark where it fires."));
    mLogoCaption->setWordWrap(true);
    mLogoCaption->setTextFormat(Qt::RichText);
    sideLayout->addWidget(mLogoCaption);
    auto* help = new QLabel(tr("<small>Click a base (or an attribution column) to substitute it, or click it and type A, C, G, T. "
                               "Click an ISM cell to make that substitution. Boxes: planted motifs, highlighted for the attributed "
                               "class.</small>"));
    help->setWordWrap(true);
    sideLayout->addWidget(help);
    sideLayout->addStretch(1);
    // Scrolls when short: twelve classes' bars in presentation-size type are taller than a 720p
    // screen, and the tallest tab sets the window's minimum height (no full screen beyond it).
    split->addWidget(verticalScroll(side, ScrollWidth::FitContent));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({1100, 330});
    layout->addWidget(split, 1);

    connect(mClassBox, &QComboBox::currentIndexChanged, this, [this](int i) { setAttributedClass(i); });
    connect(mBars, &PredictionBars::classClicked, this, &SequenceInspector::setAttributedClass);
    connect(mLayerBox, &QComboBox::currentIndexChanged, this, [this](int) {
        if (mLayerBox->currentIndex() >= 0) setLayer(mLayerBox->currentData().toInt());
    });
    connect(mUndo, &QToolButton::clicked, this, &SequenceInspector::undo);
    connect(mRedo, &QToolButton::clicked, this, &SequenceInspector::redo);
    connect(mReset, &QToolButton::clicked, this, &SequenceInspector::reset);
    connect(mScramble, &QToolButton::clicked, this, [this] { scrambleMotif(-1); });
    connect(mExportFigure, &QToolButton::clicked, this, &SequenceInspector::exportFigureInteractive);
    connect(mExportNumbers, &QToolButton::clicked, this, &SequenceInspector::exportNumbersInteractive);
    connect(mCanvas, &InspectionCanvas::baseClicked, this, &SequenceInspector::offerSubstitutions);
    connect(mCanvas, &InspectionCanvas::substitutionClicked, this, [this](int pos, int base) { mutate(pos, std::uint8_t(1u << base)); });
    connect(mCanvas, &InspectionCanvas::baseTyped, this, [this](int pos, int code) { mutate(pos, std::uint8_t(code)); });
    connect(mCanvas, &InspectionCanvas::filterClicked, this, [this](int f) { markFilter(f == mMarked ? -1 : f); });
}

// ---- inputs ------------------------------------------------------------------------------------

bool SequenceInspector::followsTraining() const { return mFollow->isChecked(); }

void SequenceInspector::setData(std::shared_ptr<const lab::LoadedData> data) {
    if (data == mData) return;
    mData = std::move(data);
    mPicker->setData(mData);
    // Class names arrive with the data (a run selected before its data was generated).
    if (mData && int(mData->classNames.size()) == mClassBox->count())
        for (int c = 0; c < mClassBox->count(); ++c) mClassBox->setItemText(c, QString::fromStdString(mData->classNames[std::size_t(c)]));
    if (mFromData) {  // the shown sequence belonged to the old data: keep it as a typed one
        mFromData = false;
        mBoxes.clear();
    }
    updateControls();
}

void SequenceInspector::setModel(InspectorModel model) {
    if (model.live && mModel.valid() && !followsTraining()) return;
    const bool classesChanged = !mModel.valid() || !model.valid() || model.network->numClasses() != mModel.network->numClasses();
    mModel = std::move(model);
    ++mGeneration;
    mPicker->invalidateModel();
    if (mModel.valid()) {
        mPicker->setInputLength(mModel.network->inputLength());
        mPicker->setFilterCount(mModel.pwms ? int(mModel.pwms->filters.size()) : 0);
        const QSignalBlocker b(mLayerBox);
        mLayerBox->clear();
        for (int conv : attribution::readableConvLayers(mModel.network->architecture()))
            mLayerBox->addItem(conv == 1 ? tr("layer 1 (first convolution)") : tr("layer %1").arg(conv), conv);
        const int row = mLayerBox->findData(mConv);
        mConv = row >= 0 ? mConv : 1;
        mLayerBox->setCurrentIndex(std::max(0, row));
    }
    if (classesChanged) {
        const QSignalBlocker b(mClassBox);
        mClassBox->clear();
        if (mModel.valid())
            for (int c = 0; c < mModel.network->numClasses(); ++c)
                mClassBox->addItem(mData && c < int(mData->classNames.size()) ? QString::fromStdString(mData->classNames[std::size_t(c)])
                                                                               : tr("class %1").arg(c + 1));
        mClass = std::clamp(mClass, 0, std::max(0, mClassBox->count() - 1));
        mClassBox->setCurrentIndex(mClass);
    }
    // A sequence of another length (a run on other data): start over.
    if (hasSequence() && (!mModel.valid() || int(sequence().size()) != mModel.network->inputLength())) {
        mHistory.clear();
        mStep = -1;
        mResult.reset();
    }
    updateControls();
    updateFilterPanel();
    request();
}

bool SequenceInspector::modelFitsData() const {
    return mData && mModel.valid() && mData->splits.test.length == mModel.network->inputLength() &&
           int(mData->classNames.size()) == mModel.network->numClasses();
}

// ---- the sequence ------------------------------------------------------------------------------

const std::vector<std::uint8_t>& SequenceInspector::sequence() const {
    static const std::vector<std::uint8_t> none;
    return mHistory.empty() ? none : mHistory[std::size_t(mStep)];
}

void SequenceInspector::showSequence(synth::Part part, std::size_t index) {
    if (!mData || index >= mData->part(part).size()) return;
    const seqio::SequenceSet& set = mData->part(part);
    mFromData = true;
    mPart = part;
    mIndex = index;
    mName = QString::fromStdString(set.ids[index]);
    mOriginal.assign(set.sequence(index), set.sequence(index) + set.length);
    mTruth.clear();
    for (int c = 0; c < set.numClasses(); ++c) mTruth.push_back(set.label(index)[c] >= 0.5f);
    setBoxes();
    mHistory = {mOriginal};
    mStep = 0;
    mResult.reset();
    mReference.clear();
    // Attribute a class the sequence carries, unless the chosen one is among them.
    if (!(mClass < int(mTruth.size()) && mTruth[std::size_t(mClass)]))
        for (std::size_t c = 0; c < mTruth.size(); ++c)
            if (mTruth[c]) {
                const QSignalBlocker b(mClassBox);
                mClass = int(c);
                mClassBox->setCurrentIndex(mClass);
                break;
            }
    updateControls();
    request();
}

void SequenceInspector::showTypedSequence(std::vector<std::uint8_t> codes, const QString& name) {
    mFromData = false;
    mName = name;
    mOriginal = std::move(codes);
    mTruth.clear();
    mBoxes.clear();
    mHistory = {mOriginal};
    mStep = 0;
    mResult.reset();
    mReference.clear();
    updateControls();
    request();
}

void SequenceInspector::setBoxes() {
    mBoxes.clear();
    if (!mFromData || !mData) return;
    for (const synth::Placement& pl : mData->placementsOf(mPart, mIndex)) {
        const QString name = pl.motif >= 0 && pl.motif < int(mData->trueMotifs.size())
                                 ? QString::fromStdString(mData->trueMotifs[std::size_t(pl.motif)].name)
                                 : QString::fromStdString(pl.motif < int(mData->classNames.size()) ? mData->classNames[std::size_t(pl.motif)] : "motif");
        mBoxes.push_back({pl.start, pl.start + pl.width, pl.motif, QStringLiteral("%1 %2 @%3").arg(name).arg(QChar(pl.strand)).arg(pl.start)});
    }
}

// ---- mutation ----------------------------------------------------------------------------------

void SequenceInspector::setSequenceCodes(std::vector<std::uint8_t> codes) {
    if (!hasSequence() || codes.size() != sequence().size() || codes == sequence()) return;
    mHistory.resize(std::size_t(mStep) + 1);
    mHistory.push_back(std::move(codes));
    mStep = int(mHistory.size()) - 1;
    updateControls();
    request();
}

void SequenceInspector::mutate(int position, std::uint8_t code) {
    if (!hasSequence() || position < 0 || position >= int(sequence().size()) || code == 0 || code > 15) return;
    std::vector<std::uint8_t> codes = sequence();
    codes[std::size_t(position)] = code;
    setSequenceCodes(std::move(codes));
}

bool SequenceInspector::scrambleMotif(int boxIndex) {
    if (!hasSequence() || mBoxes.empty()) return false;
    if (boxIndex < 0) {
        boxIndex = 0;
        for (std::size_t b = 0; b < mBoxes.size(); ++b)
            if (mBoxes[b].classIndex == mClass) {
                boxIndex = int(b);
                break;
            }
    }
    if (boxIndex >= int(mBoxes.size())) return false;
    const PlantedBox& box = mBoxes[std::size_t(boxIndex)];
    setSequenceCodes(attribution::scramble(sequence(), box.begin, box.end, 0x5eed + mScrambles++));
    return true;
}

void SequenceInspector::undo() {
    if (!canUndo()) return;
    --mStep;
    updateControls();
    request();
}

void SequenceInspector::redo() {
    if (!canRedo()) return;
    ++mStep;
    updateControls();
    request();
}

void SequenceInspector::reset() {
    if (!hasSequence() || mStep == 0) return;
    setSequenceCodes(mOriginal);
}

void SequenceInspector::offerSubstitutions(int position, QPoint globalPos) {
    if (!hasSequence()) return;
    const std::uint8_t observed = sequence()[std::size_t(position)];
    QMenu menu(this);
    menu.addSection(tr("Position %1: %2").arg(position).arg(QChar(seqio::decodeBase(observed))));
    const bool haveIsm = mResult && mResult->ism.length == int(sequence().size()) && mClass < mResult->ism.classes;
    for (int b = 0; b < 4; ++b) {
        const std::uint8_t code = std::uint8_t(1u << b);
        if (code == observed) continue;
        QString text = tr("\u2192 %1").arg(QChar("ACGT"[b]));
        if (haveIsm)
            text += tr("   (\u0394 logit %1: %2)").arg(mClassBox->currentText()).arg(double(mResult->ism.at(position, b, mClass)), 0, 'f', 2);
        menu.addAction(text, this, [this, position, code] { mutate(position, code); });
    }
    menu.exec(globalPos);
}

// ---- view --------------------------------------------------------------------------------------

void SequenceInspector::setAttributedClass(int classIndex) {
    if (classIndex < 0 || classIndex >= mClassBox->count()) return;
    mClass = classIndex;
    {
        const QSignalBlocker b(mClassBox);
        mClassBox->setCurrentIndex(classIndex);
    }
    updatePicture();  // every class is computed: no new request
}

void SequenceInspector::setLayer(int convNumber) {
    if (convNumber == mConv) return;
    mConv = convNumber;
    if (mConv != 1) mMarked = -1;
    {
        const QSignalBlocker b(mLayerBox);
        mLayerBox->setCurrentIndex(std::max(0, mLayerBox->findData(convNumber)));
    }
    updateFilterPanel();
    request();
}

void SequenceInspector::markFilter(int filter) {
    mMarked = filter;
    updateFilterPanel();
    updatePicture();
}

std::vector<int> SequenceInspector::firingPositions() const {
    std::vector<int> out;
    if (!mResult || mMarked < 0 || mResult->convNumber != 1) return out;
    const double threshold = mModel.firingThreshold(mMarked);
    const auto& map = mResult->activations;
    if (!std::isfinite(threshold) || mMarked >= map.geometry.filters) return out;
    for (int p = 0; p < map.geometry.length; ++p)
        if (double(map.at(0, p, mMarked)) > threshold) out.push_back(p);
    return out;
}

bool SequenceInspector::isBusy() const { return mWatcher->isRunning() || mQueued; }

}  // namespace motifloom::ui
