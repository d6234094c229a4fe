#pragma once
// Test support for core/nn: layer-spec shorthands, random inputs, and an independent
// double-precision reference implementation of a network's training-mode loss (naive loops
// written straight from the formulas in the nn headers, sharing no code with the engine except
// the dropout mask generator). Finite differences on the reference give "true" gradients to
// check the engine's backward passes against.

#include "arch/architecture.h"
#include "nn/dropout.h"
#include "nn/isa.h"
#include "nn/network.h"
#include "util/rng.h"

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace nntest {

using namespace motifloom;
using arch::ActivationType;
using arch::LayerSpec;
using arch::LayerType;
using arch::Padding;

// Runs fn(isa) under every instruction set this CPU supports (nn::setIsa; the caller restores
// the ISA it started with), stopping after the first one whose checks failed (a failing
// QVERIFY returns from fn only).
template <class Fn>
void forEachSupportedIsa(Fn&& fn) {
    for (nn::Isa isa : {nn::Isa::Generic, nn::Isa::Avx2, nn::Isa::Avx512}) {
        if (!nn::isaSupported(isa)) continue;
        nn::setIsa(isa);
        fn(isa);
        if (QTest::currentTestFailed()) return;
    }
}

inline LayerSpec conv(int filters, int width, Padding p = Padding::Same, bool bias = false) {
    LayerSpec s;
    s.type = LayerType::Conv1D;
    s.units = filters;
    s.width = width;
    s.padding = p;
    s.bias = bias;
    return s;
}
inline LayerSpec bn(double eps = 1e-3, double momentum = 0.99) {
    LayerSpec s;
    s.type = LayerType::BatchNorm;
    s.epsilon = eps;
    s.momentum = momentum;
    return s;
}
inline LayerSpec act(ActivationType a) {
    LayerSpec s;
    s.type = LayerType::Activation;
    s.activation = a;
    return s;
}
inline LayerSpec relu() { return act(ActivationType::ReLU); }
inline LayerSpec pool(int size, int stride = 0) {
    LayerSpec s;
    s.type = LayerType::MaxPool;
    s.poolSize = size;
    s.poolStride = stride;
    return s;
}
inline LayerSpec dropout(double rate) {
    LayerSpec s;
    s.type = LayerType::Dropout;
    s.dropRate = rate;
    return s;
}
inline LayerSpec flatten() {
    LayerSpec s;
    s.type = LayerType::Flatten;
    return s;
}
inline LayerSpec dense(int units, bool bias = false) {
    LayerSpec s;
    s.type = LayerType::Dense;
    s.units = units;
    s.bias = bias;
    return s;
}

inline arch::Architecture makeArch(int length, int classes, std::vector<LayerSpec> layers,
                                   arch::OutputKind out = arch::OutputKind::Sigmoid) {
    arch::Architecture a;
    a.name = "test";
    a.inputLength = length;
    a.numClasses = classes;
    a.output = out;
    a.layers = std::move(layers);
    a.training.l1 = 0.0;
    a.training.l2 = 0.0;
    return a;
}

// Random codes: mostly A/C/G/T, some IUPAC ambiguity (N, R, ...) and padding (0) when `mixed`.
inline std::vector<std::uint8_t> randomCodes(Rng& rng, std::size_t n, bool mixed) {
    std::vector<std::uint8_t> codes(n);
    for (auto& c : codes) {
        if (mixed && rng.uniform() < 0.25) c = std::uint8_t(rng.below(16));
        else c = std::uint8_t(1u << rng.below(4));
    }
    return codes;
}

// Multi-hot (sigmoid) or one-hot (softmax) targets.
inline std::vector<float> randomTargets(Rng& rng, int rows, int classes, bool oneHot) {
    std::vector<float> t(std::size_t(rows) * classes, 0.0f);
    for (int r = 0; r < rows; ++r) {
        if (oneHot) {
            t[std::size_t(r) * classes + rng.below(std::uint64_t(classes))] = 1.0f;
        } else {
            for (int k = 0; k < classes; ++k) t[std::size_t(r) * classes + k] = rng.uniform() < 0.4 ? 1.0f : 0.0f;
        }
    }
    return t;
}

// ---- double reference -------------------------------------------------------------------

using Params = std::vector<std::vector<double>>;  // in Network::parameters() order

inline Params paramsOf(nn::Network& net) {
    Params p;
    for (const auto& v : net.parameters()) p.emplace_back(v.value.begin(), v.value.end());
    return p;
}

struct Tensor {
    int b = 0, l = 0, c = 0;
    std::vector<double> v;
    double& at(int s, int p, int ch) { return v[(std::size_t(s) * l + p) * c + ch]; }
    double at(int s, int p, int ch) const { return v[(std::size_t(s) * l + p) * c + ch]; }
};

// Training-mode total loss (data + penalties) of the architecture with parameters P.
inline double referenceLoss(const arch::Architecture& a, const Params& P,
                            const std::vector<std::uint8_t>& codes,
                            const std::vector<float>& targets, int batch,
                            std::uint64_t stepSeed, double l1, double l2) {
    Tensor x{batch, a.inputLength, 4, {}};
    x.v.assign(std::size_t(batch) * a.inputLength * 4, 0.0);
    for (int s = 0; s < batch; ++s)
        for (int p = 0; p < a.inputLength; ++p) {
            const unsigned code = codes[std::size_t(s) * a.inputLength + p];
            const int n = std::popcount(code);
            for (int b = 0; b < 4; ++b)
                if ((code >> b) & 1) x.at(s, p, b) = 1.0 / n;
        }
    std::size_t pi = 0;
    double penalty = 0.0;
    auto takePenalised = [&]() -> const std::vector<double>& {
        const auto& w = P[pi++];
        for (double v : w) penalty += l1 * std::abs(v) + l2 * v * v;
        return w;
    };
    for (int li = 0; li < int(a.layers.size()); ++li) {
        const LayerSpec& s = a.layers[std::size_t(li)];
        Tensor y;
        switch (s.type) {
        case LayerType::Conv1D: {
            const auto& W = takePenalised();
            const std::vector<double>* bias = s.bias ? &P[pi++] : nullptr;
            const int w = s.width, F = s.units;
            const int padLeft = s.padding == Padding::Same ? (w - 1) / 2 : 0;
            const int lOut = s.padding == Padding::Same ? x.l : x.l - w + 1;
            y = Tensor{batch, lOut, F, std::vector<double>(std::size_t(batch) * lOut * F, 0.0)};
            for (int b = 0; b < batch; ++b)
                for (int p = 0; p < lOut; ++p)
                    for (int f = 0; f < F; ++f) {
                        double sum = bias ? (*bias)[std::size_t(f)] : 0.0;
                        for (int k = 0; k < w; ++k) {
                            const int q = p + k - padLeft;
                            if (q < 0 || q >= x.l) continue;
                            for (int c = 0; c < x.c; ++c)
                                sum += W[(std::size_t(k) * x.c + c) * F + f] * x.at(b, q, c);
                        }
                        y.at(b, p, f) = sum;
                    }
            break;
        }
        case LayerType::BatchNorm: {
            const auto& gamma = P[pi++];
            const auto& beta = P[pi++];
            y = x;
            const double n = double(batch) * x.l;
            for (int c = 0; c < x.c; ++c) {
                double mean = 0, var = 0;
                for (int b = 0; b < batch; ++b)
                    for (int p = 0; p < x.l; ++p) mean += x.at(b, p, c);
                mean /= n;
                for (int b = 0; b < batch; ++b)
                    for (int p = 0; p < x.l; ++p) var += (x.at(b, p, c) - mean) * (x.at(b, p, c) - mean);
                var /= n;
                for (int b = 0; b < batch; ++b)
                    for (int p = 0; p < x.l; ++p)
                        y.at(b, p, c) = gamma[std::size_t(c)] * (x.at(b, p, c) - mean) / std::sqrt(var + s.epsilon) +
                                        beta[std::size_t(c)];
            }
            break;
        }
        case LayerType::Activation:
            y = x;
            for (double& v : y.v) {
                switch (s.activation) {
                case ActivationType::ReLU: v = v > 0 ? v : 0; break;
                case ActivationType::Exponential: v = std::exp(v); break;
                case ActivationType::Sigmoid: v = 1 / (1 + std::exp(-v)); break;
                case ActivationType::Linear: break;
                }
            }
            break;
        case LayerType::MaxPool: {
            const int size = s.poolSize, stride = s.stride();
            const int lOut = (x.l + stride - 1) / stride;
            const int padLeft = std::max((lOut - 1) * stride + size - x.l, 0) / 2;
            y = Tensor{batch, lOut, x.c, std::vector<double>(std::size_t(batch) * lOut * x.c, 0.0)};
            for (int b = 0; b < batch; ++b)
                for (int p = 0; p < lOut; ++p)
                    for (int c = 0; c < x.c; ++c) {
                        double best = -INFINITY;
                        for (int q = p * stride - padLeft; q < p * stride - padLeft + size; ++q)
                            if (q >= 0 && q < x.l) best = std::max(best, x.at(b, q, c));
                        y.at(b, p, c) = best;
                    }
            break;
        }
        case LayerType::Dropout: {
            y = x;
            const std::size_t n = std::size_t(x.l) * x.c;
            std::vector<std::uint8_t> keep(n);
            for (int b = 0; b < batch; ++b) {
                nn::dropoutKeepMask(stepSeed, li, b, s.dropRate, n, keep.data());
                for (std::size_t i = 0; i < n; ++i)
                    y.v[std::size_t(b) * n + i] = keep[i] ? x.v[std::size_t(b) * n + i] / (1 - s.dropRate) : 0.0;
            }
            break;
        }
        case LayerType::Flatten:
            y = x;
            y.c = x.l * x.c;
            y.l = 1;
            break;
        case LayerType::Dense: {
            const auto& W = takePenalised();
            const std::vector<double>* bias = s.bias ? &P[pi++] : nullptr;
            const int in = x.c, U = s.units;
            y = Tensor{batch, 1, U, std::vector<double>(std::size_t(batch) * U, 0.0)};
            for (int b = 0; b < batch; ++b)
                for (int u = 0; u < U; ++u) {
                    double sum = bias ? (*bias)[std::size_t(u)] : 0.0;
                    for (int i = 0; i < in; ++i) sum += x.v[std::size_t(b) * in + i] * W[std::size_t(i) * U + u];
                    y.v[std::size_t(b) * U + u] = sum;
                }
            break;
        }
        }
        x = std::move(y);
    }
    const int K = a.numClasses;
    double loss = 0.0;
    for (int b = 0; b < batch; ++b) {
        const double* z = x.v.data() + std::size_t(b) * K;
        const float* t = targets.data() + std::size_t(b) * K;
        if (a.output == arch::OutputKind::Sigmoid) {
            for (int k = 0; k < K; ++k)
                loss += (std::max(z[k], 0.0) - z[k] * t[k] + std::log1p(std::exp(-std::abs(z[k])))) / (double(batch) * K);
        } else {
            double zmax = *std::max_element(z, z + K), se = 0;
            for (int k = 0; k < K; ++k) se += std::exp(z[k] - zmax);
            for (int k = 0; k < K; ++k) loss += t[k] * (zmax + std::log(se) - z[k]) / batch;
        }
    }
    return loss + penalty;
}

}  // namespace nntest
