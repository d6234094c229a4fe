#include "nn/winograd.h"

#include "nn/isa.h"
#include "nn/layer.h"
#include "nn/simd.h"
#include "util/environment.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace motifloom::nn {

namespace {

using simd::load;
using simd::store;

constexpr int kP = WinogradConv::kPoints;
// (outputTile spells out the output transform for exactly this order.)
constexpr double kFinitePoints[kP - 1] = {0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5};
// Tiles per block of products: a multiple of both micro-kernels' rows (6 and 12), small
// enough that the block's transformed input and products stay in the L2 cache.
constexpr int kBlockTiles = 48;

// The points' powers 0..n-1, one row per point (the infinity row: the top power alone).
Eigen::MatrixXd powers(int n) {
    Eigen::MatrixXd v = Eigen::MatrixXd::Zero(kP, n);
    for (int i = 0; i < kP - 1; ++i)
        for (int j = 0; j < n; ++j) v(i, j) = std::pow(kFinitePoints[i], j);
    v(kP - 1, n - 1) = 1.0;
    return v;
}

// Tiles per block for `total` tiles: blocks of equal size (a multiple of 12 rows, at most
// kBlockTiles), not full blocks and a short rest.
int tilesPerBlock(long total) {
    const long blocks = (total + kBlockTiles - 1) / kBlockTiles;
    return int(((total + blocks - 1) / blocks + 11) / 12 * 12);
}

// MOTIFLOOM_WINOGRAD=auto|never, read once per process (nn/winograd.h).
bool disabledByEnvironment() {
    static const bool never = environmentChoice("MOTIFLOOM_WINOGRAD", {"auto", "never"}) == 1;
    return never;
}

// U[point][tile][c] = sum_j BT[point][j] d[j][c] for one tile: d = 8 rows of cp floats
// (row stride cp), U's point rows `pointStride` apart. cp is a multiple of the lanes.
template <class V>
MOTIFLOOM_SIMD_INLINE void inputTile(const float (&bt)[kP][kP], const float* d, int cp, float* u,
                                     std::size_t pointStride) {
    constexpr int L = simd::kLanesOf<V>;
    for (int c = 0; c < cp; c += L) {
        V rows[kP];
        for (int j = 0; j < kP; ++j) rows[j] = load<V>(d + std::size_t(j) * cp + c);
        for (int x = 0; x < kP; ++x) {
            V acc = rows[0] * bt[x][0];
            for (int j = 1; j < kP; ++j) acc += rows[j] * bt[x][j];
            store(u + std::size_t(x) * pointStride + c, acc);
        }
    }
}

// y rows i < rows of one tile: bias + sum_point AT[i][point] M[point][tile][f] (f < filters;
// vectors over f, the last one partial). AT[i] holds the points' i-th powers (and 1 at
// infinity for the last row), so the pairs +-a enter as sums (even i) or differences (odd i):
// half the multiply-adds of the dense 8-term sums.
template <class V>
MOTIFLOOM_SIMD_INLINE void outputTile(const float* m, std::size_t pointStride, int filters, const float* bias,
                                      int rows, int lastRow, bool accumulate, float* y) {
    constexpr int L = simd::kLanesOf<V>;
    // Points: 0, 1, -1, 2, -2, 1/2, -1/2, infinity; the scales are 2^i and 2^-i.
    float up[kP], down[kP];
    for (int i = 0; i < kP; ++i) {
        up[i] = float(1 << i);
        down[i] = 1.0f / up[i];
    }
    auto at = [&](int x, int f) { return load<V>(m + std::size_t(x) * pointStride + f); };
    // Vectors over f: whole ones, then (n < L) the partial last one of a y row; the products'
    // rows are whole vectors.
    auto columns = [&](int f, int n, auto partial) {
        const V m0 = at(0, f), m7 = at(7, f);
        const V a1 = at(1, f), b1 = at(2, f), a2 = at(3, f), b2 = at(4, f), a3 = at(5, f), b3 = at(6, f);
        const V s1 = a1 + b1, d1 = a1 - b1, s2 = a2 + b2, d2 = a2 - b2, s3 = a3 + b3, d3 = a3 - b3;
        const V b = !bias ? V{} : partial ? simd::loadFirst<V>(bias + f, n) : load<V>(bias + f);
        for (int i = 0; i < rows; ++i) {
            V acc = (i % 2 == 0) ? b + s1 + s2 * up[i] + s3 * down[i] : b + d1 + d2 * up[i] + d3 * down[i];
            if (i == 0) acc += m0;
            if (i == lastRow) acc += m7;
            float* out = y + std::size_t(i) * filters + f;
            if constexpr (partial) simd::storeFirst(out, accumulate ? simd::loadFirst<V>(out, n) + acc : acc, n);
            else store(out, accumulate ? load<V>(out) + acc : acc);
        }
    };
    int f = 0;
    for (; f + L <= filters; f += L) columns(f, L, std::false_type{});
    if (f < filters) columns(f, filters - f, std::true_type{});
}

// The transposes of the two kernels above, for the input gradient.
// V[point][f] = sum_i AT[i][point] dy[i][f] for one tile's output gradient rows i < rows (rows
// `filters` floats apart; rows from `rows` on are outside the output and count as zero).
template <class V>
MOTIFLOOM_SIMD_INLINE void gradientTile(const float* dy, int filters, int rows, int lastRow, float* v,
                                        std::size_t pointStride) {
    constexpr int L = simd::kLanesOf<V>;
    float up[kP], down[kP];
    for (int i = 0; i < kP; ++i) {
        up[i] = float(1 << i);
        down[i] = 1.0f / up[i];
    }
    auto put = [&](int x, int f, V value) { store(v + std::size_t(x) * pointStride + f, value); };
    int f = 0;
    for (; f + L <= filters; f += L) {
        // Even and odd rows apart: the pairs of points +-a take their sum and difference.
        V e1{}, o1{}, e2{}, o2{}, e3{}, o3{}, last{};
        for (int i = 0; i < rows; ++i) {
            const V g = load<V>(dy + std::size_t(i) * filters + f);
            if (i % 2 == 0) {
                e1 += g, e2 += g * up[i], e3 += g * down[i];
            } else {
                o1 += g, o2 += g * up[i], o3 += g * down[i];
            }
            if (i == lastRow) last = g;
        }
        put(0, f, load<V>(dy + f));
        put(1, f, e1 + o1), put(2, f, e1 - o1), put(3, f, e2 + o2), put(4, f, e2 - o2);
        put(5, f, e3 + o3), put(6, f, e3 - o3), put(7, f, last);
    }
    for (; f < filters; ++f) {
        float e[3] = {}, o[3] = {}, last = 0.0f;
        for (int i = 0; i < rows; ++i) {
            const float g = dy[std::size_t(i) * filters + f];
            float* sums = i % 2 == 0 ? e : o;
            sums[0] += g, sums[1] += g * up[i], sums[2] += g * down[i];
            if (i == lastRow) last = g;
        }
        const float out[kP] = {dy[f], e[0] + o[0], e[0] - o[0], e[1] + o[1], e[1] - o[1], e[2] + o[2], e[2] - o[2], last};
        for (int x = 0; x < kP; ++x) v[std::size_t(x) * pointStride + f] = out[x];
    }
}

// dd[j][c] += sum_point BT[point][j] P[point][c] for one tile: its 8 input rows (cp floats
// apart) get the products' rows back through the input transform.
template <class V>
MOTIFLOOM_SIMD_INLINE void inputGradientTile(const float (&bt)[kP][kP], const float* p, std::size_t pointStride,
                                             int cp, float* dd) {
    constexpr int L = simd::kLanesOf<V>;
    for (int c = 0; c < cp; c += L) {
        V in[kP];
        for (int x = 0; x < kP; ++x) in[x] = load<V>(p + std::size_t(x) * pointStride + c);
        for (int j = 0; j < kP; ++j) {
            V acc = in[0] * bt[0][j];
            for (int x = 1; x < kP; ++x) acc += in[x] * bt[x][j];
            float* row = dd + std::size_t(j) * cp + c;
            store(row, load<V>(row) + acc);
        }
    }
}

using OutputKernel = void (*)(const float*, std::size_t, int, const float*, int, int, bool, float*);
using GradientKernel = void (*)(const float*, int, int, int, float*, std::size_t);
using InputGradientKernel = void (*)(const float (&)[kP][kP], const float*, std::size_t, int, float*);

void inputGeneric(const float (&bt)[kP][kP], const float* d, int cp, float* u, std::size_t stride) {
    inputTile<simd::Vec4>(bt, d, cp, u, stride);
}
void outputGeneric(const float* m, std::size_t stride, int f, const float* b, int rows, int last, bool add,
                   float* y) {
    outputTile<simd::Vec4>(m, stride, f, b, rows, last, add, y);
}
MOTIFLOOM_TARGET_AVX2 void inputAvx2(const float (&bt)[kP][kP], const float* d, int cp, float* u, std::size_t stride) {
    inputTile<simd::Vec8>(bt, d, cp, u, stride);
}
MOTIFLOOM_TARGET_AVX2 void outputAvx2(const float* m, std::size_t stride, int f, const float* b, int rows, int last,
                                      bool add, float* y) {
    outputTile<simd::Vec8>(m, stride, f, b, rows, last, add, y);
}
void gradientGeneric(const float* dy, int f, int rows, int last, float* v, std::size_t stride) {
    gradientTile<simd::Vec4>(dy, f, rows, last, v, stride);
}
void inputGradientGeneric(const float (&bt)[kP][kP], const float* p, std::size_t stride, int cp, float* dd) {
    inputGradientTile<simd::Vec4>(bt, p, stride, cp, dd);
}
MOTIFLOOM_TARGET_AVX2 void gradientAvx2(const float* dy, int f, int rows, int last, float* v, std::size_t stride) {
    gradientTile<simd::Vec8>(dy, f, rows, last, v, stride);
}
MOTIFLOOM_TARGET_AVX2 void inputGradientAvx2(const float (&bt)[kP][kP], const float* p, std::size_t stride, int cp,
                                             float* dd) {
    inputGradientTile<simd::Vec8>(bt, p, stride, cp, dd);
}

}  // namespace

