#include "inspector/inspection.h"

#include "util/input_error.h"

#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace motifloom::ui {

double InspectorModel::firingThreshold(int filter) const {
    if (!pwms || filter < 0 || filter >= int(pwms->filters.size())) return std::numeric_limits<double>::quiet_NaN();
    const interpret::FilterPwm& f = pwms->filters[std::size_t(filter)];
    if (!(f.maxActivation > 0)) return std::numeric_limits<double>::quiet_NaN();
    return pwms->threshold * f.maxActivation;
}

QString InspectorModel::filterLabel(int filter) const {
    const QString base = QStringLiteral("filter %1").arg(filter + 1);
    if (filter >= 0 && filter < int(filterNames.size()) && !filterNames[std::size_t(filter)].isEmpty())
        return base + QStringLiteral(" \u00b7 ") + filterNames[std::size_t(filter)];
    return base;
}

Inspection inspectSequence(const nn::Network& net, std::vector<std::uint8_t> sequence, int convNumber) {
    const auto t0 = std::chrono::steady_clock::now();
    Inspection out;
    out.convNumber = convNumber;
    const auto prediction = attribution::predict(net, sequence.data(), 1);
    out.probabilities = prediction.probabilities;
    out.logits = prediction.logits;
    try {
        out.activations = attribution::convActivations(net, sequence.data(), 1, convNumber);
    } catch (const InputError& e) {
        out.activationProblem = QString::fromUtf8(e.what());
    }
    out.saliency = attribution::saliency(net, std::span<const std::uint8_t>(sequence));
    out.ism = attribution::mutagenesis(net, std::span<const std::uint8_t>(sequence));
    out.sequence = std::move(sequence);
    out.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

std::vector<float> predictAll(const nn::Network& net, const std::uint8_t* codes, std::size_t n) {
    if (n == 0) return {};
    return attribution::predict(net, codes, n).probabilities;
}

std::vector<float> filterPeaks(const nn::Network& net, const std::uint8_t* codes, std::size_t n, int length, int filter) {
    std::vector<float> out(n, 0.0f);
    constexpr std::size_t kChunk = 512;
    for (std::size_t begin = 0; begin < n; begin += kChunk) {
        const std::size_t count = std::min(kChunk, n - begin);
        const auto map = attribution::convActivations(net, codes + begin * std::size_t(length), count, 1);
        if (filter < 0 || filter >= map.geometry.filters) return out;
        for (std::size_t i = 0; i < count; ++i) {
            float best = -std::numeric_limits<float>::infinity();
            for (int p = 0; p < map.geometry.length; ++p) best = std::max(best, map.at(i, p, filter));
            out[begin + i] = best;
        }
    }
    return out;
}

}  // namespace motifloom::ui
