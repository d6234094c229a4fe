// Tests for session files (core/lab/session.h) and the run records they hold
// (core/lab/run_record.h): save -> load round trip (values equal, bytes identical on re-save,
// the weights predict the same), a file saved by the earlier Qt-based writer loads and saves
// back byte for byte, a session whose model is in the older model format (1) loads, broken
// files named with their problem, the curve helpers.
#include "lab/session.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "seqio/alphabet.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace motifloom;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

motif::Motif randomMotif(Rng& rng, const std::string& id, int width) {
    motif::Motif m;
    m.id = m.name = id;
    m.nsites = 17;
    m.probs.resize(4, width);
    for (int c = 0; c < width; ++c) {
        double sum = 0;
        for (int b = 0; b < 4; ++b) sum += m.probs(b, c) = rng.uniform(0.01, 1.0);
        for (int b = 0; b < 4; ++b) m.probs(b, c) /= sum;
    }
    return m;
}

interpret::MotifHit hit(int query, const std::string& id, const std::string& name, int truth, double e) {
    interpret::MotifHit h;
    h.tomtom.queryIndex = query;
    h.tomtom.targetIndex = 42 + query;
    h.tomtom.queryId = interpret::filterId(query);
    h.tomtom.targetId = id;
    h.tomtom.offset = -2;
    h.tomtom.pValue = e / 800;
    h.tomtom.eValue = e;
    h.tomtom.qValue = 0.1 / 3;  // not representable exactly in decimal
    h.tomtom.overlap = 9;
    h.tomtom.queryConsensus = "GGGGCGGGG";
    h.tomtom.targetConsensus = "GGGGCGGGGC";
    h.tomtom.orientation = '-';
    h.targetName = name;
    h.truth = truth;
    return h;
}

// A run with every part filled in, including NaN metrics and a real network.
std::shared_ptr<lab::RunRecord> fullRun(int id) {
    Rng rng(std::uint64_t(id) * 7919);
    auto r = std::make_shared<lab::RunRecord>();
    r->id = id;
    r->label = "CNN-25 \u00b7 seed 3";
    r->created = "2024-05-01T12:34:56";
    r->architecture = arch::preset("CNN-25", 200, 3);
    r->architecture.training.seed = 3;
    r->architecture.training.learningRate = 3e-4;
    lab::DataRecipe recipe;
    recipe.motifIds = {"MA0079.3", "MA0058.2", "MA0095.2"};
    recipe.count = 1234;
    recipe.seed = 99;
    r->dataRecipe = recipe;
    r->dataSummary = recipe.describe();
    r->classNames = {"SP1", "MAX", "YY1"};
    r->sweep = "pooling";
    r->trial = 2;
    for (int e = 1; e <= 3; ++e) {
        train::EpochRecord rec;
        rec.epoch = e;
        rec.trainLoss = 0.6 / e + rng.uniform() * 1e-3;
        rec.validLoss = 0.61 / e;
        rec.penalty = 1e-6 * e;
        rec.validAuroc = e == 1 ? kNaN : 0.9 + 0.01 * e;
        rec.validAupr = 0.8;
        rec.seconds = 1.25 * e;
        rec.sequencesPerSecond = 1000.0 / 3;
        rec.best = e == 3;
        r->history.epochs.push_back(rec);
    }
    r->batchLoss = {{0.1, 0.2, 1.0 / 3}, {0.7, 0.65, 0.6}};
    r->status = lab::RunStatus::EarlyStopped;
    r->message = "early stopping: validation loss stopped improving";
    r->seconds = 12.5;
    r->steps = 531;
    r->tested = true;
    r->testLoss = 0.123456789;
    r->test.numClasses = 3;
    r->test.numExamples = 250;
    r->test.positives = {100, 0, 57};
    r->test.auroc = {0.95, kNaN, 0.9 + 1.0 / 7};
    r->test.averagePrecision = {0.9, kNaN, 0.8};
    r->test.auprTrapezoid = {0.89, kNaN, 0.79};
    r->test.accuracy = {0.97, 1.0, 0.93};
    r->test.meanAuroc = (0.95 + 0.9 + 1.0 / 7) / 2;
    r->test.meanAveragePrecision = 0.85;
    r->test.meanAuprTrapezoid = 0.84;
    r->test.meanAccuracy = 0.9666;
    r->test.accuracyOverall = 0.9666;
    r->test.undefinedAurocClasses = 1;
    r->roc = {{{0, 0.1, 1}, {0, 0.7, 1}}, {}, {{0, 1}, {0, 1}}};
    r->pr = {{{0, 0.5, 1}, {1, 0.9, 0.4}}, {}, {{0, 1}, {1, 0.23}}};
    lab::RunFilters f;
    f.dataPart = "test";
    f.pwms.layer.convNumber = 1;
    f.pwms.layer.convIndex = 0;
    f.pwms.layer.activationIndex = 2;
    f.pwms.layer.filters = 3;
    f.pwms.layer.inputChannels = 4;
    f.pwms.layer.length = 200;
    f.pwms.layer.receptiveField = 19;
    f.pwms.layer.windowOffset = -9;
    f.pwms.sequences = 250;
    for (int i = 0; i < 3; ++i) {
        interpret::FilterPwm p;
        if (i != 1) {
            p.motif = randomMotif(rng, interpret::filterId(i), 19);
            p.sites = 17 + i;
        } else {
            p.motif.id = p.motif.name = interpret::filterId(i);  // never fires: width 0
        }
        p.maxActivation = i == 1 ? 0.0 : rng.uniform(1, 5);
        f.pwms.filters.push_back(p);
    }
    f.matched = true;
    interpret::FilterMatches m0;
    m0.filterId = "filter1";
    m0.hits = {hit(0, "MA0079.3", "SP1", 0, 1e-5), hit(0, "MA0516.1", "SP2", -1, 3e-3)};
    m0.best = m0.hits.front();
    interpret::FilterMatches m1;
    m1.filterId = "filter2";
    m1.status = interpret::FilterStatus::NeverFires;
    interpret::FilterMatches m2;
    m2.filterId = "filter3";
    m2.best = hit(2, "MA0004.1", "Arnt", -1, 2.5);
    f.matches = {m0, m1, m2};
    f.truth = {"MA0079.3", "MA0058.2", "MA0095.2"};
    f.truthNames = r->classNames;
    f.summary = interpret::summarise(f.matches, 3);
    r->filters = f;
    r->network = std::make_shared<const nn::Network>(r->architecture, 3);
    return r;
}

