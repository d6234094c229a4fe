#include "interpret/filter_layer.h"

#include "util/input_error.h"

#include <string>

namespace motifloom::interpret {

using arch::LayerType;

int convLayerCount(const arch::Architecture& arch) {
    int count = 0;
    for (const auto& spec : arch.layers) count += spec.type == LayerType::Conv1D;
    return count;
}

FilterLayer filterLayer(const arch::Architecture& arch, int convNumber) {
    const int convs = convLayerCount(arch);
    if (convNumber < 1 || convNumber > convs)
        throw InputError("convolution layer " + std::to_string(convNumber) + " does not exist: " +
                         (arch.name.empty() ? std::string("the architecture") : arch.name) + " has " +
                         std::to_string(convs) + " convolution layer" + (convs == 1 ? "" : "s"));
    FilterLayer out;
    out.convNumber = convNumber;
    const int n = int(arch.layers.size());
    int seen = 0;
    for (int i = 0; i < n; ++i) {
        if (arch.layers[std::size_t(i)].type != LayerType::Conv1D) continue;
        if (++seen == convNumber) {
            out.convIndex = i;
            break;
        }
    }

    // The read-out layer: the last Activation of the conv's block (conv -> BN -> act -> ...).
    out.activationIndex = out.convIndex;
    int lastNormOrConv = out.convIndex;
    bool haveActivation = false;
    for (int j = out.convIndex + 1; j < n; ++j) {
        const LayerType t = arch.layers[std::size_t(j)].type;
        if (t == LayerType::Activation) {
            out.activationIndex = j;
            haveActivation = true;
        } else if (t == LayerType::BatchNorm) {
            lastNormOrConv = j;
        } else if (t != LayerType::Dropout) {
            break;
        }
    }
    if (!haveActivation) out.activationIndex = lastNormOrConv;

    // Window geometry: positions must map one to one onto input bases.
    int offset = 0;
    for (int i = 0; i <= out.activationIndex; ++i) {
        const arch::LayerSpec& s = arch.layers[std::size_t(i)];
        const std::string where = "layer " + std::to_string(i + 1);
        switch (s.type) {
        case LayerType::Conv1D:
            if (s.padding == arch::Padding::Same) offset -= (s.width - 1) / 2;
            break;
        case LayerType::MaxPool:
            if (s.stride() != 1)
                throw InputError("convolution layer " + std::to_string(convNumber) + " (layer " +
                                 std::to_string(out.convIndex + 1) + ") comes after a max-pool of stride " +
                                 std::to_string(s.stride()) + " (" + where +
                                 "): its positions do not line up with the input bases, so no PWM can "
                                 "be cut from the sequences");
            offset -= (s.poolSize - 1) / 2;  // 'same' pooling with stride 1 pads (size-1)/2 on the left
            break;
        case LayerType::Flatten:
        case LayerType::Dense:
            throw InputError("convolution layer " + std::to_string(convNumber) + " comes after a " +
                             (s.type == LayerType::Flatten ? "flatten" : "dense") + " layer (" + where +
                             "): its positions do not line up with the input bases");
        default:
            break;
        }
    }
    const auto shapes = arch::outputShapes(arch);
    const arch::Shape inShape =
        out.convIndex == 0 ? arch::Shape{arch.inputLength, 4} : shapes[std::size_t(out.convIndex - 1)];
    out.inputChannels = inShape.channels;
    out.filters = arch.layers[std::size_t(out.convIndex)].units;
    out.length = shapes[std::size_t(out.activationIndex)].length;
    out.receptiveField = arch::receptiveField(arch, out.activationIndex);
    out.windowOffset = offset;
    return out;
}

}  // namespace motifloom::interpret
