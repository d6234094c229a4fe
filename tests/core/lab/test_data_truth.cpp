// The true motifs of loaded data (lab/data_truth.h): planted for synthetic data and simulate's
// folders, none for FASTA classes such as "pos" / "neg", proposals from class names, the
// recipe's mapping (kept by its JSON; recipes without one keep their bytes).
#include "lab/data_truth.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "util/input_error.h"

#include "core/lab/data_recipe_samples.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace motifloom;
using testing::fasta;
using testing::writeText;

class TestDataTruth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        testing::writeSampleFastaFiles(QDir(mDir.path()));
    }

    void syntheticIsPlanted() {
        const lab::LoadedData d = lab::loadData(testing::smallSynthetic());
        const interpret::RunTruth t = lab::runTruth(d, *lab::motifDatabase());
        QCOMPARE(t.keys(), (std::vector<std::string>{"MA0151.1", "MA0079.3", "MA0095.2"}));
        for (const auto& m : t.motifs) QCOMPARE(m.source, interpret::TruthSource::Planted);
    }

    void fastaClassNamesAreNotTruth() {
        lab::DataRecipe r;
        r.kind = lab::DataRecipe::Kind::Fasta;
        r.labelMode = seqio::LabelMode::PositiveNegative;
        r.files = {file("pos.fa"), file("neg.fa")};
        lab::LoadedData d = lab::loadData(r);
        QCOMPARE(d.classNames.size(), std::size_t(1));
        QVERIFY(!lab::runTruth(d, *lab::motifDatabase()).known());

        // One file per class named CTCF / REST: both proposed from their names.
        r.labelMode = seqio::LabelMode::FilePerClass;
        r.files = {file("CTCF.fa"), file("REST.fa")};
        d = lab::loadData(r);
        QCOMPARE(d.classNames, (std::vector<std::string>{"CTCF", "REST"}));
        interpret::RunTruth t = lab::runTruth(d, *lab::motifDatabase());
        QCOMPARE(t.motifs.size(), std::size_t(2));
        QCOMPARE(t.proposedCount(), 2);
        QCOMPARE(t.motifs[0].key, std::string("MA0139.1"));

        // The mapping: REST dropped, CTCF given two motifs; checked against the data's classes.
        d.recipe.truthMapping = {{"REST", {}}, {"CTCF", {"MA0139.1", "Pax4"}}};
        t = lab::runTruth(d, *lab::motifDatabase());
        QCOMPARE(t.keys(), (std::vector<std::string>{"MA0139.1", "MA0068.1"}));
        QCOMPARE(t.proposedCount(), 0);
        lab::checkTruth(d, *lab::motifDatabase(), "JASPAR");
        d.recipe.truthMapping = {{"NRSF", {"MA0138.2"}}};
        try {
            lab::checkTruth(d, *lab::motifDatabase(), "JASPAR");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("--truth: no class 'NRSF' in the data (classes: CTCF, REST)"));
        }
    }

    void simulateFolderIsPlanted() {
        // A folder as simulate writes it: classes.txt and motifs.meme name the same motifs.
        QDir(mDir.path()).mkdir("sim");
        writeText(path("sim/train.fa"), fasta(20, 40, [](int i) { return "labels=" + QByteArray(i % 2 ? "1,0" : "0,1"); }));
        writeText(path("sim/valid.fa"), fasta(4, 40, [](int) { return QByteArray("labels=1,0"); }));
        writeText(path("sim/test.fa"), fasta(4, 40, [](int) { return QByteArray("labels=0,1"); }));
        writeText(path("sim/classes.txt"), "MAX\nSP1\n");
        const motif::MotifList& db = *lab::motifDatabase();
        motif::writeMeme(path("sim/motifs.meme").toStdString(), motif::selectMotifs(db, {"MAX", "SP1"}, "JASPAR"));
        lab::DataRecipe r;
        r.kind = lab::DataRecipe::Kind::Directory;
        r.directory = path("sim").toStdString();
        const lab::LoadedData d = lab::loadData(r);
        QCOMPARE(d.trueMotifs.size(), std::size_t(2));
        const interpret::RunTruth t = lab::runTruth(d, db);
        QCOMPARE(t.motifs.size(), std::size_t(2));
        QCOMPARE(t.motifs[1].source, interpret::TruthSource::Planted);
        QCOMPARE(t.motifs[1].name, std::string("SP1"));
        // Other classes than the motifs: not planted (here: proposals by name instead).
        writeText(path("sim/classes.txt"), "SP1\nMAX\n");
        QVERIFY(lab::loadData(r).trueMotifs.empty());
    }

    void mappingInRecipeJson() {
        lab::DataRecipe r;
        r.kind = lab::DataRecipe::Kind::Fasta;
        QVERIFY(!r.toJson().contains("truth_mapping"));  // earlier files keep their bytes
        r.truthMapping = {{"CTCF", {"MA0139.1"}}, {"shuffled", {}}};
        const nlohmann::json j = r.toJson();
        QCOMPARE(QString::fromStdString(j.at("truth_mapping").dump()),
                 QString(R"([{"class":"CTCF","motif_ids":["MA0139.1"]},{"class":"shuffled","motif_ids":[]}])"));
        QVERIFY(lab::DataRecipe::fromJson(j) == r);
        nlohmann::json bad = j;
        bad["truth_mapping"] = "CTCF=MA0139.1";
        try {
            (void)lab::DataRecipe::fromJson(bad);
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("data recipe: 'truth_mapping' must be a list"));
        }
    }

private:
    QString path(const QString& name) const { return mDir.filePath(name); }
    std::string file(const QString& name) const { return path(name).toStdString(); }
    QTemporaryDir mDir;
};

QTEST_APPLESS_MAIN(TestDataTruth)
#include "test_data_truth.moc"
