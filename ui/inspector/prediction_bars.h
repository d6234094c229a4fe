#pragma once
// PredictionBars: every class's predicted probability as a horizontal bar, the true labels
// marked (bold name and a "true" tag), the chosen class framed. After a mutation the
// probabilities of the unmutated sequence stay as a grey tick, so the fall (or rise) is seen.
// A click on a class row emits classClicked (the inspector attributes that class).

#include <QString>
#include <QWidget>

#include <vector>

namespace motifloom::ui {

class PredictionBars : public QWidget {
    Q_OBJECT
public:
    explicit PredictionBars(QWidget* parent = nullptr);

    // probabilities / reference / truth: one per class (reference or truth may be empty).
    void setPredictions(std::vector<QString> classNames, std::vector<float> probabilities,
                        std::vector<float> reference, std::vector<bool> truth);
    void setChosenClass(int index);
    const std::vector<float>& probabilities() const { return mProbabilities; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void classClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    int rowHeight() const;
    std::vector<QString> mNames;
    std::vector<float> mProbabilities, mReference;
    std::vector<bool> mTruth;
    int mChosen = -1;
};

}  // namespace motifloom::ui
