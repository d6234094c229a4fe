#include "nn/batch_norm.h"

#include "nn/kernels.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::nn {

namespace {
using BnWork = BatchNorm::BatchWork;

// Per-channel values into a pattern (values are rounded to float first).
void setPattern(FloatVector& pattern, const std::vector<double>& values) {
    const int c = int(values.size());
    const int rows = kernels::periodRows(c);
    for (int r = 0; r < rows; ++r)
        for (int i = 0; i < c; ++i) pattern[std::size_t(r) * c + i] = float(values[std::size_t(i)]);
}
}  // namespace

BatchNorm::BatchNorm(const arch::LayerSpec& spec, arch::Shape in, int index)
    : Layer(spec, in, in, index) {
    const std::size_t c = std::size_t(in.channels);
    mGamma.assign(c, 1.0f);
    mBeta.assign(c, 0.0f);
    mRunMean.assign(c, 0.0f);
    mRunVar.assign(c, 1.0f);
    mGradGamma.assign(c, 0.0f);
    mGradBeta.assign(c, 0.0f);
}

std::unique_ptr<Layer::Work> BatchNorm::makeWork(int, int maxChunks) const {
    auto w = std::make_unique<BnWork>();
    const std::size_t c = std::size_t(mIn.channels);
    const std::size_t p = std::size_t(kernels::periodFloats(mIn.channels));
    w->partStats.assign(2 * c * std::size_t(maxChunks), 0.0);
    w->partGrads.assign(2 * c * std::size_t(maxChunks), 0.0);
    for (auto* v : {&w->mean, &w->var, &w->sumDy, &w->sumDyXhat}) v->assign(c, 0.0);
    // Patterns get slack: kernels may load a whole vector starting at any channel.
    for (FloatVector* v : {&w->scale, &w->shift, &w->mean32, &w->invStd, &w->gradA, &w->gradB, &w->gradK})
        v->assign(p + kTensorSlack, 0.0f);
    return w;
}

void BatchNorm::beginForward(const Pass& pass, Work* work) const {
    if (pass.training) return;  // forwardSync sets scale/shift from the batch
    auto& w = static_cast<BnWork&>(*work);
    const std::size_t c = std::size_t(mIn.channels);
    std::vector<double> mean(c), scale(c), shift(c);
    for (std::size_t i = 0; i < c; ++i) {
        mean[i] = mRunMean[i];
        scale[i] = mGamma[i] / std::sqrt(double(mRunVar[i]) + mSpec.epsilon);
        shift[i] = mBeta[i];
    }
    setPattern(w.mean32, mean);
    setPattern(w.scale, scale);
    setPattern(w.shift, shift);
}

void BatchNorm::rowStats(const float* x, std::size_t rows, int channels, double* mean, double* m2,
                         Scratch& scratch) {
    const std::size_t p = std::size_t(kernels::periodFloats(channels));
    float* acc = scratch.floatBuffer(2 * p + std::size_t(channels));
    float* meanPattern = acc + p;
    float* mean32 = meanPattern + p;
    std::fill(mean, mean + channels, 0.0);
    std::fill(m2, m2 + channels, 0.0);
    kernels::addChannelSums(x, rows, channels, mean, acc);
    for (int c = 0; c < channels; ++c) {
        mean[c] /= double(rows);
        mean32[c] = float(mean[c]);
    }
    // Second pass around the float-rounded mean m': sum (x-m)^2 = sum (x-m')^2 - n (m-m')^2.
    kernels::makePattern(mean32, channels, meanPattern);
    kernels::addChannelSquares(x, rows, channels, meanPattern, m2, acc);
    for (int c = 0; c < channels; ++c) {
        const double d = mean[c] - double(mean32[c]);
        m2[c] = std::max(0.0, m2[c] - double(rows) * d * d);
    }
}

void BatchNorm::mergeStats(double n, double* mean, double* m2, double nk, const double* meanK,
                           const double* m2K, int channels) {
    const double total = n + nk;
    for (int c = 0; c < channels; ++c) {
        if (n == 0) {
            mean[c] = meanK[c];
            m2[c] = m2K[c];
            continue;
        }
        const double delta = meanK[c] - mean[c];
        mean[c] += delta * nk / total;
        m2[c] += m2K[c] + delta * delta * n * nk / total;
    }
}

void BatchNorm::forwardStats(const Pass&, Work* work, const Chunk& chunk, const float* x) const {
    auto& w = static_cast<BnWork&>(*work);
    const int channels = mIn.channels;
    double* mean = w.partStats.data() + 2 * std::size_t(channels) * chunk.index;
    rowStats(x + std::size_t(chunk.begin) * inputSize(), std::size_t(chunk.size()) * mIn.length, channels, mean,
             mean + channels, *chunk.scratch);
}

void BatchNorm::forwardSync(const Pass& pass, Work* work) const {
    auto& w = static_cast<BnWork&>(*work);
    const int channels = mIn.channels;
    // Pairwise merge of the chunks' (count, mean, m2), chunk 0 first (Chan et al. 1979).
    std::vector<double>& mean = w.mean;
    std::vector<double>& m2 = w.var;
    double n = 0;
    for (int k = 0; k < pass.plan.count; ++k) {
        const double nk = double(pass.plan.end(k) - pass.plan.begin(k)) * mIn.length;
        const double* mk = w.partStats.data() + 2 * std::size_t(channels) * k;
        mergeStats(n, mean.data(), m2.data(), nk, mk, mk + channels, channels);
        n += nk;
    }
    w.n = n;
    const std::size_t cs = std::size_t(channels);
    std::vector<double> inv(cs), scale(cs), shift(cs);
    for (std::size_t c = 0; c < cs; ++c) {
        m2[c] /= n;  // w.var now holds the (biased) batch variance
        inv[c] = 1.0 / std::sqrt(m2[c] + mSpec.epsilon);
        scale[c] = mGamma[c] * inv[c];
        shift[c] = mBeta[c];
    }
    setPattern(w.invStd, inv);
    setPattern(w.mean32, mean);
    setPattern(w.scale, scale);
    setPattern(w.shift, shift);
}

