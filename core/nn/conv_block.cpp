#include "nn/conv_block.h"

#include "nn/batch_norm.h"
#include "nn/isa.h"
#include "nn/simd.h"

#include <algorithm>
#include <cassert>

namespace motifloom::nn {

namespace {
struct BlockWork : Layer::Work {
    std::unique_ptr<Layer::Work> conv, block;
    // The convolution's output is made a piece of samples at a time and never stored whole:
    FloatVector zPieces;           // per chunk: one piece's output (+ slack)
    std::size_t pieceStride = 0;
    std::vector<double> pieceStats;  // per chunk: mean, M2 of the current piece (2 F)
    FloatVector extMax, extMin;    // per pool window and filter: the output's extremes ...
    std::vector<std::int32_t> extArgMax, extArgMin;  // ... and their rows
    FloatVector atArgMax;          // the output at the block's arg-max (backwardStats)
    std::vector<double> partSums;  // per chunk: sum of the output windows (w*C)
    FloatVector partGram;          // per chunk: X^T X over the chunk's output windows (K x K)
    FloatVector partWT;            // per chunk: X^T (a*S), transposed (F x K)
    FloatVector partBias;          // per chunk: sum of a*S per filter (convolutions with a bias)
    // Per batch, from backwardSync (K = w*C):
    std::vector<double> xbar;      // the mean output window, K
    FloatVector wt;                // W^T, F x K
    FloatVector m;                 // M = W diag(b) W^T, K x K
    // M summed along its tap diagonals: lagM[(l + w-1)*C + c'][c] = sum_t M[(t+l)*C + c'][t*C + c],
    // the 2w-1 taps of the input-gradient convolution.
    FloatVector lagM;
    FloatVector constRows;         // L x C: col2im of the row W k - M xbar over the output windows
    std::vector<PackedB> lagBefore, lagFrom;  // lagM's two halves for mLagBefore and mLagFrom
};

BlockWork& blockWork(Layer::Work* w) { return static_cast<BlockWork&>(*w); }

// One arg-max of the sparse part: dw += v * window and, when dx is not null, dx += v * wRow
// (n values each). Left to the auto-vectoriser, compiled once per instruction set (nn/isa.h).
using ScatterKernel = void (*)(std::size_t, float, const float*, float*, const float*, float*);
MOTIFLOOM_SIMD_INLINE void scatterWindow(std::size_t n, float v, const float* __restrict window,
                                         float* __restrict dw, const float* __restrict wRow,
                                         float* __restrict dx) {
    for (std::size_t j = 0; j < n; ++j) dw[j] += v * window[j];
    if (dx)
        for (std::size_t j = 0; j < n; ++j) dx[j] += v * wRow[j];
}
void scatterGeneric(std::size_t n, float v, const float* window, float* dw, const float* wRow, float* dx) {
    scatterWindow(n, v, window, dw, wRow, dx);
}
MOTIFLOOM_TARGET_AVX2 void scatterAvx2(std::size_t n, float v, const float* window, float* dw, const float* wRow,
                                       float* dx) {
    scatterWindow(n, v, window, dw, wRow, dx);
}
}  // namespace

ConvBnReluPool::ConvBnReluPool(Conv1D& conv, BatchNorm& bn, const Activation& relu, const MaxPool& pool)
    : Layer(conv.spec(), conv.inputShape(), pool.outputShape(), conv.index()),
      mConv(&conv),
      mBlock(bn, relu, pool),
      mLength(conv.inputShape().length),
      mChannels(conv.inputShape().channels),
      mWidth(conv.width()),
      mPad(conv.padLeft()),
      mPositions(conv.outputShape().length),
      mFilters(conv.filters()),
      mWindow(conv.width() * conv.inputShape().channels) {
    assert(matches(conv, bn, relu, pool));
    for (int p = mPad - mWidth + 1; p < mLength + mPad; ++p)
        if (p < 0 || p >= mPositions) mEdgeWindows.push_back(p);
    if (WinogradConv::pays(mWidth - 1, mLength) && WinogradConv::pays(mWidth, mLength)) {
        mLagBefore.emplace(mWidth - 1, mChannels, mChannels, mLength, mLength, mWidth - 1);
        mLagFrom.emplace(mWidth, mChannels, mChannels, mLength, mLength, 0);
    }
}

bool ConvBnReluPool::matches(const Layer& a, const Layer& b, const Layer& c, const Layer& d) {
    return a.type() == arch::LayerType::Conv1D && !static_cast<const Conv1D&>(a).oneHotInput() &&
           BnReluPool::matches(b, c, d) &&
           static_cast<const MaxPool&>(d).stride() >= BnReluPool::kSparseFromStride;
}

bool ConvBnReluPool::pays(const Conv1D& conv, const MaxPool& pool) {
    const double length = conv.inputShape().length, channels = conv.inputShape().channels;
    const double width = conv.width(), positions = conv.outputShape().length;
    const double window = width * channels, filters = conv.filters();
    const double edges = length + width - 1 - positions;
    const double plain = 2 * positions * window * filters;
    const double structured = length * window * channels + length * (2 * width - 1) * channels * channels +
                              2 * edges * window * window + 2 * pool.outputShape().length * filters * window;
    // The structured pass runs smaller products and scattered updates: demand a clear margin.
    return structured < 0.6 * plain;
}

std::unique_ptr<Layer::Work> ConvBnReluPool::makeWork(int maxBatch, int maxChunks) const {
    auto w = std::make_unique<BlockWork>();
    const std::size_t k = std::size_t(mWindow), f = std::size_t(mFilters), c = std::size_t(mChannels);
    const std::size_t chunks = std::size_t(maxChunks);
    w->conv = mConv->makeWork(maxBatch, maxChunks);
    w->block = mBlock.makeWork(maxBatch, maxChunks);
    w->pieceStride = std::size_t(piece()) * mConv->outputSize() + kTensorSlack;
    w->zPieces.assign(chunks * w->pieceStride, 0.0f);
    w->pieceStats.assign(chunks * 2 * f, 0.0);
    const std::size_t pooled = std::size_t(maxBatch) * outputSize();
    w->extMax.assign(pooled, 0.0f);
    w->extMin.assign(pooled, 0.0f);
    w->extArgMax.assign(pooled, 0);
    w->extArgMin.assign(pooled, 0);
    w->atArgMax.assign(pooled, 0.0f);
    w->partSums.assign(chunks * k, 0.0);
    w->partGram.assign(chunks * k * k, 0.0f);
    w->partWT.assign(chunks * f * k, 0.0f);
    w->partBias.assign(chunks * f, 0.0f);
    w->xbar.assign(k, 0.0);
    w->wt.assign(f * k, 0.0f);
    w->m.assign(k * k, 0.0f);
    w->lagM.assign(std::size_t(2 * mWidth - 1) * c * c, 0.0f);
    w->constRows.assign(std::size_t(mLength) * c, 0.0f);
    return w;
}

void ConvBnReluPool::copyWindow(const float* xs, int p, float* out) const {
    const int q0 = p - mPad, c = mChannels;
    const int lo = std::max(0, -q0), hi = std::min(mWidth, mLength - q0);
    std::fill(out, out + mWindow, 0.0f);
    if (hi > lo) std::copy(xs + std::ptrdiff_t(q0 + lo) * c, xs + std::ptrdiff_t(q0 + hi) * c, out + std::ptrdiff_t(lo) * c);
}

int ConvBnReluPool::copiedLines(int offset, int span) const {
    int n = 0;
    for (int q = 0; q < mLength; ++q) n += q + offset < 0 || q + offset + span > mLength;
    return n;
}

void ConvBnReluPool::sampleLines(const float* xs, int offset, int span, const float** lines, float*& copy) const {
    const int c = mChannels;
    for (int q = 0; q < mLength; ++q) {
        const int q0 = q + offset;
        if (q0 >= 0 && q0 + span <= mLength) {
            lines[q] = xs + std::ptrdiff_t(q0) * c;
            continue;
        }
        const int lo = std::max(0, q0), hi = std::min(mLength, q0 + span);
        std::fill(copy, copy + std::ptrdiff_t(span) * c, 0.0f);
        if (hi > lo) std::copy(xs + std::ptrdiff_t(lo) * c, xs + std::ptrdiff_t(hi) * c, copy + std::ptrdiff_t(lo - q0) * c);
        lines[q] = copy;
        copy += std::ptrdiff_t(span) * c;
    }
}

void ConvBnReluPool::sampleEdgeWindows(const float* xs, float*& out) const {
    for (int p : mEdgeWindows) {
        copyWindow(xs, p, out);
        out += mWindow;
    }
}

// ---- forward: the convolution, the block's statistics, and the chunk's Gram matrix ----------

void ConvBnReluPool::beginForward(const Pass&, Work* work) const {
    mConv->beginForwardOnly(blockWork(work).conv.get());
}

int ConvBnReluPool::piece() const {
    // About 512 output rows (256 KB for 128 filters): the piece stays in the L2 cache between
    // the convolution writing it and the statistics and window extremes reading it.
    return std::max(1, 512 / mPositions);
}

BnReluPool::WindowExtremes ConvBnReluPool::extremes(Work* work) const {
    auto& w = blockWork(work);
    return {w.extMax.data(), w.extMin.data(), w.extArgMax.data(), w.extArgMin.data()};
}

void ConvBnReluPool::forwardStats(const Pass&, Work* work, const Chunk& chunk, const float* x) const {
    auto& w = blockWork(work);
    const int f = mFilters;
    const std::size_t inSize = inputSize(), pooled = outputSize();
    float* z = w.zPieces.data() + std::size_t(chunk.index) * w.pieceStride;
    double* mean = mBlock.chunkStats(w.block.get(), chunk.index);  // merged into, piece by piece
    double* m2 = mean + f;
    double* pieceMean = w.pieceStats.data() + std::size_t(chunk.index) * 2 * f;
    double* pieceM2 = pieceMean + f;
    const BnReluPool::WindowExtremes ext = extremes(work);
    double n = 0;
    const int piece = this->piece();
    for (int s0 = chunk.begin; s0 < chunk.end; s0 += piece) {
        const int count = std::min(piece, chunk.end - s0);
        const double rows = double(count) * mPositions;
        mConv->forwardSamples(w.conv.get(), *chunk.scratch, x + std::size_t(s0) * inSize, count, z);
        BatchNorm::rowStats(z, std::size_t(count) * mPositions, f, pieceMean, pieceM2, *chunk.scratch);
        BatchNorm::mergeStats(n, mean, m2, rows, pieceMean, pieceM2, f);
        n += rows;
        const std::size_t at = std::size_t(s0) * pooled;
        mBlock.addWindowExtremes(z, count, {ext.max + at, ext.min + at, ext.argMax + at, ext.argMin + at});
    }
    addGram(chunk, x, work);
}

void ConvBnReluPool::addGram(const Chunk& chunk, const float* x, Work* work) const {
    auto& w = blockWork(work);
    const int length = mLength, c = mChannels, k = mWindow, samples = chunk.size();
    const int edges = int(mEdgeWindows.size());
    const std::size_t inSize = inputSize();
    // Lag rows: row q of a sample holds input rows q .. q+w-1 (zero beyond the sequence), so
    // that lagRows^T x = the correlations R_l[c1][c2] = sum_q x[q][c1] x[q+l][c2], l < w.
    const int copied = copiedLines(0, mWidth);
    Scratch& sc = *chunk.scratch;
    const float** lines = sc.lineBuffer(std::size_t(samples) * length);
    const std::size_t copySize = std::size_t(samples) * copied * k, rtSize = std::size_t(k) * c;
    const std::size_t edgeSize = std::size_t(samples) * edges * k;
    float* copies = sc.floatBuffer(copySize + rtSize + edgeSize + std::size_t(k) * k + std::size_t(c));
    float* rt = copies + copySize;
    float* edgeRows = rt + rtSize;
    float* edgeGram = edgeRows + edgeSize;
    float* total = edgeGram + std::size_t(k) * k;  // one sample's column sums
    double* sums = w.partSums.data() + std::size_t(chunk.index) * k;
    std::fill(sums, sums + k, 0.0);
    float* copy = copies;
    float* edgeRow = edgeRows;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        sampleLines(xs, 0, mWidth, lines + std::size_t(s - chunk.begin) * length, copy);
        sampleEdgeWindows(xs, edgeRow);
        // Window sums: tap t of the output windows reads input rows [t - pad, P + t - pad),
        // i.e. the whole sequence but a few rows at its ends.
        std::fill(total, total + c, 0.0f);
        for (int q = 0; q < length; ++q)
            for (int i = 0; i < c; ++i) total[i] += xs[std::ptrdiff_t(q) * c + i];
        for (int t = 0; t < mWidth; ++t) {
            const int q0 = std::max(0, t - mPad), q1 = std::min(length, mPositions + t - mPad);
            double* st = sums + std::ptrdiff_t(t) * c;
            for (int i = 0; i < c; ++i) {
                double v = total[i];
                for (int q = 0; q < std::min(q0, length); ++q) v -= xs[std::ptrdiff_t(q) * c + i];
                for (int q = std::max(q1, 0); q < length; ++q) v -= xs[std::ptrdiff_t(q) * c + i];
                st[i] += q1 > q0 ? v : 0.0;
            }
        }
    }
    // rt[l*C + c2][c1] = R_l[c1][c2]
    sc.gemm.multiplyLines(k, c, samples * length, lines, true, x + std::size_t(chunk.begin) * inSize, c,
                          false, rt, c, false);
    sc.gemm.multiply(k, k, samples * edges, edgeRows, k, true, edgeRows, k, false, edgeGram, k);
    // G[(t1,c1)][(t2,c2)] = R_{t2-t1}[c1][c2] (its transpose for t2 < t1) over every window that
    // touches the sequence, minus the edge windows.
    float* g = w.partGram.data() + std::size_t(chunk.index) * k * k;
    for (int t1 = 0; t1 < mWidth; ++t1)
        for (int c1 = 0; c1 < c; ++c1) {
            const std::size_t row = std::size_t(t1 * c + c1) * k;
            for (int t2 = 0; t2 < mWidth; ++t2) {
                const int l = t2 - t1;
                for (int c2 = 0; c2 < c; ++c2) {
                    const float v = l >= 0 ? rt[std::size_t(l * c + c2) * c + c1] : rt[std::size_t(-l * c + c1) * c + c2];
                    const std::size_t i = row + std::size_t(t2 * c + c2);
                    g[i] = v - edgeGram[i];
                }
            }
        }
}

