// motifloom-cli train: trains an architecture (preset or JSON file) and writes a run directory.
#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "train/checkpoint.h"
#include "train/evaluation.h"
#include "train/run_directory.h"
#include "train/trainer.h"
#include "util/parallel.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace motifloom::cli {
namespace {

train::TrainControl* gControl = nullptr;
extern "C" void onInterrupt(int) {
    if (gControl) gControl->cancel = true;  // the run stops after this batch and is saved
}

// One line per epoch, as the interface asks.
class EpochPrinter : public train::TrainObserver {
public:
    void onEpoch(const train::EpochRecord& e, std::shared_ptr<const nn::Network>) override {
        std::printf("epoch %3d  train_loss %.4f  valid_loss %.4f  valid_auroc %.4f  valid_aupr %.4f  %6.2f s  %7.0f seq/s%s\n",
                    e.epoch, e.trainLoss, e.validLoss, e.validAuroc, e.validAupr, e.seconds,
                    e.sequencesPerSecond, e.best ? "  *" : "");
        std::fflush(stdout);
    }
    void onMessage(const std::string& text) override { std::printf("%s\n", text.c_str()); }
};

// A preset built for the data's shape, or an architecture file checked against it.
arch::Architecture resolveArchitecture(const std::string& spec, const seqio::SequenceSet& data) {
    arch::Architecture a;
    if (arch::isPreset(spec)) {
        a = arch::preset(spec, data.length, data.numClasses());
    } else {
        if (!std::filesystem::exists(spec))
            throw InputError("--arch '" + spec + "' is neither a preset (" + "see 'motifloom-cli train --help') nor a file");
        a = arch::loadArchitecture(spec);
        if (a.inputLength != data.length)
            throw InputError(spec, 0, "the architecture expects sequences of " + std::to_string(a.inputLength) +
                                          " nt but the data has " + std::to_string(data.length) + " nt");
        if (a.numClasses != data.numClasses()) arch::setNumClasses(a, data.numClasses());
    }
    a.output = data.task == seqio::TaskKind::SingleLabel ? arch::OutputKind::Softmax : arch::OutputKind::Sigmoid;
    return a;
}

// The training settings given on the command line; the others stay the preset's.
struct SettingOverrides {
    std::optional<int> epochs, batch, patience;
    std::optional<std::uint64_t> seed;
    std::optional<double> lr, beta1, beta2, eps, momentum, l1, l2;
    std::optional<std::string> optimizer;
    bool noRestoreBest = false;

    void apply(arch::TrainingSettings& t) const {
        if (epochs) t.maxEpochs = *epochs;
        if (seed) t.seed = *seed;
        if (lr) t.learningRate = *lr;
        if (beta1) t.beta1 = *beta1;
        if (beta2) t.beta2 = *beta2;
        if (eps) t.adamEpsilon = *eps;
        if (momentum) t.momentum = *momentum;
        if (batch) t.batchSize = *batch;
        if (patience) t.patience = *patience;
        if (l1) t.l1 = *l1;
        if (l2) t.l2 = *l2;
        if (noRestoreBest) t.restoreBest = false;
        if (optimizer) t.optimizer = *optimizer == "sgd" ? arch::OptimizerKind::Sgd : arch::OptimizerKind::Adam;
    }
};

}  // namespace

