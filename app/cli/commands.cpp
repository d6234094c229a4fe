#include "cli/commands.h"

namespace motifloom::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"info", "print version, data folder and CPU threads", runInfo},
        {"simulate", "generate the paper's synthetic data set (FASTA + ground truth)", runSimulate},
        {"motifs", "list, show and convert motif files (JASPAR, MEME)", runMotifs},
        {"tomtom", "compare motifs with a motif database, as MEME's Tomtom (TSV)", runTomtom},
    };
    return all;
}

}  // namespace motifloom::cli
