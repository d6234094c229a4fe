// The exchange format (core/exchange/exchange_format.h), the importer into run directories and
// the generated model.py: a round trip keeps every value and every prediction; damaged or
// mismatching folders give an InputError naming the file and the layer (or line); model.py
// spells out the architecture (padding, pooling, batch-norm momentum, flatten order).
#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "exchange/exchange_format.h"
#include "exchange/model_import.h"
#include "exchange/pytorch_export.h"
#include "train/run_directory.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace motifloom;
namespace fs = std::filesystem;

namespace {

// CNN-2 at length 40, 3 classes, with every saved value (weights, biases, gamma, beta, running
// statistics) set to a distinct number, so a value landing in the wrong place shows.
nn::Network distinctNetwork() {
    arch::Architecture a = arch::preset("CNN-2", 40, 3);
    a.layers[0].bias = true;
    nn::Network net(a, 7);
    Rng rng(3);
    for (int i = 0; i < net.layerCount(); ++i)
        for (auto t : net.layerState(i))
            for (float& v : t) v = float(rng.uniform(0.1, 1.0));
    return net;
}

std::vector<std::uint8_t> someCodes(std::size_t n, int length) {
    Rng rng(11);
    std::vector<std::uint8_t> codes(n * std::size_t(length));
    for (auto& c : codes) c = std::uint8_t(1u << rng.below(4));
    codes[5] = 15;  // N
    return codes;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

class TestExchange : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryValue() {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("m").toStdString();
        nn::Network net = distinctNetwork();
        exchange::writeExchangeModel(folder, net, {{"producer", "test"}});
        exchange::ExchangeModel back = exchange::readExchangeModel(folder);
        QVERIFY(back.network.architecture() == net.architecture());
        QCOMPARE(back.manifest["producer"].get<std::string>(), std::string("test"));
        for (int i = 0; i < net.layerCount(); ++i) {
            const auto a = net.layerState(i), b = back.network.layerState(i);
            QCOMPARE(a.size(), b.size());
            for (std::size_t t = 0; t < a.size(); ++t)
                QVERIFY(std::equal(a[t].begin(), a[t].end(), b[t].begin(), b[t].end()));
        }
        const auto codes = someCodes(9, 40);
        QVERIFY(net.predict(codes.data(), 9) == back.network.predict(codes.data(), 9));
        // 4 bytes per saved float, nothing else.
        std::size_t floats = 0;
        for (int i = 0; i < net.layerCount(); ++i)
            for (auto t : net.layerState(i)) floats += t.size();
        QCOMPARE(std::size_t(fs::file_size(folder + "/weights.f32")), floats * 4);
    }

    void layoutIsDocumented() {
        // Conv weight [tap][channel][filter]: element (k, c, f) at (k*C + c)*F + f.
        QTemporaryDir dir;
        const std::string folder = dir.filePath("m").toStdString();
        nn::Network net = distinctNetwork();
        exchange::writeExchangeModel(folder, net);
        const auto manifest = nlohmann::json::parse(readAll(folder + "/model.json"));
        const auto& first = manifest["weights"]["tensors"][0];
        QCOMPARE(first["layer"].get<int>(), 1);
        QCOMPARE(first["name"].get<std::string>(), std::string("weight"));
        QVERIFY(first["shape"] == nlohmann::json({19, 4, 30}));
        const std::string blob = readAll(folder + "/weights.f32");
        const auto filters = net.convFilters(0);  // [f][c][k]
        float v;
        const int k = 4, c = 2, f = 17;
        std::memcpy(&v, blob.data() + 4 * ((k * 4 + c) * 30 + f), 4);
        QCOMPARE(v, filters[std::size_t((f * 4 + c) * 19 + k)]);
    }

    void damagedFolders_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fail_truncated_weights") << "truncate" << "weights.f32: the file ends inside layer 16 (dense) bias";
        QTest::newRow("fail_extra_bytes") << "append" << "weights.f32: the file has";
        QTest::newRow("fail_wrong_shape") << "shape" << "layer 1 (conv) weight has shape [19,4,31]";
        QTest::newRow("fail_wrong_name") << "name" << "expected layer 2 (batch norm) gamma";
        QTest::newRow("fail_missing_tensor") << "drop" << "the weights list ends before layer 16 (dense) bias";
        QTest::newRow("fail_version") << "version" << "exchange format version 2 is not supported";
        QTest::newRow("fail_format") << "format" << "not a MotifLoom exchange manifest";
        QTest::newRow("fail_json_syntax_line") << "syntax" << "model.json line 3: invalid JSON";
        QTest::newRow("fail_absurd_architecture") << "absurd" << "the architecture needs";
        QTest::newRow("fail_path_in_file_name") << "path" << "must be a plain file name";
        QTest::newRow("fail_no_weights_file") << "remove" << "weights.f32: cannot open the file";
    }

