// Tests for nn/isa.h: names and their errors, what the CPU supports, and the engine under every
// instruction set this CPU has: training steps of the paper's CNN-25 stack (one-hot lookup,
// fused batch-norm/ReLU/pool blocks, GEMM convolution and dense layers, Adam) give the same
// losses, weights and predictions as the baseline kernels within float rounding, and each
// ISA on its own is bit-identical with 1, 2 or 3 threads.
//
// Tolerance: the ISAs sum in different orders (vector widths, GEMM blocking) and AVX2/AVX-512
// contract a*b+c into FMAs, so values differ by float rounding (~1e-7 relative) that Adam can
// amplify for parameters whose gradient is near zero, by at most a step of lr per update:
// losses agree to 1e-5, weights and predictions to 1e-4 after 4 steps (as fused against
// separate layers, tests/core/nn/test_nn_network.cpp).
#include "nn/gemm.h"
#include "nn/isa.h"
#include "nn/optimizer.h"
#include "nn_test_support.h"
#include "util/input_error.h"
#include "util/parallel.h"

#include <QtTest>

#include <cmath>
#include <cstdio>

using namespace nntest;

namespace {

arch::Architecture cnn25(int length = 200, int classes = 12) {
    arch::Architecture a = makeArch(length, classes,
                                    {conv(30, 19), bn(1e-8), relu(), pool(25), dropout(0.1),
                                     conv(128, 5), bn(1e-8), relu(), pool(4), dropout(0.1),
                                     flatten(), dense(512), bn(1e-8), relu(), dropout(0.5),
                                     dense(classes, true)});
    a.training.l2 = 1e-6;
    return a;
}

struct Result {
    std::vector<double> losses;
    std::vector<float> weights, predictions;
};

// Four Adam steps on batches of 50 (several chunks), then predictions of all sequences.
Result trainUnder(nn::Isa isa, int threads, const arch::Architecture& a, const std::vector<std::uint8_t>& codes,
                  const std::vector<float>& targets) {
    nn::setIsa(isa);
    parallel::setThreadCount(threads);
    nn::Network net(a, 7);
    auto opt = nn::makeOptimizer(a.training);
    const std::size_t len = std::size_t(a.inputLength), k = std::size_t(net.numClasses());
    const int n = int(codes.size() / len), batch = 50;
    Result r;
    for (int s = 0; s < 4; ++s) {
        const int first = (s * batch) % (n - batch + 1);
        r.losses.push_back(net.trainStep(codes.data() + std::size_t(first) * len,
                                         targets.data() + std::size_t(first) * k, batch, 100 + std::uint64_t(s))
                               .total());
        opt->step(net.parameters());
    }
    for (const auto& p : net.parameters()) r.weights.insert(r.weights.end(), p.value.begin(), p.value.end());
    r.predictions = net.predict(codes.data(), n);
    return r;
}

}  // namespace

