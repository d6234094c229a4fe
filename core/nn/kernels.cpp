#include "nn/kernels.h"

#include "nn/isa.h"
#include "nn/simd.h"

#include <algorithm>

namespace motifloom::nn::kernels {

namespace {
// sums[c] += acc[r*C + c] over the pattern's rows; acc is cleared.
void fold(float* acc, int channels, double* sums) {
    const int rows = periodRows(channels);
    for (int r = 0; r < rows; ++r) {
        float* a = acc + std::size_t(r) * channels;
        for (int c = 0; c < channels; ++c) {
            sums[c] += double(a[c]);
            a[c] = 0.0f;
        }
    }
}

// The loops are left to the auto-vectoriser: each body below is compiled for the baseline and,
// inlined into a target-attributed copy, for AVX2 + FMA, which also serves AVX-512 CPUs (GCC 12
// must not auto-vectorise for AVX-512, nn/isa.h). A block of `rows` rows is walked in periods
// of P = periodFloats(C) floats (the last one possibly shorter); the float partial sums are
// folded into double every kFlushPeriods periods and at the end.

MOTIFLOOM_SIMD_INLINE void channelSumsBody(const float* __restrict x, std::size_t rows, int channels,
                                           double* sums, float* __restrict acc) {
    const std::size_t p = std::size_t(periodFloats(channels)), total = rows * std::size_t(channels);
    std::fill(acc, acc + p, 0.0f);
    int pending = 0;
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        for (std::size_t i = 0; i < n; ++i) acc[i] += xp[i];
        if (++pending == kFlushPeriods) {
            fold(acc, channels, sums);
            pending = 0;
        }
    }
    if (pending) fold(acc, channels, sums);
}

MOTIFLOOM_SIMD_INLINE void channelSquaresBody(const float* __restrict x, std::size_t rows, int channels,
                                              const float* __restrict meanPattern, double* sums,
                                              float* __restrict acc) {
    const std::size_t p = std::size_t(periodFloats(channels)), total = rows * std::size_t(channels);
    std::fill(acc, acc + p, 0.0f);
    int pending = 0;
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        for (std::size_t i = 0; i < n; ++i) {
            const float d = xp[i] - meanPattern[i];
            acc[i] += d * d;
        }
        if (++pending == kFlushPeriods) {
            fold(acc, channels, sums);
            pending = 0;
        }
    }
    if (pending) fold(acc, channels, sums);
}

MOTIFLOOM_SIMD_INLINE void channelGradSumsBody(const float* __restrict x, const float* __restrict dy,
                                               std::size_t rows, int channels,
                                               const float* __restrict meanPattern,
                                               const float* __restrict invStdPattern, double* sumDy,
                                               double* sumDyXhat, float* __restrict acc) {
    const std::size_t p = std::size_t(periodFloats(channels)), total = rows * std::size_t(channels);
    float* __restrict acc2 = acc + p;
    std::fill(acc, acc + 2 * p, 0.0f);
    int pending = 0;
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        const float* __restrict gp = dy + off;
        for (std::size_t i = 0; i < n; ++i) {
            acc[i] += gp[i];
            acc2[i] += gp[i] * ((xp[i] - meanPattern[i]) * invStdPattern[i]);
        }
        if (++pending == kFlushPeriods || off + p >= total) {
            fold(acc, channels, sumDy);
            fold(acc2, channels, sumDyXhat);
            pending = 0;
        }
    }
}

MOTIFLOOM_SIMD_INLINE void normalizeBody(const float* __restrict x, std::size_t rows, int channels,
                                         const float* __restrict meanPattern,
                                         const float* __restrict scalePattern,
                                         const float* __restrict shiftPattern, float* __restrict y) {
    const std::size_t p = std::size_t(periodFloats(channels)), total = rows * std::size_t(channels);
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        float* __restrict yp = y + off;
        for (std::size_t i = 0; i < n; ++i)
            yp[i] = (xp[i] - meanPattern[i]) * scalePattern[i] + shiftPattern[i];
    }
}

