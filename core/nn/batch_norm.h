#pragma once
// BatchNorm: batch normalisation (Ioffe & Szegedy 2015) per channel over (batch x length).
//
//   forward  x (L, C) -> y (L, C),  y = gamma * (x - mean) / sqrt(var + eps) + beta
//     training:  mean, var = statistics of this channel over all B*L values of the batch
//                (var biased, divided by B*L, as Keras/TF and PyTorch normalise);
//     inference: the running averages.
//   backward (training), with n = B*L, xhat = (x - mean) / sqrt(var + eps):
//     dgamma = sum dy*xhat,  dbeta = sum dy,
//     dx = gamma / sqrt(var + eps) * (dy - dbeta/n - xhat * dgamma/n)
//   running averages after each successful training step (commit):
//     runningMean = m * runningMean + (1-m) * mean
//     runningVar  = m * runningVar  + (1-m) * var * n/(n-1)   (unbiased, as PyTorch and TF's
//                   fused kernel; m = LayerSpec::momentum)
// Init: gamma 1, beta 0, running mean 0, running variance 1. Statistics are accumulated in
// double per chunk and merged in chunk order (Chan et al.'s pairwise formula).

#include "nn/layer.h"

namespace motifloom::nn {

class BatchNorm : public Layer {
public:
    // Per-pass state (what makeWork returns). Public so that fused blocks (nn/fused.h) can
    // drive the same statistics: per-channel values are stored as patterns (nn/kernels.h), whose
    // first C entries are the values per channel.
    struct BatchWork : Work {
        std::vector<double> partStats;  // per chunk: mean[C], m2[C]
        std::vector<double> partGrads;  // per chunk: sum dy[C], sum dy*xhat[C]
        std::vector<double> mean, var;  // batch statistics (training; var biased)
        std::vector<double> sumDy, sumDyXhat;
        double n = 0;                   // values per channel in the batch
        FloatVector scale, shift;       // forward: y = (x - mean32)*scale + shift
        FloatVector mean32, invStd;     // xhat = (x - mean32) * invStd
        FloatVector gradA, gradB, gradK;  // dx = dy*gradA + (x - mean32)*gradB + gradK
    };

    BatchNorm(const arch::LayerSpec& spec, arch::Shape in, int index);

    // Mean and M2 (sum of squared deviations from the mean) per channel of `rows` rows of x,
    // by forwardStats' two passes (sums, then squares around the float-rounded mean).
    static void rowStats(const float* x, std::size_t rows, int channels, double* mean, double* m2,
                         Scratch& scratch);
    // Chan et al.'s pairwise merge, per channel: (n, mean, m2) absorbs (nk, meanK, m2K).
    static void mergeStats(double n, double* mean, double* m2, double nk, const double* meanK,
                           const double* m2K, int channels);
    std::unique_ptr<Layer> clone() const override { return std::make_unique<BatchNorm>(*this); }

    int channels() const { return mIn.channels; }
    std::span<const float> gamma() const { return mGamma; }
    std::span<const float> beta() const { return mBeta; }
    std::span<const float> runningMean() const { return mRunMean; }
    std::span<const float> runningVariance() const { return mRunVar; }
    std::span<float> gamma() { return mGamma; }
    std::span<float> beta() { return mBeta; }
    std::span<float> runningMean() { return mRunMean; }
    std::span<float> runningVariance() { return mRunVar; }

    std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const override;
    void beginForward(const Pass&, Work*) const override;
    bool needsForwardSync(const Pass& pass) const override { return pass.training; }
    void forwardStats(const Pass&, Work*, const Chunk&, const float* x) const override;
    void forwardSync(const Pass&, Work*) const override;
    void forward(const Pass&, Work*, const Chunk&, const float* x, float* y) const override;
    bool needsBackwardSync(const Pass& pass) const override { return pass.training; }
    void backwardStats(const Pass&, Work*, const Chunk&, const float* x,
                       const float* dy) const override;
    void backwardSync(const Pass&, Work*) const override;
    void backward(const Pass&, Work*, const Chunk&, const float* x, const float* y,
                  const float* dy, float* dx) override;
    void inputBackward(const Pass&, const Work*, const Chunk&, const float* x, const float* y,
                       const float* dy, float* dx) const override;
    void finishBackward(const Pass&, Work*) override;
    void commit(const Pass&, Work*) override;
    std::vector<ParamView> parameters() override;
    std::vector<std::span<float>> stateTensors() override;

private:
    FloatVector mGamma, mBeta, mRunMean, mRunVar, mGradGamma, mGradBeta;
};

}  // namespace motifloom::nn
