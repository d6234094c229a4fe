#pragma once
// Network: a trainable 1-D CNN built from an arch::Architecture (the paper's models and any
// user-edited variant). Value type: copying deep-copies weights, gradients and running
// statistics (e.g. to keep the best epoch's weights); moving is cheap.
//
// Input:  base codes (core/seqio/sequence_set.h), n sequences x inputLength bytes, sequence i at
//         codes[i*inputLength, (i+1)*inputLength). Code 0 (padding) is an all-zero column.
// Output: numClasses logits per sequence; predict() applies the sigmoid (multi-label) or the
//         softmax (single-label) of architecture().output. Targets for training are n x
//         numClasses floats (multi-hot / one-hot), row-major.
// Tensors between layers are [sample][position][channel] (see nn/layer.h); activations()
//         returns them in that order.
//
// Training protocol (the trainer in core/train drives it):
//   Loss l = net.trainStep(codes, targets, batch, stepSeed);  // forward, loss, backward
//   optimizer.step(net.parameters());                          // update from the gradients
// trainStep leaves the gradients of the total loss (data + penalties) in parameters()[i].grad,
// updates the batch-norm running averages, and never changes the weights. stepSeed seeds the
// dropout masks (derive it from the run seed and the step number). Results are bit-identical
// for the same inputs whatever parallel::threadCount() is (on one machine: CPUs with and
// without AVX-512 use different kernels, nn/gemm.h, and may differ in the last bits).
//
// Layer indices in this API are 0-based (layer(i), activations(i, ...)); messages for people
// number layers from 1, as the GUI's layer list does ("layer 3 (max-pool)").
//
// Threads: const methods (predict, evaluateLoss, activations, ...) may run concurrently with
// each other; trainStep, parameters() users and assignment need exclusive access. Work inside a
// call is spread over parallel::threadCount() threads.
//
// Memory: training keeps every layer's output and gradient for the largest batch seen so far
// (allocated on the first step of that size, reused afterwards); inference allocates per call.

#include "arch/architecture.h"
#include "nn/layer.h"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace motifloom::nn {

struct Loss {
    double data = 0.0;     // mean cross-entropy (see nn/loss.h)
    double penalty = 0.0;  // l1*sum|w| + l2*sum w^2 over conv/dense weights
    double total() const { return data + penalty; }  // what training minimises (Keras' "loss")
};

class Network {
public:
    // Builds the layers and initialises weights (Glorot uniform, layer i seeded from
    // Rng(seed).split(i)), biases 0, batch norm gamma 1 / beta 0 / running mean 0 / var 1.
    // Penalties default to arch.training.l1 / l2. Throws InputError with arch::validate's
    // problems (joined by "; ", naming the layers): exactly what validate accepts builds.
    Network(const arch::Architecture& arch, std::uint64_t seed);
    Network(const Network& other);
    Network& operator=(const Network& other);
    Network(Network&&) noexcept;
    Network& operator=(Network&&) noexcept;
    ~Network();

    const arch::Architecture& architecture() const { return mArch; }
    int inputLength() const { return mArch.inputLength; }
    int numClasses() const { return mArch.numClasses; }
    int layerCount() const { return int(mLayers.size()); }
    const Layer& layer(int i) const { return *mLayers[std::size_t(i)]; }
    arch::Shape outputShape(int layerIndex) const { return layer(layerIndex).outputShape(); }
    std::vector<arch::Shape> outputShapes() const;
    long parameterCount() const;  // trainable values (running statistics excluded)

    // L1 / L2 penalty factors on conv/dense weights (nn/loss.h); default arch.training's.
    void setPenalties(double l1, double l2);
    double l1() const { return mL1; }
    double l2() const { return mL2; }

