#pragma once
// What the network computes on a sequence, for inspection: class logits and probabilities,
// and the activations of a convolution layer at every position (post-activation, before
// pooling), in inference mode.
//
// Layers whose positions line up with the input bases (the first convolution, and deeper ones
// with only stride-1 pooling before them, e.g. CNN-1-3's second and third) can be read; the
// geometry (which input window each position saw) is interpret::filterLayer's.
// Layouts: probabilities and logits n x classes; activation values n x length x filters
// ([sequence][position][filter], as nn::Network::activations).
//
// Value types; the functions are const on the network and may run concurrently.

#include "interpret/filter_layer.h"
#include "nn/network.h"

#include <cstdint>
#include <vector>

namespace motifloom::attribution {

struct Prediction {
    int classes = 0;
    std::vector<float> logits;         // n x classes
    std::vector<float> probabilities;  // n x classes: sigmoid or softmax of the logits
};

// One inference pass: logits, and the probabilities the output activation gives.
Prediction predict(const nn::Network& net, const std::uint8_t* codes, std::size_t n);

struct ActivationMap {
    interpret::FilterLayer geometry;  // conv number, layer indices, window of each position
    std::vector<float> values;        // n x geometry.length x geometry.filters

    float at(std::size_t sequence, int position, int filter) const {
        return values[(sequence * std::size_t(geometry.length) + std::size_t(position)) *
                          std::size_t(geometry.filters) + std::size_t(filter)];
    }
};

// Activations of convolution layer `convNumber` (1-based) for n sequences. Throws InputError
// (interpret::filterLayer's message) when that layer's positions do not line up with the input.
ActivationMap convActivations(const nn::Network& net, const std::uint8_t* codes, std::size_t n,
                              int convNumber = 1);

// The convolution layers convActivations can read (1-based conv numbers, ascending).
std::vector<int> readableConvLayers(const arch::Architecture& arch);

}  // namespace motifloom::attribution
