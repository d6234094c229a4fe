#include "arch/architecture_json.h"

#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>

namespace motifloom::arch {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "motifloom-architecture";
constexpr int kVersion = 1;

// ---- names -------------------------------------------------------------------------------

const char* layerTypeName(LayerType t) {
    switch (t) {
    case LayerType::Conv1D: return "conv1d";
    case LayerType::BatchNorm: return "batch_norm";
    case LayerType::Activation: return "activation";
    case LayerType::MaxPool: return "max_pool";
    case LayerType::Dropout: return "dropout";
    case LayerType::Flatten: return "flatten";
    case LayerType::Dense: return "dense";
    }
    return "?";
}

const char* activationName(ActivationType a) {
    switch (a) {
    case ActivationType::ReLU: return "relu";
    case ActivationType::Exponential: return "exponential";
    case ActivationType::Sigmoid: return "sigmoid";
    case ActivationType::Linear: return "linear";
    }
    return "?";
}

const char* paddingName(Padding p) { return p == Padding::Same ? "same" : "valid"; }
const char* outputName(OutputKind o) { return o == OutputKind::Sigmoid ? "sigmoid" : "softmax"; }
const char* optimizerName(OptimizerKind o) { return o == OptimizerKind::Adam ? "adam" : "sgd"; }

// Lower case without '_', '-' and spaces, so "MaxPool", "max_pool" and "max-pool" all match.
std::string normalized(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '_' && c != '-' && c != ' ') out += char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// ---- writing -----------------------------------------------------------------------------

template <class J>
J layerToJson(const LayerSpec& s) {
    J j;
    j["type"] = layerTypeName(s.type);
    switch (s.type) {
    case LayerType::Conv1D:
        j["filters"] = s.units;
        j["width"] = s.width;
        j["padding"] = paddingName(s.padding);
        j["bias"] = s.bias;
        break;
    case LayerType::BatchNorm:
        j["epsilon"] = s.epsilon;
        j["momentum"] = s.momentum;
        break;
    case LayerType::Activation:
        j["function"] = activationName(s.activation);
        break;
    case LayerType::MaxPool:
        j["size"] = s.poolSize;
        if (s.poolStride != 0) j["stride"] = s.poolStride;
        break;
    case LayerType::Dropout:
        j["rate"] = s.dropRate;
        break;
    case LayerType::Flatten:
        break;
    case LayerType::Dense:
        j["units"] = s.units;
        j["bias"] = s.bias;
        break;
    }
    return j;
}

template <class J>
J trainingToJson(const TrainingSettings& t) {
    J j;
    j["optimizer"] = optimizerName(t.optimizer);
    j["learning_rate"] = t.learningRate;
    j["beta1"] = t.beta1;
    j["beta2"] = t.beta2;
    j["adam_epsilon"] = t.adamEpsilon;
    j["momentum"] = t.momentum;
    j["batch_size"] = t.batchSize;
    j["max_epochs"] = t.maxEpochs;
    j["patience"] = t.patience;
    j["restore_best"] = t.restoreBest;
    j["l1"] = t.l1;
    j["l2"] = t.l2;
    j["seed"] = t.seed;
    return j;
}

template <class J>
J architectureToJson(const Architecture& a) {
    J j;
    j["format"] = kFormat;
    j["version"] = kVersion;
    j["name"] = a.name;
    j["description"] = a.description;
    j["input_length"] = a.inputLength;
    j["classes"] = a.numClasses;
    j["output"] = outputName(a.output);
    J layers = J::array();
    for (const auto& s : a.layers) layers.push_back(layerToJson<J>(s));
    j["layers"] = std::move(layers);
    j["training"] = trainingToJson<J>(a.training);
    return j;
}

// ---- reading -----------------------------------------------------------------------------

// Where in the document we are, for messages: "arch.json: layer 3: ...".
struct Context {
    const std::string& source;
    std::string where;  // "layer 3", "training" or empty for the top level
    Warnings* warnings;

    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(source, 0, where.empty() ? message : where + ": " + message);
    }
};

std::string shown(const json& v) {
    std::string s = v.dump();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
}