bool WinogradConv::pays(int width, int positions) {
    if (disabledByEnvironment() || width < kMinWidth || width > kMaxWidth) return false;
    const int m = kP + 1 - width;
    if (positions < m) return false;
    const int tiles = (positions + m - 1) / m;
    return 3.0 * tiles * kP <= 2.0 * positions * width;
}

WinogradConv::WinogradConv(int width, int channels, int filters, int length, int positions, int padLeft)
    : mWidth(width), mChannels(channels), mFilters(filters), mLength(length), mPositions(positions),
      mPadLeft(padLeft), mM(kP + 1 - width), mPaddedChannels((channels + 7) / 8 * 8),
      mPaddedFilters((filters + 7) / 8 * 8),
      mTilesPerSample((positions + mM - 1) / mM) {
    assert(width >= kMinWidth && width <= kMaxWidth && positions >= 1);
    const Eigen::MatrixXd bt = powers(kP).inverse().transpose();
    const Eigen::MatrixXd g = powers(width);
    for (int x = 0; x < kP; ++x) {
        for (int j = 0; j < kP; ++j) {
            mBT[x][j] = float(bt(x, j));
        }
        for (int t = 0; t < kMaxWidth; ++t) mG[x][t] = t < width ? float(g(x, t)) : 0.0f;
    }
}

