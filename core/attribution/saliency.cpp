#include "attribution/saliency.h"

#include <bit>
#include <cassert>
#include <numeric>

namespace motifloom::attribution {

std::vector<int> classList(const nn::Network& net, std::span<const int> classes) {
    if (!classes.empty()) {
        for ([[maybe_unused]] int k : classes) assert(k >= 0 && k < net.numClasses());
        return {classes.begin(), classes.end()};
    }
    std::vector<int> all(std::size_t(net.numClasses()));
    std::iota(all.begin(), all.end(), 0);
    return all;
}

std::vector<Saliency> saliency(const nn::Network& net, const std::uint8_t* codes, std::size_t n,
                               std::span<const int> classes) {
    const std::vector<int> rows = classList(net, classes);
    const std::size_t len = std::size_t(net.inputLength()), k = std::size_t(net.numClasses());
    const std::size_t r = rows.size();
    // Each sequence once per class, each copy with a one-hot output gradient for its class.
    std::vector<std::uint8_t> batch(n * r * len);
    std::vector<float> outputGrad(n * r * k, 0.0f);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < r; ++j) {
            const std::size_t row = i * r + j;
            std::copy(codes + i * len, codes + (i + 1) * len, batch.begin() + std::ptrdiff_t(row * len));
            outputGrad[row * k + std::size_t(rows[j])] = 1.0f;
        }
    const std::vector<float> grad = net.inputGradient(batch.data(), n * r, outputGrad.data());
    std::vector<Saliency> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        Saliency& s = out[i];
        s.length = int(len);
        s.classes = rows;
        s.gradient.assign(grad.begin() + std::ptrdiff_t(i * r * len * 4), grad.begin() + std::ptrdiff_t((i + 1) * r * len * 4));
        s.importance.assign(r * len, 0.0f);
        for (std::size_t j = 0; j < r; ++j)
            for (std::size_t p = 0; p < len; ++p) {
                const unsigned code = codes[i * len + p] & 15u;
                const int bases = std::popcount(code);
                if (!bases) continue;
                const float* g = s.gradient.data() + (j * len + p) * 4;
                float sum = 0.0f;
                for (int b = 0; b < 4; ++b)
                    if ((code >> b) & 1u) sum += g[b];
                s.importance[j * len + p] = sum / float(bases);
            }
    }
    return out;
}

Saliency saliency(const nn::Network& net, std::span<const std::uint8_t> sequence,
                  std::span<const int> classes) {
    assert(sequence.size() == std::size_t(net.inputLength()));
    return std::move(saliency(net, sequence.data(), 1, classes).front());
}

}  // namespace motifloom::attribution