    // Training runs batch norm -> ReLU -> max-pool as one fused step (nn/fused.h): same
    // results up to float rounding, much less memory traffic. Off: every layer on its own (for
    // comparisons and tests). Default on.
    void setFusedBlocks(bool on);
    bool fusedBlocks() const { return mFuse; }
    // With fused blocks on, a convolution on float input followed by such a block with a long
    // pool stride also trains as one step (nn/conv_block.h) where that needs clearly fewer
    // multiply-adds. Always / Never override the cost estimate (tests, comparisons); the
    // environment variable MOTIFLOOM_CONV_BLOCKS=auto|never|always sets the default.
    enum class ConvBlocks { WherePaying, Always, Never };
    void setConvBlocks(ConvBlocks mode);

    // ---- training ----
    // One step in training mode on `batch` sequences (batch-norm batch statistics, dropout on).
    // Returns the loss before the update. Throws InputError ("training stopped: the loss became
    // NaN ...") when the loss is not finite; the network is then unchanged (weights, running
    // statistics). Allocates only when the batch is larger than any before.
    Loss trainStep(const std::uint8_t* codes, const float* targets, int batch,
                   std::uint64_t stepSeed);

    // The trainable tensors in layer order (weights, then bias / gamma, then beta), with the
    // gradients of the last trainStep. The views stay valid as long as this network (also
    // after it is moved into another Network object); assigning to it invalidates them.
    const std::vector<ParamView>& parameters() { return mParams; }

    // ---- inference (batch norm uses running averages, dropout off) ----
    // Probabilities, n x numClasses, into probsOut.
    void predict(const std::uint8_t* codes, std::size_t n, float* probsOut) const;
    std::vector<float> predict(const std::uint8_t* codes, std::size_t n) const;
    // Logits, n x numClasses.
    std::vector<float> logits(const std::uint8_t* codes, std::size_t n) const;
    // The current weight penalty (l1*sum|w| + l2*sum w^2 over conv/dense weights).
    double penalty() const;
    // Mean data loss over the n sequences and the current penalty.
    Loss evaluateLoss(const std::uint8_t* codes, const float* targets, std::size_t n) const;
    // Output of layer `layerIndex` for each sequence: n x length x channels of that layer.
    std::vector<float> activations(int layerIndex, const std::uint8_t* codes, std::size_t n) const;
    // Gradient of sum_k outputGrad[i][k] * logit_k(sequence i) with respect to the one-hot input
    // of each sequence, in inference mode: n x inputLength x 4 floats ([sequence][position][base],
    // bases A,C,G,T). outputGrad is n x numClasses (a one-hot row gives the gradient of one
    // class logit). An IUPAC position is a uniform column (nn/layer.h); its gradient is taken
    // there. Max-pool passes the gradient to the first maximal position of each window, ReLU at
    // exactly 0 passes none (as in training).
    std::vector<float> inputGradient(const std::uint8_t* codes, std::size_t n,
                                     const float* outputGrad) const;
    // Logits from layer `firstLayer` (> 0) on: `input` holds n tensors of that layer's input
    // shape (n x layer(firstLayer).inputSize() floats), e.g. outputs of layer firstLayer - 1
    // edited by the caller (in-silico mutagenesis changes a few first-layer positions only).
    std::vector<float> logitsFrom(int firstLayer, const float* input, std::size_t n) const;

    // Weights of convolution layer `layerIndex` as filters x channels x width
    // ([f][c][k]; for the first layer channels are A,C,G,T), ready for raw-weight logos.
    std::vector<float> convFilters(int layerIndex) const;

    // Everything layer `layerIndex` saves, in the layouts of nn/layer.h: conv/dense weight then
    // bias (if any); batch norm gamma, beta, running mean, running variance; nothing for the
    // other layers. Writable views, for importing weights trained elsewhere (core/exchange);
    // valid as long as parameters() views are.
    std::vector<std::span<float>> layerState(int layerIndex);