    void damagedFolders() {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string folder = dir.filePath("m").toStdString();
        exchange::writeExchangeModel(folder, distinctNetwork());
        const std::string manifestPath = folder + "/model.json", weightsPath = folder + "/weights.f32";
        auto manifest = nlohmann::json::parse(readAll(manifestPath));
        auto& tensors = manifest["weights"]["tensors"];
        const std::string blob = readAll(weightsPath);
        if (damage == "truncate") writeAll(weightsPath, blob.substr(0, blob.size() - 4));
        if (damage == "append") writeAll(weightsPath, blob + "abcd");
        if (damage == "shape") tensors[0]["shape"] = {19, 4, 31};
        if (damage == "name") tensors[2]["name"] = "beta";
        if (damage == "drop") tensors.erase(tensors.size() - 1);
        if (damage == "version") manifest["version"] = 2;
        if (damage == "format") manifest["format"] = "keras";
        if (damage == "absurd") manifest["architecture"]["layers"][0]["filters"] = 1000000;
        if (damage == "path") manifest["weights"]["file"] = "../weights.f32";
        if (damage == "remove") fs::remove(weightsPath);
        if (damage != "truncate" && damage != "append" && damage != "remove") writeAll(manifestPath, manifest.dump(1));
        if (damage == "syntax") writeAll(manifestPath, "{\n \"format\": \"motifloom-exchange\",\n \"version\": 1,,\n}");
        try {
            exchange::readExchangeModel(folder);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(expected), e.what());
        }
    }

    void importWritesARunDirectory() {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("result").toStdString(), run = dir.filePath("run").toStdString();
        nn::Network net = distinctNetwork();
        nlohmann::json metrics = {{"test_auroc", 0.8125}, {"test_aupr", 0.5}, {"test_loss", 0.25},
                                  {"test_sequences", 9},
                                  {"per_class", {{{"class", "CTCF"}, {"positives", 4}, {"auroc", 0.75}, {"aupr", nullptr}}}}};
        nlohmann::json history = {{{"epoch", 1}, {"train_loss", 0.6}, {"valid_loss", 0.5}, {"penalty", 0.01},
                                   {"valid_auroc", 0.7}, {"valid_aupr", 0.4}, {"seconds", 1.5}, {"seq_per_s", 100.0},
                                   {"best", true}}};
        exchange::writeExchangeModel(folder, net, {{"metrics", metrics}, {"history", history},
                                                   {"stop_reason", "early_stopping"}});
        // The project folder is accepted too (its result/ is read).
        const auto imported = exchange::importModel(dir.path().toStdString());
        exchange::writeImportedRun(imported, run);
        const nn::Network loaded = train::loadRunModel(run);
        const auto codes = someCodes(9, 40);
        QVERIFY(loaded.predict(codes.data(), 9) == net.predict(codes.data(), 9));
        const auto m = nlohmann::json::parse(readAll(run + "/metrics.json"));
        QCOMPARE(m["test_auroc"].get<double>(), 0.8125);
        QCOMPARE(m["per_class"][0]["class"].get<std::string>(), std::string("CTCF"));
        QVERIFY(m["per_class"][0]["aupr"].is_null());
        QCOMPARE(m["epochs_run"].get<int>(), 1);
        QCOMPARE(m["stop_reason"].get<std::string>(), std::string(train::toString(train::StopReason::EarlyStopping)));
        QVERIFY(fs::exists(run + "/architecture.json"));
        QVERIFY(readAll(run + "/history.tsv").find("\n1\t0.6\t0.5") != std::string::npos);
    }

    void importNamesWhatItReads() {
        QTemporaryDir dir;
        try {
            exchange::importModel(dir.path().toStdString());
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("MotifLoom exchange folder"), e.what());
        }
    }

    void modelSourceSpellsOutTheArchitecture() {
        const std::string py = exchange::pytorchModelSource(arch::preset("CNN-25", 200, 12));
        for (const char* line : {"Conv(4, 30, 19, \"same\", bias=False),  # 1: -> 30 x 200",
                                 "BatchNorm(30, eps=1e-08, momentum=0.99),", "MaxPool(200, 25, 25),  # 4: -> 30 x 8",
                                 "MaxPool(8, 4, 4),  # 9: -> 128 x 2", "FlattenLengthMajor(),  # 11: -> 256 features",
                                 "Dense(256, 512, bias=False),", "nn.Dropout(0.5),", "Dense(512, 12, bias=True),",
                                 "INPUT_LENGTH = 200", "NUM_CLASSES = 12", "OUTPUT = \"sigmoid\""})
            QVERIFY2(py.find(line) != std::string::npos, line);
        QVERIFY(py.find("{{") == std::string::npos);
        arch::Architecture a = arch::preset("CNN-2", 50, 2);
        a.layers[2].activation = arch::ActivationType::Exponential;
        QVERIFY(exchange::pytorchModelSource(a).find("Exponential(),  # 3: -> 30 x 50") != std::string::npos);
    }

    void exportWritesTheProject() {
        QTemporaryDir dir;
        const std::string out = dir.filePath("proj").toStdString();
        nn::Network net = distinctNetwork();
        const auto files = exchange::exportPyTorchProject(net.architecture(), &net, {"data/dir", "run r"}, out);
        for (const char* f : {"model.py", "data.py", "train.py", "predict.py", "metrics.py", "exchange.py",
                              "architecture.json", "README.md", "weights/model.json", "weights/weights.f32"})
            QVERIFY2(fs::exists(out + "/" + f), f);
        QCOMPARE(int(files.size()), 10);
        const std::string train = readAll(out + "/train.py");
        QVERIFY(train.find("\"data\": \"data/dir\",") != std::string::npos);
        QVERIFY(train.find("\"init\": \"weights\",") != std::string::npos);
        QVERIFY(train.find("\"beta1\": 0.95,") != std::string::npos);
        QVERIFY(train.find("{{") == std::string::npos);
        QVERIFY(arch::loadArchitecture(out + "/architecture.json") == net.architecture());
        // An architecture that cannot be built writes nothing.
        arch::Architecture bad = arch::preset("CNN-2", 50, 2);
        bad.layers.erase(bad.layers.begin() + 10);  // the Flatten before the dense layer
        const std::string badOut = dir.filePath("bad").toStdString();
        QVERIFY_THROWS_EXCEPTION(InputError, exchange::exportPyTorchProject(bad, nullptr, {}, badOut));
        QVERIFY(!fs::exists(badOut));
    }
};

QTEST_APPLESS_MAIN(TestExchange)
#include "test_exchange.moc"
