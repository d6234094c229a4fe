#include "nn/conv1d.h"

#include "nn/gemm.h"
#include "nn/isa.h"
#include "nn/simd.h"
#include "util/parallel.h"

#include "util/rng.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>


namespace motifloom::nn {

namespace {

constexpr int kCodes = 16;  // 4-bit base codes

// ---- one-hot kernels -------------------------------------------------------------------
// Filters are processed in groups of up to kGroup vectors whose running sums stay in registers.
// Tables and padded buffers have rows of fp floats (F rounded up to whole vectors, zero beyond F).
// The kernels are templates over the vector type, compiled once per instruction set (nn/isa.h).

constexpr int kGroup = 4;

// Always inlined into their target-attributed caller: wide vectors never cross a call, so
// GCC's note about their calling convention (-Wpsabi) does not apply.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
template <class V>
__attribute__((always_inline)) inline V vload(const float* p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <class V>
__attribute__((always_inline)) inline void vstore(float* p, V v) {
    std::memcpy(p, &v, sizeof v);
}

// Forward: out[p][f0 .. f0 + NB*lanes) = biasPad + sum_k T[k][pc[p + k]], rows ldo floats
// apart (whole vectors are written: ldo < fp lets a row spill into the next one). P positions
// at a time: P*NB independent sums in registers (a single sum is a chain of w dependent adds).
template <class V, int NB, int P>
__attribute__((always_inline)) inline void lookupForwardRows(const std::uint8_t* pc, int p0, int p1, int w,
                                                             const float* table, int fp,
                                                             const float* biasPad, int f0, float* yPad,
                                                             int ldo) {
    constexpr int L = int(sizeof(V) / sizeof(float));
    const std::size_t tapStride = std::size_t(kCodes) * fp;
    for (int p = p0; p + P <= p1; p += P) {
        V acc[P][NB];
        for (int i = 0; i < P; ++i)
            for (int j = 0; j < NB; ++j) acc[i][j] = vload<V>(biasPad + f0 + j * L);
        const float* tk = table + f0;
        for (int k = 0; k < w; ++k, tk += tapStride)
            for (int i = 0; i < P; ++i) {
                const float* row = tk + std::size_t(pc[p + i + k]) * fp;
                for (int j = 0; j < NB; ++j) acc[i][j] += vload<V>(row + j * L);
            }
        for (int i = 0; i < P; ++i) {
            float* out = yPad + std::size_t(p + i) * ldo + f0;
            for (int j = 0; j < NB; ++j) vstore<V>(out + j * L, acc[i][j]);
        }
    }
}

template <class V, int NB>
__attribute__((always_inline)) inline void lookupForwardGroup(const std::uint8_t* pc, int lOut, int w,
                                                              const float* table, int fp,
                                                              const float* biasPad, int f0, float* yPad,
                                                              int ldo) {
    constexpr int P = NB >= 3 ? 2 : 8 / NB;  // 8, 4, 2, 2 positions for NB = 1, 2, 3, 4
    const int main = lOut / P * P;
    lookupForwardRows<V, NB, P>(pc, 0, main, w, table, fp, biasPad, f0, yPad, ldo);
    lookupForwardRows<V, NB, 1>(pc, main, lOut, w, table, fp, biasPad, f0, yPad, ldo);
}

template <class V>
__attribute__((always_inline)) inline void lookupForwardAll(const std::uint8_t* pc, int lOut, int w,
                                                            const float* table, int fp,
                                                            const float* biasPad, float* yPad, int ldo) {
    constexpr int L = int(sizeof(V) / sizeof(float));
    for (int f0 = 0; f0 < fp; f0 += kGroup * L) {
        switch (std::min(kGroup, (fp - f0) / L)) {
        case 1: lookupForwardGroup<V, 1>(pc, lOut, w, table, fp, biasPad, f0, yPad, ldo); break;
        case 2: lookupForwardGroup<V, 2>(pc, lOut, w, table, fp, biasPad, f0, yPad, ldo); break;
        case 3: lookupForwardGroup<V, 3>(pc, lOut, w, table, fp, biasPad, f0, yPad, ldo); break;
        default: lookupForwardGroup<V, 4>(pc, lOut, w, table, fp, biasPad, f0, yPad, ldo); break;
        }
    }
}

// Backward, by code: dT[k][c] += sum over slots q holding code c of dy[q - k], where dyPad holds
// the sample's dy rows at row p + w - 1 (stride fp, zero rows around) so that every tap of every
// slot reads a valid row. `slots` lists the slots grouped by code: [first[c], first[c+1]).
// K taps at a time share the pass over the slots and give K*NB independent sums.
template <class V, int NB, int K>
__attribute__((always_inline)) inline void lookupBackwardTaps(const std::int32_t* qb, const std::int32_t* qe,
                                                              int k0, int w, const float* dyPad, int fp,
                                                              float* tc) {
    constexpr int L = int(sizeof(V) / sizeof(float));
    const std::size_t tapStride = std::size_t(kCodes) * fp;
    V acc[K][NB];
    for (int t = 0; t < K; ++t)
        for (int j = 0; j < NB; ++j) acc[t][j] = V{};
    const float* base = dyPad + std::ptrdiff_t(w - 1 - k0) * fp;
    for (const std::int32_t* q = qb; q != qe; ++q) {
        const float* row = base + std::ptrdiff_t(*q) * fp;
        for (int t = 0; t < K; ++t)  // tap k0 + t reads the row t rows earlier
            for (int j = 0; j < NB; ++j) acc[t][j] += vload<V>(row - std::ptrdiff_t(t) * fp + j * L);
    }
    for (int t = 0; t < K; ++t) {
        float* dst = tc + (k0 + t) * tapStride;
        for (int j = 0; j < NB; ++j) vstore<V>(dst + j * L, vload<V>(dst + j * L) + acc[t][j]);
    }
}

template <class V, int NB>
__attribute__((always_inline)) inline void lookupBackwardGroup(const std::int32_t* slots,
                                                               const std::int32_t* first, int w,
                                                               const float* dyPad, int fp, int f0,
                                                               float* tableGrad) {
    constexpr int K = NB >= 3 ? 2 : 8 / NB;  // 8, 4, 2, 2 taps for NB = 1, 2, 3, 4
    for (int c = 1; c < kCodes; ++c) {
        const std::int32_t* qb = slots + first[c];
        const std::int32_t* qe = slots + first[c + 1];
        if (qb == qe) continue;
        float* tc = tableGrad + std::size_t(c) * fp + f0;
        int k = 0;
        for (; k + K <= w; k += K) lookupBackwardTaps<V, NB, K>(qb, qe, k, w, dyPad + f0, fp, tc);
        for (; k < w; ++k) lookupBackwardTaps<V, NB, 1>(qb, qe, k, w, dyPad + f0, fp, tc);
    }
}

template <class V>
__attribute__((always_inline)) inline void lookupBackwardAll(const std::int32_t* slots,
                                                             const std::int32_t* first, int w,
                                                             const float* dyPad, int fp, float* tableGrad) {
    constexpr int L = int(sizeof(V) / sizeof(float));
    for (int f0 = 0; f0 < fp; f0 += kGroup * L) {
        switch (std::min(kGroup, (fp - f0) / L)) {
        case 1: lookupBackwardGroup<V, 1>(slots, first, w, dyPad, fp, f0, tableGrad); break;
        case 2: lookupBackwardGroup<V, 2>(slots, first, w, dyPad, fp, f0, tableGrad); break;
        case 3: lookupBackwardGroup<V, 3>(slots, first, w, dyPad, fp, f0, tableGrad); break;
        default: lookupBackwardGroup<V, 4>(slots, first, w, dyPad, fp, f0, tableGrad); break;
        }
    }
}

using ForwardKernel = void (*)(const std::uint8_t*, int, int, const float*, int, const float*, float*, int);
using BackwardKernel = void (*)(const std::int32_t*, const std::int32_t*, int, const float*, int, float*);

// One copy per instruction set (nn/isa.h): baseline 4 lanes, AVX2 8, AVX-512 16 (explicit
// vector code only; the auto-vectorisers stay off there).
void lookupForwardGeneric(const std::uint8_t* pc, int lOut, int w, const float* table, int fp,
                          const float* biasPad, float* yPad, int ldo) {
    lookupForwardAll<simd::Vec4>(pc, lOut, w, table, fp, biasPad, yPad, ldo);
}
void lookupBackwardGeneric(const std::int32_t* slots, const std::int32_t* first, int w,
                           const float* dyPad, int fp, float* tableGrad) {
    lookupBackwardAll<simd::Vec4>(slots, first, w, dyPad, fp, tableGrad);
}
MOTIFLOOM_TARGET_AVX2 void lookupForwardAvx2(const std::uint8_t* pc, int lOut, int w, const float* table,
                                             int fp, const float* biasPad, float* yPad, int ldo) {
    lookupForwardAll<simd::Vec8>(pc, lOut, w, table, fp, biasPad, yPad, ldo);
}
MOTIFLOOM_TARGET_AVX2 void lookupBackwardAvx2(const std::int32_t* slots, const std::int32_t* first, int w,
                                              const float* dyPad, int fp, float* tableGrad) {
    lookupBackwardAll<simd::Vec8>(slots, first, w, dyPad, fp, tableGrad);
}
MOTIFLOOM_TARGET_AVX512 void lookupForward512(const std::uint8_t* pc, int lOut, int w, const float* table,
                                              int fp, const float* biasPad, float* yPad, int ldo) {
    lookupForwardAll<simd::Vec16>(pc, lOut, w, table, fp, biasPad, yPad, ldo);
}
MOTIFLOOM_TARGET_AVX512 void lookupBackward512(const std::int32_t* slots, const std::int32_t* first, int w,
                                               const float* dyPad, int fp, float* tableGrad) {
    lookupBackwardAll<simd::Vec16>(slots, first, w, dyPad, fp, tableGrad);
}

// The kernels for the ISA in use and their vector width.
struct LookupKernels {
    ForwardKernel forward;
    BackwardKernel backward;
    int lanes;
};

LookupKernels lookupKernels() {
    return isaPick(LookupKernels{lookupForwardGeneric, lookupBackwardGeneric, 4},
                   LookupKernels{lookupForwardAvx2, lookupBackwardAvx2, 8},
                   LookupKernels{lookupForward512, lookupBackward512, 16});
}

struct ConvWork : Layer::Work {
    FloatVector partW;      // per chunk: dW (float input) or dT (one-hot input)
    FloatVector partB;      // per chunk: d bias, padded to whole vectors
    FloatVector table;      // one-hot: T[k][code][f], row stride fp
    FloatVector biasPad;    // one-hot: bias padded to the table's row stride
    FloatVector tableGrad;  // one-hot: dT summed over chunks
    std::vector<PackedB> winogradFilters;   // float input, Winograd forward: per point
    std::vector<PackedB> winogradFiltersT;  // the same transposed, for the input gradient
    std::size_t partWSize = 0, partBSize = 0;
    int fp = 0;             // one-hot: filters padded to whole vectors of the kernels below
    LookupKernels kernels{};
};

// Codes of one sample with padLeft zeros before and zeros after, so that output p reads
// pc[p .. p+w). Codes are masked to 4 bits (anything else is a caller bug, never a crash).
void padCodes(const std::uint8_t* codes, int length, int padLeft, int paddedLength,
              std::uint8_t* pc) {
    std::memset(pc, 0, std::size_t(paddedLength));
    for (int i = 0; i < length; ++i) pc[padLeft + i] = codes[i] & 15;
}

}  // namespace

arch::Shape Conv1D::outputShapeFor(const arch::LayerSpec& spec, arch::Shape in) {
    const int lOut = spec.padding == arch::Padding::Same ? in.length : in.length - spec.width + 1;
    return {std::max(lOut, 0), spec.units};
}

Conv1D::Conv1D(const arch::LayerSpec& spec, arch::Shape in, int index, bool oneHotInput,
               std::uint64_t seed)
    : Layer(spec, in, outputShapeFor(spec, in), index),
      mWidth(spec.width),
      mFilters(spec.units),
      mPadLeft(spec.padding == arch::Padding::Same ? (spec.width - 1) / 2 : 0),
      mOneHot(oneHotInput) {
    assert(mWidth >= 1 && mFilters >= 1 && mOut.length >= 1);
    assert(!mOneHot || in.channels == 4);
    const std::size_t n = std::size_t(mWidth) * std::size_t(in.channels) * std::size_t(mFilters);
    mW.assign(n, 0.0f);
    mGradW.assign(n, 0.0f);
    glorotUniform(mW, mWidth * in.channels, mWidth * mFilters, seed);
    if (spec.bias) {
        mB.assign(std::size_t(mFilters), 0.0f);
        mGradB.assign(std::size_t(mFilters), 0.0f);
    }
    if (!mOneHot && WinogradConv::pays(mWidth, mOut.length)) setWinograd(true);
}

void Conv1D::setWinograd(bool on) {
    const bool possible = !mOneHot && mWidth >= WinogradConv::kMinWidth && mWidth <= WinogradConv::kMaxWidth;
    if (on && possible) mWinograd.emplace(mWidth, mIn.channels, mFilters, mIn.length, mOut.length, mPadLeft);
    else mWinograd.reset();
}

std::unique_ptr<Layer::Work> Conv1D::makeWork(int /*maxBatch*/, int maxChunks) const {
    auto work = std::make_unique<ConvWork>();
    work->kernels = lookupKernels();
    const int lanes = work->kernels.lanes;
    const int fp = (mFilters + lanes - 1) / lanes * lanes;
    work->fp = fp;
    if (mOneHot) {
        const std::size_t tableSize = std::size_t(mWidth) * kCodes * std::size_t(fp);
        work->table.assign(tableSize, 0.0f);
        work->tableGrad.assign(tableSize, 0.0f);
        work->biasPad.assign(std::size_t(fp), 0.0f);
        work->partWSize = tableSize;
    } else {
        work->partWSize = mW.size();
    }
    work->partBSize = std::size_t(fp);
    work->partW.assign(work->partWSize * std::size_t(maxChunks), 0.0f);
    work->partB.assign(work->partBSize * std::size_t(maxChunks), 0.0f);
    return work;
}

void Conv1D::beginForwardOnly(Work* work) const {
    assert(!mOneHot);
    if (mWinograd) mWinograd->transformFilters(mW.data(), static_cast<ConvWork&>(*work).winogradFilters);
}

void Conv1D::beginForward(const Pass& pass, Work* work) const {
    auto& w = static_cast<ConvWork&>(*work);
    // A training step's input gradient runs the tiles backwards (backward()).
    if (mWinograd)
        mWinograd->transformFilters(mW.data(), w.winogradFilters, pass.training ? &w.winogradFiltersT : nullptr);
    if (!mOneHot) return;
    const int fp = w.fp, f = mFilters;
    std::fill(w.biasPad.begin(), w.biasPad.end(), 0.0f);
    if (hasBias()) std::copy(mB.begin(), mB.end(), w.biasPad.begin());
    for (int k = 0; k < mWidth; ++k) {
        for (int code = 0; code < kCodes; ++code) {
            float* row = w.table.data() + (std::size_t(k) * kCodes + code) * fp;
            std::fill(row, row + fp, 0.0f);
            const int bases = std::popcount(unsigned(code));
            if (bases == 0) continue;
            const float share = 1.0f / float(bases);
            for (int b = 0; b < 4; ++b) {
                if (!((code >> b) & 1)) continue;
                const float* wrow = mW.data() + (std::size_t(k) * 4 + b) * f;
                for (int i = 0; i < f; ++i) row[i] += share * wrow[i];
            }
        }
    }
}

const float* const* Conv1D::windows(const float* x, int samples, Scratch& scratch) const {
    const int c = mIn.channels, lIn = mIn.length, lOut = mOut.length;
    const std::size_t rowSize = std::size_t(mWidth) * c;
    int edgePerSample = 0;
    for (int p = 0; p < lOut; ++p) edgePerSample += (p - mPadLeft < 0 || p - mPadLeft + mWidth > lIn);
    const float** lines = scratch.lineBuffer(std::size_t(samples) * lOut);
    float* edge = scratch.floatBuffer(std::size_t(edgePerSample) * samples * rowSize + 1);
    std::size_t r = 0;
    for (int s = 0; s < samples; ++s) {
        const float* xs = x + std::size_t(s) * inputSize();
        for (int p = 0; p < lOut; ++p, ++r) {
            const int q0 = p - mPadLeft;
            if (q0 >= 0 && q0 + mWidth <= lIn) {
                lines[r] = xs + std::ptrdiff_t(q0) * c;
                continue;
            }
            const int lo = std::max(0, -q0), hi = std::min(mWidth, lIn - q0);
            std::fill(edge, edge + rowSize, 0.0f);
            if (hi > lo)
                std::copy(xs + std::ptrdiff_t(q0 + lo) * c, xs + std::ptrdiff_t(q0 + hi) * c, edge + std::size_t(lo) * c);
            lines[r] = edge;
            edge += rowSize;
        }
    }
    return lines;
}

void Conv1D::forward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                     float* y) const {
    if (mOneHot) {
        forwardOneHot(pass, work, chunk, y);
        return;
    }
    forwardSamples(work, *chunk.scratch, x + std::size_t(chunk.begin) * inputSize(), chunk.size(),
                   y + std::size_t(chunk.begin) * outputSize());
}

void Conv1D::forwardSamples(const Work* work, Scratch& scratch, const float* x, int samples, float* y) const {
    assert(!mOneHot);
    const int f = mFilters;
    if (mWinograd) {
        const auto& w = static_cast<const ConvWork&>(*work);
        mWinograd->forward(x, samples, w.winogradFilters, hasBias() ? mB.data() : nullptr, y, scratch);
        return;
    }
    const std::size_t rowSize = std::size_t(mWidth) * mIn.channels;
    const int rowsTotal = samples * mOut.length;
    const float* const* lines = windows(x, samples, scratch);
    if (hasBias())
        for (int r = 0; r < rowsTotal; ++r) std::copy(mB.begin(), mB.end(), y + std::size_t(r) * f);
    scratch.gemm.multiplyLines(rowsTotal, f, int(rowSize), lines, false, mW.data(), f, false, y, f, hasBias());
}

void Conv1D::forwardOneHot(const Pass& pass, Work* work, const Chunk& chunk, float* y) const {
    const auto& w = static_cast<const ConvWork&>(*work);
    const int lIn = mIn.length, lOut = mOut.length, f = mFilters, fp = w.fp;
    const int padded = lOut + mWidth - 1;
    std::uint8_t* pc = chunk.scratch->byteBuffer(std::size_t(padded));
    // Rows are written as whole vectors (fp floats). With one group of vectors (fp <= 4 vectors)
    // a row's padding may spill into the rows after it, which are written afterwards: all rows
    // but the last `tail` of a sample (those whose spill would leave it) go straight into y.
    // Otherwise rows go to a padded buffer and are copied.
    const bool oneGroup = fp <= kGroup * w.kernels.lanes;
    const int tail = fp == f ? 0 : oneGroup ? std::min(lOut, (fp - f + f - 1) / f) : lOut;
    float* buffer = chunk.scratch->floatBuffer(std::size_t(std::max(tail, 1)) * fp);
    for (int s = chunk.begin; s < chunk.end; ++s) {
        padCodes(pass.codes + std::size_t(s) * lIn, lIn, mPadLeft, padded, pc);
        float* ys = y + std::size_t(s) * outputSize();
        const int direct = lOut - tail;
        if (direct > 0) w.kernels.forward(pc, direct, mWidth, w.table.data(), fp, w.biasPad.data(), ys, f);
        if (tail == 0) continue;
        w.kernels.forward(pc + direct, tail, mWidth, w.table.data(), fp, w.biasPad.data(), buffer, fp);
        for (int p = 0; p < tail; ++p)
            std::memcpy(ys + std::size_t(direct + p) * f, buffer + std::size_t(p) * fp, std::size_t(f) * sizeof(float));
    }
}

void Conv1D::backward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                      const float*, const float* dy, float* dx) {
    if (mOneHot) {
        backwardOneHot(pass, work, chunk, dy);
        return;
    }
    auto& w = static_cast<ConvWork&>(*work);
    const int lOut = mOut.length, f = mFilters, c = mIn.channels;
    const std::size_t rowSize = std::size_t(mWidth) * c;
    const int rowsTotal = chunk.size() * lOut;
    const float* dyc = dy + std::size_t(chunk.begin) * outputSize();

    float* partW = w.partW.data() + std::size_t(chunk.index) * w.partWSize;
    if (hasBias()) {  // dbias = column sums of dy
        float* partB = w.partB.data() + std::size_t(chunk.index) * w.partBSize;
        std::fill(partB, partB + f, 0.0f);
        for (int r = 0; r < rowsTotal; ++r) {
            const float* g = dyc + std::size_t(r) * f;
            for (int i = 0; i < f; ++i) partB[i] += g[i];
        }
    }
    if (mWinograd && !w.winogradFiltersT.empty()) {  // the forward's tiles, run backwards
        mWinograd->backward(x + std::size_t(chunk.begin) * inputSize(), dyc, chunk.size(), w.winogradFiltersT, partW,
                            dx ? dx + std::size_t(chunk.begin) * inputSize() : nullptr, *chunk.scratch);
        return;
    }
    // dW = windows^T dy, then dx.
    const float* const* lines = windows(x + std::size_t(chunk.begin) * inputSize(), chunk.size(), *chunk.scratch);
    chunk.scratch->gemm.multiplyLines(int(rowSize), f, rowsTotal, lines, true, dyc, f, false, partW, f, false);
    if (dx) inputBackward(pass, work, chunk, x, nullptr, dy, dx);
}

