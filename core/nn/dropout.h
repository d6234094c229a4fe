#pragma once
// Dropout: inverted dropout (Srivastava et al. 2014, as Keras). Shape preserved.
//
//   training   y = x * keep / (1 - rate), keep ~ Bernoulli(1 - rate) per element;
//              dx = dy * keep / (1 - rate)
//   inference  y = x
// Masks are reproducible: sample s of dropout layer i at a step with seed `stepSeed` draws from
// Rng(stepSeed).split(i).split(s) (dropoutKeepMask), 32 random bits per element, so they never
// depend on threads or on how the batch is chunked.

#include "nn/layer.h"

namespace motifloom::nn {

// Keep flags (1 = kept) for `count` elements of one sample; rate in [0, 1).
void dropoutKeepMask(std::uint64_t stepSeed, int layerIndex, int sample, double rate,
                     std::size_t count, std::uint8_t* keep);

class Dropout : public Layer {
public:
    Dropout(const arch::LayerSpec& spec, arch::Shape in, int index) : Layer(spec, in, in, index) {}
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Dropout>(*this); }
    double rate() const { return mSpec.dropRate; }

    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
};

}  // namespace motifloom::nn