int runTrain(const Args& args) {
    CommandLine p("train", "Trains a CNN (a preset of the paper or an architecture JSON file) and writes the model,\n"
                  "metrics.json and a checkpoint into --out. Settings default to the preset's (the paper's).");
    std::string archSpec, outDir, resumeFrom;
    int threads = 0;
    SettingOverrides o;
    DataOptions dataOptions;
    p.add_option("--arch", archSpec, "preset (CNN-1 ... CNN-100, CNN-25-60, ...) or architecture JSON")
        ->type_name("NAME|FILE");
    p.add_option("--out", outDir, "run directory to write")->type_name("RUNDIR")->required();
    p.add_option("--epochs", o.epochs, "maximum epochs")->type_name("N")->transform(wholeNumber(1, 100000));
    p.add_option("--seed", o.seed, "seed of weights, shuffling and dropout")->type_name("S")->transform(seedNumber());
    p.addThreads(threads);
    p.add_option("--lr", o.lr, "learning rate")->type_name("X")->transform(number(1e-12, 10));
    p.add_option("--optimizer", o.optimizer, "optimiser")->type_name("adam|sgd")->transform(oneOf({"adam", "sgd"}));
    p.add_option("--beta1", o.beta1, "Adam beta1")->type_name("X")->transform(number(0, 0.999999));
    p.add_option("--beta2", o.beta2, "Adam beta2")->type_name("X")->transform(number(0, 0.999999999));
    p.add_option("--eps", o.eps, "Adam epsilon")->type_name("X")->transform(number(0, 1));
    p.add_option("--momentum", o.momentum, "SGD momentum")->type_name("X")->transform(number(0, 0.999999));
    p.add_option("--batch", o.batch, "batch size")->type_name("N")->transform(wholeNumber(1, 100000));
    p.add_option("--patience", o.patience, "early-stopping patience in epochs (0 = off)")
        ->type_name("N")
        ->transform(wholeNumber(0, 100000));
    p.add_option("--l1", o.l1, "L1 penalty on weights")->type_name("X")->transform(number(0, 1));
    p.add_option("--l2", o.l2, "L2 penalty on weights")->type_name("X")->transform(number(0, 1));
    p.add_flag("--no-restore-best", o.noRestoreBest, "keep the last epoch's weights instead of the best");
    p.add_option("--resume", resumeFrom,
                 "continue a run from its checkpoint (settings from the checkpoint, --epochs may raise the limit)")
        ->type_name("RUNDIR|CKPT");
    addDataOptions(p, dataOptions);
    if (!p.parseArgs(args)) return 0;
    if (archSpec.empty() && resumeFrom.empty()) throw InputError("option --arch (or --resume) is required");
    parallel::setThreadCount(threads);

    const auto start = std::chrono::steady_clock::now();
    auto data = loadData(dataOptions);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();

    std::optional<train::TrainState> resume;
    arch::Architecture a;
    if (!resumeFrom.empty()) {
        std::string ckpt = resumeFrom;
        if (std::filesystem::is_directory(ckpt)) ckpt = (std::filesystem::path(ckpt) / train::kCheckpointFile).string();
        resume.emplace(train::loadCheckpoint(ckpt));
        if (o.epochs) resume->arch.training.maxEpochs = *o.epochs;
        a = resume->arch;
        std::printf("resuming %s from %s after epoch %d\n", a.name.c_str(), ckpt.c_str(), resume->epochsDone);
    } else {
        a = resolveArchitecture(archSpec, data.splits.train);
        o.apply(a.training);
    }
    if (auto problems = arch::validate(a); !problems.empty()) throw InputError("invalid architecture: " + problems.front());

    const auto& t = a.training;
    std::printf("training %s (%ld parameters) on %s: %zu train / %zu valid / %zu test, batch %d, lr %g, "
                "up to %d epochs, patience %d, seed %llu, %d threads\n",
                a.name.c_str(), arch::parameterCount(a), data.description.c_str(), data.splits.train.size(),
                data.splits.valid.size(), data.splits.test.size(), t.batchSize, t.learningRate, t.maxEpochs,
                t.patience, static_cast<unsigned long long>(t.seed), parallel::threadCount());
    std::fflush(stdout);

    std::filesystem::create_directories(outDir);
    const std::string ckptPath = (std::filesystem::path(outDir) / train::kCheckpointFile).string();
    train::TrainControl control;
    gControl = &control;
    auto previous = std::signal(SIGINT, onInterrupt);
    EpochPrinter printer;
    auto result = train::fit(a, data.splits, control, &printer, resume ? &*resume : nullptr, ckptPath);
    std::signal(SIGINT, previous);
    gControl = nullptr;

    const auto test = train::evaluate(result.network, data.splits.test);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    train::writeRunDirectory(outDir, result, test, data.splits.train.classNames, data.description, seconds);
    std::printf("stopped: %s\nbest epoch %d of %zu; test AUROC %.4f, test AUPR %.4f; %.1f s; run written to %s\n",
                result.message.c_str(), result.history.bestEpoch(), result.history.epochs.size(),
                test.metrics.meanAuroc, test.metrics.meanAveragePrecision, seconds, outDir.c_str());
    return result.stopReason == train::StopReason::Diverged ? 1 : 0;
}

}  // namespace motifloom::cli