class TestNnIsa : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        mIsa = nn::isa();
        std::printf("instruction set: %s; GEMM kernel: %s\n", nn::isaSummary().c_str(), nn::gemmKernelName());
    }
    void cleanup() {
        nn::setIsa(mIsa);
        parallel::setThreadCount(0);
    }

    void names_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("isa");
        QTest::newRow("generic") << "generic" << int(nn::Isa::Generic);
        QTest::newRow("avx2") << "avx2" << int(nn::Isa::Avx2);
        QTest::newRow("avx512") << "avx512" << int(nn::Isa::Avx512);
    }
    void names() {
        QFETCH(QString, name);
        QFETCH(int, isa);
        QCOMPARE(int(nn::parseIsa(name.toStdString(), "test")), isa);
        QCOMPARE(QString(nn::isaName(nn::Isa(isa))), name);
    }

    void fail_names_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("upper case") << "AVX2";
        QTest::newRow("unknown") << "sse4";
        QTest::newRow("empty") << "";
    }
    void fail_names() {
        QFETCH(QString, name);
        try {
            nn::parseIsa(name.toStdString(), "MOTIFLOOM_ISA=" + name.toStdString());
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            // Names the variable and its value, and what would be valid.
            QVERIFY2(QString(e.what()).startsWith("MOTIFLOOM_ISA=" + name + ":"), e.what());
            QVERIFY2(QString(e.what()).contains("avx512, avx2 or generic"), e.what());
        }
    }

    void supported() {
        QVERIFY(nn::isaSupported(nn::Isa::Generic));
        QVERIFY(nn::isaSupported(nn::bestIsa()));
        if (nn::isaSupported(nn::Isa::Avx512)) QVERIFY(nn::isaSupported(nn::Isa::Avx2));
        for (nn::Isa i : {nn::Isa::Generic, nn::Isa::Avx2, nn::Isa::Avx512}) {
            if (nn::isaSupported(i)) {
                nn::setIsa(i);
                QCOMPARE(nn::isa(), i);
                QVERIFY(nn::isaSummary().starts_with(nn::isaName(i)));
            } else {
                // Never a silent fallback: an error, and the ISA in use stays.
                const nn::Isa before = nn::isa();
                try {
                    nn::setIsa(i);
                    QFAIL("expected an InputError");
                } catch (const InputError& e) {
                    QVERIFY2(QString(e.what()).contains("this CPU cannot run"), e.what());
                }
                QCOMPARE(nn::isa(), before);
            }
        }
    }

    void sameResultsUnderEveryIsa_data() {
        QTest::addColumn<int>("isa");
        for (nn::Isa i : {nn::Isa::Avx2, nn::Isa::Avx512}) QTest::newRow(nn::isaName(i)) << int(i);
    }
    void sameResultsUnderEveryIsa() {
        QFETCH(int, isa);
        if (!nn::isaSupported(nn::Isa(isa))) QSKIP("this CPU lacks the instruction set");
        Rng rng(17);
        const auto a = cnn25();
        const auto codes = randomCodes(rng, 200 * 200, true);  // with IUPAC codes
        const auto targets = randomTargets(rng, 200, 12, false);
        const Result base = trainUnder(nn::Isa::Generic, 2, a, codes, targets);
        const Result other = trainUnder(nn::Isa(isa), 2, a, codes, targets);
        QVERIFY(base.weights != other.weights);  // the kernels really differ (or this test proves nothing)
        for (std::size_t i = 0; i < base.losses.size(); ++i)
            QVERIFY2(std::abs(base.losses[i] - other.losses[i]) <= 1e-5 * std::max(1.0, std::abs(base.losses[i])),
                     qPrintable(QString("step %1: loss %2 vs %3").arg(i).arg(base.losses[i]).arg(other.losses[i])));
        double worstW = 0, worstP = 0;
        for (std::size_t i = 0; i < base.weights.size(); ++i)
            worstW = std::max(worstW, double(std::abs(base.weights[i] - other.weights[i])));
        for (std::size_t i = 0; i < base.predictions.size(); ++i)
            worstP = std::max(worstP, double(std::abs(base.predictions[i] - other.predictions[i])));
        std::printf("%s vs generic: max weight difference %.3g, max prediction difference %.3g\n",
                    nn::isaName(nn::Isa(isa)), worstW, worstP);
        QVERIFY2(worstW <= 1e-4, qPrintable(QString("max weight difference %1").arg(worstW)));
        QVERIFY2(worstP <= 1e-4, qPrintable(QString("max prediction difference %1").arg(worstP)));
    }

    void deterministicAcrossThreads_data() {
        QTest::addColumn<int>("isa");
        for (nn::Isa i : {nn::Isa::Generic, nn::Isa::Avx2, nn::Isa::Avx512}) QTest::newRow(nn::isaName(i)) << int(i);
    }
    void deterministicAcrossThreads() {
        QFETCH(int, isa);
        if (!nn::isaSupported(nn::Isa(isa))) QSKIP("this CPU lacks the instruction set");
        Rng rng(23);
        const auto a = cnn25(120, 5);
        const auto codes = randomCodes(rng, 150 * 120, true);
        const auto targets = randomTargets(rng, 150, 5, false);
        const Result one = trainUnder(nn::Isa(isa), 1, a, codes, targets);
        for (int threads : {2, 3}) {
            const Result r = trainUnder(nn::Isa(isa), threads, a, codes, targets);
            QVERIFY2(r.losses == one.losses, qPrintable(QString("%1 threads").arg(threads)));
            QVERIFY2(r.weights == one.weights, qPrintable(QString("%1 threads").arg(threads)));
            QVERIFY2(r.predictions == one.predictions, qPrintable(QString("%1 threads").arg(threads)));
        }
    }

private:
    nn::Isa mIsa = nn::Isa::Generic;
};

QTEST_APPLESS_MAIN(TestNnIsa)
#include "test_nn_isa.moc"
