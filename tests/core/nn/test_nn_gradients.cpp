// Gradient checks for core/nn: the engine's analytic gradients (float, from trainStep) against
// central finite differences of an independent double-precision reference of the same loss
// (nn_test_support.h). One row per layer type / option, plus whole networks with sigmoid+BCE
// and softmax+CE, penalties, and the first-layer paths (one-hot lookup vs float input).
#include "nn_test_support.h"

#include <QtTest>

#include <cstdio>

using namespace nntest;

namespace {

struct Case {
    std::string name;
    arch::Architecture arch;
    double l1 = 0.0, l2 = 0.0;
    bool fused = true;  // nn::Network::setFusedBlocks
    nn::Network::ConvBlocks convBlocks = nn::Network::ConvBlocks::WherePaying;
    bool negativeGammas = false;  // every other batch-norm gamma negative (pools then take minima)
};

constexpr int kBatch = 11;  // 6 chunks of 2,2,2,2,2,1 samples: exercises the chunk merges
constexpr std::uint64_t kStepSeed = 99;

std::vector<Case> cases() {
    using arch::OutputKind;
    const auto sig = ActivationType::Sigmoid;
    const auto lin = ActivationType::Linear;
    const auto ex = ActivationType::Exponential;
    std::vector<Case> c;
    auto add = [&](std::string name, int length, int classes, std::vector<LayerSpec> layers,
                   OutputKind out = OutputKind::Sigmoid, double l1 = 0, double l2 = 0) {
        c.push_back({std::move(name), makeArch(length, classes, std::move(layers), out), l1, l2});
    };
    add("conv_first_same_even_width_bias", 13, 3, {conv(3, 4, Padding::Same, true), flatten(), dense(3, true)});
    add("conv_first_valid_no_bias", 13, 3, {conv(3, 5, Padding::Valid), flatten(), dense(3, true)});
    add("conv_first_17_filters", 13, 3, {conv(17, 3), relu(), flatten(), dense(3, true)});
    add("conv_first_40_filters", 13, 3, {conv(40, 3, Padding::Same, true), relu(), flatten(), dense(3, true)});
    add("conv_first_130_filters", 9, 2, {conv(130, 2), flatten(), dense(2, true)});
    add("conv_second_same_bias", 13, 3, {conv(4, 3), relu(), conv(3, 4, Padding::Same, true), flatten(), dense(3, true)});
    add("conv_second_valid", 13, 3, {conv(4, 3), act(sig), conv(3, 5, Padding::Valid), flatten(), dense(3)});
    add("conv_third_width1", 13, 3, {conv(4, 3), relu(), conv(5, 1, Padding::Same, true), relu(), conv(3, 3), flatten(), dense(3, true)});
    add("batchnorm_after_conv", 13, 3, {conv(4, 5), bn(), flatten(), dense(3, true)});
    add("batchnorm_paper_epsilon", 13, 3, {conv(4, 5), bn(1e-8, 0.9), relu(), flatten(), dense(3, true)});
    add("batchnorm_after_dense", 13, 3, {conv(3, 3), flatten(), dense(6), bn(), dense(3, true)});
    add("activation_relu", 13, 3, {conv(4, 5, Padding::Same, true), relu(), flatten(), dense(3, true)});
    add("activation_exponential", 13, 3, {conv(4, 5), act(ex), flatten(), dense(3, true)});
    add("activation_sigmoid", 13, 3, {conv(4, 5), act(sig), flatten(), dense(3, true)});
    add("activation_linear", 13, 3, {conv(4, 5), act(lin), flatten(), dense(3, true)});
    add("maxpool_size_equals_stride", 13, 3, {conv(4, 5), pool(3), flatten(), dense(3, true)});
    add("maxpool_size_above_stride", 13, 3, {conv(4, 5), pool(4, 2), flatten(), dense(3, true)});
    add("maxpool_size_below_stride", 13, 3, {conv(4, 5), pool(2, 3), flatten(), dense(3, true)});
    add("maxpool_global", 13, 3, {conv(4, 5), bn(), relu(), pool(13), flatten(), dense(3, true)});
    add("dropout_after_conv", 13, 3, {conv(4, 5), dropout(0.3), flatten(), dense(3, true)});
    add("dropout_after_dense", 13, 3, {conv(3, 3), flatten(), dense(8, true), dropout(0.5), dense(3)});
    add("dense_stack_no_bias", 13, 3, {conv(2, 3), flatten(), dense(5), dense(4), dense(3)});
    add("first_layer_maxpool", 13, 3, {pool(2), conv(3, 3), flatten(), dense(3, true)});
    add("first_layer_flatten_dense", 13, 3, {flatten(), dense(6, true), relu(), dense(3)});
    add("penalties_l1_l2", 13, 3, {conv(3, 5), relu(), flatten(), dense(3, true)}, OutputKind::Sigmoid, 1e-2, 3e-2);
    add("softmax_cross_entropy", 13, 4, {conv(4, 5), relu(), pool(2), flatten(), dense(4, true)}, OutputKind::Softmax);
    auto whole = [](int classes) {
        return std::vector<LayerSpec>{conv(4, 5), bn(), relu(), pool(3, 2), dropout(0.2),
                                      conv(5, 3), bn(), relu(), pool(2), dropout(0.1),
                                      flatten(), dense(8), bn(), relu(), dropout(0.5), dense(classes, true)};
    };
    add("whole_network_sigmoid_bce", 24, 3, whole(3), OutputKind::Sigmoid, 1e-3, 1e-3);
    add("whole_network_softmax_ce", 24, 4, whole(4), OutputKind::Softmax, 1e-3, 1e-3);
    // The batch norm -> ReLU -> max-pool blocks above run fused in training; check them unfused.
    for (const char* name : {"maxpool_global", "whole_network_sigmoid_bce", "whole_network_softmax_ce"}) {
        Case u = *std::find_if(c.begin(), c.end(), [&](const Case& x) { return x.name == name; });
        u.name = std::string(name) + "_unfused";
        u.fused = false;
        c.push_back(u);
    }
    // Enough channels for the vector paths (8 or 16 lanes) and a remainder.
    add("fused_block_wide", 16, 3, {conv(21, 5), bn(), relu(), pool(3, 2), flatten(), dense(3, true)});
    add("fused_block_wide_sparse", 16, 3, {conv(21, 5), bn(), relu(), pool(6, 4), flatten(), dense(3, true)});
    // Windows that tile the input (size = stride), the last one cut by the sequence's end.
    add("fused_block_tiled_odd_length", 13, 3, {conv(9, 5), bn(), relu(), pool(3), flatten(), dense(3, true)});
    // Pool windows that overlap and leave gaps, inside fused blocks.
    add("fused_block_overlapping_pool", 24, 3, {conv(4, 5), bn(), relu(), pool(5, 2), conv(3, 3), bn(), relu(), pool(2, 3),
                                                flatten(), dense(3, true)});
    // Convolutions on float input with a sparse block after them, as one step (nn/conv_block.h):
    // 'same' and 'valid' padding, a bias, wide and narrow channel counts, overlapping pools.
    auto convBlock = [&](std::string name, int length, std::vector<LayerSpec> layers) {
        add(std::move(name), length, 3, std::move(layers), OutputKind::Sigmoid, 1e-3, 1e-3);
        c.back().convBlocks = nn::Network::ConvBlocks::Always;
    };
    convBlock("conv_block_same", 24, {conv(4, 5), bn(), relu(), pool(3, 2), conv(21, 5), bn(), relu(), pool(6, 4),
                                      flatten(), dense(3, true)});
    convBlock("conv_block_valid_bias", 24, {conv(4, 3), relu(), conv(5, 3, Padding::Valid, true), bn(), relu(), pool(5, 4),
                                            dropout(0.2), flatten(), dense(3, true)});
    convBlock("conv_block_paper_shape", 40, {conv(6, 5), bn(), relu(), pool(2), dropout(0.1), conv(9, 5), bn(), relu(),
                                             pool(10), dropout(0.1), flatten(), dense(8), bn(), relu(), dense(3, true)});
    convBlock("conv_block_even_width", 30, {conv(3, 4), relu(), conv(7, 4, Padding::Same, true), bn(), relu(), pool(8, 5),
                                            flatten(), dense(3, true)});
    // Negative gammas turn the normalisation around: the pooled maximum comes from the
    // convolution's smallest output in the window (the conv block pools from both extremes).
    convBlock("conv_block_negative_gammas", 24, {conv(4, 5), bn(), relu(), pool(3, 2), conv(21, 5), bn(), relu(),
                                                 pool(6, 4), flatten(), dense(3, true)});
    c.back().negativeGammas = true;
    convBlock("conv_block_short_input", 6, {conv(3, 3), relu(), conv(4, 7), bn(), relu(), pool(6), flatten(), dense(3, true)});
    return c;
}

struct Check {
    double worst = 0.0;  // max over checked elements of |analytic - numeric| / allowed
    std::string where;
};

// Allowed error per element: 2e-4 of the largest numeric gradient of that tensor (float
// accumulation noise is relative to the tensor's scale) plus a tiny absolute floor.
Check compare(const std::vector<std::vector<float>>& analytic,
              const std::vector<std::vector<std::pair<std::size_t, double>>>& numeric,
              const std::vector<std::string>& names) {
    Check c;
    for (std::size_t t = 0; t < numeric.size(); ++t) {
        double scale = 0.0;
        for (const auto& [i, g] : numeric[t]) scale = std::max(scale, std::abs(g));
        for (const auto& [i, g] : numeric[t]) {
            const double allowed = 2e-4 * scale + 1e-7;
            const double ratio = std::abs(double(analytic[t][i]) - g) / allowed;
            if (ratio > c.worst) {
                c.worst = ratio;
                c.where = names[t] + "[" + std::to_string(i) + "]: analytic " +
                          std::to_string(analytic[t][i]) + ", numeric " + std::to_string(g);
            }
        }
    }
    return c;
}

struct Problem {
    Case c;
    nn::Network net;
    std::vector<std::uint8_t> codes;
    std::vector<float> targets;
    Params params;
    std::vector<std::string> names;

