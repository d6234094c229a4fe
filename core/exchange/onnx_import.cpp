#include "exchange/onnx_import.h"

#include "arch/architecture_json.h"
#include "exchange/onnx_chain.h"
#include "exchange/onnx_export.h"
#include "util/input_error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace motifloom::exchange {
namespace fs = std::filesystem;
using onnxgraph::Graph;
using onnxgraph::describe;
using onnxgraph::ImportedLayer;
using onnxgraph::OnnxChain;
using onnxgraph::Unsupported;

namespace {

constexpr std::int64_t kMaxClasses = 100'000;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// The architecture a MotifLoom export stored in metadata_props, if any and readable.
std::optional<arch::Architecture> storedArchitecture(const Graph& g) {
    for (const auto& p : g.model.metadata_props())
        if (p.key() == kOnnxArchitectureKey) {
            try {
                return arch::fromJsonString(p.value(), g.file);
            } catch (const InputError&) {
                return std::nullopt;  // only names and settings come from it; the graph is the truth
            }
        }
    return std::nullopt;
}

// Global max-pool, flatten and an untrained dense layer after the first block, so that the run
// is a complete network (filters, gallery and Tomtom need only the first layer).
void appendStandInHead(std::vector<ImportedLayer>& layers, int length, int classes) {
    layers.push_back({arch::LayerSpec::maxPool(length, length), {}});
    layers.push_back({arch::LayerSpec::flatten(), {}});
    layers.push_back({arch::LayerSpec::dense(classes, false), {}});
}

}  // namespace

std::string OnnxImporter::formatName() const {
    return "ONNX model (*.onnx): Conv/BatchNormalization/Relu/Exp/Sigmoid/MaxPool/Dropout/Flatten/Gemm graphs whole, "
           "other graphs' first convolution block";
}

bool OnnxImporter::accepts(const std::string& path) const {
    std::error_code ec;
    return lower(fs::path(path).extension().string()) == ".onnx" && fs::is_regular_file(path, ec);
}

ImportedModel OnnxImporter::read(const std::string& path) const {
    const Graph g = onnxgraph::readOnnxGraph(path);
    OnnxChain whole(g, false);
    whole.startAtInput();
    std::vector<ImportedLayer> layers;
    std::vector<std::string> notes;
    std::optional<arch::OutputKind> output;
    std::string problem;
    try {
        whole.walk(g.input);
        whole.checkAllVisited();
        if (!whole.layers.empty() && whole.layers.back().spec.type == arch::LayerType::Dense && !whole.output)
            whole.notes.push_back("the graph ends with the dense layer's values; MotifLoom reads them as logits under a sigmoid");
        else if (whole.layers.empty() || whole.layers.back().spec.type != arch::LayerType::Dense)
            throw Unsupported{"the network does not end with a dense layer"};
        layers = whole.layers;
        notes = whole.notes;
        output = whole.output.value_or(arch::OutputKind::Sigmoid);
    } catch (const Unsupported& u) {
        problem = u.message;
    }

    arch::Architecture a;
    const auto stored = storedArchitecture(g);
    if (stored) a = *stored;  // name, description, training settings
    else a.name = fs::path(path).stem().string();
    a.description = "imported from " + fs::path(path).filename().string() +
                    (g.model.producer_name().empty() ? std::string() : " (" + g.model.producer_name() + ")");
    a.inputLength = whole.inputLength;

    auto build = [&](const std::vector<ImportedLayer>& ls, arch::OutputKind kind) {
        a.layers.clear();
        for (std::size_t i = 0; i < ls.size(); ++i) {
            arch::LayerSpec s = ls[i].spec;
            // MotifLoom's own export: its exact doubles (ONNX stores epsilon and momentum as floats).
            if (stored && stored->layers.size() == ls.size() && stored->layers[i].type == s.type &&
                std::abs(stored->layers[i].epsilon - s.epsilon) <= 1e-6 * s.epsilon &&
                std::abs(stored->layers[i].momentum - s.momentum) <= 1e-6 && std::abs(stored->layers[i].dropRate - s.dropRate) <= 1e-6) {
                s.epsilon = stored->layers[i].epsilon;
                s.momentum = stored->layers[i].momentum;
                s.dropRate = stored->layers[i].dropRate;
            }
            a.layers.push_back(s);
        }
        a.numClasses = ls.back().spec.units;
        a.output = kind;
        return arch::validate(a);
    };
    if (problem.empty()) {
        if (auto problems = build(layers, *output); !problems.empty()) problem = "the network cannot be built in MotifLoom: " + problems.front();
    }
    if (!problem.empty()) {
        // The first convolution block, for filter analysis.
        const onnx::NodeProto* firstConv = nullptr;
        for (const auto* n : g.nodes)
            if (n->op_type() == "Conv") {
                firstConv = n;
                break;
            }
        if (!firstConv)
            throw InputError(path, 0, "cannot be imported: " + problem + ", and the graph has no convolution whose filters could be imported");
        OnnxChain block(g, true);
        if (firstConv->input(0) == g.input) block.startAtInput();
        else block.startAtConv(*firstConv, whole.inputLength);
        block.walk(firstConv->input(0));
        layers = block.layers;
        if (layers.empty() || layers.front().spec.type != arch::LayerType::Conv1D)
            throw InputError(path, 0, "cannot be imported: " + problem + "; its first convolution (" + describe(g, *firstConv) +
                                          ") does not read the input directly either");
        const arch::Shape convOut = [&] {
            arch::Architecture probe = a;
            probe.layers = {layers.front().spec};
            return arch::outputShapes(probe).front();
        }();
        std::int64_t classes = g.outputDims.empty() ? 1 : g.outputDims.back();
        if (classes < 1 || classes > kMaxClasses) classes = 1;
        appendStandInHead(layers, std::max(convOut.length, 1), int(classes));
        notes = block.notes;
        notes.insert(notes.begin(), "only the first convolution block was imported, for filter analysis: " + problem +
                                        "; a global max-pool and an untrained dense layer stand in for the rest, so predictions of this run mean nothing");
        if (auto problems = build(layers, arch::OutputKind::Sigmoid); !problems.empty())
            throw InputError(path, 0, "cannot be imported: " + problem + "; its first convolution block neither: " + problems.front());
    }

    ImportedModel out{nn::Network(a, a.training.seed), nullptr, {}, {}, {}, notes};
    for (int i = 0; i < out.network.layerCount(); ++i) {
        auto state = out.network.layerState(i);
        const auto& tensors = layers[std::size_t(i)].tensors;
        if (tensors.empty()) continue;  // the stand-in dense layer keeps zeros below
        if (tensors.size() != state.size())
            throw InputError(path, 0, "layer " + std::to_string(i + 1) + ": " + std::to_string(tensors.size()) + " tensors for " +
                                          std::to_string(state.size()));
        for (std::size_t t = 0; t < state.size(); ++t) {
            if (tensors[t].size() != state[t].size())
                throw InputError(path, 0, "layer " + std::to_string(i + 1) + ": a tensor of " + std::to_string(tensors[t].size()) +
                                              " values where " + std::to_string(state[t].size()) + " are needed");
            std::copy(tensors[t].begin(), tensors[t].end(), state[t].begin());
        }
    }
    if (!problem.empty()) {
        auto state = out.network.layerState(out.network.layerCount() - 1);
        for (auto& s : state) std::fill(s.begin(), s.end(), 0.0f);
    }
    out.source = "imported from " + path + (g.model.producer_name().empty() ? std::string() : " (" + g.model.producer_name() + ")");
    return out;
}

}  // namespace motifloom::exchange