// Warns about keys outside `allowed`.
void checkKeys(const json& obj, std::initializer_list<const char*> allowed, const Context& ctx) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool known = false;
        for (const char* k : allowed) known = known || it.key() == k;
        if (!known && ctx.warnings) {
            std::string example = ctx.source.empty() ? "" : ctx.source + ": ";
            if (!ctx.where.empty()) example += ctx.where + ": ";
            ctx.warnings->add("unknown key in an architecture ignored", example + "'" + it.key() + "'");
        }
    }
}

const json* member(const json& obj, const char* key, bool required, const Context& ctx, const char* what) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) ctx.fail(std::string(what) + " needs '" + key + "'");
        return nullptr;
    }
    return &*it;
}

std::optional<long long> wholeNumber(const json& v) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > std::uint64_t(LLONG_MAX)) return std::nullopt;
        return (long long)u;
    }
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e18) return (long long)d;
    }
    return std::nullopt;
}

int readInt(const json& obj, const char* key, int fallback, bool required, const Context& ctx, const char* what) {
    const json* v = member(obj, key, required, ctx, what);
    if (!v) return fallback;
    const auto n = wholeNumber(*v);
    if (!n) ctx.fail("'" + std::string(key) + "' must be a whole number, not " + shown(*v));
    if (*n < INT_MIN || *n > INT_MAX) ctx.fail("'" + std::string(key) + "' is out of range (" + shown(*v) + ")");
    return int(*n);
}

double readDouble(const json& obj, const char* key, double fallback, bool required, const Context& ctx,
                  const char* what) {
    const json* v = member(obj, key, required, ctx, what);
    if (!v) return fallback;
    if (!v->is_number()) ctx.fail("'" + std::string(key) + "' must be a number, not " + shown(*v));
    return v->get<double>();
}

bool readBool(const json& obj, const char* key, bool fallback, const Context& ctx) {
    const json* v = member(obj, key, false, ctx, "");
    if (!v) return fallback;
    if (!v->is_boolean()) ctx.fail("'" + std::string(key) + "' must be true or false, not " + shown(*v));
    return v->get<bool>();
}

std::string readString(const json& obj, const char* key, const std::string& fallback, bool required,
                       const Context& ctx, const char* what) {
    const json* v = member(obj, key, required, ctx, what);
    if (!v) return fallback;
    if (!v->is_string()) ctx.fail("'" + std::string(key) + "' must be a text in quotes, not " + shown(*v));
    return v->get<std::string>();
}

// Reads an enumerated string; `options` pairs normalized names with values.
template <class E>
E readEnum(const json& obj, const char* key, E fallback, const Context& ctx,
           std::initializer_list<std::pair<const char*, E>> options) {
    const json* v = member(obj, key, false, ctx, "");
    if (!v) return fallback;
    if (!v->is_string()) ctx.fail("'" + std::string(key) + "' must be a text in quotes, not " + shown(*v));
    const std::string text = v->get<std::string>();
    for (const auto& [name, value] : options)
        if (normalized(text) == normalized(name)) return value;
    std::string list;
    for (const auto& [name, value] : options) list += (list.empty() ? "'" : ", '") + std::string(name) + "'";
    ctx.fail("unknown " + std::string(key) + " '" + text + "' (expected one of " + list + ")");
}

