#pragma once
// The true motifs of a loaded data set: interpret::resolveTruth (interpret/truth_mapping.h)
// applied to what the data and their recipe know. Synthetic data and folders written by
// `simulate` have planted motifs; FASTA data have the recipe's truthMapping, its
// expectedMotifIds (any class) and proposals from class names. The CLI (filters, sweep), the
// training worker (gallery, scoreboard, run records, Compare tab) all call this.

#include "interpret/truth_mapping.h"
#include "lab/data_loader.h"

namespace motifloom::lab {

// Throws InputError when the recipe's mapping names a class the data lack or a motif
// `database` lacks (`what` starts the message: "--truth" for the CLI).
void checkTruth(const LoadedData& data, const motif::MotifList& database, const std::string& databaseLabel,
                const std::string& what = "--truth");

interpret::RunTruth runTruth(const LoadedData& data, const motif::MotifList& database);
// The same from the parts of a LoadedData (trueMotifs: LoadedData::trueMotifs).
interpret::RunTruth runTruth(const DataRecipe& recipe, const std::vector<std::string>& classNames,
                             const motif::MotifList& trueMotifs, const motif::MotifList& database);

}  // namespace motifloom::lab
