#pragma once
// Which sequences of a data split the inspector's picker lists: all of them, those carrying a
// class, or the true / false positives / negatives of a class (predicted = probability >= 0.5,
// actual = label >= 0.5), in file order or sorted by the class's probability or by how strongly
// one first-layer filter fires (its largest activation on the sequence).
// Pure functions on values (no widgets), so tests can check them directly.

#include "seqio/sequence_set.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::ui {

enum class SequenceFilter { All, Carrying, TruePositive, FalsePositive, TrueNegative, FalseNegative };
enum class SequenceOrder { File, HighestPrediction, LowestPrediction, FilterActivation };

struct SequenceQuery {
    SequenceFilter filter = SequenceFilter::All;
    SequenceOrder order = SequenceOrder::File;
    int classIndex = 0;  // the class the filter and the prediction order refer to
};

// Indices into `set` matching `query`. `probabilities` (set.size() x classes) is needed by the
// TP/FP/TN/FN filters and the prediction orders, `peaks` (one per sequence) by the filter
// order; when a needed input is missing (empty) the result is empty.
std::vector<std::size_t> chooseSequences(const seqio::SequenceSet& set, const std::vector<float>& probabilities,
                                         const std::vector<float>& peaks, const SequenceQuery& query);

// A sequence typed or pasted by the user: optional FASTA header lines ('>' ...) and
// whitespace are ignored, the rest must be IUPAC letters (either case), exactly `length` of
// them. Throws InputError naming the first bad character with its line and column
// ("pasted sequence, line 2: illegal character 'X' at column 7"), or the length mismatch.
// `name` receives the header's first word (empty without a header).
std::vector<std::uint8_t> parseTypedSequence(const QString& text, int length, QString* name = nullptr);

}  // namespace motifloom::ui
