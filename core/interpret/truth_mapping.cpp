#include "interpret/truth_mapping.h"

#include "motif/motif_lookup.h"
#include "util/input_error.h"
#include "util/text.h"

#include <algorithm>
#include <cctype>

namespace motifloom::interpret {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

ClassTruth parseClassTruth(const std::string& text) {
    const auto eq = text.find('=');
    const std::string usage = " (expected CLASS=MOTIF_ID[,MOTIF_ID...] or CLASS=none, e.g. CTCF=MA0139.1)";
    if (eq == std::string::npos) throw InputError("option --truth needs CLASS=IDS, got '" + text + "'" + usage);
    ClassTruth t;
    t.className = std::string(trimBlanks(std::string_view(text).substr(0, eq)));
    if (t.className.empty()) throw InputError("option --truth names no class in '" + text + "'" + usage);
    const std::string list(trimBlanks(std::string_view(text).substr(eq + 1)));
    if (lower(list) == "none") return t;
    t.motifIds = splitList(list);
    if (t.motifIds.empty()) throw InputError("option --truth names no motif for class " + t.className + usage);
    return t;
}

void setClassTruth(TruthMapping& mapping, ClassTruth entry) {
    for (ClassTruth& t : mapping)
        if (t.className == entry.className) {
            t = std::move(entry);
            return;
        }
    mapping.push_back(std::move(entry));
}

const ClassTruth* findClassTruth(const TruthMapping& mapping, const std::string& className) {
    for (const ClassTruth& t : mapping)
        if (t.className == className) return &t;
    return nullptr;
}

void checkTruthMapping(const TruthMapping& mapping, const std::vector<std::string>& classNames,
                       const motif::MotifList& database, const std::string& databaseLabel, const std::string& what) {
    for (const ClassTruth& t : mapping) {
        if (std::find(classNames.begin(), classNames.end(), t.className) == classNames.end())
            throw InputError(what + ": no class '" + t.className + "' in the data (classes: " + joined(classNames) + ")");
        for (const std::string& id : t.motifIds)
            if (!motif::findMotif(database, id))
                throw InputError(what + ": no motif '" + id + "' in " + databaseLabel + " (class " + t.className + ")");
    }
}

const motif::Motif* proposedMotif(const std::string& className, const motif::MotifList& database) {
    const std::string key = lower(std::string(trimBlanks(className)));
    if (key.empty()) return nullptr;
    // findMotif also takes IDs; a proposal needs the *name* to match.
    const motif::Motif* m = motif::findMotif(database, std::string(trimBlanks(className)));
    return m && lower(m->name) == key ? m : nullptr;
}

const char* toString(TruthSource source) {
    switch (source) {
    case TruthSource::Planted: return "planted";
    case TruthSource::Mapped: return "mapped";
    case TruthSource::Proposed: return "proposed";
    }
    return "?";
}

std::vector<std::string> RunTruth::keys() const {
    std::vector<std::string> out;
    for (const TrueMotif& m : motifs) out.push_back(m.key);
    return out;
}

std::vector<std::string> RunTruth::names() const {
    std::vector<std::string> out;
    for (const TrueMotif& m : motifs) out.push_back(m.name);
    return out;
}

int RunTruth::proposedCount() const {
    return int(std::count_if(motifs.begin(), motifs.end(),
                             [](const TrueMotif& m) { return m.source == TruthSource::Proposed; }));
}

std::string RunTruth::describe() const {
    std::string out;
    for (const TrueMotif& m : motifs) {
        out += (m.className.empty() ? std::string("any class") : m.className) + ": " + m.key;
        if (m.name != m.key && !m.name.empty()) out += " " + m.name;
        if (m.source == TruthSource::Proposed) out += " (proposed from the class name)";
        if (m.source == TruthSource::Planted) out += " (planted)";
        out += '\n';
    }
    return out;
}

RunTruth resolveTruth(const std::vector<std::string>& classNames, const motif::MotifList& planted,
                      const TruthMapping& mapping, const std::vector<std::string>& anyClass,
                      const motif::MotifList& database) {
    RunTruth out;
    auto add = [&out](TrueMotif m) {
        for (const TrueMotif& seen : out.motifs)
            if (seen.key == m.key) return;  // one true motif, however many classes expect it
        out.motifs.push_back(std::move(m));
    };
    auto addId = [&](const std::string& key, const std::string& className, TruthSource source) {
        const motif::Motif* m = motif::findMotif(database, key);
        if (!m) return;  // checkTruthMapping reports unknown IDs; a stale entry is skipped
        add({m->id, m->name.empty() ? m->id : m->name, className, source});
    };
    for (std::size_t c = 0; c < classNames.size(); ++c) {
        const std::string& name = classNames[c];
        if (const ClassTruth* t = findClassTruth(mapping, name)) {
            for (const std::string& id : t->motifIds) addId(id, name, TruthSource::Mapped);
            continue;
        }
        if (c < planted.size()) {
            const motif::Motif& m = planted[c];
            // The ID when the database has it (any version of the same JASPAR ID matches), else
            // the name (a planted motif from another file matches database motifs of that name).
            const bool inDatabase = !m.id.empty() && motif::findMotif(database, m.id);
            add({inDatabase ? m.id : (m.name.empty() ? m.id : m.name), m.name.empty() ? m.id : m.name, name,
                 TruthSource::Planted});
            continue;
        }
        if (planted.empty())
            if (const motif::Motif* m = proposedMotif(name, database)) addId(m->id, name, TruthSource::Proposed);
    }
    for (const std::string& id : anyClass) addId(id, {}, TruthSource::Mapped);
    return out;
}

}  // namespace motifloom::interpret
