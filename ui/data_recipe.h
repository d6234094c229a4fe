#pragma once
// DataRecipe: everything needed to (re)build a data set, as plain data (saved in session
// files); LoadedData: the data set it builds, ready for training and for views; loadData: the
// builder, safe to call from a worker thread (it touches no widget and no shared state except
// a mutex-guarded motif database cache).
//
// Two kinds of recipe:
//   Synthetic  Koo & Eddy's simulation (core/synth/synthetic_data.h) from motifs picked by
//              JASPAR ID out of `motifDatabase` (empty = the bundled JASPAR CORE vertebrates
//              file); ground truth (the embedded placements) is kept.
//   Fasta      labelled FASTA files (core/seqio/fasta_loader.h): labels in the headers, one
//              file per class, or positive / negative files; one common input length
//              (`targetLength`, 0 = the most common length; longer sequences centre-cropped,
//              shorter ones centred and padded with "no base", or N with `padWithN`); split at
//              random (fractions + seed), by an assignment file ("ID SPLIT" lines), or given
//              as separate train / valid / test files. `expectedMotifIds` are optional: the
//              TFs expected in the data (the paper's in vivo analysis compares filters with
//              the same 12 TFs); they become LoadedData::trueMotifs, without placements.
//
// Coordinates in LoadedData::truth are those of synth::Placement: 0-based, forward strand,
// half-open [start, start + width), `sequence` indexing the generation order. Use
// placementsOf(part, i) to find the placements of sequence i of a split.

#include "motif/motif.h"
#include "seqio/fasta_loader.h"
#include "seqio/sequence_set.h"
#include "synth/synthetic_data.h"
#include "util/warnings.h"

#include <QJsonObject>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace motifloom::ui {

struct DataRecipe {
    enum class Kind { Synthetic, Fasta };
    enum class SplitMode {
        Random,          // splitFractions + splitSeed (seqio::splitRandom)
        AssignmentFile,  // splitFile: one "ID train|valid|test" line per sequence
        SeparateFiles    // trainFile / validFile / testFile, header labels (seqio::loadSplitFiles)
    };

    Kind kind = Kind::Synthetic;

    // --- synthetic (defaults: the paper's data set, the app's first-run demo) ---------------
    std::vector<std::string> motifIds{synth::kPaperMotifIds.begin(), synth::kPaperMotifIds.end()};
    std::string motifDatabase;      // JASPAR or MEME file; empty = bundled JASPAR
    int count = 25000;              // sequences
    int length = 200;               // bases per sequence
    std::vector<double> kProbs{0.50, 0.25, 0.17, 0.05, 0.03};  // P(K = 1), P(K = 2), ...
    double gc = 0.5;                // background GC content
    bool reverseComplements = true;
    std::uint64_t seed = 33;        // sequences and (synthetic) split

    // --- split (Synthetic: fractions only, the split follows `seed`) -------------------------
    std::array<double, 3> splitFractions{0.7, 0.1, 0.2};  // train, valid, test
    SplitMode splitMode = SplitMode::Random;              // Fasta only
    std::uint64_t splitSeed = 1;                          // Fasta, Random
    std::string splitFile;                                // Fasta, AssignmentFile
    std::string trainFile, validFile, testFile;           // Fasta, SeparateFiles

    // --- FASTA ------------------------------------------------------------------------------
    seqio::LabelMode labelMode = seqio::LabelMode::HeaderTokens;
    std::vector<std::string> files;       // HeaderTokens >= 1, FilePerClass >= 2, PositiveNegative 2
    std::vector<std::string> classNames;  // optional names (see seqio::LoadOptions::classNames)
    int targetLength = 0;                 // 0 = most common length
    bool padWithN = false;
    std::vector<std::string> expectedMotifIds;  // optional, from motifDatabase (see above)

    bool operator==(const DataRecipe&) const = default;

    // The paper's synthetic recipe (= a default-constructed DataRecipe).
    static DataRecipe paperSynthetic() { return {}; }

    // JSON for session files: {"kind": "synthetic"|"fasta", ...every field above, snake_case}.
    // Seeds are written as strings when they exceed 2^53 (JSON numbers are doubles).
    QJsonObject toJson() const;
    // Missing keys keep their defaults; wrong types or unknown enum names throw InputError
    // ("data recipe: unknown label mode 'x'").
    static DataRecipe fromJson(const QJsonObject& json);

    // One line for titles and logs: "synthetic: 12 motifs, 25,000 x 200 nt, seed 33" or
    // "FASTA: 2 files (one file per class)".
    std::string describe() const;
};

struct LoadedData {
    DataRecipe recipe;                    // what was loaded
    seqio::DataSplits splits;             // train / valid / test, one common length
    std::vector<std::string> classNames;  // label order (= splits.*.classNames)

    // Ground truth (Synthetic only; empty for FASTA): every embedded motif instance, sorted by
    // sequence (generation order) then start; truthStart[g] .. truthStart[g+1] are those of
    // generated sequence g. sourceIndex[part][i] is the generated index of sequence i of that
    // part (Fasta: empty).
    std::vector<synth::Placement> truth;
    std::vector<std::size_t> truthStart;
    std::array<std::vector<std::size_t>, 3> sourceIndex;

    // Motifs whose class index a Placement's `motif` refers to (Synthetic: the generating
    // motifs, label order); Fasta: the recipe's expectedMotifIds, if any.
    motif::MotifList trueMotifs;

    // Per class: number of sequences of train / valid / test carrying it.
    std::vector<std::array<long, 3>> classCounts;
    std::string summary;                  // several lines for the data panel and logs
    Warnings warnings;                    // tolerable input problems (FASTA)

    bool hasTruth() const { return !truthStart.empty(); }
    const seqio::SequenceSet& part(synth::Part p) const;
    // Placements of sequence `index` of `part` (empty without ground truth).
    std::span<const synth::Placement> placementsOf(synth::Part part, std::size_t index) const;
};

// (fraction done in [0, 1], what is happening) -> keep going? Called from the loading thread.
using LoadProgress = std::function<bool(double fraction, const std::string& stage)>;

// Builds the data set of `recipe`. Throws InputError (a message for the user naming file and
// line where there is one) for bad recipes or inputs, seqio::LoadCancelled when `progress`
// returns false. Thread-safe; the caller owns the result.
LoadedData loadData(const DataRecipe& recipe, const LoadProgress& progress = {});

// The motif file `path` (empty = the bundled JASPAR file), read once and cached for the
// process (thread-safe). Throws InputError when it cannot be read.
std::shared_ptr<const motif::MotifList> motifDatabase(const std::string& path = {});

// Display name for a motif file path ("JASPAR CORE vertebrates (bundled)" for the default).
std::string motifDatabaseLabel(const std::string& path);

// The synthetic configuration of a Synthetic recipe, motifs picked from `database` (label
// order = recipe.motifIds). Throws InputError for an unknown ID or a recipe that
// synth::validate rejects.
synth::SynthConfig synthConfig(const DataRecipe& recipe, const motif::MotifList& database,
                               const std::string& databaseSource);

}  // namespace motifloom::ui
