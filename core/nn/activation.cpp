#include "nn/activation.h"

#include <algorithm>
#include <cmath>

namespace motifloom::nn {

namespace {
void reluForward(const float* __restrict x, std::size_t n, float* __restrict y) {
    for (std::size_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
// dy is read unconditionally: a conditional read vectorises only with masked loads (AVX), and
// the baseline build (SSE2) would run a branch per element that mispredicts half the time.
void reluBackward(const float* __restrict y, const float* __restrict dy, std::size_t n,
                  float* __restrict dx) {
    for (std::size_t i = 0; i < n; ++i) {
        const float g = dy[i];
        dx[i] = y[i] > 0.0f ? g : 0.0f;
    }
}
}  // namespace

void Activation::forward(const Pass&, Work*, const Chunk& chunk, const float* x, float* y) const {
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    const std::size_t n = std::size_t(chunk.size()) * inputSize();
    const float* xc = x + off;
    float* yc = y + off;
    switch (mSpec.activation) {
    case arch::ActivationType::ReLU:
        reluForward(xc, n, yc);
        break;
    case arch::ActivationType::Exponential:
        for (std::size_t i = 0; i < n; ++i) yc[i] = std::exp(xc[i]);
        break;
    case arch::ActivationType::Sigmoid:
        for (std::size_t i = 0; i < n; ++i) {
            // Stable for large |x|: never exp of a large positive number.
            const float v = xc[i];
            if (v >= 0.0f) {
                yc[i] = 1.0f / (1.0f + std::exp(-v));
            } else {
                const float e = std::exp(v);
                yc[i] = e / (1.0f + e);
            }
        }
        break;
    case arch::ActivationType::Linear:
        std::copy(xc, xc + n, yc);
        break;
    }
}

void Activation::backward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                          const float* y, const float* dy, float* dx) {
    if (dx) inputBackward(pass, work, chunk, x, y, dy, dx);
}

void Activation::inputBackward(const Pass&, const Work*, const Chunk& chunk, const float*,
                               const float* y, const float* dy, float* dx) const {
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    const std::size_t n = std::size_t(chunk.size()) * inputSize();
    const float* yc = y + off;
    const float* gc = dy + off;
    float* dc = dx + off;
    switch (mSpec.activation) {
    case arch::ActivationType::ReLU:
        reluBackward(yc, gc, n, dc);
        break;
    case arch::ActivationType::Exponential:
        for (std::size_t i = 0; i < n; ++i) dc[i] = gc[i] * yc[i];
        break;
    case arch::ActivationType::Sigmoid:
        for (std::size_t i = 0; i < n; ++i) dc[i] = gc[i] * yc[i] * (1.0f - yc[i]);
        break;
    case arch::ActivationType::Linear:
        std::copy(gc, gc + n, dc);
        break;
    }
}

}  // namespace motifloom::nn
