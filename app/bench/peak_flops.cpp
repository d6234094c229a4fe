#include "bench/peak_flops.h"

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace motifloom::bench {
namespace {

using Clock = std::chrono::steady_clock;

// 10 independent accumulators hide the FMA latency (4 cycles x 2 ports + margin).
__attribute__((target("avx2,fma"))) double fmaLoopAvx2(long iterations) {
    __m256 acc[10];
    for (int i = 0; i < 10; ++i) acc[i] = _mm256_set1_ps(float(i) * 1e-3f);
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (long it = 0; it < iterations; ++it)
        for (int i = 0; i < 10; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    __m256 sum = acc[0];
    for (int i = 1; i < 10; ++i) sum = _mm256_add_ps(sum, acc[i]);
    alignas(32) float out[8];
    _mm256_store_ps(out, sum);
    return double(out[0]);  // keeps the loop alive
}

double runRound(int threads, long iterations) {
    std::vector<std::thread> pool;
    std::vector<double> sink(static_cast<std::size_t>(threads));
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] { sink[std::size_t(t)] = fmaLoopAvx2(iterations); });
    for (auto& th : pool) th.join();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    const double flops = double(threads) * double(iterations) * 10 * 8 * 2;
    return flops / secs / 1e9 + 0 * sink[0];
}

}  // namespace

PeakFlops measurePeakFlops(int threads, double seconds) {
    PeakFlops out;
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
        out.isa = "no AVX2/FMA: peak not measured";
        return out;
    }
    out.isa = "AVX2+FMA (8 floats per instruction)";
    // Calibrate the iteration count to ~seconds/3 per round, then keep the best of 3 rounds.
    long iterations = 1'000'000;
    const double probe = runRound(1, iterations);
    iterations = std::max(1'000'000L, long(probe * 1e9 * seconds / 3 / 160));
    for (int round = 0; round < 3; ++round) out.gflops = std::max(out.gflops, runRound(threads, iterations));
    return out;
}

}  // namespace motifloom::bench
