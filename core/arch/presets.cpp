#include "arch/presets.h"

#include "util/input_error.h"

#include <algorithm>
#include <cctype>

namespace motifloom::arch {

namespace {

// One conv block of the paper's models; pool == 0 means "no max-pool layer".
struct Block {
    int filters;
    int width;
    int pool;
    int poolStride = 0;  // 0: equal to the window
};

struct PresetDef {
    const char* name;
    std::vector<Block> blocks;
    int hidden;       // units of the hidden dense layer
    double l1;        // L1 penalty (only CNN-50 uses it)
    const char* description;
};

const std::vector<PresetDef>& definitions() {
    static const std::vector<PresetDef> defs = {
        {"CNN-1", {{30, 19, 1}, {128, 5, 100}}, 512, 0.0,
         "30 filters x 19, no first-layer pooling (pool 1), then 128 x 5 and pool 100: distributed"},
        {"CNN-2", {{30, 19, 2}, {128, 5, 50}}, 512, 0.0,
         "30 filters x 19, first-layer pool 2, then 128 x 5 and pool 50: distributed (partial motifs)"},
        {"CNN-4", {{30, 19, 4}, {128, 5, 25}}, 512, 0.0,
         "30 filters x 19, first-layer pool 4, then 128 x 5 and pool 25: distributed"},
        {"CNN-10", {{30, 19, 10}, {128, 5, 10}}, 512, 0.0,
         "30 filters x 19, first-layer pool 10, then 128 x 5 and pool 10: towards localist"},
        {"CNN-25", {{30, 19, 25}, {128, 5, 4}}, 512, 0.0,
         "30 filters x 19, first-layer pool 25, then 128 x 5 and pool 4: localist (whole motifs)"},
        {"CNN-50", {{30, 19, 50}, {128, 5, 2}}, 512, 1e-6,
         "30 filters x 19, first-layer pool 50, then 128 x 5 and pool 2, L1 1e-6: localist"},
        {"CNN-100", {{30, 19, 100}, {128, 5, 1}}, 512, 0.0,
         "30 filters x 19, first-layer pool 100, then 128 x 5 and pool 1: localist"},
        {"CNN-50-2", {{30, 19, 50, 2}, {64, 5, 50}}, 96, 0.0,
         "30 filters x 19, first-layer pool window 50 with stride 2, then 64 x 5, pool 50, dense 96"},
        {"CNN9-4", {{30, 9, 4}, {128, 5, 25}}, 512, 0.0,
         "30 small filters x 9, first-layer pool 4, then 128 x 5 and pool 25"},
        {"CNN9-25", {{30, 9, 25}, {128, 5, 4}}, 512, 0.0,
         "30 small filters x 9, first-layer pool 25, then 128 x 5 and pool 4"},
        {"CNN3-2", {{30, 3, 2}, {128, 5, 50}}, 512, 0.0,
         "30 tiny filters x 3, first-layer pool 2, then 128 x 5 and pool 50"},
        {"CNN3-50", {{30, 3, 50}, {128, 5, 2}}, 512, 0.0,
         "30 tiny filters x 3, first-layer pool 50, then 128 x 5 and pool 2"},
        {"CNN-2-1", {{30, 19, 2}, {128, 1, 50}}, 512, 0.0,
         "30 filters x 19, first-layer pool 2, then 128 filters of width 1 and pool 50"},
        {"CNN-25-60", {{60, 19, 25}, {128, 5, 4}}, 512, 0.0,
         "CNN-25 with 60 first-layer filters x 19"},
        {"CNN-25-90", {{90, 19, 25}, {128, 5, 4}}, 512, 0.0,
         "CNN-25 with 90 first-layer filters x 19"},
        {"CNN-25-120", {{120, 19, 25}, {128, 5, 4}}, 512, 0.0,
         "CNN-25 with 120 first-layer filters x 19"},
        {"CNN-1-3", {{30, 19, 1}, {128, 5, 0}, {128, 5, 100}}, 512, 0.0,
         "three conv layers: 30 x 19 (pool 1), 128 x 5 (no pool), 128 x 5 and pool 100"},
    };
    return defs;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const PresetDef* find(const std::string& name) {
    const std::string key = lower(name);
    for (const auto& d : definitions())
        if (lower(d.name) == key) return &d;
    return nullptr;
}

const PresetDef& findOrThrow(const std::string& name) {
    if (const PresetDef* d = find(name)) return *d;
    std::string list;
    for (const auto& n : presetNames()) list += (list.empty() ? "" : ", ") + n;
    throw InputError("unknown model '" + name + "'; the presets are " + list);
}

}  // namespace

std::vector<std::string> presetNames() {
    std::vector<std::string> names;
    for (const auto& d : definitions()) names.emplace_back(d.name);
    return names;
}

bool isPreset(const std::string& name) { return find(name) != nullptr; }

std::string presetDescription(const std::string& name) { return findOrThrow(name).description; }

Architecture preset(const std::string& name, int inputLength, int numClasses) {
    const PresetDef& def = findOrThrow(name);
    if (inputLength < 1)
        throw InputError("the input length must be at least 1 base (is " + std::to_string(inputLength) + ")");
    if (numClasses < 1)
        throw InputError("the number of classes must be at least 1 (is " + std::to_string(numClasses) + ")");

    Architecture a;
    a.name = def.name;
    a.description = def.description;
    a.inputLength = inputLength;
    a.numClasses = numClasses;
    a.output = OutputKind::Sigmoid;
    a.training = TrainingSettings{};  // the paper's defaults
    a.training.l1 = def.l1;

    int length = inputLength;  // current sequence length, to shrink windows for short inputs
    for (const Block& b : def.blocks) {
        a.layers.push_back(LayerSpec::conv(b.filters, b.width, Padding::Same, false));
        a.layers.push_back(LayerSpec::batchNorm(1e-8));
        a.layers.push_back(LayerSpec::act(ActivationType::ReLU));
        if (b.pool > 0) {
            const int window = std::min(b.pool, length);
            const int stride = b.poolStride > 0 ? std::min(b.poolStride, length) : 0;
            a.layers.push_back(LayerSpec::maxPool(window, stride));
            const int step = stride > 0 ? stride : window;
            length = (length + step - 1) / step;
        }
        a.layers.push_back(LayerSpec::dropout(0.1));
    }
    a.layers.push_back(LayerSpec::flatten());
    a.layers.push_back(LayerSpec::dense(def.hidden, false));
    a.layers.push_back(LayerSpec::batchNorm(1e-8));
    a.layers.push_back(LayerSpec::act(ActivationType::ReLU));
    a.layers.push_back(LayerSpec::dropout(0.5));
    a.layers.push_back(LayerSpec::dense(numClasses, true));
    return a;
}

std::string representationHint(const Architecture& arch) {
    const auto& layers = arch.layers;
    std::size_t first = 0;
    while (first < layers.size() && layers[first].type != LayerType::Conv1D) ++first;
    if (first == layers.size())
        return "No convolutional layer: there are no first-layer filters to turn into motifs.";

    const int width = layers[first].width;
    int window = 1, stride = 1;
    bool deeperConv = false;
    for (std::size_t i = first + 1; i < layers.size(); ++i) {
        const LayerSpec& s = layers[i];
        if (s.type == LayerType::Conv1D) { deeperConv = true; break; }
        if (s.type == LayerType::Flatten || s.type == LayerType::Dense) break;
        if (s.type == LayerType::MaxPool) {  // consecutive pools compound
            window += (std::max(s.poolSize, 1) - 1) * stride;
            stride *= std::max(s.stride(), 1);
        }
    }

    std::string hint;
    const std::string pool = window == stride
        ? "first-layer max-pool " + std::to_string(window)
        : "first-layer max-pool window " + std::to_string(window) + " with stride " + std::to_string(stride);
    if (!deeperConv) {
        hint = "No deeper convolution can assemble partial motifs, so the paper's principle predicts "
               "first-layer filters learn whole motifs (localist).";
    } else if (stride >= 10) {
        hint = "Large " + pool + " discards where partial motifs sit, so deeper layers cannot assemble "
               "them: the paper predicts whole motifs in the first layer (localist), as CNN-10 to CNN-100.";
    } else if (window <= 4) {
        hint = (window == 1 ? std::string("No first-layer pooling") : "Small " + pool) +
               " keeps spatial detail, so deeper layers can assemble motifs from parts: "
               "the paper predicts partial motifs in the first layer (distributed), as CNN-1 to CNN-4.";
    } else if (stride <= 4) {
        hint = "The " + pool + " blurs positions but barely downsamples, so deeper layers keep coarse "
               "spatial detail: expect a mix of whole and partial motifs (compare CNN-50-2 with CNN-50).";
    } else {
        hint = "Intermediate " + pool + ": expect a mix of whole and partial motifs in the first layer "
               "(between CNN-4 and CNN-10).";
    }
    if (width < 10)
        hint += " Filters of width " + std::to_string(width) + " are shorter than most motifs, so they "
                "capture whole motifs less often (as the paper's CNN9 and CNN3 models).";
    return hint;
}

}  // namespace motifloom::arch
