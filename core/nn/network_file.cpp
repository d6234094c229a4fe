// Network's model file (Network::save / Network::load): the binary frame of nn/binary_io.h around
// the architecture's JSON text, the penalties and every layer's state tensors.
#include "nn/network.h"

#include "arch/architecture_json.h"
#include "nn/binary_io.h"
#include "util/input_error.h"

#include <istream>
#include <ostream>

namespace motifloom::nn {

// Format 2 (written): payload = architecture as the text of arch::toJsonString (what a run
// directory's architecture.json holds) | f64 l1 | f64 l2 | per layer: u32 tensor count, then
// each state tensor (u64 count, floats).
// Format 1 (read only): the same, with the architecture as hand-serialised fields and enum
// numbers (getArchitectureV1 below).
namespace {
constexpr char kNetworkMagic[9] = "MLNETWRK";
constexpr std::uint32_t kNetworkVersion = 2;

// Format 1 stored enums as numbers; these tables say what each number meant there, so the
// enums of core/arch may change without changing how old files read.
constexpr arch::OutputKind kV1Outputs[] = {arch::OutputKind::Sigmoid, arch::OutputKind::Softmax};
constexpr arch::LayerType kV1LayerTypes[] = {
    arch::LayerType::Conv1D,  arch::LayerType::BatchNorm, arch::LayerType::Activation,
    arch::LayerType::MaxPool, arch::LayerType::Dropout,   arch::LayerType::Flatten,
    arch::LayerType::Dense};
constexpr arch::Padding kV1Paddings[] = {arch::Padding::Same, arch::Padding::Valid};
constexpr arch::ActivationType kV1Activations[] = {
    arch::ActivationType::ReLU, arch::ActivationType::Exponential, arch::ActivationType::Sigmoid,
    arch::ActivationType::Linear};
constexpr arch::OptimizerKind kV1Optimizers[] = {arch::OptimizerKind::Adam, arch::OptimizerKind::Sgd};

template <class E, std::size_t N>
E getEnum(BinaryReader& r, const E (&values)[N], const char* what) {
    const auto v = r.get<std::uint8_t>();
    if (v >= N) r.fail(std::string("unknown ") + what + " " + std::to_string(int(v)));
    return values[v];
}

arch::Architecture getArchitectureV1(BinaryReader& r) {
    arch::Architecture a;
    a.name = r.getString();
    a.description = r.getString();
    a.inputLength = r.get<std::int32_t>();
    a.numClasses = r.get<std::int32_t>();
    a.output = getEnum(r, kV1Outputs, "output kind");
    const auto layers = r.get<std::uint32_t>();
    if (layers > 10000) r.fail("implausible number of layers");
    for (std::uint32_t i = 0; i < layers; ++i) {
        arch::LayerSpec s;
        s.type = getEnum(r, kV1LayerTypes, "layer type");
        s.units = r.get<std::int32_t>();
        s.width = r.get<std::int32_t>();
        s.padding = getEnum(r, kV1Paddings, "padding");
        s.bias = r.get<std::uint8_t>() != 0;
        s.poolSize = r.get<std::int32_t>();
        s.poolStride = r.get<std::int32_t>();
        s.dropRate = r.get<double>();
        s.activation = getEnum(r, kV1Activations, "activation");
        s.epsilon = r.get<double>();
        s.momentum = r.get<double>();
        a.layers.push_back(s);
    }
    arch::TrainingSettings& t = a.training;
    t.optimizer = getEnum(r, kV1Optimizers, "optimiser");
    t.learningRate = r.get<double>();
    t.beta1 = r.get<double>();
    t.beta2 = r.get<double>();
    t.adamEpsilon = r.get<double>();
    t.momentum = r.get<double>();
    t.batchSize = r.get<std::int32_t>();
    t.maxEpochs = r.get<std::int32_t>();
    t.patience = r.get<std::int32_t>();
    t.restoreBest = r.get<std::uint8_t>() != 0;
    t.l1 = r.get<double>();
    t.l2 = r.get<double>();
    t.seed = r.get<std::uint64_t>();
    return a;
}
}  // namespace

void Network::save(std::ostream& out) const {
    BinaryWriter w;
    w.putString(arch::toJsonString(mArch));
    w.put<double>(mL1);
    w.put<double>(mL2);
    for (const auto& l : mLayers) {
        const auto tensors = const_cast<Layer&>(*l).stateTensors();
        w.put<std::uint32_t>(std::uint32_t(tensors.size()));
        for (std::span<float> t : tensors) w.putFloats(t);
    }
    writeFrame(out, kNetworkMagic, kNetworkVersion, w.data());
}

Network Network::load(std::istream& in, const std::string& source) {
    std::uint32_t version = 0;
    BinaryReader r = readFrame(in, kNetworkMagic, kNetworkVersion, source, "network", &version);
    Network net;
    if (version == 1) {
        net.mArch = getArchitectureV1(r);
    } else {
        const std::string text = r.getString();
        try {
            net.mArch = arch::fromJsonString(text);
        } catch (const InputError& e) {
            r.fail(std::string("its architecture cannot be read: ") + e.what());
        }
    }
    try {
        net.build(0);
    } catch (const InputError& e) {
        r.fail("its architecture cannot be built: " + e.message());
    }
    net.mL1 = r.get<double>();
    net.mL2 = r.get<double>();
    for (auto& l : net.mLayers) {
        auto tensors = l->stateTensors();
        const auto count = r.get<std::uint32_t>();
        if (count != tensors.size()) r.fail(l->describe() + " has the wrong number of tensors");
        for (std::size_t t = 0; t < tensors.size(); ++t)
            r.getFloats(tensors[t], l->describe() + " tensor " + std::to_string(t));
    }
    if (!r.atEnd()) r.fail("unexpected data after the last layer");
    return net;
}

}  // namespace motifloom::nn
