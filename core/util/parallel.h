#pragma once
// The one doorway to oneTBB. Nothing outside core/util/parallel.cpp includes TBB headers
// (TBB's profiling.h clashes with Qt's `emit`), so this header is safe to include anywhere.
//
// Determinism: parallelFor hands out fixed chunks [begin, end) computed from `grain` alone,
// never from the thread count, so code that writes per-chunk partial results and reduces them
// in chunk order gets bit-identical answers with 1 or N threads.

#include <cstddef>
#include <functional>

namespace motifloom::parallel {

// Limits the worker threads of every later parallel call in this process (0 = all cores).
// Thread-safe; the last call wins.
void setThreadCount(int threads);
int threadCount();  // the limit in force (the core count when unset)

// Calls body(chunkBegin, chunkEnd) for the chunks [begin + k*grain, min(end, begin+(k+1)*grain)),
// possibly in parallel. Returns when all chunks are done. grain must be >= 1.
void forChunks(std::size_t begin, std::size_t end, std::size_t grain,
               const std::function<void(std::size_t, std::size_t)>& body);

// Number of chunks forChunks makes for the same arguments (for sizing per-chunk buffers).
inline std::size_t chunkCount(std::size_t begin, std::size_t end, std::size_t grain) {
    return end <= begin ? 0 : (end - begin + grain - 1) / grain;
}

// Runs fn(i) for i in [0, n) in parallel, one task per index (for coarse, independent jobs
// such as sweep trials).
void forEach(std::size_t n, const std::function<void(std::size_t)>& fn);

}  // namespace motifloom::parallel