void BatchNorm::forward(const Pass&, Work* work, const Chunk& chunk, const float* x,
                        float* y) const {
    const auto& w = static_cast<const BnWork&>(*work);
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    kernels::normalize(x + off, std::size_t(chunk.size()) * mIn.length, mIn.channels,
                       w.mean32.data(), w.scale.data(), w.shift.data(), y + off);
}

void BatchNorm::backwardStats(const Pass&, Work* work, const Chunk& chunk, const float* x,
                              const float* dy) const {
    auto& w = static_cast<BnWork&>(*work);
    const int channels = mIn.channels;
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    double* s1 = w.partGrads.data() + 2 * std::size_t(channels) * chunk.index;
    double* s2 = s1 + channels;
    std::fill(s1, s1 + 2 * channels, 0.0);
    float* acc = chunk.scratch->floatBuffer(2 * std::size_t(kernels::periodFloats(channels)));
    kernels::addChannelGradSums(x + off, dy + off, std::size_t(chunk.size()) * mIn.length, channels,
                                w.mean32.data(), w.invStd.data(), s1, s2, acc);
}

void BatchNorm::backwardSync(const Pass& pass, Work* work) const {
    auto& w = static_cast<BnWork&>(*work);
    const std::size_t channels = std::size_t(mIn.channels);
    std::fill(w.sumDy.begin(), w.sumDy.end(), 0.0);
    std::fill(w.sumDyXhat.begin(), w.sumDyXhat.end(), 0.0);
    for (int k = 0; k < pass.plan.count; ++k) {
        const double* s1 = w.partGrads.data() + 2 * channels * std::size_t(k);
        const double* s2 = s1 + channels;
        for (std::size_t c = 0; c < channels; ++c) {
            w.sumDy[c] += s1[c];
            w.sumDyXhat[c] += s2[c];
        }
    }
    // dx = a*dy - a*sumDy/n - a*invStd*sumDyXhat/n * (x - mean),  a = gamma*invStd
    std::vector<double> a(channels), b(channels), k(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        const double inv = 1.0 / std::sqrt(w.var[c] + mSpec.epsilon);
        a[c] = double(mGamma[c]) * inv;
        b[c] = -a[c] * inv * w.sumDyXhat[c] / w.n;
        k[c] = -a[c] * w.sumDy[c] / w.n;
    }
    setPattern(w.gradA, a);
    setPattern(w.gradB, b);
    setPattern(w.gradK, k);
}

void BatchNorm::backward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                         const float*, const float* dy, float* dx) {
    assert(pass.training);
    (void)pass;
    if (!dx) return;
    const auto& w = static_cast<const BnWork&>(*work);
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    kernels::batchNormGrad(x + off, dy + off, std::size_t(chunk.size()) * mIn.length, mIn.channels,
                           w.gradA.data(), w.mean32.data(), w.gradB.data(), w.gradK.data(), dx + off);
}

void BatchNorm::inputBackward(const Pass& pass, const Work* work, const Chunk& chunk, const float*,
                              const float*, const float* dy, float* dx) const {
    // Inference: y = (x - runningMean) * scale + beta, so dx = dy * scale (set by beginForward).
    assert(!pass.training);
    (void)pass;
    const auto& w = static_cast<const BnWork&>(*work);
    const int channels = mIn.channels;
    const std::size_t off = std::size_t(chunk.begin) * inputSize();
    const std::size_t rows = std::size_t(chunk.size()) * mIn.length;
    const float* scale = w.scale.data();
    for (std::size_t r = 0; r < rows; ++r) {
        const float* g = dy + off + r * channels;
        float* d = dx + off + r * channels;
        for (int c = 0; c < channels; ++c) d[c] = g[c] * scale[c];
    }
}

void BatchNorm::finishBackward(const Pass&, Work* work) {
    const auto& w = static_cast<const BnWork&>(*work);
    for (int c = 0; c < mIn.channels; ++c) {
        mGradGamma[c] = float(w.sumDyXhat[c]);
        mGradBeta[c] = float(w.sumDy[c]);
    }
}

void BatchNorm::commit(const Pass& pass, Work* work) {
    if (!pass.training) return;
    const auto& w = static_cast<const BnWork&>(*work);
    const double m = mSpec.momentum;
    const double unbias = w.n > 1 ? w.n / (w.n - 1) : 1.0;
    for (int c = 0; c < mIn.channels; ++c) {
        mRunMean[c] = float(m * mRunMean[c] + (1 - m) * w.mean[c]);
        mRunVar[c] = float(m * mRunVar[c] + (1 - m) * w.var[c] * unbias);
    }
}

std::vector<ParamView> BatchNorm::parameters() {
    return {{describe() + " gamma", mGamma, mGradGamma, false},
            {describe() + " beta", mBeta, mGradBeta, false}};
}

std::vector<std::span<float>> BatchNorm::stateTensors() { return {mGamma, mBeta, mRunMean, mRunVar}; }

}  // namespace motifloom::nn
