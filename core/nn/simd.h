#pragma once
// Minimal SIMD vocabulary for the hand-written kernels of core/nn, on GCC/Clang vector
// extensions, for every vector width a kernel is compiled for (nn/isa.h): Vec4 (SSE2, the
// build's baseline), Vec8 (AVX2) and Vec16 (AVX-512), with their int counterparts.
// Kernels are templates over the vector type V; everything here is always inlined, so that a
// vector never crosses a call (wide vectors have no stable calling convention in a baseline
// build) and each kernel compiles to the instructions of the target-attributed function that
// instantiates it. Loads and stores are unaligned-safe (memcpy, which compiles to one move).

#include <cstring>

namespace motifloom::nn::simd {

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

typedef float Vec4 __attribute__((vector_size(16)));
typedef float Vec8 __attribute__((vector_size(32)));
typedef float Vec16 __attribute__((vector_size(64)));
typedef int IVec4 __attribute__((vector_size(16)));
typedef int IVec8 __attribute__((vector_size(32)));
typedef int IVec16 __attribute__((vector_size(64)));

template <class V>
constexpr int kLanesOf = int(sizeof(V) / sizeof(float));

// The int vector of the same width (comparison results, arg-max indices).
template <class V> struct IntOf;
template <> struct IntOf<Vec4> { using type = IVec4; };
template <> struct IntOf<Vec8> { using type = IVec8; };
template <> struct IntOf<Vec16> { using type = IVec16; };
template <class V>
using IVecOf = typename IntOf<V>::type;

#define MOTIFLOOM_SIMD_INLINE __attribute__((always_inline)) inline

template <class V>
MOTIFLOOM_SIMD_INLINE V load(const float* p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <class T, class V>
MOTIFLOOM_SIMD_INLINE void store(T* p, V v) {
    std::memcpy(p, &v, sizeof v);
}
// The first n lanes of v (1 <= n <= lanes): for the last, partial vector of a row.
template <class T, class V>
MOTIFLOOM_SIMD_INLINE void storeFirst(T* p, V v, int n) {
    constexpr int lanes = int(sizeof(V) / sizeof(T));
    if (n == lanes) {
        std::memcpy(p, &v, sizeof v);
    } else {
        T tmp[lanes];
        std::memcpy(tmp, &v, sizeof v);
        std::memcpy(p, tmp, std::size_t(n) * sizeof(T));
    }
}
// The first n floats at p in the first n lanes, zeros in the others (1 <= n <= lanes).
template <class V>
MOTIFLOOM_SIMD_INLINE V loadFirst(const float* p, int n) {
    if (n == kLanesOf<V>) return load<V>(p);
    float tmp[kLanesOf<V>] = {};
    std::memcpy(tmp, p, std::size_t(n) * sizeof(float));
    return load<V>(tmp);
}
template <class V, class T>
MOTIFLOOM_SIMD_INLINE V splat(T x) {
    return V{} + x;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace motifloom::nn::simd