void Conv1D::inputBackward(const Pass&, const Work*, const Chunk& chunk, const float*,
                           const float*, const float* dy, float* dx) const {
    // dcols = dy W^T (rows of w*C), then each row is added back onto the w input positions its
    // window covers (col2im). The same for a one-hot first layer: its input is (L, 4) floats.
    const int lOut = mOut.length, f = mFilters, c = mIn.channels;
    const std::size_t inSize = inputSize(), outSize = outputSize();
    const std::size_t rowSize = std::size_t(mWidth) * c;
    const int rowsTotal = chunk.size() * lOut;
    const float* dyc = dy + std::size_t(chunk.begin) * outSize;
    float* cols = chunk.scratch->floatBuffer(std::size_t(rowsTotal) * rowSize);
    chunk.scratch->gemm.multiply(rowsTotal, int(rowSize), f, dyc, f, false, mW.data(), f, true,
                                 cols, std::ptrdiff_t(rowSize));
    const int lIn = mIn.length;
    for (int s = chunk.begin; s < chunk.end; ++s) {
        float* dxs = dx + std::size_t(s) * inSize;
        std::fill(dxs, dxs + inSize, 0.0f);
        const float* rows = cols + std::size_t(s - chunk.begin) * lOut * rowSize;
        for (int p = 0; p < lOut; ++p) {
            const int q0 = p - mPadLeft;
            const int lo = std::max(0, -q0), hi = std::min(mWidth, lIn - q0);
            const float* src = rows + std::size_t(p) * rowSize + std::size_t(lo) * c;
            float* dst = dxs + std::ptrdiff_t(q0 + lo) * c;
            const std::size_t n = std::size_t(hi - lo) * c;
            for (std::size_t i = 0; i < n; ++i) dst[i] += src[i];
        }
    }
}

