// Tests for core/nn layers and losses: forward (and some backward) values worked out by hand
// for small cases, shapes, padding conventions, dropout masks, initialisation.
#include "nn/activation.h"
#include "nn/batch_norm.h"
#include "nn/conv1d.h"
#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/loss.h"
#include "nn/max_pool.h"
#include "nn_test_support.h"

#include <QtTest>

using namespace nntest;
using nn::LayerRunner;

namespace {

std::vector<std::uint8_t> codesOf(const std::string& dna) {
    std::vector<std::uint8_t> out;
    for (char ch : dna) {
        switch (ch) {
        case 'A': out.push_back(1); break;
        case 'C': out.push_back(2); break;
        case 'G': out.push_back(4); break;
        case 'T': out.push_back(8); break;
        case 'N': out.push_back(15); break;
        case 'R': out.push_back(5); break;
        default: out.push_back(0); break;  // '-' = padding
        }
    }
    return out;
}

QList<float> toList(const std::vector<float>& v) { return QList<float>(v.begin(), v.end()); }

void compareValues(const std::vector<float>& got, const std::vector<double>& want, double tol = 1e-5) {
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        QVERIFY2(std::abs(double(got[i]) - want[i]) <= tol * std::max(1.0, std::abs(want[i])),
                 qPrintable(QString("element %1: got %2, want %3").arg(i).arg(got[i]).arg(want[i])));
}

}  // namespace

