#pragma once
// Loading labelled FASTA data into SequenceSets: three ways to give labels, one common length.
//
// Label modes (LoadOptions::labels):
//   HeaderTokens      labels in each header, all records alike:
//                       ">id labels=0,1,0,..."  multi-hot, MultiLabel task, one column per value
//                                              (names: LoadOptions::classNames, else class0..);
//                       ">id class=CTCF"        SingleLabel task; class names in order of first
//                                              appearance, or LoadOptions::classNames (then an
//                                              unlisted name is an error, unused names are kept).
//                     Other header tokens are ignored. Mixing the two forms, a missing label, a
//                     value other than 0/1 or a differing number of labels is an InputError
//                     naming the file and line of the offending record.
//   FilePerClass      one file per class (>= 2 files), SingleLabel task; class name = file name
//                     without folder and without .gz/.fa/.fasta/.fna/.fas (or classNames).
//   PositiveNegative  files = {positive, negative}; MultiLabel task with ONE column (1 for the
//                     positive file's records, 0 for the negative's), named after the positive
//                     file's stem (or classNames[0]).
//
// Common length (every SequenceSet has one): targetLength > 0, or 0 = the most common length
// among all records read (ties go to the longest, so nothing is cropped that need not be).
//   - longer sequences are centre-cropped: the middle targetLength bases are kept, starting
//     at (len - target) / 2 (rounded down, so an odd surplus loses its extra base at the end);
//   - shorter ones are centred and padded on both sides (left (target - len) / 2, rest right)
//     with code 0 = "no base" (all-zero one-hot, how the paper treats positions outside a
//     sequence) or, with padWithN, with N = 15 (uniform). Centring keeps a motif at a peak
//     summit where it was. Each cropped / padded sequence is counted as a warning
//     (kWarnCropped / kWarnPadded), with the first example's file and line.
// Sequence ids repeated within the loaded data are counted as kWarnDuplicateId; ambiguity
// codes as kWarnAmbiguous (fasta_reader.h).
//
// Failure: InputError (file + line) or LoadCancelled; nothing partial is returned.

#include "seqio/fasta_reader.h"
#include "seqio/sequence_set.h"
#include "util/warnings.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::seqio {

inline constexpr const char* kWarnCropped = "sequences longer than the input length (centre kept)";
inline constexpr const char* kWarnPadded = "sequences shorter than the input length (centred and padded)";
inline constexpr const char* kWarnDuplicateId = "sequence ids used more than once";

enum class LabelMode { HeaderTokens, FilePerClass, PositiveNegative };

struct LoadOptions {
    LabelMode labels = LabelMode::HeaderTokens;
    std::vector<std::string> files;       // HeaderTokens: >= 1 (read in order, as one set)
    std::vector<std::string> classNames;  // optional, see above; empty = derive
    int targetLength = 0;                 // input length in bases; 0 = most common length
    bool padWithN = false;                // pad with N (uniform) instead of 0 (no base)
    ProgressCallback progress;            // over the bytes of all files together; may cancel
};

struct LoadResult {
    SequenceSet set;
    Warnings warnings;
};

// Reads options.files as described above; records keep their file order.
LoadResult loadLabelled(const LoadOptions& options);

// Given train / validation / test files (HeaderTokens labels), read as ONE data set so all
// three share class names, label count and length (the most common over all three when
// options.targetLength is 0). options.labels and options.files are ignored; classNames apply.
// Warnings go to *warnings when given.
struct SplitFiles {
    std::string train, valid, test;
};
DataSplits loadSplitFiles(const SplitFiles& files, const LoadOptions& options = {},
                          Warnings* warnings = nullptr);

// The folder layout `motifloom-cli simulate` writes: DIR/train.fa, DIR/valid.fa, DIR/test.fa
// (each may instead be .fa.gz, .fasta or .fasta.gz; the plain .fa wins if several exist),
// headers ">id labels=0,1,0,...". Class names: options.classNames if given, else
// DIR/classes.txt (one name per line; blank lines skipped) if it exists, else class0...
// A missing file, a classes.txt whose count differs from the label count, or files that
// disagree on label count are InputErrors naming the file (and line).
DataSplits loadDataDirectory(const std::string& dir, const LoadOptions& options = {},
                             Warnings* warnings = nullptr);

// Copies codes[0, n) into out[0, length), centre-cropped or centred and padded with padCode
// (the policy above). Returns -1 if cropped, +1 if padded, 0 if n == length.
int fitToLength(const std::uint8_t* codes, std::size_t n, std::size_t length, std::uint8_t padCode,
                std::uint8_t* out);

// "reads.fa.gz" -> "reads", "/data/CTCF.fasta" -> "CTCF": the class name FilePerClass uses.
std::string fileStem(const std::string& path);

}  // namespace motifloom::seqio
