#pragma once
// Conv1D: 1-D convolution (cross-correlation, as Keras/TF) of F filters of width w over C input
// channels, stride 1.
//
//   forward   x (L, C) -> y (Lout, F),  y[p][f] = bias[f] + sum_{k<w, c<C} W[k][c][f] * x[p+k-padLeft][c]
//             positions outside [0, L) read as 0.
//   'same'  : Lout = L,         padLeft = (w-1)/2, the remaining w-1-padLeft zeros on the right (TF)
//   'valid' : Lout = L - w + 1, padLeft = 0
//   backward  dx[q][c] = sum_{k,f} W[k][c][f] dy[q-k+padLeft][f];  dW[k][c][f] = sum_p x[p+k-padLeft][c] dy[p][f]
//
// Weights W are width x C x F ([tap][channel][filter], Keras' kernel layout); bias has F entries.
// Initialisation: Glorot uniform with fanIn = w*C, fanOut = w*F; bias 0.
//
// Two code paths, same mathematics:
//  - float input: per chunk, the convolution is one matrix product of the (Lout x w*C) matrix of
//    input windows (im2col, read in place) with W; dx is the transposed product scattered back
//    (col2im).
//  - one-hot input (the network's first layer, reading base codes directly): x[q] is the one-hot
//    (or IUPAC-uniform) column of code c = codes[q], so W^T x[q] only depends on (tap, code).
//    A table T[k][c][f] = sum_{b in c} W[k][b][f] / popcount(c) (T[k][0] = 0 for padding) turns
//    the forward pass into w table lookups per position; the backward pass accumulates
//    dT[k][code][f] += dy[p][f] and folds dT back into dW. Training never computes the input
//    gradient; inputBackward (attribution) gives it with respect to the one-hot floats, by the
//    float path's formula.
// The float path runs as Winograd tiles (nn/winograd.h) where that needs clearly fewer
// multiply-adds (widths 3-7 over enough positions, e.g. the paper's second layer): the forward,
// and in training the weight and input gradients; inputBackward (attribution) stays direct.

#include "nn/layer.h"
#include "nn/winograd.h"

#include <optional>

namespace motifloom::nn {

class Conv1D : public Layer {
public:
    // `oneHotInput`: the input is pass.codes (shape (L, 4)), not a float tensor.
    Conv1D(const arch::LayerSpec& spec, arch::Shape in, int index, bool oneHotInput,
           std::uint64_t seed);
    std::unique_ptr<Layer> clone() const override { return std::make_unique<Conv1D>(*this); }

    // Output shape for an input shape (length 0 when the input is shorter than a 'valid' filter).
    static arch::Shape outputShapeFor(const arch::LayerSpec& spec, arch::Shape in);

    int width() const { return mWidth; }
    int filters() const { return mFilters; }
    int padLeft() const { return mPadLeft; }
    bool hasBias() const { return mSpec.bias; }
    bool oneHotInput() const { return mOneHot; }
    std::span<const float> weights() const { return mW; }   // width x C x F
    std::span<const float> bias() const { return mB; }      // F (empty without bias)
    std::span<float> weights() { return mW; }
    std::span<float> bias() { return mB; }
    // Gradients of the last training step, for a fused step that computes them itself
    // (nn/conv_block.h); same layouts as weights() and bias().
    std::span<float> weightGradient() { return mGradW; }
    std::span<float> biasGradient() { return mGradB; }
    // Whether the float path's forward runs as Winograd tiles; setWinograd(true) asks for it
    // where the width and positions allow it at all (tests compare the two forwards).
    bool winograd() const { return mWinograd.has_value(); }
    void setWinograd(bool on);
    // The float path's forward for `samples` consecutive samples: y = conv(x) (+ bias), x and
    // y pointing at the first sample (for a step that convolves a chunk piece by piece).
    void forwardSamples(const Work*, Scratch&, const float* x, int samples, float* y) const;

    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
    void beginForward(const Pass&, Work*) const override;
    // beginForward for a step that runs this forward with a backward pass of its own
    // (nn/conv_block.h): skips what backward() needs. Float input only.
    void beginForwardOnly(Work*) const;
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
    void finishBackward(const Pass&, Work*) override;
    std::vector<ParamView> parameters() override;
    std::vector<std::span<float>> stateTensors() override;

private:
    // Pointers to the chunk's input windows (rows of w*C floats; im2col without the copy):
    // windows inside the sequence point into x, those crossing its ends to zero-padded copies
    // kept in the chunk's scratch floats.
    const float* const* windows(const float* x, int samples, Scratch& scratch) const;
    void forwardOneHot(const Pass&, Work*, const Chunk&, float* y) const;
    void backwardOneHot(const Pass&, Work*, const Chunk&, const float* dy);

    int mWidth, mFilters, mPadLeft;
    bool mOneHot;
    std::optional<WinogradConv> mWinograd;
    FloatVector mW, mB, mGradW, mGradB;
};

}  // namespace motifloom::nn
