// Tests of the data recipe and its loader (core/lab/data_recipe.h, core/lab/data_loader.h):
// recipe JSON (round trip, the bytes earlier session files hold, errors), loadData on small
// synthetic, FASTA and folder inputs, errors naming the line, cancellation.

#include "lab/data_loader.h"
#include "core/lab/data_recipe_samples.h"

#include "util/input_error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>

using namespace motifloom;
using testing::fasta;
using testing::smallSynthetic;
using testing::writeText;

Q_DECLARE_METATYPE(nlohmann::json)


class TestDataLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recipeJsonRoundTrip_data();
    void recipeJsonRoundTrip();
    void recipeJsonBytes();
    void recipeJsonErrors_data();
    void recipeJsonErrors();
    void loadSmallSynthetic();
    void loadFasta_data();
    void loadFasta();
    void loadFastaSplitOptions();
    void loadDirectory();
    void brokenFastaNamesTheLine_data();
    void brokenFastaNamesTheLine();
    void cancellation();

private:
    QTemporaryDir mDir;
    QString path(const QString& name) const { return mDir.filePath(name); }
};

void TestDataLoader::initTestCase() {
    QVERIFY(mDir.isValid());
    testing::writeSampleFastaFiles(QDir(mDir.path()));
}

// ---- DataRecipe JSON ----------------------------------------------------------------------------

void TestDataLoader::recipeJsonRoundTrip_data() {
    testing::addSampleRecipeRows();
}

void TestDataLoader::recipeJsonRoundTrip() {
    QFETCH(lab::DataRecipe, recipe);
    const nlohmann::json json = recipe.toJson();
    QVERIFY(lab::DataRecipe::fromJson(json) == recipe);
    QVERIFY(lab::DataRecipe::fromJson(nlohmann::json::parse(json.dump())) == recipe);  // through text
    QVERIFY(lab::DataRecipe::fromJson(nlohmann::json::object()) == lab::DataRecipe{});  // every key optional
    QVERIFY(!recipe.describe().empty());
}

// The bytes that session files written by earlier versions (through Qt's JSON writer) hold:
// whole numbers without a decimal point, seeds beyond 2^53 as strings, no "directory" key
// for synthetic and FASTA recipes.
void TestDataLoader::recipeJsonBytes() {
    lab::DataRecipe r;
    r.kProbs = {1.0};
    r.gc = 0.41;
    r.splitFractions = {1, 0, 0};
    r.splitSeed = 18446744073709551615ull;
    r.motifIds = {"MA0079.3"};
    QCOMPARE(QString::fromStdString(r.toJson().dump()),
             QString(R"({"class_names":[],"count":25000,"expected_motif_ids":[],"files":[],"gc":0.41,"k_probs":[1],)"
                     R"("kind":"synthetic","label_mode":"header","length":200,"motif_database":"","motif_ids":["MA0079.3"],)"
                     R"("pad_with_n":false,"reverse_complements":true,"seed":33,"split_file":"","split_fractions":[1,0,0],)"
                     R"("split_mode":"random","split_seed":"18446744073709551615","target_length":0,"test_file":"",)"
                     R"("train_file":"","valid_file":""})"));
    lab::DataRecipe d;
    d.kind = lab::DataRecipe::Kind::Directory;
    d.directory = "/data/sim";
    const nlohmann::json j = d.toJson();
    QCOMPARE(QString::fromStdString(j.at("directory").get<std::string>()), QString("/data/sim"));
    QVERIFY(lab::DataRecipe::fromJson(j) == d);
}

void TestDataLoader::recipeJsonErrors_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");  // JSON text
    QTest::addColumn<QString>("fragment");
    QTest::newRow("fail_kind") << "kind" << R"("protein")" << "unknown data kind 'protein'";
    QTest::newRow("fail_count_type") << "count" << R"("many")" << "'count' must be a whole number";
    QTest::newRow("fail_count_fraction") << "count" << "2.5" << "'count' must be a whole number";
    QTest::newRow("fail_label_mode") << "label_mode" << R"("guess")" << "unknown label mode 'guess'";
    QTest::newRow("fail_split_fractions") << "split_fractions" << "[0.5, 0.5]" << "3 numbers";
    QTest::newRow("fail_seed") << "seed" << "-3" << "'seed' must be a non-negative";
    QTest::newRow("fail_seed_text") << "seed" << R"("12x")" << "'seed' must be a non-negative";
    QTest::newRow("fail_seed_beyond_double") << "seed" << "9007199254740993" << "'seed' must be a non-negative";
    QTest::newRow("fail_files") << "files" << "[1, 2]" << "list of strings";
    QTest::newRow("fail_gc") << "gc" << "true" << "'gc' must be a number";
}

