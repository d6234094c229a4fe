#include "lab/data_loader.h"

#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "seqio/split.h"
#include "util/data_paths.h"
#include "util/input_error.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

namespace motifloom::lab {

namespace {

// Keeps the caller's callback cheap to call and maps stage-local fractions to [from, to].
class Progress {
public:
    explicit Progress(const LoadProgress& cb) : mCb(cb) {}
    void step(double fraction, const std::string& stage) const {
        if (!keepGoing(fraction, stage)) throw seqio::LoadCancelled();
    }
    bool keepGoing(double fraction, const std::string& stage) const {
        return !mCb || mCb(std::clamp(fraction, 0.0, 1.0), stage);
    }

private:
    const LoadProgress& mCb;
};

// The biggest data set the panel builds (bases in memory: the set plus its split copy).
constexpr long long kMaxBases = 400'000'000;

void countClasses(LoadedData& d) {
    const std::size_t n = d.classNames.size();
    d.classCounts.assign(n, {0, 0, 0});
    const seqio::SequenceSet* parts[3] = {&d.splits.train, &d.splits.valid, &d.splits.test};
    for (int p = 0; p < 3; ++p) {
        const seqio::SequenceSet& s = *parts[p];
        if (std::size_t(s.numClasses()) != n) continue;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const float* label = s.label(i);
            for (std::size_t c = 0; c < n; ++c)
                if (label[c] > 0.5f) ++d.classCounts[c][std::size_t(p)];
        }
    }
}

std::string commonSummary(const LoadedData& d) {
    const auto& s = d.splits;
    const long long total = (long long)(s.train.size() + s.valid.size() + s.test.size());
    const bool multi = s.train.task == seqio::TaskKind::MultiLabel;
    std::string out = thousands(total) + " sequences of " + thousands(s.train.length) + " nt, " +
                      std::to_string(d.classNames.size()) + (d.classNames.size() == 1 ? " class" : " classes") +
                      (multi ? " (multi-label: sigmoid outputs)" : " (one class per sequence: softmax output)") + "\n";
    out += "train " + thousands((long long)s.train.size()) + " \u00b7 validation " + thousands((long long)s.valid.size()) +
           " \u00b7 test " + thousands((long long)s.test.size()) + "\n";
    return out;
}

LoadedData loadSynthetic(const DataRecipe& recipe, const Progress& progress) {
    progress.step(0.0, "Reading the motif database");
    const std::string source = recipe.motifDatabase.empty() ? defaultMotifDatabase() : recipe.motifDatabase;
    const auto database = motifDatabase(recipe.motifDatabase);
    synth::SynthConfig config = synthConfig(recipe, *database, source);
    if ((long long)config.count * config.length > kMaxBases)
        throw InputError("data recipe: " + thousands(config.count) + " sequences of " + thousands(config.length) +
                         " nt are more than the " + thousands(kMaxBases) + " bases MotifLoom keeps in memory");

    const std::string generating = "Generating " + thousands(config.count) + " sequences";
    progress.step(0.05, generating);
    synth::SyntheticData generated =
        synth::generate(config, [&](std::size_t done, std::size_t total) {
            return progress.keepGoing(0.05 + 0.75 * double(done) / double(total), generating);
        });
    progress.step(0.8, "Splitting into train / validation / test");

    LoadedData d;
    d.recipe = recipe;
    d.splits = generated.splits();
    d.classNames = generated.all.classNames;
    d.truth = std::move(generated.truth);
    d.truthStart.assign(generated.all.size() + 1, 0);
    for (const synth::Placement& p : d.truth) ++d.truthStart[p.sequence + 1];
    for (std::size_t i = 1; i < d.truthStart.size(); ++i) d.truthStart[i] += d.truthStart[i - 1];
    d.sourceIndex = {std::move(generated.trainIndex), std::move(generated.validIndex), std::move(generated.testIndex)};
    d.trueMotifs = config.motifs;
    countClasses(d);

    d.summary = commonSummary(d);
    const double perSequence = generated.all.size() ? double(d.truth.size()) / double(generated.all.size()) : 0.0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", perSequence);
    d.summary += thousands((long long)d.truth.size()) + " embedded motif instances (" + buf + " per sequence) of " +
                 std::to_string(config.motifs.size()) + " JASPAR motifs" +
                 (config.reverseComplements ? " and their reverse complements" : "") + ", GC " +
                 std::to_string(int(std::lround(config.gc * 100))) + "%, seed " + std::to_string(config.seed);
    progress.step(1.0, "Done");
    return d;
}

// The motifs `simulate` planted in a data folder: DIR/motifs.meme, when its motifs are the
// folder's classes (synth::classNames, label order); empty otherwise.
motif::MotifList plantedMotifsOf(const std::string& dir, const std::vector<std::string>& classNames) {
    const std::filesystem::path path = std::filesystem::path(dir) / "motifs.meme";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return {};
    motif::MotifList motifs = motif::readMotifFile(path.string());
    return synth::classNames(motifs) == classNames ? motifs : motif::MotifList{};
}

// Fasta and Directory recipes.
LoadedData loadFasta(const DataRecipe& recipe, const Progress& progress) {
    using Mode = DataRecipe::SplitMode;
    seqio::LoadOptions options;
    options.labels = recipe.labelMode;
    options.files = recipe.files;
    options.classNames = recipe.classNames;
    options.targetLength = recipe.targetLength;
    options.padWithN = recipe.padWithN;
    if (recipe.targetLength < 0)
        throw InputError("data recipe: the input length must be 0 (the most common length) or more (is " +
                         std::to_string(recipe.targetLength) + ")");
    options.progress = [&progress](std::uint64_t done, std::uint64_t total) {
        const double f = total > 0 ? double(done) / double(total) : 0.0;
        progress.step(0.9 * f, "Reading FASTA (" + thousands((long long)(done >> 20)) + " of " +
                                   thousands((long long)(total >> 20)) + " MB)");
        return true;
    };

    LoadedData d;
    d.recipe = recipe;
    progress.step(0.0, "Reading FASTA");
    if (recipe.kind == DataRecipe::Kind::Directory) {
        if (recipe.directory.empty()) throw InputError("data recipe: no data folder chosen");
        d.splits = seqio::loadDataDirectory(recipe.directory, options, &d.warnings);
    } else if (recipe.splitMode == Mode::SeparateFiles) {
        if (recipe.trainFile.empty() || recipe.validFile.empty() || recipe.testFile.empty())
            throw InputError("data recipe: separate splits need a train, a validation and a test file");
        d.splits = seqio::loadSplitFiles({recipe.trainFile, recipe.validFile, recipe.testFile}, options, &d.warnings);
    } else {
        const std::size_t n = recipe.files.size();
        if (n == 0) throw InputError("no FASTA file chosen: open or drop one or more files");
        if (recipe.labelMode == seqio::LabelMode::FilePerClass && n < 2)
            throw InputError("one file per class needs at least 2 files (one per class); " + std::to_string(n) + " chosen");
        if (recipe.labelMode == seqio::LabelMode::PositiveNegative && n != 2)
            throw InputError("positive / negative needs exactly 2 files (positives first); " + std::to_string(n) + " chosen");
        seqio::LoadResult loaded = seqio::loadLabelled(options);
        d.warnings.merge(loaded.warnings);
        progress.step(0.92, "Splitting into train / validation / test");
        if (recipe.splitMode == Mode::AssignmentFile) {
            if (recipe.splitFile.empty()) throw InputError("no split file chosen");
            d.splits = seqio::splitFromFile(loaded.set, recipe.splitFile, &d.warnings);
        } else {
            const auto& f = recipe.splitFractions;
            d.splits = seqio::splitRandom(loaded.set, recipe.splitSeed, {f[0], f[1], f[2]});
        }
    }
    if (d.splits.train.size() == 0)
        throw InputError("the training split is empty: give more sequences or a larger train fraction");
    d.classNames = d.splits.train.classNames;

    if (recipe.kind == DataRecipe::Kind::Directory) d.trueMotifs = plantedMotifsOf(recipe.directory, d.classNames);
    if (!recipe.expectedMotifIds.empty()) {
        progress.step(0.95, "Reading the expected motifs");
        const std::string source = recipe.motifDatabase.empty() ? defaultMotifDatabase() : recipe.motifDatabase;
        d.trueMotifs = motif::selectMotifs(*motifDatabase(recipe.motifDatabase), recipe.expectedMotifIds, source);
    }
    countClasses(d);

    d.summary = commonSummary(d);
    if (recipe.kind == DataRecipe::Kind::Directory) {
        d.summary += "from the folder " + recipe.directory;
    } else {
        std::vector<std::string> files =
            recipe.splitMode == Mode::SeparateFiles
                ? std::vector<std::string>{recipe.trainFile, recipe.validFile, recipe.testFile}
                : recipe.files;
        std::string names;
        for (std::size_t i = 0; i < files.size() && i < 4; ++i)
            names += (i ? ", " : "") + seqio::fileStem(files[i]);
        if (files.size() > 4) names += ", \u2026";
        d.summary += "from " + std::to_string(files.size()) + (files.size() == 1 ? " file: " : " files: ") + names;
    }
    const long cropped = d.warnings.count(seqio::kWarnCropped), padded = d.warnings.count(seqio::kWarnPadded);
    if (cropped || padded)
        d.summary += "\n" + thousands(cropped) + " cropped to and " + thousands(padded) + " padded to " +
                     thousands(d.splits.train.length) + " nt";
    progress.step(1.0, "Done");
    return d;
}

}  // namespace

