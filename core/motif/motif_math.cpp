#include "motif/motif_math.h"

#include "util/input_error.h"

#include <cassert>
#include <cmath>

namespace motifloom::motif {
namespace {
constexpr char kLetters[] = "ACGT";
}

Motif fromCounts(std::string id, std::string name, const Matrix4& counts) {
    Motif m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.probs.resize(4, counts.cols());
    for (int c = 0; c < counts.cols(); ++c) {
        double total = 0;
        for (int b = 0; b < 4; ++b) {
            const double v = counts(b, c);
            if (!std::isfinite(v) || v < 0)
                throw InputError("motif " + m.id + ": count " + std::to_string(v) + " in row " +
                                 kLetters[b] + ", column " + std::to_string(c + 1) +
                                 " is not a non-negative number");
            total += v;
        }
        m.nsites = std::max(m.nsites, total);
        for (int b = 0; b < 4; ++b) m.probs(b, c) = total > 0 ? counts(b, c) / total : 0.25;
    }
    return m;
}

Matrix4 withPseudocounts(const Motif& m, double alpha, const Background& bg) {
    const double n = m.nsites > 0 ? m.nsites : 20.0;
    Matrix4 out(4, m.width());
    for (int c = 0; c < m.width(); ++c)
        for (int b = 0; b < 4; ++b) out(b, c) = (m.probs(b, c) * n + alpha * bg[b]) / (n + alpha);
    return out;
}

Motif reverseComplement(const Motif& m) {
    Motif rc = m;
    const int w = m.width();
    // Row b of the complement is row 3-b (A<->T, C<->G) because rows are ordered A,C,G,T.
    for (int c = 0; c < w; ++c)
        for (int b = 0; b < 4; ++b) rc.probs(b, c) = m.probs(3 - b, w - 1 - c);
    return rc;
}

double columnInformation(const Motif& m, int col, const Background& bg) {
    assert(col >= 0 && col < m.width());
    double info = 0;
    for (int b = 0; b < 4; ++b) {
        const double p = m.probs(b, col);
        if (p > 0) info += p * std::log2(p / bg[b]);
    }
    return info;
}

double totalInformation(const Motif& m, const Background& bg) {
    double sum = 0;
    for (int c = 0; c < m.width(); ++c) sum += columnInformation(m, c, bg);
    return sum;
}

std::string consensus(const Motif& m) {
    std::string out(std::size_t(m.width()), 'A');
    for (int c = 0; c < m.width(); ++c) {
        int best = 0;
        for (int b = 1; b < 4; ++b)
            if (m.probs(b, c) > m.probs(best, c)) best = b;
        out[std::size_t(c)] = kLetters[best];
    }
    return out;
}

Motif sliceColumns(const Motif& m, int begin, int end) {
    assert(0 <= begin && begin <= end && end <= m.width());
    Motif out;
    out.id = m.id;
    out.name = m.name;
    out.nsites = m.nsites;
    out.probs = m.probs.middleCols(begin, end - begin);
    return out;
}

Motif clipByInformation(const Motif& m, double minBits, int pad) {
    int first = -1, last = -1;
    for (int c = 0; c < m.width(); ++c) {
        if (columnInformation(m, c) > minBits) {
            if (first < 0) first = c;
            last = c;
        }
    }
    if (first < 0) return sliceColumns(m, 0, 0);
    return sliceColumns(m, std::max(0, first - pad), std::min(m.width(), last + 1 + pad));
}

}  // namespace motifloom::motif
