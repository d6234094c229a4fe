#include "train/evaluation.h"

#include "nn/loss.h"
#include "util/input_error.h"

#include <algorithm>

namespace motifloom::train {

void checkCompatible(const nn::Network& net, const seqio::SequenceSet& data, const char* what) {
    if (data.length != net.inputLength())
        throw InputError(std::string(what) + " has sequences of length " + std::to_string(data.length) +
                         " but the model expects " + std::to_string(net.inputLength()));
    if (data.numClasses() != net.numClasses())
        throw InputError(std::string(what) + " has " + std::to_string(data.numClasses()) +
                         " classes but the model predicts " + std::to_string(net.numClasses()));
}

Evaluation evaluate(const nn::Network& net, const seqio::SequenceSet& data, const std::atomic<bool>* cancel) {
    checkCompatible(net, data, "the data");
    Evaluation out;
    if (data.size() == 0) return out;
    // One inference pass: loss and probabilities both come from the logits.
    const int rows = int(data.size()), classes = data.numClasses();
    // Slices big enough to keep both cores busy, small enough to stop within ~0.1 s; inference
    // treats sequences independently, so the slicing does not change the numbers.
    constexpr std::size_t kSlice = 2048;
    std::vector<float> logits;
    logits.reserve(data.size() * std::size_t(classes));
    for (std::size_t first = 0; first < data.size(); first += kSlice) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            return out;
        }
        const auto part = net.logits(data.sequence(first), std::min(kSlice, data.size() - first));
        logits.insert(logits.end(), part.begin(), part.end());
    }
    out.probabilities.resize(logits.size());
    if (net.architecture().output == arch::OutputKind::Softmax) {
        out.loss.data = nn::softmaxCrossEntropy(logits.data(), data.labels.data(), rows, classes, nullptr);
        nn::softmax(logits.data(), rows, classes, out.probabilities.data());
    } else {
        out.loss.data = nn::sigmoidCrossEntropy(logits.data(), data.labels.data(), rows, classes, nullptr);
        nn::sigmoid(logits.data(), logits.size(), out.probabilities.data());
    }
    out.loss.penalty = net.penalty();
    const auto mode = data.task == seqio::TaskKind::SingleLabel ? metrics::AccuracyMode::Argmax
                                                                : metrics::AccuracyMode::Threshold;
    out.metrics = metrics::evaluate(out.probabilities, data.labels, data.size(), data.numClasses(), mode);
    return out;
}

}  // namespace motifloom::train
