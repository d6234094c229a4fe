// motifloom-bench: times training epochs of architectures on a data set and reports seconds
// per epoch, sequences per second, achieved GFLOP/s and the fraction of this machine's
// measured FP32 peak. Training runs through the real trainer (train::fit); an epoch's time
// covers its training batches (forward, backward, optimiser), not the validation pass, which
// is reported separately. --race then trains the same models at the same time, the threads
// split between them (train/race.h), and reports each one's seconds per epoch raced and alone.
#include "arch/flop_count.h"
#include "arch/presets.h"
#include "bench/attribution_timing.h"
#include "bench/peak_flops.h"
#include "bench/pytorch_reference.h"
#include "cli/command_line.h"
#include "cli/data_option.h"
#include "nn/gemm.h"
#include "nn/isa.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "train/race.h"
#include "train/trainer.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

using namespace motifloom;

namespace {

struct EpochTimes : train::TrainObserver {
    std::vector<double> train, total;
    std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
    void onEpoch(const train::EpochRecord& e, std::shared_ptr<const nn::Network>) override {
        const auto now = std::chrono::steady_clock::now();
        train.push_back(e.seconds);
        total.push_back(std::chrono::duration<double>(now - last).count());
        last = now;
    }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// --profile: where an epoch's time goes. Trains `net` directly (batches in file order, no
// trainer, no validation) for one warm-up and `epochs` profiled epochs and prints each layer's
// forward / backward thread-seconds per epoch (nn::Network::Profile; a fused block counts under
// its first layer). Sums exceed the wall time by up to the thread count.
void printLayerProfile(const arch::Architecture& a, const seqio::SequenceSet& train, int epochs) {
    nn::Network net(a, a.training.seed);
    const auto optimizer = nn::makeOptimizer(a.training);
    const int batch = a.training.batchSize;
    const std::size_t steps = train.size() / std::size_t(batch);
    const std::size_t classes = std::size_t(train.numClasses());
    auto epoch = [&](int e) {
        for (std::size_t b = 0; b < steps; ++b) {
            const std::size_t first = b * std::size_t(batch);
            net.trainStep(train.sequence(first), train.labels.data() + first * classes, batch,
                          std::uint64_t(e) * 1000003u + b);
            optimizer->step(net.parameters());
        }
    };
    epoch(0);
    net.setProfiling(true);
    const auto start = std::chrono::steady_clock::now();
    for (int e = 1; e <= epochs; ++e) epoch(e);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / epochs;
    const auto profile = net.profile();
    std::printf("  %-26s %-10s %9s %9s\n", "layer", "output", "forward", "backward");
    double sum = profile.lossSeconds / epochs;
    for (int i = 0; i < net.layerCount(); ++i) {
        const double f = profile.forwardSeconds[std::size_t(i)] / epochs;
        const double b = profile.backwardSeconds[std::size_t(i)] / epochs;
        sum += f + b;
        const auto shape = net.outputShape(i);
        std::printf("  %-26s %4dx%-5d %8.4fs %8.4fs\n", net.layer(i).describe().c_str(), shape.length,
                    shape.channels, f, b);
    }
    std::printf("  %-26s %-10s %8.4fs\n", "loss, penalty, averages", "", profile.lossSeconds / epochs);
    std::printf("  thread-seconds %.3f per epoch; wall %.3f s per epoch (network + optimiser, without the trainer)\n", sum, wall);
}

// --attribution: milliseconds per sequence of each map, per model.
void printAttributionTimes(const std::vector<std::string>& models, const seqio::SequenceSet& test, std::uint64_t seed,
                           int threads, const std::string& description) {
    std::printf("attribution timings: %s, first %zu test sequences of %d nt, %d threads, freshly initialised weights\n"
                "(median ms per sequence; ISM = all single-base substitutions x all classes; saliency = gradient x input)\n",
                description.c_str(), std::min<std::size_t>(50, test.size()), test.length, threads);
    std::printf("%-10s %10s %12s %16s %22s\n", "model", "ISM", "ISM batched", "saliency 1 class", "saliency all classes");
    for (const auto& name : models) {
        const bench::AttributionTiming t = bench::timeAttribution(name, test, 50, seed);
        std::printf("%-10s %10.2f %12.2f %16.2f %22.2f\n", name.c_str(), t.ismMs, t.ismBatchMs, t.saliencyMs, t.saliencyAllMs);
        std::fflush(stdout);
    }
}

int run(const std::vector<std::string>& args) {
    cli::CommandLine p("motifloom-bench",
                       "Times training epochs (median after one warm-up epoch) of presets on a data set.\n"
                       "example: motifloom-bench --models CNN-25,CNN-2,CNN-4 --data DIR --epochs 3 --threads 2 [--json]");
    std::string models = "CNN-25,CNN-2,CNN-4";
    int epochs = 3, threadOption = 0;
    std::uint64_t seed = 1;
    bool json = false, profile = false, attribution = false, race = false;
    std::string reference, python = "/usr/bin/python3";
    cli::DataOptions dataOptions;
    p.add_option("--models", models, "presets to time")->type_name("A,B,...")->capture_default_str();
    p.add_option("--epochs", epochs, "timed epochs per model (after one warm-up)")
        ->type_name("N")
        ->transform(cli::wholeNumber(1, 1000))
        ->capture_default_str();
    p.addThreads(threadOption);
    p.add_option("--seed", seed, "training seed")->type_name("S")->transform(cli::seedNumber())->capture_default_str();
    p.add_flag("--json", json, "print one JSON object instead of a table");
    p.add_flag("--profile", profile, "also print each layer's forward / backward time per epoch");
    p.add_option("--reference", reference, "also train each model with PyTorch in the same run and print the speed ratio")
        ->type_name("pytorch")
        ->transform(cli::oneOf({"pytorch"}));
    p.add_option("--python", python, "Python with PyTorch for --reference (Debian: python3-torch)")
        ->type_name("PATH")
        ->capture_default_str();
    p.add_flag("--attribution", attribution,
               "instead of training: time ISM and saliency per sequence (first 50 test sequences, freshly "
               "initialised weights; bench/attribution_timing.h)");
    p.add_flag("--race", race,
               "then train the models (2-4) at the same time, the threads split between them, and print each "
               "one's s/epoch raced against alone");
    cli::addDataOptions(p, dataOptions);
    p.addVersion(MOTIFLOOM_VERSION);
    if (!p.parseArgs(args)) return 0;
    nn::isa();  // a bad MOTIFLOOM_ISA is reported before any work
    parallel::setThreadCount(threadOption);
    const int threads = parallel::threadCount();

    auto data = cli::loadData(dataOptions);
    if (attribution) {
        printAttributionTimes(splitList(models), data.splits.test, seed, threads, data.description);
        return 0;
    }
    const auto& trainSet = data.splits.train;
    const bool engineUsesAvx512 = nn::isa() == nn::Isa::Avx512;
    const auto peak = bench::measurePeakFlops(threads, engineUsesAvx512);
    if (!json)
        std::printf("data: %s (%zu training sequences of %d nt); %d threads; measured FP32 peak %.1f GFLOP/s (%s)\n",
                    data.description.c_str(), trainSet.size(), trainSet.length, threads, peak.gflops, peak.isa.c_str());
    if (!json)
        std::printf("GFLOP/s: 'nominal' counts every layer as dense arithmetic (as frameworks do); 'executed' counts\n"
                    "the first layer as the one-hot lookup the engine runs; %% of peak uses executed FLOPs.\n"
                    "instruction set: %s; GEMM kernel: %s\n",
                    nn::isaSummary().c_str(), nn::gemmKernelName());

    nlohmann::json rows = nlohmann::json::array();
    std::vector<arch::Architecture> raced;
    for (const auto& name : splitList(models)) {
        arch::Architecture a = arch::preset(name, trainSet.length, trainSet.numClasses());
        a.training.maxEpochs = epochs + 1;
        a.training.patience = 0;
        a.training.seed = seed;
        EpochTimes times;
        train::TrainControl control;
        raced.push_back(a);
        train::fit(a, data.splits, control, &times);
        const std::vector<double> timed(times.train.begin() + 1, times.train.end());
        const std::vector<double> timedTotal(times.total.begin() + 1, times.total.end());
        const double epochSeconds = median(timed);
        const double seqPerSecond = double(trainSet.size()) / epochSeconds;
        const double nominalGflops = arch::trainingFlopsPerSequence(a) * seqPerSecond / 1e9;
        const double executedGflops = arch::executedTrainingFlopsPerSequence(a) * seqPerSecond / 1e9;
        nlohmann::json row = {{"model", name},
                              {"epoch_s", epochSeconds},
                              {"seq_per_s", seqPerSecond},
                              {"gflops", nominalGflops},
                              {"executed_gflops", executedGflops},
                              {"peak_fraction", peak.gflops > 0 ? executedGflops / peak.gflops : 0.0},
                              {"epoch_with_validation_s", median(timedTotal)},
                              {"timed_epochs", timed},
                              {"parameters", arch::parameterCount(a)},
                              {"train_mflop_per_seq", arch::trainingFlopsPerSequence(a) / 1e6},
                              {"executed_mflop_per_seq", arch::executedTrainingFlopsPerSequence(a) / 1e6}};
        rows.push_back(row);
        if (!json)
            std::printf("%-10s %8.3f s/epoch  %9.0f seq/s  nominal %7.1f GFLOP/s  executed %7.1f GFLOP/s  %5.1f %% of peak"
                        "  (with validation %.3f s)\n",
                        name.c_str(), epochSeconds, seqPerSecond, nominalGflops, executedGflops,
                        100 * row["peak_fraction"].get<double>(), median(timedTotal));
        if (!json && profile) printLayerProfile(a, trainSet, epochs);
        if (!reference.empty()) {
            std::fflush(stdout);
            const auto ref = bench::runPytorchReference(a, trainSet, epochs, threads, python);
            const double refSeconds = median(ref.epochSeconds);
            rows.back()["pytorch"] = {{"version", ref.version},
                                        {"threads", ref.threads},
                                        {"epoch_s", refSeconds},
                                        {"timed_epochs", ref.epochSeconds},
                                        {"speedup", refSeconds / epochSeconds}};
            if (!json)
                std::printf("%-10s %8.3f s/epoch  PyTorch %s, %d threads: MotifLoom is %.2fx faster\n", "", refSeconds,
                            ref.version.c_str(), ref.threads, refSeconds / epochSeconds);
        }
        std::fflush(stdout);
    }
    if (race) {
        // The same models at the same time; each lane's epochs are timed as above.
        std::vector<EpochTimes> times(raced.size());
        std::vector<train::RaceEntrant> entrants;
        for (std::size_t i = 0; i < raced.size(); ++i) entrants.push_back({raced[i], &times[i]});
        train::TrainControl control;
        const auto outcomes = train::race(entrants, data.splits, control);
        const int each = train::laneThreads(int(raced.size()));
        if (!json) std::printf("race: %zu models at the same time, %d thread(s) each\n", raced.size(), each);
        for (std::size_t i = 0; i < raced.size(); ++i) {
            if (!outcomes[i].error.empty()) throw InputError(outcomes[i].error);
            const double racedSeconds = median({times[i].train.begin() + 1, times[i].train.end()});
            const double alone = rows[i]["epoch_s"].get<double>();
            rows[i]["race"] = {{"threads", each}, {"epoch_s", racedSeconds}, {"timed_epochs", times[i].train}};
            if (!json)
                std::printf("%-10s %8.3f s/epoch raced  (alone %.3f s, %.2fx)\n", raced[i].name.c_str(), racedSeconds,
                            alone, racedSeconds / alone);
        }
    }
    if (json) {
        nlohmann::json out = {{"threads", threads},
                              {"isa", nn::isaName(nn::isa())},
                              {"train_sequences", trainSet.size()},
                              {"length", trainSet.length},
                              {"peak_gflops", peak.gflops},
                              {"peak_isa", peak.isa},
                              {"models", rows}};
        std::cout << out.dump(2) << "\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const InputError& e) {
        std::cerr << "motifloom-bench: " << e.what() << "\n";
        return 2;
    }
}
