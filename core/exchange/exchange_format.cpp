#include "exchange/exchange_format.h"

#include "arch/architecture_json.h"
#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/text.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace motifloom::exchange {
namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the file");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::uint32_t toLittle(std::uint32_t v) {
    if constexpr (std::endian::native == std::endian::big)
        v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    return v;
}

}  // namespace

std::vector<std::string> tensorNames(const nn::Network& net, int layerIndex) {
    const nn::Layer& l = net.layer(layerIndex);
    switch (l.type()) {
    case arch::LayerType::Conv1D:
    case arch::LayerType::Dense:
        if (l.spec().bias) return {"weight", "bias"};
        return {"weight"};
    case arch::LayerType::BatchNorm:
        return {"gamma", "beta", "running_mean", "running_variance"};
    default:
        return {};
    }
}

std::vector<std::vector<int>> tensorShapes(const nn::Network& net, int layerIndex) {
    const nn::Layer& l = net.layer(layerIndex);
    const arch::Shape in = l.inputShape(), out = l.outputShape();
    switch (l.type()) {
    case arch::LayerType::Conv1D:
        if (l.spec().bias) return {{l.spec().width, in.channels, out.channels}, {out.channels}};
        return {{l.spec().width, in.channels, out.channels}};
    case arch::LayerType::Dense:
        if (l.spec().bias) return {{in.channels, out.channels}, {out.channels}};
        return {{in.channels, out.channels}};
    case arch::LayerType::BatchNorm:
        return {{in.channels}, {in.channels}, {in.channels}, {in.channels}};
    default:
        return {};
    }
}

void writeExchangeModel(const std::string& dir, const nn::Network& netIn, const nlohmann::json& extra) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError(dir, 0, "cannot create the folder: " + ec.message());
    nn::Network net = netIn;  // layerState() hands out writable views
    nlohmann::json tensors = nlohmann::json::array();
    std::string blob;
    for (int i = 0; i < net.layerCount(); ++i) {
        const auto names = tensorNames(net, i);
        const auto shapes = tensorShapes(net, i);
        const auto state = net.layerState(i);
        for (std::size_t t = 0; t < state.size(); ++t) {
            tensors.push_back({{"layer", i + 1}, {"name", names[t]}, {"shape", shapes[t]}});
            for (float v : state[t]) {
                const std::uint32_t bits = toLittle(std::bit_cast<std::uint32_t>(v));
                blob.append(reinterpret_cast<const char*>(&bits), sizeof bits);
            }
        }
    }
    nlohmann::json manifest = extra.is_object() ? extra : nlohmann::json::object();
    manifest["format"] = kExchangeFormat;
    manifest["version"] = kExchangeVersion;
    manifest["architecture"] = arch::toJson(net.architecture());
    manifest["weights"] = {{"file", kWeightsFile}, {"dtype", "float32"}, {"byte_order", "little"},
                           {"tensors", tensors}};
    if (!manifest.contains("producer")) manifest["producer"] = "MotifLoom";
    writeFileAtomically((fs::path(dir) / kWeightsFile).string(), [&](std::ostream& out) { out << blob; });
    writeTextFileAtomically((fs::path(dir) / kManifestFile).string(), manifest.dump(1) + "\n");
}

