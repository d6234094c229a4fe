#pragma once
// A sweep: presets x trials trained one after another (the paper's experiment), planned once
// for the desktop lab (Run > Sweep) and for motifloom-cli sweep.
//
// Jobs come model-major (every trial of the first model, then the next model's), trial t
// (1-based) of every model with seed firstSeed + t - 1, so every model sees the same seeds and
// trial 1 equals a single run with seed firstSeed. Each job's architecture is the preset built
// for the data's input length and classes, with a softmax output for single-label data and a
// sigmoid output for multi-label data.

#include "arch/architecture.h"
#include "seqio/sequence_set.h"

#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::lab {

struct SweepPlan {
    std::string name = "sweep";
    std::vector<std::string> models;  // preset names (arch/presets.h), in order
    int trials = 1;
    std::uint64_t firstSeed = 1;
    // true: each preset's own training settings (the paper's); false: the `current` settings
    // given to sweepJobs, except that a preset's own L1 penalty (CNN-50's) is kept when those
    // have none.
    bool paperSettings = true;
    int maxEpochs = 0;         // > 0 overrides the epochs of either choice
    int patience = -1;         // >= 0 overrides the early-stopping patience of either choice
    bool liveFilters = false;  // desktop lab: PWMs + matches after every epoch (slower)

    int runCount() const { return int(models.size()) * trials; }
};

struct SweepJob {
    std::string model;  // the preset's canonical name ("CNN-25")
    int trial = 1;      // 1-based
    std::uint64_t seed = 0;
    arch::Architecture architecture;  // incl. training settings and seed
};

// The jobs of `plan` for data of `inputLength` bases, `numClasses` classes and `task`.
// Throws InputError (from arch::preset) naming a model that is not a preset.
std::vector<SweepJob> sweepJobs(const SweepPlan& plan, int inputLength, int numClasses, seqio::TaskKind task,
                                const arch::TrainingSettings& current = {});

}  // namespace motifloom::lab
