// motifloom-cli evaluate: per-class AUROC / AUPR of a saved model on a data set.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "train/evaluation.h"
#include "train/run_directory.h"
#include "util/parallel.h"

#include <cstdio>
#include <iostream>

namespace motifloom::cli {

int runEvaluate(const Args& args) {
    ArgParser p("evaluate", "Prints per-class AUROC and AUPR of a trained model (run directory or model file).");
    p.option("--run", "RUNDIR|MODEL", "run directory written by train, or its model.mlm")
        .option("--part", "test|valid|train", "which part of the data to score", "test")
        .option("--threads", "T", "CPU threads (0 = all)", "0");
    addDataOptions(p);
    if (!p.parse(args)) return 0;
    if (!p.has("--run")) throw InputError("option --run is required");
    parallel::setThreadCount(int(p.getInt("--threads", 0, 1024)));
    const nn::Network net = train::loadRunModel(p.get("--run"));
    auto data = loadData(p);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const std::string part = p.get("--part");
    const seqio::SequenceSet* set = part == "test" ? &data.splits.test
                                  : part == "valid" ? &data.splits.valid
                                  : part == "train" ? &data.splits.train : nullptr;
    if (!set) throw InputError("option --part must be test, valid or train, got '" + part + "'");
    const auto eval = train::evaluate(net, *set);
    const auto& m = eval.metrics;
    std::printf("class\tpositives\tauroc\taupr\n");
    for (int c = 0; c < m.numClasses; ++c)
        std::printf("%s\t%ld\t%.4f\t%.4f\n", set->classNames[std::size_t(c)].c_str(), m.positives[std::size_t(c)],
                    m.auroc[std::size_t(c)], m.averagePrecision[std::size_t(c)]);
    std::printf("mean\t%zu\t%.4f\t%.4f\n", m.numExamples, m.meanAuroc, m.meanAveragePrecision);
    return 0;
}

}  // namespace motifloom::cli