void ConvBnReluPool::forwardSync(const Pass& pass, Work* work) const {
    mBlock.forwardSync(pass, blockWork(work).block.get());
}

void ConvBnReluPool::forward(const Pass&, Work* work, const Chunk& chunk, const float*, float* y) const {
    auto& w = blockWork(work);
    mBlock.forwardFromExtremes(w.block.get(), chunk, extremes(work), y, w.atArgMax.data());
}

// ---- backward ---------------------------------------------------------------------------------

void ConvBnReluPool::backwardStats(const Pass&, Work* work, const Chunk& chunk, const float*,
                                   const float* dy) const {
    auto& w = blockWork(work);
    mBlock.backwardStatsAtArgMax(w.block.get(), chunk, w.atArgMax.data(), dy);
}

void ConvBnReluPool::backwardSync(const Pass& pass, Work* work) const {
    auto& w = blockWork(work);
    mBlock.backwardSync(pass, w.block.get());
    const BnReluPool::GradientTerms terms = mBlock.gradientTerms(w.block.get());
    const int c = mChannels, k = mWindow, f = mFilters;
    const float* weights = mConv->weights().data();  // K x F
    const double n = double(pass.batch) * mPositions;

    std::fill(w.xbar.begin(), w.xbar.end(), 0.0);
    for (int part = 0; part < pass.plan.count; ++part)
        for (int j = 0; j < k; ++j) w.xbar[std::size_t(j)] += w.partSums[std::size_t(part) * k + j];
    for (double& v : w.xbar) v /= n;

    Scratch& sc = pass.scratch[0];
    float* scaled = sc.floatBuffer(std::size_t(k) * f);  // W diag(b)
    for (int j = 0; j < k; ++j)
        for (int i = 0; i < f; ++i) {
            w.wt[std::size_t(i) * k + j] = weights[std::size_t(j) * f + i];
            scaled[std::size_t(j) * f + i] = weights[std::size_t(j) * f + i] * terms.b[i];
        }
    sc.gemm.multiply(k, k, f, scaled, f, false, weights, f, true, w.m.data(), k);

    std::fill(w.lagM.begin(), w.lagM.end(), 0.0f);
    for (int l = 1 - mWidth; l < mWidth; ++l)
        for (int t = std::max(0, -l); t < std::min(mWidth, mWidth - l); ++t)
            for (int c1 = 0; c1 < c; ++c1) {
                float* dst = w.lagM.data() + std::size_t((l + mWidth - 1) * c + c1) * c;
                const float* src = w.m.data() + std::size_t((t + l) * c + c1) * k + std::size_t(t) * c;
                for (int c2 = 0; c2 < c; ++c2) dst[c2] += src[c2];
            }
    if (mLagBefore) {
        mLagBefore->transformFilters(w.lagM.data(), w.lagBefore);
        mLagFrom->transformFilters(w.lagM.data() + std::size_t(mWidth - 1) * c * c, w.lagFrom);
    }

    // Every output window's row of dX also holds W k - M xbar; col2im of those rows.
    std::vector<double> constRow(std::size_t(k), 0.0);
    for (int j = 0; j < k; ++j) {
        double v = 0.0;
        for (int i = 0; i < f; ++i) v += double(weights[std::size_t(j) * f + i]) * terms.k[i];
        for (int j2 = 0; j2 < k; ++j2) v -= double(w.m[std::size_t(j) * k + j2]) * w.xbar[std::size_t(j2)];
        constRow[std::size_t(j)] = v;
    }
    std::vector<double> rows(std::size_t(mLength) * c, 0.0);
    for (int p = 0; p < mPositions; ++p)
        for (int t = 0; t < mWidth; ++t) {
            const int q = p - mPad + t;
            if (q < 0 || q >= mLength) continue;
            for (int i = 0; i < c; ++i) rows[std::size_t(q) * c + i] += constRow[std::size_t(t * c + i)];
        }
    std::copy(rows.begin(), rows.end(), w.constRows.begin());
}

