#include "lab/data_truth.h"

namespace motifloom::lab {

void checkTruth(const LoadedData& data, const motif::MotifList& database, const std::string& databaseLabel,
                const std::string& what) {
    interpret::checkTruthMapping(data.recipe.truthMapping, data.classNames, database, databaseLabel, what);
}

interpret::RunTruth runTruth(const DataRecipe& recipe, const std::vector<std::string>& classNames,
                             const motif::MotifList& trueMotifs, const motif::MotifList& database) {
    const bool planted = recipe.kind != DataRecipe::Kind::Fasta;  // Synthetic, or simulate's folder
    return interpret::resolveTruth(classNames, planted ? trueMotifs : motif::MotifList{}, recipe.truthMapping,
                                   planted ? std::vector<std::string>{} : recipe.expectedMotifIds, database);
}

interpret::RunTruth runTruth(const LoadedData& data, const motif::MotifList& database) {
    return runTruth(data.recipe, data.classNames, data.trueMotifs, database);
}

}  // namespace motifloom::lab