void WinogradConv::transformFilters(const float* weights, std::vector<PackedB>& out,
                                    std::vector<PackedB>* transposed) const {
    const int c = mChannels, cp = mPaddedChannels, f = mFilters, fp = mPaddedFilters;
    out.resize(kP);
    if (transposed) transposed->resize(kP);
    // G g for one point as C x fp (zero columns from f on), and as F x cp for the transposed.
    std::vector<float> v(std::size_t(c) * fp), vt(transposed ? std::size_t(f) * cp : 0, 0.0f);
    for (int x = 0; x < kP; ++x) {
        std::fill(v.begin(), v.end(), 0.0f);
        for (int t = 0; t < mWidth; ++t) {
            const float gt = mG[x][t];
            if (gt == 0.0f) continue;
            for (int ch = 0; ch < c; ++ch) {
                const float* w = weights + (std::size_t(t) * c + ch) * f;
                float* row = v.data() + std::size_t(ch) * fp;
                for (int i = 0; i < f; ++i) row[i] += gt * w[i];
            }
        }
        Gemm::pack(c, fp, v.data(), fp, false, out[std::size_t(x)]);
        if (!transposed) continue;
        for (int ch = 0; ch < c; ++ch)
            for (int i = 0; i < f; ++i) vt[std::size_t(i) * cp + ch] = v[std::size_t(ch) * fp + i];
        Gemm::pack(f, cp, vt.data(), cp, false, (*transposed)[std::size_t(x)]);
    }
}

