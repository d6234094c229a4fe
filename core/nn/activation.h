#pragma once
// Activation: element-wise non-linearity, shape preserved.
//
//   ReLU         y = max(x, 0)          dx = dy * [y > 0]   (derivative 0 at x = 0, as TF)
//   Exponential  y = exp(x)             dx = dy * y
//   Sigmoid      y = 1 / (1 + exp(-x))  dx = dy * y * (1 - y)
//   Linear       y = x                  dx = dy
// The backward pass reads only y.

#include "nn/layer.h"

namespace motifloom::nn {

class Activation : public Layer {
public:
    Activation(const arch::LayerSpec& spec, arch::Shape in, int index)
        : Layer(spec, in, in, index) {}
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Activation>(*this); }
    arch::ActivationType function() const { return mSpec.activation; }

    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
};

}  // namespace motifloom::nn
