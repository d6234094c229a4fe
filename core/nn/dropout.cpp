#include "nn/dropout.h"

#include "util/rng.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace motifloom::nn {

namespace {
struct DropoutWork : Layer::Work {
    std::vector<std::uint8_t> keep;  // maxBatch x size
};

// y = keep ? x * scale : 0, as a bit mask so that it vectorises (restrict: keep is a byte
// array, which may alias anything).
void applyMask(const float* __restrict x, const std::uint8_t* __restrict keep, std::size_t n,
               float scale, float* __restrict y) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i] * scale;
        std::uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        bits &= 0u - std::uint32_t(keep[i] != 0);
        std::memcpy(&y[i], &bits, sizeof bits);
    }
}

// Elements whose 32 random bits fall below the threshold are dropped.
std::uint64_t dropThreshold(double rate) {
    const double t = std::round(rate * 4294967296.0);
    return t <= 0 ? 0 : t >= 4294967296.0 ? 4294967296ULL : std::uint64_t(t);
}
}  // namespace

void dropoutKeepMask(std::uint64_t stepSeed, int layerIndex, int sample, double rate,
                     std::size_t count, std::uint8_t* keep) {
    Rng rng = Rng(stepSeed).split(std::uint64_t(layerIndex)).split(std::uint64_t(sample));
    const std::uint64_t threshold = dropThreshold(rate);
    std::size_t i = 0;
    for (; i + 1 < count; i += 2) {
        const std::uint64_t r = rng.next();
        keep[i] = (r & 0xFFFFFFFFULL) >= threshold;
        keep[i + 1] = (r >> 32) >= threshold;
    }
    if (i < count) keep[i] = (rng.next() & 0xFFFFFFFFULL) >= threshold;
}

std::unique_ptr<Layer::Work> Dropout::makeWork(int maxBatch, int) const {
    auto w = std::make_unique<DropoutWork>();
    w->keep.assign(std::size_t(maxBatch) * inputSize(), 1);
    return w;
}

void Dropout::forward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                      float* y) const {
    const std::size_t n = inputSize();
    if (!pass.training || mSpec.dropRate <= 0.0) {
        std::copy(x + chunk.begin * n, x + chunk.end * n, y + chunk.begin * n);
        return;
    }
    auto& w = static_cast<DropoutWork&>(*work);
    const float scale = float(1.0 / (1.0 - mSpec.dropRate));
    for (int s = chunk.begin; s < chunk.end; ++s) {
        std::uint8_t* keep = w.keep.data() + std::size_t(s) * n;
        dropoutKeepMask(pass.stepSeed, mIndex, s, mSpec.dropRate, n, keep);
        applyMask(x + std::size_t(s) * n, keep, n, scale, y + std::size_t(s) * n);
    }
}

void Dropout::backward(const Pass& pass, Work* work, const Chunk& chunk, const float*,
                       const float*, const float* dy, float* dx) {
    if (!dx) return;
    const std::size_t n = inputSize();
    if (!pass.training || mSpec.dropRate <= 0.0) {
        std::copy(dy + chunk.begin * n, dy + chunk.end * n, dx + chunk.begin * n);
        return;
    }
    const auto& w = static_cast<const DropoutWork&>(*work);
    const float scale = float(1.0 / (1.0 - mSpec.dropRate));
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const std::uint8_t* keep = w.keep.data() + std::size_t(s) * n;
        applyMask(dy + std::size_t(s) * n, keep, n, scale, dx + std::size_t(s) * n);
    }
}

void Dropout::inputBackward(const Pass&, const Work*, const Chunk& chunk, const float*,
                            const float*, const float* dy, float* dx) const {
    const std::size_t n = inputSize();  // inference: dropout is the identity
    std::copy(dy + chunk.begin * n, dy + chunk.end * n, dx + chunk.begin * n);
}

}  // namespace motifloom::nn
