#include "compare/null_distribution.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::compare {

std::vector<Distribution> columnDistributions(const ScaledScores& scores) {
    std::vector<Distribution> out(std::size_t(scores.rows));
    if (scores.cols == 0) return out;
    const double weight = 1.0 / scores.cols;
    for (int i = 0; i < scores.rows; ++i) {
        const int* row = scores.row(i);
        const int top = *std::max_element(row, row + scores.cols);
        std::vector<long> counts(std::size_t(top) + 1, 0);
        for (int t = 0; t < scores.cols; ++t) ++counts[std::size_t(row[t])];
        Distribution& d = out[std::size_t(i)];
        d.resize(counts.size());
        for (std::size_t v = 0; v < counts.size(); ++v) d[v] = double(counts[v]) * weight;
    }
    return out;
}

Distribution convolve(const Distribution& a, const Distribution& b) {
    if (a.empty() || b.empty()) return {};
    // Loop over the (short) column histogram outside, the long distribution inside: the inner
    // loop is a contiguous axpy the compiler vectorises.
    const Distribution& longer = a.size() >= b.size() ? a : b;
    const Distribution& shorter = a.size() >= b.size() ? b : a;
    Distribution out(longer.size() + shorter.size() - 1, 0.0);
    const std::size_t n = longer.size();
    for (std::size_t v = 0; v < shorter.size(); ++v) {
        const double w = shorter[v];
        if (w == 0.0) continue;
        double* dst = out.data() + v;
        const double* src = longer.data();
        for (std::size_t x = 0; x < n; ++x) dst[x] += w * src[x];
    }
    return out;
}

Tail upperTail(const Distribution& pmf) {
    Tail tail(pmf.size(), 0.0);
    double sum = 0;
    for (std::size_t x = pmf.size(); x-- > 0;) {
        sum += pmf[x];
        tail[x] = sum;
    }
    return tail;
}

double tailAt(const Tail& tail, long x) {
    if (x <= 0) return tail.empty() ? 0.0 : 1.0;  // scores are >= 0
    if (std::size_t(x) >= tail.size()) return 0.0;
    return std::min(1.0, tail[std::size_t(x)]);
}

void foldMaximum(Distribution& maxPmf, const Distribution& q, int shift) {
    assert(shift >= 0 && std::size_t(shift) + q.size() <= maxPmf.size());
    double cdfM = 0;  // F_M(x - 1), from the old M
    double cdfQ = 0;  // F_Q(x - 1)
    for (std::size_t x = 0; x < maxPmf.size(); ++x) {
        const double m = maxPmf[x];
        const double qx = (x >= std::size_t(shift) && x - shift < q.size()) ? q[x - shift] : 0.0;
        maxPmf[x] = qx * cdfM + m * cdfQ + qx * m;
        cdfM += m;
        cdfQ += qx;
    }
}

double maximumTailAt(const std::vector<ShiftedTail>& terms, int copies, long x) {
    if (x <= 0) return 1.0;  // every variable is >= 0
    double logAllBelow = 0;  // log P(every variable < x)
    for (const ShiftedTail& term : terms) {
        const double s = tailAt(*term.tail, x - term.shift);
        if (s >= 1.0) return 1.0;
        logAllBelow += std::log1p(-s);
    }
    return -std::expm1(double(copies) * logAllBelow);
}

RangeDistributions::RangeDistributions(const std::vector<Distribution>& columns,
                                       const std::vector<int>& internalLengths)
    : mWidth(int(columns.size())),
      mIndex(std::size_t(mWidth) * std::size_t(mWidth), -1) {
    const int w = mWidth;
    if (w == 0) return;

    Distribution cur = columns[0];  // prefixes [0, e]
    store(0, 0, cur);
    for (int e = 1; e < w; ++e) {
        cur = convolve(cur, columns[std::size_t(e)]);
        store(0, e, cur);
    }
    cur = columns[std::size_t(w - 1)];  // suffixes [s, w-1]
    if (!has(w - 1, w - 1)) store(w - 1, w - 1, cur);
    for (int s = w - 2; s >= 1; --s) {
        cur = convolve(columns[std::size_t(s)], cur);
        store(s, w - 1, cur);
    }

    // Internal ranges: neither end at the query's edge, so 1 <= first and last <= w-2.
    std::vector<char> wanted(std::size_t(w) + 1, 0);
    int maxLength = 0;
    for (int len : internalLengths)
        if (len >= 1 && len < w) {
            wanted[std::size_t(len)] = 1;
            maxLength = std::max(maxLength, len);
        }
    for (int s = 1; s + 1 < w && maxLength > 0; ++s) {
        cur = columns[std::size_t(s)];
        for (int len = 1;; ++len) {
            const int last = s + len - 1;
            if (wanted[std::size_t(len)] && !has(s, last)) store(s, last, cur);
            if (len >= maxLength || last + 1 > w - 2) break;
            cur = convolve(cur, columns[std::size_t(last + 1)]);
        }
    }
}

bool RangeDistributions::has(int first, int last) const {
    if (first < 0 || last < first || last >= mWidth) return false;
    return mIndex[std::size_t(first) * std::size_t(mWidth) + std::size_t(last)] >= 0;
}

const Distribution& RangeDistributions::get(int first, int last) const {
    assert(has(first, last));
    return mStorage[std::size_t(mIndex[std::size_t(first) * std::size_t(mWidth) + std::size_t(last)])];
}

void RangeDistributions::store(int first, int last, Distribution d) {
    mIndex[std::size_t(first) * std::size_t(mWidth) + std::size_t(last)] = int(mStorage.size());
    mStorage.push_back(std::move(d));
}

}  // namespace motifloom::compare
