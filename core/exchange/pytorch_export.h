#pragma once
// Export of an architecture (and optionally a trained network's weights) as a small, readable
// PyTorch project:
//   OUT/model.py           torch.nn.Module equal to the architecture, layer for layer
//   OUT/data.py            FASTA / labels with core/seqio's conventions, as Datasets
//   OUT/train.py           training on CPU, one GPU or DDP (torchrun); defaults = the settings
//   OUT/predict.py         probabilities of a data set (TSV)
//   OUT/metrics.py         AUROC / AUPR as core/metrics defines them
//   OUT/exchange.py        the exchange format (exchange/exchange_format.h) in Python
//   OUT/architecture.json  the architecture (arch/architecture_json.h)
//   OUT/weights/           the network's weights in the exchange format (only with weights)
//   OUT/README.md          the commands
// The files come from core/exchange/pytorch/ (exchange/pytorch_templates.h). Each file is written
// atomically; existing files of the same names are replaced, nothing else in OUT is touched.

#include "arch/architecture.h"
#include "nn/network.h"

#include <string>
#include <vector>

namespace motifloom::exchange {

struct PyTorchExportOptions {
    // Default --data of train.py: a folder written by `simulate` or FASTA files (a,b);
    // empty = train.py requires --data.
    std::string dataSource;
    // Where the model came from, for README.md ("run RUNDIR", "preset CNN-25", a file name).
    std::string origin;
};

// The text of model.py for `arch` (exposed for tests). Throws InputError when the architecture
// cannot be built (the message names the layer).
std::string pytorchModelSource(const arch::Architecture& arch);

// Writes the project into `outDir` (created if needed). `weights` may be null (random initial
// weights); when given, its architecture is the one exported. Returns the files written
// (relative to outDir). Throws InputError naming the file that cannot be written.
std::vector<std::string> exportPyTorchProject(const arch::Architecture& arch, const nn::Network* weights,
                                              const PyTorchExportOptions& options, const std::string& outDir);

}  // namespace motifloom::exchange