void TestDataLoader::recipeJsonErrors() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, fragment);
    nlohmann::json json = lab::DataRecipe{}.toJson();
    json[key.toStdString()] = nlohmann::json::parse(value.toStdString());
    try {
        (void)lab::DataRecipe::fromJson(json);
        QFAIL("no error");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(fragment), e.what());
        QVERIFY(QString::fromStdString(e.what()).startsWith("data recipe: "));
    }
}

// ---- loadData -----------------------------------------------------------------------------------

void TestDataLoader::loadSmallSynthetic() {
    const lab::DataRecipe r = smallSynthetic();
    std::vector<double> fractions;
    const lab::LoadedData d = lab::loadData(r, [&](double f, const std::string&) {
        fractions.push_back(f);
        return true;
    });
    QVERIFY(!fractions.empty());
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QCOMPARE(fractions.back(), 1.0);
    QCOMPARE(d.splits.train.size(), std::size_t(210));
    QCOMPARE(d.splits.valid.size(), std::size_t(30));
    QCOMPARE(d.splits.test.size(), std::size_t(60));
    QCOMPARE(d.splits.train.length, 120);
    QCOMPARE(d.classNames, (std::vector<std::string>{"ARID3A", "SP1", "YY1"}));
    QCOMPARE(d.trueMotifs.size(), std::size_t(3));
    QVERIFY(d.hasTruth());
    QCOMPARE(d.truthStart.back(), d.truth.size());

    // Every sequence of every split: its placements are its own, inside it, and they explain
    // its labels exactly (a class is positive iff one of its motifs was embedded).
    std::size_t placements = 0;
    for (auto part : {synth::Part::Train, synth::Part::Valid, synth::Part::Test}) {
        const seqio::SequenceSet& set = d.part(part);
        for (std::size_t i = 0; i < set.size(); ++i) {
            const auto ps = d.placementsOf(part, i);
            QVERIFY(!ps.empty() && ps.size() <= 2);
            std::vector<float> expected(3, 0.0f);
            for (const auto& p : ps) {
                QCOMPARE(p.sequence, d.sourceIndex[std::size_t(part)][i]);
                QVERIFY(p.start >= 0 && p.start + p.width <= set.length);
                QCOMPARE(p.width, d.trueMotifs[std::size_t(p.motif)].width());
                expected[std::size_t(p.motif)] = 1.0f;
            }
            QVERIFY(std::equal(expected.begin(), expected.end(), set.label(i)));
            placements += ps.size();
        }
    }
    QCOMPARE(placements, d.truth.size());
    long counted = 0;
    for (const auto& c : d.classCounts) counted += c[0] + c[1] + c[2];
    QVERIFY(counted >= 300);
    QVERIFY(QString::fromStdString(d.summary).contains("300 sequences of 120 nt"));

    // Same recipe, same data.
    const lab::LoadedData again = lab::loadData(r);
    QVERIFY(again.splits.test.codes == d.splits.test.codes);
}

void TestDataLoader::loadFasta_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("total");
    QTest::addColumn<QStringList>("classes");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("single");
    QTest::newRow("header_labels") << int(seqio::LabelMode::HeaderTokens) << QStringList{"multi.fa"} << 50
                                   << QStringList{"class0", "class1"} << 80 << false;
    QTest::newRow("header_class") << int(seqio::LabelMode::HeaderTokens) << QStringList{"single.fa"} << 40
                                  << QStringList{"REST", "CTCF"} << 90 << true;
    QTest::newRow("file_per_class") << int(seqio::LabelMode::FilePerClass) << QStringList{"CTCF.fa", "REST.fa"} << 50
                                    << QStringList{"CTCF", "REST"} << 100 << true;
    QTest::newRow("positive_negative") << int(seqio::LabelMode::PositiveNegative) << QStringList{"pos.fa", "neg.fa"}
                                       << 60 << QStringList{"pos"} << 70 << false;
}