std::shared_ptr<lab::RunRecord> bareRun(int id) {
    auto r = std::make_shared<lab::RunRecord>();
    r->id = id;
    r->label = "custom \u00b7 seed 1";
    r->architecture = arch::preset("CNN-2");
    r->architecture.name = "my net";
    r->dataRecipe = lab::DataRecipe::paperSynthetic();
    r->status = lab::RunStatus::Stopped;
    train::EpochRecord rec;
    rec.epoch = 1;
    rec.trainLoss = 0.5;
    rec.validLoss = 0.55;
    r->history.epochs.push_back(rec);
    return r;
}

lab::Session sampleSession() {
    lab::Session s;
    lab::DataRecipe recipe;
    recipe.kind = lab::DataRecipe::Kind::Fasta;
    recipe.files = {"/data/a.fa", "/data/b.fa"};
    recipe.labelMode = seqio::LabelMode::FilePerClass;
    recipe.splitSeed = (std::uint64_t(1) << 60) + 7;  // beyond double precision
    s.dataRecipe = recipe;
    s.architecture = arch::preset("CNN-50");
    s.architecture.training.maxEpochs = 7;
    s.architecture.training.seed = 12345;
    s.runs = {fullRun(1), bareRun(4)};
    s.nextRunId = 6;
    return s;
}

