#pragma once
// The synthetic data set of Koo & Eddy (2019), with known ground truth (see docs/paper.md).
//
// Each sequence holds K motif instances, P(K = k) = kProbs[k-1]. Instances are drawn uniformly
// with replacement from the motifs and (by default) their reverse complements, and placed
// left to right in the order drawn, separated by K+1 gaps: K+1 uniform(0,1) draws scaled to
// sum to (length - total motif width) and rounded, redrawn until the rounded gaps sum exactly.
// Gaps are background, sampled per base with P(C) = P(G) = gc/2, P(A) = P(T) = (1-gc)/2; motif
// bases are sampled from their column's probabilities. A motif and its reverse complement share
// one label (class index = position in `motifs`); labels are multi-hot.
//
// Coordinates: 0-based, on the forward strand. A placement covers [start, start + width). For
// strand '-' the bases there were sampled from reverseComplement(motif), i.e. reading the
// reverse strand 5'->3' from start + width - 1 down to start gives a sample of the motif.
//
// Determinism: sequence i is drawn from Rng(seed).split(i) alone, so the data depend on the
// seed and configuration only, never on the thread count.

#include "motif/motif.h"
#include "seqio/sequence_set.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace motifloom::synth {

// The paper's 12 motifs in label order: JASPAR IDs with the versions of Debian's PWMEnrich copy.
inline constexpr std::array<const char*, 12> kPaperMotifIds = {
    "MA0151.1", "MA0466.1", "MA0477.1", "MA0062.2", "MA0496.1", "MA0058.2",
    "MA0052.2", "MA0502.1", "MA0079.3", "MA0083.2", "MA0137.3", "MA0095.2"};

// The 12 paper motifs picked from `database` by exact ID, in label order. Throws InputError
// naming `source` when one is missing.
motif::MotifList paperMotifs(const motif::MotifList& database, const std::string& source);

struct SynthConfig {
    motif::MotifList motifs;   // one class per motif, label order; must not be empty
    int count = 25000;         // sequences
    int length = 200;          // bases per sequence
    std::vector<double> kProbs{0.50, 0.25, 0.17, 0.05, 0.03};  // P(K = 1), P(K = 2), ...
    double gc = 0.5;           // background GC content
    bool reverseComplements = true;  // also embed each motif's reverse complement
    std::array<double, 3> split{0.7, 0.1, 0.2};  // train / valid / test fractions
    std::uint64_t seed = 33;
};

// Checks a configuration; throws InputError (no file) describing the first problem: empty motif
// list, a motif ID listed twice, non-positive count or length, probabilities that are negative or do not sum to 1
// (within 0.01), gc outside [0,1], or sequences too short for max K x the widest motif.
void validate(const SynthConfig& config);

struct Placement {
    std::size_t sequence = 0;  // index into SyntheticData::all
    int motif = 0;             // class index into SynthConfig::motifs
    char strand = '+';         // '+' motif as given, '-' its reverse complement
    int start = 0;             // 0-based first base on the forward strand
    int width = 0;
};

enum class Part : std::uint8_t { Train, Valid, Test };

struct SyntheticData {
    seqio::SequenceSet all;           // generation order, ids "syn00001", ...; class names = motif names
    std::vector<Placement> truth;     // sorted by sequence, then start
    std::vector<Part> part;           // split membership of each sequence
    std::vector<std::size_t> trainIndex, validIndex, testIndex;  // into `all`, in shuffled order

    // Materialises the three parts (copies of the sequences).
    seqio::DataSplits splits() const;
};

// Progress and cancel for generate(): called after each chunk of sequences with (sequences
// done, total), from worker threads but never concurrently. Returning false stops the
// generation: generate() then throws seqio::LoadCancelled (not an InputError) and returns
// nothing. The result never depends on whether or how often the callback ran.
using GenerateProgress = std::function<bool(std::size_t done, std::size_t total)>;

// Generates the data set; throws InputError when validate() does.
SyntheticData generate(const SynthConfig& config, const GenerateProgress& progress = {});

// Unique class names for the motifs: the name, or the ID when the name is empty; a name shared
// by several motifs gets "_<ID>" appended.
std::vector<std::string> classNames(const motif::MotifList& motifs);

// Writes the ground truth atomically as TSV: a header line, then one row per placement:
//   sequence_id  motif_id  motif_name  strand  start  end  label  split
// (end exclusive; label = class index; split = train/valid/test).
void writeTruth(const std::string& path, const SyntheticData& data, const motif::MotifList& motifs);

// One row of truth.tsv as read back (writeTruth's columns; coordinates as in Placement,
// end exclusive).
struct TruthRecord {
    std::string sequenceId;
    std::string motifId, motifName;
    char strand = '+';
    int start = 0, end = 0;
    int label = 0;        // class index
    std::string split;    // train / valid / test
};

// Reads a truth.tsv written by writeTruth (the header line is required). Throws InputError
// naming the file and line on a missing file, a wrong header, a wrong number of columns, a
// strand other than + or -, or coordinates / labels that are not integers with
// 0 <= start < end and label >= 0.
std::vector<TruthRecord> readTruth(const std::string& path);

// Writes the data folder `motifloom-cli simulate` produces (creating `dir` if needed), each file
// atomically: train.fa, valid.fa, test.fa (seqio::writeFasta, headers ">ID labels=0,1,..."),
// truth.tsv (writeTruth), classes.txt (class names, one per line, label order) and motifs.meme
// (the generating motifs, label order). `motifs` must be the list `data` was generated from.
// Throws InputError naming the folder or file that cannot be written.
void writeDataDirectory(const std::string& dir, const SyntheticData& data, const motif::MotifList& motifs);

}  // namespace motifloom::synth
