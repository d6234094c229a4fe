// motifloom-cli evaluate: per-class AUROC / AUPR of a saved model on a data set.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "train/evaluation.h"
#include "train/run_directory.h"
#include "util/parallel.h"

#include <cstdio>
#include <iostream>

namespace motifloom::cli {

int runEvaluate(const Args& args) {
    CommandLine p("evaluate", "Prints per-class AUROC and AUPR of a trained model (run directory or model file).");
    std::string run, part = "test";
    int threads = 0;
    DataOptions dataOptions;
    p.add_option("--run", run, "run directory written by train, or its model.mlm")
        ->type_name("RUNDIR|MODEL")
        ->required();
    p.add_option("--part", part, "which part of the data to score")
        ->type_name("test|valid|train")
        ->transform(oneOf({"test", "valid", "train"}))
        ->capture_default_str();
    p.addThreads(threads);
    addDataOptions(p, dataOptions);
    if (!p.parseArgs(args)) return 0;
    parallel::setThreadCount(threads);
    const nn::Network net = train::loadRunModel(run);
    auto data = loadData(dataOptions);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const seqio::SequenceSet* set = part == "valid" ? &data.splits.valid
                                  : part == "train" ? &data.splits.train : &data.splits.test;
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
