#pragma once
// WrapLabel: a word-wrapped QLabel that claims the height its text needs at its current width.
// A plain word-wrapped QLabel reports a minimum height for some guessed width, so a short dock
// squeezes it and cuts its last lines off; this one keeps every line and lets its neighbours
// (tables, previews, scroll areas) give way instead.

#include <QLabel>

namespace motifloom::ui {

class WrapLabel : public QLabel {
    Q_OBJECT
public:
    explicit WrapLabel(QWidget* parent = nullptr);

    // Hides QLabel::setText (not virtual): set the text through a WrapLabel pointer.
    void setText(const QString& text);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;  // a new font (presentation mode) needs new lines
    void showEvent(QShowEvent* event) override;

private:
    void claimHeight();
};

}  // namespace motifloom::ui
