#include "synth/synthetic_data.h"

#include "motif/motif_io.h"
#include "motif/motif_math.h"
#include "seqio/fasta_reader.h"  // LoadCancelled
#include "seqio/fasta_writer.h"
#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>

namespace motifloom::synth {
namespace {

// Stream index of the split shuffle; far above any sequence index (which use split(i)).
constexpr std::uint64_t kShuffleStream = std::uint64_t(1) << 62;
constexpr std::size_t kGrain = 256;  // sequences per parallel chunk

// Cumulative probabilities per column, for inverse-CDF sampling of one base from one uniform.
struct Sampler {
    std::vector<std::array<double, 4>> cumulative;  // one per column
    std::vector<std::uint8_t> lastNonZero;          // fallback when u exceeds a rounded total

    explicit Sampler(const motif::Matrix4& probs) {
        for (int c = 0; c < probs.cols(); ++c) {
            std::array<double, 4> cum{};
            double run = 0;
            std::uint8_t last = 0;
            for (int b = 0; b < 4; ++b) {
                run += probs(b, c);
                cum[std::size_t(b)] = run;
                if (probs(b, c) > 0) last = std::uint8_t(b);
            }
            cumulative.push_back(cum);
            lastNonZero.push_back(last);
        }
    }
    int width() const { return int(cumulative.size()); }