bool sameDouble(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void compareMetrics(const metrics::ClassificationMetrics& a, const metrics::ClassificationMetrics& b) {
    QCOMPARE(a.numClasses, b.numClasses);
    QCOMPARE(a.numExamples, b.numExamples);
    QCOMPARE(a.positives, b.positives);
    for (std::size_t c = 0; c < a.auroc.size(); ++c) {
        QVERIFY(sameDouble(a.auroc[c], b.auroc[c]));
        QVERIFY(sameDouble(a.averagePrecision[c], b.averagePrecision[c]));
        QVERIFY(sameDouble(a.auprTrapezoid[c], b.auprTrapezoid[c]));
        QVERIFY(sameDouble(a.accuracy[c], b.accuracy[c]));
    }
    QVERIFY(sameDouble(a.meanAuroc, b.meanAuroc));
    QCOMPARE(a.undefinedAurocClasses, b.undefinedAurocClasses);
}

void compareRuns(const lab::RunRecord& a, const lab::RunRecord& b) {
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.label, b.label);
    QCOMPARE(a.created, b.created);
    QCOMPARE(a.architecture, b.architecture);
    QCOMPARE(a.dataRecipe, b.dataRecipe);
    QCOMPARE(a.classNames, b.classNames);
    QCOMPARE(a.sweep, b.sweep);
    QCOMPARE(a.trial, b.trial);
    QCOMPARE(a.history.epochs.size(), b.history.epochs.size());
    for (std::size_t e = 0; e < a.history.epochs.size(); ++e) {
        const auto &x = a.history.epochs[e], &y = b.history.epochs[e];
        QCOMPARE(x.epoch, y.epoch);
        QCOMPARE(x.trainLoss, y.trainLoss);
        QCOMPARE(x.validLoss, y.validLoss);
        QVERIFY(sameDouble(x.validAuroc, y.validAuroc));
        QCOMPARE(x.sequencesPerSecond, y.sequencesPerSecond);
        QCOMPARE(x.best, y.best);
    }
    QCOMPARE(a.batchLoss, b.batchLoss);
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.message, b.message);
    QCOMPARE(a.seconds, b.seconds);
    QCOMPARE(a.steps, b.steps);
    QCOMPARE(a.tested, b.tested);
    QVERIFY(sameDouble(a.testLoss, b.testLoss));
    if (a.tested) compareMetrics(a.test, b.test);
    QCOMPARE(a.roc, b.roc);
    QCOMPARE(a.pr, b.pr);
    QCOMPARE(a.filters.has_value(), b.filters.has_value());
    if (a.filters) {
        const lab::RunFilters &f = *a.filters, &g = *b.filters;
        QCOMPARE(f.pwms.filters.size(), g.pwms.filters.size());
        for (std::size_t i = 0; i < f.pwms.filters.size(); ++i) {
            QCOMPARE(f.pwms.filters[i].motif.id, g.pwms.filters[i].motif.id);
            QCOMPARE(f.pwms.filters[i].sites, g.pwms.filters[i].sites);
            QVERIFY(f.pwms.filters[i].motif.probs == g.pwms.filters[i].motif.probs);  // exact
            QCOMPARE(f.pwms.filters[i].maxActivation, g.pwms.filters[i].maxActivation);
        }
        QCOMPARE(f.pwms.layer.windowOffset, g.pwms.layer.windowOffset);
        QCOMPARE(f.matches.size(), g.matches.size());
        for (std::size_t i = 0; i < f.matches.size(); ++i) {
            QCOMPARE(f.matches[i].status, g.matches[i].status);
            QCOMPARE(f.matches[i].hits.size(), g.matches[i].hits.size());
            QCOMPARE(f.matches[i].best.has_value(), g.matches[i].best.has_value());
            for (std::size_t h = 0; h < f.matches[i].hits.size(); ++h) {
                QCOMPARE(f.matches[i].hits[h].tomtom.targetId, g.matches[i].hits[h].tomtom.targetId);
                QCOMPARE(f.matches[i].hits[h].tomtom.qValue, g.matches[i].hits[h].tomtom.qValue);
                QCOMPARE(f.matches[i].hits[h].tomtom.orientation, g.matches[i].hits[h].tomtom.orientation);
                QCOMPARE(f.matches[i].hits[h].truth, g.matches[i].hits[h].truth);
            }
        }
        QCOMPARE(f.summary.filtersWithTruth, g.summary.filtersWithTruth);
        QCOMPARE(f.summary.matchGroundTruth, g.summary.matchGroundTruth);
        QCOMPARE(f.truth, g.truth);
    }
    QCOMPARE(bool(a.network), bool(b.network));
    if (a.network) {
        std::ostringstream x(std::ios::binary), y(std::ios::binary);
        a.network->save(x);
        b.network->save(y);
        QVERIFY(x.str() == y.str());
        // ... and they compute the same.
        std::vector<std::uint8_t> codes(std::size_t(a.network->inputLength()) * 2);
        Rng rng(5);
        for (auto& c : codes) c = std::uint8_t(1u << rng.below(4));
        QVERIFY(a.network->predict(codes.data(), 2) == b.network->predict(codes.data(), 2));
    }
}

}  // namespace

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void resaveIsByteIdentical();
    void earlierFileKeepsItsBytes();
    void runJsonNamesTheRun();
    void loadBroken_data();
    void loadBroken();
    void saveToBadPathKeepsOldFile();
    void modelOfFormatOneLoads();
    void curveHelpers();
};

