#pragma once
// SequenceInspector: the "Inspector" tab - one sequence at a time under one model: where the
// filters fire, which bases matter, what a mutation does.
//
//   picker (sequence_picker.h)    a sequence of the loaded data, or a typed one
//   prediction bars               every class's probability, true labels marked
//   canvas (inspection_canvas.h)  sequence with planted motifs, saliency and ISM tracks, the
//                                 4 x L ISM heat map, the filters x positions activation map
//   filter panel                  the logo of the filter whose row was clicked, its match, and
//                                 how many positions fire above its PWM threshold
//   toolbar                       class to attribute, layer of the activation map, undo / redo /
//                                 reset of mutations, "Scramble motif", follow the live run,
//                                 export figure (SVG / PNG / PDF) and numbers (TSV)
//
// The model is whatever the window hands over (setModel): the live run's snapshot after every
// epoch (when "Follow training" is on, the sequence stays and everything is recomputed: pin a
// sequence and watch the attribution sharpen) or a kept run. Every computation (predictions,
// activations, saliency, ISM; the picker's per-split predictions) runs on Qt's thread pool
// (QtConcurrent); the GUI thread only paints. A newer request supersedes a running one: it
// starts when the running one ends and stale results are dropped.
//
// Mutations are a history of sequences (undo / redo / reset); the probabilities before any
// mutation stay visible as ticks in the bars, so "Scramble motif" shows the prediction fall.

#include "inspector/inspection.h"
#include "inspector/inspection_picture.h"
#include "lab/data_loader.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;

namespace motifloom::ui {

class InspectionCanvas;
class LogoWidget;
class PredictionBars;
class SequencePicker;

class SequenceInspector : public QWidget {
    Q_OBJECT
public:
    explicit SequenceInspector(QWidget* parent = nullptr);
    ~SequenceInspector() override;

    // ---- inputs ----
    void setData(std::shared_ptr<const lab::LoadedData> data);
    // A new model (or new weights of the live one). Live snapshots are ignored while "Follow
    // training" is off, unless nothing is shown yet.
    void setModel(InspectorModel model);
    const InspectorModel& model() const { return mModel; }
    bool followsTraining() const;

    // ---- the sequence ----
    void showSequence(synth::Part part, std::size_t index);
    void showTypedSequence(std::vector<std::uint8_t> codes, const QString& name);
    bool hasSequence() const { return !mHistory.empty(); }
    const std::vector<std::uint8_t>& sequence() const;  // current (mutated) codes
    const std::vector<std::uint8_t>& originalSequence() const { return mOriginal; }
    QString sequenceName() const { return mName; }

    // ---- mutation ----
    void mutate(int position, std::uint8_t code);  // one base (a history step)
    void setSequenceCodes(std::vector<std::uint8_t> codes);  // any edit (a history step)
    bool scrambleMotif(int boxIndex = -1);         // -1: the chosen class's first box (or the first)
    void undo();
    void redo();
    void reset();
    bool canUndo() const { return mStep > 0; }
    bool canRedo() const { return mStep + 1 < int(mHistory.size()); }

    // ---- view ----
    void setAttributedClass(int classIndex);
    int attributedClass() const { return mClass; }
    void setLayer(int convNumber);
    void markFilter(int filter);  // -1: none
    int markedFilter() const { return mMarked; }
    // First-layer positions where the marked filter fires (above its PWM threshold).
    std::vector<int> firingPositions() const;

    // ---- results (for tests and the benchmark note) ----
    bool isBusy() const;  // a computation is running or queued
    const Inspection* inspection() const { return mResult ? mResult.get() : nullptr; }  // of sequence()
    const std::vector<float>& referenceProbabilities() const { return mReference; }
    double lastRoundTripMs() const { return mRoundTripMs; }  // request -> results painted
    double lastGuiMs() const { return mGuiMs; }              // of it, the GUI thread's share
    const std::vector<PlantedBox>& plantedBoxes() const { return mBoxes; }

    // ---- export ----
    // The figure (all tracks, title with id, model and predictions) by extension .svg / .png /
    // .pdf, and the numbers as TSV (position, base, <class>_saliency, <class>_ism for every
    // class: the columns of motifloom-cli attribute's ID.tsv). Atomic; throw InputError.
    void exportFigure(const QString& path) const;
    void exportNumbers(const QString& path) const;
    QString figureTitle() const;

    SequencePicker* picker() const { return mPicker; }
    InspectionCanvas* canvas() const { return mCanvas; }
    PredictionBars* bars() const { return mBars; }

Q_SIGNALS:
    void inspected();  // results for the current sequence and model are shown
    void errorOccurred(const QString& message);

public Q_SLOTS:
    void exportFigureInteractive();
    void exportNumbersInteractive();

private:
    void buildUi();
    void request();          // (re)compute for the current sequence and model
    void startCompute();
    void computed();
    void updatePicture();    // canvas from mResult and the view settings
    void updateControls();
    void updateFilterPanel();
    void offerSubstitutions(int position, QPoint globalPos);
    void setBoxes();         // planted motifs of the current data sequence
    void requestPredictions(synth::Part part);
    void requestPeaks(synth::Part part, int filter);
    bool modelFitsData() const;

    InspectorModel mModel;
    std::shared_ptr<const lab::LoadedData> mData;
    int mGeneration = 0;  // bumped by every model change

    // The sequence and its mutations.
    QString mName;
    bool mFromData = false;
    synth::Part mPart = synth::Part::Test;
    std::size_t mIndex = 0;
    std::vector<std::uint8_t> mOriginal;
    std::vector<bool> mTruth;
    std::vector<PlantedBox> mBoxes;
    std::vector<std::vector<std::uint8_t>> mHistory;
    int mStep = -1;
    std::uint64_t mScrambles = 0;

    // View
    int mClass = 0;
    int mConv = 1;
    int mMarked = -1;

    // Results
    struct Job {
        int generation = 0;
        int conv = 1;
        std::vector<std::uint8_t> codes;
    };
    struct JobResult {
        Job job;
        Inspection inspection;
        std::vector<float> reference;  // probabilities of the original sequence
    };
    QFutureWatcher<JobResult>* mWatcher = nullptr;
    bool mQueued = false;
    std::shared_ptr<const Inspection> mResult;
    std::vector<float> mReference;
    QElapsedTimer mSinceRequest;
    double mRoundTripMs = 0, mGuiMs = 0;

    // Widgets
    SequencePicker* mPicker = nullptr;
    PredictionBars* mBars = nullptr;
    InspectionCanvas* mCanvas = nullptr;
    LogoWidget* mLogo = nullptr;
    QLabel* mLogoCaption = nullptr;
    QLabel* mTitle = nullptr;
    QLabel* mStatus = nullptr;
    QComboBox* mClassBox = nullptr;
    QComboBox* mLayerBox = nullptr;
    QToolButton* mUndo = nullptr;
    QToolButton* mRedo = nullptr;
    QToolButton* mReset = nullptr;
    QToolButton* mScramble = nullptr;
    QCheckBox* mFollow = nullptr;
    QToolButton* mExportFigure = nullptr;
    QToolButton* mExportNumbers = nullptr;
};

}  // namespace motifloom::ui
