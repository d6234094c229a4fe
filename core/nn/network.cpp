#include "nn/network.h"

#include "nn/activation.h"
#include "nn/batch_norm.h"
#include "nn/conv1d.h"
#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/loss.h"
#include "nn/max_pool.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <chrono>
#include <cmath>

namespace motifloom::nn {

// Per-batch buffers of one kind of pass. Sized for `capacity` samples; smaller batches use a
// prefix, so a short last batch of an epoch costs no allocation.
struct Network::Workspace {
    int capacity = 0;
    bool training = false;
    // Layer outputs, capacity x outputSize each. (Sharing buffers between layers in inference
    // would race: chunks run different layers at once, with different sample strides.)
    std::vector<float*> out;
    std::vector<FloatVector> own;
    std::vector<FloatVector> grad;  // per layer, training only: d(loss)/d(output)
    FloatVector oneHot;             // capacity x inputLength x 4 if the first layer needs floats
    std::vector<std::unique_ptr<Layer::Work>> work;  // per step of the pass's plan
    std::vector<Scratch> scratch;   // one per chunk, and per column block of batch-wide layers
};

struct Network::WorkspacePool {
    std::mutex mutex;
    std::vector<std::unique_ptr<Workspace>> free;

    std::unique_ptr<Workspace> acquire() {
        std::lock_guard lock(mutex);
        if (free.empty()) return std::make_unique<Workspace>();
        auto ws = std::move(free.back());
        free.pop_back();
        return ws;
    }
    void release(std::unique_ptr<Workspace> ws) {
        std::lock_guard lock(mutex);
        free.push_back(std::move(ws));
    }
};

namespace {

// One-hot (or IUPAC-uniform) floats of a code: base b gets ((code >> b) & 1) / popcount(code).
void expandCodes(const std::uint8_t* codes, std::size_t n, float* out) {
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned code = codes[i] & 15u;
        const int bases = std::popcount(code);
        const float v = bases ? 1.0f / float(bases) : 0.0f;
        for (int b = 0; b < 4; ++b) out[4 * i + std::size_t(b)] = ((code >> b) & 1u) ? v : 0.0f;
    }
}

std::uint64_t layerSeed(std::uint64_t seed, int index) {
    return Rng(seed).split(std::uint64_t(index)).next();
}

// Adds the run time of fn() to *slot when slot is not null.
template <class Fn>
void timed(double* slot, Fn&& fn) {
    if (!slot) {
        fn();
        return;
    }
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    *slot += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction

Network::Network() : mPool(std::make_unique<WorkspacePool>()) {}

Network::Network(const arch::Architecture& arch, std::uint64_t seed)
    : mArch(arch), mPool(std::make_unique<WorkspacePool>()) {
    mL1 = arch.training.l1;
    mL2 = arch.training.l2;
    build(seed);
}

void Network::build(std::uint64_t seed) {
    // One rule set: whatever arch::validate accepts builds (and only that), so the layer
    // constructors below may rely on sizes that fit and layers in a valid order.
    if (const auto problems = arch::validate(mArch); !problems.empty()) {
        std::string message;
        for (const std::string& p : problems) message += (message.empty() ? "" : "; ") + p;
        throw InputError(message);
    }
    mLayers.clear();
    arch::Shape shape{mArch.inputLength, 4};
    for (int i = 0; i < int(mArch.layers.size()); ++i) {
        const arch::LayerSpec& spec = mArch.layers[std::size_t(i)];
        std::unique_ptr<Layer> layer;
        switch (spec.type) {
        case arch::LayerType::Conv1D:
            layer = std::make_unique<Conv1D>(spec, shape, i, i == 0, layerSeed(seed, i));
            break;
        case arch::LayerType::BatchNorm: layer = std::make_unique<BatchNorm>(spec, shape, i); break;
        case arch::LayerType::Activation: layer = std::make_unique<Activation>(spec, shape, i); break;
        case arch::LayerType::MaxPool: layer = std::make_unique<MaxPool>(spec, shape, i); break;
        case arch::LayerType::Dropout: layer = std::make_unique<Dropout>(spec, shape, i); break;
        case arch::LayerType::Flatten: layer = std::make_unique<Flatten>(spec, shape, i); break;
        case arch::LayerType::Dense:
            layer = std::make_unique<Dense>(spec, shape, i, layerSeed(seed, i));
            break;
        }
        shape = layer->outputShape();
        mLayers.push_back(std::move(layer));
    }
    collectParameters();
    buildSteps();
}

Network::Network(const Network& other)
    : mArch(other.mArch), mFuse(other.mFuse), mConvBlocks(other.mConvBlocks), mL1(other.mL1), mL2(other.mL2),
      mPool(std::make_unique<WorkspacePool>()) {
    mLayers.reserve(other.mLayers.size());
    for (const auto& l : other.mLayers) mLayers.push_back(l->clone());
    collectParameters();
    buildSteps();
}

void Network::collectParameters() {
    mParams.clear();
    for (auto& l : mLayers)
        for (ParamView& p : l->parameters()) mParams.push_back(std::move(p));
}

Network& Network::operator=(const Network& other) {
    if (this != &other) {
        Network copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

std::vector<arch::Shape> Network::outputShapes() const {
    std::vector<arch::Shape> out;
    for (const auto& l : mLayers) out.push_back(l->outputShape());
    return out;
}

long Network::parameterCount() const {
    long n = 0;
    for (const ParamView& p : mParams) n += long(p.value.size());
    return n;
}

void Network::setFusedBlocks(bool on) {
    if (on == mFuse) return;
    mFuse = on;
    buildSteps();
    mTrain.reset();  // its per-step state follows the old plan
}

void Network::setConvBlocks(ConvBlocks mode) {
    if (mode == mConvBlocks) return;
    mConvBlocks = mode;
    buildSteps();
    mTrain.reset();
}

void Network::setPenalties(double l1, double l2) {
    mL1 = l1;
    mL2 = l2;
}

double Network::penalty() const { return weightPenalty(mParams, mL1, mL2, false); }

// ---------------------------------------------------------------------------------------------
// Passes

void Network::ensureWorkspace(Workspace& ws, int batch, bool training) const {
    if (ws.capacity >= batch && ws.training == training && !ws.out.empty()) return;
    const int capacity = std::max(batch, ws.capacity);
    const std::vector<Step>& steps = training ? mTrainSteps : mInferSteps;
    const std::size_t n = mLayers.size();
    ws.capacity = capacity;
    ws.training = training;
    ws.out.assign(n, nullptr);
    ws.own.assign(n, FloatVector());
    ws.grad.assign(training ? n : 0, FloatVector());
    ws.work.resize(steps.size());
    // Only step outputs need memory (layers inside a fused step never materialise theirs).
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const std::size_t i = std::size_t(steps[k].last);
        const std::size_t size = std::size_t(capacity) * mLayers[i]->outputSize();
        ws.own[i].assign(size + kTensorSlack, 0.0f);
        ws.out[i] = ws.own[i].data();
        if (training) ws.grad[i].assign(size + kTensorSlack, 0.0f);
        ws.work[k] = steps[k].layer->makeWork(capacity, ChunkPlan::kMaxChunks);
    }
    const bool oneHotConv = mLayers.front()->type() == arch::LayerType::Conv1D;
    if (!oneHotConv)
        ws.oneHot.assign(std::size_t(capacity) * std::size_t(mArch.inputLength) * 4 + kTensorSlack, 0.0f);
    if (ws.scratch.size() < 2 * std::size_t(ChunkPlan::kMaxChunks))
        ws.scratch.resize(2 * std::size_t(ChunkPlan::kMaxChunks));
}

Network::Workspace& Network::trainingWorkspace(int batch) {
    if (!mTrain) mTrain = std::make_unique<Workspace>();
    ensureWorkspace(*mTrain, batch, true);
    return *mTrain;
}

Pass Network::makePass(Workspace& ws, bool training, int batch, const std::uint8_t* codes,
                       std::uint64_t stepSeed) const {
    Pass pass;
    pass.training = training;
    pass.batch = batch;
    pass.stepSeed = stepSeed;
    pass.codes = codes;
    pass.plan = ChunkPlan::forBatch(batch);
    pass.scratch = ws.scratch;
    return pass;
}

namespace {
template <class Body>
void forEachChunk(const Pass& pass, Body&& body) {
    const ChunkPlan& plan = pass.plan;
    parallel::forChunks(0, std::size_t(plan.batch), std::size_t(plan.grain),
                        [&](std::size_t b, std::size_t e) {
                            const int index = int(b) / plan.grain;
                            Chunk chunk{index, int(b), int(e), &pass.scratch[std::size_t(index)]};
                            body(chunk);
                        });
}
}  // namespace

void Network::runForward(Workspace& ws, const Pass& pass, int lastLayer, double* times,
                         int firstLayer, const float* firstInput) const {
    const std::vector<Step>& steps = pass.training ? mTrainSteps : mInferSteps;
    assert(firstLayer == 0 || (!pass.training && firstInput));
    int n = 0;  // steps to run: up to the one that ends at lastLayer
    while (n < int(steps.size()) && steps[std::size_t(n)].last <= lastLayer) ++n;
    int k0 = 0;  // the first step to run (inference steps are single layers)
    while (k0 < n && steps[std::size_t(k0)].first < firstLayer) ++k0;
    const int layers = layerCount();
    auto slot = [&](int chunkIndex, int k) {
        return times ? times + (std::size_t(chunkIndex + 1) * layers + std::size_t(steps[std::size_t(k)].first)) * 2
                     : nullptr;
    };
    const float* input = nullptr;
    if (firstLayer == 0 && mLayers.front()->type() != arch::LayerType::Conv1D) {
        const std::size_t len = std::size_t(mArch.inputLength);
        forEachChunk(pass, [&](const Chunk& c) {
            timed(slot(c.index, 0), [&] {
                expandCodes(pass.codes + std::size_t(c.begin) * len, std::size_t(c.size()) * len,
                            ws.oneHot.data() + std::size_t(c.begin) * len * 4);
            });
        });
        input = ws.oneHot.data();
    }
    auto step = [&](int k) -> const Layer& { return *steps[std::size_t(k)].layer; };
    auto in = [&](int k) {
        const int first = steps[std::size_t(k)].first;
        if (firstLayer > 0 && first == firstLayer) return firstInput;
        return first == 0 ? input : ws.out[std::size_t(first) - 1];
    };
    auto out = [&](int k) { return ws.out[std::size_t(steps[std::size_t(k)].last)]; };
    auto work = [&](int k) { return ws.work[std::size_t(k)].get(); };
    for (int k = k0; k < n; ++k) timed(slot(-1, k), [&] { step(k).beginForward(pass, work(k)); });

    int synced = -1;  // step whose forward statistics are ready
    int i = k0;
    while (i < n) {
        const Layer& layer = step(i);
        if (layer.needsForwardSync(pass) && synced != i) {
            forEachChunk(pass, [&](const Chunk& c) {
                timed(slot(c.index, i), [&] { layer.forwardStats(pass, work(i), c, in(i)); });
            });
            timed(slot(-1, i), [&] { layer.forwardSync(pass, work(i)); });
            synced = i;
        }
        if (layer.batchWide()) {
            timed(slot(-1, i), [&] { layer.forward(pass, work(i), Chunk{-1, 0, pass.batch, nullptr}, in(i), out(i)); });
            ++i;
            continue;
        }
        // A group of chunk-wise steps runs chunk by chunk (data stays in cache); it ends before
        // a batch-wide step or one that needs batch statistics, whose statistics the chunks
        // gather on the way out.
        int j = i + 1;
        while (j < n && !step(j).batchWide() && !step(j).needsForwardSync(pass)) ++j;
        const bool statsNext = j < n && step(j).needsForwardSync(pass);
        forEachChunk(pass, [&](const Chunk& c) {
            for (int k = i; k < j; ++k)
                timed(slot(c.index, k), [&] { step(k).forward(pass, work(k), c, in(k), out(k)); });
            if (statsNext) timed(slot(c.index, j), [&] { step(j).forwardStats(pass, work(j), c, in(j)); });
        });
        if (statsNext) {
            timed(slot(-1, j), [&] { step(j).forwardSync(pass, work(j)); });
            synced = j;
        }
        i = j;
    }
}

void Network::runBackward(Workspace& ws, const Pass& pass, double* times) {
    const std::vector<Step>& steps = mTrainSteps;
    const int n = int(steps.size());
    const int layers = layerCount();
    auto slot = [&](int chunkIndex, int k) {
        return times ? times + (std::size_t(chunkIndex + 1) * layers + std::size_t(steps[std::size_t(k)].first)) * 2 + 1
                     : nullptr;
    };
    const float* input = mLayers.front()->type() == arch::LayerType::Conv1D ? nullptr : ws.oneHot.data();
    auto step = [&](int k) -> Layer& { return *steps[std::size_t(k)].layer; };
    auto in = [&](int k) {
        const int first = steps[std::size_t(k)].first;
        return first == 0 ? input : ws.out[std::size_t(first) - 1];
    };
    auto dx = [&](int k) {
        const int first = steps[std::size_t(k)].first;
        return first == 0 ? nullptr : ws.grad[std::size_t(first) - 1].data();
    };
    auto out = [&](int k) { return ws.out[std::size_t(steps[std::size_t(k)].last)]; };
    auto dy = [&](int k) { return ws.grad[std::size_t(steps[std::size_t(k)].last)].data(); };
    auto work = [&](int k) { return ws.work[std::size_t(k)].get(); };
    auto call = [&](int k, const Chunk& c) {
        timed(slot(c.index, k), [&] { step(k).backward(pass, work(k), c, in(k), out(k), dy(k), dx(k)); });
    };

    int synced = -1;
    int i = n - 1;
    while (i >= 0) {
        Layer& layer = step(i);
        if (layer.needsBackwardSync(pass) && synced != i) {
            forEachChunk(pass, [&](const Chunk& c) {
                timed(slot(c.index, i), [&] { layer.backwardStats(pass, work(i), c, in(i), dy(i)); });
            });
            timed(slot(-1, i), [&] { layer.backwardSync(pass, work(i)); });
            synced = i;
        }
        if (layer.batchWide()) {
            call(i, Chunk{-1, 0, pass.batch, nullptr});
            --i;
            continue;
        }
        int j = i - 1;
        while (j >= 0 && !step(j).batchWide() && !step(j).needsBackwardSync(pass)) --j;
        const bool statsNext = j >= 0 && step(j).needsBackwardSync(pass);
        forEachChunk(pass, [&](const Chunk& c) {
            for (int k = i; k > j; --k) call(k, c);
            if (statsNext) timed(slot(c.index, j), [&] { step(j).backwardStats(pass, work(j), c, in(j), dy(j)); });
        });
        if (statsNext) {
            timed(slot(-1, j), [&] { step(j).backwardSync(pass, work(j)); });
            synced = j;
        }
        i = j;
    }
    for (int k = 0; k < n; ++k) timed(slot(-1, k), [&] { step(k).finishBackward(pass, work(k)); });
}

Loss Network::trainStep(const std::uint8_t* codes, const float* targets, int batch,
                        std::uint64_t stepSeed) {
    assert(batch >= 1 && codes && targets);
    Workspace& ws = trainingWorkspace(batch);
    const Pass pass = makePass(ws, true, batch, codes, stepSeed);
    const int last = int(mLayers.size()) - 1;
    double* times = mProfiling ? mTimes.data() : nullptr;
    runForward(ws, pass, last, times);
    const auto t0 = std::chrono::steady_clock::now();

    Loss loss;
    const float* z = ws.out.back();
    float* dz = ws.grad.back().data();
    loss.data = mArch.output == arch::OutputKind::Sigmoid
                    ? sigmoidCrossEntropy(z, targets, batch, mArch.numClasses, dz)
                    : softmaxCrossEntropy(z, targets, batch, mArch.numClasses, dz);
    auto checkFinite = [](double value) {
        if (!std::isfinite(value))
            throw InputError(std::string("training stopped: the loss became ") +
                             (std::isnan(value) ? "NaN (not a number)" : "infinite") +
                             "; the learning rate may be too high for this model");
    };
    checkFinite(loss.data);

    const auto t1 = std::chrono::steady_clock::now();
    runBackward(ws, pass, times);
    const auto t2 = std::chrono::steady_clock::now();
    // Penalty value and gradient in one pass over the weights, after the data gradients.
    loss.penalty = weightPenalty(mParams, mL1, mL2, true);
    checkFinite(loss.total());
    for (std::size_t k = 0; k < mTrainSteps.size(); ++k) mTrainSteps[k].layer->commit(pass, ws.work[k].get());
    if (mProfiling) {
        const auto t3 = std::chrono::steady_clock::now();
        mLossSeconds += std::chrono::duration<double>(t1 - t0).count() +
                        std::chrono::duration<double>(t3 - t2).count();
        ++mProfiledSteps;
    }
    return loss;
}

void Network::setProfiling(bool on) {
    mProfiling = on;
    mTimes.assign(on ? std::size_t(ChunkPlan::kMaxChunks + 1) * mLayers.size() * 2 : 0, 0.0);
    mLossSeconds = 0.0;
    mProfiledSteps = 0;
}

Network::Profile Network::profile() const {
    Profile p;
    const std::size_t n = mLayers.size();
    p.forwardSeconds.assign(n, 0.0);
    p.backwardSeconds.assign(n, 0.0);
    for (std::size_t s = 0; s * n * 2 < mTimes.size(); ++s)
        for (std::size_t l = 0; l < n; ++l) {
            p.forwardSeconds[l] += mTimes[(s * n + l) * 2];
            p.backwardSeconds[l] += mTimes[(s * n + l) * 2 + 1];
        }
    p.lossSeconds = mLossSeconds;
    p.steps = mProfiledSteps;
    return p;
}

template <class Fn>
void Network::forEachInferenceBatch(std::size_t n, int lastLayer, const std::uint8_t* codes,
                                    Fn&& fn) const {
    forEachInferencePass(n, lastLayer, codes, false,
                         [&](std::size_t first, int batch, Workspace& ws, const Pass&) {
                             fn(first, batch, ws.out[std::size_t(lastLayer)]);
                         });
}

template <class Fn>
void Network::forEachInferencePass(std::size_t n, int lastLayer, const std::uint8_t* codes,
                                   bool forGradient, Fn&& fn, int firstLayer,
                                   const float* input) const {
    // A pooled workspace; returned to the pool also when fn throws.
    struct Lease {
        WorkspacePool& pool;
        std::unique_ptr<Workspace> ws;
        ~Lease() { pool.release(std::move(ws)); }
    } lease{*mPool, mPool->acquire()};
    Workspace& ws = *lease.ws;
    const std::size_t len = std::size_t(mArch.inputLength);
    // Up to kInferenceBatch sequences at a time, fewer for big models (all layer outputs of a
    // batch within kInferenceFloats floats, up to lastLayer).
    std::size_t perSequence = 1;
    for (int i = firstLayer; i <= lastLayer; ++i) perSequence += mLayers[std::size_t(i)]->outputSize();
    const std::size_t step = std::clamp<std::size_t>(kInferenceFloats / perSequence, 1, kInferenceBatch);
    // A caller's input tensor is copied batch by batch into a buffer with the slack layers
    // may read past its end (nn/layer.h).
    const std::size_t inSize = firstLayer > 0 ? mLayers[std::size_t(firstLayer)]->inputSize() : 0;
    FloatVector staged(firstLayer > 0 ? std::min(step, n) * inSize + kTensorSlack : 0, 0.0f);
    for (std::size_t first = 0; first < n; first += step) {
        const int batch = int(std::min(step, n - first));
        ensureWorkspace(ws, batch, false);
        Pass pass = makePass(ws, false, batch, codes ? codes + first * len : nullptr, 0);
        pass.forGradient = forGradient;
        if (firstLayer > 0)
            std::copy(input + first * inSize, input + (first + std::size_t(batch)) * inSize, staged.begin());
        runForward(ws, pass, lastLayer, nullptr, firstLayer, firstLayer > 0 ? staged.data() : nullptr);
        fn(first, batch, ws, pass);
    }
}

std::vector<float> Network::logitsFrom(int firstLayer, const float* input, std::size_t n) const {
    assert(firstLayer > 0 && firstLayer < layerCount());
    const std::size_t k = std::size_t(mArch.numClasses);
    std::vector<float> out(n * k);
    forEachInferencePass(
        n, layerCount() - 1, nullptr, false,
        [&](std::size_t first, int batch, Workspace& ws, const Pass&) {
            const float* z = ws.out.back();
            std::copy(z, z + std::size_t(batch) * k, out.begin() + std::ptrdiff_t(first * k));
        },
        firstLayer, input);
    return out;
}

std::vector<float> Network::logits(const std::uint8_t* codes, std::size_t n) const {
    const std::size_t k = std::size_t(mArch.numClasses);
    std::vector<float> out(n * k);
    forEachInferenceBatch(n, layerCount() - 1, codes, [&](std::size_t first, int batch, const float* z) {
        std::copy(z, z + std::size_t(batch) * k, out.begin() + std::ptrdiff_t(first * k));
    });
    return out;
}

void Network::predict(const std::uint8_t* codes, std::size_t n, float* probsOut) const {
    const std::size_t k = std::size_t(mArch.numClasses);
    forEachInferenceBatch(n, layerCount() - 1, codes, [&](std::size_t first, int batch, const float* z) {
        float* p = probsOut + first * k;
        if (mArch.output == arch::OutputKind::Sigmoid) sigmoid(z, std::size_t(batch) * k, p);
        else softmax(z, batch, int(k), p);
    });
}

std::vector<float> Network::predict(const std::uint8_t* codes, std::size_t n) const {
    std::vector<float> out(n * std::size_t(mArch.numClasses));
    predict(codes, n, out.data());
    return out;
}

Loss Network::evaluateLoss(const std::uint8_t* codes, const float* targets, std::size_t n) const {
    Loss loss;
    const std::size_t k = std::size_t(mArch.numClasses);
    double sum = 0.0;
    forEachInferenceBatch(n, layerCount() - 1, codes, [&](std::size_t first, int batch, const float* z) {
        const float* y = targets + first * k;
        const double mean = mArch.output == arch::OutputKind::Sigmoid
                                ? sigmoidCrossEntropy(z, y, batch, int(k), nullptr)
                                : softmaxCrossEntropy(z, y, batch, int(k), nullptr);
        sum += mean * batch;
    });
    loss.data = n ? sum / double(n) : 0.0;
    loss.penalty = penalty();
    return loss;
}

std::vector<float> Network::activations(int layerIndex, const std::uint8_t* codes,
                                        std::size_t n) const {
    assert(layerIndex >= 0 && layerIndex < layerCount());
    const std::size_t size = layer(layerIndex).outputSize();
    std::vector<float> out(n * size);
    forEachInferenceBatch(n, layerIndex, codes, [&](std::size_t first, int batch, const float* y) {
        std::copy(y, y + std::size_t(batch) * size, out.begin() + std::ptrdiff_t(first * size));
    });
    return out;
}

std::vector<float> Network::inputGradient(const std::uint8_t* codes, std::size_t n,
                                          const float* outputGrad) const {
    const std::size_t len = std::size_t(mArch.inputLength), k = std::size_t(mArch.numClasses);
    const int last = layerCount() - 1;
    const bool oneHotConv = mLayers.front()->type() == arch::LayerType::Conv1D;
    std::vector<float> out(n * len * 4);
    // d(output) of every layer, for the largest batch seen (grown on demand); slot i is the
    // gradient of layer i's output, slot -1 (index 0 here) of the one-hot input.
    std::vector<FloatVector> grad(mLayers.size() + 1);
    auto gradOf = [&](int layerIndex, int batch) {
        const std::size_t size = layerIndex < 0 ? len * 4 : mLayers[std::size_t(layerIndex)]->outputSize();
        FloatVector& g = grad[std::size_t(layerIndex + 1)];
        if (g.size() < std::size_t(batch) * size + kTensorSlack) g.assign(std::size_t(batch) * size + kTensorSlack, 0.0f);
        return g.data();
    };
    forEachInferencePass(n, last, codes, true, [&](std::size_t first, int batch, Workspace& ws, const Pass& pass) {
        float* top = gradOf(last, batch);
        std::copy(outputGrad + first * k, outputGrad + (first + std::size_t(batch)) * k, top);
        for (int i = last; i >= 0; --i) {
            const Layer& layer = *mLayers[std::size_t(i)];
            const float* x = i > 0 ? ws.out[std::size_t(i) - 1] : oneHotConv ? nullptr : ws.oneHot.data();
            const float* y = ws.out[std::size_t(i)];
            const float* dy = gradOf(i, batch);
            float* dx = gradOf(i - 1, batch);
            const Layer::Work* work = ws.work[std::size_t(i)].get();  // inference: one step per layer
            if (layer.batchWide()) {
                layer.inputBackward(pass, work, Chunk{-1, 0, batch, nullptr}, x, y, dy, dx);
                continue;
            }
            forEachChunk(pass, [&](const Chunk& c) { layer.inputBackward(pass, work, c, x, y, dy, dx); });
        }
        const float* g = gradOf(-1, batch);
        std::copy(g, g + std::size_t(batch) * len * 4, out.begin() + std::ptrdiff_t(first * len * 4));
    });
    return out;
}

std::vector<std::span<float>> Network::layerState(int layerIndex) {
    return mLayers[std::size_t(layerIndex)]->stateTensors();
}

std::vector<float> Network::convFilters(int layerIndex) const {
    const auto* conv = dynamic_cast<const Conv1D*>(&layer(layerIndex));
    assert(conv);
    if (!conv) return {};
    const int w = conv->width(), c = conv->inputShape().channels, f = conv->filters();
    std::vector<float> out(std::size_t(f) * c * w);
    const auto weights = conv->weights();
    for (int k = 0; k < w; ++k)
        for (int ch = 0; ch < c; ++ch)
            for (int fi = 0; fi < f; ++fi)
                out[(std::size_t(fi) * c + ch) * w + k] = weights[(std::size_t(k) * c + ch) * f + fi];
    return out;
}

}  // namespace motifloom::nn