void TestSession::roundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath("s.motifloom");
    const lab::Session s = sampleSession();
    lab::saveSession(path.toStdString(), s);
    const lab::Session t = lab::loadSession(path.toStdString());
    QCOMPARE(t.dataRecipe, s.dataRecipe);
    QCOMPARE(t.architecture, s.architecture);
    QCOMPARE(t.architecture.training.seed, std::uint64_t(12345));
    QCOMPARE(t.nextRunId, 6);
    QCOMPARE(t.runs.size(), s.runs.size());
    for (std::size_t i = 0; i < s.runs.size(); ++i) compareRuns(*s.runs[i], *t.runs[i]);
    QVERIFY(std::isnan(t.runs[0]->test.auroc[1]));
    QVERIFY(std::isnan(t.runs[0]->history.epochs[0].validAuroc));
}

void TestSession::resaveIsByteIdentical() {
    const QByteArray first = QByteArray::fromStdString(lab::sessionToBytes(sampleSession()));
    const QByteArray second = QByteArray::fromStdString(lab::sessionToBytes(lab::sessionFromBytes(first.toStdString(), "mem")));
    QCOMPARE(second.size(), first.size());
    QVERIFY(second == first);
    // Human-readable top: the format line comes first, the settings are there by name.
    QVERIFY(first.contains("\"format\": \"motifloom-session\""));
    QVERIFY(first.contains("\"learning_rate\""));
    QVERIFY(first.contains("\"mlm-base64\""));
}

// tests/data/lab/session-v1.motifloom was written by the Qt-based session writer MotifLoom had
// before core/lab (commit 991316d; a FASTA recipe with whole-number doubles, a seed beyond 2^53
// and quoted non-ASCII names, two runs with NaN metrics, filters and a match history, no
// weights): it loads, and saving it again gives the same bytes.
void TestSession::earlierFileKeepsItsBytes() {
    const std::string path = MOTIFLOOM_TEST_DATA_DIR "/lab/session-v1.motifloom";
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const lab::Session s = lab::loadSession(path);
    QCOMPARE(s.dataRecipe.kind, lab::DataRecipe::Kind::Fasta);
    QCOMPARE(s.dataRecipe.splitSeed, (std::uint64_t(1) << 60) + 7);
    QCOMPARE(s.dataRecipe.gc, 1.0);
    QCOMPARE(s.dataRecipe.classNames.front(), std::string("a \u00b7 \"quoted\""));
    QVERIFY(s.dataRecipe.truthMapping.empty());  // written before truth mappings existed
    QVERIFY(!s.runs[0]->filters || !s.runs[0]->filters->summary.lowInformationExcluded);
    QCOMPARE(s.runs.size(), std::size_t(2));
    QCOMPARE(s.runs[0]->dataRecipe.count, 1234);
    QCOMPARE(s.runs[0]->matchHistory.size(), std::size_t(2));
    QVERIFY(std::isnan(s.runs[0]->matchHistory[0].matchGroundTruth));
    QVERIFY(std::isnan(s.runs[0]->test.auroc[1]));
    QCOMPARE(s.nextRunId, 6);
    const QByteArray again = QByteArray::fromStdString(lab::sessionToBytes(s));
    QCOMPARE(again.size(), bytes.size());
    QVERIFY(again == bytes);
}

void TestSession::runJsonNamesTheRun() {
    nlohmann::json j = lab::runToJson(*fullRun(9));
    j.erase("history");
    try {
        lab::runFromJson(j, "x.motifloom");
        QFAIL("no exception");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.file()), QString("x.motifloom"));
        QVERIFY2(QString(e.what()).contains("run 9") && QString(e.what()).contains("history"), e.what());
    }
}

void TestSession::loadBroken_data() {
    QTest::addColumn<QByteArray>("content");  // empty: no file at all
    QTest::addColumn<QString>("expected");    // part of the message
    const QByteArray good = QByteArray::fromStdString(lab::sessionToBytes(sampleSession()));
    QTest::newRow("fail_missing_file") << QByteArray() << "no such session file";
    QTest::newRow("fail_not_json") << QByteArray("{\n  \"format\": \"motifloom-session\",\n  oops\n}") << "line 3";
    QTest::newRow("fail_truncated") << good.left(good.size() / 2) << "invalid JSON";
    QTest::newRow("fail_other_format") << QByteArray("{\"format\": \"motifloom-architecture\"}") << "not a MotifLoom session";
    QTest::newRow("fail_newer_version") << QByteArray("{\"format\": \"motifloom-session\", \"version\": 99}") << "version 99";
    QByteArray noRuns = good;
    noRuns.replace("\"runs\"", "\"rune\"");
    QTest::newRow("fail_no_runs") << noRuns << "runs: key 'runs' not found";
    QByteArray badModel = good;
    const int at = int(badModel.indexOf("\"data\": \"", badModel.indexOf("\"model\": {")));
    badModel.insert(at + 9, "!!!");
    QTest::newRow("fail_bad_base64") << badModel << "run 1: the model data is not valid base64";
    QByteArray badLayer = good;
    badLayer.replace("\"type\": \"max_pool\"", "\"type\": \"max_poo\"");
    QTest::newRow("fail_bad_layer") << badLayer << "max_poo";
    QByteArray badStatus = good;
    badStatus.replace("\"early stopped\"", "\"exploded\"");
    QTest::newRow("fail_bad_status") << badStatus << "run 1: unknown status 'exploded'";
}

