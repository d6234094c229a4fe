#pragma once
// The MotifLoom exchange format: a trained model as a folder that any framework can write with a
// few lines of code (the exported PyTorch project's exchange.py does), and MotifLoom reads back.
//
//   DIR/model.json   {"format": "motifloom-exchange", "version": 1,
//                     "architecture": {... arch/architecture_json.h ...},
//                     "weights": {"file": "weights.f32", "dtype": "float32", "byte_order": "little",
//                                 "tensors": [{"layer": 1, "name": "weight", "shape": [19, 4, 30]}, ...]},
//                     "metrics": {...}, "history": [...], "stop_reason": "...", "producer": "..."}
//   DIR/weights.f32  the listed tensors back to back, raw little-endian float32.
//
// Tensors: in layer order, exactly what nn::Network::layerState(i) holds, in its layouts
// (nn/layer.h): conv "weight" [width][channels][filters] and "bias" [filters]; dense "weight"
// [inputs][units] and "bias" [units]; batch norm "gamma", "beta", "running_mean",
// "running_variance" [channels]. "layer" counts from 1 as MotifLoom's messages do.
// "metrics" (test_auroc, test_aupr, test_loss, test_sequences, test_accuracy,
// test_aupr_trapezoid, per_class: [{class, positives, auroc, aupr, aupr_trapezoid}]), "history"
// (the epoch records of train/training_history.h) and "stop_reason" ("max_epochs",
// "early_stopping") are optional; NaN is written as null.
//
// Reading checks everything against the architecture: tensor count, names, shapes, the file's
// size; any mismatch is an InputError naming the file and the layer. Both files are written
// atomically (model.json last, so a reader never pairs a new manifest with old weights).

#include "nn/network.h"

#include <nlohmann/json.hpp>

#include <string>

namespace motifloom::exchange {

inline constexpr const char* kExchangeFormat = "motifloom-exchange";
inline constexpr int kExchangeVersion = 1;
inline constexpr const char* kManifestFile = "model.json";
inline constexpr const char* kWeightsFile = "weights.f32";

// The tensor names of layer `layerIndex` (0-based) in layerState() order.
std::vector<std::string> tensorNames(const nn::Network& net, int layerIndex);
// The shape of each of those tensors.
std::vector<std::vector<int>> tensorShapes(const nn::Network& net, int layerIndex);

// Writes DIR/weights.f32 and DIR/model.json (creating DIR). `extra` keys (metrics, history,
// producer, ...) are added to the manifest.
void writeExchangeModel(const std::string& dir, const nn::Network& net,
                        const nlohmann::json& extra = nlohmann::json::object());

struct ExchangeModel {
    nn::Network network;
    nlohmann::json manifest;  // the whole model.json
};

// Reads DIR (a folder holding model.json). Throws InputError naming the file (and the line of a
// JSON syntax error, or the layer of a tensor that does not fit).
ExchangeModel readExchangeModel(const std::string& dir);

}  // namespace motifloom::exchange
