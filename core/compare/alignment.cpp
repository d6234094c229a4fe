#include "compare/alignment.h"

#include <algorithm>
#include <cassert>

namespace motifloom::compare {

Alignment alignmentAt(int config, int queryWidth, int targetWidth) {
    assert(queryWidth >= 1 && targetWidth >= 1);
    assert(config >= 1 && config <= queryWidth + targetWidth - 1);
    Alignment a;
    a.config = config;
    a.queryWidth = queryWidth;
    if (config <= queryWidth) {
        a.queryStart = queryWidth - config;
        a.targetStart = 0;
    } else {
        a.queryStart = 0;
        a.targetStart = config - queryWidth;
    }
    a.overlap = std::min(queryWidth - a.queryStart, targetWidth - a.targetStart);
    return a;
}

std::pair<int, int> allowedConfigs(int queryWidth, int targetWidth, int minOverlap, bool internalOnly) {
    if (internalOnly)
        return {std::min(queryWidth, targetWidth), std::max(queryWidth, targetWidth)};
    const int mo = std::max(1, std::min({minOverlap, queryWidth, targetWidth}));
    return {mo, queryWidth + targetWidth - mo};
}

}  // namespace motifloom::compare
