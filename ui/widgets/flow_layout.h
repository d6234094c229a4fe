#pragma once
// FlowLayout: places its items left to right and wraps to a new line when the width runs out,
// like words in a paragraph. Rows of small controls (probability spins, split fractions, file
// buttons) then fit a narrow side dock on two lines and a wide window on one, instead of forcing
// the dock wider and being clipped.
//
// Its minimum width is that of its widest item; its height follows the width
// (heightForWidth), so QFormLayout and QScrollArea give it the lines it needs.

#include <QLayout>
#include <QList>
#include <QString>

class QWidget;

namespace motifloom::ui {

// "label [field]" as one widget, to keep the two together on a FlowLayout line; the label is
// the field's buddy (so "&Name" moves the focus to it).
QWidget* labelledField(const QString& label, QWidget* field);

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int horizontalSpacing = 6, int verticalSpacing = 4);
    ~FlowLayout() override;

    // Inserts before item `index` (appends when index is out of range).
    void insertWidget(int index, QWidget* widget);

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;  // all items on one line
    void setGeometry(const QRect& rect) override;

private:
    // Lays the items out in `rect` (only measures when !apply); returns the height used.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> mItems;
    int mHorizontalSpacing;
    int mVerticalSpacing;
};

}  // namespace motifloom::ui
