#include "util/parallel.h"
#include "util/arena.h"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace motifloom::parallel {
namespace {
std::mutex gMutex;
std::unique_ptr<tbb::global_control> gControl;
int gThreads = 0;
}  // namespace

void setThreadCount(int threads) {
    std::lock_guard lock(gMutex);
    gControl.reset();
    gThreads = threads > 0 ? threads : 0;
    if (gThreads > 0)
        gControl = std::make_unique<tbb::global_control>(
            tbb::global_control::max_allowed_parallelism, std::size_t(gThreads));
}

int threadCount() {
    return int(tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

void forChunks(std::size_t begin, std::size_t end, std::size_t grain,
               const std::function<void(std::size_t, std::size_t)>& body) {
    const std::size_t chunks = chunkCount(begin, end, grain);
    if (chunks == 0) return;
    if (chunks == 1) {
        body(begin, end);
        return;
    }
    // simple_partitioner with grain 1 over chunk indices: chunk boundaries never depend on
    // the number of threads.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, chunks, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t c = r.begin(); c != r.end(); ++c) {
                const std::size_t b = begin + c * grain;
                body(b, std::min(end, b + grain));
            }
        },
        tbb::simple_partitioner());
}

void forEach(std::size_t n, const std::function<void(std::size_t)>& fn) {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i != r.end(); ++i) fn(i);
        },
        tbb::simple_partitioner());
}

void inArena(int threads, const std::function<void()>& fn) {
    tbb::task_arena arena(std::max(1, threads));
    arena.execute(fn);
}

}  // namespace motifloom::parallel
