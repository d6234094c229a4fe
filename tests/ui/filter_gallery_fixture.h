#pragma once
// The filter gallery tests' fixture (tests/ui/test_filter_gallery.cpp, test_match_scoreboard.cpp):
// a small network whose first-layer filters are set by hand to the log-odds of JASPAR motifs
// (SP1, MAX, YY1: the "true" motifs; Gata1 planted but not true), one that never fires, half a
// motif, and a few left at their random initial weights; sequences with sampled sites of those
// motifs. Its activation PWMs are matched against the bundled JASPAR file, so the snapshot is
// what the trainer would deliver, with every kind of filter in it.

#include "filters/filter_gallery.h"
#include "filters/match_scoreboard.h"
#include "filters/run_filter_grid.h"
#include "lab/run_record.h"
#include "training/training_controller.h"
#include "training/training_types.h"

#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace gallery_fixture {

using namespace motifloom;
using namespace motifloom::ui;


inline constexpr std::uint64_t kSeed = 424242;
inline constexpr int kLength = 100;
inline constexpr int kWidth = 15;  // filter width
inline constexpr int kFilters = 12;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

inline const motif::Motif& jasparMotif(const std::string& id) {
    const motif::Motif* m = motif::findMotif(jaspar(), id);
    if (!m) qFatal("%s is not in the JASPAR file", id.c_str());
    return *m;
}

inline arch::Architecture galleryArch() {
    arch::Architecture a;
    a.name = "gallery";
    a.inputLength = kLength;
    a.numClasses = 1;
    a.layers = {arch::LayerSpec::conv(kFilters, kWidth), arch::LayerSpec::batchNorm(1e-8),
                arch::LayerSpec::act(arch::ActivationType::ReLU), arch::LayerSpec::maxPool(kLength),
                arch::LayerSpec::flatten(), arch::LayerSpec::dense(1, true)};
    return a;
}

// First-layer weights, Keras layout [tap][channel][filter].
inline std::span<float> convWeights(nn::Network& net) {
    for (const nn::ParamView& p : net.parameters())
        if (p.name.rfind("layer 1 (", 0) == 0 && p.name.ends_with("weight")) return p.value;
    qFatal("no first-layer weight");
}

// Filter f = log-odds (natural log, vs uniform) of `m`'s columns [from, to), centred on the
// filter; the other taps 0. With `dead`, every weight -1: the filter never fires.
inline void setFilter(nn::Network& net, int f, const motif::Motif* m, int from = 0, int to = -1, bool dead = false) {
    std::span<float> w = convWeights(net);
    for (int k = 0; k < kWidth; ++k)
        for (int b = 0; b < 4; ++b) w[(std::size_t(k) * 4 + std::size_t(b)) * kFilters + std::size_t(f)] = dead ? -1.0f : 0.0f;
    if (!m) return;
    if (to < 0) to = m->width();
    const int start = (kWidth - (to - from)) / 2;
    for (int c = from; c < to; ++c)
        for (int b = 0; b < 4; ++b)
            w[(std::size_t(start + c - from) * 4 + std::size_t(b)) * kFilters + std::size_t(f)] =
                float(std::log((m->probs(b, c) + 0.02) / 0.27));
}

// Random sequences; most hold one site sampled from one of `motifs` (forward strand).
inline seqio::SequenceSet plantedData(const std::vector<const motif::Motif*>& motifs, int n, Rng& rng) {
    static const std::uint8_t codes[4] = {1, 2, 4, 8};  // A C G T
    seqio::SequenceSet set;
    set.length = kLength;
    set.classNames = {"planted"};
    for (int i = 0; i < n; ++i) {
        std::vector<std::uint8_t> s(kLength);
        for (auto& c : s) c = codes[rng.below(4)];
        const int which = i % int(motifs.size() + 1);
        if (which < int(motifs.size())) {
            const motif::Motif& m = *motifs[std::size_t(which)];
            const int at = int(rng.below(std::uint64_t(kLength - m.width() + 1)));
            for (int c = 0; c < m.width(); ++c) {
                double u = rng.uniform(), acc = 0;
                int b = 0;
                for (; b < 3; ++b) {
                    acc += m.probs(b, c);
                    if (u < acc) break;
                }
                s[std::size_t(at + c)] = codes[b];
            }
        }
        set.ids.push_back("seq" + std::to_string(i + 1));
        set.codes.insert(set.codes.end(), s.begin(), s.end());
        set.labels.push_back(which < int(motifs.size()) ? 1.0f : 0.0f);
    }
    return set;
}

