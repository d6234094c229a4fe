#pragma once
// Trainer: the synchronous, UI-agnostic training loop.
//
//   TrainResult r = fit(arch, data, control, &observer);
//
// Mini-batches over a per-epoch reshuffle of the training set, early stopping on validation
// loss (patience, restore best weights), pause/resume and cancel through TrainControl (checked
// between batches, so a cancel takes effect within one batch), NaN/Inf detection, checkpoints.
//
// Determinism: the epoch-e shuffle comes from Rng(seed).split(e) and the dropout masks of
// global step s from (seed, s), never from thread identity or timing, so the same seed gives
// bit-identical weights whatever the thread count, and a run resumed from a checkpoint
// continues exactly as the uninterrupted run would have.
//
// Observers receive value snapshots (and copies of the network), never references into the
// live network, so a UI thread may keep them.

#include "arch/architecture.h"
#include "nn/network.h"
#include "seqio/sequence_set.h"
#include "train/training_history.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace motifloom::train {

// Shared between the training thread and a controller (GUI thread, signal handler).
struct TrainControl {
    std::atomic<bool> cancel{false};  // stop after the current batch; fit returns Cancelled
    std::atomic<bool> pause{false};   // block between batches while set (cancel still works)
};

struct BatchSnapshot {
    int epoch = 0;            // 1-based
    int batch = 0;            // 1-based within the epoch
    int batchesPerEpoch = 0;
    double loss = 0;          // this batch's mean loss (data term only)
    double sequencesPerSecond = 0;  // over the epoch so far
};

class TrainObserver {
public:
    virtual ~TrainObserver() = default;
    // Called from the training thread after every batch. Keep it cheap.
    virtual void onBatch(const BatchSnapshot&) {}
    // Called after every epoch with its record and a copy of the network at that point.
    virtual void onEpoch(const EpochRecord&, std::shared_ptr<const nn::Network>) {}
    // Free-form progress text (e.g. "restoring best weights from epoch 12").
    virtual void onMessage(const std::string&) {}
};

enum class StopReason { MaxEpochs, EarlyStopping, Cancelled, Diverged };
const char* toString(StopReason reason);

struct TrainResult {
    nn::Network network;        // final weights (the best epoch's when restoreBest)
    TrainingHistory history;
    StopReason stopReason = StopReason::MaxEpochs;
    std::string message;        // e.g. the divergence explanation
};

// Everything needed to resume a run: see checkpoint.h for the file format.
struct TrainState;

// Trains `arch` (with arch.training settings) on data.train, early-stopping on data.valid.
// data.test is not touched. Throws InputError if the architecture is invalid for the data.
// If `resume` is given, continues from that state instead of initialising from the seed.
// `checkpointPath`: when non-empty, a checkpoint is written (atomically) after every epoch.
TrainResult fit(const arch::Architecture& arch, const seqio::DataSplits& data, TrainControl& control,
                TrainObserver* observer = nullptr, const TrainState* resume = nullptr,
                const std::string& checkpointPath = {});

}  // namespace motifloom::train