void TestDataLoader::loadFasta() {
    QFETCH(int, mode);
    QFETCH(QStringList, files);
    QFETCH(int, total);
    QFETCH(QStringList, classes);
    QFETCH(int, length);
    QFETCH(bool, single);
    lab::DataRecipe r;
    r.kind = lab::DataRecipe::Kind::Fasta;
    r.labelMode = seqio::LabelMode(mode);
    for (const QString& f : files) r.files.push_back(path(f).toStdString());
    r.splitSeed = 3;
    int calls = 0;
    const lab::LoadedData d = lab::loadData(r, [&](double, const std::string&) { return ++calls > 0; });
    QVERIFY(calls > 0);
    const auto& s = d.splits;
    QCOMPARE(int(s.train.size() + s.valid.size() + s.test.size()), total);
    QCOMPARE(int(s.valid.size()), int(total * 0.1));
    QCOMPARE(int(s.test.size()), int(total * 0.2));
    QStringList names;
    for (const auto& n : d.classNames) names << QString::fromStdString(n);
    QCOMPARE(names, classes);
    QCOMPARE(s.train.length, length);  // the most common length
    QCOMPARE(s.train.task == seqio::TaskKind::SingleLabel, single);
    QVERIFY(!d.hasTruth());
    QVERIFY(d.placementsOf(synth::Part::Train, 0).empty());
    long counted = 0;
    for (const auto& c : d.classCounts) counted += c[0] + c[1] + c[2];
    if (single) QCOMPARE(counted, long(total));
    if (mode == int(seqio::LabelMode::PositiveNegative)) {
        QCOMPARE(counted, 25L);  // only the positives carry the class
        QCOMPARE(d.warnings.count(seqio::kWarnPadded), 25L);
        QVERIFY(QString::fromStdString(d.summary).contains("padded"));
    }
}

void TestDataLoader::loadFastaSplitOptions() {
    // Separate train / valid / test files with header labels.
    writeText(path("train.fa"), fasta(12, 50, [](int i) { return "labels=" + QByteArray(i % 2 ? "1" : "0"); }));
    writeText(path("valid.fa"), fasta(4, 50, [](int) { return QByteArray("labels=1"); }));
    writeText(path("test.fa"), fasta(6, 50, [](int) { return QByteArray("labels=0"); }));
    lab::DataRecipe r;
    r.kind = lab::DataRecipe::Kind::Fasta;
    r.splitMode = lab::DataRecipe::SplitMode::SeparateFiles;
    r.trainFile = path("train.fa").toStdString();
    r.validFile = path("valid.fa").toStdString();
    r.testFile = path("test.fa").toStdString();
    r.classNames = {"bound"};
    r.expectedMotifIds = {"MA0079.3"};
    const lab::LoadedData d = lab::loadData(r);
    QCOMPARE(d.splits.train.size(), std::size_t(12));
    QCOMPARE(d.splits.valid.size(), std::size_t(4));
    QCOMPARE(d.splits.test.size(), std::size_t(6));
    QCOMPARE(d.classNames, std::vector<std::string>{"bound"});
    QCOMPARE(d.classCounts[0][1], 4L);
    QCOMPARE(d.trueMotifs.size(), std::size_t(1));
    QCOMPARE(d.trueMotifs[0].name, std::string("SP1"));

    // An assignment file: every record named once.
    QByteArray split;
    for (int i = 0; i < 50; ++i) split += "s" + QByteArray::number(i) + (i < 30 ? " train\n" : i < 40 ? "\tvalid\n" : " test\n");
    writeText(path("split.txt"), split);
    lab::DataRecipe a;
    a.kind = lab::DataRecipe::Kind::Fasta;
    a.files = {path("multi.fa").toStdString()};
    a.splitMode = lab::DataRecipe::SplitMode::AssignmentFile;
    a.splitFile = path("split.txt").toStdString();
    const lab::LoadedData e = lab::loadData(a);
    QCOMPARE(e.splits.train.size(), std::size_t(30));
    QCOMPARE(e.splits.valid.size(), std::size_t(10));
    QCOMPARE(e.splits.test.ids.front(), std::string("s40"));
}

