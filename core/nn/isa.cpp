#include "nn/isa.h"

#include "util/input_error.h"

#include <atomic>
#include <cstdlib>

namespace motifloom::nn {

namespace {
constexpr int kUnset = -1;
std::atomic<int> gIsa{kUnset};  // the ISA in use once decided

bool cpuHas(Isa wanted) {
#if MOTIFLOOM_X86_ISA
    __builtin_cpu_init();
    switch (wanted) {
    case Isa::Generic: return true;
    case Isa::Avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::Avx512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
               __builtin_cpu_supports("fma");
    }
    return false;
#else
    return wanted == Isa::Generic;
#endif
}

std::string supportedList() {
    std::string out;
    for (Isa i : {Isa::Avx512, Isa::Avx2, Isa::Generic})
        if (cpuHas(i)) out += std::string(out.empty() ? "" : ", ") + isaName(i);
    return out;
}

void requireSupported(Isa wanted, const std::string& what) {
    if (!cpuHas(wanted))
        throw InputError(what + ": this CPU cannot run the " + isaName(wanted) +
                         " kernels (it supports: " + supportedList() + ")");
}
}  // namespace

bool isaSupported(Isa wanted) { return cpuHas(wanted); }

Isa bestIsa() {
    for (Isa i : {Isa::Avx512, Isa::Avx2})
        if (cpuHas(i)) return i;
    return Isa::Generic;
}

const char* isaName(Isa i) {
    switch (i) {
    case Isa::Generic: return "generic";
    case Isa::Avx2: return "avx2";
    case Isa::Avx512: return "avx512";
    }
    return "?";
}

Isa parseIsa(const std::string& name, const std::string& what) {
    for (Isa i : {Isa::Generic, Isa::Avx2, Isa::Avx512})
        if (name == isaName(i)) return i;
    throw InputError(what + ": unknown instruction set '" + name + "' (use avx512, avx2 or generic)");
}

Isa isa() {
    const int current = gIsa.load(std::memory_order_acquire);
    if (current != kUnset) return Isa(current);
    Isa chosen = bestIsa();
    if (const char* env = std::getenv("MOTIFLOOM_ISA"); env && *env) {
        const std::string what = std::string("MOTIFLOOM_ISA=") + env;
        chosen = parseIsa(env, what);
        requireSupported(chosen, what);
    }
    // Racing first calls decide the same thing; the first store wins.
    int expected = kUnset;
    gIsa.compare_exchange_strong(expected, int(chosen), std::memory_order_acq_rel);
    return Isa(gIsa.load(std::memory_order_acquire));
}

void setIsa(Isa wanted) {
    requireSupported(wanted, std::string("instruction set ") + isaName(wanted));
    gIsa.store(int(wanted), std::memory_order_release);
}

std::string isaSummary() {
    const Isa i = isa();
    const char* what = i == Isa::Avx512 ? "AVX-512 GEMM and lookup kernels, AVX2 + FMA elsewhere"
                       : i == Isa::Avx2 ? "AVX2 + FMA kernels"
                                        : "baseline x86-64 kernels (SSE2)";
    return std::string(isaName(i)) + " (" + what + "; this CPU supports " + supportedList() + ")";
}

}  // namespace motifloom::nn