ExchangeModel readExchangeModel(const std::string& dir) {
    const std::string path = (fs::path(dir) / kManifestFile).string();
    const std::string text = readFile(path);
    nlohmann::json m;
    try {
        m = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(path, lineOfOffset(text, e.byte > 0 ? e.byte - 1 : 0), std::string("invalid JSON: ") + e.what());
    }
    auto fail = [&](const std::string& message) -> void { throw InputError(path, 0, message); };
    if (!m.is_object() || m.value("format", std::string()) != kExchangeFormat)
        fail(std::string("not a MotifLoom exchange manifest (\"format\" must be \"") + kExchangeFormat + "\")");
    if (!m.contains("version") || !m["version"].is_number_integer() || m["version"].get<int>() != kExchangeVersion)
        fail("exchange format version " + (m.contains("version") ? m["version"].dump() : std::string("(missing)")) +
             " is not supported (this MotifLoom reads version " + std::to_string(kExchangeVersion) + ")");
    if (!m.contains("architecture")) fail("the manifest has no \"architecture\"");
    const arch::Architecture a = arch::fromJson(m["architecture"], path);
    if (auto problems = arch::validate(a); !problems.empty()) fail("the architecture cannot be built: " + problems.front());

    const nlohmann::json& w = m.value("weights", nlohmann::json());
    if (!w.is_object() || !w.contains("tensors") || !w["tensors"].is_array())
        fail("the manifest has no \"weights\" with a \"tensors\" list");
    if (w.value("dtype", std::string("float32")) != "float32" || w.value("byte_order", std::string("little")) != "little")
        fail("only little-endian float32 weights are supported");
    const std::string file = w.value("file", std::string(kWeightsFile));
    if (file.find('/') != std::string::npos || file.find('\\') != std::string::npos || file.empty() || file == "..")
        fail("the weights file must be a plain file name next to the manifest, not '" + file + "'");
    const std::string weightsPath = (fs::path(dir) / file).string();
    const std::string blob = readFile(weightsPath);

    // Before building the network: an absurd architecture must not allocate what no file backs.
    if (arch::parameterCount(a) > long(blob.size() / sizeof(float)))
        throw InputError(weightsPath, 0, "the file holds " + std::to_string(blob.size() / sizeof(float)) +
                                             " floats, the architecture needs " + std::to_string(arch::parameterCount(a)) +
                                             " parameters (truncated, or not this model's weights?)");
    ExchangeModel out{nn::Network(a, a.training.seed), m};
    nn::Network& net = out.network;
    const nlohmann::json& list = w["tensors"];
    std::size_t entry = 0, offset = 0;
    for (int i = 0; i < net.layerCount(); ++i) {
        const auto names = tensorNames(net, i);
        const auto shapes = tensorShapes(net, i);
        auto state = net.layerState(i);
        for (std::size_t t = 0; t < state.size(); ++t, ++entry) {
            const std::string what = net.layer(i).describe() + " " + names[t];
            if (entry >= list.size()) fail("the weights list ends before " + what);
            const nlohmann::json& e = list[entry];
            const bool shapeOk = e.is_object() && e.contains("shape") && e["shape"].is_array() &&
                                 e["shape"].size() == shapes[t].size() &&
                                 std::all_of(e["shape"].begin(), e["shape"].end(), [](const auto& v) { return v.is_number_integer(); });
            if (!e.is_object() || e.value("layer", -1) != i + 1 || e.value("name", std::string()) != names[t])
                fail("weights entry " + std::to_string(entry + 1) + " is " + e.dump() + ", expected " + what);
            if (!shapeOk || e["shape"].get<std::vector<int>>() != shapes[t])
                fail(what + " has shape " + e.value("shape", nlohmann::json()).dump() + ", the architecture needs " +
                     nlohmann::json(shapes[t]).dump());
            const std::size_t bytes = state[t].size() * sizeof(float);
            if (offset + bytes > blob.size())
                throw InputError(weightsPath, 0, "the file ends inside " + what + " (" + std::to_string(blob.size()) +
                                                     " bytes, truncated?)");
            for (std::size_t k = 0; k < state[t].size(); ++k) {
                std::uint32_t bits;
                std::memcpy(&bits, blob.data() + offset + k * sizeof bits, sizeof bits);
                state[t][k] = std::bit_cast<float>(toLittle(bits));
            }
            offset += bytes;
        }
    }
    if (entry != list.size())
        fail("the weights list has " + std::to_string(list.size()) + " tensors, the architecture " + std::to_string(entry));
    if (offset != blob.size())
        throw InputError(weightsPath, 0, "the file has " + std::to_string(blob.size()) + " bytes, the manifest's tensors take " +
                                             std::to_string(offset));
    return out;
}

}  // namespace motifloom::exchange