// A folder as `motifloom-cli simulate` writes it: train / valid / test files, classes.txt.
void TestDataLoader::loadDirectory() {
    QDir(mDir.path()).mkdir("sim");
    writeText(path("sim/train.fa"), fasta(30, 50, [](int i) { return "labels=" + QByteArray(i % 2 ? "1,0" : "0,1"); }));
    writeText(path("sim/valid.fa"), fasta(6, 50, [](int) { return QByteArray("labels=1,0"); }));
    writeText(path("sim/test.fa"), fasta(8, 52, [](int) { return QByteArray("labels=0,1"); }));
    writeText(path("sim/classes.txt"), "CTCF\nREST\n");
    lab::DataRecipe r;
    r.kind = lab::DataRecipe::Kind::Directory;
    r.directory = path("sim").toStdString();
    const lab::LoadedData d = lab::loadData(r);
    QCOMPARE(d.splits.train.size(), std::size_t(30));
    QCOMPARE(d.splits.valid.size(), std::size_t(6));
    QCOMPARE(d.splits.test.size(), std::size_t(8));
    QCOMPARE(d.splits.train.length, 50);  // the most common length; test sequences cropped
    QCOMPARE(d.classNames, (std::vector<std::string>{"CTCF", "REST"}));
    QVERIFY(!d.hasTruth());
    QVERIFY2(QString::fromStdString(d.summary).contains("from the folder"), d.summary.c_str());
    QCOMPARE(QString::fromStdString(r.describe()), "folder: " + path("sim"));

    r.directory = path("nowhere").toStdString();
    try {
        (void)lab::loadData(r);
        QFAIL("no error");
    } catch (const InputError& e) {
        QVERIFY2(QString(e.what()).contains("nowhere") && QString(e.what()).contains("data folder not found"), e.what());
    }
}

void TestDataLoader::brokenFastaNamesTheLine_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("fail_illegal_character") << QByteArray(">a labels=1\nACGT\n>b labels=0\nACGT\nACXT\n") << "line 5";
    QTest::newRow("fail_missing_label") << QByteArray(">a labels=1\nACGT\n>b\nACGT\n") << "line 3";
    QTest::newRow("fail_truncated_record") << QByteArray(">a labels=1\nACGT\n>b labels=0\n") << "line 3";
}

void TestDataLoader::brokenFastaNamesTheLine() {
    QFETCH(QByteArray, text);
    QFETCH(QString, fragment);
    writeText(path("broken.fa"), text);
    lab::DataRecipe r;
    r.kind = lab::DataRecipe::Kind::Fasta;
    r.files = {path("broken.fa").toStdString()};
    try {
        (void)lab::loadData(r);
        QFAIL("no error");
    } catch (const InputError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains("broken.fa") && message.contains(fragment), e.what());
    }
}

void TestDataLoader::cancellation() {
    // Stop at the first progress report, at the third, and right before the end.
    for (int stopAt : {1, 3}) {
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(seqio::LoadCancelled,
                                 lab::loadData(smallSynthetic(), [&](double, const std::string&) { return ++calls < stopAt; }));
        QCOMPARE(calls, stopAt);
    }
    lab::DataRecipe f;
    f.kind = lab::DataRecipe::Kind::Fasta;
    f.files = {path("multi.fa").toStdString()};
    QVERIFY_THROWS_EXCEPTION(seqio::LoadCancelled,
                             lab::loadData(f, [](double fraction, const std::string&) { return fraction < 0.5; }));
    // A user stop is not an input error.
    try {
        (void)lab::loadData(f, [](double, const std::string&) { return false; });
    } catch (const InputError&) {
        QFAIL("cancellation reported as an input error");
    } catch (const seqio::LoadCancelled&) {
    }
}

QTEST_MAIN(TestDataLoader)
#include "test_data_loader.moc"
