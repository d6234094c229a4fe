// motifloom-cli demo: the Koo & Eddy experiment end to end, headless. Chains the real commands
// (simulate -> train -> filters) so it exercises exactly what a user would run by hand.
#include "cli/arg_parser.h"
#include "cli/commands.h"

#include <cstdio>
#include <filesystem>

namespace motifloom::cli {

int runDemo(const Args& args) {
    ArgParser p("demo", "Headless demo: simulates the paper's data, trains a CNN on it and shows which JASPAR\n"
                        "motifs its first-layer filters learned (a logo grid image and a table).");
    p.option("--out", "DIR", "folder for the data, the run and the filter logos", "motifloom-demo")
        .option("--model", "PRESET", "architecture to train (CNN-25 learns whole motifs, CNN-2 partial ones)", "CNN-25")
        .option("--epochs", "N", "maximum epochs (early stopping with patience 5)", "30")
        .option("--count", "N", "synthetic sequences", "25000")
        .option("--threads", "T", "CPU threads (0 = all)", "0");
    if (!p.parse(args)) return 0;
    namespace fs = std::filesystem;
    const fs::path out = p.get("--out");
    const std::string data = (out / "data").string(), run = (out / "run").string();
    const std::string logos = (out / "filters.png").string();

    std::printf("== MotifLoom demo: does %s learn whole motifs? (Koo & Eddy 2019) ==\n\n"
                "1. Simulating %s sequences with 12 JASPAR motifs embedded (ground truth known)\n",
                p.get("--model").c_str(), p.get("--count").c_str());
    std::fflush(stdout);
    if (int rc = runSimulate({"--out", data, "--count", p.get("--count"), "--seed", "33"}); rc != 0) return rc;

    std::printf("\n2. Training %s on the CPU\n", p.get("--model").c_str());
    std::fflush(stdout);
    if (int rc = runTrain({"--arch", p.get("--model"), "--data", data, "--epochs", p.get("--epochs"), "--patience", "5",
                           "--threads", p.get("--threads"), "--out", run});
        rc != 0)
        return rc;

    std::printf("\n3. What did the first-layer filters learn? (activation-based PWMs vs JASPAR, Tomtom E < 0.1)\n");
    std::fflush(stdout);
    if (int rc = runFilters({"--run", run, "--data", data, "--out", (out / "filters.meme").string(), "--logos", logos,
                             "--threads", p.get("--threads")});
        rc != 0)
        return rc;
    std::printf("\nLogos of every filter: %s\nTry --model CNN-2: similar accuracy, but far fewer filters match a true motif.\n",
                logos.c_str());
    return 0;
}

}  // namespace motifloom::cli
