// Tests for nn::Network: construction errors, shapes and parameter counts, determinism with 1
// vs 2 threads, a planted-motif training run whose loss falls, inference consistency, copies,
// save/load round trips and corrupt files, and the NaN stop.
#include "nn/optimizer.h"
#include "nn_test_support.h"
#include "util/input_error.h"
#include "util/parallel.h"

#include <QtTest>

#include <cstdio>
#include <cstring>
#include <numeric>
#include <limits>
#include <sstream>

using namespace nntest;

namespace {

// The paper's CNN-25 / CNN-2 layer stack (docs/paper.md), built here from the header contract.
arch::Architecture paperModel(int pool1, int pool2, int length = 200, int classes = 12) {
    arch::Architecture a = makeArch(length, classes,
                                    {conv(30, 19), bn(1e-8), relu(), pool(pool1), dropout(0.1),
                                     conv(128, 5), bn(1e-8), relu(), pool(pool2), dropout(0.1),
                                     flatten(), dense(512), bn(1e-8), relu(), dropout(0.5),
                                     dense(classes, true)});
    a.training.l2 = 1e-6;
    return a;
}

// Small but complete: several chunks, BN in conv and dense parts, dropout everywhere.
arch::Architecture smallModel(int length = 60, int classes = 5) {
    return makeArch(length, classes,
                    {conv(12, 7), bn(), relu(), pool(4, 3), dropout(0.2),
                     conv(20, 3, Padding::Same, true), bn(), relu(), pool(5), dropout(0.1),
                     flatten(), dense(40), bn(), relu(), dropout(0.5), dense(classes, true)});
}

std::vector<float> weightsOf(nn::Network& net) {
    std::vector<float> out;
    for (const auto& p : net.parameters()) out.insert(out.end(), p.value.begin(), p.value.end());
    return out;
}

// Trains `steps` batches with Adam; returns the losses.
std::vector<double> train(nn::Network& net, nn::Optimizer& opt, const std::vector<std::uint8_t>& codes,
                          const std::vector<float>& targets, int batch, int steps, std::uint64_t seed) {
    const std::size_t len = std::size_t(net.inputLength()), k = std::size_t(net.numClasses());
    const int n = int(codes.size() / len);
    std::vector<double> losses;
    for (int s = 0; s < steps; ++s) {
        const int first = (s * batch) % (n - batch + 1);
        losses.push_back(net.trainStep(codes.data() + std::size_t(first) * len,
                                       targets.data() + std::size_t(first) * k, batch, seed + std::uint64_t(s))
                             .total());
        opt.step(net.parameters());
    }
    return losses;
}

// Two networks of one architecture and seed, set up differently, trained on the same four
// batches of 50 (each with its own Adam): the largest differences of their losses and weights.
struct Twins {
    double lossDifference = 0, weightDifference = 0;
};
Twins trainTwins(nn::Network& x, nn::Network& y, const std::vector<std::uint8_t>& codes,
                 const std::vector<float>& targets) {
    auto ox = nn::makeOptimizer(x.architecture().training), oy = nn::makeOptimizer(y.architecture().training);
    const auto lx = train(x, *ox, codes, targets, 50, 4, 1);
    const auto ly = train(y, *oy, codes, targets, 50, 4, 1);
    Twins t;
    for (std::size_t i = 0; i < lx.size(); ++i) t.lossDifference = std::max(t.lossDifference, std::abs(lx[i] - ly[i]));
    const auto wx = weightsOf(x), wy = weightsOf(y);
    for (std::size_t i = 0; i < wx.size(); ++i)
        t.weightDifference = std::max(t.weightDifference, double(std::abs(wx[i] - wy[i])));
    return t;
}

}  // namespace

