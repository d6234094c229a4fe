#include "seqio/split.h"

#include "util/input_error.h"
#include "util/rng.h"
#include "util/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <unordered_map>
#include <vector>

namespace motifloom::seqio {

namespace {

std::size_t partSize(std::size_t n, double fraction) {
    // The epsilon keeps 0.7 * 10 = 7.000000000000001 and 0.29 * 100 = 28.999999999999996 exact.
    return std::size_t(std::floor(double(n) * fraction + 1e-9));
}

std::string fractionText(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

}  // namespace

DataSplits splitRandom(const SequenceSet& set, std::uint64_t seed, const SplitFractions& f) {
    if (!(f.train >= 0 && f.valid >= 0 && f.test >= 0))
        throw InputError("split fractions must not be negative (train " + fractionText(f.train) + ", valid " +
                         fractionText(f.valid) + ", test " + fractionText(f.test) + ")");
    const double sum = f.train + f.valid + f.test;
    if (std::abs(sum - 1.0) > 1e-6)
        throw InputError("split fractions must add up to 1, but " + fractionText(f.train) + " + " +
                         fractionText(f.valid) + " + " + fractionText(f.test) + " = " + fractionText(sum));

    const std::size_t n = set.size();
    const std::size_t nValid = partSize(n, f.valid);
    const std::size_t nTest = std::min(partSize(n, f.test), n - nValid);
    const std::size_t nTrain = n - nValid - nTest;

    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng rng(seed);
    rng.shuffle(order.begin(), order.end());

    auto part = [&](std::size_t begin, std::size_t count) {
        std::vector<std::size_t> indices(order.begin() + std::ptrdiff_t(begin),
                                         order.begin() + std::ptrdiff_t(begin + count));
        std::sort(indices.begin(), indices.end());
        return set.subset(indices);
    };
    DataSplits out;
    out.train = part(0, nTrain);
    out.valid = part(nTrain, nValid);
    out.test = part(nTrain + nValid, nTest);
    return out;
}

DataSplits splitFromFile(const SequenceSet& set, const std::string& path, Warnings* warnings) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path, 0, "file not found");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the file");

    constexpr std::size_t kTwice = std::size_t(-1);
    std::unordered_map<std::string, std::size_t> index;  // id -> sequence, kTwice if repeated
    index.reserve(set.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        auto [it, inserted] = index.emplace(set.ids[i], i);
        if (!inserted) it->second = kTwice;
    }

    std::vector<int> part(set.size(), -1);
    std::vector<long> assignedAt(set.size(), 0);
    std::string line;
    long lineNo = 0;
    std::size_t assigned = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        auto fail = [&](const std::string& message) { throw InputError(path, lineNo, message); };
        for (unsigned char c : line)
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) fail("binary data in a split file");
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        const std::vector<std::string_view> found = splitWhitespace(line);
        const std::vector<std::string> words(found.begin(), found.end());
        if (words.empty()) continue;
        if (words.size() != 2)
            fail("expected 'ID SPLIT' (SPLIT = train, valid or test), found " + std::to_string(words.size()) +
                 (words.size() == 1 ? " word" : " words"));
        const std::string& id = words[0];
        const std::string& name = words[1];
        int which = -1;
        if (name == "train") which = 0;
        else if (name == "valid" || name == "validation") which = 1;
        else if (name == "test") which = 2;
        else fail("unknown split '" + name + "' for sequence " + id + " (expected train, valid or test)");
        const auto it = index.find(id);
        if (it == index.end()) fail("sequence " + id + " is not in the data");
        if (it->second == kTwice)
            fail("sequence id " + id + " occurs more than once in the data, so it cannot be assigned");
        const std::size_t s = it->second;
        if (part[s] >= 0)
            fail("sequence " + id + " was already assigned on line " + std::to_string(assignedAt[s]));
        part[s] = which;
        assignedAt[s] = lineNo;
        ++assigned;
    }
    if (assigned == 0) throw InputError(path, 1, "the split file assigns no sequences");

    std::vector<std::size_t> indices[3];
    for (std::size_t s = 0; s < set.size(); ++s) {
        if (part[s] >= 0)
            indices[part[s]].push_back(s);
        else if (warnings)
            warnings->add(kWarnNotInSplit, path + ": sequence " + set.ids[s]);
    }
    DataSplits out;
    out.train = set.subset(indices[0]);
    out.valid = set.subset(indices[1]);
    out.test = set.subset(indices[2]);
    return out;
}

}  // namespace motifloom::seqio
