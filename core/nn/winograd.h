#pragma once
// WinogradConv: the forward pass of a stride-1 convolution on float input (nn/conv1d.h) by
// Winograd's minimal filtering F(m, w) over tiles of 8 input rows, m = 9 - w outputs each, and
// its training step's backward pass by the same tiles run backwards.
//
// Why. A convolution on float input is one product of the (positions x w*C) windows with the
// (w*C x F) weights. Cut into tiles of m outputs, each (channel, filter) pair is a 1-D
// correlation that Toom-Cook computes with 8 multiplications instead of m*w:
//     y_tile = AT [ (G g) (.) (BT d) ]      d: the tile's 8 input rows, g: the filter's w taps
// so the convolution becomes 8 products of (tiles x C) by (C x F), one per evaluation point:
// 8 / (m*w) of the multiply-adds, 2.5x fewer for the paper's width 5 (m = 4). The transforms
// of the input (8 x 8 per tile and channel) and of the output (m x 8 per tile and filter) cost
// a few percent of that.
//
// The points are 0, +-1, +-2, +-1/2 and infinity: with Vn holding their powers 0..n-1 (the
// infinity row picks the top power), AT = Vm^T, G = Vw and BT = (V8^-1)^T. In float they give
// the direct product's result within about 1e-6 of the largest output for w = 5
// (tests/core/nn/test_nn_winograd.cpp states the bound for every width it takes and checks it).
//
// Results depend on the operands only (fixed tiles and blocks), never on the thread count.

#include "nn/gemm.h"

#include <vector>

namespace motifloom::nn {

struct Scratch;

class WinogradConv {
public:
    static constexpr int kPoints = 8;  // input rows per tile = evaluation points
    static constexpr int kMinWidth = 3, kMaxWidth = 7;

    // Whether a width-w convolution with `positions` outputs per sample should run this way:
    // 3 <= w <= 7, at least one whole tile, and at most 2/3 of the direct multiply-adds.
    // MOTIFLOOM_WINOGRAD=never turns it off (for comparisons), =auto (default) decides.
    static bool pays(int width, int positions);

    // x: samples x length x channels; y: samples x positions x filters; 'same' or 'valid' as
    // Conv1D (padLeft zeros on the left).
    WinogradConv(int width, int channels, int filters, int length, int positions, int padLeft);
    int outputsPerTile() const { return mM; }

    // The weights (Conv1D's layout, width x C x F) transformed per point and packed for the
    // products; once per pass, under the ISA the products will run with. If `transposed` is not
    // null, it gets the same filters as F x C (channels padded with zeros) for backward's dx.
    void transformFilters(const float* weights, std::vector<PackedB>& out,
                          std::vector<PackedB>* transposed = nullptr) const;
    // y = conv(x) + bias (bias may be null) for `samples` samples, with the filters from
    // transformFilters; y += conv(x) + bias with `accumulate`. Uses the scratch's floats and GEMM.
    void forward(const float* x, int samples, const std::vector<PackedB>& filters, const float* bias,
                 float* y, Scratch& scratch, bool accumulate = false) const;
    // The gradients of forward for `samples` samples from dy (samples x positions x F), by
    // the same tiles run backwards with V = A dy_tile (A = AT's transpose):
    //   dW (width x C x F, overwritten): dW_t = sum_point G[point][t] sum_tiles U^T V, 8 products
    //     of (C x tiles) by (tiles x F) with U = BT d, the forward's transformed input;
    //   dx (samples x length x C, overwritten; skipped when null): dx_tile = B [(G g) (.) V],
    //     8 products of (tiles x F) by (F x C), the tiles' rows added where they overlap.
    // Each needs 8 / (m*w) of the direct products' multiply-adds, as the forward.
    // `transposed` from transformFilters (used for dx only).
    void backward(const float* x, const float* dy, int samples, const std::vector<PackedB>& transposed,
                  float* dW, float* dx, Scratch& scratch) const;

private:
    // Rows of one sample's padded input (and input gradient): tile j covers rows j*m .. j*m + 7.
    int paddedRows() const { return mTilesPerSample * mM + kPoints; }
    // One sample's input with padLeft zero rows before it and zeros after, channels padded to
    // cp: paddedRows() rows.
    void padSample(const float* xs, float* padded) const;
    // U (point rows kBlockTiles * cp floats apart) for tiles t0 .. t0 + tiles - 1 of x, padding
    // each new sample into `padded` (`current`: the sample it holds).
    using InputKernel = void (*)(const float (&)[kPoints][kPoints], const float*, int, float*, std::size_t);
    void transformInputs(InputKernel input, const float* x, long t0, int tiles, float* padded, int& current,
                         float* u) const;

    int mWidth, mChannels, mFilters, mLength, mPositions, mPadLeft;
    int mM, mPaddedChannels, mPaddedFilters, mTilesPerSample;
    float mBT[kPoints][kPoints];   // input transform
    float mG[kPoints][kMaxWidth];  // filter transform (the output transform is AT's structure,
                                   // spelled out in outputTile)
};

}  // namespace motifloom::nn
