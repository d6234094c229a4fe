#include "nn/fused.h"

#include "nn/isa.h"
#include "nn/kernels.h"
#include "nn/simd.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace motifloom::nn {

namespace {
struct FusedWork : Layer::Work {
    std::unique_ptr<Layer::Work> bn;   // BatchNorm::BatchWork
    // Per pooled element: the input position q of the maximum when the output is > 0, else
    // -1 - q (ReLU cut it off: no gradient flows).
    std::vector<std::int32_t> argMax;
    // Dense mode (small pool windows, where most inputs receive gradient anyway): the batch
    // norm's output gradient, batch x input size, for the vectorised batch-norm kernels.
    FloatVector dyBn;
    BatchNorm::BatchWork& stats() { return static_cast<BatchNorm::BatchWork&>(*bn); }
    const BatchNorm::BatchWork& stats() const { return static_cast<const BatchNorm::BatchWork&>(*bn); }
};

// Max over rows [start, stop) of v = (x - mean)*scale + shift, per channel: writes relu(max)
// to y and the first maximal row to am (as -1 - row when the max is <= 0). Per-channel values
// in mean/scale/shift.
template <class V>
MOTIFLOOM_SIMD_INLINE void normalizedWindowMax(const float* x, int start, int stop, int channels,
                                               const float* mean, const float* scale,
                                               const float* shift, float* y, std::int32_t* am) {
    using namespace simd;
    using IV = IVecOf<V>;
    constexpr int L = kLanesOf<V>;
    // The last vector may reach past the row (next row or slack); only valid lanes are stored.
    for (int c0 = 0; c0 < channels; c0 += L) {
        const V m = load<V>(mean + c0), s = load<V>(scale + c0), b = load<V>(shift + c0);
        V best = (load<V>(x + std::size_t(start) * channels + c0) - m) * s + b;
        IV arg = splat<IV>(start);
        // The row index as a vector, counted up: splatting q anew in every step was built lane
        // by lane and cost more than the rest of the loop.
        IV row = arg;
        const IV one = splat<IV>(1);
        for (int q = start + 1; q < stop; ++q) {
            const V v = (load<V>(x + std::size_t(q) * channels + c0) - m) * s + b;
            row = row + one;
            const IV better = v > best;
            best = better ? v : best;
            arg = better ? row : arg;
        }
        const V zero{};
        const IV positive = best > zero;
        best = positive ? best : zero;
        arg = positive ? arg : splat<IV>(-1) - arg;
        const int n = std::min(L, channels - c0);
        storeFirst(y + c0, best, n);
        storeFirst(am + c0, arg, n);
    }
}

// The forward pass of samples [begin, end), for one vector type. AVX-512 CPUs run the AVX2
// copy: with 16 lanes the compare-and-select becomes mask-register traffic, measured slower.
struct BlockShape {
    int channels, lIn, lOut, size, stride, padLeft;
    const float *mean, *scale, *shift;
};
template <class V>
MOTIFLOOM_SIMD_INLINE void forwardSamples(const BlockShape& g, int begin, int end, const float* x,
                                          float* y, std::int32_t* argMax) {
    const std::size_t inSize = std::size_t(g.lIn) * g.channels, outSize = std::size_t(g.lOut) * g.channels;
    for (int s = begin; s < end; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        float* ys = y + std::size_t(s) * outSize;
        std::int32_t* am = argMax + std::size_t(s) * outSize;
        for (int p = 0; p < g.lOut; ++p) {
            const int start = std::max(p * g.stride - g.padLeft, 0);
            const int stop = std::min(p * g.stride - g.padLeft + g.size, g.lIn);
            normalizedWindowMax<V>(xs, start, stop, g.channels, g.mean, g.scale, g.shift,
                                   ys + std::size_t(p) * g.channels, am + std::size_t(p) * g.channels);
        }
    }
}

// Each window's largest and smallest x per channel, with their first rows, for samples [0, n).
template <class V>
MOTIFLOOM_SIMD_INLINE void extremeSamples(const BlockShape& g, int n, const float* x, float* maxOut, float* minOut,
                                          std::int32_t* argMaxOut, std::int32_t* argMinOut) {
    using namespace simd;
    using IV = IVecOf<V>;
    constexpr int L = kLanesOf<V>;
    const std::size_t inSize = std::size_t(g.lIn) * g.channels, outSize = std::size_t(g.lOut) * g.channels;
    const IV one = splat<IV>(1);
    for (int s = 0; s < n; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        for (int p = 0; p < g.lOut; ++p) {
            const int start = std::max(p * g.stride - g.padLeft, 0);
            const int stop = std::min(p * g.stride - g.padLeft + g.size, g.lIn);
            const std::size_t o = std::size_t(s) * outSize + std::size_t(p) * g.channels;
            for (int c0 = 0; c0 < g.channels; c0 += L) {
                V hi = load<V>(xs + std::size_t(start) * g.channels + c0), lo = hi;
                IV row = splat<IV>(start), argHi = row, argLo = row;
                for (int q = start + 1; q < stop; ++q) {
                    const V v = load<V>(xs + std::size_t(q) * g.channels + c0);
                    row = row + one;
                    const IV higher = v > hi, lower = v < lo;
                    hi = higher ? v : hi;
                    argHi = higher ? row : argHi;
                    lo = lower ? v : lo;
                    argLo = lower ? row : argLo;
                }
                const int k = std::min(L, g.channels - c0);
                storeFirst(maxOut + o + c0, hi, k);
                storeFirst(minOut + o + c0, lo, k);
                storeFirst(argMaxOut + o + c0, argHi, k);
                storeFirst(argMinOut + o + c0, argLo, k);
            }
        }
    }
}
using ExtremesKernel = void (*)(const BlockShape&, int, const float*, float*, float*, std::int32_t*, std::int32_t*);
void extremesGeneric(const BlockShape& g, int n, const float* x, float* hi, float* lo, std::int32_t* ah,
                     std::int32_t* al) {
    extremeSamples<simd::Vec4>(g, n, x, hi, lo, ah, al);
}
MOTIFLOOM_TARGET_AVX2 void extremesAvx2(const BlockShape& g, int n, const float* x, float* hi, float* lo,
                                        std::int32_t* ah, std::int32_t* al) {
    extremeSamples<simd::Vec8>(g, n, x, hi, lo, ah, al);
}

// Sums of g and g*xhat over the arg-maxes of samples [begin, end) (sparse backwardStats);
// value(s, i) is the input at pooled output i's arg-max.
template <class Value>
void addSparseGradSums(int begin, int end, int lOut, int channels, const std::int32_t* argMax, const float* dy,
                       const float* mean, const float* inv, double* s1, double* s2, Value value) {
    const std::size_t outSize = std::size_t(lOut) * channels;
    for (int s = begin; s < end; ++s) {
        const float* gs = dy + std::size_t(s) * outSize;
        const std::int32_t* am = argMax + std::size_t(s) * outSize;
        for (int p = 0; p < lOut; ++p)
            for (int c = 0; c < channels; ++c) {
                const std::size_t i = std::size_t(p) * channels + c;
                if (am[i] < 0) continue;  // cut off by the ReLU
                const float xhat = (value(s, i, am[i], c) - mean[c]) * inv[c];
                s1[c] += double(gs[i]);
                s2[c] += double(gs[i]) * double(xhat);
            }
    }
}

// Dense backward of windows that tile the input (size = stride): rows [start, stop) of the batch
// norm's output gradient d get the window's pooled gradient g where the row is the arg-max,
// else 0 (channels values per row; g and am have slack after them). Whole vectors are stored,
// each spilling into the next row before that row is written, except in the sample's last row
// (lastRow), whose next row may belong to another thread's chunk.
template <class V>
MOTIFLOOM_SIMD_INLINE void selectWindowRows(const float* g, const std::int32_t* am, int start, int stop,
                                            int lastRow, int channels, float* d) {
    using namespace simd;
    using IV = IVecOf<V>;
    constexpr int L = kLanesOf<V>;
    for (int q = start; q < stop; ++q) {
        const IV qv = splat<IV>(q);
        float* dq = d + std::size_t(q) * channels;
        for (int c0 = 0; c0 < channels; c0 += L) {
            IV a;
            std::memcpy(&a, am + c0, sizeof a);
            const V v = a == qv ? load<V>(g + c0) : V{};
            if (c0 + L <= channels || q != lastRow) store(dq + c0, v);
            else storeFirst(dq + c0, v, channels - c0);
        }
    }
}
using SelectKernel = void (*)(const float*, const std::int32_t*, int, int, int, int, float*);
void selectGeneric(const float* g, const std::int32_t* am, int start, int stop, int lastRow, int channels, float* d) {
    selectWindowRows<simd::Vec4>(g, am, start, stop, lastRow, channels, d);
}
MOTIFLOOM_TARGET_AVX2 void selectAvx2(const float* g, const std::int32_t* am, int start, int stop, int lastRow,
                                      int channels, float* d) {
    selectWindowRows<simd::Vec8>(g, am, start, stop, lastRow, channels, d);
}

using ForwardKernel = void (*)(const BlockShape&, int, int, const float*, float*, std::int32_t*);
void forwardGeneric(const BlockShape& g, int b, int e, const float* x, float* y, std::int32_t* am) {
    forwardSamples<simd::Vec4>(g, b, e, x, y, am);
}
MOTIFLOOM_TARGET_AVX2 void forwardAvx2(const BlockShape& g, int b, int e, const float* x, float* y,
                                       std::int32_t* am) {
    forwardSamples<simd::Vec8>(g, b, e, x, y, am);
}
// dx = (x - mean)*b + k over rows (patterns as in nn/kernels.h). Left to the auto-vectoriser,
// so AVX2 serves AVX-512 CPUs too (nn/isa.h).
using AffineKernel = void (*)(const float*, std::size_t, int, const float*, const float*, const float*, float*);
MOTIFLOOM_SIMD_INLINE void affineRows(const float* __restrict x, std::size_t rows, int channels,
                                      const float* __restrict meanP, const float* __restrict bP,
                                      const float* __restrict kP, float* __restrict dx) {
    const std::size_t p = std::size_t(kernels::periodFloats(channels));
    const std::size_t total = rows * std::size_t(channels);
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        float* __restrict dp = dx + off;
        for (std::size_t i = 0; i < n; ++i) dp[i] = (xp[i] - meanP[i]) * bP[i] + kP[i];
    }
}
void affineGeneric(const float* x, std::size_t rows, int channels, const float* meanP, const float* bP,
                   const float* kP, float* dx) {
    affineRows(x, rows, channels, meanP, bP, kP, dx);
}
MOTIFLOOM_TARGET_AVX2 void affineAvx2(const float* x, std::size_t rows, int channels, const float* meanP,
                                      const float* bP, const float* kP, float* dx) {
    affineRows(x, rows, channels, meanP, bP, kP, dx);
}
}  // namespace

