#pragma once
// InspectionCanvas: the inspector's tracks (InspectionPicture) as an interactive widget. The
// columns share the width (5 to 16 pixels per base; narrower windows scroll).
//
// Mouse: hovering any row shows its value (position, base, saliency, ISM, the change of the
// logit of a substitution, an activation and the filter's firing threshold). A click on the
// sequence or an attribution track emits baseClicked (the inspector offers the other bases);
// a click on an ISM heat-map cell emits substitutionClicked (that substitution at once); a
// click on an activation row emits filterClicked. Keyboard: the clicked base becomes the
// cursor; typing A, C, G, T or N there emits baseTyped and moves on (type over the sequence);
// the arrow keys move the cursor.

#include "inspector/inspection_picture.h"

#include <QWidget>

namespace motifloom::ui {

class InspectionCanvas : public QWidget {
    Q_OBJECT
public:
    explicit InspectionCanvas(QWidget* parent = nullptr);

    void setPicture(InspectionPicture picture);
    const InspectionPicture& picture() const { return mPicture; }
    double column() const;  // pixels per base at the current width
    void setCursorPosition(int position);
    int cursorPosition() const { return mPicture.cursor; }

    // The tooltip text for a point (what hovering shows; empty outside the tracks).
    QString describe(const QPointF& point) const;
    // Widget coordinates of the centre of a cell (for tests and scripting).
    QPointF cellCentre(PictureRow row, int position, int baseOrFilter = 0) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void baseClicked(int position, QPoint globalPos);
    void substitutionClicked(int position, int base);
    void filterClicked(int filter);
    void baseTyped(int position, int code);  // a base code (seqio: A=1, C=2, G=4, T=8, N=15)

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    InspectionPicture mPicture;
};

}  // namespace motifloom::ui
