#pragma once
// TrainingSettings: every knob of a training run, as plain data (edited by the GUI, saved in
// architecture JSON for presets and in checkpoints). Defaults are the paper's settings
// (Koo & Eddy 2019, see docs/paper.md): Adam lr 1e-3, beta1 0.95, beta2 0.999, eps 1e-8,
// batch 100, up to 100 epochs, early stopping patience 20, L2 1e-6 on weights.

#include <cstdint>

namespace motifloom::arch {

enum class OptimizerKind { Adam, Sgd };

struct TrainingSettings {
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;  // the paper's model files say 3e-4; its code ran with 1e-3
    double beta1 = 0.95;         // Adam (Kingma & Ba 2015)
    double beta2 = 0.999;
    double adamEpsilon = 1e-8;
    double momentum = 0.9;       // SGD with (heavy-ball) momentum
    int batchSize = 100;
    int maxEpochs = 100;
    int patience = 20;           // early stopping on validation loss; 0 = never stop early
    bool restoreBest = true;     // restore the weights of the best validation epoch
    double l1 = 0.0;             // penalties on conv/dense weights, never on batch-norm params
    double l2 = 1e-6;
    std::uint64_t seed = 1;      // weights init, shuffling and dropout masks all derive from it

    // Needed by Architecture's defaulted operator== (which is deleted without it).
    bool operator==(const TrainingSettings&) const = default;
};

}  // namespace motifloom::arch