BnReluPool::BnReluPool(BatchNorm& bn, const Activation& relu, const MaxPool& pool)
    : Layer(bn.spec(), bn.inputShape(), pool.outputShape(), bn.index()), mBn(&bn), mPool(&pool) {
    assert(matches(bn, relu, pool));
    (void)relu;
}

bool BnReluPool::matches(const Layer& a, const Layer& b, const Layer& c) {
    return a.type() == arch::LayerType::BatchNorm && b.type() == arch::LayerType::Activation &&
           b.spec().activation == arch::ActivationType::ReLU && c.type() == arch::LayerType::MaxPool;
}

std::unique_ptr<Layer::Work> BnReluPool::makeWork(int maxBatch, int maxChunks) const {
    auto w = std::make_unique<FusedWork>();
    w->bn = mBn->makeWork(maxBatch, maxChunks);
    w->argMax.assign(std::size_t(maxBatch) * outputSize() + kTensorSlack, 0);  // slack: whole-vector reads
    if (!sparseBackward()) w->dyBn.assign(std::size_t(maxBatch) * inputSize(), 0.0f);
    return w;
}

void BnReluPool::forwardStats(const Pass& pass, Work* work, const Chunk& chunk, const float* x) const {
    mBn->forwardStats(pass, static_cast<FusedWork&>(*work).bn.get(), chunk, x);
}

