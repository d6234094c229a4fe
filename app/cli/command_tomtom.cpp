// motifloom-cli tomtom: compare query motifs with a motif database, as MEME Suite's Tomtom
// does, and print Tomtom's TSV (tomtom.tsv) to standard output.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "compare/tomtom.h"
#include "compare/tomtom_tsv.h"
#include "motif/motif_io.h"
#include "motif/motif_math.h"

#include <iostream>

namespace motifloom::cli {

int runTomtom(const Args& args) {
    ArgParser parser("tomtom",
                     "Compares every motif of QUERY with every motif of TARGET (and their reverse "
                     "complements) as MEME Suite's Tomtom does, and prints Tomtom's tab-separated "
                     "results (the columns of tomtom.tsv) to standard output.");
    parser.option("--dist", "ed|pearson|sandelin|kullback|allr", "column similarity function", "ed")
        .option("--min-overlap", "N", "minimum number of aligned columns", "1")
        .option("--thresh", "X", "report matches with q-value (or E-value) <= X", "0.5")
        .flag("--evalue", "threshold on the E-value instead of the q-value")
        .flag("--no-rc", "do not compare with the targets' reverse complements")
        .flag("--incomplete-scores", "score only the aligned columns (Tomtom's -incomplete-scores)")
        .option("--background", "query|uniform",
                "background of the pseudocounts and scores: the query file's (MEME format; made "
                "strand-symmetric; uniform for JASPAR), as Tomtom does by default, or uniform",
                "query")
        .positional("QUERY", "query motifs, MEME or JASPAR format")
        .positional("TARGET", "target motif database, MEME or JASPAR format");
    if (!parser.parse(args)) return 0;

    compare::TomtomOptions options;
    const auto distance = compare::parseDistance(parser.get("--dist"));
    if (!distance)
        throw InputError("option --dist must be one of ed, pearson, sandelin, kullback, allr, got '" +
                         parser.get("--dist") + "'");
    options.distance = *distance;
    options.minOverlap = int(parser.getInt("--min-overlap", 1, 1000));
    options.threshold = parser.getDouble("--thresh", 0.0, 1e300);
    options.thresholdIsEvalue = parser.has("--evalue");
    options.reverseComplement = !parser.has("--no-rc");
    options.completeScoring = !parser.has("--incomplete-scores");

    const std::string background = parser.get("--background");
    if (background != "query" && background != "uniform")
        throw InputError("option --background must be query or uniform, got '" + background + "'");

    const std::string queryPath = parser.positionalValue("QUERY");
    const std::string targetPath = parser.positionalValue("TARGET");
    motif::Background queryBackground = motif::kUniformBackground;
    const motif::MotifList queries = motif::readMotifFile(queryPath, &queryBackground);
    if (background == "query") options.background = motif::strandSymmetric(queryBackground);

    const motif::MotifList targets = motif::readMotifFile(targetPath);
    if (targets.empty()) throw InputError(targetPath, 0, "contains no motifs");
    for (const auto& m : targets)
        if (m.width() == 0) throw InputError(targetPath, 0, "motif " + m.id + " has no columns");
    for (const auto& m : queries)
        if (m.width() < 1 || m.width() > 100)
            throw InputError(queryPath, 0, "motif " + m.id + " has width " + std::to_string(m.width()) +
                                               "; Tomtom compares query widths 1 to 100");

    const compare::TomtomSearch search(targets, options);
    if (const auto& skipped = search.skippedTargets(); !skipped.empty())
        std::cerr << "motifloom-cli tomtom: " << targetPath << ": skipped " << skipped.size()
                  << " motif(s) whose ID repeats an earlier one (first: " << targets[std::size_t(skipped.front())].id
                  << "), as Tomtom does\n";
    std::string commandLine = "motifloom-cli tomtom";
    for (const auto& a : args) commandLine += ' ' + a;
    std::cout << compare::formatTomtomTsv(search.search(queries), commandLine);
    std::cout.flush();
    return std::cout ? 0 : 1;
}

}  // namespace motifloom::cli
