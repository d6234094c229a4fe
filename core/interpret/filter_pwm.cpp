#include "interpret/filter_pwm.h"

#include "motif/motif_math.h"
#include "util/input_error.h"
#include "util/parallel.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>

namespace motifloom::interpret {
namespace {

// Sequences per work chunk: whole inference batches, as many as fit about 32 MB of the layer's
// activations. Network::activations sets up its buffers (for every layer) once per call, so
// calls of a few sequences would spend their time allocating; at most (threads x chunk)
// activations are alive at a time. Depends on the layer's shape only (determinism).
std::size_t chunkSequences(const FilterLayer& g) {
    const std::size_t batch = std::size_t(nn::Network::kInferenceBatch);
    const std::size_t perSequence = std::size_t(g.length) * std::size_t(g.filters) * sizeof(float);
    const std::size_t batches = std::max<std::size_t>(1, (std::size_t(32) << 20) / std::max<std::size_t>(1, perSequence * batch));
    return batches * batch;
}

// Share of base b in code `code` (seqio/sequence_set.h: a 4-bit mask; 0 = no base).
struct OneHotTable {
    std::array<std::array<double, 4>, 16> share{};
    OneHotTable() {
        for (int code = 1; code < 16; ++code)
            for (int b = 0; b < 4; ++b)
                share[std::size_t(code)][std::size_t(b)] = ((code >> b) & 1) / double(std::popcount(unsigned(code)));
    }
};
const OneHotTable kOneHot;

}  // namespace

std::string filterId(int filterIndex) { return "filter" + std::to_string(filterIndex + 1); }

FilterPwmSet activationPwms(const nn::Network& net, const seqio::SequenceSet& data, int convNumber,
                            const PwmOptions& options) {
    if (!(options.threshold >= 0.0 && options.threshold < 1.0))
        throw InputError("the activation threshold must be at least 0 and below 1, got " +
                         std::to_string(options.threshold));
    if (data.length != net.inputLength())
        throw InputError("the sequences are " + std::to_string(data.length) + " nt long but the network reads " +
                         std::to_string(net.inputLength()) + " nt");
    FilterPwmSet out;
    out.layer = filterLayer(net.architecture(), convNumber);
    out.threshold = options.threshold;
    out.sequences = data.size();
    const FilterLayer& g = out.layer;
    const std::size_t n = data.size();
    const std::size_t len = std::size_t(g.length), nf = std::size_t(g.filters);
    const std::size_t rf = std::size_t(g.receptiveField);
    const int inputLength = data.length;
    const std::size_t kChunk = chunkSequences(g);
    const std::size_t chunks = parallel::chunkCount(0, n, kChunk);

    // Pass 1: each filter's maximum (order-independent, so no care needed when reducing).
    std::vector<float> chunkMax(chunks * nf, 0.0f);
    parallel::forChunks(0, n, kChunk, [&](std::size_t b, std::size_t e) {
        const std::vector<float> a = net.activations(g.activationIndex, data.sequence(b), e - b);
        float* mx = chunkMax.data() + (b / kChunk) * nf;
        std::fill(mx, mx + nf, -INFINITY);
        for (std::size_t i = 0; i < (e - b) * len; ++i)
            for (std::size_t f = 0; f < nf; ++f) mx[f] = std::max(mx[f], a[i * nf + f]);
    });
    std::vector<double> maxAct(nf, 0.0);
    for (std::size_t f = 0; f < nf; ++f) {
        float m = chunks ? -INFINITY : 0.0f;
        for (std::size_t c = 0; c < chunks; ++c) m = std::max(m, chunkMax[c * nf + f]);
        maxAct[f] = double(m);
    }
    std::vector<float> cut(nf);
    for (std::size_t f = 0; f < nf; ++f)
        cut[f] = maxAct[f] > 0 ? float(options.threshold * maxAct[f]) : INFINITY;  // never fires

    // Pass 2: activation-weighted base counts per chunk, [f][base][column] and site counts.
    const std::size_t countSize = nf * 4 * rf;
    std::vector<double> chunkCounts(chunks * countSize, 0.0);
    std::vector<long> chunkSites(chunks * nf, 0);
    parallel::forChunks(0, n, kChunk, [&](std::size_t b, std::size_t e) {
        const std::vector<float> a = net.activations(g.activationIndex, data.sequence(b), e - b);
        double* counts = chunkCounts.data() + (b / kChunk) * countSize;
        long* sites = chunkSites.data() + (b / kChunk) * nf;
        for (std::size_t s = b; s < e; ++s) {
            const std::uint8_t* seq = data.sequence(s);
            const float* as = a.data() + (s - b) * len * nf;
            for (std::size_t p = 0; p < len; ++p) {
                const int start = int(p) + g.windowOffset;
                const int c0 = std::max(0, -start), c1 = std::min(int(rf), inputLength - start);
                for (std::size_t f = 0; f < nf; ++f) {
                    const float act = as[p * nf + f];
                    if (!(act > cut[f])) continue;
                    ++sites[f];
                    double* cf = counts + f * 4 * rf;
                    for (int c = c0; c < c1; ++c) {
                        const auto& share = kOneHot.share[seq[start + c] & 15];
                        for (std::size_t base = 0; base < 4; ++base) cf[base * rf + std::size_t(c)] += act * share[base];
                    }
                }
            }
        }
    });

    out.filters.resize(nf);
    for (std::size_t f = 0; f < nf; ++f) {
        FilterPwm& pwm = out.filters[f];
        pwm.maxActivation = maxAct[f];
        pwm.motif.id = pwm.motif.name = filterId(int(f));
        for (std::size_t c = 0; c < chunks; ++c) pwm.sites += chunkSites[c * nf + f];
        if (pwm.sites == 0) {
            pwm.motif.probs.resize(4, 0);
            continue;
        }
        motif::Matrix4 sum = motif::Matrix4::Zero(4, Eigen::Index(rf));
        for (std::size_t c = 0; c < chunks; ++c) {
            const double* cf = chunkCounts.data() + c * countSize + f * 4 * rf;
            for (std::size_t base = 0; base < 4; ++base)
                for (std::size_t k = 0; k < rf; ++k) sum(Eigen::Index(base), Eigen::Index(k)) += cf[base * rf + k];
        }
        for (Eigen::Index k = 0; k < sum.cols(); ++k) {
            const double total = sum.col(k).sum();
            if (total > 0) sum.col(k) /= total;
            else sum.col(k).setConstant(0.25);
        }
        pwm.motif.probs = std::move(sum);
        pwm.motif.nsites = double(pwm.sites);
    }
    return out;
}

motif::MotifList comparisonMotifs(const FilterPwmSet& set, const ClipOptions& clip) {
    motif::MotifList out;
    out.reserve(set.filters.size());
    for (const FilterPwm& f : set.filters) {
        if (!f.fires() || !clip.enabled) {
            out.push_back(f.motif);
            continue;
        }
        out.push_back(motif::clipByInformation(f.motif, clip.minBits, clip.pad));
    }
    return out;
}

motif::MotifList rawWeightPwms(const nn::Network& net) {
    const FilterLayer g = filterLayer(net.architecture(), 1);
    const std::vector<float> w = net.convFilters(g.convIndex);  // [f][c][k]
    const int width = net.architecture().layers[std::size_t(g.convIndex)].width;
    assert(g.inputChannels == 4 && w.size() == std::size_t(g.filters) * 4 * std::size_t(width));
    motif::MotifList out(std::size_t(g.filters));
    for (int f = 0; f < g.filters; ++f) {
        motif::Motif& m = out[std::size_t(f)];
        m.id = m.name = filterId(f);
        m.probs.resize(4, width);
        for (int k = 0; k < width; ++k) {
            double top = -INFINITY;
            for (int b = 0; b < 4; ++b) top = std::max(top, double(w[(std::size_t(f) * 4 + b) * width + k]));
            double total = 0;
            for (int b = 0; b < 4; ++b) {
                // Subtracting the column maximum keeps exp() finite for any weights.
                const double e = std::exp(double(w[(std::size_t(f) * 4 + b) * width + k]) - top);
                m.probs(b, k) = e;
                total += e;
            }
            m.probs.col(k) /= total;
        }
    }
    return out;
}

std::vector<float> activationTrack(const nn::Network& net, const FilterLayer& layer,
                                   const std::uint8_t* sequence, int filter) {
    assert(filter >= 0 && filter < layer.filters);
    const std::vector<float> a = net.activations(layer.activationIndex, sequence, 1);
    std::vector<float> out(std::size_t(layer.length));
    for (std::size_t p = 0; p < out.size(); ++p) out[p] = a[p * std::size_t(layer.filters) + std::size_t(filter)];
    return out;
}

}  // namespace motifloom::interpret