class TestNnNetwork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { parallel::setThreadCount(0); }

    void paperShapesAndParameterCount_data() {
        QTest::addColumn<int>("pool1");
        QTest::addColumn<int>("pool2");
        QTest::addColumn<int>("flatLength");
        QTest::newRow("CNN-1") << 1 << 100 << 2;
        QTest::newRow("CNN-2") << 2 << 50 << 2;
        QTest::newRow("CNN-25") << 25 << 4 << 2;
        QTest::newRow("CNN-100") << 100 << 1 << 2;
    }
    void paperShapesAndParameterCount() {
        QFETCH(int, pool1);
        QFETCH(int, pool2);
        QFETCH(int, flatLength);
        nn::Network net(paperModel(pool1, pool2), 1);
        QCOMPARE(net.parameterCount(), 160048L);  // docs/paper.md
        QCOMPARE(net.outputShape(0), (arch::Shape{200, 30}));
        QCOMPARE(net.outputShape(3), (arch::Shape{200 / pool1, 30}));
        QCOMPARE(net.outputShape(8), (arch::Shape{flatLength, 128}));
        QCOMPARE(net.outputShape(10), (arch::Shape{1, 256}));
        QCOMPARE(net.outputShapes().back(), (arch::Shape{1, 12}));
        QCOMPARE(int(net.convFilters(0).size()), 30 * 4 * 19);
    }

    // Network refuses exactly what arch::validate reports, with its sentences (naming the
    // layer). The rows after fail_zero_filters were accepted by the network's own checks
    // before those checks became arch::validate's.
    void fail_badArchitectures_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_dense_without_flatten") << 0 << "layer 2: dense layer before any flatten";
        QTest::newRow("fail_last_not_dense") << 1 << "the last layer must be a dense layer with one unit per class (3); layer 2 is a flatten layer";
        QTest::newRow("fail_units_mismatch") << 2 << "layer 3: the output layer has 4 units but there are 3 classes";
        QTest::newRow("fail_valid_too_wide") << 3 << "layer 1: 'valid' convolution of width 30 on a length-20 input";
        QTest::newRow("fail_drop_rate_one") << 4 << "layer 3: dropout rate 1 is outside [0, 1)";
        QTest::newRow("fail_pool_zero") << 5 << "layer 2: the max-pool window must be at least 1 (is 0)";
        QTest::newRow("fail_softmax_one_class") << 6 << "a softmax output needs at least 2 classes";
        QTest::newRow("fail_no_layers") << 7 << "the architecture has no layers";
        QTest::newRow("fail_zero_filters") << 8 << "layer 1: a convolution needs at least 1 filter (has 0)";
        QTest::newRow("fail_bn_momentum_one") << 9 << "layer 2: the batch-norm momentum must be in [0, 1) (is 1)";
        QTest::newRow("fail_bn_epsilon_infinite") << 10 << "layer 2: the batch-norm epsilon must be positive (is inf)";
        QTest::newRow("fail_bn_epsilon_zero") << 11 << "layer 2: the batch-norm epsilon must be positive (is 0)";
        QTest::newRow("fail_dense_on_length_one_without_flatten") << 12 << "layer 3: dense layer before any flatten";
        QTest::newRow("fail_conv_after_flatten") << 13 << "layer 3: convolution after the flatten in layer 2";
        QTest::newRow("fail_pool_after_flatten") << 14 << "layer 2: max-pool after the flatten in layer 1";
        QTest::newRow("fail_pool_wider_than_input") << 15 << "layer 2: max-pool 30 on a length-20 input";
        QTest::newRow("fail_second_flatten") << 16 << "layer 2: a second flatten (the first is layer 1)";
        QTest::newRow("fail_too_many_values") << 17 << "layer 1: the output has 3,000,000,000 values per sequence";
        QTest::newRow("fail_training_learning_rate") << 18 << "training: the learning rate must be positive (is 0)";
    }
    void fail_badArchitectures() {
        QFETCH(int, which);
        QFETCH(QString, message);
        const double inf = std::numeric_limits<double>::infinity();
        arch::Architecture zeroRate = makeArch(20, 3, {conv(4, 3), flatten(), dense(3)});
        zeroRate.training.learningRate = 0;
        const std::vector<arch::Architecture> bad = {
            makeArch(20, 3, {conv(4, 3), dense(3)}),
            makeArch(20, 3, {conv(4, 3), flatten()}),
            makeArch(20, 3, {conv(4, 3), flatten(), dense(4)}),
            makeArch(20, 3, {conv(4, 30, Padding::Valid), flatten(), dense(3)}),
            makeArch(20, 3, {conv(4, 3), flatten(), dropout(1.0), dense(3)}),
            makeArch(20, 3, {conv(4, 3), pool(0), flatten(), dense(3)}),
            makeArch(20, 1, {conv(4, 3), flatten(), dense(1)}, arch::OutputKind::Softmax),
            makeArch(20, 3, {}),
            makeArch(20, 3, {conv(0, 3), flatten(), dense(3)}),
            makeArch(20, 3, {conv(4, 3), bn(1e-3, 1.0), flatten(), dense(3)}),
            makeArch(20, 3, {conv(4, 3), bn(inf), flatten(), dense(3)}),
            makeArch(20, 3, {conv(4, 3), bn(0.0), flatten(), dense(3)}),
            makeArch(20, 3, {conv(4, 3), pool(20), dense(3)}),
            makeArch(20, 3, {conv(4, 3), flatten(), conv(4, 1), dense(3)}),
            makeArch(20, 3, {flatten(), pool(1), dense(3)}),
            makeArch(20, 3, {conv(4, 3), pool(30), flatten(), dense(3)}),
            makeArch(20, 3, {flatten(), flatten(), dense(3)}),
            makeArch(30000, 3, {conv(100000, 3), flatten(), dense(3)}),
            zeroRate,
        };
        const arch::Architecture& a = bad[std::size_t(which)];
        const auto problems = arch::validate(a);
        QVERIFY(!problems.empty());
        try {
            nn::Network net(a, 1);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(message), e.what());
            // The network's message is validate's: every problem, in its order.
            std::string all;
            for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
            QCOMPARE(std::string(e.what()), all);
        }
    }

    // The limits validate accepts build: batch-norm momentum 0 (the running averages are the
    // last batch's statistics), a tiny epsilon, a max-pool window as long as its input.
    void edgesOfTheRulesBuild() {
        const auto a = makeArch(20, 3, {conv(4, 3), bn(1e-12, 0.0), relu(), pool(20), flatten(), dense(3)});
        QVERIFY(arch::validate(a).empty());
        nn::Network net(a, 1);
        QCOMPARE(net.outputShape(3), (arch::Shape{1, 4}));
    }

    // Same seed, same everything, whatever the number of threads; also with the second
    // convolution trained as one block with its pooled batch norm (nn/conv_block.h).
    void deterministicAcrossThreads_data() {
        QTest::addColumn<bool>("convBlock");
        QTest::newRow("layer steps") << false;
        QTest::newRow("conv block") << true;
    }
    void deterministicAcrossThreads() {
        QFETCH(bool, convBlock);
        Rng rng(11);
        const auto a = smallModel();
        const auto codes = randomCodes(rng, 200 * 60, true);
        const auto targets = randomTargets(rng, 200, 5, false);
        std::vector<std::vector<float>> weights;
        std::vector<std::vector<double>> losses;
        std::vector<std::vector<float>> preds;
        for (int threads : {1, 2, 1}) {
            parallel::setThreadCount(threads);
            nn::Network net(a, 5);
            net.setConvBlocks(convBlock ? nn::Network::ConvBlocks::Always : nn::Network::ConvBlocks::Never);
            auto opt = nn::makeOptimizer(a.training);
            losses.push_back(train(net, *opt, codes, targets, 50, 6, 1000));
            losses.back().push_back(train(net, *opt, codes, targets, 37, 1, 2000)[0]);  // odd batch size
            weights.push_back(weightsOf(net));
            preds.push_back(net.predict(codes.data(), 200));
        }
        QVERIFY(weights[0] == weights[1]);
        QVERIFY(weights[0] == weights[2]);
        QVERIFY(losses[0] == losses[1]);
        QVERIFY(preds[0] == preds[1]);
        // A different seed gives different weights.
        nn::Network other(a, 6);
        QVERIFY(weightsOf(other) != weightsOf(*std::make_unique<nn::Network>(a, 5)));
    }

    // Fused batch norm -> ReLU -> max-pool blocks train like the separate layers (up to float
    // rounding of sums taken in another order).
    void fusedBlocksMatchSeparateLayers() {
        Rng rng(21);
        const auto a = paperModel(25, 4, 200, 12);
        const auto codes = randomCodes(rng, 100 * 200, false);
        const auto targets = randomTargets(rng, 100, 12, false);
        nn::Network fused(a, 3), separate(a, 3);
        separate.setFusedBlocks(false);
        const Twins t = trainTwins(fused, separate, codes, targets);
        QVERIFY2(t.lossDifference < 1e-5, qPrintable(QString("loss difference %1").arg(t.lossDifference)));
        QVERIFY2(t.weightDifference < 1e-4, qPrintable(QString("max weight difference %1").arg(t.weightDifference)));
        const auto p1 = fused.predict(codes.data(), 100), p2 = separate.predict(codes.data(), 100);
        for (std::size_t i = 0; i < p1.size(); ++i) QVERIFY(std::abs(p1[i] - p2[i]) < 1e-4);
    }

    // The paper's CNN-2 trains its second convolution as one block with the pooled batch norm
    // where that pays (nn/conv_block.h): same training as the layer-by-layer steps up to float
    // rounding.
    void convBlocksMatchLayerSteps() {
        Rng rng(22);
        const auto a = paperModel(2, 50, 200, 12);
        const auto codes = randomCodes(rng, 100 * 200, false);
        const auto targets = randomTargets(rng, 100, 12, false);
        nn::Network block(a, 3), steps(a, 3);
        block.setConvBlocks(nn::Network::ConvBlocks::WherePaying);
        steps.setConvBlocks(nn::Network::ConvBlocks::Never);
        const Twins t = trainTwins(block, steps, codes, targets);
        QVERIFY2(t.lossDifference < 1e-5, qPrintable(QString("loss difference %1").arg(t.lossDifference)));
        QVERIFY2(t.weightDifference < 1e-4, qPrintable(QString("max weight difference %1").arg(t.weightDifference)));
        // The block ran: its gradients differ from the layer steps' in the last bits.
        QVERIFY(t.weightDifference > 0);
    }

    // A motif planted in half of the sequences (class 0) and another one (class 1): the loss
    // falls and held-out sequences are classified.
    void plantedMotifLossFalls() {
        Rng rng(3);
        const int length = 50, n = 1000;
        const std::string motifs[2] = {"TGACTCA", "CCAATCG"};
        std::vector<std::uint8_t> codes = randomCodes(rng, std::size_t(n) * length, false);
        std::vector<float> targets(std::size_t(n) * 2, 0.0f);
        auto code = [](char c) -> std::uint8_t { return c == 'A' ? 1 : c == 'C' ? 2 : c == 'G' ? 4 : 8; };
        for (int i = 0; i < n; ++i)
            for (int m = 0; m < 2; ++m)
                if (rng.uniform() < 0.5) {
                    targets[std::size_t(i) * 2 + m] = 1.0f;
                    const int at = int(rng.below(length - 7));
                    for (int j = 0; j < 7; ++j) codes[std::size_t(i) * length + at + j] = code(motifs[m][std::size_t(j)]);
                }
        // A localist model (global max-pool). Batch-norm momentum 0.9: running averages must
        // settle within this short run.
        arch::Architecture a = makeArch(length, 2, {conv(8, 9), bn(1e-3, 0.9), relu(), pool(50), dropout(0.1),
                                                    flatten(), dense(2, true)});
        a.training.learningRate = 1e-2;
        nn::Network net(a, 1);
        auto opt = nn::makeOptimizer(a.training);
        const int trainN = 800, batch = 25;
        const auto before = net.evaluateLoss(codes.data(), targets.data(), trainN);
        for (int epoch = 0; epoch < 8; ++epoch) {
            const auto losses = train(net, *opt, std::vector<std::uint8_t>(codes.begin(), codes.begin() + trainN * length),
                  std::vector<float>(targets.begin(), targets.begin() + trainN * 2), batch, trainN / batch,
                  std::uint64_t(epoch) * 1000);
            std::printf("  epoch %d: training loss %.3f\n", epoch, std::accumulate(losses.begin(), losses.end(), 0.0) / double(losses.size()));
        }
        const auto after = net.evaluateLoss(codes.data(), targets.data(), trainN);
        const auto probs = net.predict(codes.data() + std::size_t(trainN) * length, n - trainN);
        int correct = 0;
        for (int i = 0; i < (n - trainN) * 2; ++i)
            correct += (probs[std::size_t(i)] > 0.5f) == (targets[std::size_t(trainN) * 2 + i] > 0.5f);
        const double accuracy = correct / double((n - trainN) * 2);
        std::printf("planted motifs: loss %.3f -> %.3f, held-out accuracy %.3f\n", before.data, after.data, accuracy);
        QVERIFY(after.data < 0.5 * before.data);
        QVERIFY(accuracy > 0.9);
    }

    // Inference does not depend on how sequences are batched (up to float rounding).
    void predictionsIndependentOfBatching() {
        Rng rng(4);
        nn::Network net(smallModel(), 2);
        auto opt = nn::makeOptimizer(net.architecture().training);
        const auto codes = randomCodes(rng, 300 * 60, true);
        const auto targets = randomTargets(rng, 300, 5, false);
        train(net, *opt, codes, targets, 50, 4, 7);  // move running statistics away from 0/1
        const auto all = net.predict(codes.data(), 300);
        for (int i : {0, 127, 128, 299}) {
            const auto one = net.predict(codes.data() + std::size_t(i) * 60, 1);
            for (int k = 0; k < 5; ++k) QVERIFY(std::abs(one[std::size_t(k)] - all[std::size_t(i) * 5 + k]) < 1e-5);
        }
        for (float p : all) QVERIFY(p > 0.0f && p < 1.0f);
        // evaluateLoss is the mean BCE of the predictions.
        double bce = 0;
        for (std::size_t i = 0; i < all.size(); ++i)
            bce -= targets[i] > 0.5f ? std::log(double(all[i])) : std::log(1.0 - double(all[i]));
        QVERIFY(std::abs(net.evaluateLoss(codes.data(), targets.data(), 300).data - bce / double(all.size())) < 1e-4);
        // The last layer's activations are the logits.
        const auto logits = net.activations(net.layerCount() - 1, codes.data(), 300);
        QCOMPARE(logits, net.logits(codes.data(), 300));
        QVERIFY(std::abs(1 / (1 + std::exp(-double(logits[7]))) - all[7]) < 1e-6);
    }

    // Const inference calls may run concurrently (each takes its own pooled workspace).
    void concurrentInference() {
        Rng rng(17);
        nn::Network net(smallModel(), 5);
        const auto codes = randomCodes(rng, 200 * 60, true);
        const auto reference = net.predict(codes.data(), 200);
        std::vector<std::vector<float>> results(4);
        parallel::forEach(4, [&](std::size_t i) {
            results[i] = i % 2 ? net.predict(codes.data(), 200) : net.activations(net.layerCount() - 1, codes.data(), 200);
        });
        for (std::size_t i = 0; i < 4; i += 2) QVERIFY(results[i] == net.logits(codes.data(), 200));
        for (std::size_t i = 1; i < 4; i += 2) QVERIFY(results[i] == reference);
    }

    void softmaxPredictionsSumToOne() {
        Rng rng(8);
        auto a = smallModel(60, 4);
        a.output = arch::OutputKind::Softmax;
        nn::Network net(a, 3);
        auto opt = nn::makeOptimizer(a.training);
        const auto codes = randomCodes(rng, 100 * 60, false);
        const auto targets = randomTargets(rng, 100, 4, true);
        const auto losses = train(net, *opt, codes, targets, 50, 2, 1);
        QVERIFY(std::abs(losses[0] - std::log(4.0)) < 0.5);
        const auto p = net.predict(codes.data(), 100);
        for (int i = 0; i < 100; ++i) {
            double sum = 0;
            for (int k = 0; k < 4; ++k) sum += p[std::size_t(i) * 4 + k];
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
        }
    }

    // activations(): n x length x channels; layer 0 is the first-layer convolution, checked
    // against convFilters (filters x 4 x width) applied by hand.
    void activationsAndFilters() {
        Rng rng(6);
        nn::Network net(smallModel(), 9);
        const auto codes = randomCodes(rng, 3 * 60, true);
        const auto act = net.activations(0, codes.data(), 3);
        QCOMPARE(act.size(), std::size_t(3 * 60 * 12));
        const auto filters = net.convFilters(0);  // [f][b][k], width 7, pad 3
        for (int s = 0; s < 3; ++s)
            for (int p : {0, 30, 59})
                for (int f : {0, 11}) {
                    double sum = 0;
                    for (int k = 0; k < 7; ++k) {
                        const int q = p + k - 3;
                        if (q < 0 || q >= 60) continue;
                        const unsigned c = codes[std::size_t(s) * 60 + q];
                        for (int b = 0; b < 4; ++b)
                            if ((c >> b) & 1) sum += filters[(std::size_t(f) * 4 + b) * 7 + k] / std::popcount(c);
                    }
                    QVERIFY(std::abs(act[(std::size_t(s) * 60 + p) * 12 + f] - sum) < 1e-5);
                }
        QCOMPARE(net.activations(4, codes.data(), 3).size(), std::size_t(3 * 20 * 12));
    }

    // Copies are deep: training the original leaves the copy (the "best weights") alone.
    void copiesAreDeep() {
        Rng rng(12);
        nn::Network net(smallModel(), 1);
        auto opt = nn::makeOptimizer(net.architecture().training);
        const auto codes = randomCodes(rng, 100 * 60, false);
        const auto targets = randomTargets(rng, 100, 5, false);
        train(net, *opt, codes, targets, 50, 2, 3);
        nn::Network best = net;
        const auto bestWeights = weightsOf(best);
        const auto bestPred = best.predict(codes.data(), 100);
        train(net, *opt, codes, targets, 50, 2, 5);
        QVERIFY(weightsOf(net) != bestWeights);
        QCOMPARE(weightsOf(best), bestWeights);
        QCOMPARE(best.predict(codes.data(), 100), bestPred);
        net = best;  // restore
        QCOMPARE(net.predict(codes.data(), 100), bestPred);
        nn::Network moved = std::move(best);
        QCOMPARE(moved.predict(codes.data(), 100), bestPred);
    }

    void saveLoadRoundTrip() {
        Rng rng(13);
        auto a = smallModel();
        a.name = "round trip";
        a.training.l1 = 1e-5;
        nn::Network net(a, 4);
        auto opt = nn::makeOptimizer(a.training);
        const auto codes = randomCodes(rng, 100 * 60, true);
        const auto targets = randomTargets(rng, 100, 5, false);
        train(net, *opt, codes, targets, 50, 3, 3);
        std::stringstream buffer;
        net.save(buffer);
        nn::Network loaded = nn::Network::load(buffer);
        QVERIFY(loaded.architecture() == a);
        QCOMPARE(loaded.l1(), net.l1());
        QCOMPARE(weightsOf(loaded), weightsOf(net));
        QCOMPARE(loaded.predict(codes.data(), 100), net.predict(codes.data(), 100));  // running stats too
        // Training continues identically from the loaded copy.
        auto optCopy = opt->clone();
        const auto l1 = train(net, *opt, codes, targets, 50, 1, 9);
        const auto l2 = train(loaded, *optCopy, codes, targets, 50, 1, 9);
        QCOMPARE(l1, l2);
        QCOMPARE(weightsOf(loaded), weightsOf(net));
    }

    void fail_corruptFiles_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_empty") << 0 << "not a MotifLoom network file";
        QTest::newRow("fail_wrong_magic") << 1 << "not a MotifLoom network file";
        QTest::newRow("fail_truncated_header") << 2 << "truncated network file";
        QTest::newRow("fail_truncated_data") << 3 << "truncated network file";
        QTest::newRow("fail_flipped_byte") << 4 << "checksum mismatch";
        QTest::newRow("fail_newer_version") << 5 << "version 99 is not supported";
        QTest::newRow("fail_missing_checksum") << 6 << "checksum is missing";
    }
    void fail_corruptFiles() {
        QFETCH(int, damage);
        QFETCH(QString, message);
        nn::Network net(smallModel(), 4);
        std::stringstream out;
        net.save(out);
        std::string bytes = out.str();
        switch (damage) {
        case 0: bytes.clear(); break;
        case 1: bytes[0] = 'X'; break;
        case 2: bytes.resize(10); break;
        case 3: bytes.resize(bytes.size() / 2); break;
        case 4: bytes[bytes.size() / 2] ^= 0x10; break;
        case 5: bytes[8] = 99; break;
        case 6: bytes.resize(bytes.size() - 4); break;
        }
        std::stringstream in(bytes);
        try {
            nn::Network::load(in, "model.mlnet");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
            QVERIFY2(QString(e.what()).startsWith("model.mlnet"), e.what());
        }
    }

    // A non-finite loss stops training with a clear message and leaves the network unchanged.
    void nanLossStops() {
        Rng rng(14);
        nn::Network net(smallModel(), 4);
        const auto codes = randomCodes(rng, 50 * 60, false);
        const auto targets = randomTargets(rng, 50, 5, false);
        const auto& params = net.parameters();
        params.back().value[0] = std::numeric_limits<float>::quiet_NaN();  // output bias
        const auto before = weightsOf(net);
        const auto runningBefore = net.activations(2, codes.data(), 5);
        try {
            net.trainStep(codes.data(), targets.data(), 50, 1);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("the loss became NaN"), e.what());
        }
        const auto after = weightsOf(net);
        QCOMPARE(after.size(), before.size());
        QVERIFY(std::memcmp(after.data(), before.data(), after.size() * sizeof(float)) == 0);
        QCOMPARE(net.activations(2, codes.data(), 5), runningBefore);  // running stats unchanged
    }

    // A batch of one sequence: batch statistics of a single value per channel (variance 0).
    void batchOfOne() {
        Rng rng(16);
        nn::Network net(smallModel(), 1);
        auto opt = nn::makeOptimizer(net.architecture().training);
        const auto codes = randomCodes(rng, 60, false);
        const auto targets = randomTargets(rng, 1, 5, false);
        const auto losses = train(net, *opt, codes, targets, 1, 3, 1);
        for (double l : losses) QVERIFY(std::isfinite(l));
        for (float p : net.predict(codes.data(), 1)) QVERIFY(std::isfinite(p));
    }

    // Every layer type on a non-conv first layer (one-hot floats) and long inputs.
    void firstLayerWithoutConvAndLongInputs() {
        Rng rng(15);
        const auto a = makeArch(1000, 3, {pool(2), conv(8, 11), bn(), relu(), pool(50), flatten(), dense(3, true)});
        nn::Network net(a, 1);
        auto opt = nn::makeOptimizer(a.training);
        const auto codes = randomCodes(rng, 32 * 1000, true);
        const auto targets = randomTargets(rng, 32, 3, false);
        const auto losses = train(net, *opt, codes, targets, 32, 3, 1);
        for (double l : losses) QVERIFY(std::isfinite(l));
        QCOMPARE(net.outputShape(4), (arch::Shape{10, 8}));
    }
};

QTEST_APPLESS_MAIN(TestNnNetwork)
#include "test_nn_network.moc"
