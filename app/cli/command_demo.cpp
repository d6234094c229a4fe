// motifloom-cli demo: the Koo & Eddy experiment end to end, headless. Chains the real commands
// (simulate -> train -> filters) so it exercises exactly what a user would run by hand.
#include "cli/command_line.h"
#include "cli/commands.h"

#include <cstdio>
#include <filesystem>

namespace motifloom::cli {

int runDemo(const Args& args) {
    CommandLine p("demo", "Headless demo: simulates the paper's data, trains a CNN on it and shows which JASPAR\n"
                  "motifs its first-layer filters learned (a logo grid image and a table).");
    std::string outDir = "motifloom-demo", model = "CNN-25";
    int epochs = 30, count = 25000, threads = 0;
    p.add_option("--out", outDir, "folder for the data, the run and the filter logos")
        ->type_name("DIR")
        ->capture_default_str();
    p.add_option("--model", model, "architecture to train (CNN-25 learns whole motifs, CNN-2 partial ones)")
        ->type_name("PRESET")
        ->capture_default_str();
    // The ranges of the commands the demo runs, so that a bad value stops it before any work.
    p.add_option("--epochs", epochs, "maximum epochs (early stopping with patience 5)")
        ->type_name("N")
        ->transform(wholeNumber(1, 100000))
        ->capture_default_str();
    p.add_option("--count", count, "synthetic sequences")
        ->type_name("N")
        ->transform(wholeNumber(1, 100'000'000))
        ->capture_default_str();
    p.addThreads(threads);
    if (!p.parseArgs(args)) return 0;
    namespace fs = std::filesystem;
    const fs::path out = outDir;
    const std::string data = (out / "data").string(), run = (out / "run").string();
    const std::string logos = (out / "filters.png").string();

    std::printf("== MotifLoom demo: does %s learn whole motifs? (Koo & Eddy 2019) ==\n\n"
                "1. Simulating %s sequences with 12 JASPAR motifs embedded (ground truth known)\n",
                model.c_str(), std::to_string(count).c_str());
    std::fflush(stdout);
    if (int rc = runSimulate({"--out", data, "--count", std::to_string(count), "--seed", "33"}); rc != 0) return rc;

    std::printf("\n2. Training %s on the CPU\n", model.c_str());
    std::fflush(stdout);
    if (int rc = runTrain({"--arch", model, "--data", data, "--epochs", std::to_string(epochs), "--patience", "5",
                           "--threads", std::to_string(threads), "--out", run});
        rc != 0)
        return rc;

    std::printf("\n3. What did the first-layer filters learn? (activation-based PWMs vs JASPAR, Tomtom E < 0.1)\n");
    std::fflush(stdout);
    if (int rc = runFilters({"--run", run, "--data", data, "--out", (out / "filters.meme").string(), "--logos", logos,
                             "--threads", std::to_string(threads)});
        rc != 0)
        return rc;
    std::printf("\nLogos of every filter: %s\nTry --model CNN-2: similar accuracy, but far fewer filters match a true motif.\n",
                logos.c_str());
    return 0;
}

}  // namespace motifloom::cli