void ConvBnReluPool::denseInputGradient(const Chunk& chunk, const float* x, Work* work, float* dx) const {
    auto& w = blockWork(work);
    const int length = mLength, c = mChannels, k = mWindow, samples = chunk.size();
    const int wide = 2 * mWidth - 1, reach = mWidth - 1, kw = wide * c;
    const int edges = int(mEdgeWindows.size());
    const std::size_t inSize = inputSize();
    Scratch& sc = *chunk.scratch;
    float* dxc = dx + std::size_t(chunk.begin) * inSize;
    // col2im(X M) over every window that touches the sequence ...
    if (mLagBefore) {  // ... as two Winograd convolutions (before the scratch floats are used below)
        const float* xc = x + std::size_t(chunk.begin) * inSize;
        mLagBefore->forward(xc, samples, w.lagBefore, nullptr, dxc, sc);
        mLagFrom->forward(xc, samples, w.lagFrom, nullptr, dxc, sc, true);
    }
    const int copiedPerSample = mLagBefore ? 0 : copiedLines(-reach, wide);
    const float** lines = mLagBefore ? nullptr : sc.lineBuffer(std::size_t(samples) * length);
    const std::size_t copySize = std::size_t(samples) * copiedPerSample * kw;
    const std::size_t edgeSize = std::size_t(samples) * edges * k;
    float* copies = sc.floatBuffer(copySize + 2 * edgeSize + 1);
    float* edgeRows = copies + copySize;
    float* edgeTimesM = edgeRows + edgeSize;
    // Wide windows: input rows q - (w-1) .. q + (w-1), zero beyond the sequence.
    float* copy = copies;
    float* edgeRow = edgeRows;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        if (!mLagBefore) sampleLines(xs, -reach, wide, lines + std::size_t(s - chunk.begin) * length, copy);
        sampleEdgeWindows(xs, edgeRow);
    }
    if (!mLagBefore)  // ... as one product of the wide windows
        sc.gemm.multiplyLines(samples * length, c, kw, lines, false, w.lagM.data(), c, false, dxc, c, false);
    // ... minus the edge windows, plus the constant rows of the output windows.
    sc.gemm.multiply(samples * edges, k, k, edgeRows, k, false, w.m.data(), k, false, edgeTimesM, k);
    const float* em = edgeTimesM;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        float* dxs = dx + std::size_t(s) * inSize;
        for (int p : mEdgeWindows) {
            const int q0 = p - mPad;
            const int lo = std::max(0, -q0), hi = std::min(mWidth, length - q0);
            for (int t = lo; t < hi; ++t)
                for (int i = 0; i < c; ++i) dxs[std::ptrdiff_t(q0 + t) * c + i] -= em[t * c + i];
            em += k;
        }
        const float* cr = w.constRows.data();
        for (std::size_t i = 0; i < inSize; ++i) dxs[i] += cr[i];
    }
}

