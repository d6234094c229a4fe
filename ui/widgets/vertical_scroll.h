#pragma once
// verticalScroll: wraps content in a frameless scroll area that scrolls vertically only, for
// panels that must not set the window's minimum height (a short dock, a 720p projector).

class QScrollArea;
class QWidget;

namespace motifloom::ui {

enum class ScrollWidth {
    Free,        // the area may be narrower than the content's minimum (a dock page)
    FitContent,  // at least the content's minimum width plus a scroll bar: never clipped
};

QScrollArea* verticalScroll(QWidget* content, ScrollWidth width = ScrollWidth::Free);

}  // namespace motifloom::ui
