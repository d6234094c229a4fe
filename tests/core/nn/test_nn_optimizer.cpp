// Tests for core/nn optimisers: Adam and SGD steps worked out by hand, state save/load round
// trip (resuming gives bit-identical weights), and mismatching or damaged state files.
#include "nn/optimizer.h"
#include "util/input_error.h"

#include <QtTest>

#include <cmath>
#include <sstream>

using namespace motifloom;

namespace {
struct Params {
    std::vector<float> w, g, b, gb;
    std::vector<nn::ParamView> views() { return {{"w", w, g, true}, {"b", b, gb, false}}; }
};
}  // namespace

class TestNnOptimizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Kingma & Ba with TF's bias correction: w -= lr*sqrt(1-b2^t)/(1-b1^t) * m/(sqrt(v)+eps).
    void adamByHand() {
        Params p{{1.0f, -2.0f}, {0.5f, -0.1f}, {0.0f}, {2.0f}};
        nn::Adam adam(0.01, 0.95, 0.999, 1e-7);
        double w[3] = {1.0, -2.0, 0.0}, m[3] = {}, v[3] = {};
        const double g1[3] = {0.5, -0.1, 2.0}, g2[3] = {-0.3, 0.2, 1.0};
        for (int t = 1; t <= 2; ++t) {
            const double* g = t == 1 ? g1 : g2;
            p.g = {float(g[0]), float(g[1])};
            p.gb = {float(g[2])};
            adam.step(p.views());
            const double lrT = 0.01 * std::sqrt(1 - std::pow(0.999, t)) / (1 - std::pow(0.95, t));
            for (int i = 0; i < 3; ++i) {
                m[i] = 0.95 * m[i] + 0.05 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= lrT * m[i] / (std::sqrt(v[i]) + 1e-7);
            }
            if (t == 1) QVERIFY(std::abs(w[0] - (1.0 - 0.01)) < 1e-5);  // first step: about lr
            QVERIFY(std::abs(p.w[0] - w[0]) < 1e-6);
            QVERIFY(std::abs(p.w[1] - w[1]) < 1e-6);
            QVERIFY(std::abs(p.b[0] - w[2]) < 1e-6);
        }
        QCOMPARE(adam.steps(), 2L);
    }

    // Keras' momentum SGD: u = mu*u - lr*g; w += u.
    void sgdByHand() {
        Params p{{1.0f}, {1.0f}, {}, {}};
        nn::Sgd sgd(0.1, 0.9);
        sgd.step(p.views());
        QVERIFY(std::abs(p.w[0] - 0.9f) < 1e-6);
        sgd.step(p.views());
        QVERIFY(std::abs(p.w[0] - 0.71f) < 1e-6);
        nn::Sgd plain(0.5, 0.0);
        plain.step(p.views());
        QVERIFY(std::abs(p.w[0] - 0.21f) < 1e-6);
    }

    void makeOptimizerFollowsSettings() {
        arch::TrainingSettings s;
        s.learningRate = 3e-4;
        auto adam = nn::makeOptimizer(s);
        QVERIFY(dynamic_cast<nn::Adam*>(adam.get()));
        QCOMPARE(adam->learningRate(), 3e-4);
        s.optimizer = arch::OptimizerKind::Sgd;
        QVERIFY(dynamic_cast<nn::Sgd*>(nn::makeOptimizer(s).get()));
    }

    // Large tensors are updated in parallel chunks: same result as the sequential formula.
    void largeTensors() {
        const std::size_t n = 100003;
        std::vector<float> w(n), g(n);
        for (std::size_t i = 0; i < n; ++i) {
            w[i] = float(i % 17) * 0.1f;
            g[i] = float(int(i % 13) - 6) * 0.01f;
        }
        const auto w0 = w;
        std::vector<nn::ParamView> views = {{"w", w, g, true}};
        nn::Adam adam(0.001, 0.9, 0.999, 1e-8);
        adam.step(views);
        const double lrT = 0.001 * std::sqrt(1 - 0.999) / (1 - 0.9);
        for (std::size_t i = 0; i < n; i += 997) {
            const double m = 0.1 * g[i], v = 0.001 * double(g[i]) * g[i];
            QVERIFY(std::abs(w[i] - (w0[i] - lrT * m / (std::sqrt(v) + 1e-8))) < 1e-6);
        }
    }

    // Saving and restoring the state resumes bit-identically.
    void saveLoadResumes_data() {
        QTest::addColumn<bool>("adam");
        QTest::newRow("adam") << true;
        QTest::newRow("sgd") << false;
    }
    void saveLoadResumes() {
        QFETCH(bool, adam);
        auto make = [&]() -> std::unique_ptr<nn::Optimizer> {
            if (adam) return std::make_unique<nn::Adam>(0.01, 0.9, 0.999, 1e-8);
            return std::make_unique<nn::Sgd>(0.01, 0.9);
        };
        Params p{{1, 2, 3}, {0.1f, -0.2f, 0.3f}, {0.5f}, {0.05f}};
        auto opt = make();
        for (int i = 0; i < 3; ++i) opt->step(p.views());
        std::stringstream state;
        opt->save(state);
        Params copy = p;
        for (int i = 0; i < 2; ++i) opt->step(p.views());

        auto resumed = make();
        resumed->setLearningRate(0.5);  // overwritten by the saved state
        resumed->load(state, copy.views());
        QCOMPARE(resumed->steps(), 3L);
        QCOMPARE(resumed->learningRate(), 0.01);
        for (int i = 0; i < 2; ++i) resumed->step(copy.views());
        QVERIFY(copy.w == p.w);
        QVERIFY(copy.b == p.b);
    }

    void fail_badState_data() {
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_other_optimiser") << 0 << "saved by a different optimiser";
        QTest::newRow("fail_other_shapes") << 1 << "holds 3 values where the architecture needs 4";
        QTest::newRow("fail_other_tensor_count") << 2 << "different number of parameter tensors";
        QTest::newRow("fail_truncated") << 3 << "truncated optimiser state file";
        QTest::newRow("fail_not_a_state") << 4 << "not a MotifLoom optimiser state file";
    }
    void fail_badState() {
        QFETCH(int, problem);
        QFETCH(QString, message);
        Params p{{1, 2, 3}, {0.1f, -0.2f, 0.3f}, {0.5f}, {0.05f}};
        nn::Adam adam(0.01, 0.9, 0.999, 1e-8);
        adam.step(p.views());
        std::stringstream out;
        adam.save(out);
        std::string bytes = out.str();
        Params other = p;
        std::unique_ptr<nn::Optimizer> target = std::make_unique<nn::Adam>(0.01, 0.9, 0.999, 1e-8);
        std::vector<nn::ParamView> views = other.views();
        switch (problem) {
        case 0: target = std::make_unique<nn::Sgd>(0.1, 0.9); break;
        case 1: other.w.push_back(4); other.g.push_back(0); views = other.views(); break;
        case 2: views.pop_back(); break;
        case 3: bytes.resize(bytes.size() - 20); break;
        case 4: bytes = "hello world, this is not a state"; break;
        }
        std::stringstream in(bytes);
        try {
            target->load(in, views, "run.ckpt");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
            QVERIFY2(QString(e.what()).startsWith("run.ckpt"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestNnOptimizer)
#include "test_nn_optimizer.moc"
