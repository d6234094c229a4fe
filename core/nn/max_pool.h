#pragma once
// MaxPool: 1-D max-pooling per channel with TF 'same' semantics; window `size`, step `stride`
// (LayerSpec::stride(); may differ from size).
//
//   forward  x (L, C) -> y (Lout, C),  Lout = ceil(L / stride),
//            padTotal = max((Lout-1)*stride + size - L, 0), padLeft = padTotal / 2,
//            y[p][c] = max of x[q][c] over q in [p*stride - padLeft, p*stride - padLeft + size)
//            intersected with [0, L) (padded cells never win; every window holds >= 1 real cell).
//   backward dx[q][c] = sum over outputs p whose arg-max is q of dy[p][c]. The arg-max is the
//            first maximal position of the window (ties go to the leftmost).

#include "nn/layer.h"

namespace motifloom::nn {

class MaxPool : public Layer {
public:
    MaxPool(const arch::LayerSpec& spec, arch::Shape in, int index);
    std::unique_ptr<Layer> clone() const override { return std::make_unique<MaxPool>(*this); }
    static arch::Shape outputShapeFor(const arch::LayerSpec& spec, arch::Shape in);

    int size() const { return mSpec.poolSize; }
    int stride() const { return mSpec.stride(); }
    int padLeft() const { return mPadLeft; }

    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;

private:
    int mPadLeft;
};

}  // namespace motifloom::nn
