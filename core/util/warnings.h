#pragma once
// Warnings: tolerable input problems (an IUPAC code, a cropped sequence) are counted per kind
// and reported together instead of aborting. Keeps the first example of each kind so the user
// can find it ("reads.fa line 40: 'R' ...").

#include <map>
#include <string>

namespace motifloom {

class Warnings {
public:
    // Counts one occurrence of `kind`; `example` is kept for the first occurrence only.
    void add(const std::string& kind, const std::string& example = {}) {
        auto& entry = mEntries[kind];
        if (entry.count++ == 0) entry.example = example;
    }
    long count(const std::string& kind) const {
        auto it = mEntries.find(kind);
        return it == mEntries.end() ? 0 : it->second.count;
    }
    bool empty() const { return mEntries.empty(); }
    void merge(const Warnings& other) {
        for (const auto& [kind, e] : other.mEntries) {
            auto& entry = mEntries[kind];
            if (entry.count == 0) entry.example = e.example;
            entry.count += e.count;
        }
    }
    // One line per kind: "3 × sequence cropped to 200 nt (first: reads.fa line 7)".
    std::string summary() const {
        std::string out;
        for (const auto& [kind, e] : mEntries) {
            out += std::to_string(e.count) + " x " + kind;
            if (!e.example.empty()) out += " (first: " + e.example + ")";
            out += '\n';
        }
        return out;
    }

private:
    struct Entry { long count = 0; std::string example; };
    std::map<std::string, Entry> mEntries;
};

}  // namespace motifloom
