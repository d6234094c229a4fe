#include "interpret/low_information.h"

#include "motif/motif_math.h"

#include <algorithm>

namespace motifloom::interpret {

double alignedTargetInformation(const compare::TomtomHit& hit, int queryWidth, const motif::Motif& target) {
    const int width = target.width();
    const int first = std::max(0, hit.offset), last = std::min(width, queryWidth + hit.offset);
    if (last <= first) return 0.0;
    double bits = 0.0;
    for (int j = first; j < last; ++j) {
        // Column j of the reverse complement is column width - 1 - j of the stored target with
        // its bases complemented: the same information content.
        const int column = hit.orientation == '-' ? width - 1 - j : j;
        bits += motif::columnInformation(target, column);
    }
    return bits / double(last - first);
}

bool isLowInformation(const compare::TomtomHit& hit, int queryWidth, const motif::Motif& target,
                      const LowInformationOptions& options) {
    return alignedTargetInformation(hit, queryWidth, target) < options.minTargetBitsPerColumn;
}

}  // namespace motifloom::interpret
