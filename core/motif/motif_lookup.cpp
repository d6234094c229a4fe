#include "motif/motif_lookup.h"

#include "util/input_error.h"

#include <algorithm>
#include <cctype>

namespace motifloom::motif {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// "MA0079.3" -> ("MA0079", 3); an ID without a numeric version -> (id, -1).
std::pair<std::string, long> splitVersion(const std::string& id) {
    const auto dot = id.rfind('.');
    if (dot == std::string::npos || dot + 1 == id.size()) return {id, -1};
    long version = 0;
    for (std::size_t i = dot + 1; i < id.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(id[i]))) return {id, -1};
        version = version * 10 + (id[i] - '0');
    }
    return {id.substr(0, dot), version};
}

}  // namespace

const Motif* findMotif(const MotifList& list, const std::string& key) {
    for (const Motif& m : list)
        if (m.id == key) return &m;
    const Motif* best = nullptr;
    long bestVersion = -2;
    auto consider = [&](const Motif& m) {
        const long v = splitVersion(m.id).second;
        if (v > bestVersion) best = &m, bestVersion = v;
    };
    for (const Motif& m : list)
        if (splitVersion(m.id).first == key) consider(m);
    if (best) return best;
    const std::string k = lower(key);
    for (const Motif& m : list)
        if (lower(m.name) == k || lower(m.id) == k) consider(m);
    return best;
}

MotifList selectMotifs(const MotifList& list, const std::vector<std::string>& keys,
                       const std::string& source) {
    MotifList out;
    for (const std::string& key : keys) {
        const Motif* m = findMotif(list, key);
        if (!m) throw InputError(source, 0, "no motif with ID or name '" + key + "'");
        out.push_back(*m);
    }
    return out;
}

}  // namespace motifloom::motif
