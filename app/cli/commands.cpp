#include "cli/commands.h"

namespace motifloom::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"train", "train a CNN (preset or JSON) on synthetic or FASTA data; writes a run directory", runTrain},
        {"evaluate", "per-class AUROC/AUPR of a trained model on a data set", runEvaluate},
        {"demo", "headless demo: simulate, train CNN-25, show the motifs its filters learned", runDemo},
        {"info", "print version, data folder, CPU threads and instruction set", runInfo},
        {"simulate", "generate the paper's synthetic data set (FASTA + ground truth)", runSimulate},
        {"motifs", "list, show and convert motif files (JASPAR, MEME)", runMotifs},
        {"tomtom", "compare motifs with a motif database, as MEME's Tomtom (TSV)", runTomtom},
        {"filters", "what a trained model's filters learned: PWMs, logos, JASPAR matches", runFilters},
        {"export", "a model as a PyTorch project (model, data, CPU/GPU/DDP training) to train elsewhere", runExport},
        {"import", "a model trained elsewhere (PyTorch project result) as a run directory", runImport},
        {"sweep", "train models x trials, compare filters with JASPAR, tabulate the paper's metrics", runSweep},
        {"attribute", "which bases a prediction rests on: saliency and in-silico mutagenesis per sequence", runAttribute},
    };
    return all;
}

}  // namespace motifloom::cli
