#include "train/training_history.h"

#include <nlohmann/json.hpp>

namespace motifloom::train {

int TrainingHistory::bestEpoch() const {
    const EpochRecord* b = best();
    return b ? b->epoch : 0;
}

const EpochRecord* TrainingHistory::best() const {
    const EpochRecord* out = nullptr;
    for (const auto& e : epochs)
        if (!out || e.validLoss < out->validLoss) out = &e;
    return out;
}

nlohmann::json toJson(const EpochRecord& r) {
    return {{"epoch", r.epoch},         {"train_loss", r.trainLoss},
            {"valid_loss", r.validLoss}, {"penalty", r.penalty},
            {"valid_auroc", r.validAuroc}, {"valid_aupr", r.validAupr},
            {"seconds", r.seconds},     {"seq_per_s", r.sequencesPerSecond},
            {"best", r.best}};
}

EpochRecord epochRecordFromJson(const nlohmann::json& j) {
    EpochRecord r;
    r.epoch = j.at("epoch").get<int>();
    r.trainLoss = j.at("train_loss").get<double>();
    r.validLoss = j.at("valid_loss").get<double>();
    r.penalty = j.value("penalty", 0.0);
    r.validAuroc = j.value("valid_auroc", 0.0);
    r.validAupr = j.value("valid_aupr", 0.0);
    r.seconds = j.value("seconds", 0.0);
    r.sequencesPerSecond = j.value("seq_per_s", 0.0);
    r.best = j.value("best", false);
    return r;
}

nlohmann::json toJson(const TrainingHistory& history) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : history.epochs) out.push_back(toJson(e));
    return out;
}

TrainingHistory historyFromJson(const nlohmann::json& j) {
    TrainingHistory h;
    for (const auto& e : j) h.epochs.push_back(epochRecordFromJson(e));
    return h;
}

}  // namespace motifloom::train