LayerSpec layerFromJson(const json& j, const Context& ctx) {
    if (!j.is_object()) ctx.fail("a layer must be an object like {\"type\": \"conv1d\", ...}, not " + shown(j));
    const std::string typeText = readString(j, "type", {}, true, ctx, "a layer");
    const std::string type = normalized(typeText);
    LayerSpec s;
    if (type == "conv1d" || type == "conv" || type == "convolution") {
        const int filters = readInt(j, "filters", 0, true, ctx, "conv1d");
        s = LayerSpec::conv(filters, readInt(j, "width", 0, true, ctx, "conv1d"));
        s.padding = readEnum(j, "padding", Padding::Same, ctx, {{"same", Padding::Same}, {"valid", Padding::Valid}});
        s.bias = readBool(j, "bias", false, ctx);
        checkKeys(j, {"type", "filters", "width", "padding", "bias"}, ctx);
    } else if (type == "batchnorm" || type == "batchnormalization") {
        s = LayerSpec::batchNorm(readDouble(j, "epsilon", 1e-8, false, ctx, "batch_norm"));
        s.momentum = readDouble(j, "momentum", s.momentum, false, ctx, "batch_norm");
        checkKeys(j, {"type", "epsilon", "momentum"}, ctx);
    } else if (type == "activation") {
        s = LayerSpec::act(readEnum(j, "function", ActivationType::ReLU, ctx,
                                    {{"relu", ActivationType::ReLU},
                                     {"exponential", ActivationType::Exponential},
                                     {"exp", ActivationType::Exponential},
                                     {"sigmoid", ActivationType::Sigmoid},
                                     {"linear", ActivationType::Linear}}));
        checkKeys(j, {"type", "function"}, ctx);
    } else if (type == "maxpool" || type == "maxpool1d" || type == "maxpooling1d") {
        const int size = readInt(j, "size", 0, true, ctx, "max_pool");
        s = LayerSpec::maxPool(size, readInt(j, "stride", 0, false, ctx, ""));
        checkKeys(j, {"type", "size", "stride"}, ctx);
    } else if (type == "dropout") {
        s = LayerSpec::dropout(readDouble(j, "rate", 0.0, true, ctx, "dropout"));
        checkKeys(j, {"type", "rate"}, ctx);
    } else if (type == "flatten") {
        s = LayerSpec::flatten();
        checkKeys(j, {"type"}, ctx);
    } else if (type == "dense") {
        const int units = readInt(j, "units", 0, true, ctx, "dense");
        s = LayerSpec::dense(units, readBool(j, "bias", false, ctx));
        checkKeys(j, {"type", "units", "bias"}, ctx);
    } else {
        ctx.fail("unknown layer type '" + typeText +
                 "' (expected conv1d, batch_norm, activation, max_pool, dropout, flatten or dense)");
    }
    return s;
}

// Line (from 1) of a parse error: nlohmann's own "at line N" when present, else counted from
// the byte offset.
long lineOf(const std::string& what, const std::string& text, std::size_t byte) {
    if (const auto at = what.find("at line "); at != std::string::npos) {
        const long line = std::strtol(what.c_str() + at + 8, nullptr, 10);
        if (line > 0) return line;
    }
    byte = std::min(byte, text.size());
    long line = 1;
    for (std::size_t i = 0; i < byte; ++i)
        if (text[i] == '\n') ++line;
    return line;
}

// nlohmann's message without its "[json.exception...] parse error at line 3, column 5: " prefix.
std::string parseErrorText(const std::string& what) {
    const auto column = what.find("column ");
    if (column != std::string::npos) {
        const auto colon = what.find(": ", column);
        if (colon != std::string::npos) return what.substr(colon + 2);
    }
    return jsonErrorText(what);
}

}  // namespace

json toJson(const Architecture& arch) { return architectureToJson<json>(arch); }
json toJson(const TrainingSettings& settings) { return trainingToJson<json>(settings); }

TrainingSettings trainingSettingsFromJson(const json& j, const std::string& source, Warnings* warnings) {
    const Context ctx{source, "training", warnings};
    if (!j.is_object()) ctx.fail("must be an object like {\"batch_size\": 100, ...}, not " + shown(j));
    TrainingSettings t;
    t.optimizer = readEnum(j, "optimizer", t.optimizer, ctx, {{"adam", OptimizerKind::Adam}, {"sgd", OptimizerKind::Sgd}});
    t.learningRate = readDouble(j, "learning_rate", t.learningRate, false, ctx, "");
    t.beta1 = readDouble(j, "beta1", t.beta1, false, ctx, "");
    t.beta2 = readDouble(j, "beta2", t.beta2, false, ctx, "");
    t.adamEpsilon = readDouble(j, "adam_epsilon", t.adamEpsilon, false, ctx, "");
    t.momentum = readDouble(j, "momentum", t.momentum, false, ctx, "");
    t.batchSize = readInt(j, "batch_size", t.batchSize, false, ctx, "");
    t.maxEpochs = readInt(j, "max_epochs", t.maxEpochs, false, ctx, "");
    t.patience = readInt(j, "patience", t.patience, false, ctx, "");
    t.restoreBest = readBool(j, "restore_best", t.restoreBest, ctx);
    t.l1 = readDouble(j, "l1", t.l1, false, ctx, "");
    t.l2 = readDouble(j, "l2", t.l2, false, ctx, "");
    if (const json* seed = member(j, "seed", false, ctx, "")) {
        if (seed->is_number_unsigned()) t.seed = seed->get<std::uint64_t>();
        else if (auto n = wholeNumber(*seed); n && *n >= 0) t.seed = std::uint64_t(*n);
        else ctx.fail("'seed' must be a whole number of at least 0, not " + shown(*seed));
    }
    checkKeys(j, {"optimizer", "learning_rate", "beta1", "beta2", "adam_epsilon", "momentum", "batch_size",
                  "max_epochs", "patience", "restore_best", "l1", "l2", "seed"},
              ctx);
    return t;
}

