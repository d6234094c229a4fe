#pragma once
// Task arenas: a thread budget for one piece of work (the race of architectures, train/race.h).
// Defined in parallel.cpp, the one file that includes TBB (see parallel.h).

#include <functional>

namespace motifloom::parallel {

// Runs fn() in the calling thread inside a task arena of its own with `threads` threads (the
// caller included, at least 1): every parallel call fn makes (parallel.h) stays within that
// budget, so several such calls from different threads share the cores instead of competing
// for all of them. threadCount() is not changed.
void inArena(int threads, const std::function<void()>& fn);

}  // namespace motifloom::parallel