// The snapshot the trainer would deliver after epoch 3 for the hand-made network.
inline std::shared_ptr<FilterSnapshot> makeSnapshot(bool withNetwork = true) {
    static std::shared_ptr<FilterSnapshot> cached;
    if (!cached) {
        const motif::Motif& sp1 = jasparMotif("MA0079.3");
        const motif::Motif& max = jasparMotif("MA0058.2");
        const motif::Motif& yy1 = jasparMotif("MA0095.2");
        const motif::Motif& gata = jasparMotif("MA0035.3");
        auto net = std::make_shared<nn::Network>(galleryArch(), kSeed);
        setFilter(*net, 0, &sp1);
        setFilter(*net, 1, &max);
        setFilter(*net, 2, &yy1);
        setFilter(*net, 3, nullptr, 0, -1, true);  // never fires
        setFilter(*net, 4, &gata);
        setFilter(*net, 5, &max, 0, 5);            // half of MAX
        setFilter(*net, 6, &sp1);
        // filters 7.. keep their random initial weights
        Rng rng(kSeed);
        const seqio::SequenceSet data = plantedData({&sp1, &max, &yy1, &gata}, 500, rng);
        auto s = std::make_shared<FilterSnapshot>();
        s->epoch = 3;
        s->dataPart = "validation";
        s->network = net;
        s->pwms = interpret::activationPwms(*net, data, 1);
        s->truth = {"MA0079.3", "MA0058.2", "MA0095.2"};
        s->truthNames = {"SP1", "MAX", "YY1"};
        const interpret::FilterMatcher matcher(jaspar());
        s->matches = matcher.match(s->pwms, interpret::ClipOptions{}, s->truth);
        s->summary = interpret::summarise(s->matches, int(s->truth.size()));
        s->matched = true;
        cached = s;
    }
    if (withNetwork) return cached;
    auto copy = std::make_shared<FilterSnapshot>(*cached);
    copy->network.reset();
    return copy;
}

inline std::vector<int> widths(const RunFilterGrid& grid) {
    std::vector<int> out;
    for (const LogoCell& c : grid.cells()) out.push_back(c.neverFires ? 0 : c.motif.width());
    return out;
}

inline QStringList captions(const RunFilterGrid& grid) {
    QStringList out;
    for (const LogoCell& c : grid.cells()) out << c.caption + (c.highlight ? QStringLiteral(" [true]") : QString());
    return out;
}

inline QToolButton* button(const FilterGallery& g, const QString& text) {
    for (QToolButton* b : g.findChildren<QToolButton*>())
        if (b->text() == text) return b;
    qFatal("no button %s", qPrintable(text));
}

inline interpret::MatchSummary summary(int filters, int withHit, int withTruth, int truthCount, int covered) {
    interpret::MatchSummary s;
    s.filters = filters;
    s.filtersWithHit = withHit;
    s.filtersWithTruth = withTruth;
    s.truthCount = truthCount;
    s.truthCovered = covered;
    s.matchAny = double(withHit) / filters;
    s.matchGroundTruth = truthCount > 0 ? double(withTruth) / filters : kNaN;
    s.coverage = truthCount > 0 ? double(covered) / truthCount : kNaN;
    return s;
}

inline QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace gallery_fixture