void ConvBnReluPool::backward(const Pass&, Work* work, const Chunk& chunk, const float* x, const float*,
                              const float* dy, float* dx) {
    auto& w = blockWork(work);
    const BnReluPool::GradientTerms terms = mBlock.gradientTerms(w.block.get());
    const int c = mChannels, k = mWindow, f = mFilters;
    const std::size_t inSize = inputSize(), outSize = outputSize();
    float* partWT = w.partWT.data() + std::size_t(chunk.index) * f * k;
    float* partBias = w.partBias.data() + std::size_t(chunk.index) * f;
    std::fill(partWT, partWT + std::size_t(f) * k, 0.0f);
    std::fill(partBias, partBias + f, 0.0f);
    if (dx) denseInputGradient(chunk, x, work, dx);
    // The sparse part a*S: one window per arg-max, into dW (X^T) and into dx (W^T, col2im).
    const ScatterKernel scatter = isaPick<ScatterKernel>(scatterGeneric, scatterAvx2, scatterAvx2);
    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* xs = x + std::size_t(s) * inSize;
        float* dxs = dx ? dx + std::size_t(s) * inSize : nullptr;
        const std::int32_t* am = terms.argMax + std::size_t(s) * outSize;
        const float* g = dy + std::size_t(s) * outSize;
        for (std::size_t o = 0; o < outSize; ++o) {
            if (am[o] < 0) continue;  // cut off by the ReLU
            const int i = int(o % std::size_t(f));
            const float v = terms.a[i] * g[o];
            const int q0 = am[o] - mPad;
            const int lo = std::max(0, -q0), hi = std::min(mWidth, mLength - q0);
            const std::size_t n = std::size_t(hi - lo) * c;
            const std::size_t at = std::size_t(i) * k + std::size_t(lo) * c;
            scatter(n, v, xs + std::ptrdiff_t(q0 + lo) * c, partWT + at, w.wt.data() + at,
                    dxs ? dxs + std::ptrdiff_t(q0 + lo) * c : nullptr);
            partBias[i] += v;
        }
    }
}

