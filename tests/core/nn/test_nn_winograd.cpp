// Tests for nn::WinogradConv (nn/winograd.h): the tiled forward against a double-precision
// direct convolution for every width it takes, both paddings, lengths that cut the last tile,
// channel and filter counts off the vector widths, with and without bias, several samples; and
// the choice Conv1D makes (nn/conv1d.h): both of its forwards give the same outputs.
#include "nn/conv1d.h"
#include "nn/isa.h"
#include "nn_test_support.h"
#include "nn/layer.h"
#include "nn/winograd.h"
#include "util/rng.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace motifloom;

namespace {

// fn(s, p, t, q) for every sample s, output p and tap t whose input row q = p + t - padLeft
// lies in the sequence: the terms of a direct convolution.
template <class Fn>
void forEachTerm(int samples, int positions, int width, int length, int padLeft, Fn&& fn) {
    for (int s = 0; s < samples; ++s)
        for (int p = 0; p < positions; ++p)
            for (int t = 0; t < width; ++t) {
                const int q = p + t - padLeft;
                if (q >= 0 && q < length) fn(s, p, t, q);
            }
}

// The direct convolution y[s][p][f] = bias[f] + sum_{t,c} W[t][c][f] x[s][p+t-padLeft][c] and
// its gradients, in double.
struct Direct {
    int samples, length, channels, width, filters, positions, padLeft;

    std::size_t xAt(int s, int q, int c) const { return (std::size_t(s) * length + q) * channels + c; }
    std::size_t yAt(int s, int p, int f) const { return (std::size_t(s) * positions + p) * filters + f; }
    std::size_t wAt(int t, int c, int f) const { return (std::size_t(t) * channels + c) * filters + f; }
    template <class Fn>
    void terms(Fn&& fn) const { forEachTerm(samples, positions, width, length, padLeft, fn); }

    std::vector<double> forward(const std::vector<float>& x, const std::vector<float>& w,
                                const std::vector<float>& bias) const {
        std::vector<double> y(std::size_t(samples) * positions * filters);
        for (int s = 0; s < samples; ++s)
            for (int p = 0; p < positions; ++p)
                for (int f = 0; f < filters; ++f) y[yAt(s, p, f)] = bias.empty() ? 0.0 : bias[std::size_t(f)];
        terms([&](int s, int p, int t, int q) {
            for (int c = 0; c < channels; ++c)
                for (int f = 0; f < filters; ++f) y[yAt(s, p, f)] += double(w[wAt(t, c, f)]) * x[xAt(s, q, c)];
        });
        return y;
    }
    // dx[s][q][c] = sum over the terms reading row q of W[t][c][f] dy[s][p][f].
    std::vector<double> inputGradient(const std::vector<float>& dy, const std::vector<float>& w) const {
        std::vector<double> dx(std::size_t(samples) * length * channels, 0.0);
        terms([&](int s, int p, int t, int q) {
            for (int c = 0; c < channels; ++c)
                for (int f = 0; f < filters; ++f) dx[xAt(s, q, c)] += double(w[wAt(t, c, f)]) * dy[yAt(s, p, f)];
        });
        return dx;
    }
    // dW[t][c][f] = sum over the terms of tap t of x[s][q][c] dy[s][p][f].
    std::vector<double> weightGradient(const std::vector<float>& x, const std::vector<float>& dy) const {
        std::vector<double> dw(std::size_t(width) * channels * filters, 0.0);
        terms([&](int s, int p, int t, int q) {
            for (int c = 0; c < channels; ++c)
                for (int f = 0; f < filters; ++f) dw[wAt(t, c, f)] += double(x[xAt(s, q, c)]) * dy[yAt(s, p, f)];
        });
        return dw;
    }
};

// The largest |a - b| and |b| over two tensors.
std::pair<double, double> worstAndScale(const std::vector<float>& a, const std::vector<double>& b) {
    double worst = 0.0, scale = 0.0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        worst = std::max(worst, std::abs(a[i] - b[i]));
        scale = std::max(scale, std::abs(b[i]));
    }
    return {worst, scale};
}

}  // namespace

