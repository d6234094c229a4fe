#include "seqio/fasta_loader.h"

#include "util/input_error.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace motifloom::seqio {

namespace fs = std::filesystem;

namespace {

// Every record read, before lengths are made equal: codes concatenated, one entry per record.
struct RawRecords {
    std::vector<std::uint8_t> codes;
    std::vector<std::size_t> offsets{0};  // record r is codes[offsets[r], offsets[r+1])
    std::vector<std::string> ids;
    std::vector<int> file;                // index into the file list
    std::vector<long> line;
    std::vector<float> multi;             // MultiLabel rows (width = LabelSpec::width)
    std::vector<int> single;              // SingleLabel class index

    std::size_t size() const { return ids.size(); }
    std::size_t length(std::size_t r) const { return offsets[r + 1] - offsets[r]; }
    void add(const FastaRecord& rec, int fileIndex) {
        codes.insert(codes.end(), rec.codes.begin(), rec.codes.end());
        offsets.push_back(codes.size());
        ids.push_back(rec.id);
        file.push_back(fileIndex);
        line.push_back(rec.line);
    }
};

struct LabelSpec {
    TaskKind task = TaskKind::MultiLabel;
    std::vector<std::string> names;
};

std::string where(const std::vector<std::string>& files, const RawRecords& raw, std::size_t r) {
    return files[std::size_t(raw.file[r])] + " line " + std::to_string(raw.line[r]);
}

// Interprets "labels=0,1,0" / "class=NAME" header tokens, consistently across all files read.
class HeaderLabels {
public:
    HeaderLabels(std::vector<std::string> names, std::string namesSource)
        : mNames(std::move(names)), mNamesFixed(!mNames.empty()), mNamesSource(std::move(namesSource)) {
        for (std::size_t i = 0; i < mNames.size(); ++i) mIndex.emplace(mNames[i], int(i));
    }

