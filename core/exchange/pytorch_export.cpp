#include "exchange/pytorch_export.h"

#include "arch/architecture_json.h"
#include "exchange/exchange_format.h"
#include "exchange/pytorch_templates.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace motifloom::exchange {
namespace fs = std::filesystem;

namespace {

// Shortest text that reads back as the same double (Python float literal syntax).
std::string number(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}

std::string pyString(const std::string& s) { return nlohmann::json(s).dump(); }  // JSON strings are Python strings
std::string pyBool(bool b) { return b ? "True" : "False"; }

std::string fill(std::string_view templateName, const std::map<std::string, std::string>& values) {
    std::string text(pytorchTemplate(templateName));
    if (text.empty()) throw std::logic_error("missing embedded template " + std::string(templateName));
    for (const auto& [key, value] : values) {
        const std::string mark = "{{" + key + "}}";
        for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
            text.replace(at, mark.size(), value);
    }
    if (const auto at = text.find("{{"); at != std::string::npos)
        throw std::logic_error("unfilled placeholder in " + std::string(templateName) + ": " + text.substr(at, 40));
    return text;
}

std::string outputName(const arch::Architecture& a) {
    return a.output == arch::OutputKind::Sigmoid ? "sigmoid" : "softmax";
}

std::string layerLine(const arch::LayerSpec& s, arch::Shape in, arch::Shape out) {
    using arch::LayerType;
    switch (s.type) {
    case LayerType::Conv1D:
        return "Conv(" + std::to_string(in.channels) + ", " + std::to_string(s.units) + ", " + std::to_string(s.width) +
               ", " + (s.padding == arch::Padding::Same ? "\"same\"" : "\"valid\"") + ", bias=" + pyBool(s.bias) + ")";
    case LayerType::BatchNorm:
        return "BatchNorm(" + std::to_string(in.channels) + ", eps=" + number(s.epsilon) + ", momentum=" +
               number(s.momentum) + ")";
    case LayerType::Activation:
        switch (s.activation) {
        case arch::ActivationType::ReLU: return "nn.ReLU()";
        case arch::ActivationType::Exponential: return "Exponential()";
        case arch::ActivationType::Sigmoid: return "nn.Sigmoid()";
        case arch::ActivationType::Linear: return "nn.Identity()";
        }
        break;
    case LayerType::MaxPool:
        return "MaxPool(" + std::to_string(in.length) + ", " + std::to_string(s.poolSize) + ", " +
               std::to_string(s.stride()) + ")";
    case LayerType::Dropout:
        return "nn.Dropout(" + number(s.dropRate) + ")";
    case LayerType::Flatten:
        return "FlattenLengthMajor()";
    case LayerType::Dense:
        return "Dense(" + std::to_string(in.channels) + ", " + std::to_string(out.channels) + ", bias=" + pyBool(s.bias) + ")";
    }
    return {};
}

std::string defaultsSource(const arch::TrainingSettings& t, const PyTorchExportOptions& options, bool withWeights) {
    const std::vector<std::pair<std::string, std::string>> items = {
        {"data", options.dataSource.empty() ? "None" : pyString(options.dataSource)},
        {"optimizer", t.optimizer == arch::OptimizerKind::Sgd ? "\"sgd\"" : "\"adam\""},
        {"learning_rate", number(t.learningRate)},
        {"beta1", number(t.beta1)},
        {"beta2", number(t.beta2)},
        {"adam_epsilon", number(t.adamEpsilon)},
        {"momentum", number(t.momentum)},
        {"batch_size", std::to_string(t.batchSize)},
        {"max_epochs", std::to_string(t.maxEpochs)},
        {"patience", std::to_string(t.patience)},
        {"l1", number(t.l1)},
        {"l2", number(t.l2)},
        {"seed", std::to_string(t.seed)},
        {"init", withWeights ? "\"weights\"" : "None"},
    };
    std::string out = "{\n";
    for (const auto& [k, v] : items) out += "    \"" + k + "\": " + v + ",\n";
    return out + "}";
}

}  // namespace

std::string pytorchModelSource(const arch::Architecture& a) {
    if (auto problems = arch::validate(a); !problems.empty())
        throw InputError("the architecture cannot be exported: " + problems.front());
    const auto shapes = arch::outputShapes(a);
    std::string layers;
    arch::Shape in{a.inputLength, 4};
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        const arch::Shape out = shapes[i];
        layers += "            " + layerLine(a.layers[i], in, out) + ",  # " + std::to_string(i + 1) + ": -> " +
                  (a.layers[i].type == arch::LayerType::Flatten || out.length == 1
                       ? std::to_string(out.channels) + " features"
                       : std::to_string(out.channels) + " x " + std::to_string(out.length)) +
                  "\n";
        in = out;
    }
    if (!layers.empty()) layers.pop_back();  // the template ends the line
    return fill("model.py.in", {{"MODEL_NAME", a.name.empty() ? "model" : a.name},
                                {"DESCRIPTION", a.description.empty() ? "a MotifLoom architecture" : a.description},
                                {"INPUT_LENGTH", std::to_string(a.inputLength)},
                                {"NUM_CLASSES", std::to_string(a.numClasses)},
                                {"OUTPUT", outputName(a)},
                                {"LAYERS", layers}});
}

std::vector<std::string> exportPyTorchProject(const arch::Architecture& archIn, const nn::Network* weights,
                                              const PyTorchExportOptions& options, const std::string& outDir) {
    const arch::Architecture& a = weights ? weights->architecture() : archIn;
    const std::string model = pytorchModelSource(a);  // validates first: nothing is written for a bad one
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) throw InputError(outDir, 0, "cannot create the folder: " + ec.message());
    const fs::path root(outDir);
    const std::string name = a.name.empty() ? "model" : a.name;
    const std::map<std::string, std::string> common = {
        {"MODEL_NAME", name},
        {"ORIGIN", options.origin.empty() ? "an architecture" : options.origin},
        {"DEFAULTS", defaultsSource(a.training, options, weights != nullptr)},
        {"DATA_HINT", options.dataSource.empty() ? "--data DIR " : ""},
        {"WEIGHTS_NOTE", weights ? "`weights/` holds the trained weights of " + options.origin +
                                       "; train.py starts from them (pass `--init ''` for random ones)."
                                 : "train.py starts from random (Glorot-uniform) weights."},
    };
    std::vector<std::string> written;
    auto write = [&](const std::string& file, const std::string& text) {
        writeTextFileAtomically((root / file).string(), text);
        written.push_back(file);
    };
    write("model.py", model);
    write("train.py", fill("train.py.in", common));
    write("README.md", fill("README.md.in", common));
    for (const char* f : {"data.py", "predict.py", "metrics.py", "exchange.py"}) write(f, std::string(pytorchTemplate(f)));
    write("architecture.json", arch::toJsonString(a));
    if (weights) {
        writeExchangeModel((root / "weights").string(), *weights,
                           {{"producer", "MotifLoom export of " + (options.origin.empty() ? name : options.origin)}});
        written.push_back("weights/model.json");
        written.push_back("weights/weights.f32");
    }
    return written;
}

}  // namespace motifloom::exchange
