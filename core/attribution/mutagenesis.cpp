#include "attribution/mutagenesis.h"

#include "nn/batch_norm.h"
#include "nn/conv1d.h"
#include "nn/max_pool.h"

#include <algorithm>
#include <cassert>
#include <bit>
#include <cmath>
#include <optional>

namespace motifloom::attribution {

float Mutagenesis::score(int position, int cls) const {
    float best = 0.0f;
    for (int b = 0; b < 4; ++b)
        if (isVariant(position, b)) best = std::max(best, std::abs(at(position, b, cls)));
    return best;
}

float Mutagenesis::importance(int position, int cls) const {
    float sum = 0.0f;
    int count = 0;
    for (int b = 0; b < 4; ++b)
        if (isVariant(position, b)) {
            sum += at(position, b, cls);
            ++count;
        }
    return count ? 0.0f - sum / float(count) : 0.0f;  // 0 - 0 is +0: no "-0" in tables
}

std::vector<float> Mutagenesis::scores(int cls) const {
    std::vector<float> out(static_cast<std::size_t>(length));
    for (int p = 0; p < length; ++p) out[std::size_t(p)] = score(p, cls);
    return out;
}

std::vector<float> Mutagenesis::importances(int cls) const {
    std::vector<float> out(static_cast<std::size_t>(length));
    for (int p = 0; p < length; ++p) out[std::size_t(p)] = importance(p, cls);
    return out;
}

std::size_t variantCount(std::span<const std::uint8_t> sequence) {
    std::size_t n = 0;
    for (std::uint8_t code : sequence) n += std::popcount(unsigned(code) & 15u) == 1 ? 3 : 4;
    return n;
}

namespace {

// Fills m's shape, sequence, reference and delta from the logits of the sequence (row 0) and its
// variants (rows 1.., in position-then-base order).
void fill(Mutagenesis& m, const std::uint8_t* seq, std::size_t len, std::size_t k, const float* logits) {
    m.length = int(len);
    m.classes = int(k);
    m.sequence.assign(seq, seq + len);
    m.reference.assign(logits, logits + k);
    m.delta.assign(len * 4 * k, 0.0f);
    std::size_t row = 1;
    for (std::size_t p = 0; p < len; ++p)
        for (int b = 0; b < 4; ++b) {
            if (seq[p] == std::uint8_t(1u << b)) continue;
            const float* z = logits + row * k;
            float* d = m.delta.data() + (p * 4 + std::size_t(b)) * k;
            for (std::size_t c = 0; c < k; ++c) d[c] = z[c] - logits[c];
            ++row;
        }
}

// Groups of whole sequences with at most `rowsPerPass` rows (reference + variants) each
// (a single sequence may exceed it): calls fn(begin, end) for consecutive ranges.
template <class Fn>
void forEachGroup(const std::uint8_t* codes, std::size_t n, std::size_t len, std::size_t rowsPerPass, Fn&& fn) {
    std::size_t i = 0;
    while (i < n) {
        const std::size_t begin = i;
        std::size_t rows = 0;
        while (i < n) {
            const std::size_t r = variantCount({codes + i * len, len}) + 1;
            if (i > begin && rows + r > rowsPerPass) break;
            rows += r;
            ++i;
        }
        fn(begin, i);
    }
}

// The plain path: every variant through the whole network.
void mutagenesisFull(const nn::Network& net, const std::uint8_t* codes, std::size_t n, Mutagenesis* out) {
    const std::size_t len = std::size_t(net.inputLength()), k = std::size_t(net.numClasses());
    std::vector<std::uint8_t> rows;
    forEachGroup(codes, n, len, kVariantsPerPass, [&](std::size_t begin, std::size_t end) {
        rows.clear();
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint8_t* seq = codes + i * len;
            rows.insert(rows.end(), seq, seq + len);
            for (std::size_t p = 0; p < len; ++p)
                for (int b = 0; b < 4; ++b) {
                    const auto code = std::uint8_t(1u << b);
                    if (seq[p] == code) continue;
                    const std::size_t at = rows.size();
                    rows.insert(rows.end(), seq, seq + len);
                    rows[at + p] = code;
                }
        }
        const std::vector<float> logits = net.logits(rows.data(), rows.size() / len);
        std::size_t row = 0;
        for (std::size_t i = begin; i < end; ++i) {
            fill(out[i], codes + i * len, len, k, logits.data() + row * k);
            row += variantCount({codes + i * len, len}) + 1;
        }
    });
}

// The local path for networks that open with a one-hot convolution, position-wise layers
// (batch norm, activation, dropout) and a max-pool, as all of the paper's models do. A
// substitution at p changes the convolution only at the w outputs whose window covers p, by
// T[k][new] - T[k][old] (T: the per-tap weight of a base code, nn/conv1d.h), and the pool only
// where its windows cover those outputs. So each variant's pooled tensor is the sequence's with
// a few rows recomputed, and only the layers after the pool run per variant.
class LocalBlock {
public:
    static std::optional<LocalBlock> of(const nn::Network& net) {
        const auto* conv = dynamic_cast<const nn::Conv1D*>(&net.layer(0));
        if (!conv || !conv->oneHotInput()) return std::nullopt;
        LocalBlock b(net, *conv);
        for (int i = 1; i < net.layerCount(); ++i) {
            const nn::Layer& l = net.layer(i);
            if (const auto* pool = dynamic_cast<const nn::MaxPool*>(&l)) {
                b.mPool = pool;
                b.mPoolIndex = i;
                return b;
            }
            if (l.type() != arch::LayerType::BatchNorm && l.type() != arch::LayerType::Activation &&
                l.type() != arch::LayerType::Dropout)
                return std::nullopt;
            b.mPointwise.push_back(&l);
        }
        return std::nullopt;
    }

