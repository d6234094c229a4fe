#pragma once
// A run directory: what `motifloom-cli train --out RUNDIR` writes and later commands read.
//
//   RUNDIR/model.mlm          the trained network (nn::Network::save: architecture.json text + weights)
//   RUNDIR/architecture.json  the architecture and training settings, readable
//   RUNDIR/metrics.json       test_auroc, test_aupr (means), per-class values, epochs_run,
//                             best_epoch, stop reason, seconds, history (one entry per epoch)
//   RUNDIR/history.tsv        the history as a table (epoch, losses, AUROC, seconds, seq/s)
//   RUNDIR/checkpoint.mlc     the last epoch's checkpoint (train/checkpoint.h), for --resume
//
// Every file is written atomically.

#include "nn/network.h"
#include "train/evaluation.h"
#include "train/trainer.h"

#include <string>

namespace motifloom::train {

inline constexpr const char* kModelFile = "model.mlm";
inline constexpr const char* kCheckpointFile = "checkpoint.mlc";
inline constexpr const char* kMetricsFile = "metrics.json";

// Writes model, architecture, metrics and history of a finished run into `dir` (created if
// needed). `test` is the evaluation on the test set; `classNames` label its per-class values;
// `dataSource` records where the data came from.
void writeRunDirectory(const std::string& dir, const TrainResult& result, const Evaluation& test,
                       const std::vector<std::string>& classNames, const std::string& dataSource,
                       double totalSeconds);

// The trained network of a run directory (or of a model file given directly). Throws
// InputError naming the file when it is missing or damaged.
nn::Network loadRunModel(const std::string& dirOrModelFile);

}  // namespace motifloom::train