void WinogradConv::padSample(const float* xs, float* padded) const {
    const int c = mChannels, cp = mPaddedChannels, rows = paddedRows();
    const int rowsIn = std::min(mLength, rows - mPadLeft);
    std::fill(padded, padded + std::size_t(mPadLeft) * cp, 0.0f);
    for (int q = 0; q < rowsIn; ++q) {
        float* row = padded + std::size_t(q + mPadLeft) * cp;
        std::memcpy(row, xs + std::size_t(q) * c, std::size_t(c) * sizeof(float));
        std::fill(row + c, row + cp, 0.0f);
    }
    std::fill(padded + std::size_t(rowsIn + mPadLeft) * cp, padded + std::size_t(rows) * cp, 0.0f);
}

void WinogradConv::transformInputs(InputKernel input, const float* x, long t0, int tiles, float* padded,
                                   int& current, float* u) const {
    const int cp = mPaddedChannels;
    const std::size_t uStride = std::size_t(kBlockTiles) * cp;
    for (int i = 0; i < tiles; ++i) {
        const long t = t0 + i;
        const int s = int(t / mTilesPerSample), j = int(t % mTilesPerSample);
        if (s != current) {
            padSample(x + std::size_t(s) * mLength * mChannels, padded);
            current = s;
        }
        input(mBT, padded + std::size_t(j) * mM * cp, cp, u + std::size_t(i) * cp, uStride);
    }
}

void WinogradConv::forward(const float* x, int samples, const std::vector<PackedB>& filters, const float* bias,
                           float* y, Scratch& scratch, bool accumulate) const {
    assert(int(filters.size()) == kP);
    const InputKernel input = isaPick<InputKernel>(inputGeneric, inputAvx2, inputAvx2);
    const OutputKernel output = isaPick<OutputKernel>(outputGeneric, outputAvx2, outputAvx2);
    const int cp = mPaddedChannels, f = mFilters, fp = mPaddedFilters, m = mM;
    const std::size_t sampleSize = std::size_t(paddedRows()) * cp;  // one sample's padded input
    const std::size_t uStride = std::size_t(kBlockTiles) * cp, mStride = std::size_t(kBlockTiles) * fp;
    float* padded = scratch.floatBuffer(sampleSize + kP * (uStride + mStride));
    float* u = padded + sampleSize;
    float* prod = u + kP * uStride;
    // With few filters (a block's input-gradient convolution: nn/conv_block.h), the products
    // read U's rows in place rather than packing them for one or two column panels.
    const bool narrow = fp <= 32;
    const float** lines = narrow ? scratch.lineBuffer(kBlockTiles) : nullptr;

    const long total = long(samples) * mTilesPerSample;
    const int blockTiles = tilesPerBlock(total);
    int current = -1;  // the sample in `padded`
    for (long t0 = 0; t0 < total; t0 += blockTiles) {
        const int tiles = int(std::min<long>(blockTiles, total - t0));
        transformInputs(input, x, t0, tiles, padded, current, u);
        for (int p = 0; p < kP; ++p) {
            const PackedB& b = filters[std::size_t(p)];
            if (!narrow) {
                scratch.gemm.multiplyPacked(tiles, u + p * uStride, cp, false, b, prod + p * mStride, fp, false);
                continue;
            }
            for (int i = 0; i < tiles; ++i) lines[i] = u + p * uStride + std::size_t(i) * cp;
            scratch.gemm.multiplyLinesPacked(tiles, lines, false, b, prod + p * mStride, fp, false);
        }
        for (int i = 0; i < tiles; ++i) {
            const long t = t0 + i;
            const int s = int(t / mTilesPerSample), j = int(t % mTilesPerSample);
            const int rows = std::min(m, mPositions - j * m);
            output(prod + std::size_t(i) * fp, mStride, f, bias, rows, m - 1, accumulate,
                   y + (std::size_t(s) * mPositions + std::size_t(j) * m) * f);
        }
    }
}

