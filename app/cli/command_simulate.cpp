// motifloom-cli simulate: the synthetic data set of Koo & Eddy (2019) with its ground truth.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "synth/synthetic_data.h"
#include "util/data_paths.h"
#include "util/parallel.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace motifloom::cli {
namespace {


}  // namespace

int runSimulate(const Args& args) {
    ArgParser parser("simulate",
                     "Generates the synthetic data set of Koo & Eddy (2019): sequences holding K motif\n"
                     "instances (motifs and reverse complements) in random background, multi-hot\n"
                     "labels, a train/valid/test split and the ground truth of every instance.\n"
                     "Writes DIR/train.fa, valid.fa, test.fa (headers '>ID labels=0,1,...'), truth.tsv,\n"
                     "classes.txt (class names in label order) and motifs.meme (the motifs used).");
    parser.option("--out", "DIR", "output folder, created if needed (required)")
        .option("--count", "N", "number of sequences", "25000")
        .option("--length", "NT", "length of every sequence", "200")
        .option("--seed", "S", "random seed; the same seed gives the same data", "33")
        .option("--motifs", "LIST",
                "comma-separated motif IDs or names, one class each (default: the paper's 12 from\n"
                "      the installed JASPAR file, or every motif of --motif-file)")
        .option("--motif-file", "FILE", "JASPAR or MEME file to take the motifs from (default: installed JASPAR)")
        .option("--k-probs", "P1,P2,..", "probabilities of K = 1, 2, ... motifs per sequence",
                "0.5,0.25,0.17,0.05,0.03")
        .option("--gc", "F", "GC content of the background", "0.5")
        .option("--split", "TR,VA,TE", "train, validation and test fractions", "0.7,0.1,0.2")
        .flag("--forward-only", "embed motifs as given only, without their reverse complements")
        .option("--threads", "N", "worker threads (0 = all cores); the data do not depend on it", "0");
    if (!parser.parse(args)) return 0;
    if (!parser.has("--out")) throw InputError("option --out DIR is required (see 'simulate --help')");

    const auto started = std::chrono::steady_clock::now();
    parallel::setThreadCount(int(parser.getInt("--threads", 0, 1024)));

    synth::SynthConfig config;
    config.count = int(parser.getInt("--count", 1, 100'000'000));
    config.length = int(parser.getInt("--length", 1, 1'000'000));
    config.seed = parser.getSeed("--seed");
    config.gc = parser.getDouble("--gc", 0, 1);
    config.kProbs = parser.getNumbers("--k-probs");
    const auto split = parser.getNumbers("--split");
    if (split.size() != 3) throw InputError("option --split needs three fractions (train,valid,test)");
    config.split = {split[0], split[1], split[2]};
    config.reverseComplements = !parser.has("--forward-only");

    const std::string motifFile = parser.has("--motif-file") ? parser.get("--motif-file") : defaultMotifDatabase();
    const motif::MotifList source = motif::readMotifFile(motifFile);
    if (parser.has("--motifs"))
        config.motifs = motif::selectMotifs(source, splitList(parser.get("--motifs")), motifFile);
    else if (parser.has("--motif-file"))
        config.motifs = source;
    else
        config.motifs = synth::paperMotifs(source, motifFile);

    const synth::SyntheticData data = synth::generate(config);
    const std::string dir = parser.get("--out");
    synth::writeDataDirectory(dir, data, config.motifs);

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char time[32];
    std::snprintf(time, sizeof time, "%.2f", seconds);
    std::cout << "simulated " << data.all.size() << " sequences of " << config.length << " nt, "
              << config.motifs.size() << " classes, " << data.truth.size() << " motif instances (seed "
              << config.seed << ")\n"
              << "train " << data.trainIndex.size() << ", valid " << data.validIndex.size() << ", test "
              << data.testIndex.size() << " -> " << dir << "\n"
              << "done in " << time << " s\n";
    return 0;
}

}  // namespace motifloom::cli
