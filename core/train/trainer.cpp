#include "train/trainer.h"

#include "train/checkpoint.h"
#include "train/evaluation.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <chrono>
#include <numeric>
#include <thread>

namespace motifloom::train {
namespace {

using Clock = std::chrono::steady_clock;

// Independent random streams of a run, all derived from its seed (see trainer.h).
constexpr std::uint64_t kShuffleStream = 0x5348554646ULL;  // "SHUFF"
constexpr std::uint64_t kDropoutStream = 0x44524f50ULL;    // "DROP"

std::vector<std::size_t> epochOrder(std::size_t n, std::uint64_t seed, int epoch) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng(seed ^ kShuffleStream).split(std::uint64_t(epoch)).shuffle(order.begin(), order.end());
    return order;
}

std::uint64_t stepSeed(std::uint64_t seed, long step) {
    return Rng(seed ^ kDropoutStream).split(std::uint64_t(step)).next();
}

// Copies the batch's sequences and labels into contiguous buffers in shuffled order.
void gatherBatch(const seqio::SequenceSet& set, const std::vector<std::size_t>& order, std::size_t first,
                 int batch, std::vector<std::uint8_t>& codes, std::vector<float>& targets) {
    const std::size_t len = std::size_t(set.length), k = std::size_t(set.numClasses());
    codes.resize(std::size_t(batch) * len);
    targets.resize(std::size_t(batch) * k);
    for (int b = 0; b < batch; ++b) {
        const std::size_t i = order[first + std::size_t(b)];
        std::copy_n(set.sequence(i), len, codes.data() + std::size_t(b) * len);
        std::copy_n(set.label(i), k, targets.data() + std::size_t(b) * k);
    }
}

// Blocks while paused; returns true when the run should stop.
bool waitWhilePaused(TrainControl& control) {
    while (control.pause.load() && !control.cancel.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return control.cancel.load();
}

}  // namespace

const char* toString(StopReason reason) {
    switch (reason) {
    case StopReason::MaxEpochs: return "reached the maximum number of epochs";
    case StopReason::EarlyStopping: return "early stopping: validation loss stopped improving";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::Diverged: return "diverged";
    }
    return "";
}

TrainResult fit(const arch::Architecture& archIn, const seqio::DataSplits& data, TrainControl& control,
                TrainObserver* observer, const TrainState* resume, const std::string& checkpointPath) {
    const arch::Architecture& archRef = resume ? resume->arch : archIn;
    if (auto problems = arch::validate(archRef); !problems.empty())
        throw InputError("the architecture cannot be trained: " + problems.front());
    if (data.train.size() == 0) throw InputError("the training set is empty");
    if (data.valid.size() == 0) throw InputError("the validation set is empty");

    TrainState state = resume ? TrainState(*resume)
                              : TrainState(archRef, nn::Network(archRef, archRef.training.seed),
                                           nn::makeOptimizer(archRef.training));
    const arch::TrainingSettings& settings = state.arch.training;
    checkCompatible(state.network, data.train, "the training set");
    checkCompatible(state.network, data.valid, "the validation set");

    const seqio::SequenceSet& train = data.train;
    const int batchSize = std::max(1, settings.batchSize);
    const std::size_t n = train.size();
    const int batches = int((n + std::size_t(batchSize) - 1) / std::size_t(batchSize));
    std::vector<std::uint8_t> codes;
    std::vector<float> targets;

    TrainResult result{state.network, state.history, StopReason::MaxEpochs, {}};
    StopReason stop = StopReason::MaxEpochs;

    for (int epoch = state.epochsDone + 1; epoch <= settings.maxEpochs; ++epoch) {
        const auto order = epochOrder(n, settings.seed, epoch);
        const auto start = Clock::now();
        double lossSum = 0;
        std::size_t seen = 0;
        bool cancelled = false, diverged = false;
        for (int b = 0; b < batches; ++b) {
            if (waitWhilePaused(control)) {
                cancelled = true;
                break;
            }
            const std::size_t first = std::size_t(b) * std::size_t(batchSize);
            const int size = int(std::min<std::size_t>(std::size_t(batchSize), n - first));
            gatherBatch(train, order, first, size, codes, targets);
            nn::Loss loss;
            try {
                loss = state.network.trainStep(codes.data(), targets.data(), size,
                                               stepSeed(settings.seed, state.stepsDone));
            } catch (const InputError& e) {
                result.message = "epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) +
                                 ": " + e.message() +
                                 " Try a smaller learning rate, or check the data for problems.";
                diverged = true;
                break;
            }
            state.optimizer->step(state.network.parameters());
            ++state.stepsDone;
            lossSum += loss.data * size;
            seen += std::size_t(size);
            if (observer) {
                const double secs = std::chrono::duration<double>(Clock::now() - start).count();
                observer->onBatch({epoch, b + 1, batches, loss.data, secs > 0 ? double(seen) / secs : 0});
            }
        }
        if (cancelled || diverged) {
            stop = cancelled ? StopReason::Cancelled : StopReason::Diverged;
            break;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

        const Evaluation valid = evaluate(state.network, data.valid, &control.cancel);
        if (valid.cancelled) {  // the epoch's training is kept; it just has no record
            stop = StopReason::Cancelled;
            break;
        }
        EpochRecord record;
        record.epoch = epoch;
        record.trainLoss = lossSum / double(seen);
        record.validLoss = valid.loss.data;
        record.penalty = valid.loss.penalty;
        record.validAuroc = valid.metrics.meanAuroc;
        record.validAupr = valid.metrics.meanAveragePrecision;
        record.seconds = seconds;
        record.sequencesPerSecond = seconds > 0 ? double(seen) / seconds : 0;
        if (!std::isfinite(record.validLoss)) {
            result.message = "epoch " + std::to_string(epoch) +
                             ": the validation loss is not a finite number. Try a smaller learning rate.";
            stop = StopReason::Diverged;
            break;
        }
        // Early stopping monitors the data loss (what Keras' val_loss reports minus penalties,
        // which do not depend on the validation data).
        record.best = !state.bestNetwork || record.validLoss < state.bestValidLoss;
        if (record.best) {
            state.bestValidLoss = record.validLoss;
            state.bestNetwork = state.network;
            state.epochsWithoutImprovement = 0;
        } else {
            ++state.epochsWithoutImprovement;
        }
        state.history.epochs.push_back(record);
        state.epochsDone = epoch;
        if (!checkpointPath.empty()) saveCheckpoint(checkpointPath, state);
        if (observer) observer->onEpoch(record, std::make_shared<const nn::Network>(state.network));
        if (settings.patience > 0 && state.epochsWithoutImprovement >= settings.patience) {
            stop = StopReason::EarlyStopping;
            break;
        }
    }

    result.stopReason = stop;
    result.history = state.history;
    if (settings.restoreBest && state.bestNetwork) {
        if (observer)
            observer->onMessage("restoring the weights of epoch " +
                                std::to_string(state.history.bestEpoch()) + " (lowest validation loss)");
        result.network = *state.bestNetwork;
    } else {
        result.network = state.network;
    }
    if (result.message.empty()) result.message = toString(stop);
    return result;
}

}  // namespace motifloom::train
