#include "train/run_directory.h"

#include "arch/architecture_json.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace motifloom::train {
namespace fs = std::filesystem;

namespace {

// NaN is not JSON: undefined metrics are written as null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

std::string historyTsv(const TrainingHistory& history) {
    std::ostringstream out;
    out << "epoch\ttrain_loss\tvalid_loss\tpenalty\tvalid_auroc\tvalid_aupr\tseconds\tseq_per_s\tbest\n";
    out << std::setprecision(6);
    for (const auto& e : history.epochs)
        out << e.epoch << '\t' << e.trainLoss << '\t' << e.validLoss << '\t' << e.penalty << '\t'
            << e.validAuroc << '\t' << e.validAupr << '\t' << e.seconds << '\t'
            << std::lround(e.sequencesPerSecond) << '\t' << (e.best ? 1 : 0) << '\n';
    return out.str();
}

}  // namespace

void writeRunDirectory(const std::string& dir, const TrainResult& result, const Evaluation& test,
                       const std::vector<std::string>& classNames, const std::string& dataSource,
                       double totalSeconds) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError(dir, 0, "cannot create the run directory: " + ec.message());
    const fs::path root(dir);

    writeFileAtomically((root / kModelFile).string(), [&](std::ostream& out) { result.network.save(out); });
    arch::saveArchitecture(result.network.architecture(), (root / "architecture.json").string());
    writeTextFileAtomically((root / "history.tsv").string(), historyTsv(result.history));

    const auto& m = test.metrics;
    nlohmann::json perClass = nlohmann::json::array();
    for (int c = 0; c < m.numClasses; ++c)
        perClass.push_back({{"class", c < int(classNames.size()) ? classNames[std::size_t(c)] : std::to_string(c)},
                            {"positives", m.positives[std::size_t(c)]},
                            {"auroc", number(m.auroc[std::size_t(c)])},
                            {"aupr", number(m.averagePrecision[std::size_t(c)])},
                            {"aupr_trapezoid", number(m.auprTrapezoid[std::size_t(c)])}});
    const auto& a = result.network.architecture();
    nlohmann::json metrics = {
        {"model", a.name},
        {"parameters", result.network.parameterCount()},
        {"seed", a.training.seed},
        {"data", dataSource},
        {"test_sequences", m.numExamples},
        {"test_loss", number(test.loss.data)},
        {"test_auroc", number(m.meanAuroc)},
        {"test_aupr", number(m.meanAveragePrecision)},
        {"test_aupr_trapezoid", number(m.meanAuprTrapezoid)},
        {"test_accuracy", number(m.accuracyOverall)},
        {"per_class", perClass},
        {"epochs_run", int(result.history.epochs.size())},
        {"best_epoch", result.history.bestEpoch()},
        {"stop_reason", toString(result.stopReason)},
        {"message", result.message},
        {"seconds", totalSeconds},
        {"history", toJson(result.history)},
    };
    writeTextFileAtomically((root / kMetricsFile).string(), metrics.dump(2) + "\n");
}

nn::Network loadRunModel(const std::string& dirOrModelFile) {
    std::error_code ec;
    std::string path = dirOrModelFile;
    if (fs::is_directory(path, ec)) path = (fs::path(path) / kModelFile).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the model file (is this a MotifLoom run directory?)");
    return nn::Network::load(in, path);
}

}  // namespace motifloom::train