    explicit Problem(const Case& cs) : c(cs), net(cs.arch, 7) {
        net.setPenalties(cs.l1, cs.l2);
        net.setFusedBlocks(cs.fused);
        net.setConvBlocks(cs.convBlocks);
        Rng rng(1234);
        codes = randomCodes(rng, std::size_t(kBatch) * cs.arch.inputLength, true);
        targets = randomTargets(rng, kBatch, cs.arch.numClasses, cs.arch.output == arch::OutputKind::Softmax);
        // Move biases and batch-norm parameters away from their initial 0/1 so that their
        // gradients are generic.
        for (auto& p : net.parameters()) {
            names.push_back(p.name);
            if (!p.penalised)
                for (float& v : p.value) v += float(rng.uniform(-0.3, 0.3));
            if (cs.negativeGammas && p.name.ends_with(" gamma"))
                for (std::size_t i = 0; i < p.value.size(); i += 2) p.value[i] = -p.value[i];
        }
        params = paramsOf(net);
    }

    double refLoss(const Params& p, std::uint64_t seed = kStepSeed) const {
        return referenceLoss(c.arch, p, codes, targets, kBatch, seed, c.l1, c.l2);
    }

    // Central differences on up to 40 elements per tensor (all of small tensors).
    std::vector<std::vector<std::pair<std::size_t, double>>> numeric(std::uint64_t seed = kStepSeed) const {
        Rng pick(77);
        std::vector<std::vector<std::pair<std::size_t, double>>> out(params.size());
        Params p = params;
        for (std::size_t t = 0; t < p.size(); ++t) {
            const std::size_t n = p[t].size();
            std::vector<std::size_t> idx(n);
            for (std::size_t i = 0; i < n; ++i) idx[i] = i;
            if (n > 40) {
                pick.shuffle(idx.begin(), idx.end());
                idx.resize(40);
            }
            for (std::size_t i : idx) {
                const double h = 1e-6;
                const double v = p[t][i];
                p[t][i] = v + h;
                const double up = refLoss(p, seed);
                p[t][i] = v - h;
                const double down = refLoss(p, seed);
                p[t][i] = v;
                out[t].push_back({i, (up - down) / (2 * h)});
            }
        }
        return out;
    }