    // A base 0..3 with nonzero probability in column `col` (a zero-probability letter has
    // cum[b] == cum[b-1], so u < cum[b] can never first hold there).
    int sample(int col, double u) const {
        const auto& cum = cumulative[std::size_t(col)];
        for (int b = 0; b < 4; ++b)
            if (u < cum[std::size_t(b)]) return b;
        return lastNonZero[std::size_t(col)];
    }
};

std::string sequenceId(std::size_t index, int digits) {
    std::string n = std::to_string(index + 1);
    if (int(n.size()) < digits) n.insert(0, std::size_t(digits) - n.size(), '0');
    return "syn" + n;
}

// Normalised copy of probabilities that must sum to 1 within 0.01.
std::vector<double> normalised(const std::vector<double>& p, const std::string& what) {
    if (p.empty()) throw InputError(what + " are empty");
    double sum = 0;
    for (double v : p) {
        if (!std::isfinite(v) || v < 0) throw InputError(what + " must be non-negative numbers");
        sum += v;
    }
    if (std::abs(sum - 1.0) > 0.01)
        throw InputError(what + " sum to " + std::to_string(sum) + "; they must sum to 1");
    std::vector<double> out = p;
    for (double& v : out) v /= sum;
    return out;
}

int maxK(const std::vector<double>& kProbs) {
    int k = 0;
    for (std::size_t i = 0; i < kProbs.size(); ++i)
        if (kProbs[i] > 0) k = int(i) + 1;
    return k;
}

}  // namespace

motif::MotifList paperMotifs(const motif::MotifList& database, const std::string& source) {
    motif::MotifList out;
    for (const char* id : kPaperMotifIds) {
        auto it = std::find_if(database.begin(), database.end(), [&](const motif::Motif& m) { return m.id == id; });
        if (it == database.end())
            throw InputError(source, 0, std::string("motif ") + id + " of the paper's data set is missing");
        out.push_back(*it);
    }
    return out;
}

void validate(const SynthConfig& config) {
    if (config.motifs.empty()) throw InputError("no motifs to embed");
    if (config.count < 1) throw InputError("sequence count must be at least 1");
    if (config.length < 1) throw InputError("sequence length must be at least 1");
    const auto k = normalised(config.kProbs, "K probabilities");
    if (maxK(k) == 0) throw InputError("K probabilities are all zero");
    normalised({config.split.begin(), config.split.end()}, "split fractions");
    if (!(config.gc >= 0 && config.gc <= 1)) throw InputError("GC content must be between 0 and 1");
    int widest = 0;
    for (std::size_t i = 0; i < config.motifs.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (config.motifs[i].id == config.motifs[j].id)
                throw InputError("motif " + config.motifs[i].id + " is listed twice");
    for (const auto& m : config.motifs) {
        if (m.width() == 0) throw InputError("motif " + m.id + " has no columns");
        widest = std::max(widest, m.width());
    }
    if (long(maxK(k)) * widest > config.length)
        throw InputError("sequences of " + std::to_string(config.length) + " nt cannot hold K = " +
                         std::to_string(maxK(k)) + " motifs of up to " + std::to_string(widest) +
                         " nt; use longer sequences or smaller K");
}

std::vector<std::string> classNames(const motif::MotifList& motifs) {
    std::vector<std::string> names;
    std::map<std::string, int> uses;
    for (const auto& m : motifs) ++uses[m.name.empty() ? m.id : m.name];
    for (const auto& m : motifs) {
        std::string name = m.name.empty() ? m.id : m.name;
        if (uses[name] > 1) name += "_" + m.id;
        names.push_back(name);
    }
    return names;
}

SyntheticData generate(const SynthConfig& config, const GenerateProgress& progress) {
    validate(config);
    const std::vector<double> kProbs = normalised(config.kProbs, "K probabilities");
    const int numMotifs = int(config.motifs.size());
    const std::size_t n = std::size_t(config.count);
    const int length = config.length;

    // PWM p < numMotifs is motif p forward; p >= numMotifs its reverse complement.
    std::vector<Sampler> pwms;
    for (const auto& m : config.motifs) pwms.emplace_back(m.probs);
    if (config.reverseComplements)
        for (const auto& m : config.motifs) pwms.emplace_back(motif::reverseComplement(m).probs);
    const auto numPwms = std::uint64_t(pwms.size());

    const double at = (1 - config.gc) / 2, gcHalf = config.gc / 2;
    motif::Matrix4 bgColumn(4, 1);
    bgColumn << at, gcHalf, gcHalf, at;
    const Sampler background(bgColumn);

    std::vector<double> kCumulative(kProbs.size());
    std::partial_sum(kProbs.begin(), kProbs.end(), kCumulative.begin());

    SyntheticData data;
    seqio::SequenceSet& all = data.all;
    all.length = length;
    all.task = seqio::TaskKind::MultiLabel;
    all.classNames = classNames(config.motifs);
    all.ids.resize(n);
    all.codes.assign(n * std::size_t(length), 0);
    all.labels.assign(n * std::size_t(numMotifs), 0.0f);
    const int digits = std::max(5, int(std::to_string(n).size()));

    const Rng root(config.seed);
    std::vector<std::vector<Placement>> chunkTruth(parallel::chunkCount(0, n, kGrain));
    std::mutex progressMutex;  // the callback is never called concurrently
    std::size_t done = 0;
    std::atomic<bool> cancelled{false};
    parallel::forChunks(0, n, kGrain, [&](std::size_t begin, std::size_t end) {
        if (cancelled.load(std::memory_order_relaxed)) return;  // the rest is skipped
        std::vector<Placement>& truth = chunkTruth[begin / kGrain];
        std::vector<int> drawn;
        std::vector<double> raw;
        std::vector<int> gaps;
        for (std::size_t i = begin; i < end; ++i) {
            Rng rng = root.split(i);
            all.ids[i] = sequenceId(i, digits);

            // K, then the PWMs in the order drawn.
            const double uk = rng.uniform();
            int k = 1;
            while (k < int(kCumulative.size()) && uk >= kCumulative[std::size_t(k - 1)]) ++k;
            while (kProbs[std::size_t(k - 1)] == 0) --k;  // u beyond a rounded total
            drawn.resize(std::size_t(k));
            int totalWidth = 0;
            for (int& p : drawn) {
                p = int(rng.below(numPwms));
                totalWidth += pwms[std::size_t(p)].width();
            }

            // K+1 gaps summing exactly to the free space, by rejection of rounding misses.
            const int free = length - totalWidth;
            assert(free >= 0);
            raw.resize(std::size_t(k + 1));
            gaps.resize(std::size_t(k + 1));
            for (;;) {
                double sum = 0;
                for (double& u : raw) sum += (u = rng.uniform());
                if (sum <= 0) continue;
                int rounded = 0;
                for (std::size_t g = 0; g < raw.size(); ++g)
                    rounded += (gaps[g] = int(std::lround(raw[g] / sum * free)));
                if (rounded == free) break;
            }

            std::uint8_t* seq = all.codes.data() + i * std::size_t(length);
            float* label = all.labels.data() + i * std::size_t(numMotifs);
            int pos = 0;
            auto fillBackground = [&](int count) {
                for (int j = 0; j < count; ++j) seq[pos++] = std::uint8_t(1u << background.sample(0, rng.uniform()));
            };
            for (int j = 0; j < k; ++j) {
                fillBackground(gaps[std::size_t(j)]);
                const int p = drawn[std::size_t(j)];
                const Sampler& pwm = pwms[std::size_t(p)];
                Placement placement;
                placement.sequence = i;
                placement.motif = p % numMotifs;
                placement.strand = p < numMotifs ? '+' : '-';
                placement.start = pos;
                placement.width = pwm.width();
                truth.push_back(placement);
                label[placement.motif] = 1.0f;
                for (int c = 0; c < pwm.width(); ++c) seq[pos++] = std::uint8_t(1u << pwm.sample(c, rng.uniform()));
            }
            fillBackground(gaps[std::size_t(k)]);
            assert(pos == length);
        }
        if (progress) {
            const std::lock_guard lock(progressMutex);
            done += end - begin;
            if (!cancelled && !progress(done, n)) cancelled = true;
        }
    });
    if (cancelled) throw seqio::LoadCancelled();
    for (auto& t : chunkTruth) data.truth.insert(data.truth.end(), t.begin(), t.end());

    // Split: shuffle with the seed; first fraction train, next valid, rest test.
    const auto split = normalised({config.split.begin(), config.split.end()}, "split fractions");
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng shuffler = root.split(kShuffleStream);
    shuffler.shuffle(order.begin(), order.end());
    const auto nTrain = std::min(n, std::size_t(std::llround(double(n) * split[0])));
    const auto nValid = std::min(n - nTrain, std::size_t(std::llround(double(n) * split[1])));
    data.trainIndex.assign(order.begin(), order.begin() + long(nTrain));
    data.validIndex.assign(order.begin() + long(nTrain), order.begin() + long(nTrain + nValid));
    data.testIndex.assign(order.begin() + long(nTrain + nValid), order.end());
    data.part.assign(n, Part::Train);
    for (std::size_t i : data.validIndex) data.part[i] = Part::Valid;
    for (std::size_t i : data.testIndex) data.part[i] = Part::Test;
    return data;
}

seqio::DataSplits SyntheticData::splits() const {
    return {all.subset(trainIndex), all.subset(validIndex), all.subset(testIndex)};
}

void writeTruth(const std::string& path, const SyntheticData& data, const motif::MotifList& motifs) {
    static const char* kPartNames[] = {"train", "valid", "test"};
    writeFileAtomically(path, [&](std::ostream& out) {
        std::string text = "sequence_id\tmotif_id\tmotif_name\tstrand\tstart\tend\tlabel\tsplit\n";
        text.reserve(data.truth.size() * 48 + 64);
        for (const Placement& p : data.truth) {
            assert(p.motif >= 0 && std::size_t(p.motif) < motifs.size());
            const motif::Motif& m = motifs[std::size_t(p.motif)];
            text += data.all.ids[p.sequence];
            text += '\t';
            text += m.id;
            text += '\t';
            text += m.name;
            text += '\t';
            text += p.strand;
            text += '\t';
            text += std::to_string(p.start);
            text += '\t';
            text += std::to_string(p.start + p.width);
            text += '\t';
            text += std::to_string(p.motif);
            text += '\t';
            text += kPartNames[int(data.part[p.sequence])];
            text += '\n';
        }
        out << text;
    });
}

std::vector<TruthRecord> readTruth(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "cannot open the ground-truth file");
    static const char* kHeader = "sequence_id\tmotif_id\tmotif_name\tstrand\tstart\tend\tlabel\tsplit";
    std::vector<TruthRecord> out;
    std::string line;
    long number = 0;
    auto toInt = [&](const std::string& text, const char* what) {
        int value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || text.empty())
            throw InputError(path, number, std::string(what) + " must be an integer, got '" + text + "'");
        return value;
    };
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1) {
            if (line != kHeader)
                throw InputError(path, number, "expected the header line of a truth.tsv (sequence_id, motif_id, "
                                               "motif_name, strand, start, end, label, split)");
            continue;
        }
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::size_t from = 0;
        while (true) {
            const std::size_t tab = line.find('\t', from);
            f.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
            if (tab == std::string::npos) break;
            from = tab + 1;
        }
        if (f.size() != 8)
            throw InputError(path, number, "expected 8 tab-separated columns, got " + std::to_string(f.size()));
        TruthRecord r;
        r.sequenceId = f[0];
        r.motifId = f[1];
        r.motifName = f[2];
        if (f[3] != "+" && f[3] != "-") throw InputError(path, number, "strand must be + or -, got '" + f[3] + "'");
        r.strand = f[3][0];
        r.start = toInt(f[4], "start");
        r.end = toInt(f[5], "end");
        r.label = toInt(f[6], "label");
        r.split = f[7];
        if (r.start < 0 || r.end <= r.start)
            throw InputError(path, number, "needs 0 <= start < end, got " + f[4] + " and " + f[5]);
        if (r.label < 0) throw InputError(path, number, "label must not be negative, got " + f[6]);
        out.push_back(std::move(r));
    }
    if (number == 0) throw InputError(path, 0, "the ground-truth file is empty");
    return out;
}

void writeDataDirectory(const std::string& dir, const SyntheticData& data, const motif::MotifList& motifs) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw InputError(dir, 0, "cannot create the output folder" + (ec ? ": " + ec.message() : std::string()));
    auto path = [&](const char* name) { return (fs::path(dir) / name).string(); };
    const seqio::DataSplits parts = data.splits();
    std::string classes;
    for (const auto& name : data.all.classNames) classes += name + "\n";
    // Independent files: written concurrently.
    parallel::forEach(6, [&](std::size_t job) {
        switch (job) {
            case 0: seqio::writeFasta(path("train.fa"), parts.train); break;
            case 1: seqio::writeFasta(path("valid.fa"), parts.valid); break;
            case 2: seqio::writeFasta(path("test.fa"), parts.test); break;
            case 3: writeTruth(path("truth.tsv"), data, motifs); break;
            case 4: writeTextFileAtomically(path("classes.txt"), classes); break;
            case 5: motif::writeMeme(path("motifs.meme"), motifs); break;
        }
    });
}

}  // namespace motifloom::synth
