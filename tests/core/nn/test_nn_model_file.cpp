// Tests for model files (nn::Network::save / load): the current format stores the architecture
// as the text of a run directory's architecture.json; damaged or invalid contents are named.
// Files of format 1 still load: tests/data/nn/
// fixture_*_v1.mlm were written by the format-1 writer (architecture as hand-serialised fields
// with enum numbers); each fixture_*.expected.json holds, from the same run of that code, the
// architecture (arch::toJson), the penalties, the sum of every trainable tensor and the
// predicted probabilities of a few sequences (tests/data/nn/README.md tells how they were made).
#include "arch/architecture_json.h"
#include "nn/binary_io.h"
#include "nn/network.h"
#include "seqio/alphabet.h"
#include "util/input_error.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstring>
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
        QCOMPARE(int(buffer.str()[8]), 2);  // the current format
        nn::Network again = nn::Network::load(buffer, "resaved");
        checkAgainstExpected(again, expected);
        QCOMPARE(weightsOf(again), weightsOf(net));
        const auto codes = codesOf(expected);
        const std::size_t n = expected.at("sequences").size();
        QCOMPARE(again.predict(codes.data(), n), net.predict(codes.data(), n));
    }
    // Format 2 holds the architecture as the exact text architecture.json gets.
    void architectureIsStoredAsItsJson() {
        nn::Network net = loadFile(kData + "fixture_sigmoid_v1.mlm");
        std::stringstream buffer;
        net.save(buffer);
        const std::string bytes = buffer.str();
        const std::string text = arch::toJsonString(net.architecture());
        // magic (8) | version (4) | payload size (8) | text size (8) | text
        QVERIFY(bytes.size() > 28 + text.size());
        std::uint64_t size = 0;
        std::memcpy(&size, bytes.data() + 20, sizeof size);
        QCOMPARE(size, std::uint64_t(text.size()));
        QCOMPARE(bytes.substr(28, text.size()), text);
        QVERIFY(text.find("\"type\":\"batch_norm\"") != std::string::npos);  // names, not enum numbers
    }

    void fail_formatTwoContents_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_json_syntax") << 0 << "its architecture cannot be read: line 1: invalid JSON";
        QTest::newRow("fail_unknown_layer_type") << 1 << "its architecture cannot be read: layer 1: unknown layer type 'conv2'";
        QTest::newRow("fail_invalid_architecture")
            << 2 << "its architecture cannot be built: layer 2: the batch-norm momentum must be in [0, 1) (is 1)";
        QTest::newRow("fail_missing_weights") << 3 << "unexpected end of data";
        QTest::newRow("fail_wrong_tensor_size") << 4 << "holds 3 values where the architecture needs 24";
    }
    // Payloads a damaged or hand-made file could hold (the frame and its checksum are fine).
    void fail_formatTwoContents() {
        QFETCH(int, which);
        QFETCH(QString, message);
        arch::Architecture a;
        a.name = "tiny";
        a.inputLength = 8;
        a.numClasses = 2;
        a.layers = {arch::LayerSpec::conv(2, 3), arch::LayerSpec::batchNorm(), arch::LayerSpec::flatten(),
                    arch::LayerSpec::dense(2)};
        std::string text = arch::toJsonString(a);
        if (which == 0) text = "{\"format\": ";
        if (which == 1) text.replace(text.find("conv1d"), 6, "conv2");
        if (which == 2) text.replace(text.find("\"momentum\":0.99"), 15, "\"momentum\":1");
        nn::BinaryWriter w;
        w.putString(text);
        w.put<double>(0.0);
        w.put<double>(0.0);
        if (which == 4) {
            w.put<std::uint32_t>(1);  // the convolution: its weights: 3 values of 3 x 4 x 2
            w.putFloats(std::vector<float>(3, 0.5f));
        }
        std::stringstream file;
        nn::writeFrame(file, "MLNETWRK", 2, w.data());
        try {
            nn::Network::load(file, "model.mlm");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith("model.mlm: corrupt network: "), e.what());
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestNnModelFile)
#include "test_nn_model_file.moc"
