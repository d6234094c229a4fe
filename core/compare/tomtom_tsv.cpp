#include "compare/tomtom_tsv.h"

#include <cstdio>

namespace motifloom::compare {

std::string tomtomTsvHeader() {
    return "Query_ID\tTarget_ID\tOptimal_offset\tp-value\tE-value\tq-value\tOverlap\t"
           "Query_consensus\tTarget_consensus\tOrientation";
}

std::string formatTomtomNumber(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

std::string formatTomtomRow(const TomtomHit& hit) {
    std::string line;
    line += hit.queryId + '\t' + hit.targetId + '\t' + std::to_string(hit.offset) + '\t';
    line += formatTomtomNumber(hit.pValue) + '\t' + formatTomtomNumber(hit.eValue) + '\t' +
            formatTomtomNumber(hit.qValue) + '\t';
    line += std::to_string(hit.overlap) + '\t' + hit.queryConsensus + '\t' + hit.targetConsensus +
            '\t' + hit.orientation;
    return line;
}

std::string formatTomtomTsv(const std::vector<TomtomHit>& hits, const std::string& commandLine) {
    std::string out = tomtomTsvHeader() + '\n';
    for (const auto& hit : hits) out += formatTomtomRow(hit) + '\n';
    out += "\n# MotifLoom tomtom: motif comparison as MEME Suite 5.5 Tomtom computes it\n"
           "# The format of this file is described at "
           "https://meme-suite.org/meme/doc/tomtom-output-format.html.\n";
    if (!commandLine.empty()) out += "# " + commandLine + '\n';
    return out;
}

}  // namespace motifloom::compare
