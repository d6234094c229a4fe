#include "nn/fused.h"

#include "nn/kernels.h"
#include "nn/simd.h"

#include <algorithm>
#include <cassert>

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
};

// Pool windows this short get a dense batch-norm backward; longer ones a sparse one.
constexpr int kDenseBelowStride = 4;

// Max over rows [start, stop) of v = (x - mean)*scale + shift, per channel: writes relu(max)
// to y and the first maximal row to am (as -1 - row when the max is <= 0). Per-channel values
// in mean/scale/shift.
void normalizedWindowMax(const float* x, int start, int stop, int channels, const float* mean,
                         const float* scale, const float* shift, float* y, std::int32_t* am) {
    using namespace simd;
    // The last vector may reach past the row (next row or slack); only valid lanes are stored.
    for (int c0 = 0; c0 < channels; c0 += kLanes) {
        const Vec m = load(mean + c0), s = load(scale + c0), b = load(shift + c0);
        Vec best = (load(x + std::size_t(start) * channels + c0) - m) * s + b;
        IVec arg = splat(start);
        for (int q = start + 1; q < stop; ++q) {
            const Vec v = (load(x + std::size_t(q) * channels + c0) - m) * s + b;
            const IVec better = v > best;
            best = better ? v : best;
            arg = better ? splat(q) : arg;
        }
        const Vec zero{};
        const IVec positive = best > zero;
        best = positive ? best : zero;
        arg = positive ? arg : splat(-1) - arg;
        const int n = std::min(kLanes, channels - c0);
        storeFirst(y + c0, best, n);
        storeFirst(am + c0, arg, n);
    }
}

// dx = (x - mean)*b + k over rows (patterns as in nn/kernels.h).
void affine(const float* __restrict x, std::size_t rows, int channels, const float* __restrict meanP,
            const float* __restrict bP, const float* __restrict kP, float* __restrict dx) {
    const std::size_t p = std::size_t(kernels::periodFloats(channels));
    const std::size_t total = rows * std::size_t(channels);
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        float* __restrict dp = dx + off;
        for (std::size_t i = 0; i < n; ++i) dp[i] = (xp[i] - meanP[i]) * bP[i] + kP[i];
    }
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
    w->argMax.assign(std::size_t(maxBatch) * outputSize(), 0);
    if (mPool->stride() < kDenseBelowStride) w->dyBn.assign(std::size_t(maxBatch) * inputSize(), 0.0f);
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
    const int channels = mIn.channels, lIn = mIn.length, lOut = mOut.length;
    const int size = mPool->size(), stride = mPool->stride(), padLeft = mPool->padLeft();
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inputSize();
        float* ys = y + std::size_t(s) * outputSize();
        std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
        for (int p = 0; p < lOut; ++p) {
            const int start = std::max(p * stride - padLeft, 0);
            const int stop = std::min(p * stride - padLeft + size, lIn);
            normalizedWindowMax(xs, start, stop, channels, st.mean32.data(), st.scale.data(),
                                st.shift.data(), ys + std::size_t(p) * channels,
                                am + std::size_t(p) * channels);
        }
    }
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
        for (int s = chunk.begin; s < chunk.end; ++s) {
            float* d = w.dyBn.data() + std::size_t(s) * inputSize();
            std::fill(d, d + inputSize(), 0.0f);
            const float* gs = dy + std::size_t(s) * outputSize();
            const std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
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
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inputSize();
        const float* gs = dy + std::size_t(s) * outputSize();
        const std::int32_t* am = w.argMax.data() + std::size_t(s) * outputSize();
        for (int p = 0; p < lOut; ++p)
            for (int c = 0; c < channels; ++c) {
                const std::size_t i = std::size_t(p) * channels + c;
                if (am[i] < 0) continue;  // cut off by the ReLU
                const float xhat = (xs[std::size_t(am[i]) * channels + c] - mean[c]) * inv[c];
                s1[c] += double(gs[i]);
                s2[c] += double(gs[i]) * double(xhat);
            }
    }
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
    affine(x + off, std::size_t(chunk.size()) * mIn.length, channels, st.mean32.data(),
           st.gradB.data(), st.gradK.data(), dx + off);
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

void BnReluPool::finishBackward(const Pass& pass, Work* work) {
    mBn->finishBackward(pass, static_cast<FusedWork&>(*work).bn.get());
}

void BnReluPool::commit(const Pass& pass, Work* work) {
    mBn->commit(pass, static_cast<FusedWork&>(*work).bn.get());
}

}  // namespace motifloom::nn