void Conv1D::backwardOneHot(const Pass& pass, Work* work, const Chunk& chunk, const float* dy) {
    auto& w = static_cast<ConvWork&>(*work);
    const int lIn = mIn.length, lOut = mOut.length, f = mFilters, fp = w.fp;
    const int padded = lOut + mWidth - 1;   // code slots q; output p reads slots p .. p+w-1
    const int padRows = lOut + 2 * (mWidth - 1);
    float* partT = w.partW.data() + std::size_t(chunk.index) * w.partWSize;
    float* partB = w.partB.data() + std::size_t(chunk.index) * w.partBSize;
    std::fill(partT, partT + w.partWSize, 0.0f);
    std::fill(partB, partB + w.partBSize, 0.0f);

    // Scratch: dy rows of one sample padded with w-1 zero rows each side (stride fp), the
    // sample's padded codes, and its slots sorted by code.
    float* dyPad = chunk.scratch->floatBuffer(std::size_t(padRows) * fp);
    std::fill(dyPad, dyPad + std::size_t(padRows) * fp, 0.0f);
    std::uint8_t* bytes = chunk.scratch->byteBuffer(std::size_t(padded) * 5 + 4 * (kCodes + 1) + 64);
    auto* first = reinterpret_cast<std::int32_t*>(bytes);
    auto* slots = first + kCodes + 1;
    std::uint8_t* pc = reinterpret_cast<std::uint8_t*>(slots + padded);

    for (int s = chunk.begin; s < chunk.end; ++s) {
        const float* dys = dy + std::size_t(s) * outputSize();
        for (int p = 0; p < lOut; ++p) {
            const float* g = dys + std::size_t(p) * f;
            float* row = dyPad + std::size_t(p + mWidth - 1) * fp;
            for (int i = 0; i < f; ++i) {
                row[i] = g[i];
                partB[i] += g[i];
            }
        }
        padCodes(pass.codes + std::size_t(s) * lIn, lIn, mPadLeft, padded, pc);
        int count[kCodes + 1] = {};
        for (int q = 0; q < padded; ++q) ++count[pc[q] + 1];
        first[0] = 0;
        for (int c = 0; c < kCodes; ++c) first[c + 1] = first[c] + count[c + 1];
        int next[kCodes];
        for (int c = 0; c < kCodes; ++c) next[c] = first[c];
        for (int q = 0; q < padded; ++q) slots[next[pc[q]]++] = q;
        w.kernels.backward(slots, first, mWidth, dyPad, fp, partT);
    }
}

