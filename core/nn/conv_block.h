#pragma once
// ConvBnReluPool: a convolution on float input followed by a sparse batch norm -> ReLU ->
// max-pool block (nn/fused.h), trained as one step whose backward pass never forms the dense
// gradient of the convolution's output.
//
// Why. When a pool window covers many convolution outputs (the paper's second blocks pool 100,
// 50 or 25 positions into one), the pooled gradient reaches the convolution's output Z at one
// position per window, filter and sample; the batch norm adds a term affine in Z everywhere:
//     dZ = a*S + (Z - mean)*b + k        S: the pooled gradient at the arg-maxes; a, b, k per filter
// The plain path multiplies this dense dZ twice (dW = X^T dZ and dX = dZ W^T, where X holds the
// input windows as rows of w*C values): 2*P*w*C*F multiply-adds per sample. Here, with xbar the
// mean window and n = batch * P windows, Z - mean = (X - xbar) W (a conv bias cancels), so
//     dW = X^T (a*S) + (G - n xbar xbar^T) W diag(b) + n xbar k^T,    G = X^T X
//     dX = (a*S) W^T + (X - xbar) M + 1 (W k)^T,                      M = W diag(b) W^T
// and the structure of X does the rest:
//   - the Gram matrix G is block-Toeplitz in the taps: the input's correlations at lags 0..w-1
//     (one product of L x w*C windows with the input, L*w*C*C per sample), minus the windows
//     that touch the sequence but are not outputs (the padding's edge windows);
//   - the input gradient col2im(X M) is a convolution of the input with 2w-1 taps of C x C
//     blocks of M (L*(2w-1)*C*C per sample, fewer as Winograd tiles), minus the same edge
//     windows;
//   - the sparse terms cost one window per arg-max.
// For the paper's CNN-2 (C = 30, w = 5, F = 128, P = 100) that is about 1.5 million
// multiply-adds per sample instead of 3.8 million; `pays()` decides per layer from these counts.
// Same gradients as the separate layers up to float rounding (tests/core/nn/test_nn_gradients
// checks them against a double-precision reference).
//
// Used by nn::Network for training passes only, like BnReluPool; refers to, and updates, the
// convolution and the batch norm it was made from, which must outlive it.

#include "nn/conv1d.h"
#include "nn/fused.h"

#include <vector>

namespace motifloom::nn {

class ConvBnReluPool : public Layer {
public:
    ConvBnReluPool(Conv1D& conv, BatchNorm& bn, const Activation& relu, const MaxPool& pool);
    // True when a..d are a convolution on float input, batch norm, ReLU and a max-pool whose
    // stride gives the sparse backward (BnReluPool::sparseBackward).
    static bool matches(const Layer& a, const Layer& b, const Layer& c, const Layer& d);
    // True when the structured backward needs clearly fewer multiply-adds than the plain one
    // (counts above) for this convolution.
    static bool pays(const Conv1D& conv, const MaxPool& pool);

    std::unique_ptr<Layer> clone() const override { return std::make_unique<ConvBnReluPool>(*this); }
    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
    void beginForward(const Pass&, Work*) const override;
    bool needsForwardSync(const Pass&) const override { return true; }
    void forwardStats(const Pass&, Work*, const Chunk&, const float* x) const override;
    void forwardSync(const Pass&, Work*) const override;
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    bool needsBackwardSync(const Pass&) const override { return true; }
    void backwardStats(const Pass&, Work*, const Chunk&, const float* x,
                       const float* dy) const override;
    void backwardSync(const Pass&, Work*) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void finishBackward(const Pass&, Work*) override;
    void commit(const Pass&, Work*) override;

private:
    // Samples per piece of the forward pass: the convolution's output is made, and reduced to
    // the batch norm's statistics and each pool window's extremes, a piece at a time, so it is
    // never stored whole (nor read back from memory).
    int piece() const;
    BnReluPool::WindowExtremes extremes(Work* work) const;
    // Copies window p of sample xs (w*C values, zero beyond the sequence) to out.
    void copyWindow(const float* xs, int p, float* out) const;
    // Lines of `span` input rows from row q + offset, for every q < L of sample xs: pointers
    // into xs inside the sequence, zero-padded copies at `copy` (advanced) where they leave it;
    // copiedLines says how many copies a sample needs.
    void sampleLines(const float* xs, int offset, int span, const float** lines, float*& copy) const;
    int copiedLines(int offset, int span) const;
    // The sample's edge windows (mEdgeWindows), one after the other at `out` (advanced).
    void sampleEdgeWindows(const float* xs, float*& out) const;
    // The chunk's share of G and of the window sums (forward, while the input is in cache).
    void addGram(const Chunk& chunk, const float* x, Work* work) const;
    // dx for the chunk: the (X - xbar) M + W k part (the sparse part is added by backward).
    void denseInputGradient(const Chunk& chunk, const float* x, Work* work, float* dx) const;

    Conv1D* mConv;
    BnReluPool mBlock;
    int mLength, mChannels, mWidth, mPad, mPositions, mFilters, mWindow;  // L, C, w, pad, P, F, w*C
    std::vector<int> mEdgeWindows;  // windows touching the sequence that are not outputs
    // The input-gradient convolution's 2w-1 taps as two Winograd convolutions of the input
    // (nn/winograd.h) where both pay: taps 0..w-2 read the w-1 rows before q, taps w-1..2w-2
    // the w rows from q on. Otherwise one product of the wide windows.
    std::optional<WinogradConv> mLagBefore, mLagFrom;
};

}  // namespace motifloom::nn
