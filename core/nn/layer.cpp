#include "nn/layer.h"

#include "util/parallel.h"
#include "util/rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::nn {

void sumChunkParts(const float* blocks, std::size_t stride, int count, std::size_t n, float* out) {
    parallel::forChunks(0, n, 8192, [&](std::size_t lo, std::size_t hi) {
        std::copy(blocks + lo, blocks + hi, out + lo);
        for (int c = 1; c < count; ++c) {
            const float* b = blocks + std::size_t(c) * stride;
            for (std::size_t i = lo; i < hi; ++i) out[i] += b[i];
        }
    });
}

ChunkPlan ChunkPlan::forBatch(int batch) {
    ChunkPlan plan;
    plan.batch = batch;
    if (batch <= 0) return plan;
    const int wanted = std::min(batch, kMaxChunks);
    plan.grain = (batch + wanted - 1) / wanted;
    plan.count = (batch + plan.grain - 1) / plan.grain;
    return plan;
}

std::unique_ptr<Layer::Work> Layer::makeWork(int, int) const { return nullptr; }

void Layer::inputBackward(const Pass&, const Work*, const Chunk&, const float*, const float*,
                          const float*, float*) const {
    assert(false && "no inference-mode input gradient for this layer");
}

std::string Layer::describe() const {
    return "layer " + std::to_string(mIndex + 1) + " (" + layerTypeName(mSpec.type) + ")";
}

LayerRunner::LayerRunner(Layer& layer, int batch, bool training, std::uint64_t stepSeed)
    : mLayer(layer), mScratch(2 * ChunkPlan::kMaxChunks) {
    mPass.training = training;
    mPass.batch = batch;
    mPass.stepSeed = stepSeed;
    mPass.plan = ChunkPlan{batch, std::max(batch, 1), batch > 0 ? 1 : 0};
    mPass.scratch = mScratch;
    mWork = layer.makeWork(batch, 1);
}

LayerRunner::~LayerRunner() = default;

std::vector<float> LayerRunner::forward(const float* x, const std::uint8_t* codes) {
    const int b = mPass.batch;
    mPass.codes = codes;
    mX.clear();
    if (x) {
        mX.assign(x, x + std::size_t(b) * mLayer.inputSize());
        mX.resize(mX.size() + kTensorSlack, 0.0f);
    }
    mY.assign(std::size_t(b) * mLayer.outputSize() + kTensorSlack, 0.0f);
    const float* xp = x ? mX.data() : nullptr;
    const Chunk chunk = mLayer.batchWide() ? Chunk{-1, 0, b, nullptr} : Chunk{0, 0, b, &mScratch[0]};
    mLayer.beginForward(mPass, mWork.get());
    if (mLayer.needsForwardSync(mPass)) {
        mLayer.forwardStats(mPass, mWork.get(), Chunk{0, 0, b, &mScratch[0]}, xp);
        mLayer.forwardSync(mPass, mWork.get());
    }
    mLayer.forward(mPass, mWork.get(), chunk, xp, mY.data());
    return std::vector<float>(mY.begin(), mY.end() - std::ptrdiff_t(kTensorSlack));
}

std::vector<float> LayerRunner::backward(const float* dy) {
    const int b = mPass.batch;
    const float* xp = mX.empty() ? nullptr : mX.data();
    std::vector<float> dx(xp ? std::size_t(b) * mLayer.inputSize() + kTensorSlack : 0, 0.0f);
    const Chunk chunk = mLayer.batchWide() ? Chunk{-1, 0, b, nullptr} : Chunk{0, 0, b, &mScratch[0]};
    // dy gets slack too (a layer's backward may read it like an input).
    std::vector<float> dyCopy(dy, dy + std::size_t(b) * mLayer.outputSize());
    dyCopy.resize(dyCopy.size() + kTensorSlack, 0.0f);
    if (mLayer.needsBackwardSync(mPass)) {
        mLayer.backwardStats(mPass, mWork.get(), Chunk{0, 0, b, &mScratch[0]}, xp, dyCopy.data());
        mLayer.backwardSync(mPass, mWork.get());
    }
    mLayer.backward(mPass, mWork.get(), chunk, xp, mY.data(), dyCopy.data(), xp ? dx.data() : nullptr);
    mLayer.finishBackward(mPass, mWork.get());
    if (!dx.empty()) dx.resize(dx.size() - kTensorSlack);
    return dx;
}

void LayerRunner::commit() { mLayer.commit(mPass, mWork.get()); }

void glorotUniform(std::span<float> weights, int fanIn, int fanOut, std::uint64_t seed) {
    Rng rng(seed);
    const double limit = std::sqrt(6.0 / double(fanIn + fanOut));
    for (float& w : weights) w = float(rng.uniform(-limit, limit));
}

const char* layerTypeName(arch::LayerType type) {
    switch (type) {
    case arch::LayerType::Conv1D: return "conv";
    case arch::LayerType::BatchNorm: return "batch norm";
    case arch::LayerType::Activation: return "activation";
    case arch::LayerType::MaxPool: return "max-pool";
    case arch::LayerType::Dropout: return "dropout";
    case arch::LayerType::Flatten: return "flatten";
    case arch::LayerType::Dense: return "dense";
    }
    return "?";
}

}  // namespace motifloom::nn
