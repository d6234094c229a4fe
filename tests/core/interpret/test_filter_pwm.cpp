// Activation-based filter PWMs (interpret/filter_pwm.h) and layer geometry (filter_layer.h).
// Networks get hand-set first-layer weights (+1 for the motif's base, -1 otherwise) so the
// activation of every position is known in closed form; a naive reference written from the
// docs/paper.md recipe then gives the exact PWM, site count and window behaviour to compare with.
#include "interpret/filter_layer.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "motif/motif_math.h"
#include "nn/network.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <string>

Q_DECLARE_METATYPE(motifloom::arch::Architecture)

using namespace motifloom;
using arch::LayerSpec;

namespace {

constexpr std::uint64_t kSeed = 20190101;
const std::string kMotif = "GATTACA";  // not its own reverse complement (TGTAATC)

std::uint8_t code(char base) {
    switch (base) {
    case 'A': return 1;
    case 'C': return 2;
    case 'G': return 4;
    case 'T': return 8;
    case 'N': return 15;
    default: return 0;
    }
}

// conv(filters x width) -> BN -> ReLU -> global max-pool -> flatten -> dense 1.
arch::Architecture simpleArch(int length, int filters, int width) {
    arch::Architecture a;
    a.name = "hand-made";
    a.inputLength = length;
    a.numClasses = 1;
    a.layers = {LayerSpec::conv(filters, width), LayerSpec::batchNorm(1e-8),
                LayerSpec::act(arch::ActivationType::ReLU), LayerSpec::maxPool(length),
                LayerSpec::flatten(), LayerSpec::dense(1, true)};
    return a;
}

// The weight tensor of layer `layerIndex` (0-based), Keras layout [tap][channel][filter].
std::span<float> weightsOf(nn::Network& net, int layerIndex) {
    const std::string prefix = "layer " + std::to_string(layerIndex + 1) + " (";
    for (const nn::ParamView& p : net.parameters())
        if (p.name.rfind(prefix, 0) == 0 && p.name.ends_with("weight")) return p.value;
    qFatal("no weight for layer %d", layerIndex);
}

// Filter `f` scores +1 for `motif`'s base at each tap, -1 for the others; taps where `motif`
// has '.' score 0. An all-'-' pattern scores -1 everywhere (never fires).
void setFilter(nn::Network& net, int layerIndex, int f, const std::string& pattern) {
    const int filters = net.architecture().layers[std::size_t(layerIndex)].units;
    std::span<float> w = weightsOf(net, layerIndex);
    for (int k = 0; k < int(pattern.size()); ++k)
        for (int b = 0; b < 4; ++b) {
            float v = 0;
            if (pattern[std::size_t(k)] == '-') v = -1;
            else if (pattern[std::size_t(k)] != '.') v = "ACGT"[b] == pattern[std::size_t(k)] ? 1.0f : -1.0f;
            w[(std::size_t(k) * 4 + std::size_t(b)) * std::size_t(filters) + std::size_t(f)] = v;
        }
}

// Random sequences; every other one holds `motif` at a random place (some at the very ends, so
// windows run past the sequence); sequence 3 has an N, sequence 5 ends in padding (code 0).
seqio::SequenceSet plantedData(int n, int length, const std::string& motif, std::uint64_t seed) {
    seqio::SequenceSet set;
    set.length = length;
    set.classNames = {"planted"};
    Rng rng(seed);
    for (int i = 0; i < n; ++i) {
        std::string s(std::size_t(length), 'A');
        for (char& c : s) c = "ACGT"[rng.below(4)];
        if (i % 2 == 0) {
            const int room = length - int(motif.size());
            const int at = i % 10 == 0 ? 0 : i % 10 == 2 ? room : int(rng.below(std::uint64_t(room + 1)));
            s.replace(std::size_t(at), motif.size(), motif);
        }
        if (i == 3) s[7] = 'N';
        set.ids.push_back("s" + std::to_string(i));
        for (int p = 0; p < length; ++p) set.codes.push_back(i == 5 && p >= length - 4 ? 0 : code(s[std::size_t(p)]));
        set.labels.push_back(i % 2 == 0 ? 1.0f : 0.0f);
    }
    return set;
}

// Naive reference of the docs/paper.md recipe for a first-layer filter given as a pattern (see
// setFilter), 'same' padding: activation = max(0, score) / sqrt(1 + 1e-8).
struct Reference {
    motif::Matrix4 probs;
    long sites = 0;
};
Reference referencePwm(const seqio::SequenceSet& data, const std::string& pattern, double threshold) {
    const int w = int(pattern.size()), L = data.length, left = (w - 1) / 2;
    // Sites are decided on the raw score (the batch-norm factor cancels), so that ties at the
    // threshold (scores are multiples of 0.5) resolve as exactly as in the engine.
    auto score = [&](std::size_t s, int p) {
        double sum = 0;
        for (int k = 0; k < w; ++k) {
            const int at = p - left + k;
            if (at < 0 || at >= L || pattern[std::size_t(k)] == '.') continue;
            const std::uint8_t c = data.sequence(s)[at];
            for (int b = 0; b < 4; ++b) {
                const double share = ((c >> b) & 1) / double(std::max(1, std::popcount(unsigned(c))));
                sum += share * (pattern[std::size_t(k)] == "ACGT"[b] ? 1.0 : -1.0);
            }
        }
        return std::max(0.0, sum);
    };
    const double factor = 1.0 / std::sqrt(1.0 + 1e-8);
    double mx = 0;
    for (std::size_t s = 0; s < data.size(); ++s)
        for (int p = 0; p < L; ++p) mx = std::max(mx, score(s, p));
    Reference r;
    motif::Matrix4 num = motif::Matrix4::Zero(4, w);
    for (std::size_t s = 0; s < data.size(); ++s)
        for (int p = 0; p < L; ++p) {
            const double a = score(s, p) * factor;
            if (!(mx > 0 && score(s, p) > threshold * mx)) continue;
            ++r.sites;
            for (int k = 0; k < w; ++k) {
                const int at = p - left + k;
                if (at < 0 || at >= L) continue;
                const std::uint8_t c = data.sequence(s)[at];
                for (int b = 0; b < 4; ++b)
                    if (c) num(b, k) += a * ((c >> b) & 1) / double(std::popcount(unsigned(c)));
            }
        }
    for (int k = 0; k < w; ++k) {
        const double t = num.col(k).sum();
        if (t > 0) num.col(k) /= t;
        else num.col(k).setConstant(0.25);
    }
    r.probs = num;
    return r;
}

}  // namespace

