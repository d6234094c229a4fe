#pragma once
// Measured FP32 peak of this machine: every thread runs a long chain of independent fused
// multiply-adds on registers (no memory traffic), the best the cores can possibly do.

#include <string>

namespace motifloom::bench {

struct PeakFlops {
    double gflops = 0;   // all threads together
    std::string isa;     // the vector instructions measured, e.g. "AVX2+FMA (8 floats)"
};

// Measures with `threads` threads for about `seconds` (best of a few rounds), with the widest
// FMA the engine uses: AVX-512 when allowed (the engine's GEMM kernel is AVX-512) and present,
// else AVX2+FMA.
PeakFlops measurePeakFlops(int threads, bool allowAvx512, double seconds = 0.3);

}  // namespace motifloom::bench