    std::vector<std::vector<float>> analytic(std::uint64_t seed = kStepSeed, nn::Loss* loss = nullptr) {
        const nn::Loss l = net.trainStep(codes.data(), targets.data(), kBatch, seed);
        if (loss) *loss = l;
        std::vector<std::vector<float>> g;
        for (const auto& p : net.parameters()) g.emplace_back(p.grad.begin(), p.grad.end());
        return g;
    }
};

}  // namespace

class TestNnGradients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { std::printf("gradient checks: data seed 1234, weight seed 7, step seed 99\n"); }

    void gradientsMatchReference_data() {
        QTest::addColumn<int>("index");
        const auto all = cases();
        for (int i = 0; i < int(all.size()); ++i) QTest::newRow(all[std::size_t(i)].name.c_str()) << i;
    }

    void gradientsMatchReference() {
        QFETCH(int, index);
        Problem pr(cases()[std::size_t(index)]);
        nn::Loss loss;
        const auto analytic = pr.analytic(kStepSeed, &loss);
        // The forward pass in training mode agrees with the reference...
        const double ref = pr.refLoss(pr.params);
        QVERIFY2(std::abs(loss.total() - ref) <= 2e-5 * std::max(1.0, std::abs(ref)),
                 qPrintable(QString("loss %1 vs reference %2").arg(loss.total(), 0, 'g', 10).arg(ref, 0, 'g', 10)));
        // ... and so do the gradients.
        const Check check = compare(analytic, pr.numeric(), pr.names);
        std::printf("  %-34s worst error %.3f of allowed\n", pr.c.name.c_str(), check.worst);
        if (check.worst > 0.1) std::printf("    %s\n", check.where.c_str());
        QVERIFY2(check.worst <= 1.0, check.where.c_str());
    }

    // The check must be able to fail: a 2% error in one gradient element, or gradients taken
    // with another step's dropout masks, are caught.
    void checkerDetectsWrongGradients() {
        const auto all = cases();
        const auto it = std::find_if(all.begin(), all.end(), [](const Case& c) { return c.name == "whole_network_sigmoid_bce"; });
        QVERIFY(it != all.end());
        Problem pr(*it);
        const auto numeric = pr.numeric();
        auto analytic = pr.analytic();
        QVERIFY(compare(analytic, numeric, pr.names).worst <= 1.0);

        auto broken = analytic;
        const std::size_t t = 3;  // second conv weight
        auto [i, g] = *std::max_element(numeric[t].begin(), numeric[t].end(),
                                        [](auto a, auto b) { return std::abs(a.second) < std::abs(b.second); });
        broken[t][i] = float(g * 1.02);
        QVERIFY(compare(broken, numeric, pr.names).worst > 1.0);

        const auto otherMasks = pr.analytic(kStepSeed + 1);
        QVERIFY(compare(otherMasks, numeric, pr.names).worst > 1.0);
    }
};

QTEST_APPLESS_MAIN(TestNnGradients)
#include "test_nn_gradients.moc"
