#pragma once
// Minimal SIMD vocabulary for the hand-written kernels of core/nn, on GCC/Clang vector
// extensions: one float vector of the widest width the build targets (16 lanes with AVX-512,
// 8 with AVX/AVX2, 4 otherwise), so the same code compiles to the best the -march allows.
// Loads and stores are unaligned-safe (memcpy, which compiles to a single move).

#include <cstring>

namespace motifloom::nn::simd {

#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif

typedef float Vec __attribute__((vector_size(kLanes * sizeof(float))));
typedef int IVec __attribute__((vector_size(kLanes * sizeof(int))));

inline Vec load(const float* p) {
    Vec v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store(float* p, Vec v) { std::memcpy(p, &v, sizeof v); }
inline void store(int* p, IVec v) { std::memcpy(p, &v, sizeof v); }
// The first n lanes of v (1 <= n <= kLanes): for the last, partial vector of a row.
template <class T, class V>
inline void storeFirst(T* p, V v, int n) {
    if (n == kLanes) {
        std::memcpy(p, &v, sizeof v);
    } else {
        T lanes[kLanes];
        std::memcpy(lanes, &v, sizeof v);
        std::memcpy(p, lanes, std::size_t(n) * sizeof(T));
    }
}
inline Vec splat(float x) { return Vec{} + x; }
inline IVec splat(int x) { return IVec{} + x; }

// n rounded up to whole vectors.
constexpr int roundUp(int n) { return (n + kLanes - 1) / kLanes * kLanes; }

}  // namespace motifloom::nn::simd
