// Tests for model files written by earlier versions of nn::Network::save. tests/data/nn/
// fixture_*_v1.mlm were written by the format-1 writer (architecture as hand-serialised fields
// with enum numbers); each fixture_*.expected.json holds, from the same run of that code, the
// architecture (arch::toJson), the penalties, the sum of every trainable tensor and the
// predicted probabilities of a few sequences (tests/data/nn/README.md tells how they were made).
#include "arch/architecture_json.h"
#include "nn/network.h"
#include "seqio/alphabet.h"
#include "util/input_error.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace motifloom;

namespace {

const std::string kData = MOTIFLOOM_TEST_DATA_DIR "/nn/";

nlohmann::json expectedOf(const QString& name) {
    std::ifstream in(kData + name.toStdString() + ".expected.json");
    return nlohmann::json::parse(in);
}

nn::Network loadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    return nn::Network::load(in, path);
}

// The sequences of `expected` as base codes, one after the other.
std::vector<std::uint8_t> codesOf(const nlohmann::json& expected) {
    std::vector<std::uint8_t> codes;
    for (const auto& s : expected.at("sequences")) {
        const auto c = seqio::encodeSequence(s.get<std::string>());
        codes.insert(codes.end(), c.begin(), c.end());
    }
    return codes;
}

// Checks a loaded network against what the writing code recorded: the same architecture and
// penalties, bit-identical weights (their sums in the same order), the same predictions (up to
// the last bits: another CPU may use another GEMM kernel, nn/gemm.h).
void checkAgainstExpected(nn::Network& net, const nlohmann::json& expected) {
    QVERIFY(net.architecture() == arch::fromJson(expected.at("architecture")));
    QCOMPARE(net.l1(), expected.at("l1").get<double>());
    QCOMPARE(net.l2(), expected.at("l2").get<double>());
    const auto& sums = expected.at("parameter_sums");
    QCOMPARE(net.parameters().size(), sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) {
        double sum = 0;
        for (float v : net.parameters()[i].value) sum += v;
        QCOMPARE(sum, sums[i].get<double>());
    }
    const auto codes = codesOf(expected);
    const auto& probs = expected.at("probabilities");
    const auto p = net.predict(codes.data(), probs.size());
    const std::size_t k = std::size_t(net.numClasses());
    for (std::size_t i = 0; i < probs.size(); ++i) {
        QCOMPARE(probs[i].size(), k);
        for (std::size_t c = 0; c < k; ++c)
            QVERIFY2(std::abs(p[i * k + c] - probs[i][c].get<float>()) < 1e-5f,
                     qPrintable(QString("sequence %1, class %2: %3 vs %4")
                                    .arg(i).arg(c).arg(p[i * k + c]).arg(probs[i][c].get<float>())));
    }
}

std::vector<float> weightsOf(nn::Network& net) {
    std::vector<float> out;
    for (const auto& p : net.parameters()) out.insert(out.end(), p.value.begin(), p.value.end());
    return out;
}

}  // namespace

class TestNnModelFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatOneLoads_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("sigmoid_adam_every_layer_type") << "fixture_sigmoid";
        QTest::newRow("softmax_sgd_pool_first") << "fixture_softmax";
    }
    // A file of format 1 loads with its architecture, penalties, weights and running
    // statistics; saved again (current format) and reloaded, nothing changes.
    void formatOneLoads() {
        QFETCH(QString, name);
        const nlohmann::json expected = expectedOf(name);
        nn::Network net = loadFile(kData + name.toStdString() + "_v1.mlm");
        checkAgainstExpected(net, expected);

        std::stringstream buffer;
        net.save(buffer);
        nn::Network again = nn::Network::load(buffer, "resaved");
        checkAgainstExpected(again, expected);
        QCOMPARE(weightsOf(again), weightsOf(net));
        const auto codes = codesOf(expected);
        const std::size_t n = expected.at("sequences").size();
        QCOMPARE(again.predict(codes.data(), n), net.predict(codes.data(), n));
    }
};

QTEST_APPLESS_MAIN(TestNnModelFile)
#include "test_nn_model_file.moc"
