#pragma once
// Import of models trained elsewhere into a MotifLoom run directory (train/run_directory.h), so
// the CLI and the GUI use them like their own runs (evaluate, filters, Tomtom, gallery, compare).
//
// Importers: one per source format, tried in order; the first whose accepts() says yes reads the
// source. Today: the exchange format (exchange/exchange_format.h; the exported PyTorch project's
// train.py writes it) and ONNX files (exchange/onnx_import.h). A new format is one more
// ModelImporter in importers().

#include "nn/network.h"
#include "train/training_history.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace motifloom::exchange {

struct ImportedModel {
    nn::Network network;
    nlohmann::json metrics;         // test metrics as metrics.json names them; null if unknown
    train::TrainingHistory history; // empty if unknown
    std::string stopReason;         // "max_epochs", "early_stopping" or empty
    std::string source;             // where it came from, for metrics.json's "data" and messages
    std::vector<std::string> notes; // things the user should know (what was left out, ...)
};

class ModelImporter {
public:
    virtual ~ModelImporter() = default;
    virtual std::string formatName() const = 0;  // e.g. "MotifLoom exchange folder"
    // Cheap check on the path (name, presence of files); never throws.
    virtual bool accepts(const std::string& path) const = 0;
    // Throws InputError naming the file (and line or layer) when it cannot be read.
    virtual ImportedModel read(const std::string& path) const = 0;
};

// The exchange format: a folder holding model.json (or the model.json itself), or an exported
// project folder whose result/ holds one.
class ExchangeImporter : public ModelImporter {
public:
    std::string formatName() const override;
    bool accepts(const std::string& path) const override;
    ImportedModel read(const std::string& path) const override;
};

// All importers, in the order they are tried.
const std::vector<const ModelImporter*>& importers();

// Reads `path` with the first importer that accepts it; InputError listing the formats if none.
ImportedModel importModel(const std::string& path);

// Writes the run directory (model.mlm, architecture.json, metrics.json, history.tsv).
void writeImportedRun(const ImportedModel& model, const std::string& runDir);

}  // namespace motifloom::exchange
