// Null distributions: column histograms, convolutions, range sums and the maximum over
// alignments, each checked against brute-force enumeration or hand values.
#include "compare/null_distribution.h"

#include "util/rng.h"

#include <QtTest>

#include <cmath>

using namespace motifloom;
using compare::Distribution;

namespace {

Distribution randomPmf(Rng& rng, int size, int zeros) {
    Distribution d(static_cast<std::size_t>(size));
    double total = 0;
    for (auto& v : d) total += (v = rng.uniform() + 0.01);
    for (int k = 0; k < zeros; ++k) {
        const auto at = rng.below(std::uint64_t(size));
        total -= d[at];
        d[at] = 0;
    }
    for (auto& v : d) v /= total;
    return d;
}

// Distribution of the maximum of independent shifted variables, by enumerating all outcomes.
Distribution bruteForceMaximum(const std::vector<Distribution>& pmfs, const std::vector<int>& shifts,
                               int size) {
    Distribution out(std::size_t(size), 0.0);
    std::vector<std::size_t> index(pmfs.size(), 0);
    while (true) {
        double p = 1;
        int best = 0;
        for (std::size_t a = 0; a < pmfs.size(); ++a) {
            p *= pmfs[a][index[a]];
            best = std::max(best, int(index[a]) + shifts[a]);
        }
        out[std::size_t(best)] += p;
        std::size_t a = 0;
        while (a < pmfs.size() && ++index[a] == pmfs[a].size()) index[a++] = 0;
        if (a == pmfs.size()) break;
    }
    return out;
}

}  // namespace

class TestNullDistribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void columnHistograms() {
        compare::ScaledScores s;
        s.rows = 2;
        s.cols = 4;
        s.values = {0, 2, 2, 3, /**/ 1, 1, 1, 1};
        const auto h = compare::columnDistributions(s);
        QCOMPARE(h.size(), std::size_t(2));
        QCOMPARE(h[0], (Distribution{0.25, 0, 0.5, 0.25}));
        QCOMPARE(h[1], (Distribution{0, 1.0}));
    }

    void convolveByHand() {
        // {0: .5, 1: .5} * {0: .25, 2: .75} = {0: .125, 1: .125, 2: .375, 3: .375}
        const Distribution got = compare::convolve({0.5, 0.5}, {0.25, 0, 0.75});
        QCOMPARE(got, (Distribution{0.125, 0.125, 0.375, 0.375}));
    }

    void tailsAreUpperSums() {
        const Distribution pmf{0.5, 0.25, 0.125, 0.125};
        const auto tail = compare::upperTail(pmf);
        QCOMPARE(tail, (compare::Tail{1.0, 0.5, 0.25, 0.125}));
        QCOMPARE(compare::tailAt(tail, -3), 1.0);
        QCOMPARE(compare::tailAt(tail, 2), 0.25);
        QCOMPARE(compare::tailAt(tail, 4), 0.0);
        // Accumulating from the top keeps tiny tails exact instead of 1 - (1 - 1e-300).
        const auto tiny = compare::upperTail({1.0 - 1e-30, 0.0, 1e-30});
        QCOMPARE(compare::tailAt(tiny, 2), 1e-30);
    }

    void rangeDistributionsMatchDirectConvolution() {
        Rng rng(11);
        std::vector<Distribution> columns;
        for (int i = 0; i < 7; ++i) columns.push_back(randomPmf(rng, 3 + i % 3, 1));
        const compare::RangeDistributions ranges(columns, {2, 4});
        for (int first = 0; first < 7; ++first)
            for (int last = first; last < 7; ++last) {
                const bool prefix = first == 0, suffix = last == 6;
                const int len = last - first + 1;
                const bool expected = prefix || suffix || len == 2 || len == 4;
                QCOMPARE(ranges.has(first, last), expected);
                if (!expected) continue;
                Distribution direct = columns[std::size_t(first)];
                for (int i = first + 1; i <= last; ++i) direct = compare::convolve(direct, columns[std::size_t(i)]);
                const Distribution& got = ranges.get(first, last);
                QCOMPARE(got.size(), direct.size());
                for (std::size_t x = 0; x < got.size(); ++x) QVERIFY(std::abs(got[x] - direct[x]) < 1e-15);
            }
    }

    void foldMaximumMatchesEnumeration() {
        Rng rng(5);
        const std::vector<Distribution> pmfs{randomPmf(rng, 4, 1), randomPmf(rng, 3, 0), randomPmf(rng, 5, 2)};
        const std::vector<int> shifts{2, 0, 1};
        const int size = 8;
        Distribution folded(size, 0.0);
        folded[0] = 1.0;  // M = delta_0, as Tomtom starts
        for (std::size_t a = 0; a < pmfs.size(); ++a) compare::foldMaximum(folded, pmfs[a], shifts[a]);
        const Distribution brute = bruteForceMaximum(pmfs, shifts, size);
        for (int x = 0; x < size; ++x) QVERIFY(std::abs(folded[std::size_t(x)] - brute[std::size_t(x)]) < 1e-15);
    }

    void closedFormMaximumTailMatchesFold() {
        Rng rng(9);
        std::vector<Distribution> pmfs;
        std::vector<compare::Tail> tails;
        std::vector<int> shifts;
        for (int a = 0; a < 6; ++a) {
            pmfs.push_back(randomPmf(rng, 30 + 7 * a, 5));
            shifts.push_back(3 * (5 - a));
        }
        for (const auto& p : pmfs) tails.push_back(compare::upperTail(p));
        std::vector<compare::ShiftedTail> terms;
        for (std::size_t a = 0; a < pmfs.size(); ++a) terms.push_back({&tails[a], shifts[a]});
        // Each term twice, like the two strands of a target.
        Distribution folded(200, 0.0);
        folded[0] = 1.0;
        for (int copy = 0; copy < 2; ++copy)
            for (std::size_t a = 0; a < pmfs.size(); ++a) compare::foldMaximum(folded, pmfs[a], shifts[a]);
        const auto foldTail = compare::upperTail(folded);
        double previous = 2.0;
        for (long x = 0; x < 200; ++x) {
            const double closed = compare::maximumTailAt(terms, 2, x);
            const double fold = compare::tailAt(foldTail, x);
            QVERIFY2(std::abs(closed - fold) <= 1e-12 * std::max(fold, 1e-300) + 1e-15,
                     qPrintable(QStringLiteral("x=%1 closed=%2 fold=%3").arg(x).arg(closed).arg(fold)));
            QVERIFY(closed <= previous);  // p-values never increase with the score
            previous = closed;
        }
        QCOMPARE(compare::maximumTailAt(terms, 2, 0), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestNullDistribution)
#include "test_null_distribution.moc"
