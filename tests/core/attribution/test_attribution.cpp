// Tests for core/attribution: the inference-mode input gradient (saliency) against finite
// differences of an independent double-precision reference network, ISM against running the
// model on every mutant, activations against the reference's layer outputs, mutation helpers,
// the faithfulness tallies on hand-computed cases.
#include "attribution/activation_map.h"
#include "attribution/attribution_table.h"
#include "attribution/faithfulness.h"
#include "attribution/mutagenesis.h"
#include "attribution/mutation.h"
#include "attribution/saliency.h"
#include "core/nn/nn_test_support.h"
#include "nn/activation.h"
#include "nn/batch_norm.h"
#include "nn/conv1d.h"
#include "nn/dense.h"
#include "nn/max_pool.h"
#include "util/input_error.h"

#include <QtTest>

#include <cmath>
#include <thread>

using namespace motifloom;
using namespace nntest;

namespace {

// ---- double reference in inference mode (from the layer formulas in core/nn's headers) ----

using Matrix = std::vector<double>;  // (length x channels), row-major

struct RefOutputs {
    std::vector<Matrix> layers;  // output of every layer
    std::vector<int> lengths, channels;
};

RefOutputs referenceForward(const nn::Network& net, const Matrix& input) {
    RefOutputs out;
    Matrix x = input;
    int len = net.inputLength(), ch = 4;
    for (int li = 0; li < net.layerCount(); ++li) {
        const nn::Layer& layer = net.layer(li);
        const LayerSpec& s = layer.spec();
        Matrix y;
        int yLen = len, yCh = ch;
        switch (s.type) {
        case LayerType::Conv1D: {
            const auto& c = dynamic_cast<const nn::Conv1D&>(layer);
            const int w = c.width(), F = c.filters(), pad = c.padLeft();
            yLen = c.outputShape().length;
            yCh = F;
            y.assign(std::size_t(yLen) * F, 0.0);
            for (int p = 0; p < yLen; ++p)
                for (int f = 0; f < F; ++f) {
                    double sum = c.hasBias() ? c.bias()[std::size_t(f)] : 0.0;
                    for (int k = 0; k < w; ++k) {
                        const int q = p + k - pad;
                        if (q < 0 || q >= len) continue;
                        for (int b = 0; b < ch; ++b)
                            sum += double(c.weights()[(std::size_t(k) * ch + b) * F + f]) * x[std::size_t(q) * ch + b];
                    }
                    y[std::size_t(p) * F + f] = sum;
                }
            break;
        }
        case LayerType::BatchNorm: {
            const auto& b = dynamic_cast<const nn::BatchNorm&>(layer);
            y = x;
            for (int p = 0; p < len; ++p)
                for (int c = 0; c < ch; ++c) {
                    const std::size_t i = std::size_t(c);
                    y[std::size_t(p) * ch + c] = b.gamma()[i] * (x[std::size_t(p) * ch + c] - b.runningMean()[i]) /
                                                     std::sqrt(double(b.runningVariance()[i]) + s.epsilon) +
                                                 b.beta()[i];
                }
            break;
        }
        case LayerType::Activation:
            y = x;
            for (double& v : y) {
                switch (s.activation) {
                case ActivationType::ReLU: v = v > 0 ? v : 0; break;
                case ActivationType::Exponential: v = std::exp(v); break;
                case ActivationType::Sigmoid: v = 1 / (1 + std::exp(-v)); break;
                case ActivationType::Linear: break;
                }
            }
            break;
        case LayerType::MaxPool: {
            const auto& m = dynamic_cast<const nn::MaxPool&>(layer);
            yLen = m.outputShape().length;
            y.assign(std::size_t(yLen) * ch, 0.0);
            for (int p = 0; p < yLen; ++p)
                for (int c = 0; c < ch; ++c) {
                    double best = -INFINITY;
                    for (int q = p * m.stride() - m.padLeft(); q < p * m.stride() - m.padLeft() + m.size(); ++q)
                        if (q >= 0 && q < len) best = std::max(best, x[std::size_t(q) * ch + c]);
                    y[std::size_t(p) * ch + c] = best;
                }
            break;
        }
        case LayerType::Dropout:  // inference: identity
            y = x;
            break;
        case LayerType::Flatten:
            y = x;
            yLen = 1;
            yCh = len * ch;
            break;
        case LayerType::Dense: {
            const auto& d = dynamic_cast<const nn::Dense&>(layer);
            const int in = d.inputs(), U = d.units();
            yLen = 1;
            yCh = U;
            y.assign(std::size_t(U), 0.0);
            for (int u = 0; u < U; ++u) {
                double sum = d.hasBias() ? d.bias()[std::size_t(u)] : 0.0;
                for (int i = 0; i < in; ++i) sum += x[std::size_t(i)] * d.weights()[std::size_t(i) * U + u];
                y[std::size_t(u)] = sum;
            }
            break;
        }
        }
        x = y;
        len = yLen;
        ch = yCh;
        out.layers.push_back(y);
        out.lengths.push_back(len);
        out.channels.push_back(ch);
    }
    return out;
}

Matrix oneHot(std::span<const std::uint8_t> codes) {
    Matrix x(codes.size() * 4, 0.0);
    for (std::size_t p = 0; p < codes.size(); ++p) {
        const unsigned c = codes[p] & 15u;
        const int n = std::popcount(c);
        for (int b = 0; b < 4; ++b)
            if ((c >> b) & 1u) x[p * 4 + std::size_t(b)] = 1.0 / n;
    }
    return x;
}

// Central differences of logit k of the reference around x, every position and base.
Matrix numericGradient(const nn::Network& net, const Matrix& x, int k) {
    const double h = 1e-5;
    Matrix g(x.size());
    Matrix probe = x;
    for (std::size_t i = 0; i < x.size(); ++i) {
        probe[i] = x[i] + h;
        const double up = referenceForward(net, probe).layers.back()[std::size_t(k)];
        probe[i] = x[i] - h;
        const double down = referenceForward(net, probe).layers.back()[std::size_t(k)];
        probe[i] = x[i];
        g[i] = (up - down) / (2 * h);
    }
    return g;
}

// Worst |analytic - numeric| as a fraction of the allowed error (1e-3 of the map's scale).
double gradientError(std::span<const float> analytic, const Matrix& numeric) {
    double scale = 1e-3;
    for (double v : numeric) scale = std::max(scale, std::abs(v));
    double worst = 0.0;
    for (std::size_t i = 0; i < numeric.size(); ++i)
        worst = std::max(worst, std::abs(double(analytic[i]) - numeric[i]) / (1e-3 * scale));
    return worst;
}

struct Case {
    std::string name;
    arch::Architecture arch;
};

std::vector<Case> cases() {
    const int L = 24;
    return {
        {"conv_relu_pool_dense", makeArch(L, 3, {conv(5, 7), relu(), pool(4), flatten(), dense(3, true)})},
        {"paper_block_bn_dropout", makeArch(L, 4, {conv(6, 5), bn(1e-3, 0.5), relu(), pool(3), dropout(0.3),
                                                   conv(7, 3, Padding::Same, true), bn(1e-3, 0.5), relu(),
                                                   pool(2), dropout(0.2), flatten(), dense(8), bn(1e-3, 0.5),
                                                   relu(), dense(4, true)})},
        {"valid_bias_sigmoid_exp", makeArch(L, 2, {conv(4, 5, Padding::Valid, true), act(ActivationType::Exponential),
                                                   conv(3, 3, Padding::Valid), act(ActivationType::Sigmoid),
                                                   flatten(), dense(2, true)})},
        {"dense_first_softmax", makeArch(L, 3, {flatten(), dense(6, true), relu(), dense(3)}, arch::OutputKind::Softmax)},
    };
}

// A network with non-trivial batch-norm running statistics: a few training steps (momentum 0.5)
// on random data, then random gamma / beta.
nn::Network makeNetwork(const arch::Architecture& a, std::uint64_t seed) {
    nn::Network net(a, seed);
    Rng rng(seed + 100);
    for (int step = 0; step < 3; ++step) {
        const auto codes = randomCodes(rng, std::size_t(8) * a.inputLength, false);
        const auto targets = randomTargets(rng, 8, a.numClasses, a.output == arch::OutputKind::Softmax);
        net.trainStep(codes.data(), targets.data(), 8, std::uint64_t(step));
    }
    for (const auto& p : net.parameters())
        if (p.name.find("gamma") != std::string::npos || p.name.find("beta") != std::string::npos)
            for (float& v : p.value) v = float(p.name.find("gamma") != std::string::npos ? rng.uniform(0.5, 1.5) : rng.uniform(-0.3, 0.3));
    return net;
}

}  // namespace

class TestAttribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saliencyMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("index");
        const auto all = cases();
        for (int i = 0; i < int(all.size()); ++i) QTest::newRow(all[std::size_t(i)].name.c_str()) << i;
    }
    // The whole gradient (every position and base, not only the observed ones) and gradient x
    // input, for every class, on plain and IUPAC sequences.
    void saliencyMatchesFiniteDifferences() {
        QFETCH(int, index);
        const Case c = cases()[std::size_t(index)];
        const nn::Network net = makeNetwork(c.arch, 7);
        Rng rng(1234);
        const int L = c.arch.inputLength;
        const auto codes = randomCodes(rng, std::size_t(3) * L, true);
        const auto maps = attribution::saliency(net, codes.data(), 3);
        QCOMPARE(maps.size(), std::size_t(3));
        double worst = 0.0;
        for (std::size_t s = 0; s < 3; ++s) {
            const std::span<const std::uint8_t> seq(codes.data() + s * L, std::size_t(L));
            const Matrix x = oneHot(seq);
            // The reference computes the same logits as the engine.
            const auto logits = net.logits(seq.data(), 1);
            const Matrix ref = referenceForward(net, x).layers.back();
            for (int k = 0; k < c.arch.numClasses; ++k)
                QVERIFY2(std::abs(logits[std::size_t(k)] - ref[std::size_t(k)]) <= 1e-4 * std::max(1.0, std::abs(ref[std::size_t(k)])),
                         qPrintable(QString("logit %1: %2 vs %3").arg(k).arg(logits[std::size_t(k)]).arg(ref[std::size_t(k)])));
            const attribution::Saliency& sal = maps[s];
            QCOMPARE(sal.length, L);
            QCOMPARE(int(sal.classes.size()), c.arch.numClasses);
            for (int row = 0; row < int(sal.classes.size()); ++row) {
                const Matrix numeric = numericGradient(net, x, sal.classes[std::size_t(row)]);
                const std::span<const float> analytic(sal.gradient.data() + std::size_t(row) * L * 4, std::size_t(L) * 4);
                worst = std::max(worst, gradientError(analytic, numeric));
                // gradient x input: the derivative along the input itself, position by position.
                Matrix along(std::size_t(L), 0.0);
                for (int p = 0; p < L; ++p)
                    for (int b = 0; b < 4; ++b) along[std::size_t(p)] += x[std::size_t(p) * 4 + b] * numeric[std::size_t(p) * 4 + b];
                worst = std::max(worst, gradientError(sal.importanceRow(row), along));
            }
        }
        std::printf("  %-26s worst error %.2g of allowed\n", c.name.c_str(), worst);
        QVERIFY2(worst <= 1.0, qPrintable(QString("worst error %1 of allowed").arg(worst)));
    }

    // The check can fail: a 1% error in one gradient element is caught.
    void gradientCheckCanFail() {
        const nn::Network net = makeNetwork(cases()[1].arch, 7);
        Rng rng(99);
        const auto codes = randomCodes(rng, std::size_t(net.inputLength()), false);
        const auto sal = attribution::saliency(net, std::span<const std::uint8_t>(codes), std::vector<int>{2});
        QCOMPARE(sal.classes, std::vector<int>{2});
        const Matrix numeric = numericGradient(net, oneHot(codes), 2);
        QVERIFY(gradientError(std::span<const float>(sal.gradient).first(numeric.size()), numeric) <= 1.0);
        std::size_t big = 0;
        for (std::size_t i = 0; i < numeric.size(); ++i)
            if (std::abs(numeric[i]) > std::abs(numeric[big])) big = i;
        std::vector<float> broken(sal.gradient.begin(), sal.gradient.end());
        broken[big] *= 1.01f;
        QVERIFY(gradientError(std::span<const float>(broken).first(numeric.size()), numeric) > 1.0);
    }

    // ISM equals running the model on each mutant, for every class; 3 variants per plain base
    // and 4 at an IUPAC position.
    void ismMatchesEachMutant() {
        const nn::Network net = makeNetwork(cases()[1].arch, 3);
        Rng rng(5);
        auto seq = randomCodes(rng, std::size_t(net.inputLength()), false);
        seq[4] = 15;  // N
        const attribution::Mutagenesis m = attribution::mutagenesis(net, std::span<const std::uint8_t>(seq));
        const int L = net.inputLength(), K = net.numClasses();
        QCOMPARE(attribution::variantCount(seq), std::size_t(3 * L + 1));
        const auto ref = net.logits(seq.data(), 1);
        for (int k = 0; k < K; ++k) QVERIFY(std::abs(m.reference[std::size_t(k)] - ref[std::size_t(k)]) <= 1e-5f);
        int variants = 0;
        double worst = 0.0;
        for (int p = 0; p < L; ++p)
            for (int b = 0; b < 4; ++b) {
                if (!m.isVariant(p, b)) {
                    for (int k = 0; k < K; ++k) QCOMPARE(m.at(p, b, k), 0.0f);
                    continue;
                }
                ++variants;
                const auto mutant = attribution::substitute(seq, p, b);
                const auto z = net.logits(mutant.data(), 1);
                for (int k = 0; k < K; ++k)
                    worst = std::max(worst, double(std::abs(m.at(p, b, k) - (z[std::size_t(k)] - ref[std::size_t(k)]))));
            }
        QCOMPARE(variants, 3 * L + 1);
        QVERIFY2(worst <= 1e-5, qPrintable(QString("worst difference %1").arg(worst)));
        // Summaries: score = max |delta|, importance = -mean delta over the substitutions.
        const int p = 7, k = 1;
        float best = 0, sum = 0;
        for (int b = 0; b < 4; ++b)
            if (m.isVariant(p, b)) {
                best = std::max(best, std::abs(m.at(p, b, k)));
                sum += m.at(p, b, k);
            }
        QCOMPARE(m.score(p, k), best);
        QCOMPARE(m.importance(p, k), -sum / 3);
        QCOMPARE(m.scores(k)[std::size_t(p)], best);
    }

    // The local shortcut (first block recomputed around the substitution) and the whole-network
    // path agree, on 'same' and 'valid' convolutions, pools with stride != size, IUPAC codes.
    void ismShortcutEqualsWholeNetwork_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("paper_block") << 0;
        QTest::newRow("valid_conv_pool_stride") << 1;
        QTest::newRow("pool_wider_than_stride_exp") << 2;
        QTest::newRow("no_pool_first_whole_network") << 3;
    }
    void ismShortcutEqualsWholeNetwork() {
        QFETCH(int, which);
        const std::vector<arch::Architecture> archs{
            cases()[1].arch,
            makeArch(40, 3, {conv(5, 6, Padding::Valid, true), relu(), pool(4, 3), flatten(), dense(3)}),
            makeArch(40, 2, {conv(4, 7), bn(1e-3, 0.5), act(ActivationType::Exponential), dropout(0.1), pool(9, 4),
                             conv(3, 3), relu(), pool(2), flatten(), dense(2, true)}),
            makeArch(40, 2, {conv(4, 7), relu(), conv(3, 3), pool(5), flatten(), dense(2)}),
        };
        const nn::Network net = makeNetwork(archs[std::size_t(which)], 21);
        Rng rng(22);
        const auto codes = randomCodes(rng, std::size_t(4) * net.inputLength(), true);
        const auto fast = attribution::mutagenesis(net, codes.data(), 4);
        const auto slow = attribution::mutagenesisWholeNetwork(net, codes.data(), 4);
        double worst = 0.0, scale = 0.0;
        for (std::size_t s = 0; s < 4; ++s) {
            QCOMPARE(fast[s].sequence, slow[s].sequence);
            for (std::size_t i = 0; i < slow[s].delta.size(); ++i) {
                worst = std::max(worst, double(std::abs(fast[s].delta[i] - slow[s].delta[i])));
                scale = std::max(scale, double(std::abs(slow[s].delta[i])));
            }
            for (std::size_t i = 0; i < slow[s].reference.size(); ++i)
                worst = std::max(worst, double(std::abs(fast[s].reference[i] - slow[s].reference[i])));
        }
        QVERIFY(scale > 1e-3);  // the substitutions do change the logits
        QVERIFY2(worst <= 1e-5 * std::max(1.0, scale), qPrintable(QString("worst %1, scale %2").arg(worst).arg(scale)));
    }

    // Many sequences at once (more variants than one pass holds) give what one at a time gives.
    void ismBatchedEqualsSingle() {
        const nn::Network net(makeArch(200, 3, {conv(6, 9), relu(), pool(10), flatten(), dense(3, true)}), 4);
        Rng rng(6);
        const std::size_t n = 9;  // 9 x 601 rows > kVariantsPerPass
        const auto codes = randomCodes(rng, n * 200, false);
        const auto all = attribution::mutagenesis(net, codes.data(), n);
        QCOMPARE(all.size(), n);
        for (std::size_t s : {std::size_t(0), std::size_t(6), std::size_t(8)}) {
            const auto one = attribution::mutagenesis(net, std::span<const std::uint8_t>(codes.data() + s * 200, 200));
            QCOMPARE(all[s].sequence, one.sequence);
            QCOMPARE(all[s].reference.size(), one.reference.size());
            for (std::size_t i = 0; i < one.delta.size(); ++i) QVERIFY(std::abs(all[s].delta[i] - one.delta[i]) <= 1e-5f);
        }
    }

    // Activations equal the reference's layer output (first layer and a deeper unpooled one).
    void activationsEqualLayerOutput() {
        const arch::Architecture a = makeArch(30, 2, {conv(5, 7), bn(1e-3, 0.5), relu(), pool(1), conv(4, 3),
                                                      relu(), pool(6), flatten(), dense(2)});
        const nn::Network net = makeNetwork(a, 8);
        QCOMPARE(attribution::readableConvLayers(a), (std::vector<int>{1, 2}));
        Rng rng(3);
        const auto codes = randomCodes(rng, 2 * 30, true);
        for (int convNumber : {1, 2}) {
            const attribution::ActivationMap map = attribution::convActivations(net, codes.data(), 2, convNumber);
            QCOMPARE(map.geometry.activationIndex, convNumber == 1 ? 2 : 5);
            QCOMPARE(map.geometry.length, 30);
            QCOMPARE(map.values.size(), std::size_t(2 * 30 * map.geometry.filters));
            for (std::size_t s = 0; s < 2; ++s) {
                const RefOutputs ref = referenceForward(net, oneHot(std::span<const std::uint8_t>(codes.data() + s * 30, 30)));
                const Matrix& y = ref.layers[std::size_t(map.geometry.activationIndex)];
                for (int p = 0; p < 30; ++p)
                    for (int f = 0; f < map.geometry.filters; ++f)
                        QVERIFY(std::abs(map.at(s, p, f) - y[std::size_t(p) * map.geometry.filters + f]) <= 1e-4);
            }
        }
        const attribution::Prediction pred = attribution::predict(net, codes.data(), 2);
        const auto probs = net.predict(codes.data(), 2);
        QCOMPARE(pred.classes, 2);
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(pred.probabilities[i], probs[i]);
            QVERIFY(std::abs(pred.probabilities[i] - 1.0 / (1.0 + std::exp(-pred.logits[i]))) <= 1e-6);
        }
    }

    void fail_activationsBehindPooling() {
        const arch::Architecture a = makeArch(30, 2, {conv(5, 7), relu(), pool(3), conv(4, 3), relu(),
                                                      flatten(), dense(2)});
        const nn::Network net(a, 1);
        QCOMPARE(attribution::readableConvLayers(a), std::vector<int>{1});
        const std::vector<std::uint8_t> codes(30, 1);
        try {
            attribution::convActivations(net, codes.data(), 1, 2);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("layer 3"), e.what());  // names the pooling
        }
    }

    // Concurrent callers on one network get the same answers as a lone caller.
    void concurrentCallsAgree() {
        const nn::Network net = makeNetwork(cases()[1].arch, 11);
        Rng rng(12);
        const auto codes = randomCodes(rng, std::size_t(20) * net.inputLength(), false);
        const auto sal = attribution::saliency(net, codes.data(), 20);
        const auto ism = attribution::mutagenesis(net, codes.data(), 20);
        std::vector<attribution::Saliency> sal2;
        std::vector<attribution::Mutagenesis> ism2;
        std::thread a([&] { sal2 = attribution::saliency(net, codes.data(), 20); });
        std::thread b([&] { ism2 = attribution::mutagenesis(net, codes.data(), 20); });
        a.join();
        b.join();
        for (std::size_t i = 0; i < 20; ++i) {
            QVERIFY(sal[i].gradient == sal2[i].gradient);
            QVERIFY(ism[i].delta == ism2[i].delta);
        }
    }

    void mutationHelpers() {
        const std::vector<std::uint8_t> seq{1, 2, 4, 8, 15, 0, 1, 2};
        const auto s = attribution::substitute(seq, 2, 3);
        QCOMPARE(s[2], std::uint8_t(8));
        QCOMPARE(std::count_if(s.begin(), s.end(), [&, i = 0](std::uint8_t c) mutable { return c != seq[std::size_t(i++)]; }), 1L);
        const auto a = attribution::scramble(seq, 1, 7, 42);
        QCOMPARE(a, attribution::scramble(seq, 1, 7, 42));   // deterministic
        QVERIFY(a != attribution::scramble(seq, 1, 7, 43));  // seeded
        QCOMPARE(a[0], seq[0]);
        QCOMPARE(a[7], seq[7]);
        for (int p = 1; p < 7; ++p) {
            QVERIFY(attribution::baseIndex(a[std::size_t(p)]) >= 0);  // a real base everywhere
            QVERIFY(a[std::size_t(p)] != seq[std::size_t(p)]);        // and a different one
        }
        QCOMPARE(attribution::scramble(seq, -3, 100, 1).size(), seq.size());  // clipped
        QCOMPARE(attribution::baseIndex(4), 2);
        QCOMPARE(attribution::baseIndex(15), -1);
        QCOMPARE(attribution::baseIndex(0), -1);
    }

    // The TSV: header, one row per position, the values of the maps in the chosen order.
    void attributionTable() {
        const nn::Network net = makeNetwork(cases()[0].arch, 5);
        std::vector<std::uint8_t> seq(std::size_t(net.inputLength()), 1);
        seq[1] = 15;
        seq[2] = 8;
        const std::vector<int> classes{2, 0};
        const auto sal = attribution::saliency(net, std::span<const std::uint8_t>(seq), classes);
        const auto ism = attribution::mutagenesis(net, std::span<const std::uint8_t>(seq));
        const std::vector<std::string> names{"c0", "c1", "c2"};
        const QStringList lines = QString::fromStdString(attribution::formatAttributionTsv(seq, names, classes, &sal, &ism))
                                      .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), net.inputLength() + 1);
        QCOMPARE(lines[0], QString("position\tbase\tc2_saliency\tc2_ism\tc0_saliency\tc0_ism"));
        const QStringList row = lines[3].split('\t');
        QCOMPARE(row[0], QString("2"));
        QCOMPARE(row[1], QString("T"));
        QCOMPARE(lines[2].split('\t')[1], QString("N"));
        QVERIFY(std::abs(row[2].toDouble() - sal.importanceAt(0, 2)) <= 1e-5 * std::max(1.0f, std::abs(sal.importanceAt(0, 2))));
        QVERIFY(std::abs(row[3].toDouble() - ism.importance(2, 2)) <= 1e-5 * std::max(1.0f, std::abs(ism.importance(2, 2))));
        QVERIFY(std::abs(row[4].toDouble() - sal.importanceAt(1, 2)) <= 1e-5 * std::max(1.0f, std::abs(sal.importanceAt(1, 2))));
        const QString only = QString::fromStdString(attribution::formatAttributionTsv(seq, names, classes, nullptr, &ism));
        QVERIFY(only.startsWith("position\tbase\tc2_ism\tc0_ism\n"));
    }

    // measureFaithfulness on a hand-made detector of ACGT (logit 5 where it occurs, else 0) and
    // sequences of A with ACGT planted: every positive case points inside its motif, except the
    // one whose truth record is placed elsewhere; a positive without truth counts as missing.
    void faithfulnessOfAMotifDetector() {
        const int L = 30;
        // A global max-pool: the window is the valid convolution's whole output (L - 3).
        nn::Network net(makeArch(L, 1, {conv(1, 4, Padding::Valid, true), relu(), pool(L - 3), flatten(), dense(1)}), 1);
        auto params = net.parameters();
        QCOMPARE(params.size(), std::size_t(3));
        for (int k = 0; k < 4; ++k)
            for (int b = 0; b < 4; ++b) params[0].value[std::size_t(k) * 4 + std::size_t(b)] = b == k ? 1.0f : -1.0f;
        params[1].value[0] = -3.0f;
        params[2].value[0] = 5.0f;
        seqio::SequenceSet set;
        set.length = L;
        set.classNames = {"ACGT"};
        const int starts[] = {3, 20, 11, 7, 0};
        const float labels[] = {1, 1, 1, 1, 0};
        for (int i = 0; i < 5; ++i) {
            set.ids.push_back("s" + std::to_string(i));
            std::vector<std::uint8_t> seq(std::size_t(L), 1);
            if (labels[i] > 0)
                for (int k = 0; k < 4; ++k) seq[std::size_t(starts[i] + k)] = std::uint8_t(1u << k);
            set.codes.insert(set.codes.end(), seq.begin(), seq.end());
            set.labels.push_back(labels[i]);
        }
        std::vector<synth::TruthRecord> truth;
        truth.push_back({"s0", "M", "ACGT", '+', 3, 7, 0, "test"});
        truth.push_back({"s1", "M", "ACGT", '+', 20, 24, 0, "test"});
        truth.push_back({"s2", "M", "ACGT", '+', 20, 24, 0, "test"});  // wrong place: the top is at 11..14
        // s3 has no truth record: missing.
        const auto index = attribution::indexTruth(truth);
        QCOMPARE(attribution::predict(net, set.sequence(0), 1).logits[0], 5.0f);
        const attribution::FaithfulnessReport r = attribution::measureFaithfulness(net, set, 100, index);
        QCOMPARE(r.sequences, std::size_t(5));
        QCOMPARE(r.missing, 1L);
        for (const attribution::Faithfulness* f : {&r.ism, &r.saliency}) {
            QCOMPARE(f->cases, 3L);
            QCOMPARE(f->topInside, 2L);
        }
        // s0, s1: inside positions score 5, outside 0; s2: its "inside" 20..23 scores 0 while
        // 11..14 outside score 5. Pooled: 8 inside of 5 and 4 of 0; 4 outside of 5 and 74 of 0.
        const double u = 8 * (74 + 0.5 * 4) + 4 * (0.5 * 74);
        QCOMPARE(r.ism.auroc, u / (12.0 * 78.0));
        QCOMPARE(r.saliency.auroc, u / (12.0 * 78.0));
        QCOMPARE(attribution::measureFaithfulness(net, set, 2, index).ism.cases, 2L);
    }

    // Hand-computed cases: top position inside (with the margin) and the pooled AUROC.
    void faithfulnessTally() {
        attribution::FaithfulnessTally t(2);
        const std::vector<attribution::Interval> m1{{2, 4}};
        t.add(std::vector<float>{0, 1, 5, 2, 0, 0}, m1);            // top 2: inside
        const std::vector<attribution::Interval> m2{{0, 2}};
        t.add(std::vector<float>{0, 0, 0, 3, 0, 0}, m2);            // top 3: within 2 of [0,2)
        const std::vector<attribution::Interval> m3{{0, 1}, {6, 7}};
        t.add(std::vector<float>{1, 0, 0, 4, 0, 2, 0}, m3);         // top 3: 3 past 1, 3 before 6
        const attribution::Faithfulness f = t.result();
        QCOMPARE(f.cases, 3L);
        QCOMPARE(f.topInside, 2L);
        QCOMPARE(f.topShare, 2.0 / 3.0);
        // Inside scores {5,2, 0,0, 1,0}; outside {0,1,0,0, 0,3,0,0, 0,0,4,0,2} (nine 0s, one
        // each of 1,2,3,4). Mann-Whitney U: 5 -> 13, 2 -> 10.5, 1 -> 9.5, each 0 -> 4.5.
        QCOMPARE(f.auroc, (13 + 10.5 + 9.5 + 3 * 4.5) / (6.0 * 13.0));
        attribution::FaithfulnessTally none;
        QVERIFY(std::isnan(none.result().topShare));

        std::vector<synth::TruthRecord> truth(3);
        truth[0] = {"s1", "MA1", "A", '+', 3, 9, 0, "test"};
        truth[1] = {"s1", "MA2", "B", '-', 20, 30, 1, "test"};
        truth[2] = {"s1", "MA1", "A", '+', 40, 46, 0, "test"};
        const auto index = attribution::indexTruth(truth);
        const auto in = attribution::plantedIntervals(index, "s1", 0);
        QCOMPARE(in.size(), std::size_t(2));
        QCOMPARE(in[1].begin, 40);
        QCOMPARE(in[1].end, 46);
        QVERIFY(attribution::plantedIntervals(index, "s2", 0).empty());
        QVERIFY(attribution::plantedIntervals(index, "s1", 2).empty());
    }
};

QTEST_APPLESS_MAIN(TestAttribution)
#include "test_attribution.moc"
