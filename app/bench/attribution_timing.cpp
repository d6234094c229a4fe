#include "bench/attribution_timing.h"

#include "arch/presets.h"
#include "attribution/mutagenesis.h"
#include "attribution/saliency.h"
#include "nn/network.h"

#include <algorithm>
#include <chrono>

namespace motifloom::bench {

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

template <class Fn>
double millis(Fn&& fn) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

AttributionTiming timeAttribution(const std::string& model, const seqio::SequenceSet& set, std::size_t count,
                                  std::uint64_t seed) {
    const nn::Network net(arch::preset(model, set.length, set.numClasses()), seed);
    AttributionTiming t;
    t.model = model;
    t.sequences = std::min(count, set.size());
    const std::size_t len = std::size_t(set.length);
    const std::vector<int> one{0};
    auto seq = [&](std::size_t i) { return std::span<const std::uint8_t>(set.sequence(i), len); };
    if (t.sequences == 0) return t;
    // Warm-up: pooled workspaces, page faults.
    attribution::mutagenesis(net, seq(0));
    attribution::saliency(net, seq(0), one);
    std::vector<double> ism, sal, salAll;
    for (std::size_t i = 0; i < t.sequences; ++i) {
        ism.push_back(millis([&] { attribution::mutagenesis(net, seq(i)); }));
        sal.push_back(millis([&] { attribution::saliency(net, seq(i), one); }));
        salAll.push_back(millis([&] { attribution::saliency(net, seq(i)); }));
    }
    t.ismMs = median(ism);
    t.saliencyMs = median(sal);
    t.saliencyAllMs = median(salAll);
    t.ismBatchMs = millis([&] { attribution::mutagenesis(net, set.sequence(0), t.sequences); }) / double(t.sequences);
    return t;
}

}  // namespace motifloom::bench
