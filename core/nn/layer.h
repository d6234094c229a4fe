#pragma once
// Layer: one step of a 1-D CNN, with paired forward and backward passes over a batch.
//
// Tensors. A batch of B samples, each of shape (length L, channels C) (arch::Shape), is one
// contiguous row-major float array [sample][position][channel], channels innermost: element
// (s, l, c) is at s*L*C + l*C + c; kTensorSlack readable floats follow the last sample. Flatten changes only the shape (index l*C + c, as Keras), never
// the memory. The network's input is base codes (core/seqio/sequence_set.h), B x inputLength
// bytes; only the first layer sees them (OneHotConv1D, or the network expands them to one-hot
// floats of shape (L, 4), rows A,C,G,T, when the first layer is not a convolution).
//
// Parameters. Weights are stored in the layout Keras uses, so files and logos read naturally:
//   Conv1D  weight [tap k][input channel c][filter f]   (width x C x F), bias [F]
//   Dense   weight [input i][unit u]                    (inputs x units), bias [units]
//   BatchNorm gamma [C], beta [C]; running mean [C], running variance [C] (not trainable)
// Gradients have the same layout and hold d(loss)/d(parameter) of the last training step.
//
// Work split. A batch is cut into chunks of whole samples (ChunkPlan). The plan depends on the
// batch size alone, never on the number of threads; layers write per-chunk partial results
// (parameter gradients, batch statistics) and merge them in chunk order, so a training step
// gives bit-identical results with 1 or N threads. Most layers run chunk by chunk (forward and
// backward see samples [begin, end) of full-batch tensors); `batchWide()` layers (Dense) see
// the whole batch and parallelise internally over independent output blocks.
//
// Batch statistics. Batch normalisation in training mode needs statistics of its input over
// the whole batch before it can run: the network calls forwardStats per chunk (right after the
// chunk's input was produced, while it is in cache), then forwardSync once, then forward per
// chunk. Backward has the same three phases (backwardStats, backwardSync, backward).
//
// Input gradients in inference mode (attribution, core/attribution): inputBackward is a const
// backward pass that writes dx only, with batch norm on its running averages and dropout off.
// The forward pass before it sets Pass::forGradient so that layers keep what it needs (the
// max-pool arg-max). For a first layer reading base codes, dx is the gradient with respect to
// the one-hot input, (L, 4) floats per sample.

#include "arch/architecture.h"
#include "nn/gemm.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace motifloom::nn {

// Aligned float storage (Eigen's alignment for the build's vectors).
using FloatVector = std::vector<float, Eigen::aligned_allocator<float>>;

// Every batch tensor a layer reads is followed by at least this many readable floats, so that
// kernels may load whole vectors across the end of a row (the extra lanes are never used).
constexpr std::size_t kTensorSlack = 64;

// One trainable parameter tensor as the optimiser sees it: values, gradients (same size), and
// whether the L1/L2 penalties apply (conv/dense weights yes; biases and batch-norm no).
struct ParamView {
    std::string name;          // e.g. "layer 0 (conv) weight"
    std::span<float> value;
    std::span<float> grad;
    bool penalised = false;
};

// How a batch is cut into chunks of whole samples: chunk i is [begin(i), end(i)).
// Depends on the batch size only (determinism); at most kMaxChunks chunks (10: the paper's
// batches of 100 and 32 split into equal chunks, 5 or 4 per thread on two cores).
struct ChunkPlan {
    static constexpr int kMaxChunks = 10;
    int batch = 0;
    int grain = 1;
    int count = 0;

    static ChunkPlan forBatch(int batch);
    int begin(int chunk) const { return chunk * grain; }
    int end(int chunk) const { return chunk + 1 == count ? batch : (chunk + 1) * grain; }
};

// The chunk-order merge of per-chunk partial results: out = the sum of `count` blocks of n
// floats, `stride` floats apart, block 0 first (element-wise, so splitting the elements over
// threads changes nothing).
void sumChunkParts(const float* blocks, std::size_t stride, int count, std::size_t n, float* out);

// Per-chunk scratch memory, reused by every layer in turn (one task uses one Scratch at a time).
struct Scratch {
    Gemm gemm;
    FloatVector floats;
    std::vector<std::uint8_t> bytes;
    std::vector<const float*> lines;  // row pointers for Gemm::multiplyLines
    // At least n floats (bytes); contents undefined. Grows, never shrinks (no allocation once
    // warm).
    float* floatBuffer(std::size_t n) {
        if (floats.size() < n) floats.resize(n);
        return floats.data();
    }
    std::uint8_t* byteBuffer(std::size_t n) {
        if (bytes.size() < n) bytes.resize(n);
        return bytes.data();
    }
    const float** lineBuffer(std::size_t n) {
        if (lines.size() < n) lines.resize(n);
        return lines.data();
    }
};

// What every layer needs to know about the current pass.
struct Pass {
    bool training = false;
    int batch = 0;
    std::uint64_t stepSeed = 0;            // dropout masks derive from (stepSeed, layer, sample)
    const std::uint8_t* codes = nullptr;   // batch x inputLength base codes (first layer)
    bool forGradient = false;              // inference forward that inputBackward will follow
    ChunkPlan plan;
    std::span<Scratch> scratch;            // >= plan.count entries (batch-wide layers may use all)
};