// ---- LoadedData -------------------------------------------------------------------------------

const seqio::SequenceSet& LoadedData::part(synth::Part p) const {
    switch (p) {
    case synth::Part::Train: return splits.train;
    case synth::Part::Valid: return splits.valid;
    case synth::Part::Test: return splits.test;
    }
    return splits.train;
}

std::span<const synth::Placement> LoadedData::placementsOf(synth::Part p, std::size_t index) const {
    const auto& source = sourceIndex[std::size_t(p)];
    if (!hasTruth() || index >= source.size()) return {};
    const std::size_t g = source[index];
    assert(g + 1 < truthStart.size());
    return std::span<const synth::Placement>(truth.data() + truthStart[g], truthStart[g + 1] - truthStart[g]);
}

// ---- loading ----------------------------------------------------------------------------------

LoadedData loadData(const DataRecipe& recipe, const LoadProgress& progress) {
    const Progress p(progress);
    return recipe.kind == DataRecipe::Kind::Synthetic ? loadSynthetic(recipe, p) : loadFasta(recipe, p);
}

std::shared_ptr<const motif::MotifList> motifDatabase(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const motif::MotifList>> cache;
    const std::string resolved = path.empty() ? defaultMotifDatabase() : path;
    {
        const std::lock_guard lock(mutex);
        if (auto it = cache.find(resolved); it != cache.end()) return it->second;
    }
    // Read outside the lock; two threads racing both read, the first stored wins.
    auto list = std::make_shared<const motif::MotifList>(motif::readMotifFile(resolved));
    if (list->empty()) throw InputError(resolved, 0, "the motif file holds no motifs");
    const std::lock_guard lock(mutex);
    return cache.emplace(resolved, std::move(list)).first->second;
}

std::string motifDatabaseLabel(const std::string& path) {
    if (path.empty()) return "JASPAR CORE vertebrates (bundled)";
    return seqio::fileStem(path);
}

synth::SynthConfig synthConfig(const DataRecipe& recipe, const motif::MotifList& database,
                               const std::string& databaseSource) {
    synth::SynthConfig c;
    if (recipe.motifIds.empty()) throw InputError("pick at least one motif to embed");
    c.motifs = motif::selectMotifs(database, recipe.motifIds, databaseSource);
    c.count = recipe.count;
    c.length = recipe.length;
    c.kProbs = recipe.kProbs;
    c.gc = recipe.gc;
    c.reverseComplements = recipe.reverseComplements;
    c.split = recipe.splitFractions;
    c.seed = recipe.seed;
    synth::validate(c);
    return c;
}

}  // namespace motifloom::lab
