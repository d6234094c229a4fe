#pragma once
// Isa: which instruction set the engine's hot kernels run on, decided in one place.
//
// The project builds for baseline x86-64 (SSE2), so the binaries run on any x86-64 CPU. The
// kernels that dominate training (GEMM micro-kernels, the first-layer lookup forward and
// weight gradient, the batch-norm / max-pool passes) are compiled up to three times, with
// per-function target attributes (MOTIFLOOM_TARGET_AVX2 / _AVX512 below), and each kernel
// file picks its variant through isa() — never by its own CPUID checks:
//   Avx512  AVX-512F GEMM and lookup kernels (explicit vector code only: GCC 12's
//           auto-vectoriser miscompiles some AVX-512 code, see CMakeLists.txt), AVX2 elsewhere;
//   Avx2    AVX2 + FMA for every kernel;
//   Generic the build's baseline (SSE2 vectors, Eigen's GEMM).
// The choice is the best the CPU supports (CPUID), unless the environment variable
// MOTIFLOOM_ISA=avx512|avx2|generic asks for one; asking for one the CPU lacks is an InputError
// (never a silent fallback: a benchmark or test would measure something else than it says).
// setIsa() changes it for the rest of the process (tests, benchmarks); workspaces made before
// keep the kernels they were made with. Results under different ISAs agree to rounding
// (summation order and FMA contraction differ), and under each ISA they are bit-identical
// whatever the thread count.

#include <string>

namespace motifloom::nn {

enum class Isa { Generic = 0, Avx2 = 1, Avx512 = 2 };

// The ISA in use: MOTIFLOOM_ISA if set (InputError when unknown or unsupported), else the best.
Isa isa();
Isa bestIsa();                 // the best this CPU supports
bool isaSupported(Isa isa);    // whether this CPU can run it
void setIsa(Isa isa);          // InputError when unsupported
const char* isaName(Isa isa);  // "generic", "avx2", "avx512" (MOTIFLOOM_ISA's values)
// One line for humans: e.g. "avx2 (AVX2 + FMA kernels; CPU supports avx512, avx2, generic)".
std::string isaSummary();
// "generic", "avx2" or "avx512" to an Isa; InputError naming `what` otherwise.
Isa parseIsa(const std::string& name, const std::string& what);

}  // namespace motifloom::nn

#if defined(__x86_64__) && defined(__GNUC__)
#define MOTIFLOOM_X86_ISA 1
#define MOTIFLOOM_TARGET_AVX2 __attribute__((target("avx2,fma")))
// Auto-vectorisers off: only explicit vector code gets AVX-512 (GCC 12 miscompile).
#define MOTIFLOOM_TARGET_AVX512                            \
    __attribute__((target("avx512f,avx2,fma"),             \
                   optimize("no-tree-slp-vectorize", "no-tree-loop-vectorize")))
#else
#define MOTIFLOOM_X86_ISA 0
#define MOTIFLOOM_TARGET_AVX2
#define MOTIFLOOM_TARGET_AVX512
#endif

namespace motifloom::nn {
// The variant of a kernel for the ISA in use: every kernel file selects through this.
template <class F>
F isaPick(F generic, F avx2, F avx512) {
    switch (isa()) {
    case Isa::Avx512: return avx512;
    case Isa::Avx2: return avx2;
    case Isa::Generic: break;
    }
    return generic;
}
}  // namespace motifloom::nn
