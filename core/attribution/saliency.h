#pragma once
// Saliency: the gradient of a class logit with respect to the one-hot input, and gradient x
// input (Simonyan et al. 2014; Shrikumar et al. 2017), in inference mode (batch norm on its
// running averages, dropout off; nn::Network::inputGradient).
//
// Layout: for each requested class (row r = classes[r]), gradient is length x 4 floats
// ([position][base], bases A,C,G,T): d logit_k / d x[p][b]. importance is length floats:
// gradient x input summed over the bases, sum_b x[p][b] * gradient[p][b], i.e. the gradient at
// the observed base (for an IUPAC code, the mean over the bases it allows; 0 for padding).
// The logit, not the probability: a saturated sigmoid would flatten every gradient.
//
// Value type; the functions are const on the network and may run concurrently.

#include "nn/network.h"

#include <cstdint>
#include <span>
#include <vector>

namespace motifloom::attribution {

struct Saliency {
    int length = 0;
    std::vector<int> classes;        // class index of each row
    std::vector<float> gradient;     // classes.size() x length x 4
    std::vector<float> importance;   // classes.size() x length

    float gradientAt(int row, int position, int base) const {
        return gradient[(std::size_t(row) * std::size_t(length) + std::size_t(position)) * 4 + std::size_t(base)];
    }
    float importanceAt(int row, int position) const {
        return importance[std::size_t(row) * std::size_t(length) + std::size_t(position)];
    }
    std::span<const float> importanceRow(int row) const {
        return std::span<const float>(importance).subspan(std::size_t(row) * std::size_t(length), std::size_t(length));
    }
};

// Saliency of `n` sequences (base codes, n x net.inputLength()) for the given class indices
// (empty: every class, in class order). All sequences and classes go through the network in
// one batched pass. Class indices must lie in [0, numClasses).
std::vector<Saliency> saliency(const nn::Network& net, const std::uint8_t* codes, std::size_t n,
                               std::span<const int> classes = {});

// One sequence (net.inputLength() codes).
Saliency saliency(const nn::Network& net, std::span<const std::uint8_t> sequence,
                  std::span<const int> classes = {});

// All class indices of the network, 0 .. numClasses-1 (when `classes` is empty), else `classes`.
std::vector<int> classList(const nn::Network& net, std::span<const int> classes);

}  // namespace motifloom::attribution
