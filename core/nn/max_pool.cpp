#include "nn/max_pool.h"

#include "nn/simd.h"

#include <algorithm>
#include <cstdint>


namespace motifloom::nn {

namespace {
struct PoolWork : Layer::Work {
    std::vector<std::int32_t> argMax;  // per output element: input position of the maximum
};

// Max over rows [start, stop) of x (rows of C floats) into y, first maximal row into am.
// Vectors of channels keep their running maximum in registers (a loop that stores it back each
// row stalls on store forwarding). The last vector may reach past the row (into the next row or
// the tensor's slack, nn/layer.h); only its valid lanes are stored.
void windowMaxArg(const float* x, int start, int stop, int channels, float* y, std::int32_t* am) {
    using namespace simd;
    for (int c0 = 0; c0 < channels; c0 += kLanes) {
        Vec best = load(x + std::size_t(start) * channels + c0);
        IVec arg = splat(start);
        for (int q = start + 1; q < stop; ++q) {
            const Vec v = load(x + std::size_t(q) * channels + c0);
            const IVec better = v > best;
            best = better ? v : best;
            arg = better ? splat(q) : arg;
        }
        const int n = std::min(kLanes, channels - c0);
        storeFirst(y + c0, best, n);
        storeFirst(am + c0, arg, n);
    }
}

void windowMax(const float* x, int start, int stop, int channels, float* y) {
    using namespace simd;
    for (int c0 = 0; c0 < channels; c0 += kLanes) {
        Vec best = load(x + std::size_t(start) * channels + c0);
        for (int q = start + 1; q < stop; ++q) {
            const Vec v = load(x + std::size_t(q) * channels + c0);
            best = v > best ? v : best;
        }
        storeFirst(y + c0, best, std::min(kLanes, channels - c0));
    }
}
}  // namespace

arch::Shape MaxPool::outputShapeFor(const arch::LayerSpec& spec, arch::Shape in) {
    const int stride = spec.stride();
    if (stride <= 0 || spec.poolSize <= 0) return {0, in.channels};
    return {(in.length + stride - 1) / stride, in.channels};
}

MaxPool::MaxPool(const arch::LayerSpec& spec, arch::Shape in, int index)
    : Layer(spec, in, outputShapeFor(spec, in), index) {
    const int padTotal = std::max((mOut.length - 1) * spec.stride() + spec.poolSize - in.length, 0);
    mPadLeft = padTotal / 2;
}

std::unique_ptr<Layer::Work> MaxPool::makeWork(int maxBatch, int) const {
    auto w = std::make_unique<PoolWork>();
    w->argMax.assign(std::size_t(maxBatch) * outputSize(), 0);
    return w;
}

void MaxPool::forward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                      float* y) const {
    const int channels = mIn.channels, lIn = mIn.length, lOut = mOut.length;
    const int size = mSpec.poolSize, stride = mSpec.stride();
    auto* w = static_cast<PoolWork*>(work);
    const bool keepArgMax = (pass.training || pass.forGradient) && w;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inputSize();
        float* ys = y + std::size_t(s) * outputSize();
        std::int32_t* am = keepArgMax ? w->argMax.data() + std::size_t(s) * outputSize() : nullptr;
        for (int p = 0; p < lOut; ++p) {
            const int start = std::max(p * stride - mPadLeft, 0);
            const int stop = std::min(p * stride - mPadLeft + size, lIn);
            float* yp = ys + std::size_t(p) * channels;
            if (am) windowMaxArg(xs, start, stop, channels, yp, am + std::size_t(p) * channels);
            else windowMax(xs, start, stop, channels, yp);
        }
    }
}

void MaxPool::backward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                       const float* y, const float* dy, float* dx) {
    if (dx) inputBackward(pass, work, chunk, x, y, dy, dx);
}

void MaxPool::inputBackward(const Pass&, const Work* work, const Chunk& chunk, const float*,
                            const float*, const float* dy, float* dx) const {
    const auto& w = static_cast<const PoolWork&>(*work);
    const int channels = mIn.channels, lOut = mOut.length;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        float* dxs = dx + std::size_t(s) * inputSize();
        std::fill(dxs, dxs + inputSize(), 0.0f);
        const float* dys = dy + std::size_t(s) * outputSize();
        const std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
        for (int p = 0; p < lOut; ++p)
            for (int c = 0; c < channels; ++c) {
                const std::size_t i = std::size_t(p) * channels + c;
                dxs[std::size_t(am[i]) * channels + c] += dys[i];
            }
    }
}

}  // namespace motifloom::nn
