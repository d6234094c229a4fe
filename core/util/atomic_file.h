#pragma once
// Atomic file writes: content goes to "<path>.tmp-XXXX" in the same folder and is renamed over
// `path` only when complete, so a crash or a full disk never leaves a half-written file.

#include <functional>
#include <iosfwd>
#include <string>

namespace motifloom {

// Calls write(stream) and commits the result to `path`. If write throws or the stream fails,
// the temporary file is removed, `path` is untouched, and the error is rethrown (stream
// failures as InputError naming the path).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Convenience: atomically writes `content` to `path`.
void writeTextFileAtomically(const std::string& path, const std::string& content);

}  // namespace motifloom
