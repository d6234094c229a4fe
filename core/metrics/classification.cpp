#include "metrics/classification.h"

#include "util/parallel.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace motifloom::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool isPositive(float label) { return label >= 0.5f; }

// Cumulative counts of the examples scoring >= threshold, one entry per distinct score in
// descending order; everything else derives from this.
struct Group {
    double threshold;
    long tp;  // cumulative true positives
    long fp;  // cumulative false positives
};

struct Ranking {
    std::vector<Group> groups;
    long positives = 0;
    long negatives = 0;
    bool hasNaN = false;
    // Scratch kept between classes: re-allocating it per class made the allocator grow and
    // trim the heap each time, and the page faults cost more than the sorting.
    std::vector<std::uint64_t> keys, buffer;
};

// Maps a float to an unsigned integer with the same order (sign flip for positives, all bits
// for negatives), so one integer sort orders scores; -0 is folded into +0 first so that the
// two compare equal as floats do.
std::uint32_t orderedBits(float s) {
    if (s == 0.0f) s = 0.0f;
    std::uint32_t u;
    std::memcpy(&u, &s, sizeof u);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

float fromOrderedBits(std::uint32_t u) {
    u = (u & 0x80000000u) ? (u & 0x7FFFFFFFu) : ~u;
    float s;
    std::memcpy(&s, &u, sizeof s);
    return s;
}

// Sorts keys ascending by their upper 32 bits: LSD radix sort, 4 stable passes of 8 bits,
// O(n) (a comparator sort of 5,000 keys costs several times more). Passes in which every key
// shares the byte are skipped.
void radixSortUpper32(std::vector<std::uint64_t>& keys, std::vector<std::uint64_t>& buffer) {
    buffer.resize(keys.size());
    for (int shift = 32; shift < 64; shift += 8) {
        std::size_t count[257] = {};
        for (std::uint64_t k : keys) ++count[((k >> shift) & 0xFF) + 1];
        if (count[((keys.empty() ? 0 : keys[0] >> shift) & 0xFF) + 1] == keys.size()) continue;
        for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
        for (std::uint64_t k : keys) buffer[count[(k >> shift) & 0xFF]++] = k;
        keys.swap(buffer);
    }
}

// Column of n examples read with the given stride (1 for a plain vector, C for a matrix column).
// Keys pack the order-preserving score bits above the label bit, so one integer sort ranks
// the column.
void rank(const float* scores, const float* labels, std::size_t n, std::size_t stride, Ranking& r) {
    r.groups.clear();
    r.positives = r.negatives = 0;
    r.hasNaN = false;
    std::vector<std::uint64_t>& keys = r.keys;
    keys.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float s = scores[i * stride];
        if (std::isnan(s)) {
            r.hasNaN = true;
            return;
        }
        keys[i] = (std::uint64_t(orderedBits(s)) << 32) | std::uint64_t(isPositive(labels[i * stride]));
    }
    radixSortUpper32(keys, r.buffer);
    long tp = 0, fp = 0;
    for (std::size_t i = n; i > 0;) {  // from the highest score down
        const std::uint64_t score = keys[i - 1] >> 32;
        for (; i > 0 && (keys[i - 1] >> 32) == score; --i) (keys[i - 1] & 1 ? tp : fp) += 1;
        r.groups.push_back({double(fromOrderedBits(std::uint32_t(score))), tp, fp});
    }
    r.positives = tp;
    r.negatives = fp;
}

Ranking rank(const float* scores, const float* labels, std::size_t n) {
    Ranking r;
    rank(scores, labels, n, 1, r);
    return r;
}

double aurocOf(const Ranking& r) {
    if (r.hasNaN || r.positives == 0 || r.negatives == 0) return kNaN;
    // 2U = sum over groups of (negatives in group) * (2 * positives above + positives in group):
    // each negative wins against every positive scored higher, half against tied ones.
    long long twiceU = 0;
    long tpPrev = 0, fpPrev = 0;
    for (const Group& g : r.groups) {
        twiceU += (long long)(g.fp - fpPrev) * (2LL * tpPrev + (g.tp - tpPrev));
        tpPrev = g.tp;
        fpPrev = g.fp;
    }
    return double(twiceU) / (2.0 * double(r.positives) * double(r.negatives));
}

double averagePrecisionOf(const Ranking& r) {
    if (r.hasNaN || r.positives == 0) return kNaN;
    double ap = 0;
    long tpPrev = 0;
    for (const Group& g : r.groups) {
        if (g.tp != tpPrev) ap += double(g.tp - tpPrev) / double(r.positives) * double(g.tp) / double(g.tp + g.fp);
        tpPrev = g.tp;
    }
    return ap;
}

double auprTrapezoidOf(const Ranking& r) {
    if (r.hasNaN || r.positives == 0) return kNaN;
    double area = 0, recallPrev = 0, precisionPrev = 1;  // start at (0, 1) like sklearn's curve
    for (const Group& g : r.groups) {
        const double recall = double(g.tp) / double(r.positives);
        const double precision = double(g.tp) / double(g.tp + g.fp);
        area += (recall - recallPrev) * (precision + precisionPrev) / 2;
        recallPrev = recall;
        precisionPrev = precision;
    }
    return area;
}

double binaryAccuracyOf(const float* scores, const float* labels, std::size_t n, std::size_t stride,
                        double threshold) {
    if (n == 0) return kNaN;
    std::size_t right = 0;
    for (std::size_t i = 0; i < n; ++i)
        right += (double(scores[i * stride]) > threshold) == isPositive(labels[i * stride]);
    return double(right) / double(n);
}

