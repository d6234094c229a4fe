#include "nn/flatten.h"

#include <algorithm>

namespace motifloom::nn {

void Flatten::forward(const Pass&, Work*, const Chunk& chunk, const float* x, float* y) const {
    const std::size_t n = inputSize();
    std::copy(x + chunk.begin * n, x + chunk.end * n, y + chunk.begin * n);
}

void Flatten::backward(const Pass&, Work*, const Chunk& chunk, const float*, const float*,
                       const float* dy, float* dx) {
    if (!dx) return;
    const std::size_t n = inputSize();
    std::copy(dy + chunk.begin * n, dy + chunk.end * n, dx + chunk.begin * n);
}

void Flatten::inputBackward(const Pass&, const Work*, const Chunk& chunk, const float*,
                            const float*, const float* dy, float* dx) const {
    const std::size_t n = inputSize();
    std::copy(dy + chunk.begin * n, dy + chunk.end * n, dx + chunk.begin * n);
}

}  // namespace motifloom::nn
