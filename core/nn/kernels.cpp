#include "nn/kernels.h"

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

// Calls body(offset, n) for each period of a block of `rows` rows (n = P floats, the last one
// possibly shorter) and flush() every kFlushPeriods periods and at the end.
template <class Body, class Flush>
void periods(std::size_t rows, int channels, Body&& body, Flush&& flush) {
    const std::size_t p = std::size_t(periodFloats(channels));
    const std::size_t total = rows * std::size_t(channels);
    int pending = 0;
    for (std::size_t off = 0; off < total; off += p) {
        body(off, std::min(p, total - off));
        if (++pending == kFlushPeriods) {
            flush();
            pending = 0;
        }
    }
    if (pending) flush();
}
}  // namespace

void makePattern(const float* perChannel, int channels, float* pattern) {
    const int rows = periodRows(channels);
    for (int r = 0; r < rows; ++r) std::copy(perChannel, perChannel + channels, pattern + std::size_t(r) * channels);
}

void addChannelSums(const float* __restrict x, std::size_t rows, int channels, double* sums,
                    float* __restrict acc) {
    std::fill(acc, acc + periodFloats(channels), 0.0f);
    periods(rows, channels, [&](std::size_t off, std::size_t n) {
        const float* __restrict xp = x + off;
        for (std::size_t i = 0; i < n; ++i) acc[i] += xp[i];
    }, [&] { fold(acc, channels, sums); });
}

void addChannelSquares(const float* __restrict x, std::size_t rows, int channels,
                       const float* __restrict meanPattern, double* sums, float* __restrict acc) {
    std::fill(acc, acc + periodFloats(channels), 0.0f);
    periods(rows, channels, [&](std::size_t off, std::size_t n) {
        const float* __restrict xp = x + off;
        for (std::size_t i = 0; i < n; ++i) {
            const float d = xp[i] - meanPattern[i];
            acc[i] += d * d;
        }
    }, [&] { fold(acc, channels, sums); });
}

void addChannelGradSums(const float* __restrict x, const float* __restrict dy, std::size_t rows,
                        int channels, const float* __restrict meanPattern,
                        const float* __restrict invStdPattern, double* sumDy, double* sumDyXhat,
                        float* __restrict acc) {
    const std::size_t p = std::size_t(periodFloats(channels));
    float* __restrict acc2 = acc + p;
    std::fill(acc, acc + 2 * p, 0.0f);
    periods(rows, channels, [&](std::size_t off, std::size_t n) {
        const float* __restrict xp = x + off;
        const float* __restrict gp = dy + off;
        for (std::size_t i = 0; i < n; ++i) {
            acc[i] += gp[i];
            acc2[i] += gp[i] * ((xp[i] - meanPattern[i]) * invStdPattern[i]);
        }
    }, [&] {
        fold(acc, channels, sumDy);
        fold(acc2, channels, sumDyXhat);
    });
}

void normalize(const float* __restrict x, std::size_t rows, int channels,
               const float* __restrict meanPattern, const float* __restrict scalePattern,
               const float* __restrict shiftPattern, float* __restrict y) {
    periods(rows, channels, [&](std::size_t off, std::size_t n) {
        const float* __restrict xp = x + off;
        float* __restrict yp = y + off;
        for (std::size_t i = 0; i < n; ++i)
            yp[i] = (xp[i] - meanPattern[i]) * scalePattern[i] + shiftPattern[i];
    }, [] {});
}

void batchNormGrad(const float* __restrict x, const float* __restrict dy, std::size_t rows,
                   int channels, const float* __restrict aPattern,
                   const float* __restrict meanPattern, const float* __restrict bPattern,
                   const float* __restrict kPattern, float* __restrict dx) {
    periods(rows, channels, [&](std::size_t off, std::size_t n) {
        const float* __restrict xp = x + off;
        const float* __restrict gp = dy + off;
        float* __restrict dp = dx + off;
        for (std::size_t i = 0; i < n; ++i)
            dp[i] = gp[i] * aPattern[i] + (xp[i] - meanPattern[i]) * bPattern[i] + kPattern[i];
    }, [] {});
}

}  // namespace motifloom::nn::kernels
