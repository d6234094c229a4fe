#pragma once
// BnReluPool: batch norm -> ReLU -> max-pool run as one training step (the paper's conv blocks).
//
// Same values and gradients as the three layers in turn (nn/batch_norm.h, activation.h,
// max_pool.h), with a fraction of the memory traffic:
//   forward   ReLU and max commute, max(relu(v)) = relu(max(v)), so the block pools the
//             normalised values v = gamma*(x-mean)/sqrt(var+eps) + beta window by window and
//             applies ReLU to the pooled values only; the full-size normalised and ReLU tensors
//             are never written. The arg-max is the first maximal v, which is the max-pool's
//             arg-max of relu(v) whenever the maximum is > 0; otherwise the gradient is 0 on
//             either path.
//   backward  the pooled gradient g = dy * [y > 0] reaches the batch norm only at arg-max
//             positions, so its sums (sum g, sum g*xhat) run over those; the input gradient is
//             one dense pass, dx = (x-mean)*b + k, plus a*g scattered to the arg-maxes. For pool
//             strides below 4 most positions get gradient anyway: g is scattered into a dense
//             batch-norm output gradient and the vectorised batch-norm kernels run instead.
// Used by nn::Network for training passes only (inference runs the layers one by one, so every
// layer's output stays available). The block refers to, and updates, the three layers it was
// made from; they must outlive it.

#include "nn/activation.h"
#include "nn/batch_norm.h"
#include "nn/max_pool.h"

namespace motifloom::nn {

class BnReluPool : public Layer {
public:
    BnReluPool(BatchNorm& bn, const Activation& relu, const MaxPool& pool);
    // True when a, b, c are batch norm, ReLU and max-pool (consecutive layers of a network).
    static bool matches(const Layer& a, const Layer& b, const Layer& c);
    std::unique_ptr<Layer> clone() const override { return std::make_unique<BnReluPool>(*this); }

    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
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

    // Pool strides from this one on get the sparse backward described above.
    static constexpr int kSparseFromStride = 4;
    bool sparseBackward() const { return mPool->stride() >= kSparseFromStride; }
    // The parts of the input gradient of a sparse block, valid after backwardSync:
    //   dx = (x - mean)*b + k everywhere, plus a*dy[o] at input position argMax[o] of each
    //   pooled output o = (sample, position, channel) whose argMax is >= 0.
    // a, b and k hold one value per channel; argMax has batch x outputSize entries.
    struct GradientTerms {
        const std::int32_t* argMax;
        const float *a, *b, *k;
    };
    GradientTerms gradientTerms(const Work*) const;

    // For a step that makes this block's input piece by piece and never stores it whole
    // (nn/conv_block.h); sparse blocks only:
    //  - addWindowExtremes: each pool window's largest and smallest input per channel and their
    //    first rows, for `samples` samples of input x (x may be read a vector past its end);
    //  - chunkStats: where the chunk's batch-norm statistics go (mean[C] then M2[C] over its
    //    rows), for the step to fill in place of forwardStats;
    //  - forwardFromExtremes (after forwardSync): forward's output from them, the window's
    //    largest input where the batch norm's scale is >= 0, else its smallest (the same values;
    //    among equal normalised values a later row may be taken), and that input per pooled
    //    output in atArgMax;
    //  - backwardStatsAtArgMax: backwardStats reading the input at the arg-maxes from atArgMax.
    // Extremes, atArgMax and y have the pooled output's layout (batch x positions x channels).
    struct WindowExtremes {
        float *max, *min;
        std::int32_t *argMax, *argMin;
    };
    void addWindowExtremes(const float* x, int samples, const WindowExtremes& out) const;
    double* chunkStats(Work*, int chunkIndex) const;
    void forwardFromExtremes(Work*, const Chunk&, const WindowExtremes& extremes, float* y,
                             float* atArgMax) const;
    void backwardStatsAtArgMax(Work*, const Chunk&, const float* atArgMax, const float* dy) const;

private:
    BatchNorm* mBn;
    const MaxPool* mPool;
};

}  // namespace motifloom::nn