class TestFilterPwm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qInfo("seed %llu", static_cast<unsigned long long>(kSeed)); }

    // The paper's recipe recovers a planted motif, matches the reference exactly, and reports
    // a filter that never fires as empty.
    void plantedMotifRecovered_data() {
        QTest::addColumn<double>("threshold");
        QTest::newRow("paper 0.5") << 0.5;
        QTest::newRow("strict 0.9: perfect matches only") << 0.9;
        QTest::newRow("loose 0.2") << 0.2;
        QTest::newRow("zero: every positive site") << 0.0;
    }
    void plantedMotifRecovered() {
        QFETCH(double, threshold);
        const int L = 60;
        nn::Network net(simpleArch(L, 2, 7), kSeed);
        setFilter(net, 0, 0, kMotif);
        setFilter(net, 0, 1, "-------");
        const seqio::SequenceSet data = plantedData(300, L, kMotif, kSeed);

        const interpret::FilterPwmSet set = interpret::activationPwms(net, data, 1, {threshold});
        QCOMPARE(set.filters.size(), std::size_t(2));
        QCOMPARE(set.layer.receptiveField, 7);
        QCOMPARE(set.layer.windowOffset, -3);
        QCOMPARE(set.sequences, data.size());

        const interpret::FilterPwm& f = set.filters[0];
        const Reference ref = referencePwm(data, kMotif, threshold);
        QCOMPARE(f.sites, ref.sites);
        QCOMPARE(f.motif.nsites, double(ref.sites));
        QCOMPARE(f.motif.id, std::string("filter1"));
        QCOMPARE(f.motif.width(), 7);
        QVERIFY2((f.motif.probs - ref.probs).cwiseAbs().maxCoeff() < 1e-6, "PWM differs from the reference");
        QCOMPARE(QString::fromStdString(motif::consensus(f.motif)), QString::fromStdString(kMotif));
        QVERIFY(std::abs(f.maxActivation - 7.0) < 1e-4);
        if (threshold == 0.9) {  // only exact occurrences exceed 6.3 (6 matches score 5)
            long exact = 0;
            for (std::size_t s = 0; s < data.size(); ++s)
                for (int p = 0; p + 7 <= L; ++p) {
                    bool same = true;
                    for (int k = 0; k < 7; ++k) same = same && data.sequence(s)[p + k] == code(kMotif[std::size_t(k)]);
                    exact += same;
                }
            QCOMPARE(f.sites, exact);
            QVERIFY((f.motif.probs.colwise().maxCoeff().array() == 1.0).all());
        }

        const interpret::FilterPwm& silent = set.filters[1];
        QVERIFY(!silent.fires());
        QCOMPARE(silent.sites, 0L);
        QCOMPARE(silent.motif.width(), 0);
        QCOMPARE(silent.maxActivation, 0.0);
    }

    // A higher threshold keeps a subset of the sites.
    void thresholdMonotone() {
        const int L = 60;
        nn::Network net(simpleArch(L, 1, 7), kSeed);
        setFilter(net, 0, 0, kMotif);
        const seqio::SequenceSet data = plantedData(200, L, kMotif, kSeed + 1);
        long previous = -1;
        for (double t : {0.95, 0.8, 0.6, 0.4, 0.2, 0.0}) {
            const long sites = interpret::activationPwms(net, data, 1, {t}).filters[0].sites;
            QVERIFY2(sites >= previous, qPrintable(QString("threshold %1").arg(t)));
            previous = sites;
        }
        QVERIFY(previous > 0);
    }

    // Sites whose window hangs over a sequence end: the missing columns count as no base, the
    // rest still contribute. Every site here is at the very start (motif at 0, window [-3, 4)).
    void windowPastSequenceEnd() {
        const int L = 20;
        nn::Network net(simpleArch(L, 1, 7), kSeed);
        setFilter(net, 0, 0, "...GATT");  // only taps 3..6 score, so the centre sits on G
        seqio::SequenceSet data;
        data.length = L;
        data.classNames = {"x"};
        for (int i = 0; i < 4; ++i) {
            data.ids.push_back("s" + std::to_string(i));
            const std::string s = "GATTCCCCCCCCCCCCCCCC";
            for (char c : s) data.codes.push_back(code(c));
            data.labels.push_back(1);
        }
        const auto set = interpret::activationPwms(net, data, 1, {0.9});
        const interpret::FilterPwm& f = set.filters[0];
        QCOMPARE(f.sites, 4L);  // one perfect site per sequence, at position 0
        for (int k = 0; k < 3; ++k) QVERIFY(((f.motif.probs.col(k).array() - 0.25).abs() < 1e-12).all());
        QCOMPARE(QString::fromStdString(motif::consensus(motif::sliceColumns(f.motif, 3, 7))), QString("GATT"));
        QVERIFY(f.motif.probs(2, 3) == 1.0);
    }

    // Geometry of conv layers: receptive field, window offset, read-out layer, and the layers
    // whose positions do not line up with the input.
    void layerGeometry_data() {
        QTest::addColumn<arch::Architecture>("arch");
        QTest::addColumn<int>("conv");
        QTest::addColumn<int>("activationIndex");
        QTest::addColumn<int>("receptiveField");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("length");
        auto make = [](std::vector<LayerSpec> layers) {
            arch::Architecture a;
            a.inputLength = 100;
            a.numClasses = 2;
            a.layers = std::move(layers);
            a.layers.push_back(LayerSpec::flatten());
            a.layers.push_back(LayerSpec::dense(2, true));
            return a;
        };
        using arch::ActivationType;
        const auto relu = LayerSpec::act(ActivationType::ReLU);
        QTest::newRow("first layer, width 19") << make({LayerSpec::conv(3, 19), LayerSpec::batchNorm(), relu,
                                                        LayerSpec::maxPool(25)})
                                               << 1 << 2 << 19 << -9 << 100;
        QTest::newRow("even width 8") << make({LayerSpec::conv(3, 8), relu}) << 1 << 1 << 8 << -3 << 100;
        QTest::newRow("no activation: batch norm") << make({LayerSpec::conv(3, 5), LayerSpec::batchNorm(),
                                                            LayerSpec::maxPool(4)})
                                                   << 1 << 1 << 5 << -2 << 100;
        QTest::newRow("valid padding") << make({LayerSpec::conv(3, 5, arch::Padding::Valid), relu,
                                                LayerSpec::conv(2, 3, arch::Padding::Valid), relu})
                                       << 2 << 3 << 7 << 0 << 94;
        QTest::newRow("CNN-1 layer 2: unpooled") << make({LayerSpec::conv(3, 19), LayerSpec::batchNorm(), relu,
                                                          LayerSpec::maxPool(1), LayerSpec::dropout(0.1),
                                                          LayerSpec::conv(4, 5), LayerSpec::batchNorm(), relu,
                                                          LayerSpec::dropout(0.1), LayerSpec::maxPool(100)})
                                                 << 2 << 7 << 23 << -11 << 100;
        QTest::newRow("stride-1 pool of 3") << make({LayerSpec::conv(3, 5), relu, LayerSpec::maxPool(3, 1),
                                                     LayerSpec::conv(2, 3), relu})
                                            << 2 << 4 << 9 << -4 << 100;
    }
    void layerGeometry() {
        QFETCH(arch::Architecture, arch);
        QFETCH(int, conv);
        QFETCH(int, activationIndex);
        QFETCH(int, receptiveField);
        QFETCH(int, offset);
        QFETCH(int, length);
        QVERIFY(arch::validate(arch).empty());
        const interpret::FilterLayer g = interpret::filterLayer(arch, conv);
        QCOMPARE(g.activationIndex, activationIndex);
        QCOMPARE(g.receptiveField, receptiveField);
        QCOMPARE(g.windowOffset, offset);
        QCOMPARE(g.length, length);
        QCOMPARE(g.convNumber, conv);
    }

    void fail_layerGeometry_data() {
        QTest::addColumn<int>("conv");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_after pool of stride 4") << 2 << "stride 4";
        QTest::newRow("fail_no third convolution") << 3 << "has 2 convolution layers";
        QTest::newRow("fail_zero") << 0 << "does not exist";
    }
    void fail_layerGeometry() {
        QFETCH(int, conv);
        QFETCH(QString, message);
        arch::Architecture a;
        a.inputLength = 100;
        a.numClasses = 2;
        a.layers = {LayerSpec::conv(3, 19), LayerSpec::act(arch::ActivationType::ReLU), LayerSpec::maxPool(4),
                    LayerSpec::conv(4, 5), LayerSpec::flatten(), LayerSpec::dense(2)};
        try {
            interpret::filterLayer(a, conv);
            QFAIL("no InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    // A deeper unpooled layer: layer 1 copies the one-hot input (identity filters at the centre
    // tap), layer 2 detects "GAT"; its PWM window is its receptive field (5) centred.
    void deeperLayerPwm() {
        const int L = 50;
        arch::Architecture a;
        a.inputLength = L;
        a.numClasses = 1;
        const auto relu = LayerSpec::act(arch::ActivationType::ReLU);
        a.layers = {LayerSpec::conv(4, 3), relu, LayerSpec::maxPool(1), LayerSpec::conv(1, 3), relu,
                    LayerSpec::maxPool(L), LayerSpec::flatten(), LayerSpec::dense(1, true)};
        nn::Network net(a, kSeed);
        std::span<float> w1 = weightsOf(net, 0);  // [tap][channel][filter]
        std::fill(w1.begin(), w1.end(), 0.0f);
        for (int b = 0; b < 4; ++b) w1[(1 * 4 + std::size_t(b)) * 4 + std::size_t(b)] = 1.0f;
        std::span<float> w2 = weightsOf(net, 3);
        std::fill(w2.begin(), w2.end(), -1.0f);
        const std::string gat = "GAT";
        for (int k = 0; k < 3; ++k) w2[std::size_t(k) * 4 + std::size_t(std::string("ACGT").find(gat[std::size_t(k)]))] = 1.0f;

        const seqio::SequenceSet data = plantedData(100, L, "CGATC", kSeed + 2);
        const auto set = interpret::activationPwms(net, data, 2, {0.9});
        QCOMPARE(set.layer.receptiveField, 5);
        QCOMPARE(set.layer.windowOffset, -2);
        const interpret::FilterPwm& f = set.filters[0];
        QCOMPARE(f.motif.width(), 5);
        QVERIFY(f.sites >= 50);
        QCOMPARE(QString::fromStdString(motif::consensus(motif::sliceColumns(f.motif, 1, 4))), QString("GAT"));
        for (int k = 1; k < 4; ++k) QCOMPARE(f.motif.probs.col(k).maxCoeff(), 1.0);
        QVERIFY(f.motif.probs.col(0).maxCoeff() < 1.0);  // flanks vary
    }

    // Same PWMs whatever the number of threads (bit-identical).
    void deterministicAcrossThreads() {
        const int L = 80;
        nn::Network net(simpleArch(L, 4, 9), kSeed);  // random Glorot filters: many sites
        const seqio::SequenceSet data = plantedData(700, L, kMotif, kSeed + 3);
        parallel::setThreadCount(1);
        const auto one = interpret::activationPwms(net, data);
        parallel::setThreadCount(2);
        const auto two = interpret::activationPwms(net, data);
        parallel::setThreadCount(0);
        for (std::size_t f = 0; f < one.filters.size(); ++f) {
            QCOMPARE(one.filters[f].sites, two.filters[f].sites);
            QVERIFY(one.filters[f].motif.probs == two.filters[f].motif.probs);
        }
    }

    // Clipping keeps the informative span plus 3 columns each side; flanks the filter ignores
    // carry no information over many sites.
    void clipping_data() {
        QTest::addColumn<bool>("clip");
        QTest::addColumn<int>("pad");
        QTest::addColumn<int>("expectedWidth");
        QTest::newRow("paper: 0.5 bits, pad 3") << true << 3 << 13;
        QTest::newRow("pad 0") << true << 0 << 7;
        QTest::newRow("no clipping") << false << 3 << 17;
    }
    void clipping() {
        QFETCH(bool, clip);
        QFETCH(int, pad);
        QFETCH(int, expectedWidth);
        const int L = 100;
        nn::Network net(simpleArch(L, 2, 17), kSeed);
        setFilter(net, 0, 0, "....." + kMotif + ".....");
        setFilter(net, 0, 1, std::string(17, '-'));
        const seqio::SequenceSet data = plantedData(400, L, kMotif, kSeed + 4);
        const auto set = interpret::activationPwms(net, data, 1, {0.9});
        interpret::ClipOptions options;
        options.enabled = clip;
        options.pad = pad;
        const motif::MotifList motifs = interpret::comparisonMotifs(set, options);
        QCOMPARE(motifs.size(), std::size_t(2));
        QCOMPARE(motifs[0].width(), expectedWidth);
        QCOMPARE(motifs[0].nsites, double(set.filters[0].sites));
        QVERIFY(QString::fromStdString(motif::consensus(motifs[0])).contains(QString::fromStdString(kMotif)));
        QCOMPARE(motifs[1].width(), 0);  // never fires: stays empty
        QCOMPARE(motifs[1].id, std::string("filter2"));
    }

    // Raw-weight PWMs: a softmax over the bases of each tap.
    void rawWeights() {
        nn::Network net(simpleArch(30, 2, 3), kSeed);
        std::span<float> w = weightsOf(net, 0);
        const float values[3][4] = {{0, 0, 0, 0}, {2, 0, 0, 0}, {1, -1, 0.5f, 3}};
        for (int k = 0; k < 3; ++k)
            for (int b = 0; b < 4; ++b) w[(std::size_t(k) * 4 + std::size_t(b)) * 2] = values[k][b];
        const motif::MotifList raw = interpret::rawWeightPwms(net);
        QCOMPARE(raw.size(), std::size_t(2));
        QCOMPARE(raw[0].width(), 3);
        QCOMPARE(raw[0].id, std::string("filter1"));
        for (int k = 0; k < 3; ++k) {
            double total = 0;
            for (int b = 0; b < 4; ++b) total += std::exp(double(values[k][b]));
            for (int b = 0; b < 4; ++b)
                QVERIFY(std::abs(raw[0].probs(b, k) - std::exp(double(values[k][b])) / total) < 1e-7);
        }
        QVERIFY(std::abs(raw[0].probs(0, 1) - std::exp(2.0) / (std::exp(2.0) + 3)) < 1e-7);
        QCOMPARE(raw[0].nsites, 0.0);
    }

    // The activation track of one filter along one sequence, against the closed form.
    void activationTrack() {
        const int L = 40;
        nn::Network net(simpleArch(L, 2, 7), kSeed);
        setFilter(net, 0, 0, kMotif);
        setFilter(net, 0, 1, "-------");
        const seqio::SequenceSet data = plantedData(3, L, kMotif, kSeed + 5);
        const interpret::FilterLayer g = interpret::filterLayer(net.architecture(), 1);
        const std::vector<float> track = interpret::activationTrack(net, g, data.sequence(0), 0);
        QCOMPARE(track.size(), std::size_t(L));
        for (int p = 0; p < L; ++p) {
            double score = 0;
            for (int k = 0; k < 7; ++k) {
                const int at = p - 3 + k;
                if (at >= 0 && at < L) score += data.sequence(0)[at] == code(kMotif[std::size_t(k)]) ? 1 : -1;
            }
            QVERIFY2(std::abs(track[std::size_t(p)] - std::max(0.0, score)) < 1e-4, qPrintable(QString::number(p)));
        }
        QCOMPARE(*std::max_element(track.begin(), track.end()), track[3]);  // motif at 0, centre at 3
        const std::vector<float> silent = interpret::activationTrack(net, g, data.sequence(0), 1);
        QVERIFY(std::all_of(silent.begin(), silent.end(), [](float v) { return v == 0.0f; }));
    }

    // Exported filters survive a MEME round trip (ids, nsites, probabilities to print precision).
    void memeRoundTrip() {
        const int L = 60;
        nn::Network net(simpleArch(L, 3, 7), kSeed);
        setFilter(net, 0, 0, kMotif);
        const seqio::SequenceSet data = plantedData(200, L, kMotif, kSeed + 6);
        const auto set = interpret::activationPwms(net, data);
        motif::MotifList exported;
        for (const motif::Motif& m : interpret::comparisonMotifs(set, {}))
            if (m.width() > 0) exported.push_back(m);
        QVERIFY(!exported.empty());
        QTemporaryDir dir;
        const std::string path = dir.filePath("filters.meme").toStdString();
        motif::writeMeme(path, exported);
        const motif::MotifList back = motif::readMeme(path);
        QCOMPARE(back.size(), exported.size());
        for (std::size_t i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].id, exported[i].id);
            QCOMPARE(back[i].nsites, exported[i].nsites);
            QCOMPARE(back[i].width(), exported[i].width());
            QVERIFY((back[i].probs - exported[i].probs).cwiseAbs().maxCoeff() < 1e-6);
        }
    }

    void fail_badInput_data() {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_threshold 1") << 1.0 << 30 << "threshold";
        QTest::newRow("fail_threshold negative") << -0.1 << 30 << "threshold";
        QTest::newRow("fail_wrong length") << 0.5 << 31 << "31 nt";
    }
    void fail_badInput() {
        QFETCH(double, threshold);
        QFETCH(int, length);
        QFETCH(QString, message);
        nn::Network net(simpleArch(30, 1, 5), kSeed);
        const seqio::SequenceSet data = plantedData(4, length, kMotif, kSeed);
        try {
            interpret::activationPwms(net, data, 1, {threshold});
            QFAIL("no InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestFilterPwm)
#include "test_filter_pwm.moc"