    int poolIndex() const { return mPoolIndex; }
    std::size_t pooledSize() const { return mPool->outputSize(); }

    // The pooled tensors of the sequence (first) and of each of its variants, appended to out.
    // conv: the convolution's output for the sequence (lOut x F).
    void variants(const std::uint8_t* seq, const float* conv, std::vector<float>& out) {
        const int f = mF, lOut = mLOut;
        mV.assign(conv, conv + std::size_t(lOut) * f);
        for (int p = 0; p < lOut; ++p) pointwise(mV.data() + std::size_t(p) * f);
        const std::vector<float> vRef = mV;
        const std::size_t pooled = pooledSize();
        const std::size_t refAt = out.size();
        out.resize(refAt + pooled);
        poolRows(0, mPool->outputShape().length, out.data() + refAt);
        const int len = mConv->inputShape().length, pad = mConv->padLeft(), w = mConv->width();
        for (int p = 0; p < len; ++p)
            for (int b = 0; b < 4; ++b) {
                const auto code = std::uint8_t(1u << b);
                if (seq[p] == code) continue;
                // Conv outputs q with q + k - pad = p for a tap k in [0, w).
                const int q0 = std::max(0, p + pad - w + 1), q1 = std::min(lOut - 1, p + pad);
                for (int q = q0; q <= q1; ++q) {
                    const int k = p - q + pad;
                    const float* now = table(k, code);
                    const float* was = table(k, seq[p] & 15u);
                    const float* c = conv + std::size_t(q) * f;
                    float* v = mV.data() + std::size_t(q) * f;
                    for (int i = 0; i < f; ++i) v[i] = c[i] + (now[i] - was[i]);
                    pointwise(v);
                }
                const std::size_t at = out.size();
                out.resize(at + pooled);
                std::copy(out.begin() + std::ptrdiff_t(refAt), out.begin() + std::ptrdiff_t(refAt + pooled),
                          out.begin() + std::ptrdiff_t(at));
                if (q0 <= q1) {
                    // Pool outputs j whose window [j*s - padL, j*s - padL + size) meets [q0, q1].
                    const int s = mPool->stride(), size = mPool->size(), padL = mPool->padLeft();
                    const int lo = q0 + padL - size + 1;  // j*s >= lo
                    const int j0 = lo <= 0 ? 0 : (lo + s - 1) / s;
                    const int j1 = std::min(mPool->outputShape().length - 1, (q1 + padL) / s);
                    poolRows(j0, j1 + 1, out.data() + at);
                    std::copy(vRef.begin() + std::ptrdiff_t(q0) * f, vRef.begin() + std::ptrdiff_t(q1 + 1) * f,
                              mV.begin() + std::ptrdiff_t(q0) * f);
                }
            }
    }

private:
    LocalBlock(const nn::Network&, const nn::Conv1D& conv)
        : mConv(&conv), mF(conv.filters()), mLOut(conv.outputShape().length) {
        // T[k][code][f] = sum over the code's bases of W[k][b][f] / popcount(code), 0 for code 0.
        const int w = conv.width();
        mTable.assign(std::size_t(w) * 16 * std::size_t(mF), 0.0f);
        for (int k = 0; k < w; ++k)
            for (unsigned code = 1; code < 16; ++code) {
                const float share = 1.0f / float(std::popcount(code));
                float* t = mTable.data() + (std::size_t(k) * 16 + code) * std::size_t(mF);
                for (int b = 0; b < 4; ++b)
                    if ((code >> b) & 1u)
                        for (int i = 0; i < mF; ++i) t[i] += share * conv.weights()[(std::size_t(k) * 4 + std::size_t(b)) * std::size_t(mF) + std::size_t(i)];
            }
    }