void checkSizes(std::span<const float> scores, std::span<const float> labels) {
    assert(scores.size() == labels.size() && "scores and labels differ in length");
    (void)scores;
    (void)labels;
}

}  // namespace

double auroc(std::span<const float> scores, std::span<const float> labels) {
    checkSizes(scores, labels);
    return aurocOf(rank(scores.data(), labels.data(), scores.size()));
}

double averagePrecision(std::span<const float> scores, std::span<const float> labels) {
    checkSizes(scores, labels);
    return averagePrecisionOf(rank(scores.data(), labels.data(), scores.size()));
}

double auprTrapezoid(std::span<const float> scores, std::span<const float> labels) {
    checkSizes(scores, labels);
    return auprTrapezoidOf(rank(scores.data(), labels.data(), scores.size()));
}

double binaryAccuracy(std::span<const float> scores, std::span<const float> labels, double threshold) {
    checkSizes(scores, labels);
    return binaryAccuracyOf(scores.data(), labels.data(), scores.size(), 1, threshold);
}

std::vector<RocPoint> rocCurve(std::span<const float> scores, std::span<const float> labels) {
    checkSizes(scores, labels);
    const Ranking r = rank(scores.data(), labels.data(), scores.size());
    std::vector<RocPoint> out;
    if (r.hasNaN || r.positives == 0 || r.negatives == 0) return out;
    out.reserve(r.groups.size() + 1);
    out.push_back({0.0, 0.0, kInf});
    for (const Group& g : r.groups)
        out.push_back({double(g.fp) / double(r.negatives), double(g.tp) / double(r.positives), g.threshold});
    return out;
}

std::vector<PrPoint> prCurve(std::span<const float> scores, std::span<const float> labels) {
    checkSizes(scores, labels);
    const Ranking r = rank(scores.data(), labels.data(), scores.size());
    std::vector<PrPoint> out;
    if (r.hasNaN || r.positives == 0) return out;
    out.reserve(r.groups.size() + 1);
    out.push_back({0.0, 1.0, kInf});
    for (const Group& g : r.groups)
        out.push_back({double(g.tp) / double(r.positives), double(g.tp) / double(g.tp + g.fp), g.threshold});
    return out;
}

double meanIgnoringNaN(std::span<const double> values) {
    double sum = 0;
    std::size_t count = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++count;
    }
    return count ? sum / double(count) : kNaN;
}

ClassificationMetrics evaluate(std::span<const float> scores, std::span<const float> labels, std::size_t n,
                               int numClasses, AccuracyMode mode, double threshold) {
    assert(numClasses >= 0);
    const auto C = std::size_t(numClasses);
    assert(scores.size() == n * C && labels.size() == n * C && "matrices must be n x numClasses");

    ClassificationMetrics m;
    m.numClasses = numClasses;
    m.numExamples = n;
    m.positives.assign(C, 0);
    m.auroc.assign(C, kNaN);
    m.averagePrecision.assign(C, kNaN);
    m.auprTrapezoid.assign(C, kNaN);
    m.accuracy.assign(C, kNaN);

    // Each class writes only its own slots, so the parallel run is deterministic.
    auto perClass = [&](std::size_t c, Ranking& r) {
        rank(scores.data() + c, labels.data() + c, n, C, r);
        long positives = 0;
        for (std::size_t i = 0; i < n; ++i) positives += isPositive(labels[i * C + c]);
        m.positives[c] = positives;
        m.auroc[c] = aurocOf(r);
        m.averagePrecision[c] = averagePrecisionOf(r);
        m.auprTrapezoid[c] = auprTrapezoidOf(r);
        if (mode == AccuracyMode::Threshold)
            m.accuracy[c] = binaryAccuracyOf(scores.data() + c, labels.data() + c, n, C, threshold);
    };
    if (n * C >= (std::size_t(1) << 17) && C > 1) {
        parallel::forEach(C, [&](std::size_t c) {
            Ranking r;
            perClass(c, r);
        });
    } else {
        Ranking r;
        for (std::size_t c = 0; c < C; ++c) perClass(c, r);
    }

    if (mode == AccuracyMode::Threshold) {
        m.accuracyOverall = n * C == 0 ? kNaN : meanIgnoringNaN(m.accuracy);  // equal-sized columns
    } else {
        // A row's class is its first positive label; rows without one cannot be scored.
        std::vector<long> right(C, 0), total(C, 0);
        long rowsRight = 0, rowsScored = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const float* s = scores.data() + i * C;
            const float* l = labels.data() + i * C;
            std::size_t truth = C;
            for (std::size_t c = 0; c < C && truth == C; ++c)
                if (isPositive(l[c])) truth = c;
            if (truth == C) continue;
            std::size_t best = 0;
            for (std::size_t c = 1; c < C; ++c)
                if (s[c] > s[best]) best = c;
            ++total[truth];
            ++rowsScored;
            if (best == truth) {
                ++right[truth];
                ++rowsRight;
            }
        }
        for (std::size_t c = 0; c < C; ++c)
            if (total[c] > 0) m.accuracy[c] = double(right[c]) / double(total[c]);
        m.accuracyOverall = rowsScored ? double(rowsRight) / double(rowsScored) : kNaN;
    }

    m.meanAuroc = meanIgnoringNaN(m.auroc);
    m.meanAveragePrecision = meanIgnoringNaN(m.averagePrecision);
    m.meanAuprTrapezoid = meanIgnoringNaN(m.auprTrapezoid);
    m.meanAccuracy = meanIgnoringNaN(m.accuracy);
    m.undefinedAurocClasses = int(std::count_if(m.auroc.begin(), m.auroc.end(), [](double v) { return std::isnan(v); }));
    return m;
}

}  // namespace motifloom::metrics
