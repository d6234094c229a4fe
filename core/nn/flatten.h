#pragma once
// Flatten: (L, C) -> (1, L*C), element (l, c) becomes l*C + c (Keras' channels-last order).
// The memory layout is unchanged; forward and backward copy their chunk.

#include "nn/layer.h"

namespace motifloom::nn {

class Flatten : public Layer {
public:
    Flatten(const arch::LayerSpec& spec, arch::Shape in, int index)
        : Layer(spec, in, {1, in.length * in.channels}, index) {}
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Flatten>(*this); }
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
};

}  // namespace motifloom::nn
