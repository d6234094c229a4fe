#include "nn/gemm.h"

#include "nn/isa.h"

// GCC 12 reports false "may be used uninitialized" warnings inside Eigen's AVX-512 kernels.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define MOTIFLOOM_X86_KERNELS 1
#else
#define MOTIFLOOM_X86_KERNELS 0
#endif

// Eigen 3.4's blocked kernel is reachable as internal::general_matrix_matrix_product with a
// caller-provided level3_blocking. Other Eigen versions fall back to the public (allocating) API.
#if EIGEN_VERSION_AT_LEAST(3, 4, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 80)
#define MOTIFLOOM_EIGEN_DIRECT_GEMM 1
#else
#define MOTIFLOOM_EIGEN_DIRECT_GEMM 0
#endif

namespace motifloom::nn {

namespace {
using Index = Eigen::Index;

// ---------------------------------------------------------------------------------------------
// Packed GEMM with hand-written micro-kernels (x86-64). Classic Goto/BLIS blocking: B is packed
// into panels of NR columns (kc x NR), A into panels of MR rows (kc x MR, k-major); an MR x NR
// micro-kernel keeps its block of C in registers over the whole kc loop and adds it to C once.
// Each element of C accumulates k in blocks of kKc, each block in k order, whatever m and n are:
// results depend on the operands alone.

constexpr int kKc = 256;   // depth of a packed block
constexpr int kMc = 144;   // rows of A per packed block (a multiple of every MR)
constexpr int kNc = 512;   // columns of B per packed block (a multiple of every NR)

// C tile (rows x cols valid) = or += the product of a packed A and B panel (overwrite: =).
using MicroKernel = void (*)(int kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc,
                             int rows, int cols, bool overwrite);

// The same tile with A read in place: line k holds A(0..m, k) (tile rows from `row`), or six
// row pointers each contiguous in k (already offset to the block's first k).
using LinesKernel = void (*)(int kc, const float* const* lines, int row, const float* bp, float* c,
                             std::ptrdiff_t ldc, int rows, int cols, bool overwrite);
using RowsKernel = void (*)(int kc, const float* const* rowPointers, const float* bp, float* c,
                            std::ptrdiff_t ldc, int rows, int cols, bool overwrite);

struct KernelInfo {
    const char* name;
    int mr, nr;
    MicroKernel kernel;
    LinesKernel inPlaceLines = nullptr;  // null: A is always packed
    RowsKernel inPlaceRows = nullptr;
};

#if MOTIFLOOM_X86_KERNELS
// Adds (or, overwriting, copies) a register tile spilled to `tile` (row stride nr) to the valid
// part of C.
inline void addTile(const float* tile, int nr, float* c, std::ptrdiff_t ldc, int rows, int cols,
                    bool overwrite) {
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < cols; ++j) c[r * ldc + j] = (overwrite ? 0.0f : c[r * ldc + j]) + tile[r * nr + j];
}

// The accumulators are named variables, not an array: GCC keeps an array indexed in the
// epilogue in memory and stores it back on every k step.
#define ML_ROWS6(X) X(0) X(1) X(2) X(3) X(4) X(5)
#define ML_ROWS12(X) ML_ROWS6(X) X(6) X(7) X(8) X(9) X(10) X(11)

// AVX2 + FMA: 6 x 16 (12 accumulators, 2 B vectors, 1 broadcast), over an A that is packed or
// read in place (the access policies below).
// A packed panel: 6 values per k.
struct PackedA {
    const float* panel;
    const float* at(int k, int r) const { return panel + k * 6 + r; }
};
// A stored transposed as lines: line k holds A(0..m, k); the tile's rows start at `row`.
struct LinePerK {
    const float* const* lines;
    int row;
    const float* at(int k, int r) const { return lines[k] + row + r; }
};
// Six row pointers, each contiguous in k.
struct SixRows {
    const float* rows[6];
    const float* at(int k, int r) const { return rows[r] + k; }
};

template <class A>
MOTIFLOOM_TARGET_AVX2 inline __attribute__((always_inline)) void kernelAvx2Tile(
    int kc, const A& a, const float* bp, float* c, std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
#define ML_DECL(r) __m256 c##r##a = _mm256_setzero_ps(), c##r##b = _mm256_setzero_ps();
    ML_ROWS6(ML_DECL)
#undef ML_DECL
    for (int k = 0; k < kc; ++k, bp += 16) {
        const __m256 b0 = _mm256_loadu_ps(bp), b1 = _mm256_loadu_ps(bp + 8);
#define ML_STEP(r)                                          \
    {                                                       \
        const __m256 av = _mm256_broadcast_ss(a.at(k, r));  \
        c##r##a = _mm256_fmadd_ps(av, b0, c##r##a);         \
        c##r##b = _mm256_fmadd_ps(av, b1, c##r##b);         \
    }
        ML_ROWS6(ML_STEP)
#undef ML_STEP
    }
    alignas(32) float tile[6 * 16];
#define ML_SPILL(r)                                 \
    _mm256_store_ps(tile + r * 16, c##r##a);        \
    _mm256_store_ps(tile + r * 16 + 8, c##r##b);
    ML_ROWS6(ML_SPILL)
#undef ML_SPILL
    if (rows == 6 && cols == 16) {
        for (int r = 0; r < 6; ++r) {
            float* cr = c + r * ldc;
            const __m256 t0 = _mm256_load_ps(tile + r * 16), t1 = _mm256_load_ps(tile + r * 16 + 8);
            _mm256_storeu_ps(cr, overwrite ? t0 : _mm256_add_ps(_mm256_loadu_ps(cr), t0));
            _mm256_storeu_ps(cr + 8, overwrite ? t1 : _mm256_add_ps(_mm256_loadu_ps(cr + 8), t1));
        }
        return;
    }
    // A partial tile: whole vectors where the columns allow, the rest one by one.
    const int vecCols = cols >= 8 ? 8 : 0;
    for (int r = 0; r < rows; ++r) {
        float* cr = c + r * ldc;
        if (vecCols) {
            const __m256 t0 = _mm256_load_ps(tile + r * 16);
            _mm256_storeu_ps(cr, overwrite ? t0 : _mm256_add_ps(_mm256_loadu_ps(cr), t0));
        }
        for (int j = vecCols; j < cols; ++j) cr[j] = (overwrite ? 0.0f : cr[j]) + tile[r * 16 + j];
    }
}

MOTIFLOOM_TARGET_AVX2 void kernelAvx2(int kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc,
                                      int rows, int cols, bool overwrite) {
    kernelAvx2Tile(kc, PackedA{ap}, bp, c, ldc, rows, cols, overwrite);
}
// A read in place (no packing), for products where every A value meets at most two B panels
// and packing A would cost as much as the arithmetic (e.g. n = 30 channels).
MOTIFLOOM_TARGET_AVX2 void kernelAvx2Lines(int kc, const float* const* lines, int row, const float* bp, float* c,
                                           std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
    kernelAvx2Tile(kc, LinePerK{lines, row}, bp, c, ldc, rows, cols, overwrite);
}
MOTIFLOOM_TARGET_AVX2 void kernelAvx2Rows(int kc, const float* const* rowPointers, const float* bp, float* c,
                                          std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
    SixRows a;
    for (int r = 0; r < 6; ++r) a.rows[r] = rowPointers[r];
    kernelAvx2Tile(kc, a, bp, c, ldc, rows, cols, overwrite);
}

// AVX-512: 12 x 32 (24 accumulators, 2 B vectors, 1 broadcast). Only intrinsics here, and the
// auto-vectorisers are off for this function (MOTIFLOOM_TARGET_AVX512): GCC 12's SLP vectoriser
// miscompiles some AVX-512 code; nothing in this function is left to it.
MOTIFLOOM_TARGET_AVX512 void kernelAvx512(int kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc, int rows,
                  int cols, bool overwrite) {
#define ML_DECL(r) __m512 c##r##a = _mm512_setzero_ps(), c##r##b = _mm512_setzero_ps();
    ML_ROWS12(ML_DECL)
#undef ML_DECL
    for (int k = 0; k < kc; ++k, ap += 12, bp += 32) {
        const __m512 b0 = _mm512_loadu_ps(bp), b1 = _mm512_loadu_ps(bp + 16);
#define ML_STEP(r)                                          \
    {                                                       \
        const __m512 a = _mm512_set1_ps(ap[r]);             \
        c##r##a = _mm512_fmadd_ps(a, b0, c##r##a);          \
        c##r##b = _mm512_fmadd_ps(a, b1, c##r##b);          \
    }
        ML_ROWS12(ML_STEP)
#undef ML_STEP
    }
    alignas(64) float tile[12 * 32];
#define ML_SPILL(r)                                 \
    _mm512_store_ps(tile + r * 32, c##r##a);        \
    _mm512_store_ps(tile + r * 32 + 16, c##r##b);
    ML_ROWS12(ML_SPILL)
#undef ML_SPILL
    if (rows == 12 && cols == 32) {
        for (int r = 0; r < 12; ++r) {
            float* cr = c + r * ldc;
            const __m512 t0 = _mm512_load_ps(tile + r * 32), t1 = _mm512_load_ps(tile + r * 32 + 16);
            _mm512_storeu_ps(cr, overwrite ? t0 : _mm512_add_ps(_mm512_loadu_ps(cr), t0));
            _mm512_storeu_ps(cr + 16, overwrite ? t1 : _mm512_add_ps(_mm512_loadu_ps(cr + 16), t1));
        }
        return;
    }
    addTile(tile, 32, c, ldc, rows, cols, overwrite);
}

// AVX-512 for narrow products (n <= 32, A read in place): 6 x 32, so one broadcast of an A value
// feeds both 16-lane halves of a row, where the AVX2 tile broadcasts it once per 16-column
// panel. Each element of C sums its k terms in the same order with the same FMAs as the AVX2
// tile, so both give the same bits. Partial columns are stored under a mask.
template <class A>
MOTIFLOOM_TARGET_AVX512 inline __attribute__((always_inline)) void kernelAvx512NarrowTile(
    int kc, const A& a, const float* bp, float* c, std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
#define ML_DECL(r) __m512 c##r##a = _mm512_setzero_ps(), c##r##b = _mm512_setzero_ps();
    ML_ROWS6(ML_DECL)
#undef ML_DECL
    for (int k = 0; k < kc; ++k, bp += 32) {
        const __m512 b0 = _mm512_loadu_ps(bp), b1 = _mm512_loadu_ps(bp + 16);
#define ML_STEP(r)                                          \
    {                                                       \
        const __m512 av = _mm512_set1_ps(*a.at(k, r));      \
        c##r##a = _mm512_fmadd_ps(av, b0, c##r##a);         \
        c##r##b = _mm512_fmadd_ps(av, b1, c##r##b);         \
    }
        ML_ROWS6(ML_STEP)
#undef ML_STEP
    }
    const __mmask16 lo = cols >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << cols) - 1u);
    const __mmask16 hi = cols >= 32 ? __mmask16(0xFFFF) : cols > 16 ? __mmask16((1u << (cols - 16)) - 1u) : __mmask16(0);
#define ML_STORE(r)                                                                               \
    if (r < rows) {                                                                               \
        float* cr = c + r * ldc;                                                                  \
        const __m512 t0 = overwrite ? c##r##a : _mm512_add_ps(_mm512_maskz_loadu_ps(lo, cr), c##r##a);      \
        const __m512 t1 = overwrite ? c##r##b : _mm512_add_ps(_mm512_maskz_loadu_ps(hi, cr + 16), c##r##b); \
        _mm512_mask_storeu_ps(cr, lo, t0);                                                        \
        _mm512_mask_storeu_ps(cr + 16, hi, t1);                                                   \
    }
    ML_ROWS6(ML_STORE)
#undef ML_STORE
}

MOTIFLOOM_TARGET_AVX512 void kernelAvx512Narrow(int kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc,
                                                int rows, int cols, bool overwrite) {
    kernelAvx512NarrowTile(kc, PackedA{ap}, bp, c, ldc, rows, cols, overwrite);
}
MOTIFLOOM_TARGET_AVX512 void kernelAvx512NarrowLines(int kc, const float* const* lines, int row, const float* bp,
                                                     float* c, std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
    kernelAvx512NarrowTile(kc, LinePerK{lines, row}, bp, c, ldc, rows, cols, overwrite);
}
MOTIFLOOM_TARGET_AVX512 void kernelAvx512NarrowRows(int kc, const float* const* rowPointers, const float* bp, float* c,
                                                    std::ptrdiff_t ldc, int rows, int cols, bool overwrite) {
    SixRows a;
    for (int r = 0; r < 6; ++r) a.rows[r] = rowPointers[r];
    kernelAvx512NarrowTile(kc, a, bp, c, ldc, rows, cols, overwrite);
}
#undef ML_ROWS6
#undef ML_ROWS12
#endif

// The micro-kernel of the ISA in use (nn/isa.h); none on the baseline: Eigen's kernel runs.
#if MOTIFLOOM_X86_KERNELS
const KernelInfo kAvx2Kernel{"AVX2 6x16", 6, 16, kernelAvx2, kernelAvx2Lines, kernelAvx2Rows};
KernelInfo activeKernel() {
    return isaPick(KernelInfo{"Eigen (baseline SSE2)", 0, 0, nullptr}, kAvx2Kernel,
                   KernelInfo{"AVX-512 12x32", 12, 32, kernelAvx512});
}
// For products of at most 32 columns with A given as lines.
KernelInfo narrowKernel() {
    return isaPick(activeKernel(), kAvx2Kernel,
                   KernelInfo{"AVX-512 6x32", 6, 32, kernelAvx512Narrow, kernelAvx512NarrowLines,
                              kernelAvx512NarrowRows});
}
#else
KernelInfo activeKernel() { return {"Eigen", 0, 0, nullptr}; }
KernelInfo narrowKernel() { return activeKernel(); }
#endif

// out[k * width + i] = lines[i][k] for i < count and 0 for count <= i < width, k < kc <= kKc:
// a transposing copy (rows of A, or columns of a transposed B, into k-major panels).
alignas(64) const float kZeros[kKc] = {};
// Floats after the end of a packing buffer that packTransposed may overwrite.
constexpr std::size_t kPackSlack = 8;

// Only the packed path (AVX2 or AVX-512 micro-kernels) packs, so AVX2 is always there.
#if MOTIFLOOM_X86_KERNELS
MOTIFLOOM_TARGET_AVX2
#endif
void packTransposed(const float* const* lines, int count, int width, int kc, float* out) {
#if MOTIFLOOM_X86_KERNELS
    for (int g = 0; g < width; g += 8) {
        const int n = std::min(8, width - g);
        const float* l[8];
        for (int t = 0; t < 8; ++t) l[t] = g + t < count ? lines[g + t] : kZeros;
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        int k = 0;
        for (; k + 8 <= kc; k += 8) {
            const __m256 r0 = _mm256_loadu_ps(l[0] + k), r1 = _mm256_loadu_ps(l[1] + k);
            const __m256 r2 = _mm256_loadu_ps(l[2] + k), r3 = _mm256_loadu_ps(l[3] + k);
            const __m256 r4 = _mm256_loadu_ps(l[4] + k), r5 = _mm256_loadu_ps(l[5] + k);
            const __m256 r6 = _mm256_loadu_ps(l[6] + k), r7 = _mm256_loadu_ps(l[7] + k);
            const __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
            const __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
            const __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
            const __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
            const __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
            const __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
            const __m256 c[8] = {_mm256_permute2f128_ps(u0, u4, 0x20), _mm256_permute2f128_ps(u1, u5, 0x20),
                                 _mm256_permute2f128_ps(u2, u6, 0x20), _mm256_permute2f128_ps(u3, u7, 0x20),
                                 _mm256_permute2f128_ps(u0, u4, 0x31), _mm256_permute2f128_ps(u1, u5, 0x31),
                                 _mm256_permute2f128_ps(u2, u6, 0x31), _mm256_permute2f128_ps(u3, u7, 0x31)};
            float* dst = out + std::size_t(k) * width + g;
            if (n == 8 || width < 8) {
                // Narrow panels (the AVX2 kernel's 6 rows): whole-vector stores in increasing
                // address order, each spilling zeros into the next k's slot before that slot is
                // written (the buffer has kPackSlack floats after it). A masked store would
                // be microcoded on AMD CPUs: it made packing the slowest part of the product.
                for (int t = 0; t < 8; ++t) _mm256_storeu_ps(dst + std::size_t(t) * width, c[t]);
            } else {
                for (int t = 0; t < 8; ++t) _mm256_maskstore_ps(dst + std::size_t(t) * width, mask, c[t]);
            }
        }
        for (; k < kc; ++k)
            for (int t = 0; t < n; ++t) out[std::size_t(k) * width + g + t] = l[t][k];
    }
#else
    for (int k = 0; k < kc; ++k) {
        float* dst = out + std::size_t(k) * width;
        for (int i = 0; i < count; ++i) dst[i] = lines[i][k];
        for (int i = count; i < width; ++i) dst[i] = 0.0f;
    }
#endif
}

// B(k0.., n0..) block of kc x nc into panels of nr columns (zero-padded to whole panels).
void packB(const float* b, std::ptrdiff_t ldb, bool transB, int k0, int kc, int n0, int nc, int nr,
           float* out) {
    for (int j0 = 0; j0 < nc; j0 += nr) {
        const int w = std::min(nr, nc - j0);
        float* panel = out + std::size_t(j0) * kc;  // panel j0/nr starts at (j0/nr)*kc*nr
        if (!transB) {
            for (int k = 0; k < kc; ++k) {
                const float* src = b + std::ptrdiff_t(k0 + k) * ldb + n0 + j0;
                float* dst = panel + std::size_t(k) * nr;
                for (int j = 0; j < w; ++j) dst[j] = src[j];  // (short rows: no library call)
                for (int j = w; j < nr; ++j) dst[j] = 0.0f;
            }
        } else {
            // B(k, j) = b[j * ldb + k]: each column is contiguous in k.
            const float* cols[64];
            for (int j = 0; j < w; ++j) cols[j] = b + std::ptrdiff_t(n0 + j0 + j) * ldb + k0;
            packTransposed(cols, w, nr, kc, panel);
        }
    }
}

// Where A's numbers are: rows of the stored matrix, each contiguous. `byK` false: line i holds
// A(i, 0..k) (A row-major); true: line kk holds A(0..m, kk) (A stored transposed). Lines come
// from a strided matrix or from an explicit list of pointers (e.g. im2col windows in place).
struct ALines {
    const float* a = nullptr;            // strided: line x starts at a + x * lda
    std::ptrdiff_t lda = 0;
    const float* const* list = nullptr;  // or: line x starts at list[x]
    bool byK = false;
    const float* line(int x) const { return list ? list[x] : a + std::ptrdiff_t(x) * lda; }
};

// A(m0.., k0..) block of mc x kc into panels of mr rows, k-major (zero-padded rows).
void packA(const ALines& A, int m0, int mc, int k0, int kc, int mr, float* out) {
    for (int i0 = 0; i0 < mc; i0 += mr) {
        const int h = std::min(mr, mc - i0);
        float* panel = out + std::size_t(i0) * kc;
        if (A.byK) {
            // mr contiguous values per k.
            // (Short loops, not memcpy: a library call per 6 floats cost more than the copy.)
            for (int k = 0; k < kc; ++k) {
                const float* src = A.line(k0 + k) + m0 + i0;
                float* dst = panel + std::size_t(k) * mr;
                for (int i = 0; i < h; ++i) dst[i] = src[i];
                for (int i = h; i < mr; ++i) dst[i] = 0.0f;
            }
        } else {
            // Each row is contiguous in k.
            const float* rows[64];
            for (int i = 0; i < h; ++i) rows[i] = A.line(m0 + i0 + i) + k0;
            packTransposed(rows, h, mr, kc, panel);
        }
    }
}

#if MOTIFLOOM_EIGEN_DIRECT_GEMM
// Packing buffers for one Eigen product: Eigen's blocking sizes, our memory.
class EigenBlocking : public Eigen::internal::level3_blocking<float, float> {
public:
    // rows x cols is the row-major result; Eigen computes its column-major transpose.
    void setup(Index rows, Index cols, Index depth, std::vector<float, Eigen::aligned_allocator<float>>& buffer) {
        Index kc = depth, mc = cols, nc = rows;
        Eigen::internal::computeProductBlockingSizes<float, float, 1>(kc, mc, nc, Index(1));
        m_kc = kc;
        m_mc = mc;
        m_nc = nc;
        const Index sizeA = (kc * mc + 63) / 64 * 64;
        const Index sizeB = kc * nc + 64;
        if (Index(buffer.size()) < sizeA + sizeB) buffer.resize(std::size_t(sizeA + sizeB));
        m_blockA = buffer.data();
        m_blockB = buffer.data() + sizeA;
    }
};

template <int LhsOrder, int RhsOrder>
void eigenRun(EigenBlocking& blocking, Index m, Index n, Index k, const float* a, Index lda,
              const float* b, Index ldb, float* c, Index ldc) {
    Eigen::internal::general_matrix_matrix_product<Index, float, LhsOrder, false, float, RhsOrder,
                                                   false, Eigen::RowMajor, 1>::run(m, n, k, a, lda,
                                                                                   b, ldb, c, 1, ldc,
                                                                                   1.0f, blocking);
}
#endif
// C (m x nc, starting at block column 0 of c) (+)= A(:, pc..pc+kc) * the packed B block, A read
// in place from its lines. A tile of fewer than mr rows over lines indexed by k is packed (its
// in-place read would run past the lines' ends).
void multiplyInPlace(const KernelInfo& kern, int m, int nc, int kc, int pc, const float* const* lines,
                     bool byK, const float* pb, float* pa, float* c, std::ptrdiff_t ldc, bool overwrite) {
    const int mr = kern.mr, nr = kern.nr;
    assert(mr == 6);  // the AVX2 tile is the one with in-place variants
    for (int ir = 0; ir < m; ir += mr) {
        const int h = std::min(mr, m - ir);
        const float* rows[6];
        if (!byK)
            for (int r = 0; r < 6; ++r) rows[r] = lines[ir + std::min(r, h - 1)] + pc;
        else if (h < mr)
            packA(ALines{nullptr, 0, lines, true}, ir, h, pc, kc, mr, pa);
        for (int jr = 0; jr < nc; jr += nr) {
            const float* bp = pb + std::size_t(jr) * kc;
            float* cp = c + std::ptrdiff_t(ir) * ldc + jr;
            const int cols = std::min(nr, nc - jr);
            if (!byK) kern.inPlaceRows(kc, rows, bp, cp, ldc, h, cols, overwrite);
            else if (h == mr) kern.inPlaceLines(kc, lines + pc, ir, bp, cp, ldc, h, cols, overwrite);
            else kern.kernel(kc, pa, bp, cp, ldc, h, cols, overwrite);
        }
    }
}
}  // namespace

struct Gemm::Impl {
    std::vector<float, Eigen::aligned_allocator<float>> packA, packB, eigen, gathered;
};

Gemm::Gemm() : mImpl(std::make_unique<Impl>()) {}
Gemm::~Gemm() = default;
Gemm::Gemm(Gemm&&) noexcept = default;
Gemm& Gemm::operator=(Gemm&&) noexcept = default;

const char* gemmKernelName() { return activeKernel().name; }

void Gemm::multiplyAdd(int m, int n, int k, const float* a, std::ptrdiff_t lda, bool transA,
                       const float* b, std::ptrdiff_t ldb, bool transB, float* c,
                       std::ptrdiff_t ldc) {
    product(m, n, k, a, lda, transA, nullptr, b, ldb, transB, c, ldc, false);
}

void Gemm::multiply(int m, int n, int k, const float* a, std::ptrdiff_t lda, bool transA,
                    const float* b, std::ptrdiff_t ldb, bool transB, float* c, std::ptrdiff_t ldc) {
    product(m, n, k, a, lda, transA, nullptr, b, ldb, transB, c, ldc, true);
}

void Gemm::multiplyLines(int m, int n, int k, const float* const* lines, bool linesIndexK,
                         const float* b, std::ptrdiff_t ldb, bool transB, float* c,
                         std::ptrdiff_t ldc, bool accumulate) {
    product(m, n, k, nullptr, 0, linesIndexK, lines, b, ldb, transB, c, ldc, !accumulate);
}

void Gemm::pack(int k, int n, const float* b, std::ptrdiff_t ldb, bool transB, PackedB& out) {
    out.mK = k;
    out.mN = n;
    const KernelInfo kern = activeKernel();
    out.mNr = kern.kernel ? kern.nr : 0;
    if (!out.mNr) {  // Eigen's product packs by itself: keep B row-major
        out.mData.resize(std::size_t(k) * n);
        for (int kk = 0; kk < k; ++kk)
            for (int j = 0; j < n; ++j)
                out.mData[std::size_t(kk) * n + j] = transB ? b[std::ptrdiff_t(j) * ldb + kk] : b[std::ptrdiff_t(kk) * ldb + j];
        return;
    }
    // The blocks product() packs, in the order it visits them.
    const int nr = out.mNr;
    std::size_t size = 0;
    for (int jc = 0; jc < n; jc += kNc)
        for (int pc = 0; pc < k; pc += kKc)
            size += std::size_t((std::min(kNc, n - jc) + nr - 1) / nr * nr) * std::min(kKc, k - pc);
    out.mData.resize(size + kPackSlack);
    float* dst = out.mData.data();
    for (int jc = 0; jc < n; jc += kNc)
        for (int pc = 0; pc < k; pc += kKc) {
            const int nc = std::min(kNc, n - jc), kc = std::min(kKc, k - pc);
            packB(b, ldb, transB, pc, kc, jc, nc, nr, dst);
            dst += std::size_t((nc + nr - 1) / nr * nr) * kc;
        }
}

void Gemm::multiplyPacked(int m, const float* a, std::ptrdiff_t lda, bool transA, const PackedB& b,
                          float* c, std::ptrdiff_t ldc, bool accumulate) {
    product(m, b.mN, b.mK, a, lda, transA, nullptr, nullptr, 0, false, c, ldc, !accumulate, &b);
}

void Gemm::multiplyLinesPacked(int m, const float* const* lines, bool linesIndexK, const PackedB& b, float* c,
                               std::ptrdiff_t ldc, bool accumulate) {
    product(m, b.mN, b.mK, nullptr, 0, linesIndexK, lines, nullptr, 0, false, c, ldc, !accumulate, &b);
}

void Gemm::product(int m, int n, int k, const float* a, std::ptrdiff_t lda, bool transA,
                   const float* const* lines, const float* b, std::ptrdiff_t ldb, bool transB,
                   float* c, std::ptrdiff_t ldc, bool overwrite, const PackedB* packed) {
    if (m <= 0 || n <= 0) return;
    if (packed && !packed->mNr) {  // the baseline ISA's B, kept row-major
        b = packed->mData.data();
        ldb = n;
        transB = false;
        packed = nullptr;
    }
    if (k <= 0) {
        if (overwrite)
            for (int i = 0; i < m; ++i) std::fill(c + std::ptrdiff_t(i) * ldc, c + std::ptrdiff_t(i) * ldc + n, 0.0f);
        return;
    }
    // A given as lines meets at most two B panels of the AVX2 tile (one of the AVX-512 6 x 32
    // tile) when n <= 32: read it in place (packing it would cost as much as the arithmetic).
    const bool narrow = lines && n <= 32;
    const KernelInfo kern = narrow ? narrowKernel() : activeKernel();
    assert(!packed || packed->mNr == kern.nr);  // packed under the ISA in use
    if (kern.kernel) {
        const int mr = kern.mr, nr = kern.nr;
        const int ncMax = std::min(kNc, (n + nr - 1) / nr * nr);
        const int kcMax = std::min(kKc, k);
        const int mcMax = std::min(kMc, (m + mr - 1) / mr * mr);
        const bool inPlace = narrow && kern.inPlaceLines;
        auto& pa = mImpl->packA;
        auto& pbBuffer = mImpl->packB;
        if (pa.size() < std::size_t(mcMax) * kcMax + kPackSlack) pa.resize(std::size_t(mcMax) * kcMax + kPackSlack);
        if (!packed && pbBuffer.size() < std::size_t(ncMax) * kcMax + kPackSlack)
            pbBuffer.resize(std::size_t(ncMax) * kcMax + kPackSlack);
        const float* prepacked = packed ? packed->mData.data() : nullptr;
        for (int jc = 0; jc < n; jc += kNc) {
            const int nc = std::min(kNc, n - jc);
            for (int pc = 0; pc < k; pc += kKc) {
                const int kc = std::min(kKc, k - pc);
                const float* pb = pbBuffer.data();
                if (prepacked) {  // the same block pack() made, in the same order
                    pb = prepacked;
                    prepacked += std::size_t((nc + nr - 1) / nr * nr) * kc;
                } else {
                    packB(b, ldb, transB, pc, kc, jc, nc, nr, pbBuffer.data());
                }
                if (inPlace) {
                    multiplyInPlace(kern, m, nc, kc, pc, lines, transA, pb, pa.data(),
                                    c + jc, ldc, overwrite && pc == 0);
                    continue;
                }
                for (int ic = 0; ic < m; ic += kMc) {
                    const int mcRows = std::min(kMc, m - ic);
                    packA(ALines{a, lda, lines, transA}, ic, mcRows, pc, kc, mr, pa.data());
                    for (int jr = 0; jr < nc; jr += nr) {
                        const float* bp = pb + std::size_t(jr) * kc;
                        for (int ir = 0; ir < mcRows; ir += mr) {
                            kern.kernel(kc, pa.data() + std::size_t(ir) * kc, bp,
                                        c + std::ptrdiff_t(ic + ir) * ldc + jc + jr, ldc,
                                        std::min(mr, mcRows - ir), std::min(nr, nc - jr),
                                        overwrite && pc == 0);
                        }
                    }
                }
            }
        }
        return;
    }
    if (overwrite)
        for (int i = 0; i < m; ++i) std::fill(c + std::ptrdiff_t(i) * ldc, c + std::ptrdiff_t(i) * ldc + n, 0.0f);
    if (lines) {
        // The Eigen path needs a strided A: gather the lines into one.
        const int count = transA ? k : m, length = transA ? m : k;
        auto& g = mImpl->gathered;
        g.resize(std::size_t(count) * length);
        for (int x = 0; x < count; ++x) std::memcpy(g.data() + std::size_t(x) * length, lines[x], std::size_t(length) * sizeof(float));
        a = g.data();
        lda = length;
    }
#if MOTIFLOOM_EIGEN_DIRECT_GEMM
    constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
    // A transposed k x m row-major matrix is an m x k column-major one with the same stride.
    EigenBlocking bl;
    bl.setup(m, n, k, mImpl->eigen);
    if (!transA && !transB) eigenRun<R, R>(bl, m, n, k, a, lda, b, ldb, c, ldc);
    else if (transA && !transB) eigenRun<C, R>(bl, m, n, k, a, lda, b, ldb, c, ldc);
    else if (!transA && transB) eigenRun<R, C>(bl, m, n, k, a, lda, b, ldb, c, ldc);
    else eigenRun<C, C>(bl, m, n, k, a, lda, b, ldb, c, ldc);
#else
    using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using ColMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
    using Stride = Eigen::OuterStride<>;
    Eigen::Map<RowMat, 0, Stride> cm(c, m, n, Stride(ldc));
    auto mulWith = [&](const auto& am) {
        if (transB) cm.noalias() += am * Eigen::Map<const ColMat, 0, Stride>(b, k, n, Stride(ldb));
        else cm.noalias() += am * Eigen::Map<const RowMat, 0, Stride>(b, k, n, Stride(ldb));
    };
    if (transA) mulWith(Eigen::Map<const ColMat, 0, Stride>(a, m, k, Stride(lda)));
    else mulWith(Eigen::Map<const RowMat, 0, Stride>(a, m, k, Stride(lda)));
#endif
}

}  // namespace motifloom::nn
