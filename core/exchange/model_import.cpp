#include "exchange/model_import.h"

#include "exchange/exchange_format.h"
#include "exchange/onnx_import.h"
#include "train/run_directory.h"
#include "util/input_error.h"

#include <filesystem>
#include <limits>

namespace motifloom::exchange {
namespace fs = std::filesystem;

namespace {

// The folder holding model.json for a path ExchangeImporter accepts; empty if none.
std::string manifestFolder(const std::string& path) {
    std::error_code ec;
    const fs::path p(path);
    if (p.filename() == kManifestFile && fs::is_regular_file(p, ec)) return p.parent_path().empty() ? "." : p.parent_path().string();
    if (fs::is_regular_file(p / kManifestFile, ec)) return p.string();
    if (fs::is_regular_file(p / "result" / kManifestFile, ec)) return (p / "result").string();
    return {};
}

double numberOr(const nlohmann::json& j, const char* key, double fallback) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

std::string ExchangeImporter::formatName() const {
    return "MotifLoom exchange folder (model.json + weights.f32, as the exported PyTorch project writes)";
}

bool ExchangeImporter::accepts(const std::string& path) const { return !manifestFolder(path).empty(); }

ImportedModel ExchangeImporter::read(const std::string& path) const {
    const std::string dir = manifestFolder(path);
    if (dir.empty()) throw InputError(path, 0, std::string("no ") + kManifestFile + " here");
    ExchangeModel m = readExchangeModel(dir);
    const std::string manifestPath = (fs::path(dir) / kManifestFile).string();
    ImportedModel out{std::move(m.network), nullptr, {}, {}, {}, {}};
    const nlohmann::json& j = m.manifest;
    try {
        if (j.contains("metrics") && j["metrics"].is_object()) out.metrics = j["metrics"];
        if (j.contains("history") && j["history"].is_array()) out.history = train::historyFromJson(j["history"]);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(manifestPath, 0, std::string("unreadable metrics or history: ") + e.what());
    }
    out.stopReason = j.value("stop_reason", std::string());
    out.source = "imported from " + dir + " (" + j.value("producer", std::string("unknown producer")) + ")";
    if (out.metrics.is_object() && out.metrics.contains("data") && out.metrics["data"].is_string())
        out.source += ", data " + out.metrics["data"].get<std::string>();
    return out;
}

const std::vector<const ModelImporter*>& importers() {
    static const ExchangeImporter exchangeImporter;
    static const OnnxImporter onnxImporter;
    static const std::vector<const ModelImporter*> all = {&exchangeImporter, &onnxImporter};
    return all;
}

ImportedModel importModel(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, 0, "no such file or folder");
    for (const ModelImporter* importer : importers())
        if (importer->accepts(path)) return importer->read(path);
    std::string formats;
    for (const ModelImporter* importer : importers()) formats += "\n  - " + importer->formatName();
    throw InputError(path, 0, "not a model MotifLoom can import; it reads:" + formats);
}

void writeImportedRun(const ImportedModel& model, const std::string& runDir) {
    const nlohmann::json& m = model.metrics.is_object() ? model.metrics : nlohmann::json::object();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    train::Evaluation eval;
    eval.loss.data = numberOr(m, "test_loss", nan);
    eval.loss.penalty = model.network.penalty();
    auto& cm = eval.metrics;
    std::vector<std::string> classNames;
    if (m.contains("per_class") && m["per_class"].is_array()) {
        for (const auto& c : m["per_class"]) {
            if (!c.is_object()) continue;
            classNames.push_back(c.contains("class") && c["class"].is_string() ? c["class"].get<std::string>()
                                                                               : std::to_string(classNames.size()));
            cm.positives.push_back(long(numberOr(c, "positives", 0)));
            cm.auroc.push_back(numberOr(c, "auroc", nan));
            cm.averagePrecision.push_back(numberOr(c, "aupr", nan));
            cm.auprTrapezoid.push_back(numberOr(c, "aupr_trapezoid", nan));
            cm.accuracy.push_back(nan);
        }
    }
    cm.numClasses = int(classNames.size());
    cm.numExamples = std::size_t(numberOr(m, "test_sequences", 0));
    cm.meanAuroc = numberOr(m, "test_auroc", nan);
    cm.meanAveragePrecision = numberOr(m, "test_aupr", nan);
    cm.meanAuprTrapezoid = numberOr(m, "test_aupr_trapezoid", nan);
    cm.accuracyOverall = numberOr(m, "test_accuracy", nan);
    cm.meanAccuracy = cm.accuracyOverall;

    train::TrainResult result{model.network, model.history,
                              model.stopReason == "early_stopping" ? train::StopReason::EarlyStopping
                                                                   : train::StopReason::MaxEpochs,
                              {}};
    result.message = model.source;
    for (const auto& note : model.notes) result.message += "; " + note;
    train::writeRunDirectory(runDir, result, eval, classNames, model.source, numberOr(m, "seconds", 0));
}

}  // namespace motifloom::exchange