// The samples one forward/backward call covers.
struct Chunk {
    int index = 0;    // chunk number in the plan (-1 for a batch-wide call)
    int begin = 0;    // first sample
    int end = 0;      // one past the last sample
    Scratch* scratch = nullptr;
    int size() const { return end - begin; }
};

class Layer {
public:
    // Per-batch state of one layer for one pass (masks, arg-max positions, statistics, partial
    // gradients). Made by makeWork for a capacity of samples and chunks; owned by the caller.
    struct Work {
        virtual ~Work() = default;
    };

    Layer(arch::LayerSpec spec, arch::Shape in, arch::Shape out, int index)
        : mSpec(spec), mIn(in), mOut(out), mIndex(index) {}
    virtual ~Layer() = default;
    virtual std::unique_ptr<Layer> clone() const = 0;

    const arch::LayerSpec& spec() const { return mSpec; }
    arch::LayerType type() const { return mSpec.type; }
    arch::Shape inputShape() const { return mIn; }
    arch::Shape outputShape() const { return mOut; }
    std::size_t inputSize() const { return std::size_t(mIn.length) * std::size_t(mIn.channels); }
    std::size_t outputSize() const { return std::size_t(mOut.length) * std::size_t(mOut.channels); }
    int index() const { return mIndex; }  // position in the network (seeds dropout)
    std::string describe() const;         // "layer 3 (max-pool)": 1-based, for people

    // Null when the layer keeps no per-batch state.
    virtual std::unique_ptr<Work> makeWork(int maxBatch, int maxChunks) const;

    virtual bool batchWide() const { return false; }

    // Once per pass, single-threaded, before the first forward call (e.g. rebuild lookup tables).
    virtual void beginForward(const Pass&, Work*) const {}

    virtual bool needsForwardSync(const Pass&) const { return false; }
    virtual void forwardStats(const Pass&, Work*, const Chunk&, const float* /*x*/) const {}
    virtual void forwardSync(const Pass&, Work*) const {}

    // y = layer(x) for the samples of `chunk`. x and y point at sample 0 of the batch tensors
    // (x is null for a first layer that reads pass.codes).
    virtual void forward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                         float* y) const = 0;

    virtual bool needsBackwardSync(const Pass&) const { return false; }
    virtual void backwardStats(const Pass&, Work*, const Chunk&, const float* /*x*/,
                               const float* /*dy*/) const {}
    virtual void backwardSync(const Pass&, Work*) const {}

    // Given dy = d(loss)/dy, writes dx = d(loss)/dx for the chunk's samples (skipped when dx is
    // null, as for the first layer) and the chunk's share of the parameter gradients (in work).
    virtual void backward(const Pass& pass, Work* work, const Chunk& chunk, const float* x,
                          const float* y, const float* dy, float* dx) = 0;

    // Inference-mode input gradient (see the top of this file): dx = d(loss)/dx for the chunk's
    // samples given dy, after a forward pass with pass.forGradient. Never touches parameter
    // gradients, so concurrent passes on one layer are safe. x is null for a first layer that
    // reads pass.codes; dx is never null. Every layer type of an inference pass overrides it;
    // the fused training blocks (nn/fused.h) never run in one, and the default asserts.
    virtual void inputBackward(const Pass& pass, const Work* work, const Chunk& chunk,
                               const float* x, const float* y, const float* dy,
                               float* dx) const;

    // After all backward calls of a pass: sums the chunks' partial parameter gradients into the
    // gradient tensors, in chunk order.
    virtual void finishBackward(const Pass&, Work*) {}

    // After a successful training step: folds the batch statistics into running averages.
    virtual void commit(const Pass&, Work*) {}

    virtual std::vector<ParamView> parameters() { return {}; }
    // Everything a saved network must hold: trainable tensors, then running statistics.
    virtual std::vector<std::span<float>> stateTensors() { return {}; }

protected:
    arch::LayerSpec mSpec;
    arch::Shape mIn, mOut;
    int mIndex;
};

// Runs one layer on its own over a whole batch as a single chunk (tests, tools): keeps the
// layer's per-batch state between forward and backward. The layer must outlive the runner.
class LayerRunner {
public:
    LayerRunner(Layer& layer, int batch, bool training, std::uint64_t stepSeed = 0);
    ~LayerRunner();
    // x: batch x inputSize floats (copied, with slack); a one-hot Conv1D reads `codes`
    // (batch x length) instead.
    // Returns y, batch x outputSize.
    std::vector<float> forward(const float* x, const std::uint8_t* codes = nullptr);
    // dy: batch x outputSize. Returns dx (batch x inputSize; empty for a one-hot Conv1D) and
    // leaves the parameter gradients in the layer. Training mode only, after forward.
    std::vector<float> backward(const float* dy);
    // Folds batch statistics into running averages (batch norm), as after a training step.
    void commit();

private:
    Layer& mLayer;
    Pass mPass;
    std::unique_ptr<Layer::Work> mWork;
    std::vector<Scratch> mScratch;
    std::vector<float> mX, mY;
};

// Glorot-uniform initialisation (Glorot & Bengio 2010, Keras' default): uniform in
// [-limit, limit], limit = sqrt(6 / (fanIn + fanOut)), drawn in storage order from Rng(seed).
void glorotUniform(std::span<float> weights, int fanIn, int fanOut, std::uint64_t seed);

const char* layerTypeName(arch::LayerType type);

}  // namespace motifloom::nn
