#include "train/race.h"

#include "util/input_error.h"
#include "util/parallel.h"
#include "util/arena.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace motifloom::train {

int laneThreads(int lanes, int totalThreads) {
    const int total = totalThreads > 0 ? totalThreads : parallel::threadCount();
    return std::max(1, total / std::max(1, lanes));
}

void runLanes(int lanes, const std::function<void(int)>& lane, int totalThreads) {
    if (lanes <= 0) return;
    const int each = laneThreads(lanes, totalThreads);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(lanes));
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(lanes));
    for (int i = 0; i < lanes; ++i)
        threads.emplace_back([&, i] {
            try {
                parallel::inArena(each, [&] { lane(i); });
            } catch (...) {
                errors[std::size_t(i)] = std::current_exception();
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

std::vector<RaceOutcome> race(const std::vector<RaceEntrant>& entrants, const seqio::DataSplits& data,
                              TrainControl& control, int totalThreads) {
    if (entrants.empty() || int(entrants.size()) > kMaxRaceLanes)
        throw InputError("a race needs 1 to " + std::to_string(kMaxRaceLanes) + " architectures, not " +
                         std::to_string(entrants.size()));
    std::vector<RaceOutcome> outcomes(entrants.size());
    runLanes(
        int(entrants.size()),
        [&](int i) {
            const RaceEntrant& e = entrants[std::size_t(i)];
            RaceOutcome& out = outcomes[std::size_t(i)];
            try {
                out.result = fit(e.architecture, data, control, e.observer);
            } catch (const std::exception& ex) {
                out.error = e.architecture.name + ": " + ex.what();
            }
        },
        totalThreads);
    return outcomes;
}

}  // namespace motifloom::train
