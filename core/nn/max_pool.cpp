#include "nn/max_pool.h"

#include "nn/isa.h"
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
template <class V>
MOTIFLOOM_SIMD_INLINE void windowMaxArg(const float* x, int start, int stop, int channels, float* y,
                                        std::int32_t* am) {
    using namespace simd;
    using IV = IVecOf<V>;
    constexpr int L = kLanesOf<V>;
    for (int c0 = 0; c0 < channels; c0 += L) {
        V best = load<V>(x + std::size_t(start) * channels + c0);
        IV arg = splat<IV>(start);
        for (int q = start + 1; q < stop; ++q) {
            const V v = load<V>(x + std::size_t(q) * channels + c0);
            const IV better = v > best;
            best = better ? v : best;
            arg = better ? splat<IV>(q) : arg;
        }
        const int n = std::min(L, channels - c0);
        storeFirst(y + c0, best, n);
        storeFirst(am + c0, arg, n);
    }
}

template <class V>
MOTIFLOOM_SIMD_INLINE void windowMax(const float* x, int start, int stop, int channels, float* y) {
    using namespace simd;
    constexpr int L = kLanesOf<V>;
    for (int c0 = 0; c0 < channels; c0 += L) {
        V best = load<V>(x + std::size_t(start) * channels + c0);
        for (int q = start + 1; q < stop; ++q) {
            const V v = load<V>(x + std::size_t(q) * channels + c0);
            best = v > best ? v : best;
        }
        storeFirst(y + c0, best, std::min(L, channels - c0));
    }
}

// The pooling of samples [begin, end) (am null: no arg-max kept), for one vector type. AVX-512
// CPUs run the AVX2 copy (as nn/fused.cpp).
struct PoolShape {
    int channels, lIn, lOut, size, stride, padLeft;
};
template <class V>
MOTIFLOOM_SIMD_INLINE void poolSamples(const PoolShape& g, int begin, int end, const float* x, float* y,
                                       std::int32_t* am) {
    const std::size_t inSize = std::size_t(g.lIn) * g.channels, outSize = std::size_t(g.lOut) * g.channels;
    for (int s = begin; s < end; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        float* ys = y + std::size_t(s) * outSize;
        std::int32_t* as = am ? am + std::size_t(s) * outSize : nullptr;
        for (int p = 0; p < g.lOut; ++p) {
            const int start = std::max(p * g.stride - g.padLeft, 0);
            const int stop = std::min(p * g.stride - g.padLeft + g.size, g.lIn);
            float* yp = ys + std::size_t(p) * g.channels;
            if (as) windowMaxArg<V>(xs, start, stop, g.channels, yp, as + std::size_t(p) * g.channels);
            else windowMax<V>(xs, start, stop, g.channels, yp);
        }
    }
}

using PoolKernel = void (*)(const PoolShape&, int, int, const float*, float*, std::int32_t*);
void poolGeneric(const PoolShape& g, int b, int e, const float* x, float* y, std::int32_t* am) {
    poolSamples<simd::Vec4>(g, b, e, x, y, am);
}
MOTIFLOOM_TARGET_AVX2 void poolAvx2(const PoolShape& g, int b, int e, const float* x, float* y,
                                    std::int32_t* am) {
    poolSamples<simd::Vec8>(g, b, e, x, y, am);
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
    auto* w = static_cast<PoolWork*>(work);
    std::int32_t* am = (pass.training || pass.forGradient) && w ? w->argMax.data() : nullptr;
    const PoolShape g{mIn.channels, mIn.length, mOut.length, mSpec.poolSize, mSpec.stride(), mPadLeft};
    isaPick<PoolKernel>(poolGeneric, poolAvx2, poolAvx2)(g, chunk.begin, chunk.end, x, y, am);
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
