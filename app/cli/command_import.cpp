// motifloom-cli import: a model trained elsewhere becomes a run directory that every other
// command and the GUI use like MotifLoom's own (core/exchange/model_import.h).
#include "cli/command_line.h"
#include "cli/commands.h"
#include "exchange/model_import.h"

#include <cmath>
#include <cstdio>

namespace motifloom::cli {

int runImport(const Args& args) {
    CommandLine p("import",
                  "Turns a model trained elsewhere into a run directory (model.mlm, architecture.json, "
                  "metrics.json, history.tsv): the result folder of an exported PyTorch project's train.py "
                  "(or the project folder itself), or an ONNX file (*.onnx; graphs of Conv, BatchNormalization, "
                  "Relu/Exp/Sigmoid, MaxPool, Dropout, Flatten, Gemm/MatMul whole, other graphs' first convolution "
                  "block for filter analysis).");
    std::string from, out;
    p.add_option("--from", from, "what to import")->type_name("DIR|FILE.onnx")->required();
    p.add_option("--out", out, "the run directory to write")->type_name("RUNDIR")->required();
    if (!p.parseArgs(args)) return 0;
    const exchange::ImportedModel model = exchange::importModel(from);
    exchange::writeImportedRun(model, out);
    const auto& a = model.network.architecture();
    std::printf("imported %s (%ld parameters, %d epochs) into %s\n", a.name.empty() ? "the model" : a.name.c_str(),
                model.network.parameterCount(), int(model.history.epochs.size()), out.c_str());
    for (const auto& note : model.notes) std::printf("note: %s\n", note.c_str());
    if (model.metrics.is_object() && model.metrics.contains("test_auroc") && model.metrics["test_auroc"].is_number())
        std::printf("test AUROC %.6f as reported by the trainer; `evaluate --run %s --data ...` recomputes it\n",
                    model.metrics["test_auroc"].get<double>(), out.c_str());
    return 0;
}

}  // namespace motifloom::cli
