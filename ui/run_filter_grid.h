#pragma once
// RunFilterGrid: the first-layer filters of a run (or of a live snapshot) as one grid of
// sequence logos (logo_grid.h), each captioned with its best database match; filters that
// match a true motif are highlighted, filters that never fire show the "never fires"
// placeholder. Used live in the training dashboard and side by side in the comparison view.
//
// Width-driven layout: as many columns as fit at about `cellWidth()` logical pixels each
// (or a fixed column count), rows follow; heightForWidth() tells layouts and scroll areas the
// height. Painting is vector (crisp at any device pixel ratio). Hovering a cell shows the
// filter's matches as a tooltip; a click emits filterClicked(index).
// Owns copies of what it shows.

#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "logo_grid.h"

#include <QPixmap>

class QAbstractScrollArea;
#include <QWidget>

#include <vector>

namespace motifloom::ui {

struct FilterSnapshot;
struct RunFilters;

class RunFilterGrid : public QWidget {
    Q_OBJECT
public:
    explicit RunFilterGrid(QWidget* parent = nullptr);

    void setSnapshot(const FilterSnapshot& snapshot);
    void setRunFilters(const RunFilters& filters);
    // Shows only `text` (e.g. "Filters appear after the first epoch").
    void showMessage(const QString& text);

    void setColumns(int columns);  // 0 = as many as fit (default)
    void setCellWidth(int px);     // target logical width of a cell when columns = 0
    // With h > 0 (and columns = 0): the largest cells (up to maxCellWidth) for which the whole
    // grid fits in h logical pixels, e.g. the visible height of an enclosing scroll area; when
    // even cellWidth()-wide cells do not fit, cellWidth() (and scrolling).
    void setFitHeight(int h);
    // Keeps the fit height equal to the visible height of `area` (the grid is its widget).
    void fitToViewport(QAbstractScrollArea* area);
    static constexpr int kMaxCellWidth = 340;
    int cellWidth() const { return mCellWidth; }
    int filterCount() const { return int(mCells.size()); }
    const std::vector<LogoCell>& cells() const { return mCells; }
    QString headline() const { return mHeadline; }  // "epoch 4 · 30 filters · 12 match a true motif"

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void filterClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setCells(const interpret::FilterPwmSet& pwms, bool matched,
                  const std::vector<interpret::FilterMatches>& matches, const std::vector<std::string>& truthNames,
                  const QString& headline);
    int columnsFor(int width) const;
    double cellAspect() const;  // height / width of one cell
    int cellAt(const QPoint& pos) const;
    void paintContent(QPainter& painter) const;

    std::vector<LogoCell> mCells;
    std::vector<QString> mTips;
    QString mHeadline;
    QString mMessage;
    int mColumns = 0;
    int mCellWidth = 150;
    int mFitHeight = 0;
    QWidget* mViewport = nullptr;  // followed by fitToViewport
    QPixmap mCache;            // the painted grid at the current size and pixel ratio
    bool mCacheDirty = true;
};

}  // namespace motifloom::ui