void BnReluPool::forwardSync(const Pass& pass, Work* work) const {
    mBn->forwardSync(pass, static_cast<FusedWork&>(*work).bn.get());
}

void BnReluPool::forward(const Pass&, Work* work, const Chunk& chunk, const float* x, float* y) const {
    auto& w = static_cast<FusedWork&>(*work);
    const auto& st = w.stats();
    const BlockShape g{mIn.channels,    mIn.length,      mOut.length,        mPool->size(),
                       mPool->stride(), mPool->padLeft(), st.mean32.data(), st.scale.data(),
                       st.shift.data()};
    isaPick<ForwardKernel>(forwardGeneric, forwardAvx2, forwardAvx2)(g, chunk.begin, chunk.end, x, y,
                                                                     w.argMax.data());
}

void BnReluPool::backwardStats(const Pass&, Work* work, const Chunk& chunk, const float* x,
                               const float* dy) const {
    auto& w = static_cast<FusedWork&>(*work);
    auto& st = w.stats();
    const int channels = mIn.channels, lOut = mOut.length;
    double* s1 = st.partGrads.data() + 2 * std::size_t(channels) * chunk.index;
    double* s2 = s1 + channels;
    std::fill(s1, s1 + 2 * channels, 0.0);
    const float* mean = st.mean32.data();
    const float* inv = st.invStd.data();
    if (!w.dyBn.empty()) {
        // Dense: scatter the gradient into the batch norm's output gradient, then the
        // vectorised sums of nn/kernels.h.
        // Windows that tile the input: with 'same' pooling they cover every row, each once.
        const bool tiled = mPool->size() == mPool->stride();
        assert(!tiled || lOut * mPool->stride() - mPool->padLeft() >= mIn.length);
        const SelectKernel select = isaPick<SelectKernel>(selectGeneric, selectAvx2, selectAvx2);
        for (int s = chunk.begin; s < chunk.end; ++s) {
            float* d = w.dyBn.data() + std::size_t(s) * inputSize();
            const float* gs = dy + std::size_t(s) * outputSize();
            const std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
            if (tiled) {
                // Row q of window p gets g where q is the window's arg-max, else 0: a select per
                // value, no scattered stores.
                for (int p = 0; p < lOut; ++p) {
                    const int start = std::max(p * mPool->stride() - mPool->padLeft(), 0);
                    const int stop = std::min(p * mPool->stride() - mPool->padLeft() + mPool->size(), mIn.length);
                    select(gs + std::size_t(p) * channels, am + std::size_t(p) * channels, start, stop,
                           mIn.length - 1, channels, d);
                }
                continue;
            }
            std::fill(d, d + inputSize(), 0.0f);
            for (int p = 0; p < lOut; ++p)
                for (int c = 0; c < channels; ++c) {
                    const std::size_t i = std::size_t(p) * channels + c;
                    if (am[i] >= 0) d[std::size_t(am[i]) * channels + c] += gs[i];
                }
        }
        const std::size_t off = std::size_t(chunk.begin) * inputSize();
        float* acc = chunk.scratch->floatBuffer(2 * std::size_t(kernels::periodFloats(channels)));
        kernels::addChannelGradSums(x + off, w.dyBn.data() + off, std::size_t(chunk.size()) * mIn.length,
                                    channels, st.mean32.data(), st.invStd.data(), s1, s2, acc);
        return;
    }
    const std::size_t inSize = inputSize();
    addSparseGradSums(chunk.begin, chunk.end, lOut, channels, w.argMax.data(), dy, mean, inv, s1, s2,
                      [&](int s, std::size_t, std::int32_t row, int c) {
                          return x[std::size_t(s) * inSize + std::size_t(row) * channels + c];
                      });
}

