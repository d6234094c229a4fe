#pragma once
// SequencePicker: the inspector's row of controls that choose the sequence: a split of the
// loaded data, a filter (all, carrying a class, true / false positives / negatives of that
// class), an order (file order, highest or lowest prediction of the class, strongest firing of
// a first-layer filter), then the sequence itself from the matching list (or by index or id);
// or any typed / pasted sequence (checked like FASTA input, IUPAC letters allowed).
//
// It knows the data but not the model: when the filter or order needs the model's predictions
// (or a filter's peak activations) for a split, it emits predictionsWanted / peaksWanted and
// waits for setPredictions / setPeaks (the inspector computes them off the GUI thread); a new
// model calls invalidateModel.

#include "inspector/sequence_choice.h"
#include "lab/data_loader.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace motifloom::ui {

class SequencePicker : public QWidget {
    Q_OBJECT
public:
    explicit SequencePicker(QWidget* parent = nullptr);

    void setData(std::shared_ptr<const lab::LoadedData> data);
    const std::shared_ptr<const lab::LoadedData>& data() const { return mData; }
    void setFilterCount(int filters);  // first-layer filters of the model (for the filter order)
    void setInputLength(int length);   // bases the model reads (typed sequences must have them)
    void invalidateModel();            // predictions and peaks are stale
    void setPredictions(synth::Part part, std::vector<float> probabilities);
    void setPeaks(synth::Part part, int filter, std::vector<float> peaks);

    synth::Part part() const;
    SequenceQuery query() const;
    // Sets the controls; with chooseFirst, the first match is chosen as soon as the list is ready
    // (it may wait for predictions or peaks).
    void setQuery(synth::Part part, const SequenceQuery& query, bool chooseFirst = false);
    int orderFilter() const;
    void setOrderFilter(int filter);  // 0-based
    // The matching sequences (indices into the part), as listed.
    const std::vector<std::size_t>& matches() const { return mMatches; }
    // Chooses sequence `index` of `part` (lists it even if the filter excludes it) and emits chosen.
    void choose(synth::Part part, std::size_t index);
    // Takes `text` as if typed and submitted: emits typed, or shows and returns the error.
    QString submitTyped(const QString& text);
    QString errorText() const;

Q_SIGNALS:
    void chosen(motifloom::synth::Part part, std::size_t index);
    void typed(std::vector<std::uint8_t> codes, QString name);
    void predictionsWanted(motifloom::synth::Part part);
    void peaksWanted(motifloom::synth::Part part, int filter);

private:
    void refresh();       // recompute the matches and the list
    void listChosen(int row);
    void step(int delta);
    void goToId();
    void showError(const QString& text);

    std::shared_ptr<const lab::LoadedData> mData;
    std::vector<float> mProbabilities[3];
    std::vector<float> mPeaks[3];
    int mPeakFilter[3] = {-1, -1, -1};
    int mLength = 0;
    bool mChooseFirst = false;
    std::vector<std::size_t> mMatches;

    QComboBox* mPart = nullptr;
    QComboBox* mFilter = nullptr;
    QComboBox* mClass = nullptr;
    QComboBox* mOrder = nullptr;
    QSpinBox* mOrderFilter = nullptr;
    QComboBox* mList = nullptr;
    QToolButton* mPrev = nullptr;
    QToolButton* mNext = nullptr;
    QLineEdit* mId = nullptr;
    QLabel* mCount = nullptr;
    QPlainTextEdit* mTyped = nullptr;
    QPushButton* mTypedGo = nullptr;
    QLabel* mError = nullptr;
    QString mErrorText;

public:
    QPlainTextEdit* typedEdit() const { return mTyped; }
    QComboBox* listCombo() const { return mList; }
};

}  // namespace motifloom::ui