MOTIFLOOM_SIMD_INLINE void batchNormGradBody(const float* __restrict x, const float* __restrict dy,
                                             std::size_t rows, int channels,
                                             const float* __restrict aPattern,
                                             const float* __restrict meanPattern,
                                             const float* __restrict bPattern,
                                             const float* __restrict kPattern, float* __restrict dx) {
    const std::size_t p = std::size_t(periodFloats(channels)), total = rows * std::size_t(channels);
    for (std::size_t off = 0; off < total; off += p) {
        const std::size_t n = std::min(p, total - off);
        const float* __restrict xp = x + off;
        const float* __restrict gp = dy + off;
        float* __restrict dp = dx + off;
        for (std::size_t i = 0; i < n; ++i)
            dp[i] = gp[i] * aPattern[i] + (xp[i] - meanPattern[i]) * bPattern[i] + kPattern[i];
    }
}

// name##Generic (baseline) and name##Avx2 (AVX2 + FMA) copies of name##Body.
#define ML_KERNEL_VARIANTS(name, params, args)                        \
    void name##Generic params { name##Body args; }                    \
    MOTIFLOOM_TARGET_AVX2 void name##Avx2 params { name##Body args; } \
    using name##Kernel = decltype(&name##Generic);

ML_KERNEL_VARIANTS(channelSums, (const float* x, std::size_t rows, int channels, double* sums, float* acc),
                   (x, rows, channels, sums, acc))
ML_KERNEL_VARIANTS(channelSquares,
                   (const float* x, std::size_t rows, int channels, const float* meanPattern, double* sums,
                    float* acc),
                   (x, rows, channels, meanPattern, sums, acc))
ML_KERNEL_VARIANTS(channelGradSums,
                   (const float* x, const float* dy, std::size_t rows, int channels, const float* meanPattern,
                    const float* invStdPattern, double* sumDy, double* sumDyXhat, float* acc),
                   (x, dy, rows, channels, meanPattern, invStdPattern, sumDy, sumDyXhat, acc))
ML_KERNEL_VARIANTS(normalize,
                   (const float* x, std::size_t rows, int channels, const float* meanPattern,
                    const float* scalePattern, const float* shiftPattern, float* y),
                   (x, rows, channels, meanPattern, scalePattern, shiftPattern, y))
ML_KERNEL_VARIANTS(batchNormGrad,
                   (const float* x, const float* dy, std::size_t rows, int channels, const float* aPattern,
                    const float* meanPattern, const float* bPattern, const float* kPattern, float* dx),
                   (x, dy, rows, channels, aPattern, meanPattern, bPattern, kPattern, dx))
#undef ML_KERNEL_VARIANTS

// The AVX2 copy for both AVX2 and AVX-512 CPUs.
template <class F>
F pick(F generic, F avx2) {
    return isaPick(generic, avx2, avx2);
}
}  // namespace

void makePattern(const float* perChannel, int channels, float* pattern) {
    const int rows = periodRows(channels);
    for (int r = 0; r < rows; ++r) std::copy(perChannel, perChannel + channels, pattern + std::size_t(r) * channels);
}

void addChannelSums(const float* x, std::size_t rows, int channels, double* sums, float* acc) {
    pick(channelSumsGeneric, channelSumsAvx2)(x, rows, channels, sums, acc);
}

void addChannelSquares(const float* x, std::size_t rows, int channels, const float* meanPattern,
                       double* sums, float* acc) {
    pick(channelSquaresGeneric, channelSquaresAvx2)(x, rows, channels, meanPattern, sums, acc);
}

void addChannelGradSums(const float* x, const float* dy, std::size_t rows, int channels,
                        const float* meanPattern, const float* invStdPattern, double* sumDy,
                        double* sumDyXhat, float* acc) {
    pick(channelGradSumsGeneric, channelGradSumsAvx2)(x, dy, rows, channels, meanPattern, invStdPattern,
                                                      sumDy, sumDyXhat, acc);
}

void normalize(const float* x, std::size_t rows, int channels, const float* meanPattern,
               const float* scalePattern, const float* shiftPattern, float* y) {
    pick(normalizeGeneric, normalizeAvx2)(x, rows, channels, meanPattern, scalePattern, shiftPattern, y);
}

void batchNormGrad(const float* x, const float* dy, std::size_t rows, int channels,
                   const float* aPattern, const float* meanPattern, const float* bPattern,
                   const float* kPattern, float* dx) {
    pick(batchNormGradGeneric, batchNormGradAvx2)(x, dy, rows, channels, aPattern, meanPattern, bPattern,
                                                  kPattern, dx);
}

}  // namespace motifloom::nn::kernels
