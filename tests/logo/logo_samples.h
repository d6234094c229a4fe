#pragma once
// Shared by the logo tests (tests/logo/test_logo*.cpp, tests/ui/test_logo_widget.cpp): motifs
// built by hand, a few JASPAR CORE vertebrate matrices, and pixel counters for rendered images.

#include "motif/motif.h"
#include "motif/motif_math.h"

#include <QColor>
#include <QImage>
#include <QRect>

#include <algorithm>
#include <array>
#include <vector>

namespace motifloom::logo_test {

inline motif::Motif motifFromColumns(const std::vector<std::array<double, 4>>& columns, double nsites = 0) {
    motif::Motif m;
    m.id = "test";
    m.name = "test";
    m.nsites = nsites;
    m.probs.resize(4, Eigen::Index(columns.size()));
    for (std::size_t c = 0; c < columns.size(); ++c)
        for (int b = 0; b < 4; ++b) m.probs(b, Eigen::Index(c)) = columns[c][std::size_t(b)];
    return m;
}

inline motif::Motif oneColumn(double a, double c, double g, double t, double nsites = 0) {
    return motifFromColumns({{a, c, g, t}}, nsites);
}

// A few JASPAR CORE vertebrate matrices (counts as in pfm_vertebrates.txt).
inline motif::Motif jaspar(const char* id, const char* name, const std::vector<std::vector<double>>& rows) {
    motif::Matrix4 counts(4, Eigen::Index(rows[0].size()));
    for (int b = 0; b < 4; ++b)
        for (std::size_t c = 0; c < rows[0].size(); ++c) counts(b, Eigen::Index(c)) = rows[std::size_t(b)][c];
    return motif::fromCounts(id, name, counts);
}

inline std::vector<motif::Motif> jasparSamples() {
    return {
        jaspar("MA0139.1", "CTCF",
               {{87, 167, 281, 56, 8, 744, 40, 107, 851, 5, 333, 54, 12, 56, 104, 372, 82, 117, 402},
                {291, 145, 49, 800, 903, 13, 528, 433, 11, 0, 3, 12, 0, 8, 733, 13, 482, 322, 181},
                {76, 414, 449, 21, 0, 65, 334, 48, 32, 903, 566, 504, 890, 775, 5, 507, 307, 73, 266},
                {459, 187, 134, 36, 2, 91, 11, 324, 18, 3, 9, 341, 8, 71, 67, 17, 37, 396, 59}}),
        jaspar("MA0079.3", "SP1",
               {{857, 0, 99, 0, 0, 1359, 0, 0, 0, 1054, 652},
                {1786, 6215, 6703, 8734, 8661, 0, 8734, 8734, 6679, 6357, 4969},
                {4271, 642, 0, 0, 0, 4624, 0, 0, 0, 0, 734},
                {1820, 1877, 1932, 0, 73, 2751, 0, 0, 2055, 1323, 2379}}),
        jaspar("MA0035.3", "Gata1",
               {{2035, 506, 0, 0, 0, 17955, 0, 0, 2166, 2502, 1886},
                {4321, 6406, 14869, 697, 0, 0, 0, 17955, 0, 6166, 5072},
                {2530, 2792, 437, 0, 0, 0, 0, 0, 0, 6687, 1598},
                {9069, 8251, 2649, 17258, 17955, 0, 17955, 0, 15789, 2600, 9399}}),
        jaspar("MA0102.3", "CEBPA",
               {{10351, 0, 0, 705, 0, 11956, 2660, 12226, 15318, 0, 5804},
                {1332, 0, 0, 0, 15318, 1274, 7654, 3092, 0, 5688, 4963},
                {3635, 0, 0, 11304, 0, 1066, 0, 0, 0, 1804, 890},
                {0, 15318, 15318, 3309, 0, 1022, 5004, 0, 0, 7826, 3661}}),
        jaspar("MA0108.2", "TBP",
               {{61, 16, 352, 3, 354, 268, 360, 222, 155, 56, 83, 82, 82, 68, 77},
                {145, 46, 0, 10, 0, 0, 3, 2, 44, 135, 147, 127, 118, 107, 101},
                {152, 18, 2, 2, 5, 0, 20, 44, 157, 150, 128, 128, 128, 139, 140},
                {31, 309, 35, 374, 30, 121, 6, 121, 33, 48, 31, 52, 61, 75, 71}}),
    };
}

inline bool isSaturated(QRgb c) {
    const int hi = std::max({qRed(c), qGreen(c), qBlue(c)});
    const int lo = std::min({qRed(c), qGreen(c), qBlue(c)});
    return hi - lo > 60;
}

inline int saturatedPixels(const QImage& image, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) n += isSaturated(image.pixel(x, y));
    return n;
}

}  // namespace motifloom::logo_test
