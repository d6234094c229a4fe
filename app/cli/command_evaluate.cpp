// motifloom-cli evaluate: per-class AUROC / AUPR of a saved model on a data set (and, on request,
// every sequence's probabilities).
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "train/evaluation.h"
#include "train/run_directory.h"
#include "util/atomic_file.h"
#include "util/parallel.h"

#include <cstdio>
#include <iostream>

namespace motifloom::cli {

namespace {

// id, then one probability per class (9 significant digits: floats read back exactly).
void writePredictions(const std::string& path, const seqio::SequenceSet& set, const std::vector<float>& probs) {
    std::string text = "id";
    for (const auto& name : set.classNames) text += "\t" + name;
    text += "\n";
    char number[32];
    const std::size_t k = std::size_t(set.numClasses());
    for (std::size_t i = 0; i < set.size(); ++i) {
        text += set.ids[i];
        for (std::size_t c = 0; c < k; ++c) {
            std::snprintf(number, sizeof number, "\t%.9g", double(probs[i * k + c]));
            text += number;
        }
        text += "\n";
    }
    writeTextFileAtomically(path, text);
}

}  // namespace

int runEvaluate(const Args& args) {
    CommandLine p("evaluate", "Prints per-class AUROC and AUPR of a trained model (run directory or model file).");
    std::string run, part = "test", predictions;
    int threads = 0;
    DataOptions dataOptions;
    p.add_option("--run", run, "run directory written by train, or its model.mlm")
        ->type_name("RUNDIR|MODEL")
        ->required();
    p.add_option("--part", part, "which part of the data to score")
        ->type_name("test|valid|train")
        ->transform(oneOf({"test", "valid", "train"}))
        ->capture_default_str();
    p.add_option("--predictions", predictions, "also write each sequence's probabilities (TSV: id, one column per class)")
        ->type_name("FILE.tsv");
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
    if (!predictions.empty()) writePredictions(predictions, *set, eval.probabilities);
    const auto& m = eval.metrics;
    std::printf("class\tpositives\tauroc\taupr\n");
    for (int c = 0; c < m.numClasses; ++c)
        std::printf("%s\t%ld\t%.4f\t%.4f\n", set->classNames[std::size_t(c)].c_str(), m.positives[std::size_t(c)],
                    m.auroc[std::size_t(c)], m.averagePrecision[std::size_t(c)]);
    std::printf("mean\t%zu\t%.4f\t%.4f\n", m.numExamples, m.meanAuroc, m.meanAveragePrecision);
    return 0;
}

}  // namespace motifloom::cli
