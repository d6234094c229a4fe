#pragma once
// A score or statistic as text: fixed decimals, or a dash when it is not a number (not yet
// measured, no ground truth). Status lines show an en dash; table cells pass an em dash, as the
// lab's other tables do for an empty cell.

#include <QString>

#include <cmath>

namespace motifloom::ui {

inline QString decimalText(double v, int decimals, const QString& missing = QStringLiteral("\u2013")) {
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : missing;
}

}  // namespace motifloom::ui