    const float* table(int k, unsigned code) const {
        return mTable.data() + (std::size_t(k) * 16 + code) * std::size_t(mF);
    }

    // The position-wise layers on one position's F values, in inference mode (nn/batch_norm.h,
    // nn/activation.h; dropout is the identity).
    void pointwise(float* v) const {
        for (const nn::Layer* l : mPointwise) {
            if (const auto* bn = dynamic_cast<const nn::BatchNorm*>(l)) {
                for (int i = 0; i < mF; ++i) {
                    const std::size_t c = std::size_t(i);
                    const float scale = float(double(bn->gamma()[c]) / std::sqrt(double(bn->runningVariance()[c]) + bn->spec().epsilon));
                    v[i] = (v[i] - bn->runningMean()[c]) * scale + bn->beta()[c];
                }
            } else if (l->type() == arch::LayerType::Activation) {
                for (int i = 0; i < mF; ++i) {
                    float& x = v[i];
                    switch (l->spec().activation) {
                    case arch::ActivationType::ReLU: x = x > 0.0f ? x : 0.0f; break;
                    case arch::ActivationType::Exponential: x = std::exp(x); break;
                    case arch::ActivationType::Sigmoid: x = 1.0f / (1.0f + std::exp(-x)); break;
                    case arch::ActivationType::Linear: break;
                    }
                }
            }
        }
    }

    // Pool outputs [j0, j1) of the current position-wise values into out (pooled tensor).
    void poolRows(int j0, int j1, float* out) const {
        const int s = mPool->stride(), size = mPool->size(), padL = mPool->padLeft(), f = mF;
        for (int j = j0; j < j1; ++j) {
            const int start = std::max(j * s - padL, 0), stop = std::min(j * s - padL + size, mLOut);
            float* y = out + std::size_t(j) * f;
            std::copy(mV.begin() + std::ptrdiff_t(start) * f, mV.begin() + std::ptrdiff_t(start + 1) * f, y);
            for (int q = start + 1; q < stop; ++q) {
                const float* x = mV.data() + std::size_t(q) * f;
                for (int i = 0; i < f; ++i) y[i] = std::max(y[i], x[i]);
            }
        }
    }

    const nn::Conv1D* mConv;
    std::vector<const nn::Layer*> mPointwise;
    const nn::MaxPool* mPool = nullptr;
    int mPoolIndex = -1;
    int mF, mLOut;
    std::vector<float> mTable;  // width x 16 codes x F
    std::vector<float> mV;      // position-wise values of the current variant, lOut x F
};

void mutagenesisLocal(const nn::Network& net, LocalBlock block, const std::uint8_t* codes, std::size_t n,
                      Mutagenesis* out) {
    const std::size_t len = std::size_t(net.inputLength()), k = std::size_t(net.numClasses());
    const std::size_t convSize = net.layer(0).outputSize();
    // Rows per pass: bounded by count and by the floats of their pooled tensors.
    const std::size_t rowsPerPass =
        std::clamp<std::size_t>((std::size_t(8) << 20) / std::max<std::size_t>(block.pooledSize(), 1), 1, kVariantsPerPass);
    std::vector<float> pooled;
    forEachGroup(codes, n, len, rowsPerPass, [&](std::size_t begin, std::size_t end) {
        const std::vector<float> conv = net.activations(0, codes + begin * len, end - begin);
        pooled.clear();
        for (std::size_t i = begin; i < end; ++i)
            block.variants(codes + i * len, conv.data() + (i - begin) * convSize, pooled);
        const std::vector<float> logits = net.logitsFrom(block.poolIndex() + 1, pooled.data(), pooled.size() / block.pooledSize());
        std::size_t row = 0;
        for (std::size_t i = begin; i < end; ++i) {
            fill(out[i], codes + i * len, len, k, logits.data() + row * k);
            row += variantCount({codes + i * len, len}) + 1;
        }
    });
}

}  // namespace

std::vector<Mutagenesis> mutagenesis(const nn::Network& net, const std::uint8_t* codes, std::size_t n) {
    std::vector<Mutagenesis> out(n);
    if (auto block = LocalBlock::of(net)) mutagenesisLocal(net, std::move(*block), codes, n, out.data());
    else mutagenesisFull(net, codes, n, out.data());
    return out;
}

std::vector<Mutagenesis> mutagenesisWholeNetwork(const nn::Network& net, const std::uint8_t* codes, std::size_t n) {
    std::vector<Mutagenesis> out(n);
    mutagenesisFull(net, codes, n, out.data());
    return out;
}

Mutagenesis mutagenesis(const nn::Network& net, std::span<const std::uint8_t> sequence) {
    assert(sequence.size() == std::size_t(net.inputLength()));
    return std::move(mutagenesis(net, sequence.data(), 1).front());
}

}  // namespace motifloom::attribution
