#include "lab/data_recipe.h"

#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace motifloom::lab {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& message) { throw InputError("data recipe: " + message); }

std::string quoted(const char* key) { return "'" + std::string(key) + "'"; }

const char* kindName(DataRecipe::Kind k) {
    switch (k) {
    case DataRecipe::Kind::Synthetic: return "synthetic";
    case DataRecipe::Kind::Fasta: return "fasta";
    case DataRecipe::Kind::Directory: return "directory";
    }
    return "?";
}

const char* splitModeName(DataRecipe::SplitMode m) {
    switch (m) {
    case DataRecipe::SplitMode::Random: return "random";
    case DataRecipe::SplitMode::AssignmentFile: return "assignment_file";
    case DataRecipe::SplitMode::SeparateFiles: return "separate_files";
    }
    return "?";
}

const char* labelModeName(seqio::LabelMode m) {
    switch (m) {
    case seqio::LabelMode::HeaderTokens: return "header";
    case seqio::LabelMode::FilePerClass: return "file_per_class";
    case seqio::LabelMode::PositiveNegative: return "positive_negative";
    }
    return "?";
}

// Whole numbers below 10^15 without a decimal point ("1", not "1.0"): what the Qt-based writer
// of earlier versions produced, so session files keep their bytes.
json number(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return json(static_cast<std::int64_t>(v));
    return json(v);
}

json seedValue(std::uint64_t seed) {
    if (seed <= (std::uint64_t(1) << 53)) return json(seed);
    return json(std::to_string(seed));
}

// Typed readers: absent keys keep `out` as it is.
const json* find(const json& o, const char* key) {
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}

void readString(const json& o, const char* key, std::string& out) {
    const json* v = find(o, key);
    if (!v) return;
    if (!v->is_string()) bad(quoted(key) + " must be a string");
    out = v->get<std::string>();
}

void readBool(const json& o, const char* key, bool& out) {
    const json* v = find(o, key);
    if (!v) return;
    if (!v->is_boolean()) bad(quoted(key) + " must be true or false");
    out = v->get<bool>();
}

void readDouble(const json& o, const char* key, double& out) {
    const json* v = find(o, key);
    if (!v) return;
    if (!v->is_number()) bad(quoted(key) + " must be a number");
    out = v->get<double>();
}

void readInt(const json& o, const char* key, int& out) {
    const json* v = find(o, key);
    if (!v) return;
    const double d = v->is_number() ? v->get<double>() : std::nan("");
    if (!v->is_number() || d != std::floor(d) || std::abs(d) > 2e9) bad(quoted(key) + " must be a whole number");
    out = int(d);
}

void readSeed(const json& o, const char* key, std::uint64_t& out) {
    const json* v = find(o, key);
    if (!v) return;
    const std::string message = quoted(key) + " must be a non-negative whole number";
    if (v->is_string()) {
        const std::string& s = v->get_ref<const std::string&>();
        char* end = nullptr;
        errno = 0;
        const unsigned long long n = s.empty() || s[0] == '-' ? 0 : std::strtoull(s.c_str(), &end, 10);
        if (s.empty() || s[0] == '-' || !end || *end != '\0' || errno == ERANGE) bad(message);
        out = n;
    } else if (v->is_number_unsigned()) {
        out = v->get<std::uint64_t>();
        if (out > (std::uint64_t(1) << 53)) bad(message);
    } else {
        const double d = v->is_number() ? v->get<double>() : -1;
        if (d < 0 || d != std::floor(d) || d > 9007199254740992.0) bad(message);
        out = std::uint64_t(d);
    }
}

void readStrings(const json& o, const char* key, std::vector<std::string>& out) {
    const json* v = find(o, key);
    if (!v) return;
    if (!v->is_array()) bad(quoted(key) + " must be a list of strings");
    out.clear();
    for (const json& s : *v) {
        if (!s.is_string()) bad(quoted(key) + " must be a list of strings");
        out.push_back(s.get<std::string>());
    }
}

void readDoubles(const json& o, const char* key, std::vector<double>& out) {
    const json* v = find(o, key);
    if (!v) return;
    if (!v->is_array()) bad(quoted(key) + " must be a list of numbers");
    out.clear();
    for (const json& x : *v) {
        if (!x.is_number()) bad(quoted(key) + " must be a list of numbers");
        out.push_back(x.get<double>());
    }
}

template <class E, std::size_t N>
void readEnum(const json& o, const char* key, E& out, const std::array<E, N>& values, const char* (*name)(E),
              const char* what) {
    const json* v = find(o, key);
    if (!v) return;
    const std::string s = v->is_string() ? v->get<std::string>() : std::string();
    for (E e : values)
        if (s == name(e)) {
            out = e;
            return;
        }
    std::string names;
    for (E e : values) names += (names.empty() ? "" : ", ") + std::string(name(e));
    bad("unknown " + std::string(what) + " '" + s + "' (expected " + names + ")");
}

json strings(const std::vector<std::string>& v) { return json(v); }

}  // namespace

