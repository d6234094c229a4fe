#pragma once
// TrainState and checkpoint files: everything needed to continue a run exactly where it
// stopped (architecture with its training settings and seed, current weights, optimiser state,
// epochs done, global step, early-stopping state, the best weights so far and the history).
//
// File format (binary, little-endian, written atomically):
//   "MOTIFLOOM-CHECKPOINT 1\n", then a JSON header (u64 length + UTF-8 text: architecture,
//   epoch, step, best validation loss, epochs without improvement, history), then
//   Network::save of the current network, a u8 flag and Network::save of the best network,
//   and Optimizer::save.

#include "arch/architecture.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "train/training_history.h"

#include <memory>
#include <optional>
#include <string>

namespace motifloom::train {

struct TrainState {
    arch::Architecture arch;                 // includes arch.training (settings and seed)
    nn::Network network;                     // weights after `epochsDone` epochs
    std::optional<nn::Network> bestNetwork;  // weights of the best validation epoch so far
    std::unique_ptr<nn::Optimizer> optimizer;
    int epochsDone = 0;
    long stepsDone = 0;
    double bestValidLoss = 0;                // meaningful when bestNetwork is set
    int epochsWithoutImprovement = 0;
    TrainingHistory history;

    TrainState(const arch::Architecture& a, nn::Network net, std::unique_ptr<nn::Optimizer> opt)
        : arch(a), network(std::move(net)), optimizer(std::move(opt)) {}
    TrainState(const TrainState& other);
    TrainState& operator=(const TrainState&) = delete;
    TrainState(TrainState&&) = default;
};

void saveCheckpoint(const std::string& path, const TrainState& state);
// Throws InputError naming `path` when the file is missing, truncated, corrupt or not a
// MotifLoom checkpoint.
TrainState loadCheckpoint(const std::string& path);

}  // namespace motifloom::train
