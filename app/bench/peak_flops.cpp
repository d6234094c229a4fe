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

// The same with 512-bit vectors (12 accumulators: some cores issue two 512-bit FMAs per cycle).
__attribute__((target("avx512f"))) double fmaLoopAvx512(long iterations) {
    __m512 acc[12];
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_ps(float(i) * 1e-3f);
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (long it = 0; it < iterations; ++it)
        for (int i = 0; i < 12; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
    __m512 sum = acc[0];
    for (int i = 1; i < 12; ++i) sum = _mm512_add_ps(sum, acc[i]);
    alignas(64) float out[16];
    _mm512_store_ps(out, sum);
    return double(out[0]);  // keeps the loop alive
}

struct FmaLoop {
    double (*run)(long iterations);
    double flopsPerIteration;
};

double runRound(const FmaLoop& loop, int threads, long iterations) {
    std::vector<std::thread> pool;
    std::vector<double> sink(static_cast<std::size_t>(threads));
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] { sink[std::size_t(t)] = loop.run(iterations); });
    for (auto& th : pool) th.join();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    const double flops = double(threads) * double(iterations) * loop.flopsPerIteration;
    return flops / secs / 1e9 + 0 * sink[0];
}

}  // namespace

PeakFlops measurePeakFlops(int threads, bool allowAvx512, double seconds) {
    PeakFlops out;
    FmaLoop loop;
    if (allowAvx512 && __builtin_cpu_supports("avx512f")) {
        loop = {fmaLoopAvx512, 12 * 16 * 2};
        out.isa = "AVX-512 FMA (16 floats per instruction)";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        loop = {fmaLoopAvx2, 10 * 8 * 2};
        out.isa = "AVX2+FMA (8 floats per instruction)";
    } else {
        out.isa = "no AVX2/FMA: peak not measured";
        return out;
    }
    // Calibrate the iteration count to ~seconds/3 per round, then keep the best of 3 rounds.
    long iterations = 1'000'000;
    const double probe = runRound(loop, 1, iterations);
    iterations = std::max(1'000'000L, long(probe * 1e9 * seconds / 3 / loop.flopsPerIteration));
    for (int round = 0; round < 3; ++round)
        out.gflops = std::max(out.gflops, runRound(loop, threads, iterations));
    return out;
}

}  // namespace motifloom::bench
