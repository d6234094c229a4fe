#include "interpret/filter_matches.h"

#include "util/input_error.h"
#include "util/parallel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace motifloom::interpret {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// "MA0058.2" -> "MA0058"; "" when `s` does not look like a JASPAR ID (2 letters + 4 digits).
std::string jasparBase(const std::string& s) {
    const std::string base = s.substr(0, s.find('.'));
    if (base.size() < 6 || !std::isalpha(static_cast<unsigned char>(base[0])) ||
        !std::isalpha(static_cast<unsigned char>(base[1])))
        return {};
    for (std::size_t i = 2; i < base.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(base[i]))) return {};
    if (base.size() < s.size())  // a version must be digits
        for (std::size_t i = base.size() + 1; i < s.size(); ++i)
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return {};
    return lower(base);
}

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

}  // namespace

const char* toString(FilterStatus status) {
    switch (status) {
    case FilterStatus::Compared: return "compared";
    case FilterStatus::NeverFires: return "never fires";
    case FilterStatus::Uninformative: return "uninformative";
    }
    return "?";
}

bool FilterMatches::onlyLowInformation() const {
    if (hits.empty()) return excludedLowInformation > 0;
    for (const MotifHit& h : hits)
        if (!h.lowInformation) return false;
    return true;
}

bool FilterMatches::matchesTruth() const { return bestTruthHit() != nullptr; }

const MotifHit* FilterMatches::bestTruthHit() const {
    for (const MotifHit& h : hits)
        if (h.truth >= 0) return &h;
    return nullptr;
}

int truthIndex(const std::string& targetId, const std::string& targetName, const std::vector<std::string>& truth) {
    const std::string name = lower(trim(targetName));
    const std::string idBase = jasparBase(trim(targetId));
    const std::string id = lower(trim(targetId));
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const std::string key = trim(truth[i]);
        if (key.empty()) continue;
        if (!name.empty() && lower(key) == name) return int(i);
        if (!id.empty() && lower(key) == id) return int(i);  // IDs of other databases
        const std::string keyBase = jasparBase(key);
        if (!keyBase.empty() && keyBase == idBase) return int(i);
    }
    return -1;
}

MatchSummary summarise(const std::vector<FilterMatches>& filters, int truthCount, bool lowInformationExcluded) {
    MatchSummary s;
    s.lowInformationExcluded = lowInformationExcluded;
    s.filters = int(filters.size());
    s.truthCount = truthCount;
    s.filtersPerTruth.assign(std::size_t(std::max(truthCount, 0)), 0);
    for (const FilterMatches& f : filters) {
        s.neverFire += f.status == FilterStatus::NeverFires;
        s.uninformative += f.status == FilterStatus::Uninformative;
        s.filtersWithHit += f.anyHit();
        s.filtersOnlyLowInformation += f.onlyLowInformation();
        // Truth indices outside [0, truthCount) refer to another list: ignored.
        std::vector<bool> seen(s.filtersPerTruth.size(), false);
        bool any = false;
        for (const MotifHit& h : f.hits) {
            if (h.truth < 0 || h.truth >= truthCount) continue;
            if (!seen[std::size_t(h.truth)]) ++s.filtersPerTruth[std::size_t(h.truth)];
            seen[std::size_t(h.truth)] = true;
            any = true;
        }
        s.filtersWithTruth += any;
    }
    for (int c : s.filtersPerTruth) s.truthCovered += c > 0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.matchAny = s.filters ? double(s.filtersWithHit) / s.filters : 0.0;
    s.matchGroundTruth = truthCount <= 0 ? nan : s.filters ? double(s.filtersWithTruth) / s.filters : 0.0;
    s.coverage = truthCount <= 0 ? nan : double(s.truthCovered) / truthCount;
    return s;
}

std::vector<FilterMatches> leaveOutLowInformation(std::vector<FilterMatches> filters) {
    for (FilterMatches& f : filters) {
        const auto kept = std::remove_if(f.hits.begin(), f.hits.end(), [](const MotifHit& h) { return h.lowInformation; });
        f.excludedLowInformation += int(f.hits.end() - kept);
        f.hits.erase(kept, f.hits.end());
    }
    return filters;
}

