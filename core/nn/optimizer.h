#pragma once
// Optimisers: update parameters from their gradients (nn::ParamView), one step per batch.
//
// Adam (Kingma & Ba 2015, Algorithm 1 with the efficient bias correction of their section 2, as
// TensorFlow/Keras implement it), with t the 1-based step number:
//   m = beta1*m + (1-beta1)*g;   v = beta2*v + (1-beta2)*g^2
//   w -= lr * sqrt(1-beta2^t) / (1-beta1^t) * m / (sqrt(v) + eps)
// (PyTorch adds eps to the bias-corrected sqrt(v) instead; the difference is eps-sized.)
// SGD with (heavy-ball) momentum, Keras' form:  u = momentum*u - lr*g;  w += u.
//
// State (moments, step count) is sized on the first step from the parameter list and must keep
// matching it. save/load write it for checkpoints (binary, versioned, checksummed). Updates are
// element-wise, so the result does not depend on the number of threads.

#include "arch/training_settings.h"
#include "nn/layer.h"

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace motifloom::nn {

class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual std::unique_ptr<Optimizer> clone() const = 0;

    // One update of every parameter from its gradient.
    virtual void step(const std::vector<ParamView>& params) = 0;

    double learningRate() const { return mLearningRate; }
    void setLearningRate(double lr) { mLearningRate = lr; }
    long steps() const { return mSteps; }

    void save(std::ostream& out) const;
    // Restores a state saved for the same parameter list (sizes checked against `params`).
    // Throws InputError naming `source` on a truncated, corrupt or mismatching stream.
    void load(std::istream& in, const std::vector<ParamView>& params, const std::string& source = {});

protected:
    explicit Optimizer(double lr) : mLearningRate(lr) {}
    virtual std::uint8_t kind() const = 0;
    virtual int stateTensorCount() const = 0;  // state tensors per parameter (Adam 2, SGD 1)
    // Sizes the state on first use; asserts that the parameter list keeps its shape.
    void prepare(const std::vector<ParamView>& params);
    std::vector<FloatVector>& state(int slot) { return mState[std::size_t(slot)]; }

    double mLearningRate;
    long mSteps = 0;
    std::vector<std::vector<FloatVector>> mState;  // [slot][parameter]
};

class Adam : public Optimizer {
public:
    Adam(double lr, double beta1, double beta2, double epsilon);
    std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Adam>(*this); }
    void step(const std::vector<ParamView>& params) override;

private:
    std::uint8_t kind() const override { return 1; }
    int stateTensorCount() const override { return 2; }
    double mBeta1, mBeta2, mEpsilon;
};

class Sgd : public Optimizer {
public:
    Sgd(double lr, double momentum);
    std::unique_ptr<Optimizer> clone() const override { return std::make_unique<Sgd>(*this); }
    void step(const std::vector<ParamView>& params) override;

private:
    std::uint8_t kind() const override { return 2; }
    int stateTensorCount() const override { return 1; }
    double mMomentum;
};

// The optimiser the settings ask for (Adam or SGD with their hyper-parameters).
std::unique_ptr<Optimizer> makeOptimizer(const arch::TrainingSettings& settings);

}  // namespace motifloom::nn