    void parse(const FastaRecord& rec, const std::string& path, RawRecords& raw) {
        auto fail = [&](const std::string& message) { throw InputError(path, rec.line, message); };
        const std::string* labels = nullptr;
        const std::string* klass = nullptr;
        for (const auto& token : rec.tokens) {
            const std::string_view t(token);
            const std::string* found = nullptr;
            if (t.starts_with("labels=")) {
                if (labels) fail("the header of sequence " + rec.id + " has two labels= tokens");
                labels = found = &token;
            } else if (t.starts_with("class=")) {
                if (klass) fail("the header of sequence " + rec.id + " has two class= tokens");
                klass = found = &token;
            }
        }
        if (labels && klass) fail("the header of sequence " + rec.id + " has both labels= and class=");
        if (!labels && !klass)
            fail("sequence " + rec.id + " has no label (expected 'labels=0,1,...' or 'class=NAME' in its header)");

        const Kind kind = labels ? Kind::Multi : Kind::Single;
        const std::string here = path + " line " + std::to_string(rec.line);
        if (mKind == Kind::Unknown) {
            mKind = kind;
            mFirstWhere = here;
        } else if (kind != mKind) {
            fail("sequence " + rec.id + " uses " + (kind == Kind::Multi ? "labels=" : "class=") +
                 " but the first record (" + mFirstWhere + ") uses " +
                 (mKind == Kind::Multi ? "labels=" : "class=") + "; use one form throughout");
        }

        if (kind == Kind::Multi) {
            const std::string_view list = std::string_view(*labels).substr(7);
            if (list.empty()) fail("sequence " + rec.id + " has an empty labels= list");
            int count = 0;
            std::size_t start = 0;
            for (;;) {
                const std::size_t comma = list.find(',', start);
                const std::string_view item = list.substr(start, comma == std::string_view::npos ? list.npos : comma - start);
                if (item == "0" || item == "1") {
                    raw.multi.push_back(item == "1" ? 1.0f : 0.0f);
                } else {
                    fail("label value '" + std::string(item) + "' of sequence " + rec.id + " must be 0 or 1");
                }
                ++count;
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
            if (mWidth < 0) {
                if (mNamesFixed && count != int(mNames.size()))
                    fail("sequence " + rec.id + " has " + std::to_string(count) + " labels but " +
                         std::to_string(mNames.size()) + " class names are given" + source());
                mWidth = count;
            } else if (count != mWidth) {
                fail("sequence " + rec.id + " has " + std::to_string(count) + " labels but the first record (" +
                     mFirstWhere + ") has " + std::to_string(mWidth));
            }
        } else {
            const std::string name = klass->substr(6);
            if (name.empty()) fail("sequence " + rec.id + " has an empty class= name");
            auto it = mIndex.find(name);
            if (it == mIndex.end()) {
                if (mNamesFixed)
                    fail("class '" + name + "' of sequence " + rec.id + " is not among the class names given" +
                         source());
                it = mIndex.emplace(name, int(mNames.size())).first;
                mNames.push_back(name);
            }
            raw.single.push_back(it->second);
        }
    }

    LabelSpec spec() const {
        LabelSpec s;
        s.task = mKind == Kind::Single ? TaskKind::SingleLabel : TaskKind::MultiLabel;
        s.names = mNames;
        if (mKind == Kind::Multi && !mNamesFixed)
            for (int c = 0; c < mWidth; ++c) s.names.push_back("class" + std::to_string(c));
        return s;
    }

private:
    std::string source() const { return mNamesSource.empty() ? std::string() : " (in " + mNamesSource + ")"; }

    enum class Kind { Unknown, Multi, Single };
    Kind mKind = Kind::Unknown;
    std::vector<std::string> mNames;
    bool mNamesFixed;
    std::string mNamesSource;
    std::unordered_map<std::string, int> mIndex;
    int mWidth = -1;  // labels= count, once known
    std::string mFirstWhere;
};

// Reads `files` in order into `raw`, after handing each record to label(record, fileIndex).
// Progress is reported over the bytes of all files together.
void readFiles(const std::vector<std::string>& files, const ProgressCallback& progress, Warnings& warnings,
               RawRecords& raw, const std::function<void(const FastaRecord&, int)>& label) {
    std::vector<std::uint64_t> sizes;
    std::uint64_t total = 0, estimate = 0;
    for (const auto& f : files) {
        std::error_code ec;
        const auto size = fs::file_size(f, ec);
        sizes.push_back(ec ? 0 : std::uint64_t(size));
        total += sizes.back();
        // Reserving address space costs nothing until touched; growing a large vector costs a
        // copy of every base. Text is an upper bound for plain files; DNA gzips about 1:4.
        estimate += std::string_view(f).ends_with(".gz") ? 4 * sizes.back() : sizes.back();
    }
    raw.codes.reserve(std::size_t(std::min<std::uint64_t>(estimate, std::uint64_t(1) << 34)));
    std::uint64_t base = 0;
    FastaRecord rec;
    for (std::size_t i = 0; i < files.size(); ++i) {
        ProgressCallback perFile;
        if (progress)
            perFile = [&](std::uint64_t done, std::uint64_t) { return progress(base + done, total); };
        FastaReader reader(files[i], perFile);
        while (reader.next(rec)) {
            label(rec, int(i));
            raw.add(rec, int(i));
        }
        warnings.merge(reader.warnings());
        base += sizes[i];
    }
}

std::size_t chooseLength(const RawRecords& raw, int targetLength) {
    if (targetLength > 0) return std::size_t(targetLength);
    std::map<std::size_t, std::size_t> counts;
    for (std::size_t r = 0; r < raw.size(); ++r) ++counts[raw.length(r)];
    std::size_t best = 0, bestCount = 0;
    for (const auto& [length, count] : counts)  // ascending, so >= lets the longest win ties
        if (count >= bestCount) {
            best = length;
            bestCount = count;
        }
    return best;
}

void warnDuplicateIds(const RawRecords& raw, const std::vector<std::string>& files, Warnings& warnings) {
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(raw.size());
    for (std::size_t r = 0; r < raw.size(); ++r) {
        auto [it, inserted] = first.emplace(raw.ids[r], r);
        if (!inserted)
            warnings.add(kWarnDuplicateId, where(files, raw, r) + ": id " + raw.ids[r] + " (first used at " +
                                               where(files, raw, it->second) + ")");
    }
}

// Builds the set of raw records `records` (in that order), each fitted to `length`. With
// `consume`, raw's codes may be moved out (when they already are the result: all records in
// order, all of the right length - the common case, which saves a copy of every base).
SequenceSet buildSet(RawRecords& raw, const std::vector<std::size_t>& records, const LabelSpec& spec,
                     std::size_t length, std::uint8_t pad, const std::vector<std::string>& files,
                     Warnings& warnings, bool consume) {
    SequenceSet set;
    set.length = int(length);
    set.task = spec.task;
    set.classNames = spec.names;
    const std::size_t width = spec.names.size();
    set.ids.reserve(records.size());
    bool inPlace = consume && records.size() == raw.size() && raw.codes.size() == records.size() * length;
    for (std::size_t k = 0; inPlace && k < records.size(); ++k)
        inPlace = records[k] == k && raw.length(k) == length;
    if (inPlace)
        set.codes = std::move(raw.codes);
    else
        set.codes.resize(records.size() * length);
    set.labels.assign(records.size() * width, 0.0f);
    for (std::size_t k = 0; k < records.size(); ++k) {
        const std::size_t r = records[k];
        set.ids.push_back(raw.ids[r]);
        const std::size_t n = raw.length(r);
        const int fit = inPlace ? 0
                                : fitToLength(raw.codes.data() + raw.offsets[r], n, length, pad,
                                              set.codes.data() + k * length);
        if (fit != 0)
            warnings.add(fit < 0 ? kWarnCropped : kWarnPadded,
                         where(files, raw, r) + ": sequence " + raw.ids[r] + " has " + std::to_string(n) +
                             " nt, input length is " + std::to_string(length));
        float* label = set.labels.data() + k * width;
        if (spec.task == TaskKind::SingleLabel)
            label[raw.single[r]] = 1.0f;
        else
            std::copy_n(raw.multi.data() + r * width, width, label);
    }
    return set;
}

void checkLength(int targetLength) {
    if (targetLength < 0)
        throw InputError("the input length must be positive (or 0 for the most common length), not " +
                         std::to_string(targetLength));
}

std::uint8_t padCode(const LoadOptions& options) {
    return options.padWithN ? std::uint8_t(BaseCode::N) : std::uint8_t(BaseCode::None);
}

std::vector<std::size_t> allRecords(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

// Reads header-labelled files as one data set and splits it back by file.
DataSplits loadByFile(const std::vector<std::string>& files, const LoadOptions& options,
                      const std::vector<std::string>& names, const std::string& namesSource, Warnings* warnings) {
    checkLength(options.targetLength);
    Warnings local;
    RawRecords raw;
    HeaderLabels labels(names, namesSource);
    readFiles(files, options.progress, local, raw, [&](const FastaRecord& rec, int file) {
        labels.parse(rec, files[std::size_t(file)], raw);
    });
    warnDuplicateIds(raw, files, local);
    const std::size_t length = chooseLength(raw, options.targetLength);
    std::vector<std::size_t> parts[3];
    for (std::size_t r = 0; r < raw.size(); ++r) parts[raw.file[r]].push_back(r);
    const LabelSpec spec = labels.spec();
    DataSplits out;
    out.train = buildSet(raw, parts[0], spec, length, padCode(options), files, local, false);
    out.valid = buildSet(raw, parts[1], spec, length, padCode(options), files, local, false);
    out.test = buildSet(raw, parts[2], spec, length, padCode(options), files, local, false);
    if (warnings) warnings->merge(local);
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> readClassNames(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the file");
    std::vector<std::string> names;
    std::unordered_map<std::string, long> seen;
    std::string line;
    long lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        const std::string name = trim(line);
        if (name.empty()) continue;
        for (unsigned char c : name)
            if (c < 0x20 && c != '\t') throw InputError(path, lineNo, "binary data in a class name");
        auto [it, inserted] = seen.emplace(name, lineNo);
        if (!inserted)
            throw InputError(path, lineNo, "class name '" + name + "' was already given on line " +
                                               std::to_string(it->second));
        names.push_back(name);
    }
    if (names.empty()) throw InputError(path, 1, "the file names no classes (expected one name per line)");
    return names;
}

}  // namespace

int fitToLength(const std::uint8_t* codes, std::size_t n, std::size_t length, std::uint8_t padCode,
                std::uint8_t* out) {
    if (n >= length) {
        if (length > 0) std::memcpy(out, codes + (n - length) / 2, length);
        return n > length ? -1 : 0;
    }
    const std::size_t left = (length - n) / 2;
    std::memset(out, padCode, left);
    if (n > 0) std::memcpy(out + left, codes, n);
    std::memset(out + left + n, padCode, length - n - left);
    return 1;
}

std::string fileStem(const std::string& path) {
    std::string name = fs::path(path).filename().string();
    auto strip = [&](std::string_view suffix) {
        if (name.size() > suffix.size() && std::string_view(name).ends_with(suffix)) {
            name.resize(name.size() - suffix.size());
            return true;
        }
        return false;
    };
    strip(".gz");
    for (std::string_view ext : {".fa", ".fasta", ".fna", ".fas"})
        if (strip(ext)) break;
    return name;
}

LoadResult loadLabelled(const LoadOptions& options) {
    checkLength(options.targetLength);
    const auto& files = options.files;
    if (files.empty()) throw InputError("no FASTA files given");

    LoadResult result;
    RawRecords raw;
    LabelSpec spec;
    switch (options.labels) {
    case LabelMode::HeaderTokens: {
        HeaderLabels labels(options.classNames, {});
        readFiles(files, options.progress, result.warnings, raw, [&](const FastaRecord& rec, int file) {
            labels.parse(rec, files[std::size_t(file)], raw);
        });
        spec = labels.spec();
        break;
    }
    case LabelMode::FilePerClass: {
        if (files.size() < 2)
            throw InputError("one file per class needs at least two files, got " + std::to_string(files.size()));
        if (!options.classNames.empty() && options.classNames.size() != files.size())
            throw InputError(std::to_string(options.classNames.size()) + " class names given for " +
                             std::to_string(files.size()) + " class files");
        spec.task = TaskKind::SingleLabel;
        std::unordered_map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < files.size(); ++i) {
            spec.names.push_back(options.classNames.empty() ? fileStem(files[i]) : options.classNames[i]);
            auto [it, inserted] = seen.emplace(spec.names.back(), i);
            if (!inserted)
                throw InputError(files[i], 0, "this file's class name '" + spec.names.back() +
                                                  "' is also the class name of " + files[it->second] +
                                                  "; give distinct class names");
        }
        readFiles(files, options.progress, result.warnings, raw,
                  [&](const FastaRecord&, int file) { raw.single.push_back(file); });
        break;
    }
    case LabelMode::PositiveNegative: {
        if (files.size() != 2)
            throw InputError("positive/negative labels need exactly two files (positives first), got " +
                             std::to_string(files.size()));
        if (options.classNames.size() > 1)
            throw InputError("positive/negative labels have one class, but " +
                             std::to_string(options.classNames.size()) + " class names were given");
        spec.task = TaskKind::MultiLabel;
        spec.names = {options.classNames.empty() ? fileStem(files[0]) : options.classNames[0]};
        readFiles(files, options.progress, result.warnings, raw,
                  [&](const FastaRecord&, int file) { raw.multi.push_back(file == 0 ? 1.0f : 0.0f); });
        break;
    }
    }
    warnDuplicateIds(raw, files, result.warnings);
    const std::size_t length = chooseLength(raw, options.targetLength);
    result.set = buildSet(raw, allRecords(raw.size()), spec, length, padCode(options), files, result.warnings, true);
    return result;
}

DataSplits loadSplitFiles(const SplitFiles& files, const LoadOptions& options, Warnings* warnings) {
    return loadByFile({files.train, files.valid, files.test}, options, options.classNames, {}, warnings);
}

DataSplits loadDataDirectory(const std::string& dir, const LoadOptions& options, Warnings* warnings) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(dir, 0, "data folder not found");
    auto find = [&](const std::string& stem) {
        for (const char* ext : {".fa", ".fa.gz", ".fasta", ".fasta.gz"}) {
            const std::string path = (fs::path(dir) / (stem + ext)).string();
            if (fs::is_regular_file(path, ec)) return path;
        }
        throw InputError(dir, 0, "the data folder has no " + stem + ".fa (nor " + stem + ".fa.gz, " + stem +
                                     ".fasta, " + stem + ".fasta.gz); it needs train, valid and test files");
    };
    const std::vector<std::string> files = {find("train"), find("valid"), find("test")};

    std::vector<std::string> names = options.classNames;
    std::string namesSource;  // where the names come from, for messages ("" = the caller)
    const std::string classesPath = (fs::path(dir) / "classes.txt").string();
    if (names.empty() && fs::is_regular_file(classesPath, ec)) {
        names = readClassNames(classesPath);
        namesSource = classesPath;
    }
    return loadByFile(files, options, names, namesSource, warnings);
}

}  // namespace motifloom::seqio