    // ---- persistence ----
    // Format 2: architecture as architecture.json's text, penalties, weights, running stats.
    void save(std::ostream& out) const;
    // Formats 2 and 1; throws InputError naming `source` on a bad stream or architecture.
    static Network load(std::istream& in, const std::string& source = {});

    // ---- profiling (for benchmarks) ----
    // Time spent per layer in trainStep since profiling was enabled: wall time of each call
    // summed over chunks (thread-seconds for chunked layers; batch-wide Dense layers count the
    // wall time of the whole parallel call; a fused block counts under its first layer), plus
    // loss, penalties and running averages.
    struct Profile {
        std::vector<double> forwardSeconds, backwardSeconds;  // per layer
        double lossSeconds = 0.0;                             // loss, penalties, commit
        long steps = 0;
    };
    void setProfiling(bool on);  // on: clears the counters
    Profile profile() const;

    // Sequences per internal batch of the inference methods (at most), and the bound on the
    // floats all layer outputs of such a batch may take (fewer sequences for big models).
    static constexpr std::size_t kInferenceBatch = 128;
    static constexpr std::size_t kInferenceFloats = std::size_t(8) << 20;

private:
    struct Workspace;
    Network();  // empty, for load()
    void build(std::uint64_t seed);
    void collectParameters();
    void buildSteps();  // nn/network_steps.cpp
    static ConvBlocks defaultConvBlocks();  // MOTIFLOOM_CONV_BLOCKS, else WherePaying
    Workspace& trainingWorkspace(int batch);
    void ensureWorkspace(Workspace& ws, int batch, bool training) const;
    Pass makePass(Workspace& ws, bool training, int batch, const std::uint8_t* codes,
                  std::uint64_t stepSeed) const;
    // Runs layers 0..lastLayer on the pass's batch (or firstLayer..lastLayer on `input`, the
    // batch's input tensor of firstLayer, inference only).
    // `times` (profiling, may be null): see mTimes.
    void runForward(Workspace& ws, const Pass& pass, int lastLayer, double* times = nullptr,
                    int firstLayer = 0, const float* input = nullptr) const;
    void runBackward(Workspace& ws, const Pass& pass, double* times = nullptr);
    template <class Fn>
    void forEachInferenceBatch(std::size_t n, int lastLayer, const std::uint8_t* codes, Fn&& fn) const;
    // The same with the workspace and pass: fn(first, batch, workspace, pass). With firstLayer
    // > 0, the passes start there on `input` (n x that layer's inputSize floats), not on codes.
    template <class Fn>
    void forEachInferencePass(std::size_t n, int lastLayer, const std::uint8_t* codes,
                              bool forGradient, Fn&& fn, int firstLayer = 0,
                              const float* input = nullptr) const;

    arch::Architecture mArch;
    std::vector<std::unique_ptr<Layer>> mLayers;
    std::vector<ParamView> mParams;  // views into mLayers' tensors
    // A pass runs steps: single layers, or in training a fused block of consecutive layers
    // (nn/fused.h) that reads the input of its first layer and writes the output of its last.
    struct Step {
        Layer* layer;
        int first, last;
    };
    std::vector<Step> mInferSteps, mTrainSteps;
    std::vector<std::unique_ptr<Layer>> mFused;  // the fused blocks of mTrainSteps
    bool mFuse = true;
    ConvBlocks mConvBlocks = defaultConvBlocks();
    double mL1 = 0.0, mL2 = 0.0;
    std::unique_ptr<Workspace> mTrain;  // lazily made, never copied
    // Inference workspaces kept between calls (allocating and page-faulting them costs more
    // than a validation pass); one per concurrent caller. Never copied.
    struct WorkspacePool;
    std::unique_ptr<WorkspacePool> mPool;
    bool mProfiling = false;
    std::vector<double> mTimes;  // [slot][layer][forward, backward], slot 0 = not chunked
    double mLossSeconds = 0.0;
    long mProfiledSteps = 0;
};

}  // namespace motifloom::nn