class TestNnLayers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // First layer (one-hot lookup): W[k][b] = 4k + b + 1, bias 0.5, one filter.
    void oneHotConvByHand_data() {
        QTest::addColumn<QString>("dna");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("same");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("same_w3") << "ACGT" << 3 << true << QList<double>{15.5, 18.5, 21.5, 11.5};
        QTest::newRow("valid_w3") << "ACGT" << 3 << false << QList<double>{18.5, 21.5};
        // Even width: one zero on the left, two on the right (TF 'same').
        QTest::newRow("same_w4_even") << "ACGT" << 4 << true << QList<double>{30.5, 34.5, 21.5, 11.5};
        // N is a quarter of each base; R = A|G half each; '-' (code 0) is an all-zero column.
        QTest::newRow("same_w3_iupac") << "ANGT" << 3 << true << QList<double>{16.0, 19.0, 22.0, 11.5};
        QTest::newRow("same_w3_R_and_padding") << "AR-T" << 3 << true << QList<double>{15.5, 7.5, 14.5, 8.5};
    }
    void oneHotConvByHand() {
        QFETCH(QString, dna);
        QFETCH(int, width);
        QFETCH(bool, same);
        QFETCH(QList<double>, expected);
        const auto codes = codesOf(dna.toStdString());
        const int length = int(codes.size());
        nn::Conv1D layer(conv(1, width, same ? Padding::Same : Padding::Valid, true), {length, 4}, 0, true, 1);
        auto w = layer.weights();
        for (int k = 0; k < width; ++k)
            for (int b = 0; b < 4; ++b) w[std::size_t(k) * 4 + b] = float(4 * k + b + 1);
        layer.bias()[0] = 0.5f;
        LayerRunner run(layer, 1, false);
        compareValues(run.forward(nullptr, codes.data()), std::vector<double>(expected.begin(), expected.end()));
    }

    // A second-layer convolution over floats (im2col path) and its gradients, by hand.
    void floatConvByHand() {
        nn::Conv1D layer(conv(1, 2, Padding::Same), {3, 2}, 1, false, 1);
        const float wv[] = {1, -1, 2, 0.5f};  // W[k][c]
        std::copy(wv, wv + 4, layer.weights().begin());
        const float x[] = {1, 2, 3, 4, 5, 6};
        LayerRunner run(layer, 1, true);
        compareValues(run.forward(x), {7, 12, -1});
        const float dy[] = {1, 1, 1};
        compareValues(run.backward(dy), {1, -1, 3, -0.5, 3, -0.5});
        const auto g = layer.parameters()[0].grad;
        compareValues(std::vector<float>(g.begin(), g.end()), {9, 12, 8, 10});

        nn::Conv1D valid(conv(1, 2, Padding::Valid), {3, 2}, 1, false, 1);
        std::copy(wv, wv + 4, valid.weights().begin());
        LayerRunner runValid(valid, 1, false);
        compareValues(runValid.forward(x), {7, 12});
    }

    void convShapes_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("outLength");
        QTest::addColumn<int>("padLeft");
        QTest::newRow("same_19") << 200 << 19 << true << 200 << 9;
        QTest::newRow("same_4") << 10 << 4 << true << 10 << 1;
        QTest::newRow("same_1") << 10 << 1 << true << 10 << 0;
        QTest::newRow("valid_5") << 8 << 5 << false << 4 << 0;
        QTest::newRow("valid_full") << 5 << 5 << false << 1 << 0;
    }
    void convShapes() {
        QFETCH(int, length);
        QFETCH(int, width);
        QFETCH(bool, same);
        QFETCH(int, outLength);
        QFETCH(int, padLeft);
        nn::Conv1D c(conv(7, width, same ? Padding::Same : Padding::Valid), {length, 3}, 1, false, 1);
        QCOMPARE(c.outputShape().length, outLength);
        QCOMPARE(c.outputShape().channels, 7);
        QCOMPARE(c.padLeft(), padLeft);
    }

    // Glorot uniform: |w| <= sqrt(6 / (fanIn + fanOut)), fanIn = w*C, fanOut = w*F for conv.
    void glorotLimits() {
        nn::Conv1D c(conv(30, 19), {200, 4}, 0, true, 42);
        const double limit = std::sqrt(6.0 / (19 * 4 + 19 * 30));
        double maxAbs = 0, sum = 0;
        for (float v : c.weights()) {
            maxAbs = std::max(maxAbs, double(std::abs(v)));
            sum += v;
        }
        QVERIFY(maxAbs <= limit);
        QVERIFY(maxAbs > 0.98 * limit);
        QVERIFY(std::abs(sum / double(c.weights().size())) < 0.01);
        nn::Dense d(dense(512), {1, 256}, 12, 42);
        const double dl = std::sqrt(6.0 / (256 + 512));
        for (float v : d.weights()) QVERIFY(std::abs(v) <= dl);
        // Same seed, same weights; another seed, other weights.
        nn::Conv1D same(conv(30, 19), {200, 4}, 0, true, 42), other(conv(30, 19), {200, 4}, 0, true, 43);
        QVERIFY(std::equal(c.weights().begin(), c.weights().end(), same.weights().begin()));
        QVERIFY(!std::equal(c.weights().begin(), c.weights().end(), other.weights().begin()));
    }

    // x = 1,2,3,4 in one channel (batch 2 x length 2): mean 2.5, biased variance 1.25.
    void batchNormByHand() {
        nn::BatchNorm layer(bn(1e-3, 0.9), {2, 1}, 1);
        layer.gamma()[0] = 2.0f;
        layer.beta()[0] = 1.0f;
        const float x[] = {1, 2, 3, 4};
        LayerRunner train(layer, 2, true);
        const double sd = std::sqrt(1.25 + 1e-3);
        compareValues(train.forward(x), {2 * -1.5 / sd + 1, 2 * -0.5 / sd + 1, 2 * 0.5 / sd + 1, 2 * 1.5 / sd + 1});
        // Running statistics move only on commit: mean 0.9*0 + 0.1*2.5, variance with n/(n-1).
        QCOMPARE(layer.runningMean()[0], 0.0f);
        train.commit();
        QVERIFY(std::abs(layer.runningMean()[0] - 0.25) < 1e-6);
        QVERIFY(std::abs(layer.runningVariance()[0] - (0.9 + 0.1 * 1.25 * 4.0 / 3.0)) < 1e-6);
        // Inference uses the running statistics.
        layer.runningMean()[0] = 1.0f;
        layer.runningVariance()[0] = 4.0f;
        LayerRunner infer(layer, 2, false);
        const double isd = std::sqrt(4.0 + 1e-3);
        compareValues(infer.forward(x), {1, 2 * 1 / isd + 1, 2 * 2 / isd + 1, 2 * 3 / isd + 1});
        // dgamma = sum dy * xhat, dbeta = sum dy.
        const float dy[] = {1, 0, 0, 1};
        train.forward(x);
        train.backward(dy);
        QVERIFY(std::abs(layer.parameters()[0].grad[0] - float((-1.5 + 1.5) / sd)) < 1e-6);
        QCOMPARE(layer.parameters()[1].grad[0], 2.0f);
    }

    // Statistics are per channel over batch x length; a constant channel gives zeros.
    void batchNormChannels() {
        nn::BatchNorm layer(bn(1e-5), {3, 2}, 1);
        const float x[] = {1, 5, 2, 5, 3, 5, 4, 5, 5, 5, 6, 5};  // batch 2, length 3, channels 2
        LayerRunner run(layer, 2, true);
        const auto y = run.forward(x);
        double mean = 0, var = 0;
        for (int i = 0; i < 6; ++i) mean += y[std::size_t(2 * i)];
        for (int i = 0; i < 6; ++i) var += y[std::size_t(2 * i)] * y[std::size_t(2 * i)];
        QVERIFY(std::abs(mean) < 1e-5);
        QVERIFY(std::abs(var / 6 - 1.0) < 1e-4);
        for (int i = 0; i < 6; ++i) QCOMPARE(y[std::size_t(2 * i + 1)], 0.0f);
    }

    void activationsByHand_data() {
        QTest::addColumn<int>("function");
        QTest::addColumn<QList<double>>("expected");
        QTest::addColumn<QList<double>>("gradient");  // for dy = 1
        // x = -100, -1, 0, 1, 100
        const double e = std::exp(1.0), s1 = 1 / (1 + std::exp(-1.0));
        QTest::newRow("relu") << int(ActivationType::ReLU) << QList<double>{0, 0, 0, 1, 100} << QList<double>{0, 0, 0, 1, 1};
        QTest::newRow("exponential") << int(ActivationType::Exponential) << QList<double>{std::exp(-100.0), 1 / e, 1, e, 0}
                                     << QList<double>{std::exp(-100.0), 1 / e, 1, e, 0};
        QTest::newRow("sigmoid") << int(ActivationType::Sigmoid) << QList<double>{0, 1 - s1, 0.5, s1, 1}
                                 << QList<double>{0, s1 * (1 - s1), 0.25, s1 * (1 - s1), 0};
        QTest::newRow("linear") << int(ActivationType::Linear) << QList<double>{-100, -1, 0, 1, 100} << QList<double>{1, 1, 1, 1, 1};
    }
    void activationsByHand() {
        QFETCH(int, function);
        QFETCH(QList<double>, expected);
        QFETCH(QList<double>, gradient);
        const auto type = ActivationType(function);
        const bool exponential = type == ActivationType::Exponential;
        // exp(100) overflows float; test the exponential on -100..1 and the large value apart.
        const std::vector<float> x = {-100, -1, 0, 1, exponential ? 0.0f : 100.0f};
        nn::Activation layer(act(type), {5, 1}, 1);
        LayerRunner run(layer, 1, true);
        auto y = run.forward(x.data());
        auto want = std::vector<double>(expected.begin(), expected.end());
        auto wantGrad = std::vector<double>(gradient.begin(), gradient.end());
        if (exponential) want[4] = wantGrad[4] = 1.0;
        compareValues(y, want);
        const std::vector<float> dy(5, 1.0f);
        compareValues(run.backward(dy.data()), wantGrad);
        for (float v : y) QVERIFY(std::isfinite(v));
    }

    // Max-pooling with TF 'same' semantics; one channel, then two channels.
    void maxPoolByHand_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("stride");
        QTest::addColumn<QList<float>>("x");
        QTest::addColumn<QList<float>>("y");
        QTest::addColumn<QList<float>>("dx");  // for dy = 1 everywhere
        QTest::newRow("size2_stride2_odd_length") << 2 << 2 << QList<float>{1, 5, 2, 4, 3} << QList<float>{5, 4, 3}
                                                  << QList<float>{0, 1, 0, 1, 1};
        QTest::newRow("size3_stride2") << 3 << 2 << QList<float>{1, 3, 2, 5, 4, 0} << QList<float>{3, 5, 4}
                                       << QList<float>{0, 1, 0, 1, 1, 0};
        // Window 4, stride 1 on length 4: pad 1 left, 2 right; overlapping windows add up.
        QTest::newRow("size4_stride1_overlap") << 4 << 1 << QList<float>{2, 1, 4, 3} << QList<float>{4, 4, 4, 4}
                                               << QList<float>{0, 0, 4, 0};
        // Stride above size: position 2 and 5 are in no window.
        QTest::newRow("size2_stride3_gaps") << 2 << 3 << QList<float>{1, 2, 3, 4, 5, 6, 7} << QList<float>{2, 5, 7}
                                            << QList<float>{0, 1, 0, 0, 1, 0, 1};
        // Padded cells never win, even over negative values.
        QTest::newRow("negative_edges") << 2 << 1 << QList<float>{-3, -1, -2} << QList<float>{-1, -1, -2}
                                        << QList<float>{0, 2, 1};
        QTest::newRow("ties_go_left") << 2 << 2 << QList<float>{1, 1} << QList<float>{1} << QList<float>{1, 0};
        QTest::newRow("global") << 5 << 5 << QList<float>{0, 2, 9, 2, 0} << QList<float>{9} << QList<float>{0, 0, 1, 0, 0};
    }
    void maxPoolByHand() {
        QFETCH(int, size);
        QFETCH(int, stride);
        QFETCH(QList<float>, x);
        QFETCH(QList<float>, y);
        QFETCH(QList<float>, dx);
        const int length = int(x.size());
        nn::MaxPool pool(nntest::pool(size, stride), {length, 1}, 1);
        QCOMPARE(pool.outputShape().length, int(y.size()));
        const std::vector<float> xv(x.begin(), x.end());
        LayerRunner run(pool, 1, true);
        QCOMPARE(toList(run.forward(xv.data())), y);
        const std::vector<float> dy(y.size(), 1.0f);
        QCOMPARE(toList(run.backward(dy.data())), dx);

        // Two channels: the second is the negated first; channels pool independently.
        nn::MaxPool pool2(nntest::pool(size, stride), {length, 2}, 1);
        std::vector<float> x2;
        for (float v : x) {
            x2.push_back(v);
            x2.push_back(-v);
        }
        LayerRunner run2(pool2, 1, false);
        const auto y2 = run2.forward(x2.data());
        for (int p = 0; p < int(y.size()); ++p) QCOMPARE(y2[std::size_t(2 * p)], y[p]);
    }

    // Many channels (vector blocks and a partial tail) agree with a plain loop.
    void maxPoolWideChannels() {
        const int length = 23, channels = 37;
        Rng rng(5);
        std::vector<float> x(std::size_t(length) * channels);
        for (float& v : x) v = float(rng.normal());
        nn::MaxPool pool(nntest::pool(5, 3), {length, channels}, 1);
        LayerRunner run(pool, 1, true);
        const auto y = run.forward(x.data());
        const int lOut = pool.outputShape().length, pad = pool.padLeft();
        QCOMPARE(lOut, 8);
        for (int p = 0; p < lOut; ++p)
            for (int c = 0; c < channels; ++c) {
                float best = -INFINITY;
                for (int q = std::max(0, p * 3 - pad); q < std::min(length, p * 3 - pad + 5); ++q)
                    best = std::max(best, x[std::size_t(q) * channels + c]);
                QCOMPARE(y[std::size_t(p) * channels + c], best);
            }
    }

    void dropoutMasks() {
        const int size = 20000;
        nn::Dropout layer(dropout(0.3), {size, 1}, 4);
        std::vector<float> x(std::size_t(size) * 2, 1.0f);
        LayerRunner train(layer, 2, true, 123);
        const auto y = train.forward(x.data());
        int kept = 0;
        for (int i = 0; i < size; ++i) {
            QVERIFY(y[std::size_t(i)] == 0.0f || std::abs(y[std::size_t(i)] - 1 / 0.7f) < 1e-6f);
            kept += y[std::size_t(i)] != 0.0f;
        }
        QVERIFY(std::abs(kept / double(size) - 0.7) < 0.015);
        // Two samples of a batch get different masks; the same seed gives the same masks.
        QVERIFY(!std::equal(y.begin(), y.begin() + size, y.begin() + size));
        LayerRunner again(layer, 2, true, 123);
        QVERIFY(again.forward(x.data()) == y);
        LayerRunner otherStep(layer, 2, true, 124);
        QVERIFY(otherStep.forward(x.data()) != y);
        // Backward uses the same mask and scale.
        std::vector<float> dy(x.size(), 2.0f);
        const auto dx = train.backward(dy.data());
        for (std::size_t i = 0; i < dx.size(); ++i) QCOMPARE(dx[i], 2.0f * y[i]);
        // Inference: identity.
        LayerRunner infer(layer, 2, false);
        QVERIFY(infer.forward(x.data()) == x);
        // The mask function is what the layer uses (the gradient reference relies on it).
        std::vector<std::uint8_t> keep(static_cast<std::size_t>(size));
        nn::dropoutKeepMask(123, 4, 1, 0.3, keep.size(), keep.data());
        for (int i = 0; i < size; ++i) QCOMPARE(keep[std::size_t(i)] != 0, y[std::size_t(size + i)] != 0.0f);
    }

    void flattenKeepsOrder() {
        nn::Flatten layer(flatten(), {3, 2}, 1);
        QCOMPARE(layer.outputShape(), (arch::Shape{1, 6}));
        const float x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        LayerRunner run(layer, 2, true);
        compareValues(run.forward(x), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    }

    void denseByHand() {
        nn::Dense layer(dense(3, true), {1, 2}, 1, 1);
        const float w[] = {1, 2, 3, 4, 5, 6};  // W[i][u]
        std::copy(w, w + 6, layer.weights().begin());
        const float b[] = {0.5f, 0, -0.5f};
        std::copy(b, b + 3, layer.bias().begin());
        const float x[] = {1, 2};
        LayerRunner run(layer, 1, true);
        compareValues(run.forward(x), {9.5, 12, 14.5});
        const float dy[] = {1, 0, -1};
        compareValues(run.backward(dy), {-2, -2});
        auto params = layer.parameters();
        compareValues(std::vector<float>(params[0].grad.begin(), params[0].grad.end()), {1, 0, -1, 2, 0, -2});
        compareValues(std::vector<float>(params[1].grad.begin(), params[1].grad.end()), {1, 0, -1});
    }

    // Wide dense layers are split into column blocks; results match a plain product.
    void denseColumnBlocks() {
        const int batch = 7, in = 70, out = 300;
        nn::Dense layer(dense(out, true), {1, in}, 1, 3);
        Rng rng(9);
        for (float& v : layer.bias()) v = float(rng.normal());
        std::vector<float> x(std::size_t(batch) * in), dy(std::size_t(batch) * out);
        for (float& v : x) v = float(rng.normal());
        for (float& v : dy) v = float(rng.normal());
        LayerRunner run(layer, batch, true);
        const auto y = run.forward(x.data());
        const auto dx = run.backward(dy.data());
        const auto w = layer.weights();
        const auto gw = layer.parameters()[0].grad;
        for (int s = 0; s < batch; ++s)
            for (int u = 0; u < out; ++u) {
                double sum = layer.bias()[std::size_t(u)];
                for (int i = 0; i < in; ++i) sum += double(x[std::size_t(s) * in + i]) * w[std::size_t(i) * out + u];
                QVERIFY(std::abs(y[std::size_t(s) * out + u] - sum) < 1e-4);
            }
        for (int s = 0; s < batch; ++s)
            for (int i = 0; i < in; ++i) {
                double sum = 0;
                for (int u = 0; u < out; ++u) sum += double(dy[std::size_t(s) * out + u]) * w[std::size_t(i) * out + u];
                QVERIFY(std::abs(dx[std::size_t(s) * in + i] - sum) < 1e-4);
            }
        for (int i = 0; i < in; i += 7)
            for (int u = 0; u < out; u += 13) {
                double sum = 0;
                for (int s = 0; s < batch; ++s) sum += double(x[std::size_t(s) * in + i]) * dy[std::size_t(s) * out + u];
                QVERIFY(std::abs(gw[std::size_t(i) * out + u] - sum) < 1e-4);
            }
    }

    void lossesByHand() {
        // BCE from logits, stable at large |z|.
        const float z[] = {0, 100, -100, 100};
        const float y[] = {1, 1, 1, 0};
        float g[4];
        const double bce = nn::sigmoidCrossEntropy(z, y, 1, 4, g);
        QVERIFY(std::abs(bce - (std::log(2.0) + 0 + 100 + 100) / 4) < 1e-9);
        QVERIFY(std::abs(g[0] - (0.5 - 1) / 4) < 1e-7);
        QVERIFY(std::abs(g[2] - (0 - 1) / 4.0) < 1e-7);
        QVERIFY(std::abs(g[3] - (1 - 0) / 4.0) < 1e-7);
        // Categorical CE from logits via log-sum-exp.
        const float z2[] = {0, 0, 1000, 0};
        const float y2[] = {1, 0, 0, 1};
        float g2[4];
        const double ce = nn::softmaxCrossEntropy(z2, y2, 2, 2, g2);
        QVERIFY(std::abs(ce - (std::log(2.0) + 1000) / 2) < 1e-9);
        QVERIFY(std::abs(g2[0] - (0.5 - 1) / 2) < 1e-7);
        QVERIFY(std::abs(g2[0] + g2[1]) < 1e-7);
        QVERIFY(std::abs(g2[2] - 0.5f) < 1e-7 && std::abs(g2[3] + 0.5f) < 1e-7);
        float p[4];
        nn::softmax(z2, 2, 2, p);
        QCOMPARE(p[0], 0.5f);
        QCOMPARE(p[2], 1.0f);
        nn::sigmoid(z, 4, p);
        QCOMPARE(p[0], 0.5f);
        QCOMPARE(p[1], 1.0f);
        QVERIFY(p[2] >= 0.0f && p[2] < 1e-40f);
    }

    void penaltiesByHand() {
        std::vector<float> w = {1, -2, 0}, g(3, 0.0f), b = {5}, gb(1, 0.0f);
        std::vector<nn::ParamView> params = {{"w", w, g, true}, {"b", b, gb, false}};
        const double value = nn::weightPenalty(params, 0.1, 0.01, true);
        QVERIFY(std::abs(value - 0.35) < 1e-7);
        compareValues(g, {0.12, -0.14, 0});
        QCOMPARE(gb[0], 0.0f);  // biases are never penalised
        QCOMPARE(nn::weightPenalty(params, 0, 0, true), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestNnLayers)
#include "test_nn_layers.moc"
