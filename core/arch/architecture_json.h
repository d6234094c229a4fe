#pragma once
// Architecture <-> JSON. The file is meant to be read and edited by hand:
//   {
//     "format": "motifloom-architecture", "version": 1,
//     "name": "CNN-25", "description": "...",
//     "input_length": 200, "classes": 12, "output": "sigmoid",       // or "softmax"
//     "layers": [
//       {"type": "conv1d", "filters": 30, "width": 19, "padding": "same", "bias": false},
//       {"type": "batch_norm", "epsilon": 1e-08, "momentum": 0.99},
//       {"type": "activation", "function": "relu"},    // relu | exponential | sigmoid | linear
//       {"type": "max_pool", "size": 25},              // optional "stride" (absent = size)
//       {"type": "dropout", "rate": 0.1},
//       {"type": "flatten"},
//       {"type": "dense", "units": 512, "bias": false}, ...
//     ],
//     "training": {"optimizer": "adam", "learning_rate": 0.001, "beta1": 0.95, "beta2": 0.999,
//                  "adam_epsilon": 1e-08, "momentum": 0.9, "batch_size": 100,
//                  "max_epochs": 100, "patience": 20, "restore_best": true,
//                  "l1": 0, "l2": 1e-06, "seed": 1}
//   }
// Layers are numbered from 1 in messages, as in validate(). Reading: "layers" is required and
// every layer needs "type" plus its size keys (conv1d: filters, width; max_pool: size;
// dropout: rate; dense: units); every other key is optional with the defaults of LayerSpec /
// TrainingSettings. Type and enum names are case-insensitive and may drop '_' ("MaxPool").
// Keys MotifLoom does not know (or that do not apply to the layer type) are ignored and
// reported to `warnings`. Reading does not call validate(): an architecture saved mid-edit
// loads back as it was. Doubles are written in shortest round-trip form, so save -> load gives
// an Architecture that compares equal (for layers built with the LayerSpec constructors).

#include "arch/architecture.h"
#include "util/warnings.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace motifloom::arch {

// The JSON object described above (keys sorted, as nlohmann::json stores them).
nlohmann::json toJson(const Architecture& arch);
nlohmann::json toJson(const TrainingSettings& settings);

// Parses the object. Errors throw InputError(source, 0, "layer 3: unknown layer type 'conv2'")
// naming where in the document the problem is; `source` is the file name for messages.
Architecture fromJson(const nlohmann::json& json, const std::string& source = {},
                      Warnings* warnings = nullptr);
// The same function under a longer name (both are used by callers).
inline Architecture architectureFromJson(const nlohmann::json& json, const std::string& source = {},
                                         Warnings* warnings = nullptr) {
    return fromJson(json, source, warnings);
}
TrainingSettings trainingSettingsFromJson(const nlohmann::json& json, const std::string& source = {},
                                          Warnings* warnings = nullptr);

// The document as text in the key order shown above, one layer per line.
std::string toJsonString(const Architecture& arch);

// Parses text; JSON syntax errors throw InputError(source, line, "invalid JSON: ...").
Architecture fromJsonString(const std::string& text, const std::string& source = {},
                            Warnings* warnings = nullptr);

// Writes toJsonString(arch) to `path` atomically (util/atomic_file.h); does not validate.
// Throws InputError naming the path when the file cannot be written.
void saveArchitecture(const Architecture& arch, const std::string& path);

// Reads an architecture file; throws InputError naming `path` (and the line for syntax
// errors) when it cannot be read or parsed.
Architecture loadArchitecture(const std::string& path, Warnings* warnings = nullptr);

}  // namespace motifloom::arch