void Conv1D::finishBackward(const Pass& pass, Work* work) {
    auto& w = static_cast<ConvWork&>(*work);
    const int chunks = pass.plan.count;
    const int f = mFilters;
    if (hasBias()) sumChunkParts(w.partB.data(), w.partBSize, chunks, std::size_t(f), mGradB.data());
    if (!mOneHot) {
        sumChunkParts(w.partW.data(), w.partWSize, chunks, w.partWSize, mGradW.data());
        return;
    }
    sumChunkParts(w.partW.data(), w.partWSize, chunks, w.partWSize, w.tableGrad.data());
    // dW[k][b][f] = sum over codes containing b of dT[k][code][f] / popcount(code).
    const int fp = w.fp;
    std::fill(mGradW.begin(), mGradW.end(), 0.0f);
    for (int k = 0; k < mWidth; ++k) {
        for (int code = 1; code < kCodes; ++code) {
            const float share = 1.0f / float(std::popcount(unsigned(code)));
            const float* row = w.tableGrad.data() + (std::size_t(k) * kCodes + code) * fp;
            for (int b = 0; b < 4; ++b) {
                if (!((code >> b) & 1)) continue;
                float* g = mGradW.data() + (std::size_t(k) * 4 + b) * f;
                for (int i = 0; i < f; ++i) g[i] += share * row[i];
            }
        }
    }
}

std::vector<ParamView> Conv1D::parameters() {
    std::vector<ParamView> out;
    out.push_back({describe() + " weight", mW, mGradW, true});
    if (hasBias()) out.push_back({describe() + " bias", mB, mGradB, false});
    return out;
}

std::vector<std::span<float>> Conv1D::stateTensors() {
    std::vector<std::span<float>> out{mW};
    if (hasBias()) out.push_back(mB);
    return out;
}

}  // namespace motifloom::nn