void BnReluPool::addWindowExtremes(const float* x, int samples, const WindowExtremes& out) const {
    const BlockShape g{mIn.channels, mIn.length, mOut.length, mPool->size(), mPool->stride(), mPool->padLeft(),
                       nullptr, nullptr, nullptr};
    isaPick<ExtremesKernel>(extremesGeneric, extremesAvx2, extremesAvx2)(g, samples, x, out.max, out.min,
                                                                          out.argMax, out.argMin);
}

double* BnReluPool::chunkStats(Work* work, int chunkIndex) const {
    auto& st = static_cast<FusedWork&>(*work).stats();
    return st.partStats.data() + 2 * std::size_t(mIn.channels) * std::size_t(chunkIndex);
}

void BnReluPool::forwardFromExtremes(Work* work, const Chunk& chunk, const WindowExtremes& ext, float* y,
                                     float* atArgMax) const {
    assert(sparseBackward());
    auto& w = static_cast<FusedWork&>(*work);
    const auto& st = w.stats();
    const int channels = mIn.channels;
    const std::size_t outSize = outputSize();
    const float *mean = st.mean32.data(), *scale = st.scale.data(), *shift = st.shift.data();
    for (std::size_t o = std::size_t(chunk.begin) * outSize; o < std::size_t(chunk.end) * outSize;) {
        for (int c = 0; c < channels; ++c, ++o) {
            // The normalisation is monotone in x: its largest value comes from the largest x
            // when the scale is >= 0, from the smallest otherwise.
            const bool rising = scale[c] >= 0.0f;
            const float x = rising ? ext.max[o] : ext.min[o];
            const std::int32_t row = rising ? ext.argMax[o] : ext.argMin[o];
            const float v = (x - mean[c]) * scale[c] + shift[c];
            y[o] = v > 0.0f ? v : 0.0f;
            w.argMax[o] = v > 0.0f ? row : -1 - row;
            atArgMax[o] = x;
        }
    }
}

