#pragma once
// TrainingHistory: one record per finished epoch of a run (what the loss/AUROC curves plot and
// metrics.json stores). Losses are mean binary/categorical cross-entropy (data term only;
// penalties are reported separately); AUROC/AUPR are means over classes on the validation set.

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace motifloom::train {

struct EpochRecord {
    int epoch = 0;                  // 1-based
    double trainLoss = 0;           // mean over the epoch's batches, training mode (dropout on)
    double validLoss = 0;           // inference mode on the validation set
    double penalty = 0;             // L1/L2 term at the end of the epoch
    double validAuroc = 0;          // mean over classes
    double validAupr = 0;           // mean average precision over classes
    double seconds = 0;             // wall time of the epoch's training batches
    double sequencesPerSecond = 0;  // training throughput
    bool best = false;              // lowest validation loss so far
};

struct TrainingHistory {
    std::vector<EpochRecord> epochs;

    int bestEpoch() const;          // 1-based epoch with the lowest validation loss; 0 if none
    const EpochRecord* best() const;
};

nlohmann::json toJson(const EpochRecord& record);
EpochRecord epochRecordFromJson(const nlohmann::json& j);
nlohmann::json toJson(const TrainingHistory& history);
TrainingHistory historyFromJson(const nlohmann::json& j);

}  // namespace motifloom::train
