// motifloom-cli simulate: the synthetic data set of Koo & Eddy (2019) with its ground truth.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "synth/synthetic_data.h"
#include "util/data_paths.h"
#include "util/parallel.h"
#include "util/text.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace motifloom::cli {

int runSimulate(const Args& args) {
    CommandLine command("simulate",
                        "Generates the synthetic data set of Koo & Eddy (2019): sequences holding K motif\n"
                        "instances (motifs and reverse complements) in random background, multi-hot\n"
                        "labels, a train/valid/test split and the ground truth of every instance.\n"
                        "Writes DIR/train.fa, valid.fa, test.fa (headers '>ID labels=0,1,...'), truth.tsv,\n"
                        "classes.txt (class names in label order) and motifs.meme (the motifs used).");
    synth::SynthConfig config;  // its defaults are the options' defaults
    std::vector<double> split(config.split.begin(), config.split.end());
    std::string dir, motifs, motifFile;
    bool forwardOnly = false;
    int threads = 0;
    command.add_option("--out", dir, "output folder, created if needed (required)")->type_name("DIR")->required();
    command.add_option("--count", config.count, "number of sequences")
        ->type_name("N")
        ->transform(wholeNumber(1, 100'000'000))
        ->capture_default_str();
    command.add_option("--length", config.length, "length of every sequence")
        ->type_name("NT")
        ->transform(wholeNumber(1, 1'000'000))
        ->capture_default_str();
    command.add_option("--seed", config.seed, "random seed; the same seed gives the same data")
        ->type_name("S")
        ->transform(seedNumber())
        ->capture_default_str();
    command.add_option("--motifs", motifs,
                       "comma-separated motif IDs or names, one class each (default: the paper's 12 from\n"
                       "      the installed JASPAR file, or every motif of --motif-file)")
        ->type_name("LIST");
    command.add_option("--motif-file", motifFile,
                       "JASPAR or MEME file to take the motifs from (default: installed JASPAR)")
        ->type_name("FILE");
    command.addNumbers("--k-probs", config.kProbs, "P1,P2,..", "probabilities of K = 1, 2, ... motifs per sequence");
    command.add_option("--gc", config.gc, "GC content of the background")
        ->type_name("F")
        ->transform(number(0, 1))
        ->capture_default_str();
    command.addNumbers("--split", split, "TR,VA,TE", "train, validation and test fractions", 3);
    command.add_flag("--forward-only", forwardOnly, "embed motifs as given only, without their reverse complements");
    command.add_option("--threads", threads, "worker threads (0 = all cores); the data do not depend on it")
        ->type_name("N")
        ->transform(wholeNumber(0, 1024))
        ->capture_default_str();
    if (!command.parseArgs(args)) return 0;

    const auto started = std::chrono::steady_clock::now();
    parallel::setThreadCount(threads);
    config.split = {split[0], split[1], split[2]};
    config.reverseComplements = !forwardOnly;

    if (motifFile.empty()) motifFile = defaultMotifDatabase();
    const motif::MotifList source = motif::readMotifFile(motifFile);
    if (command.count("--motifs"))
        config.motifs = motif::selectMotifs(source, splitList(motifs), motifFile);
    else if (command.count("--motif-file"))
        config.motifs = source;
    else
        config.motifs = synth::paperMotifs(source, motifFile);

    const synth::SyntheticData data = synth::generate(config);
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
