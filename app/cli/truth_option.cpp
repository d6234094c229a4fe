#include "cli/truth_option.h"

#include "lab/data_truth.h"
#include "util/input_error.h"
#include "util/text.h"

#include <cmath>
#include <cstdio>

namespace motifloom::cli {
namespace {

bool isNone(const std::vector<std::string>& values) {
    return values.size() == 1 && trimBlanks(values[0]) == "none";
}

}  // namespace

void addTruthOptions(CommandLine& p, TruthOptions& o) {
    p.add_option("--truth", o.values,
                 "the motif(s) expected in class CLASS: database IDs (JASPAR IDs such as MA0139.1, or names);\n"
                 "      repeat for more classes. CLASS=none: no true motif for that class; --truth none: none at\n"
                 "      all. Default: synthetic data's planted motifs; for FASTA, classes named like a database\n"
                 "      motif (CTCF -> MA0139.1, proposed); other classes have none. Without any true motif,\n"
                 "      match-gt and coverage are NA")
        ->type_name("CLASS=ID[,ID...]")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    p.add_option("--min-target-ic", o.minTargetIc,
                 "leave out hits whose aligned part of the database motif carries fewer than BITS bits per\n"
                 "      column (low-information matches such as Pax4 MA0068.1 with near-flat filters; see\n"
                 "      docs/own-data.md). Default: the paper's definition, such hits only flagged (below 0.5)")
        ->type_name("BITS")
        ->transform(number(0.0, 2.0));
}

void applyTruthOptions(const TruthOptions& o, DataOptions& data, interpret::MatchOptions& match) {
    data.truth.clear();
    if (!isNone(o.values))
        for (const std::string& v : o.values) interpret::setClassTruth(data.truth, interpret::parseClassTruth(v));
    if (o.minTargetIc >= 0) {
        match.lowInformation.minTargetBitsPerColumn = o.minTargetIc;
        match.lowInformation.exclude = true;
    }
}

interpret::RunTruth commandTruth(const TruthOptions& o, const LoadedData& data, const motif::MotifList& database,
                                 const std::string& databasePath) {
    if (isNone(o.values)) return {};
    interpret::checkTruthMapping(data.recipe.truthMapping, data.classNames, database, databasePath, "option --truth");
    return lab::runTruth(data.recipe, data.classNames, data.trueMotifs, database);
}

std::string truthReport(const interpret::RunTruth& truth) {
    if (!truth.known())
        return "no ground truth: the data plant no motifs and no class has expected motifs (e.g. --truth CLASS=MA0139.1);\n"
               "match-gt and coverage are NA\n";
    std::string out = "true motifs (" + std::to_string(truth.motifs.size()) + "):\n";
    for (const interpret::TrueMotif& m : truth.motifs) {
        out += "  " + (m.className.empty() ? std::string("any class") : m.className) + " -> " + m.key;
        if (m.name != m.key) out += " " + m.name;
        out += std::string(" (") + interpret::toString(m.source) + ")";
        if (m.source == interpret::TruthSource::Proposed)
            out += ": the class name is this motif's name; --truth " + m.className + "=none drops it";
        out += '\n';
    }
    return out;
}

std::string statText(double value, int count, int total, const char* what) {
    if (std::isnan(value)) return "NA";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3f (%d of %d %s)", value, count, total, what);
    return buf;
}

std::string lowInformationReport(const interpret::MatchSummary& s, const interpret::MatchOptions& o) {
    if (s.filtersOnlyLowInformation == 0) return {};
    char buf[400];
    if (s.lowInformationExcluded)
        std::snprintf(buf, sizeof buf,
                      "low-information matches left out (--min-target-ic %g): %d filter%s matched only database motifs "
                      "whose aligned part has fewer than %g bits per column\n",
                      o.lowInformation.minTargetBitsPerColumn, s.filtersOnlyLowInformation,
                      s.filtersOnlyLowInformation == 1 ? "" : "s", o.lowInformation.minTargetBitsPerColumn);
    else
        std::snprintf(buf, sizeof buf,
                      "low-information matches: %d of the %d matching filters match only database motifs whose aligned "
                      "part has fewer than %g bits per column (e.g. Pax4 MA0068.1); --min-target-ic %g leaves them out\n",
                      s.filtersOnlyLowInformation, s.filtersWithHit, o.lowInformation.minTargetBitsPerColumn,
                      o.lowInformation.minTargetBitsPerColumn);
    return buf;
}

}  // namespace motifloom::cli