void BnReluPool::backwardStatsAtArgMax(Work* work, const Chunk& chunk, const float* atArgMax,
                                       const float* dy) const {
    assert(sparseBackward());
    auto& w = static_cast<FusedWork&>(*work);
    auto& st = w.stats();
    const int channels = mIn.channels;
    double* s1 = st.partGrads.data() + 2 * std::size_t(channels) * chunk.index;
    double* s2 = s1 + channels;
    std::fill(s1, s1 + 2 * channels, 0.0);
    const std::size_t outSize = outputSize();
    addSparseGradSums(chunk.begin, chunk.end, mOut.length, channels, w.argMax.data(), dy, st.mean32.data(),
                      st.invStd.data(), s1, s2, [&](int s, std::size_t i, std::int32_t, int) {
                          return atArgMax[std::size_t(s) * outSize + i];
                      });
}

void BnReluPool::backwardSync(const Pass& pass, Work* work) const {
    mBn->backwardSync(pass, static_cast<FusedWork&>(*work).bn.get());
}

void BnReluPool::backward(const Pass&, Work* work, const Chunk& chunk, const float* x,
                          const float*, const float* dy, float* dx) {
    if (!dx) return;
    auto& w = static_cast<FusedWork&>(*work);
    const auto& st = w.stats();
    const int channels = mIn.channels, lOut = mOut.length;
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    if (!w.dyBn.empty()) {
        kernels::batchNormGrad(x + off, w.dyBn.data() + off, std::size_t(chunk.size()) * mIn.length,
                               channels, st.gradA.data(), st.mean32.data(), st.gradB.data(),
                               st.gradK.data(), dx + off);
        return;
    }
    isaPick<AffineKernel>(affineGeneric, affineAvx2, affineAvx2)(
        x + off, std::size_t(chunk.size()) * mIn.length, channels, st.mean32.data(), st.gradB.data(),
        st.gradK.data(), dx + off);
    const float* a = st.gradA.data();
    for (int s = chunk.begin; s < chunk.end; ++s) {
        float* dxs = dx + std::size_t(s) * inputSize();
        const float* gs = dy + std::size_t(s) * outputSize();
        const std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
        for (int p = 0; p < lOut; ++p)
            for (int c = 0; c < channels; ++c) {
                const std::size_t i = std::size_t(p) * channels + c;
                if (am[i] >= 0) dxs[std::size_t(am[i]) * channels + c] += a[c] * gs[i];
            }
    }
}

BnReluPool::GradientTerms BnReluPool::gradientTerms(const Work* work) const {
    assert(sparseBackward());
    const auto& w = static_cast<const FusedWork&>(*work);
    const auto& st = w.stats();
    return {w.argMax.data(), st.gradA.data(), st.gradB.data(), st.gradK.data()};
}

void BnReluPool::finishBackward(const Pass& pass, Work* work) {
    mBn->finishBackward(pass, static_cast<FusedWork&>(*work).bn.get());
}

void BnReluPool::commit(const Pass& pass, Work* work) {
    mBn->commit(pass, static_cast<FusedWork&>(*work).bn.get());
}

}  // namespace motifloom::nn