void ConvBnReluPool::finishBackward(const Pass& pass, Work* work) {
    auto& w = blockWork(work);
    mBlock.finishBackward(pass, w.block.get());
    const BnReluPool::GradientTerms terms = mBlock.gradientTerms(w.block.get());
    const int k = mWindow, f = mFilters, chunks = pass.plan.count;
    const double n = double(pass.batch) * mPositions;
    const float* weights = mConv->weights().data();
    Scratch& sc = pass.scratch[0];
    const std::size_t kk = std::size_t(k) * k, fk = std::size_t(f) * k;
    float* gram = sc.floatBuffer(kk + 2 * fk + std::size_t(f));
    float* sparse = gram + kk;         // F x K
    float* gramW = sparse + fk;        // G W, K x F
    float* sparseBias = gramW + fk;    // F
    sumChunkParts(w.partGram.data(), kk, chunks, kk, gram);
    sumChunkParts(w.partWT.data(), fk, chunks, fk, sparse);
    sc.gemm.multiply(k, f, k, gram, k, false, weights, f, false, gramW, f);
    // dW = X^T(a*S) + (G W - n xbar (xbar^T W)) diag(b) + n xbar k^T
    std::vector<double> meanOut(std::size_t(f), 0.0);  // xbar^T W
    for (int j = 0; j < k; ++j)
        for (int i = 0; i < f; ++i) meanOut[std::size_t(i)] += w.xbar[std::size_t(j)] * weights[std::size_t(j) * f + i];
    std::span<float> grad = mConv->weightGradient();
    for (int j = 0; j < k; ++j) {
        const double sum = n * w.xbar[std::size_t(j)];
        for (int i = 0; i < f; ++i) {
            const std::size_t at = std::size_t(j) * f + i;
            const double centred = double(gramW[at]) - sum * meanOut[std::size_t(i)];
            grad[at] = float(double(sparse[std::size_t(i) * k + j]) + terms.b[i] * centred + sum * terms.k[i]);
        }
    }
    if (mConv->hasBias()) {
        std::span<float> bias = mConv->biasGradient();
        sumChunkParts(w.partBias.data(), std::size_t(f), chunks, std::size_t(f), sparseBias);
        for (int i = 0; i < f; ++i) bias[std::size_t(i)] = float(double(sparseBias[i]) + n * terms.k[i]);
    }
}

void ConvBnReluPool::commit(const Pass& pass, Work* work) {
    mBlock.commit(pass, blockWork(work).block.get());
}

}  // namespace motifloom::nn
