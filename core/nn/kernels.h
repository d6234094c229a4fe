#pragma once
// Element-wise kernels on [rows x C] blocks (channels innermost) shared by the layers.
//
// Per-channel operations (batch-norm scale, statistics) vectorise poorly row by row when C is
// not a multiple of the vector width (C = 30 filters). They run instead over "periods" of
// R = ceil(256 / C) rows, i.e. P = R*C consecutive floats, against per-channel values repeated
// R times (a pattern of P floats): one long, vectorisable inner loop per period.
// Partial sums are float within at most kFlushPeriods periods, then added to double.

#include <cstddef>
#include <cstdint>

namespace motifloom::nn::kernels {

constexpr int kFlushPeriods = 32;

// Rows per period for C channels, and the period length in floats.
inline int periodRows(int channels) { return (256 + channels - 1) / channels; }
inline int periodFloats(int channels) { return periodRows(channels) * channels; }

// pattern[i] = perChannel[i % C] for i < periodFloats(C).
void makePattern(const float* perChannel, int channels, float* pattern);

// sums[c] += sum over rows of x[r][c]. acc: periodFloats(C) floats of scratch.
void addChannelSums(const float* x, std::size_t rows, int channels, double* sums, float* acc);
// sums[c] += sum over rows of (x[r][c] - mean[c])^2, meanPattern a pattern of the means.
void addChannelSquares(const float* x, std::size_t rows, int channels, const float* meanPattern,
                       double* sums, float* acc);
// sumDy[c] += sum dy[r][c];  sumDyXhat[c] += sum dy[r][c] * (x[r][c] - mean[c]) * invStd[c].
void addChannelGradSums(const float* x, const float* dy, std::size_t rows, int channels,
                        const float* meanPattern, const float* invStdPattern, double* sumDy,
                        double* sumDyXhat, float* acc);
// y = (x - mean[c]) * scale[c] + shift[c]  (centring first keeps precision when |mean| >> std).
void normalize(const float* x, std::size_t rows, int channels, const float* meanPattern,
               const float* scalePattern, const float* shiftPattern, float* y);
// dx = dy * a[c] + (x - mean[c]) * b[c] + k[c].
void batchNormGrad(const float* x, const float* dy, std::size_t rows, int channels,
                   const float* aPattern, const float* meanPattern, const float* bPattern,
                   const float* kPattern, float* dx);

}  // namespace motifloom::nn::kernels
