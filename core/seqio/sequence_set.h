#pragma once
// SequenceSet: labelled DNA sequences of one common length, stored compactly (1 byte/base).
//
// Base codes are 4-bit masks over the bases that may stand at a position:
//   A = 1, C = 2, G = 4, T = 8; IUPAC ambiguity codes are the union of their bases
//   (R = A|G = 5, N = 15); 0 = no base (padding beyond a sequence's end).
// One-hot encoding (made on the fly by the network) gives base b the value
//   ((code >> b) & 1) / popcount(code), i.e. a uniform probability over the allowed bases,
// and all zeros for padding. Rows are A,C,G,T like motif matrices.
//
// Coordinates are 0-based; sequence i occupies codes[i*length, (i+1)*length).
// Labels are a dense row-major size() x numClasses() matrix of 0/1 floats (multi-hot for
// multi-label tasks, one-hot for single-label tasks).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::seqio {

enum class BaseCode : std::uint8_t { None = 0, A = 1, C = 2, G = 4, T = 8, N = 15 };

// What the labels mean; decides the output activation and loss.
enum class TaskKind {
    MultiLabel,  // independent 0/1 per class (sigmoid + binary cross-entropy)
    SingleLabel  // exactly one class per sequence (softmax + categorical cross-entropy)
};

struct SequenceSet {
    int length = 0;                       // common length of every sequence, in bases
    TaskKind task = TaskKind::MultiLabel;
    std::vector<std::string> classNames;  // one per label column
    std::vector<std::string> ids;         // one per sequence
    std::vector<std::uint8_t> codes;      // size() * length base codes
    std::vector<float> labels;            // size() * numClasses()

    std::size_t size() const { return ids.size(); }
    int numClasses() const { return int(classNames.size()); }
    const std::uint8_t* sequence(std::size_t i) const { return codes.data() + i * std::size_t(length); }
    const float* label(std::size_t i) const { return labels.data() + i * std::size_t(numClasses()); }

    // A new set holding the given sequences, in the given order.
    SequenceSet subset(const std::vector<std::size_t>& indices) const {
        SequenceSet out;
        out.length = length;
        out.task = task;
        out.classNames = classNames;
        out.ids.reserve(indices.size());
        out.codes.reserve(indices.size() * std::size_t(length));
        out.labels.reserve(indices.size() * std::size_t(numClasses()));
        for (std::size_t i : indices) {
            out.ids.push_back(ids[i]);
            out.codes.insert(out.codes.end(), sequence(i), sequence(i) + length);
            out.labels.insert(out.labels.end(), label(i), label(i) + numClasses());
        }
        return out;
    }
};

// The three parts of a data set used for training, early stopping and final scoring.
struct DataSplits {
    SequenceSet train, valid, test;
};

}  // namespace motifloom::seqio
