#pragma once
// SingleFilterView: one first-layer filter filling the window, for presentation mode: a large
// heading ("Filter 7 of 32", the run), the filter aligned with its best database match as
// Tomtom aligned them (logo_pair.h; the filter's whole logo when it has no motif to compare),
// the match's name, E-value and true-motif mark underneath, and a key hint.
// Keys: Left / Right (or Up / Down) step through the filters, Home / End jump to the first /
// last, Esc closes the view (back to the gallery). Those keys are taken before the window's
// shortcuts (Esc is Stop elsewhere) only while the view has the focus.
//
// It lies over its parent (the main window), follows the parent's size, and matches with an
// AlignmentView of its own (the Koo & Eddy 2019 preset), so the numbers are the alignment
// dialog's.

#include "interpret/filter_pwm.h"
#include "motif/motif.h"

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

namespace motifloom::ui {

class AlignmentView;

class SingleFilterView : public QWidget {
    Q_OBJECT
public:
    explicit SingleFilterView(QWidget* parent);

    // Shows filter `index` of `pwms` against `database` (shared, not modified) and grabs the
    // focus. `context` names the run ("CNN-25 · synthetic · seed 1, epoch 4").
    void showFilters(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                     const interpret::FilterPwmSet& pwms, int index, const std::vector<std::string>& truth,
                     const std::vector<std::string>& truthNames, const QString& context);
    void setIndex(int index);  // clamped to the filters
    int index() const { return mIndex; }
    int filterCount() const { return int(mPwms.filters.size()); }
    // The heading and the caption under the alignment, as painted (for tests).
    QString heading() const;
    QString caption() const { return mCaption; }

Q_SIGNALS:
    void closed();

protected:
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void close();

    AlignmentView* mMatcher = nullptr;  // hidden: computes the matches
    std::shared_ptr<const motif::MotifList> mDatabase;
    interpret::FilterPwmSet mPwms;
    motif::MotifList mQueries;          // comparison motifs, one per filter
    std::vector<std::string> mTruth, mTruthNames;
    QString mContext;
    QString mCaption;
    bool mTrueMotif = false;
    int mIndex = 0;
};

}  // namespace motifloom::ui
