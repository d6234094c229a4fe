#include "train/training_history.h"

#include <limits>

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

namespace {

// JSON has no NaN: toJson writes a NaN (e.g. the AUROC of a validation set where a class never
// occurs) as null; read null back as NaN. A missing key gives `fallback`.
double numberOrNaN(const nlohmann::json& j, const char* key, double fallback) {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (it->is_null()) return std::numeric_limits<double>::quiet_NaN();
    return it->get<double>();
}

double requiredNumberOrNaN(const nlohmann::json& j, const char* key) {
    const nlohmann::json& v = j.at(key);  // throws when missing
    return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}

}  // namespace

EpochRecord epochRecordFromJson(const nlohmann::json& j) {
    EpochRecord r;
    r.epoch = j.at("epoch").get<int>();
    r.trainLoss = requiredNumberOrNaN(j, "train_loss");
    r.validLoss = requiredNumberOrNaN(j, "valid_loss");
    r.penalty = numberOrNaN(j, "penalty", 0.0);
    r.validAuroc = numberOrNaN(j, "valid_auroc", 0.0);
    r.validAupr = numberOrNaN(j, "valid_aupr", 0.0);
    r.seconds = numberOrNaN(j, "seconds", 0.0);
    r.sequencesPerSecond = numberOrNaN(j, "seq_per_s", 0.0);
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