void WinogradConv::backward(const float* x, const float* dy, int samples, const std::vector<PackedB>& transposed,
                            float* dW, float* dx, Scratch& scratch) const {
    assert(!dx || int(transposed.size()) == kP);
    const InputKernel input = isaPick<InputKernel>(inputGeneric, inputAvx2, inputAvx2);
    const GradientKernel gradient = isaPick<GradientKernel>(gradientGeneric, gradientAvx2, gradientAvx2);
    const InputGradientKernel back = isaPick<InputGradientKernel>(inputGradientGeneric, inputGradientAvx2, inputGradientAvx2);
    const int c = mChannels, cp = mPaddedChannels, f = mFilters, m = mM;
    // As in forward: one sample's padded input, read by tile j from row j*m; and each sample's
    // padded input gradient, to which tile j adds rows j*m .. j*m + 7.
    const std::size_t sampleSize = std::size_t(paddedRows()) * cp;
    const std::size_t uStride = std::size_t(kBlockTiles) * cp, vStride = std::size_t(kBlockTiles) * f;
    const std::size_t gradients = dx ? std::size_t(samples) * sampleSize + kP * uStride : 0;
    float* xPad = scratch.floatBuffer(sampleSize + kP * (uStride + vStride) + kP * std::size_t(c) * f + gradients);
    float* u = xPad + sampleSize;
    float* v = u + kP * uStride;
    float* gw = v + kP * vStride;                    // per point: C x F, the transformed dW
    float* dxPad = gw + kP * std::size_t(c) * f;     // with dx
    float* prod = dxPad + std::size_t(samples) * sampleSize;
    const float** lines = scratch.lineBuffer(kBlockTiles);
    if (dx) std::fill(dxPad, dxPad + std::size_t(samples) * sampleSize, 0.0f);

    const long total = long(samples) * mTilesPerSample;
    const int blockTiles = tilesPerBlock(total);
    int current = -1;  // the sample in xPad
    for (long t0 = 0; t0 < total; t0 += blockTiles) {
        const int tiles = int(std::min<long>(blockTiles, total - t0));
        transformInputs(input, x, t0, tiles, xPad, current, u);
        for (int i = 0; i < tiles; ++i) {
            const long t = t0 + i;
            const int s = int(t / mTilesPerSample), j = int(t % mTilesPerSample);
            const int rows = std::min(m, mPositions - j * m);
            gradient(dy + (std::size_t(s) * mPositions + std::size_t(j) * m) * f, f, rows, m - 1,
                     v + std::size_t(i) * f, vStride);
        }
        // Weights: (C x tiles) by (tiles x F), U's tile rows read as the lines of A's transpose.
        for (int p = 0; p < kP; ++p) {
            for (int i = 0; i < tiles; ++i) lines[i] = u + p * uStride + std::size_t(i) * cp;
            scratch.gemm.multiplyLines(c, f, tiles, lines, true, v + p * vStride, f, false, gw + std::size_t(p) * c * f, f,
                                       t0 > 0);
        }
        if (!dx) continue;
        // Input: (tiles x F) by (F x cp), V's rows read in place; the products laid out as U.
        for (int p = 0; p < kP; ++p) {
            for (int i = 0; i < tiles; ++i) lines[i] = v + p * vStride + std::size_t(i) * f;
            scratch.gemm.multiplyLinesPacked(tiles, lines, false, transposed[std::size_t(p)], prod + p * uStride, cp,
                                             false);
        }
        for (int i = 0; i < tiles; ++i) {
            const long t = t0 + i;
            const int s = int(t / mTilesPerSample), j = int(t % mTilesPerSample);
            back(mBT, prod + std::size_t(i) * cp, uStride, cp,
                 dxPad + std::size_t(s) * sampleSize + std::size_t(j) * m * cp);
        }
    }
    // dW_t = sum_point G[point][t] gw[point]: the filter transform transposed.
    for (int t = 0; t < mWidth; ++t) {
        float* out = dW + std::size_t(t) * c * f;
        std::fill(out, out + std::size_t(c) * f, 0.0f);
        for (int p = 0; p < kP; ++p) {
            const float g = mG[p][t];
            if (g == 0.0f) continue;
            const float* src = gw + std::size_t(p) * c * f;
            for (std::size_t i = 0; i < std::size_t(c) * f; ++i) out[i] += g * src[i];
        }
    }
    if (!dx) return;
    const int rowsIn = std::min(mLength, paddedRows() - mPadLeft);
    for (int s = 0; s < samples; ++s) {
        float* dxs = dx + std::size_t(s) * mLength * c;
        std::fill(dxs, dxs + std::size_t(mLength) * c, 0.0f);
        for (int q = 0; q < rowsIn; ++q)
            std::memcpy(dxs + std::size_t(q) * c, dxPad + std::size_t(s) * sampleSize + std::size_t(q + mPadLeft) * cp,
                        std::size_t(c) * sizeof(float));
    }
}

}  // namespace motifloom::nn
