#pragma once
// A race of architectures: several training runs at the same time, the threads split between
// them, for showing a class two models learning side by side (CNN-2 against CNN-25).
//
//   int each = train::laneThreads(2);                       // e.g. 1 of 2 cores each
//   train::runLanes(2, [&](int i) { ... fit(...) ... });   // generic: any per-lane work
//   auto outcomes = train::race(entrants, data, control);  // fit() per entrant
//
// Each lane runs on a thread of its own inside its own task arena of laneThreads(n) threads
// (parallel::inArena, util/arena.h), so every parallel loop of that lane's fit stays within its share and the
// lanes neither starve each other nor oversubscribe the machine.
//
// Control: the lanes share one TrainControl, so pause and cancel act on all of them at once;
// a lane that early-stops simply ends sooner and leaves its threads idle.
//
// Determinism: fit() gives bit-identical results whatever the thread count (trainer.h), so a
// raced run equals the same architecture trained alone with the same seed.

#include "arch/architecture.h"
#include "seqio/sequence_set.h"
#include "train/trainer.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motifloom::train {

// At most this many architectures race at once.
constexpr int kMaxRaceLanes = 4;

// The threads each of `lanes` concurrent lanes gets from a budget of `totalThreads`
// (0 = parallel::threadCount()): totalThreads / lanes, at least 1.
int laneThreads(int lanes, int totalThreads = 0);

// Calls lane(i) for every i in [0, lanes), all at the same time, each on a thread of its own
// inside a task arena of laneThreads(lanes, totalThreads) threads; returns when all have
// returned. An exception thrown by a lane is rethrown here after every lane has finished (the
// first lane's, by index).
void runLanes(int lanes, const std::function<void(int)>& lane, int totalThreads = 0);

// One architecture in a race and where its progress goes (may be null). The observer is called
// from that lane's thread only.
struct RaceEntrant {
    arch::Architecture architecture;
    TrainObserver* observer = nullptr;
};

// What became of one entrant: its fit() result, or the error that stopped it.
struct RaceOutcome {
    std::optional<TrainResult> result;
    std::string error;  // e.g. the InputError of an architecture that does not fit the data
};

// Trains every entrant on `data` at the same time (runLanes), one outcome per entrant in order.
// An entrant whose fit() throws gets its error; the others train on. Throws InputError for no
// entrants or more than kMaxRaceLanes.
std::vector<RaceOutcome> race(const std::vector<RaceEntrant>& entrants, const seqio::DataSplits& data,
                              TrainControl& control, int totalThreads = 0);

}  // namespace motifloom::train
