#include "attribution/activation_map.h"

#include "nn/loss.h"
#include "util/input_error.h"

namespace motifloom::attribution {

Prediction predict(const nn::Network& net, const std::uint8_t* codes, std::size_t n) {
    Prediction p;
    p.classes = net.numClasses();
    p.logits = net.logits(codes, n);
    p.probabilities.resize(p.logits.size());
    if (net.architecture().output == arch::OutputKind::Sigmoid)
        nn::sigmoid(p.logits.data(), p.logits.size(), p.probabilities.data());
    else
        nn::softmax(p.logits.data(), int(n), p.classes, p.probabilities.data());
    return p;
}

ActivationMap convActivations(const nn::Network& net, const std::uint8_t* codes, std::size_t n,
                              int convNumber) {
    ActivationMap map;
    map.geometry = interpret::filterLayer(net.architecture(), convNumber);
    map.values = net.activations(map.geometry.activationIndex, codes, n);
    return map;
}

std::vector<int> readableConvLayers(const arch::Architecture& arch) {
    std::vector<int> out;
    const int convs = interpret::convLayerCount(arch);
    for (int c = 1; c <= convs; ++c) {
        try {
            interpret::filterLayer(arch, c);
            out.push_back(c);
        } catch (const InputError&) {
            break;  // a later layer sits behind the same stride > 1 pooling
        }
    }
    return out;
}

}  // namespace motifloom::attribution
