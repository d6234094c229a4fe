#include "arch/flop_count.h"

namespace motifloom::arch {
namespace {

// Calls fn(layerIndex, forwardFlops) for every conv/dense layer of a valid architecture.
template <class Fn>
void forEachWeightedLayer(const Architecture& arch, Fn&& fn) {
    const auto shapes = outputShapes(arch);
    Shape in{arch.inputLength, 4};
    for (std::size_t i = 0; i < arch.layers.size(); ++i) {
        const LayerSpec& l = arch.layers[i];
        const Shape out = shapes[i];
        if (l.type == LayerType::Conv1D)
            fn(int(i), 2.0 * out.length * l.width * in.channels * l.units);
        else if (l.type == LayerType::Dense)
            fn(int(i), 2.0 * double(in.length) * in.channels * l.units);
        in = out;
    }
}

}  // namespace

double forwardFlopsPerSequence(const Architecture& arch) {
    double total = 0;
    forEachWeightedLayer(arch, [&](int, double f) { total += f; });
    return total;
}

double trainingFlopsPerSequence(const Architecture& arch) {
    double total = 0;
    bool first = true;
    forEachWeightedLayer(arch, [&](int, double f) {
        total += first ? 2 * f : 3 * f;
        first = false;
    });
    return total;
}

double executedTrainingFlopsPerSequence(const Architecture& arch) {
    double total = 0;
    bool first = true;
    forEachWeightedLayer(arch, [&](int i, double f) {
        const LayerSpec& l = arch.layers[std::size_t(i)];
        if (first && l.type == LayerType::Conv1D)
            total += 2 * f / (2.0 * 4);  // f = 2 * Lout * width * 4 * F; lookup: Lout * width * F, twice
        else
            total += first ? 2 * f : 3 * f;
        first = false;
    });
    return total;
}

}  // namespace motifloom::arch