class TestNnWinograd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { mIsa = nn::isa(); }
    void cleanup() { nn::setIsa(mIsa); }

    void matchesDirectConvolution_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("filters");
        QTest::addColumn<bool>("bias");
        for (int width = nn::WinogradConv::kMinWidth; width <= nn::WinogradConv::kMaxWidth; ++width)
            QTest::addRow("w%d_paper_shape", width) << width << true << 200 << 30 << 128 << false;
        QTest::newRow("w5_valid_cut_tile") << 5 << false << 27 << 30 << 128 << false;
        QTest::newRow("w5_same_cut_tile_bias") << 5 << true << 22 << 7 << 13 << true;
        QTest::newRow("w3_short") << 3 << true << 6 << 9 << 40 << true;
        QTest::newRow("w7_valid_one_tile") << 7 << false << 8 << 16 << 8 << false;
        QTest::newRow("w4_even_width") << 4 << true << 50 << 33 << 130 << true;
    }
    void matchesDirectConvolution() {
        QFETCH(int, width);
        QFETCH(bool, same);
        QFETCH(int, length);
        QFETCH(int, channels);
        QFETCH(int, filters);
        QFETCH(bool, bias);
        const int padLeft = same ? (width - 1) / 2 : 0;
        const int positions = same ? length : length - width + 1;
        const int samples = 7;  // tiles of several samples share a block of products
        Rng rng(std::uint64_t(width * 1000 + length));
        // Post-ReLU-like inputs (non-negative, many zeros), Glorot-sized weights.
        std::vector<float> x(std::size_t(samples) * length * channels), w(std::size_t(width) * channels * filters),
            b(bias ? std::size_t(filters) : 0);
        for (float& v : x) v = float(std::max(0.0, rng.uniform(-1.0, 2.0)));
        for (float& v : w) v = float(rng.uniform(-0.1, 0.1));
        for (float& v : b) v = float(rng.uniform(-1.0, 1.0));
        const Direct direct{samples, length, channels, width, filters, positions, padLeft};
        const std::vector<double> want = direct.forward(x, w, b);
        double scale = 0.0;
        for (double v : want) scale = std::max(scale, std::abs(v));
        nntest::forEachSupportedIsa([&](nn::Isa isa) {
            nn::WinogradConv conv(width, channels, filters, length, positions, padLeft);
            std::vector<nn::PackedB> packed;
            conv.transformFilters(w.data(), packed);
            nn::Scratch scratch;
            std::vector<float> y(want.size() + 1, -7.0f);  // the last one must stay untouched
            conv.forward(x.data(), samples, packed, bias ? b.data() : nullptr, y.data(), scratch);
            double worst = 0.0;
            for (std::size_t i = 0; i < want.size(); ++i) worst = std::max(worst, std::abs(y[i] - want[i]));
            // The bound: a few float roundings of the largest output (the direct float product
            // is within about 3e-7 here; Winograd's transforms add a few times that).
            QVERIFY2(worst <= 4e-6 * scale,
                     qPrintable(QString("%1: max error %2 of max |y| %3").arg(nn::isaName(isa)).arg(worst).arg(scale)));
            QCOMPARE(y.back(), -7.0f);
            // Accumulating adds the same again.
            conv.forward(x.data(), samples, packed, bias ? b.data() : nullptr, y.data(), scratch, true);
            worst = 0.0;
            for (std::size_t i = 0; i < want.size(); ++i) worst = std::max(worst, std::abs(y[i] - 2 * want[i]));
            QVERIFY2(worst <= 8e-6 * scale, qPrintable(QString("%1: accumulated, max error %2").arg(nn::isaName(isa)).arg(worst)));
            QCOMPARE(y.back(), -7.0f);
        });
    }

    // The tiles run backwards give the weight and input gradients, for the forward's shapes.
    void gradientsMatchDirect_data() { matchesDirectConvolution_data(); }
    void gradientsMatchDirect() {
        QFETCH(int, width);
        QFETCH(bool, same);
        QFETCH(int, length);
        QFETCH(int, channels);
        QFETCH(int, filters);
        const int padLeft = same ? (width - 1) / 2 : 0;
        const int positions = same ? length : length - width + 1;
        const int samples = 7;
        Rng rng(std::uint64_t(width * 1000 + length + 1));
        // Inputs as in the forward test; output gradients after a ReLU and a max-pool: sparse,
        // of both signs.
        std::vector<float> x(std::size_t(samples) * length * channels), w(std::size_t(width) * channels * filters),
            dy(std::size_t(samples) * positions * filters);
        for (float& v : x) v = float(std::max(0.0, rng.uniform(-1.0, 2.0)));
        for (float& v : w) v = float(rng.uniform(-0.1, 0.1));
        for (float& v : dy) v = rng.uniform(0.0, 1.0) < 0.5 ? 0.0f : float(rng.uniform(-1.0, 1.0));
        const Direct direct{samples, length, channels, width, filters, positions, padLeft};
        const std::vector<double> wantDx = direct.inputGradient(dy, w);
        const std::vector<double> wantDw = direct.weightGradient(x, dy);
        nntest::forEachSupportedIsa([&](nn::Isa isa) {
            nn::WinogradConv conv(width, channels, filters, length, positions, padLeft);
            std::vector<nn::PackedB> packed, transposed;
            conv.transformFilters(w.data(), packed, &transposed);
            nn::Scratch scratch;
            // The last element of each must stay untouched.
            std::vector<float> dx(wantDx.size() + 1, -7.0f), dw(wantDw.size() + 1, -7.0f);
            conv.backward(x.data(), dy.data(), samples, transposed, dw.data(), dx.data(), scratch);
            const auto [dxWorst, dxScale] = worstAndScale(dx, wantDx);
            QVERIFY2(dxWorst <= 4e-6 * dxScale, qPrintable(QString("%1: dx max error %2 of max |dx| %3")
                                                               .arg(nn::isaName(isa)).arg(dxWorst).arg(dxScale)));
            // dW sums over every tile of every sample in the transformed domain, and stays
            // within about 1e-6 of its largest element too.
            const auto [dwWorst, dwScale] = worstAndScale(dw, wantDw);
            QVERIFY2(dwWorst <= 4e-6 * dwScale, qPrintable(QString("%1: dW max error %2 of max |dW| %3")
                                                               .arg(nn::isaName(isa)).arg(dwWorst).arg(dwScale)));
            QCOMPARE(dx.back(), -7.0f);
            QCOMPARE(dw.back(), -7.0f);
            // Without dx, the same dW.
            std::vector<float> alone(dw.size(), -7.0f);
            conv.backward(x.data(), dy.data(), samples, transposed, alone.data(), nullptr, scratch);
            QCOMPARE(alone, dw);
        });
    }

    // Conv1D picks the tiles for the paper's second layer, and its two forwards agree.
    void convolutionLayerUsesTilesWherePaying() {
        arch::LayerSpec spec;
        spec.type = arch::LayerType::Conv1D;
        spec.units = 128;
        spec.width = 5;
        spec.padding = arch::Padding::Same;
        spec.bias = true;
        nn::Conv1D conv(spec, {100, 30}, 4, false, 9);
        if (qEnvironmentVariable("MOTIFLOOM_WINOGRAD") != "never") QVERIFY(conv.winograd());
        nn::Conv1D narrow(spec, {2, 30}, 4, false, 9);  // one tile of 4 for 2 outputs: not worth it
        QVERIFY(!narrow.winograd());
        for (float& v : conv.bias()) v = 0.25f;

        const int batch = 12;
        Rng rng(3);
        std::vector<float> x(std::size_t(batch) * 100 * 30 + nn::kTensorSlack);
        for (float& v : x) v = float(std::max(0.0, rng.uniform(-1.0, 1.0)));
        auto run = [&](bool tiles) {
            conv.setWinograd(tiles);
            auto work = conv.makeWork(batch, 1);
            std::vector<nn::Scratch> scratch(1);
            nn::Pass pass;
            pass.batch = batch;
            pass.plan = nn::ChunkPlan::forBatch(batch);
            pass.scratch = scratch;
            conv.beginForward(pass, work.get());
            std::vector<float> y(std::size_t(batch) * conv.outputSize());
            conv.forward(pass, work.get(), nn::Chunk{0, 0, batch, &scratch[0]}, x.data(), y.data());
            return y;
        };
        const std::vector<float> direct = run(false), tiled = run(true);
        QVERIFY(conv.winograd());
        double worst = 0.0, scale = 0.0;
        for (std::size_t i = 0; i < direct.size(); ++i) {
            worst = std::max(worst, double(std::abs(direct[i] - tiled[i])));
            scale = std::max(scale, double(std::abs(direct[i])));
        }
        QVERIFY2(worst <= 4e-6 * scale, qPrintable(QString("max difference %1 of %2").arg(worst).arg(scale)));
    }

private:
    nn::Isa mIsa = nn::Isa::Generic;
};

QTEST_APPLESS_MAIN(TestNnWinograd)
#include "test_nn_winograd.moc"
