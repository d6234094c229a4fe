// Tests for nn::Gemm: the kernel of every ISA (nn/isa.h: Eigen on the baseline, AVX2, AVX-512;
// rows of an ISA the CPU lacks are skipped) against a
// plain double-precision product, for all transpose combinations, edge tiles, several packed
// blocks in each dimension, strided operands, and the accumulate (C +=) contract.
#include "nn/gemm.h"
#include "nn/isa.h"
#include "nn_test_support.h"
#include "util/rng.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

using namespace motifloom;

class TestNnGemm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { mIsa = nn::isa(); }
    void cleanup() { nn::setIsa(mIsa); }

    void matchesPlainProduct_data() {
        QTest::addColumn<int>("isa");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        const nn::Isa isas[] = {nn::Isa::Generic, nn::Isa::Avx2, nn::Isa::Avx512};
        const int sizes[][3] = {{1, 1, 1}, {5, 7, 3}, {13, 150, 128}, {104, 128, 150}, {300, 33, 257},
                                {150, 600, 40}, {7, 12, 512}, {600, 30, 640}};
        for (nn::Isa isa : isas)
            for (const auto& s : sizes)
                QTest::addRow("%s_%dx%dx%d", nn::isaName(isa), s[0], s[1], s[2]) << int(isa) << s[0] << s[1] << s[2];
    }
    void matchesPlainProduct() {
        QFETCH(int, isa);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        if (!nn::isaSupported(nn::Isa(isa))) QSKIP("this CPU lacks the instruction set");
        nn::setIsa(nn::Isa(isa));
        Rng rng(std::uint64_t(m * 1000003 + n * 1009 + k));
        nn::Gemm gemm;
        for (int trans = 0; trans < 4; ++trans) {
            const bool ta = trans & 1, tb = trans & 2;
            // Strides larger than the rows, to catch stride mix-ups.
            const int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 5, ldc = n + 2;
            std::vector<float> a(std::size_t(ta ? k : m) * lda), b(std::size_t(tb ? n : k) * ldb),
                c(std::size_t(m) * ldc);
            for (float& v : a) v = float(rng.uniform(-1, 1));
            for (float& v : b) v = float(rng.uniform(-1, 1));
            for (float& v : c) v = float(rng.uniform(-1, 1));
            const std::vector<float> c0 = c;
            gemm.multiplyAdd(m, n, k, a.data(), lda, ta, b.data(), ldb, tb, c.data(), ldc);
            double worst = 0;
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j) {
                    double sum = c0[std::size_t(i) * ldc + j];
                    for (int p = 0; p < k; ++p) {
                        const double av = ta ? a[std::size_t(p) * lda + i] : a[std::size_t(i) * lda + p];
                        const double bv = tb ? b[std::size_t(j) * ldb + p] : b[std::size_t(p) * ldb + j];
                        sum += av * bv;
                    }
                    worst = std::max(worst, std::abs(sum - c[std::size_t(i) * ldc + j]));
                }
            QVERIFY2(worst <= 2e-6 * std::sqrt(double(k)) + 1e-6,
                     qPrintable(QString("transA %1 transB %2: max error %3").arg(ta).arg(tb).arg(worst)));
            // The padding between rows of C is never written.
            for (int i = 0; i < m; ++i)
                for (int j = n; j < ldc; ++j) QCOMPARE(c[std::size_t(i) * ldc + j], c0[std::size_t(i) * ldc + j]);
            // multiply() overwrites: previous contents (even NaN) do not leak in.
            std::vector<float> d(c.size(), std::numeric_limits<float>::quiet_NaN());
            gemm.multiply(m, n, k, a.data(), lda, ta, b.data(), ldb, tb, d.data(), ldc);
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j) {
                    const double want = double(c[std::size_t(i) * ldc + j]) - c0[std::size_t(i) * ldc + j];
                    QVERIFY(std::abs(d[std::size_t(i) * ldc + j] - want) <= 2e-6 * std::sqrt(double(k)) + 1e-5);
                }
        }
    }

    // Lines given as pointers (overlapping windows of one buffer, as a convolution uses them).
    // At most 32 columns read A in place (nn/gemm.h); 600 deep spans several packed k blocks.
    // 32 and 17 columns: the AVX-512 narrow tile's whole store and a one-lane upper half.
    void linesMatchStridedProduct_data() {
        shapeRows({{37, 21, 50}, {41, 30, 600}, {20, 70, 300}, {13, 32, 40}, {9, 17, 260}});
    }
    void linesMatchStridedProduct() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        nntest::forEachSupportedIsa([&](nn::Isa) {
            Rng rng(5);
            const int step = 3;  // line x starts at x * step: lines overlap
            std::vector<float> buf(std::size_t(m) * step + k + std::size_t(k) * step + m), b(std::size_t(k) * n);
            for (float& v : buf) v = float(rng.uniform(-1, 1));
            for (float& v : b) v = float(rng.uniform(-1, 1));
            nn::Gemm gemm;
            for (bool byK : {false, true}) {
                const int count = byK ? k : m;
                std::vector<const float*> lines(static_cast<std::size_t>(count));
                for (int x = 0; x < count; ++x) lines[std::size_t(x)] = buf.data() + std::size_t(x) * step;
                // C's rows are padded (ldc > n) with a guard value that must stay untouched.
                const int ldc = n + 3;
                constexpr float kGuard = -7.0f;
                std::vector<float> c(std::size_t(m) * ldc, kGuard);
                for (int i = 0; i < m; ++i) std::fill_n(c.begin() + std::ptrdiff_t(i) * ldc, n, 1.0f);
                gemm.multiplyLines(m, n, k, lines.data(), byK, b.data(), n, false, c.data(), ldc, true);
                for (int i = 0; i < m; ++i) {
                    for (int j = 0; j < n; ++j) {
                        double sum = 1.0;
                        for (int p = 0; p < k; ++p) {
                            const double av = byK ? lines[std::size_t(p)][i] : lines[std::size_t(i)][p];
                            sum += av * b[std::size_t(p) * n + j];
                        }
                        QVERIFY(std::abs(sum - c[std::size_t(i) * ldc + j]) < 1e-4 * std::sqrt(double(k)));
                    }
                    for (int j = n; j < ldc; ++j) QCOMPARE(c[std::size_t(i) * ldc + j], kGuard);
                }
            }
        });
    }

    // The narrow in-place products give the same bits under AVX2 (6 x 16 tile) and AVX-512
    // (6 x 32): each element sums the same terms in the same order with the same FMAs.
    void narrowTilesAgreeBitwise_data() { shapeRows({{37, 21, 50}, {41, 30, 600}, {9, 17, 260}, {13, 32, 40}}); }
    void narrowTilesAgreeBitwise() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        if (!nn::isaSupported(nn::Isa::Avx512)) QSKIP("this CPU lacks AVX-512");
        Rng rng(17);
        std::vector<float> buf(std::size_t(m + k) * 3 + std::size_t(m + k)), b(std::size_t(k) * n);
        for (float& v : buf) v = float(rng.uniform(-1, 1));
        for (float& v : b) v = float(rng.uniform(-1, 1));
        for (bool byK : {false, true}) {
            std::vector<const float*> lines(std::size_t(byK ? k : m));
            for (std::size_t x = 0; x < lines.size(); ++x) lines[x] = buf.data() + x * 3;
            std::vector<float> results[2];
            for (int i = 0; i < 2; ++i) {
                nn::setIsa(i == 0 ? nn::Isa::Avx2 : nn::Isa::Avx512);
                nn::Gemm gemm;
                results[i].assign(std::size_t(m) * n, 0.5f);
                gemm.multiplyLines(m, n, k, lines.data(), byK, b.data(), n, false, results[i].data(), n, true);
            }
            QVERIFY2(std::memcmp(results[0].data(), results[1].data(), results[0].size() * sizeof(float)) == 0,
                     byK ? "lines indexed by k" : "row lines");
        }
    }

    // B packed once (Gemm::pack) gives the same product as packing per call, across several
    // packed k blocks (256) and column blocks (512), with both B layouts.
    void packedMatchesProduct_data() { shapeRows({{7, 20, 5}, {48, 128, 30}, {50, 600, 300}}); }
    void packedMatchesProduct() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        nntest::forEachSupportedIsa([&](nn::Isa isa) {
            Rng rng(11);
            std::vector<float> a(std::size_t(m) * k), b(std::size_t(k) * n);
            for (float& v : a) v = float(rng.uniform(-1, 1));
            for (float& v : b) v = float(rng.uniform(-1, 1));
            for (bool transB : {false, true}) {
                std::vector<float> bt = b;  // B's transpose stored n x k when transB
                if (transB)
                    for (int i = 0; i < k; ++i)
                        for (int j = 0; j < n; ++j) bt[std::size_t(j) * k + i] = b[std::size_t(i) * n + j];
                nn::PackedB packed;
                nn::Gemm::pack(k, n, bt.data(), transB ? k : n, transB, packed);
                bt.assign(bt.size(), 0.0f);  // the packed copy must not refer to it
                nn::Gemm gemm;
                std::vector<float> want(std::size_t(m) * n), got(std::size_t(m) * n, 2.0f);
                gemm.multiply(m, n, k, a.data(), k, false, b.data(), n, false, want.data(), n);
                gemm.multiplyPacked(m, a.data(), k, false, packed, got.data(), n, true);
                for (std::size_t i = 0; i < got.size(); ++i)
                    QVERIFY2(std::abs(got[i] - 2.0f - want[i]) <= 1e-5 * std::sqrt(double(k)),
                             qPrintable(QString("%1 transB %2 at %3").arg(nn::isaName(isa)).arg(transB).arg(i)));
                gemm.multiplyPacked(m, a.data(), k, false, packed, got.data(), n, false);
                QCOMPARE(got, want);  // the same blocks in the same order: bit-identical
            }
        });
    }

    void reportsKernel() {
        std::printf("instruction set: %s; GEMM kernel: %s\n", nn::isaSummary().c_str(), nn::gemmKernelName());
        nn::setIsa(nn::Isa::Generic);
        QCOMPARE(nn::isa(), nn::Isa::Generic);
        QVERIFY(QByteArray(nn::gemmKernelName()).startsWith("Eigen"));
    }

private:
    // Test rows "MxNxK" with columns m, n, k.
    static void shapeRows(std::initializer_list<std::array<int, 3>> shapes) {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        for (const auto& s : shapes) QTest::addRow("%dx%dx%d", s[0], s[1], s[2]) << s[0] << s[1] << s[2];
    }

    nn::Isa mIsa = nn::Isa::Generic;
};

QTEST_APPLESS_MAIN(TestNnGemm)
#include "test_nn_gemm.moc"
