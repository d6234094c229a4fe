#pragma once
// DataRecipe: everything needed to (re)build a data set, as plain data. Session files and runs
// keep it (session.h, run_record.h); the desktop lab's data panel edits it; motifloom-cli's
// --data options are parsed into one; data_loader.h builds the data set it describes.
//
// Three kinds of recipe:
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
//   Any kind   `truthMapping`: the motifs the user expects in each class (interpret/
//              truth_mapping.h; `--truth CLASS=ID` on the command line, the class table's
//              "Expected motifs" column in the GUI); runTruth (data_truth.h) turns it into the
//              true motifs of match-ground-truth and coverage.
//   Directory  a folder as `motifloom-cli simulate` writes it (seqio::loadDataDirectory:
//              train.fa, valid.fa, test.fa with header labels); `directory` names it and
//              `targetLength` applies as for Fasta.
//
// JSON (toJson / fromJson): {"kind": "synthetic"|"fasta"|"directory", every field below in
// snake_case}. Every key is written; on reading, missing keys keep their defaults. Seeds above
// 2^53 are written as strings (JSON readers keep numbers as doubles); whole numbers below 10^15
// are written without a decimal point (as the Qt-based writer of earlier versions did, so
// session files keep their bytes). "directory" is written only by Directory recipes, so the
// recipes of earlier session files read and write back byte for byte; "truth_mapping" (a list of
// {"class": NAME, "motif_ids": [ID, ...]}) likewise only when the mapping is not empty.

#include "interpret/truth_mapping.h"
#include "seqio/fasta_loader.h"
#include "synth/synthetic_data.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::lab {

struct DataRecipe {
    enum class Kind { Synthetic, Fasta, Directory };
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
    int targetLength = 0;                 // 0 = most common length (Fasta, Directory)
    bool padWithN = false;
    std::vector<std::string> expectedMotifIds;  // optional, from motifDatabase (see above)

    // --- Directory ----------------------------------------------------------------------------
    std::string directory;

    // --- any kind: expected motifs per class (empty: planted truth or proposals only) --------
    interpret::TruthMapping truthMapping;

    bool operator==(const DataRecipe&) const = default;

    // The paper's synthetic recipe (= a default-constructed DataRecipe).
    static DataRecipe paperSynthetic() { return {}; }

    // The JSON object described above (keys sorted, as nlohmann::json stores them).
    nlohmann::json toJson() const;
    // Missing keys keep their defaults; wrong types or unknown enum names throw InputError
    // ("data recipe: unknown label mode 'x' (expected header, file_per_class, ...)").
    static DataRecipe fromJson(const nlohmann::json& json);

    // One line for titles and logs: "synthetic: 12 motifs, 25,000 x 200 nt, seed 33",
    // "FASTA: 2 files (one file per class)" or "folder: data".
    std::string describe() const;
};

// "25,000": digits grouped by thousands, for messages and summaries.
std::string thousands(long long value);

}  // namespace motifloom::lab