std::string thousands(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

json DataRecipe::toJson() const {
    json k = json::array();
    for (double p : kProbs) k.push_back(number(p));
    json o = {{"kind", kindName(kind)},
              {"motif_ids", strings(motifIds)},
              {"motif_database", motifDatabase},
              {"count", count},
              {"length", length},
              {"k_probs", k},
              {"gc", number(gc)},
              {"reverse_complements", reverseComplements},
              {"seed", seedValue(seed)},
              {"split_fractions", {number(splitFractions[0]), number(splitFractions[1]), number(splitFractions[2])}},
              {"split_mode", splitModeName(splitMode)},
              {"split_seed", seedValue(splitSeed)},
              {"split_file", splitFile},
              {"train_file", trainFile},
              {"valid_file", validFile},
              {"test_file", testFile},
              {"label_mode", labelModeName(labelMode)},
              {"files", strings(files)},
              {"class_names", strings(classNames)},
              {"target_length", targetLength},
              {"pad_with_n", padWithN},
              {"expected_motif_ids", strings(expectedMotifIds)}};
    if (kind == Kind::Directory) o["directory"] = directory;
    if (!truthMapping.empty()) {
        json mapping = json::array();
        for (const interpret::ClassTruth& t : truthMapping)
            mapping.push_back({{"class", t.className}, {"motif_ids", strings(t.motifIds)}});
        o["truth_mapping"] = mapping;
    }
    return o;
}

DataRecipe DataRecipe::fromJson(const json& o) {
    if (!o.is_object()) bad("not a JSON object");
    DataRecipe r;
    readEnum(o, "kind", r.kind, std::array{Kind::Synthetic, Kind::Fasta, Kind::Directory}, kindName, "data kind");
    readStrings(o, "motif_ids", r.motifIds);
    readString(o, "motif_database", r.motifDatabase);
    readInt(o, "count", r.count);
    readInt(o, "length", r.length);
    readDoubles(o, "k_probs", r.kProbs);
    readDouble(o, "gc", r.gc);
    readBool(o, "reverse_complements", r.reverseComplements);
    readSeed(o, "seed", r.seed);
    if (find(o, "split_fractions")) {
        std::vector<double> f;
        readDoubles(o, "split_fractions", f);
        if (f.size() != 3) bad("'split_fractions' must hold 3 numbers (train, validation, test)");
        r.splitFractions = {f[0], f[1], f[2]};
    }
    readEnum(o, "split_mode", r.splitMode,
             std::array{SplitMode::Random, SplitMode::AssignmentFile, SplitMode::SeparateFiles}, splitModeName,
             "split mode");
    readSeed(o, "split_seed", r.splitSeed);
    readString(o, "split_file", r.splitFile);
    readString(o, "train_file", r.trainFile);
    readString(o, "valid_file", r.validFile);
    readString(o, "test_file", r.testFile);
    readEnum(o, "label_mode", r.labelMode,
             std::array{seqio::LabelMode::HeaderTokens, seqio::LabelMode::FilePerClass,
                        seqio::LabelMode::PositiveNegative},
             labelModeName, "label mode");
    readStrings(o, "files", r.files);
    readStrings(o, "class_names", r.classNames);
    readInt(o, "target_length", r.targetLength);
    readBool(o, "pad_with_n", r.padWithN);
    readStrings(o, "expected_motif_ids", r.expectedMotifIds);
    readString(o, "directory", r.directory);
    if (const json* mapping = find(o, "truth_mapping")) {
        if (!mapping->is_array()) bad("'truth_mapping' must be a list");
        for (const json& e : *mapping) {
            if (!e.is_object()) bad("each 'truth_mapping' entry must be an object with 'class' and 'motif_ids'");
            interpret::ClassTruth t;
            readString(e, "class", t.className);
            readStrings(e, "motif_ids", t.motifIds);
            if (t.className.empty()) bad("a 'truth_mapping' entry names no class");
            interpret::setClassTruth(r.truthMapping, std::move(t));
        }
    }
    return r;
}

std::string DataRecipe::describe() const {
    if (kind == Kind::Synthetic)
        return "synthetic: " + std::to_string(motifIds.size()) + (motifIds.size() == 1 ? " motif, " : " motifs, ") +
               thousands(count) + " x " + thousands(length) + " nt, seed " + std::to_string(seed);
    if (kind == Kind::Directory) return "folder: " + directory;
    if (splitMode == SplitMode::SeparateFiles)
        return "FASTA: " + seqio::fileStem(trainFile) + " / " + seqio::fileStem(validFile) + " / " +
               seqio::fileStem(testFile);
    const char* mode = labelMode == seqio::LabelMode::HeaderTokens   ? "labels in headers"
                       : labelMode == seqio::LabelMode::FilePerClass ? "one file per class"
                                                                     : "positive / negative";
    return "FASTA: " + std::to_string(files.size()) + (files.size() == 1 ? " file (" : " files (") + mode + ")";
}

}  // namespace motifloom::lab
