#include "compare/tomtom.h"

#include "compare/alignment.h"
#include "compare/null_distribution.h"
#include "compare/qvalues.h"
#include "compare/score_scaling.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <algorithm>
#include <set>
#include <cmath>

namespace motifloom::compare {
namespace {

constexpr int kMaxQueryWidth = 100;
// Storey's bootstrap is the only random step; a fixed seed per query makes every run, thread
// count and single-query call give the same q-values.
constexpr std::uint64_t kPi0Seed = 20070226;  // Tomtom's publication date
// Entries up to this many use Benjamini-Hochberg under Pi0Mode::Auto, as MEME does.
constexpr std::size_t kMaxEntriesForBh = 100;

double sitesOrDefault(double nsites) { return nsites > 0 ? nsites : 20.0; }

// Consensus as MEME's Tomtom prints it: the most probable letter of each (pseudocounted)
// column. Exact ties go to the later letter of A,C,G,T, which reproduces Tomtom 5.1.1 on 144 of
// 145 reference rows (docs/tomtom-crosscheck.md) and a C = G tie of Tomtom 5.5.8; MEME printed
// the earlier letter for two other ties (A = T, C = T), by a rule we could not identify
// (docs/tomtom.md, "E-values, q-values, output").
std::string memeConsensus(const motif::Matrix4& probs) {
    std::string out(std::size_t(probs.cols()), 'A');
    for (int c = 0; c < probs.cols(); ++c) {
        int best = 0;
        for (int b = 1; b < 4; ++b)
            if (probs(b, c) >= probs(best, c)) best = b;
        out[std::size_t(c)] = "ACGT"[best];
    }
    return out;
}

struct EntryResult {
    double pValue = 1;
    int offset = 0;
    int overlap = 0;
};

// Sum of scaled scores of the aligned columns of one alignment with the target entry whose
// columns start at `base`.
int alignedSum(const ScaledScores& s, int base, const Alignment& a) {
    int sum = 0;
    for (int k = 0; k < a.overlap; ++k) sum += s(a.queryStart + k, base + a.targetStart + k);
    return sum;
}

}  // namespace

double incompleteScoreCorrection(double p, int tries) {
    if (p * tries < 0.001) return p * tries;
    return -std::expm1(double(tries) * std::log1p(-p));  // 1 - (1 - p)^n without cancellation
}

TomtomSearch::TomtomSearch(motif::MotifList targets, TomtomOptions options)
    : mTargets(std::move(targets)), mOptions(options) {
    if (mTargets.empty()) throw InputError("no target motifs to compare with");
    if (!(mOptions.pseudocount >= 0)) throw InputError("the pseudocount must not be negative");
    const int strands = mOptions.reverseComplement ? 2 : 1;
    std::vector<int> kept;  // targets compared: the first of each ID
    std::set<std::string> seenIds;
    long total = 0;
    for (int j = 0; j < int(mTargets.size()); ++j) {
        const motif::Motif& t = mTargets[std::size_t(j)];
        if (t.width() == 0) throw InputError("target motif " + t.id + " has no columns");
        if (!t.id.empty() && !seenIds.insert(t.id).second) {
            mSkipped.push_back(j);
            continue;
        }
        kept.push_back(j);
        total += long(t.width()) * strands;
    }
    mDistinctTargets = int(kept.size());
    mColumns.resize(4, total);
    mColumnSites.resize(std::size_t(total));
    int column = 0;
    auto addEntry = [&](int target, bool reverse, const motif::Motif& m) {
        Entry e;
        e.target = target;
        e.reverse = reverse;
        e.firstColumn = column;
        e.width = m.width();
        e.consensus = memeConsensus(m.probs);
        mColumns.middleCols(column, e.width) = m.probs;
        std::fill_n(mColumnSites.begin() + column, e.width, sitesOrDefault(m.nsites));
        column += e.width;
        mEntries.push_back(std::move(e));
    };
    for (int j : kept) {
        const motif::Motif& t = mTargets[std::size_t(j)];
        motif::Motif forward = t;
        forward.probs = motif::withPseudocounts(t, mOptions.pseudocount, mOptions.background);
        addEntry(j, false, forward);
        if (mOptions.reverseComplement) addEntry(j, true, motif::reverseComplement(forward));
        mWidths.push_back(t.width());
    }
    std::sort(mWidths.begin(), mWidths.end());
    mWidths.erase(std::unique(mWidths.begin(), mWidths.end()), mWidths.end());
}

std::vector<TomtomHit> TomtomSearch::allMatches(const motif::Motif& query, int queryIndex) const {
    const int lq = query.width();
    if (lq < 1 || lq > kMaxQueryWidth)
        throw InputError("query motif " + query.id + " has width " + std::to_string(lq) +
                         "; Tomtom compares query widths 1 to " + std::to_string(kMaxQueryWidth));
    const TomtomOptions& o = mOptions;
    const int strands = o.reverseComplement ? 2 : 1;

    motif::Motif smoothed = query;
    smoothed.probs = motif::withPseudocounts(query, o.pseudocount, o.background);
    ScoreMatrix raw = columnScores(o.distance, smoothed.probs, sitesOrDefault(query.nsites), mColumns,
                                   mColumnSites, o.background);
    if (o.completeScoring) subtractRowMedians(raw);
    const ScaledScores scaled = scaleScores(raw);
    const int zero = scaled.zeroScore();

    std::vector<int> internalLengths;
    for (int w : mWidths)
        if (w < lq) internalLengths.push_back(w);
    const RangeDistributions ranges(columnDistributions(scaled), internalLengths);
    // Tails of range sums, computed on first use.
    std::vector<Tail> rangeTails(std::size_t(lq) * std::size_t(lq));
    auto rangeTail = [&](const Alignment& a) -> const Tail& {
        Tail& t = rangeTails[std::size_t(a.queryStart) * std::size_t(lq) +
                             std::size_t(a.queryStart + a.overlap - 1)];
        if (t.empty()) t = upperTail(ranges.get(a.queryStart, a.queryStart + a.overlap - 1));
        return t;
    };
    // Complete scoring: per distinct target width, every alignment's null sum shifted by the
    // charge for its unaligned query columns; the best of them all (both strands, min-overlap
    // ignored) is the null for that width.
    std::vector<std::vector<ShiftedTail>> maxTerms;
    if (o.completeScoring) {
        for (int lt : mWidths) {
            std::vector<ShiftedTail>& terms = maxTerms.emplace_back();
            for (int c = 1; c <= lq + lt - 1; ++c) {
                const Alignment a = alignmentAt(c, lq, lt);
                terms.push_back({&rangeTail(a), zero * (lq - a.overlap)});
            }
        }
    }

    std::vector<EntryResult> results(mEntries.size());
    for (std::size_t e = 0; e < mEntries.size(); ++e) {
        const Entry& entry = mEntries[e];
        const auto [first, last] = allowedConfigs(lq, entry.width, o.minOverlap, o.internalOnly);
        EntryResult& r = results[e];
        if (o.completeScoring) {
            int bestScore = -1, bestOverlap = -1, bestConfig = first;
            for (int c = first; c <= last; ++c) {
                const Alignment a = alignmentAt(c, lq, entry.width);
                const int score = alignedSum(scaled, entry.firstColumn, a) + zero * (lq - a.overlap);
                if (score > bestScore || (score == bestScore && a.overlap > bestOverlap)) {
                    bestScore = score;
                    bestOverlap = a.overlap;
                    bestConfig = c;
                }
            }
            const auto w = std::lower_bound(mWidths.begin(), mWidths.end(), entry.width) - mWidths.begin();
            r.pValue = maximumTailAt(maxTerms[std::size_t(w)], strands, bestScore);
            r.offset = bestConfig - lq;
            r.overlap = bestOverlap;
        } else {
            double bestP = 2.0;
            for (int c = first; c <= last; ++c) {
                const Alignment a = alignmentAt(c, lq, entry.width);
                const double p = tailAt(rangeTail(a), alignedSum(scaled, entry.firstColumn, a));
                if (p < bestP || (p == bestP && a.overlap > r.overlap)) {
                    bestP = p;
                    r.offset = a.offset();
                    r.overlap = a.overlap;
                }
            }
            r.pValue = incompleteScoreCorrection(bestP, (last - first + 1) * strands);
        }
    }

    std::vector<double> pValues(results.size());
    for (std::size_t e = 0; e < results.size(); ++e) pValues[e] = results[e].pValue;
    double pi0 = 1.0;
    const bool storey = o.pi0 == Pi0Mode::Storey ||
                        (o.pi0 == Pi0Mode::Auto && pValues.size() > kMaxEntriesForBh);
    if (storey) {
        Rng rng(kPi0Seed);
        pi0 = estimatePi0Storey(pValues, rng);
    }
    const std::vector<double> q = qValues(pValues, pi0);

    const std::string queryConsensus = memeConsensus(smoothed.probs);
    std::vector<TomtomHit> hits;
    hits.reserve(std::size_t(mDistinctTargets));
    for (std::size_t e = 0; e < mEntries.size(); e += std::size_t(strands)) {
        std::size_t chosen = e;
        if (strands == 2 && results[e + 1].pValue < results[e].pValue) chosen = e + 1;
        const Entry& entry = mEntries[chosen];
        const EntryResult& r = results[chosen];
        TomtomHit h;
        h.queryIndex = queryIndex;
        h.targetIndex = entry.target;
        h.queryId = query.id;
        h.targetId = mTargets[std::size_t(entry.target)].id;
        h.offset = r.offset;
        h.pValue = r.pValue;
        h.eValue = r.pValue * double(mDistinctTargets);
        h.qValue = q[chosen];
        h.overlap = r.overlap;
        h.queryConsensus = queryConsensus;
        h.targetConsensus = entry.consensus;
        h.orientation = entry.reverse ? '-' : '+';
        hits.push_back(std::move(h));
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const TomtomHit& a, const TomtomHit& b) { return a.pValue < b.pValue; });
    return hits;
}

