#pragma once
// Dense: fully connected layer on a flat input.
//
//   forward  x (1, I) -> y (1, U),  y[u] = bias[u] + sum_i x[i] W[i][u]   (batch: Y = X W + b)
//   backward dX = dY W^T,  dW = X^T dY,  dbias = column sums of dY
// Weights W are I x U ([input][unit], Keras' kernel layout); Glorot uniform (fanIn = I,
// fanOut = U); bias 0. The input must have length 1 (a Flatten before the first Dense).
//
// Batch-wide layer: each product is split into blocks of output columns, one task per block,
// so every output element is computed by exactly one task (no reduction, thread-independent).

#include "nn/layer.h"

namespace motifloom::nn {

class Dense : public Layer {
public:
    Dense(const arch::LayerSpec& spec, arch::Shape in, int index, std::uint64_t seed);
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Dense>(*this); }

    int inputs() const { return mIn.channels; }
    int units() const { return mOut.channels; }
    bool hasBias() const { return mSpec.bias; }
    std::span<const float> weights() const { return mW; }  // inputs x units
    std::span<const float> bias() const { return mB; }
    std::span<float> weights() { return mW; }
    std::span<float> bias() { return mB; }

    bool batchWide() const override { return true; }
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
    std::vector<ParamView> parameters() override;
    std::vector<std::span<float>> stateTensors() override;

    // Column blocks used to split an n-column product (at most one per thread, and at most
    // ChunkPlan::kMaxChunks).
    static int blockWidth(int n);

private:
    FloatVector mW, mB, mGradW, mGradB;
};

}  // namespace motifloom::nn
