#include "attribution/attribution_table.h"

#include "seqio/alphabet.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace motifloom::attribution {

std::string formatAttributionTsv(std::span<const std::uint8_t> sequence,
                                 const std::vector<std::string>& classNames,
                                 std::span<const int> classes, const Saliency* saliency,
                                 const Mutagenesis* ism) {
    // Saliency row of each requested class.
    std::vector<int> rows;
    for (int k : classes) {
        int row = -1;
        if (saliency) {
            const auto it = std::find(saliency->classes.begin(), saliency->classes.end(), k);
            assert(it != saliency->classes.end());
            row = int(it - saliency->classes.begin());
        }
        rows.push_back(row);
    }
    std::string out = "position\tbase";
    for (int k : classes) {
        const std::string& name = classNames[std::size_t(k)];
        if (saliency) out += "\t" + name + "_saliency";
        if (ism) out += "\t" + name + "_ism";
    }
    out += '\n';
    char buf[32];
    auto number = [&](float v) {
        std::snprintf(buf, sizeof buf, "\t%.6g", double(v));
        out += buf;
    };
    for (std::size_t p = 0; p < sequence.size(); ++p) {
        out += std::to_string(p);
        out += '\t';
        out += seqio::decodeBase(sequence[p]);
        for (std::size_t j = 0; j < classes.size(); ++j) {
            if (saliency) number(saliency->importanceAt(rows[j], int(p)));
            if (ism) number(ism->importance(int(p), classes[j]));
        }
        out += '\n';
    }
    return out;
}

}  // namespace motifloom::attribution