std::vector<TomtomHit> TomtomSearch::reportedMatches(const motif::Motif& query, int queryIndex) const {
    std::vector<TomtomHit> hits = allMatches(query, queryIndex);
    // Rows are sorted by p, and both E and q grow with p: cut at the first row above.
    auto above = std::find_if(hits.begin(), hits.end(), [&](const TomtomHit& h) {
        return (mOptions.thresholdIsEvalue ? h.eValue : h.qValue) > mOptions.threshold;
    });
    hits.erase(above, hits.end());
    return hits;
}

std::vector<TomtomHit> TomtomSearch::search(const motif::MotifList& queries) const {
    // Validate up front so the error a user sees does not depend on thread scheduling.
    for (const auto& query : queries)
        if (query.width() < 1 || query.width() > kMaxQueryWidth)
            throw InputError("query motif " + query.id + " has width " +
                             std::to_string(query.width()) + "; Tomtom compares query widths 1 to " +
                             std::to_string(kMaxQueryWidth));
    std::vector<std::vector<TomtomHit>> perQuery(queries.size());
    parallel::forEach(queries.size(), [&](std::size_t i) {
        perQuery[i] = reportedMatches(queries[i], int(i));
    });
    std::vector<TomtomHit> all;
    for (auto& hits : perQuery) all.insert(all.end(), hits.begin(), hits.end());
    return all;
}

std::vector<TomtomHit> tomtom(const motif::MotifList& queries, const motif::MotifList& targets,
                              const TomtomOptions& options) {
    return TomtomSearch(targets, options).search(queries);
}

}  // namespace motifloom::compare