void relabelTruth(std::vector<FilterMatches>& filters, const std::vector<std::string>& truth) {
    for (FilterMatches& f : filters) {
        for (MotifHit& h : f.hits) h.truth = truthIndex(h.tomtom.targetId, h.targetName, truth);
        if (f.best) f.best->truth = truthIndex(f.best->tomtom.targetId, f.best->targetName, truth);
    }
}

FilterMatcher::FilterMatcher(motif::MotifList database, MatchOptions options)
    : mDatabase(std::move(database)), mOptions(std::move(options)), mSearch(mDatabase, mOptions.tomtom) {}

std::vector<FilterMatches> FilterMatcher::match(const motif::MotifList& queries,
                                                const std::vector<std::string>& truth) const {
    for (const motif::Motif& q : queries)
        if (q.width() > 100)
            throw InputError("motif " + q.id + " has width " + std::to_string(q.width()) +
                             "; Tomtom compares query widths up to 100");
    std::vector<FilterMatches> out(queries.size());
    parallel::forEach(queries.size(), [&](std::size_t i) {
        const motif::Motif& q = queries[i];
        FilterMatches& fm = out[i];
        fm.filterId = q.id;
        if (q.width() == 0) {
            fm.status = FilterStatus::Uninformative;
            return;
        }
        const std::vector<compare::TomtomHit> all = mSearch.allMatches(q, int(i));
        for (std::size_t r = 0; r < all.size(); ++r) {
            const compare::TomtomHit& t = all[r];
            const bool hit = t.eValue < mOptions.evalueThreshold;
            if (!hit && r > 0) break;  // sorted by p, and E = p x N: no later row is a hit
            MotifHit h;
            h.tomtom = t;
            const motif::Motif& target = mDatabase[std::size_t(t.targetIndex)];
            h.targetName = target.name;
            h.truth = truthIndex(target.id, target.name, truth);
            h.lowInformation = isLowInformation(t, q.width(), target, mOptions.lowInformation);
            if (r == 0) fm.best = h;
            if (!hit) continue;
            if (h.lowInformation && mOptions.lowInformation.exclude) ++fm.excludedLowInformation;
            else fm.hits.push_back(std::move(h));
        }
    });
    return out;
}

std::vector<FilterMatches> FilterMatcher::match(const FilterPwmSet& set, const ClipOptions& clip,
                                                const std::vector<std::string>& truth) const {
    std::vector<FilterMatches> out = match(comparisonMotifs(set, clip), truth);
    for (std::size_t f = 0; f < out.size(); ++f)
        if (!set.filters[f].fires()) out[f].status = FilterStatus::NeverFires;
    return out;
}

std::string formatMatchesTsv(const std::vector<FilterMatches>& filters, const std::vector<std::string>& truth) {
    std::string out =
        "filter\tstatus\thit\trank\ttarget_id\ttarget_name\ttrue_motif\torientation\toffset\toverlap\t"
        "p_value\te_value\tq_value\tquery_consensus\ttarget_consensus\tlow_information\n";
    auto row = [&](const FilterMatches& f, const MotifHit* h, bool hit, int rank) {
        out += f.filterId + '\t' + toString(f.status) + '\t' + (hit ? "yes" : "no") + '\t' +
               (rank > 0 ? std::to_string(rank) : "-") + '\t';
        if (!h) {
            out += "-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\n";
            return;
        }
        const compare::TomtomHit& t = h->tomtom;
        out += t.targetId + '\t' + (h->targetName.empty() ? "-" : h->targetName) + '\t' +
               (h->truth >= 0 && std::size_t(h->truth) < truth.size() ? truth[std::size_t(h->truth)] : "-") + '\t' +
               t.orientation + '\t' + std::to_string(t.offset) + '\t' + std::to_string(t.overlap) + '\t' +
               formatNumber(t.pValue) + '\t' + formatNumber(t.eValue) + '\t' + formatNumber(t.qValue) + '\t' +
               t.queryConsensus + '\t' + t.targetConsensus + '\t' + (h->lowInformation ? "yes" : "no") + '\n';
    };
    for (const FilterMatches& f : filters) {
        if (f.hits.empty()) {
            row(f, f.best ? &*f.best : nullptr, false, 0);
            continue;
        }
        for (std::size_t r = 0; r < f.hits.size(); ++r) row(f, &f.hits[r], true, int(r + 1));
    }
    return out;
}

}  // namespace motifloom::interpret
