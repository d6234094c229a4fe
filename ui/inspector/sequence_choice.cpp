#include "inspector/sequence_choice.h"

#include "seqio/alphabet.h"
#include "util/input_error.h"

#include <QStringList>

#include <algorithm>
#include <numeric>

namespace motifloom::ui {

std::vector<std::size_t> chooseSequences(const seqio::SequenceSet& set, const std::vector<float>& probabilities,
                                         const std::vector<float>& peaks, const SequenceQuery& q) {
    const std::size_t n = set.size(), k = std::size_t(set.numClasses());
    if (q.classIndex < 0 || q.classIndex >= set.numClasses()) return {};
    const std::size_t c = std::size_t(q.classIndex);
    const bool needsPrediction = (q.filter != SequenceFilter::All && q.filter != SequenceFilter::Carrying) ||
                                 q.order == SequenceOrder::HighestPrediction || q.order == SequenceOrder::LowestPrediction;
    if (needsPrediction && probabilities.size() != n * k) return {};
    if (q.order == SequenceOrder::FilterActivation && peaks.size() != n) return {};

    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < n; ++i) {
        const bool actual = set.label(i)[c] >= 0.5f;
        const bool predicted = needsPrediction && probabilities[i * k + c] >= 0.5f;
        bool keep = true;
        switch (q.filter) {
        case SequenceFilter::All: break;
        case SequenceFilter::Carrying: keep = actual; break;
        case SequenceFilter::TruePositive: keep = actual && predicted; break;
        case SequenceFilter::FalsePositive: keep = !actual && predicted; break;
        case SequenceFilter::TrueNegative: keep = !actual && !predicted; break;
        case SequenceFilter::FalseNegative: keep = actual && !predicted; break;
        }
        if (keep) out.push_back(i);
    }
    auto byValue = [&](auto value, bool descending) {
        std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
            return descending ? value(a) > value(b) : value(a) < value(b);
        });
    };
    switch (q.order) {
    case SequenceOrder::File: break;
    case SequenceOrder::HighestPrediction: byValue([&](std::size_t i) { return probabilities[i * k + c]; }, true); break;
    case SequenceOrder::LowestPrediction: byValue([&](std::size_t i) { return probabilities[i * k + c]; }, false); break;
    case SequenceOrder::FilterActivation: byValue([&](std::size_t i) { return peaks[i]; }, true); break;
    }
    return out;
}

std::vector<std::uint8_t> parseTypedSequence(const QString& text, int length, QString* name) {
    const std::string source = "pasted sequence";
    std::vector<std::uint8_t> codes;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool sawHeader = false;
    for (int l = 0; l < lines.size(); ++l) {
        const QString line = lines[l];
        if (line.trimmed().startsWith(QLatin1Char('>'))) {
            if (sawHeader || !codes.empty())
                throw InputError(source, l + 1, "a second FASTA header: paste one sequence at a time");
            sawHeader = true;
            if (name) *name = line.trimmed().mid(1).section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
            continue;
        }
        for (int col = 0; col < line.size(); ++col) {
            const QChar ch = line[col];
            if (ch.isSpace()) continue;
            const std::uint8_t code = ch.unicode() < 128 ? seqio::encodeBase(char(ch.unicode())) : seqio::kInvalidCode;
            if (code == seqio::kInvalidCode)
                throw InputError(source, l + 1,
                                 "illegal character '" + QString(ch).toStdString() + "' at column " + std::to_string(col + 1) +
                                     " (only the IUPAC letters ACGT RYSWKM BDHV N are bases)");
            codes.push_back(code);
        }
    }
    if (codes.empty()) throw InputError(source, 0, "no bases: type or paste a DNA sequence");
    if (int(codes.size()) != length)
        throw InputError(source, 0, "it has " + std::to_string(codes.size()) + " bases, the model reads exactly " +
                                        std::to_string(length));
    return codes;
}

}  // namespace motifloom::ui
