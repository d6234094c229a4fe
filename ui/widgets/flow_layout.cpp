#include "widgets/flow_layout.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QWidget>

#include <algorithm>

namespace motifloom::ui {

QWidget* labelledField(const QString& label, QWidget* field) {
    auto* pair = new QWidget;
    auto* layout = new QHBoxLayout(pair);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto* text = new QLabel(label);
    text->setBuddy(field);
    layout->addWidget(text);
    layout->addWidget(field);
    return pair;
}

FlowLayout::FlowLayout(QWidget* parent, int horizontalSpacing, int verticalSpacing)
    : QLayout(parent), mHorizontalSpacing(horizontalSpacing), mVerticalSpacing(verticalSpacing) {
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout() {
    while (QLayoutItem* item = takeAt(0)) delete item;
}

void FlowLayout::insertWidget(int index, QWidget* widget) {
    addChildWidget(widget);
    auto* item = new QWidgetItem(widget);
    if (index < 0 || index >= mItems.size())
        mItems.append(item);
    else
        mItems.insert(index, item);
    invalidate();
}

void FlowLayout::addItem(QLayoutItem* item) { mItems.append(item); }

int FlowLayout::count() const { return int(mItems.size()); }

QLayoutItem* FlowLayout::itemAt(int index) const { return index >= 0 && index < mItems.size() ? mItems[index] : nullptr; }

QLayoutItem* FlowLayout::takeAt(int index) {
    if (index < 0 || index >= mItems.size()) return nullptr;
    return mItems.takeAt(index);
}

Qt::Orientations FlowLayout::expandingDirections() const { return {}; }

bool FlowLayout::hasHeightForWidth() const { return true; }

int FlowLayout::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

QSize FlowLayout::minimumSize() const {
    QSize size;
    for (const QLayoutItem* item : mItems)
        if (!item->isEmpty()) size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const {
    int width = 0, height = 0, shown = 0;
    for (const QLayoutItem* item : mItems) {
        if (item->isEmpty()) continue;
        width += item->sizeHint().width() + (shown++ ? mHorizontalSpacing : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    int x = area.x(), y = area.y(), lineHeight = 0;
    // Items of a line share its height and are centred in it, as a QHBoxLayout would.
    QList<QLayoutItem*> line;
    const auto placeLine = [&] {
        if (!apply) return;
        for (QLayoutItem* item : line) {
            const QRect g = item->geometry();
            item->setGeometry(QRect(g.x(), y + (lineHeight - g.height()) / 2, g.width(), g.height()));
        }
    };
    for (QLayoutItem* item : mItems) {
        if (item->isEmpty()) continue;
        const QSize hint = item->sizeHint().expandedTo(item->minimumSize());
        const int width = std::min(hint.width(), std::max(item->minimumSize().width(), area.width()));
        if (x > area.x() && x + width > area.x() + area.width()) {  // wrap
            placeLine();
            line.clear();
            x = area.x();
            y += lineHeight + mVerticalSpacing;
            lineHeight = 0;
        }
        if (apply) item->setGeometry(QRect(x, 0, width, hint.height()));
        line.append(item);
        x += width + mHorizontalSpacing;
        lineHeight = std::max(lineHeight, hint.height());
    }
    placeLine();
    const QMargins m = contentsMargins();
    return y + lineHeight - rect.y() + m.bottom();
}

}  // namespace motifloom::ui
