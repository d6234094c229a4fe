#include "logo/logo_layout.h"

#include "motif/motif_math.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <numbers>

namespace motifloom::ui {
namespace {

double cleanEntry(double p) { return std::isfinite(p) && p > 0 ? p : 0.0; }

double columnMass(const motif::Motif& m, int col) {
    double sum = 0;
    for (int b = 0; b < 4; ++b) sum += cleanEntry(m.probs(b, col));
    return sum;
}

// Letters of one column stacked from `base` upwards in the order given.
void stackUp(std::vector<LetterBox>& out, int col, double base, const std::array<int, 4>& order,
             const std::array<double, 4>& heights, int count) {
    for (int i = 0; i < count; ++i) {
        const int b = order[std::size_t(i)];
        out.push_back({col, b, base, base + heights[std::size_t(b)]});
        base += heights[std::size_t(b)];
    }
}

// Letter indices sorted by key ascending; ties keep A,C,G,T order.
std::array<int, 4> sortedLetters(const std::array<double, 4>& key) {
    std::array<int, 4> order{0, 1, 2, 3};
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return key[std::size_t(a)] < key[std::size_t(b)]; });
    return order;
}

}  // namespace

double smallSampleCorrection(double nsites) {
    if (!(nsites > 0)) return 0.0;
    constexpr double kLetters = 4;
    return (kLetters - 1) / (2 * std::numbers::ln2 * nsites);
}

bool isEmptyMotif(const motif::Motif& motif) {
    for (int c = 0; c < motif.width(); ++c)
        if (columnMass(motif, c) > 0) return false;
    return true;
}

motif::Motif displayedMotif(const motif::Motif& motif, const LogoStyle& style) {
    motif::Motif out = motif;
    for (int c = 0; c < out.width(); ++c) {
        const double mass = columnMass(motif, c);
        for (int b = 0; b < 4; ++b)
            out.probs(b, c) = mass > 0 ? cleanEntry(motif.probs(b, c)) / mass : 0.0;
    }
    return style.reverseComplement ? motif::reverseComplement(out) : out;
}

std::vector<LetterBox> logoLayout(const motif::Motif& motif, const LogoStyle& style) {
    std::vector<LetterBox> out;
    if (isEmptyMotif(motif)) return out;
    const motif::Motif m = displayedMotif(motif, style);
    out.reserve(std::size_t(4 * m.width()));
    const double correction =
        style.kind == LogoKind::Bits && style.smallSampleCorrection ? smallSampleCorrection(m.nsites) : 0.0;
    motif::Matrix4 pseudo;
    if (style.kind == LogoKind::Weight) pseudo = motif::withPseudocounts(m, style.weightPseudocount, style.background);

    for (int c = 0; c < m.width(); ++c) {
        std::array<double, 4> h{};
        const bool covered = columnMass(m, c) > 0;
        switch (style.kind) {
        case LogoKind::Bits: {
            const double info =
                covered ? std::max(0.0, motif::columnInformation(m, c, style.background) - correction) : 0.0;
            for (int b = 0; b < 4; ++b) h[std::size_t(b)] = m.probs(b, c) * info;
            break;
        }
        case LogoKind::Probability:
            for (int b = 0; b < 4; ++b) h[std::size_t(b)] = m.probs(b, c);
            break;
        case LogoKind::Weight:
            // An uncovered column carries no evidence: draw it empty rather than as the
            // strongly negative log-odds of the pseudocounts alone.
            for (int b = 0; b < 4; ++b)
                h[std::size_t(b)] = covered ? std::log2(pseudo(b, c) / style.background[std::size_t(b)]) : 0.0;
            break;
        }
        const std::array<int, 4> order = sortedLetters(h);
        if (style.kind != LogoKind::Weight) {
            stackUp(out, c, 0.0, order, h, 4);
            continue;
        }
        // Weight: negatives occupy the start of `order` (most negative first). Stack them from
        // their total depth up to 0 so the largest magnitude lands furthest from the axis.
        int negatives = 0;
        double depth = 0;
        while (negatives < 4 && h[std::size_t(order[std::size_t(negatives)])] < 0)
            depth += h[std::size_t(order[std::size_t(negatives++)])];
        double base = depth;
        for (int i = 0; i < negatives; ++i) {
            const int b = order[std::size_t(i)];
            out.push_back({c, b, base, base - h[std::size_t(b)]});
            base -= h[std::size_t(b)];
        }
        std::array<int, 4> positive{};
        for (int i = negatives; i < 4; ++i) positive[std::size_t(i - negatives)] = order[std::size_t(i)];
        stackUp(out, c, 0.0, positive, h, 4 - negatives);
    }
    return out;
}

LogoRange logoYRange(const std::vector<LetterBox>& layout, const LogoStyle& style) {
    if (std::isfinite(style.yMin) && std::isfinite(style.yMax) && style.yMax > style.yMin)
        return {style.yMin, style.yMax};
    switch (style.kind) {
    case LogoKind::Bits: {
        const double smallest = *std::min_element(style.background.begin(), style.background.end());
        assert(smallest > 0);
        return {0.0, std::log2(1.0 / smallest)};
    }
    case LogoKind::Probability: return {0.0, 1.0};
    case LogoKind::Weight: {
        LogoRange r{-1.0, 1.0};
        for (const LetterBox& box : layout) {
            r.min = std::min(r.min, box.bottom);
            r.max = std::max(r.max, box.top);
        }
        // Round out to whole bits, ignoring float noise just above an integer.
        return {std::floor(r.min + 1e-9), std::ceil(r.max - 1e-9)};
    }
    }
    assert(false && "unknown logo kind");
    return {};
}

}  // namespace motifloom::ui
