// motifloom-cli train: trains an architecture (preset or JSON file) and writes a run directory.
#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "cli/arg_parser.h"
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

void applySettings(const ArgParser& p, arch::TrainingSettings& t) {
    if (p.has("--epochs")) t.maxEpochs = int(p.getInt("--epochs", 1, 100000));
    if (p.has("--seed")) t.seed = p.getSeed("--seed");
    if (p.has("--lr")) t.learningRate = p.getDouble("--lr", 1e-12, 10);
    if (p.has("--beta1")) t.beta1 = p.getDouble("--beta1", 0, 0.999999);
    if (p.has("--beta2")) t.beta2 = p.getDouble("--beta2", 0, 0.999999999);
    if (p.has("--eps")) t.adamEpsilon = p.getDouble("--eps", 0, 1);
    if (p.has("--momentum")) t.momentum = p.getDouble("--momentum", 0, 0.999999);
    if (p.has("--batch")) t.batchSize = int(p.getInt("--batch", 1, 100000));
    if (p.has("--patience")) t.patience = int(p.getInt("--patience", 0, 100000));
    if (p.has("--l1")) t.l1 = p.getDouble("--l1", 0, 1);
    if (p.has("--l2")) t.l2 = p.getDouble("--l2", 0, 1);
    if (p.has("--no-restore-best")) t.restoreBest = false;
    if (p.has("--optimizer")) {
        const std::string o = p.get("--optimizer");
        if (o == "adam") t.optimizer = arch::OptimizerKind::Adam;
        else if (o == "sgd") t.optimizer = arch::OptimizerKind::Sgd;
        else throw InputError("option --optimizer must be adam or sgd, got '" + o + "'");
    }
}

}  // namespace

int runTrain(const Args& args) {
    ArgParser p("train", "Trains a CNN (a preset of the paper or an architecture JSON file) and writes the model,\n"
                         "metrics.json and a checkpoint into --out. Settings default to the preset's (the paper's).");
    p.option("--arch", "NAME|FILE", "preset (CNN-1 ... CNN-100, CNN-25-60, ...) or architecture JSON")
        .option("--out", "RUNDIR", "run directory to write")
        .option("--epochs", "N", "maximum epochs")
        .option("--seed", "S", "seed of weights, shuffling and dropout")
        .option("--threads", "T", "CPU threads (0 = all)", "0")
        .option("--lr", "X", "learning rate")
        .option("--optimizer", "adam|sgd", "optimiser")
        .option("--beta1", "X", "Adam beta1")
        .option("--beta2", "X", "Adam beta2")
        .option("--eps", "X", "Adam epsilon")
        .option("--momentum", "X", "SGD momentum")
        .option("--batch", "N", "batch size")
        .option("--patience", "N", "early-stopping patience in epochs (0 = off)")
        .option("--l1", "X", "L1 penalty on weights")
        .option("--l2", "X", "L2 penalty on weights")
        .flag("--no-restore-best", "keep the last epoch's weights instead of the best")
        .option("--resume", "RUNDIR|CKPT", "continue a run from its checkpoint (settings from the checkpoint, --epochs may raise the limit)");
    addDataOptions(p);
    if (!p.parse(args)) return 0;
    if (!p.has("--out")) throw InputError("option --out is required");
    if (!p.has("--arch") && !p.has("--resume")) throw InputError("option --arch (or --resume) is required");
    parallel::setThreadCount(int(p.getInt("--threads", 0, 1024)));

    const auto start = std::chrono::steady_clock::now();
    auto data = loadData(p);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();

    std::optional<train::TrainState> resume;
    arch::Architecture a;
    if (p.has("--resume")) {
        std::string ckpt = p.get("--resume");
        if (std::filesystem::is_directory(ckpt)) ckpt = (std::filesystem::path(ckpt) / train::kCheckpointFile).string();
        resume.emplace(train::loadCheckpoint(ckpt));
        if (p.has("--epochs")) resume->arch.training.maxEpochs = int(p.getInt("--epochs", 1, 100000));
        a = resume->arch;
        std::printf("resuming %s from %s after epoch %d\n", a.name.c_str(), ckpt.c_str(), resume->epochsDone);
    } else {
        a = resolveArchitecture(p.get("--arch"), data.splits.train);
        applySettings(p, a.training);
    }
    if (auto problems = arch::validate(a); !problems.empty()) throw InputError("invalid architecture: " + problems.front());

    const auto& t = a.training;
    std::printf("training %s (%ld parameters) on %s: %zu train / %zu valid / %zu test, batch %d, lr %g, "
                "up to %d epochs, patience %d, seed %llu, %d threads\n",
                a.name.c_str(), arch::parameterCount(a), data.description.c_str(), data.splits.train.size(),
                data.splits.valid.size(), data.splits.test.size(), t.batchSize, t.learningRate, t.maxEpochs,
                t.patience, static_cast<unsigned long long>(t.seed), parallel::threadCount());
    std::fflush(stdout);

    std::filesystem::create_directories(p.get("--out"));
    const std::string ckptPath = (std::filesystem::path(p.get("--out")) / train::kCheckpointFile).string();
    train::TrainControl control;
    gControl = &control;
    auto previous = std::signal(SIGINT, onInterrupt);
    EpochPrinter printer;
    auto result = train::fit(a, data.splits, control, &printer, resume ? &*resume : nullptr, ckptPath);
    std::signal(SIGINT, previous);
    gControl = nullptr;

    const auto test = train::evaluate(result.network, data.splits.test);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    train::writeRunDirectory(p.get("--out"), result, test, data.splits.train.classNames, data.description, seconds);
    std::printf("stopped: %s\nbest epoch %d of %zu; test AUROC %.4f, test AUPR %.4f; %.1f s; run written to %s\n",
                result.message.c_str(), result.history.bestEpoch(), result.history.epochs.size(),
                test.metrics.meanAuroc, test.metrics.meanAveragePrecision, seconds, p.get("--out").c_str());
    return result.stopReason == train::StopReason::Diverged ? 1 : 0;
}

}  // namespace motifloom::cli
