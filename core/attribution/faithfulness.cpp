#include "attribution/faithfulness.h"

#include "attribution/mutagenesis.h"
#include "attribution/saliency.h"
#include "metrics/classification.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace motifloom::attribution {

void FaithfulnessTally::add(std::span<const float> scores, std::span<const Interval> motifs) {
    assert(!scores.empty() && !motifs.empty());
    const int top = int(std::max_element(scores.begin(), scores.end()) - scores.begin());
    bool inside = false;
    for (const Interval& m : motifs) inside |= top >= m.begin - mMargin && top < m.end + mMargin;
    ++mCases;
    mTopInside += inside;
    for (std::size_t p = 0; p < scores.size(); ++p) {
        bool in = false;
        for (const Interval& m : motifs) in |= int(p) >= m.begin && int(p) < m.end;
        mScores.push_back(scores[p]);
        mLabels.push_back(in ? 1.0f : 0.0f);
    }
}

Faithfulness FaithfulnessTally::result() const {
    Faithfulness f;
    f.cases = mCases;
    f.topInside = mTopInside;
    f.topShare = mCases ? double(mTopInside) / double(mCases) : std::numeric_limits<double>::quiet_NaN();
    f.auroc = metrics::auroc(mScores, mLabels);
    return f;
}

PlantedIndex indexTruth(const std::vector<synth::TruthRecord>& truth) {
    PlantedIndex index;
    for (const synth::TruthRecord& r : truth) index[r.sequenceId].push_back(r);
    return index;
}

std::vector<Interval> plantedIntervals(const PlantedIndex& index, const std::string& id, int label) {
    std::vector<Interval> out;
    const auto it = index.find(id);
    if (it == index.end()) return out;
    for (const synth::TruthRecord& r : it->second)
        if (r.label == label) out.push_back({r.start, r.end});
    return out;
}

FaithfulnessReport measureFaithfulness(const nn::Network& net, const seqio::SequenceSet& set,
                                       std::size_t count, const PlantedIndex& truth, int margin) {
    assert(set.length == net.inputLength() && set.numClasses() == net.numClasses());
    FaithfulnessReport report;
    const std::size_t n = std::min(count, set.size());
    report.sequences = n;
    FaithfulnessTally ism(margin), sal(margin);
    // Slices of sequences keep the ISM and saliency tensors small.
    constexpr std::size_t kSlice = 32;
    for (std::size_t first = 0; first < n; first += kSlice) {
        const std::size_t m = std::min(kSlice, n - first);
        const std::uint8_t* codes = set.sequence(first);
        const std::vector<Mutagenesis> maps = mutagenesis(net, codes, m);
        const std::vector<Saliency> grads = saliency(net, codes, m);
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t s = first + i;
            for (int k = 0; k < set.numClasses(); ++k) {
                if (set.label(s)[k] < 0.5f) continue;
                const std::vector<Interval> motifs = plantedIntervals(truth, set.ids[s], k);
                if (motifs.empty()) {
                    ++report.missing;
                    continue;
                }
                ism.add(maps[i].scores(k), motifs);
                std::vector<float> g(grads[i].importanceRow(k).begin(), grads[i].importanceRow(k).end());
                for (float& v : g) v = std::abs(v);
                sal.add(g, motifs);
            }
        }
    }
    report.ism = ism.result();
    report.saliency = sal.result();
    return report;
}

}  // namespace motifloom::attribution
