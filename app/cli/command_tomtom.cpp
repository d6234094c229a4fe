// motifloom-cli tomtom: compare query motifs with a motif database, as MEME Suite's Tomtom
// does, and print Tomtom's TSV (tomtom.tsv) to standard output.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "compare/tomtom.h"
#include "compare/tomtom_tsv.h"
#include "motif/motif_io.h"
#include "motif/motif_math.h"

#include <iostream>

namespace motifloom::cli {

int runTomtom(const Args& args) {
    CommandLine command("tomtom",
                        "Compares every motif of QUERY with every motif of TARGET (and their reverse "
                        "complements) as MEME Suite's Tomtom does, and prints Tomtom's tab-separated "
                        "results (the columns of tomtom.tsv) to standard output.");
    compare::TomtomOptions options;
    std::string dist = "ed", background = "query", queryPath, targetPath;
    bool evalue = false, noRc = false, incomplete = false;
    command.add_option("QUERY", queryPath, "query motifs, MEME or JASPAR format")->required();
    command.add_option("TARGET", targetPath, "target motif database, MEME or JASPAR format")->required();
    command.add_option("--dist", dist, "column similarity function")
        ->type_name("ed|pearson|sandelin|kullback|allr")
        ->transform(oneOf({"ed", "pearson", "sandelin", "kullback", "allr"}))
        ->capture_default_str();
    command.add_option("--min-overlap", options.minOverlap, "minimum number of aligned columns")
        ->type_name("N")
        ->transform(wholeNumber(1, 1000))
        ->capture_default_str();
    command.add_option("--thresh", options.threshold, "report matches with q-value (or E-value) <= X")
        ->type_name("X")
        ->transform(number(0.0, 1e300))
        ->capture_default_str();
    command.add_flag("--evalue", evalue, "threshold on the E-value instead of the q-value");
    command.add_flag("--no-rc", noRc, "do not compare with the targets' reverse complements");
    command.add_flag("--incomplete-scores", incomplete, "score only the aligned columns (Tomtom's -incomplete-scores)");
    command.add_option("--background", background,
                       "background of the pseudocounts and scores: the query file's (MEME format; made "
                       "strand-symmetric; uniform for JASPAR), as Tomtom does by default, or uniform")
        ->type_name("query|uniform")
        ->transform(oneOf({"query", "uniform"}))
        ->capture_default_str();
    if (!command.parseArgs(args)) return 0;

    options.distance = *compare::parseDistance(dist);  // one of the names checked above
    options.thresholdIsEvalue = evalue;
    options.reverseComplement = !noRc;
    options.completeScoring = !incomplete;
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
