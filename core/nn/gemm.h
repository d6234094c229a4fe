#pragma once
// Gemm: single-precision matrix products C += A * B on row-major data, with packing buffers that
// are kept between calls.
//
// Every matrix is row-major with an explicit row stride (elements between the starts of two
// consecutive rows). A Gemm object is used by one thread at a time; keep one per parallel chunk.
//
// Kernels. On x86-64 with AVX2 or AVX-512 (nn/isa.h decides which) the product is a packed
// Goto/BLIS-style GEMM with a hand-written register micro-kernel: AVX-512 (12 x 32 tile) or
// AVX2+FMA (6 x 16), explicit intrinsics in target-attributed functions (the build itself is
// baseline x86-64). On the baseline ISA, Eigen 3.4's blocked kernel runs with our packing
// buffers (its operator* allocates them on every call, which for the medium-size products of a
// training step costs more than the arithmetic). The first-layer lookup kernels (nn/conv1d.h)
// follow the same ISA. Products of at most 32 columns whose A comes as lines (multiplyLines) read
// A in place, 6 rows at a time: with so few columns each A value meets one or two B panels, and
// packing A cost as much as the arithmetic. Their tile is AVX2's 6 x 16 or, on AVX-512, 6 x 32
// (one broadcast per A value instead of two); both sum each element's terms in the same order.
//
// Results depend only on the operands, their shapes and the kernel (single-threaded, fixed
// blocking), never on the thread that runs them.

#include <cstddef>
#include <memory>
#include <vector>

namespace motifloom::nn {

// The kernel the ISA in use runs, for reports: "AVX-512 12x32", "AVX2 6x16", "Eigen (baseline SSE2)".
const char* gemmKernelName();

// A right-hand operand B packed once for many products with it (e.g. a layer's weights, or
// Winograd-transformed filters, during one pass): products of few rows then skip re-packing it.
// Made by Gemm::pack under the ISA in use; holds a copy, so B may change afterwards.
class PackedB {
public:
    int k() const { return mK; }
    int n() const { return mN; }

private:
    friend class Gemm;
    int mK = 0, mN = 0, mNr = 0;  // mNr 0: B kept row-major (the baseline ISA's Eigen product)
    std::vector<float> mData;
};

class Gemm {
public:
    Gemm();
    ~Gemm();
    Gemm(const Gemm&) = delete;             // buffers are per-thread scratch
    Gemm& operator=(const Gemm&) = delete;
    Gemm(Gemm&&) noexcept;
    Gemm& operator=(Gemm&&) noexcept;

    // C (m x n, row stride ldc) += A * B, where
    //   A is m x k: row-major with row stride lda, or if transA the transpose of a k x m
    //     row-major matrix with row stride lda;
    //   B is k x n: row-major with row stride ldb, or if transB the transpose of an n x k
    //     row-major matrix with row stride ldb.
    // C must not overlap A or B. Does nothing when m, n or k is 0.
    void multiplyAdd(int m, int n, int k,
                     const float* a, std::ptrdiff_t lda, bool transA,
                     const float* b, std::ptrdiff_t ldb, bool transB,
                     float* c, std::ptrdiff_t ldc);
    // C = A * B (C's previous contents are ignored; zero when k is 0).
    void multiply(int m, int n, int k,
                  const float* a, std::ptrdiff_t lda, bool transA,
                  const float* b, std::ptrdiff_t ldb, bool transB,
                  float* c, std::ptrdiff_t ldc);

    // C (+)= A * B with A given as pointers to its lines, each contiguous: linesIndexK false:
    // lines[i] holds A(i, 0..k) (m lines); true: lines[kk] holds A(0..m, kk) (k lines, i.e. the
    // rows of A's transpose). Lets a convolution multiply its input windows in place (no im2col
    // copy). Lines may overlap.
    void multiplyLines(int m, int n, int k, const float* const* lines, bool linesIndexK,
                       const float* b, std::ptrdiff_t ldb, bool transB, float* c,
                       std::ptrdiff_t ldc, bool accumulate);

    // B (k x n, as in multiply) packed for multiplyPacked.
    static void pack(int k, int n, const float* b, std::ptrdiff_t ldb, bool transB, PackedB& out);
    // C (m x b.n()) (+)= A * B with B packed by pack(); A as in multiply.
    void multiplyPacked(int m, const float* a, std::ptrdiff_t lda, bool transA, const PackedB& b,
                        float* c, std::ptrdiff_t ldc, bool accumulate);
    // The same with A given as lines (as in multiplyLines): a narrow B (at most 32 columns) then
    // neither packs A nor B.
    void multiplyLinesPacked(int m, const float* const* lines, bool linesIndexK, const PackedB& b, float* c,
                             std::ptrdiff_t ldc, bool accumulate);

private:
    void product(int m, int n, int k, const float* a, std::ptrdiff_t lda, bool transA,
                 const float* const* lines, const float* b, std::ptrdiff_t ldb, bool transB,
                 float* c, std::ptrdiff_t ldc, bool overwrite, const PackedB* packed = nullptr);
    struct Impl;
    std::unique_ptr<Impl> mImpl;
};

}  // namespace motifloom::nn
