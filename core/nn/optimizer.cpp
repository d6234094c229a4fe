#include "nn/optimizer.h"

#include "nn/binary_io.h"
#include "util/parallel.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::nn {

namespace {
constexpr char kOptimizerMagic[9] = "MLOPTIMS";
constexpr std::uint32_t kOptimizerVersion = 1;
constexpr std::size_t kGrain = 16384;  // elements per parallel task

void adamKernel(float* __restrict w, const float* __restrict g, float* __restrict m,
                float* __restrict v, std::size_t n, float b1, float c1, float b2, float c2,
                float lrT, float eps) {
    for (std::size_t i = 0; i < n; ++i) {
        const float mi = b1 * m[i] + c1 * g[i];
        const float vi = b2 * v[i] + c2 * g[i] * g[i];
        m[i] = mi;
        v[i] = vi;
        w[i] -= lrT * mi / (std::sqrt(vi) + eps);
    }
}

void sgdKernel(float* __restrict w, const float* __restrict g, float* __restrict u, std::size_t n,
               float lr, float mu) {
    for (std::size_t i = 0; i < n; ++i) {
        const float ui = mu * u[i] - lr * g[i];
        u[i] = ui;
        w[i] += ui;
    }
}

// Runs kernel(p, begin, count) over every element of every parameter tensor, in fixed chunks of
// the concatenated index space (one parallel region per step).
template <class Kernel>
void forAllElements(const std::vector<ParamView>& params, Kernel&& kernel) {
    std::size_t total = 0;
    for (const ParamView& p : params) total += p.value.size();
    parallel::forChunks(0, total, kGrain, [&](std::size_t b, std::size_t e) {
        std::size_t offset = 0;
        for (std::size_t p = 0; p < params.size() && offset < e; ++p) {
            const std::size_t n = params[p].value.size();
            const std::size_t lo = std::max(b, offset), hi = std::min(e, offset + n);
            if (lo < hi) kernel(p, lo - offset, hi - lo);
            offset += n;
        }
    });
}
}  // namespace

void Optimizer::prepare(const std::vector<ParamView>& params) {
    if (mState.empty()) {
        mState.resize(std::size_t(stateTensorCount()));
        for (auto& slot : mState) {
            slot.resize(params.size());
            for (std::size_t i = 0; i < params.size(); ++i) slot[i].assign(params[i].value.size(), 0.0f);
        }
    }
    assert(mState[0].size() == params.size());
    for (std::size_t i = 0; i < params.size(); ++i) assert(mState[0][i].size() == params[i].value.size());
}

void Optimizer::save(std::ostream& out) const {
    BinaryWriter w;
    w.put<std::uint8_t>(kind());
    w.put<double>(mLearningRate);
    w.put<std::int64_t>(mSteps);
    w.put<std::uint32_t>(std::uint32_t(mState.size()));
    for (const auto& slot : mState) {
        w.put<std::uint32_t>(std::uint32_t(slot.size()));
        for (const FloatVector& t : slot) w.putFloats(t);
    }
    writeFrame(out, kOptimizerMagic, kOptimizerVersion, w.data());
}

void Optimizer::load(std::istream& in, const std::vector<ParamView>& params,
                     const std::string& source) {
    BinaryReader r = readFrame(in, kOptimizerMagic, kOptimizerVersion, source, "optimiser state");
    if (r.get<std::uint8_t>() != kind()) r.fail("it was saved by a different optimiser");
    const double lr = r.get<double>();
    const long steps = long(r.get<std::int64_t>());
    if (steps < 0) r.fail("negative step count");
    const auto slotCount = r.get<std::uint32_t>();
    std::vector<std::vector<FloatVector>> state;
    if (slotCount != 0) {
        if (slotCount != std::uint32_t(stateTensorCount())) r.fail("wrong number of state tensors");
        state.resize(slotCount);
        for (auto& slot : state) {
            if (r.get<std::uint32_t>() != params.size())
                r.fail("it was saved for a network with a different number of parameter tensors");
            slot.resize(params.size());
            for (std::size_t i = 0; i < params.size(); ++i) {
                slot[i].assign(params[i].value.size(), 0.0f);
                r.getFloats(slot[i], params[i].name);
            }
        }
    }
    if (!r.atEnd()) r.fail("unexpected data at the end");
    mLearningRate = lr;
    mSteps = steps;
    mState = std::move(state);
}

Adam::Adam(double lr, double beta1, double beta2, double epsilon)
    : Optimizer(lr), mBeta1(beta1), mBeta2(beta2), mEpsilon(epsilon) {}

void Adam::step(const std::vector<ParamView>& params) {
    prepare(params);
    ++mSteps;
    const double t = double(mSteps);
    const float lrT = float(mLearningRate * std::sqrt(1.0 - std::pow(mBeta2, t)) /
                            (1.0 - std::pow(mBeta1, t)));
    const float b1 = float(mBeta1), b2 = float(mBeta2), eps = float(mEpsilon);
    const float c1 = float(1.0 - mBeta1), c2 = float(1.0 - mBeta2);
    forAllElements(params, [&](std::size_t p, std::size_t b, std::size_t n) {
        adamKernel(params[p].value.data() + b, params[p].grad.data() + b, state(0)[p].data() + b,
                   state(1)[p].data() + b, n, b1, c1, b2, c2, lrT, eps);
    });
}

Sgd::Sgd(double lr, double momentum) : Optimizer(lr), mMomentum(momentum) {}

void Sgd::step(const std::vector<ParamView>& params) {
    prepare(params);
    ++mSteps;
    const float lr = float(mLearningRate), mu = float(mMomentum);
    forAllElements(params, [&](std::size_t p, std::size_t b, std::size_t n) {
        sgdKernel(params[p].value.data() + b, params[p].grad.data() + b, state(0)[p].data() + b, n,
                  lr, mu);
    });
}

std::unique_ptr<Optimizer> makeOptimizer(const arch::TrainingSettings& s) {
    if (s.optimizer == arch::OptimizerKind::Sgd) return std::make_unique<Sgd>(s.learningRate, s.momentum);
    return std::make_unique<Adam>(s.learningRate, s.beta1, s.beta2, s.adamEpsilon);
}

}  // namespace motifloom::nn
