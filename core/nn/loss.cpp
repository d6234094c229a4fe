#include "nn/loss.h"

#include "util/parallel.h"

#include <algorithm>
#include <cmath>

namespace motifloom::nn {

double sigmoidCrossEntropy(const float* logits, const float* targets, int rows, int classes,
                           float* grad) {
    const std::size_t n = std::size_t(rows) * std::size_t(classes);
    if (n == 0) return 0.0;
    const double inv = 1.0 / double(n);
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double z = logits[i], y = targets[i];
        const double e = std::exp(-std::abs(z));
        sum += std::max(z, 0.0) - z * y + std::log1p(e);
        if (grad) {
            const double p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            grad[i] = float((p - y) * inv);
        }
    }
    return sum * inv;
}

double softmaxCrossEntropy(const float* logits, const float* targets, int rows, int classes,
                           float* grad) {
    if (rows <= 0 || classes <= 0) return 0.0;
    double sum = 0.0;
    const double inv = 1.0 / double(rows);
    for (int r = 0; r < rows; ++r) {
        const float* z = logits + std::size_t(r) * classes;
        const float* y = targets + std::size_t(r) * classes;
        double zmax = z[0];
        for (int k = 1; k < classes; ++k) zmax = std::max(zmax, double(z[k]));
        double se = 0.0;
        for (int k = 0; k < classes; ++k) se += std::exp(double(z[k]) - zmax);
        const double lse = zmax + std::log(se);
        double ysum = 0.0;
        for (int k = 0; k < classes; ++k) {
            sum += double(y[k]) * (lse - double(z[k]));
            ysum += y[k];
        }
        if (grad) {
            float* g = grad + std::size_t(r) * classes;
            for (int k = 0; k < classes; ++k)
                g[k] = float((std::exp(double(z[k]) - lse) * ysum - double(y[k])) * inv);
        }
    }
    return sum * inv;
}

void sigmoid(const float* logits, std::size_t n, float* probs) {
    for (std::size_t i = 0; i < n; ++i) {
        const double z = logits[i];
        const double e = std::exp(-std::abs(z));
        probs[i] = float(z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }
}

void softmax(const float* logits, int rows, int classes, float* probs) {
    for (int r = 0; r < rows; ++r) {
        const float* z = logits + std::size_t(r) * classes;
        float* p = probs + std::size_t(r) * classes;
        double zmax = z[0];
        for (int k = 1; k < classes; ++k) zmax = std::max(zmax, double(z[k]));
        double se = 0.0;
        for (int k = 0; k < classes; ++k) se += std::exp(double(z[k]) - zmax);
        const double lse = zmax + std::log(se);
        for (int k = 0; k < classes; ++k) p[k] = float(std::exp(double(z[k]) - lse));
    }
}

namespace {
// Adds sum |w| and sum w^2 of n weights to abs/sq (float partial sums over blocks of 16 x 64,
// then double), and their gradient g += g1*sign(w) + g2*w when g is not null.
void penaltyKernel(const float* __restrict w, float* __restrict g, std::size_t n, float g1,
                   float g2, double& abs, double& sq) {
    constexpr std::size_t kLanes = 16, kBlock = kLanes * 64;
    for (std::size_t b = 0; b < n; b += kBlock) {
        const std::size_t e = std::min(n, b + kBlock);
        float a[kLanes] = {}, s[kLanes] = {};
        std::size_t i = b;
        for (; i + kLanes <= e; i += kLanes)
            for (std::size_t j = 0; j < kLanes; ++j) {
                a[j] += std::abs(w[i + j]);
                s[j] += w[i + j] * w[i + j];
            }
        for (; i < e; ++i) {
            a[0] += std::abs(w[i]);
            s[0] += w[i] * w[i];
        }
        for (std::size_t j = 0; j < kLanes; ++j) {
            abs += double(a[j]);
            sq += double(s[j]);
        }
    }
    if (!g) return;
    for (std::size_t i = 0; i < n; ++i) {
        const float sign = float(w[i] > 0.0f) - float(w[i] < 0.0f);  // branch-free: vectorises
        g[i] += g1 * sign + g2 * w[i];
    }
}
}  // namespace

double weightPenalty(const std::vector<ParamView>& params, double l1, double l2,
                     bool addGradient) {
    if (l1 == 0.0 && l2 == 0.0) return 0.0;
    // Fixed pieces of kGrain weights (of each tensor), in parallel; their sums are added in
    // piece order, so the value does not depend on the number of threads.
    constexpr std::size_t kGrain = 16384;
    struct Piece {
        const ParamView* p;
        std::size_t begin, end;
        double abs = 0.0, sq = 0.0;
    };
    std::vector<Piece> pieces;
    for (const ParamView& p : params) {
        if (!p.penalised) continue;
        for (std::size_t b = 0; b < p.value.size(); b += kGrain)
            pieces.push_back({&p, b, std::min(p.value.size(), b + kGrain)});
    }
    parallel::forChunks(0, pieces.size(), 1, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            Piece& piece = pieces[i];
            penaltyKernel(piece.p->value.data() + piece.begin,
                          addGradient ? piece.p->grad.data() + piece.begin : nullptr,
                          piece.end - piece.begin, float(l1), float(2.0 * l2), piece.abs, piece.sq);
        }
    });
    double abs = 0.0, sq = 0.0;
    for (const Piece& piece : pieces) {
        abs += piece.abs;
        sq += piece.sq;
    }
    return l1 * abs + l2 * sq;
}

}  // namespace motifloom::nn