Architecture fromJson(const json& j, const std::string& source, Warnings* warnings) {
    const Context top{source, "", warnings};
    if (!j.is_object()) top.fail("not a MotifLoom architecture (expected a JSON object, found " +
                                 std::string(j.type_name()) + ")");
    if (const json* format = member(j, "format", false, top, "")) {
        if (!format->is_string() || format->get<std::string>() != kFormat)
            top.fail("not a MotifLoom architecture file (format " + shown(*format) + ")");
    }
    const int version = readInt(j, "version", kVersion, false, top, "");
    if (version > kVersion)
        top.fail("written by a newer MotifLoom (architecture format version " + std::to_string(version) +
                 "; this version reads up to " + std::to_string(kVersion) + ")");

    Architecture a;
    a.name = readString(j, "name", {}, false, top, "");
    a.description = readString(j, "description", {}, false, top, "");
    a.inputLength = readInt(j, "input_length", a.inputLength, false, top, "");
    a.numClasses = readInt(j, "classes", a.numClasses, false, top, "");
    a.output = readEnum(j, "output", a.output, top, {{"sigmoid", OutputKind::Sigmoid}, {"softmax", OutputKind::Softmax}});

    const json* layers = member(j, "layers", true, top, "an architecture");
    if (!layers->is_array()) top.fail("'layers' must be a list [...] of layers, not " + shown(*layers));
    for (std::size_t i = 0; i < layers->size(); ++i) {
        const Context ctx{source, "layer " + std::to_string(i + 1), warnings};
        a.layers.push_back(layerFromJson((*layers)[i], ctx));
    }
    if (const json* training = member(j, "training", false, top, ""))
        a.training = trainingSettingsFromJson(*training, source, warnings);

    checkKeys(j, {"format", "version", "name", "description", "input_length", "classes", "output", "layers",
                  "training"},
              top);
    return a;
}

std::string toJsonString(const Architecture& arch) {
    const auto doc = architectureToJson<nlohmann::ordered_json>(arch);
    std::string out = "{\n";
    bool firstKey = true;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        out += firstKey ? "  " : ",\n  ";
        firstKey = false;
        out += json(it.key()).dump() + ": ";
        if (it.key() == "layers") {  // one compact line per layer reads like the GUI's list
            out += "[";
            for (std::size_t i = 0; i < it->size(); ++i)
                out += (i ? ",\n    " : "\n    ") + (*it)[i].dump(-1, ' ', false);
            out += it->empty() ? "]" : "\n  ]";
        } else {
            std::string value = it->dump(2);
            for (std::size_t p = value.find('\n'); p != std::string::npos; p = value.find('\n', p + 1))
                value.insert(p + 1, "  ");
            out += value;
        }
    }
    out += "\n}\n";
    return out;
}

Architecture fromJsonString(const std::string& text, const std::string& source, Warnings* warnings) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError(source, lineOf(e.what(), text, e.byte == 0 ? 0 : e.byte - 1), "invalid JSON: " + parseErrorText(e.what()));
    }
    return fromJson(doc, source, warnings);
}

void saveArchitecture(const Architecture& arch, const std::string& path) {
    writeTextFileAtomically(path, toJsonString(arch));
}

Architecture loadArchitecture(const std::string& path, Warnings* warnings) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, "read failed");
    return fromJsonString(buffer.str(), path, warnings);
}

}  // namespace motifloom::arch