void TestSession::loadBroken() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath("broken.motifloom");
    if (!content.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    try {
        lab::loadSession(path.toStdString());
        QFAIL("no exception");
    } catch (const InputError& e) {
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(what.contains("broken.motifloom"), qPrintable(what));  // names the file
        QVERIFY2(what.contains(expected), qPrintable(what));             // and the problem
    }
}

void TestSession::saveToBadPathKeepsOldFile() {
    QTemporaryDir dir;
    const QString good = dir.filePath("good.motifloom");
    lab::saveSession(good.toStdString(), sampleSession());
    const QByteArray before = [&] {
        QFile f(good);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    const QString bad = dir.filePath("missing-folder/x.motifloom");
    try {
        lab::saveSession(bad.toStdString(), sampleSession());
        QFAIL("no exception");
    } catch (const InputError& e) {
        QVERIFY2(QString(e.what()).contains("missing-folder/x.motifloom"), e.what());
    }
    QFile f(good);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"good.motifloom"});  // no temp files left
}

// A session saved before model files stored their architecture as JSON (its run's model is
// tests/data/nn/fixture_sigmoid_v1.mlm's network, format 1) loads, predicts what that network
// predicted (tests/data/nn/fixture_sigmoid.expected.json), and saves again in the current format.
void TestSession::modelOfFormatOneLoads() {
    const lab::Session s = lab::loadSession(MOTIFLOOM_TEST_DATA_DIR "/session/model_format_1.motifloom");
    std::ifstream in(MOTIFLOOM_TEST_DATA_DIR "/nn/fixture_sigmoid.expected.json");
    const nlohmann::json expected = nlohmann::json::parse(in);
    QCOMPARE(s.runs.size(), std::size_t(1));
    QVERIFY(s.runs[0]->network);
    std::vector<std::uint8_t> codes;
    for (const auto& seq : expected.at("sequences")) {
        const auto c = seqio::encodeSequence(seq.get<std::string>());
        codes.insert(codes.end(), c.begin(), c.end());
    }
    const std::size_t n = expected.at("sequences").size();
    for (const lab::Session& t : {s, lab::sessionFromBytes(lab::sessionToBytes(s), "resaved")}) {
        const nn::Network& net = *t.runs[0]->network;
        QVERIFY(net.architecture() == arch::fromJson(expected.at("architecture")));
        QVERIFY(t.runs[0]->architecture == net.architecture());
        const auto p = net.predict(codes.data(), n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < 3; ++k)
                QVERIFY(std::abs(p[i * 3 + k] - expected.at("probabilities")[i][k].get<float>()) < 1e-5f);
    }
    // base64 of "MLNETWRK", version 2
    QVERIFY(lab::sessionToBytes(s).find("\"data\": \"TUxORVRXUksCAAAA") != std::string::npos);
}

void TestSession::curveHelpers() {
    // thinCurve keeps the ends and drops points closer than the step.
    const lab::Curve c = lab::thinCurve({0, 0.001, 0.002, 0.5, 0.501, 1}, {0, 0, 0.001, 0.5, 0.5, 1}, 0.01);
    QCOMPARE(c.x, (std::vector<double>{0, 0.5, 1}));
    // downsample keeps the last point and at most maxPoints.
    std::vector<double> x(1000), y(1000);
    for (int i = 0; i < 1000; ++i) x[std::size_t(i)] = y[std::size_t(i)] = i;
    const lab::Curve d = lab::downsample(x, y, 100);
    QVERIFY(d.x.size() <= 100);
    QCOMPARE(d.x.back(), 999.0);
    QCOMPARE(d.x.front(), 0.0);
    // The smoother is bias-corrected: a constant loss stays that constant.
    lab::LossSmoother s(175);
    for (int i = 0; i < 50; ++i) QVERIFY(std::abs(s.add(0.3) - 0.3) < 1e-12);
    // ... and follows a step within an epoch.
    for (int i = 0; i < 175; ++i) s.add(0.1);
    QVERIFY(std::abs(s.add(0.1) - 0.1) < 0.01);
}

QTEST_MAIN(TestSession)
#include "test_session_file.moc"
