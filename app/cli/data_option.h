#pragma once
// The --data option shared by train, evaluate and bench:
//   --data DIR            a folder as `simulate` writes it (train.fa, valid.fa, test.fa)
//   --data synthetic      the paper's synthetic set, generated in memory (--count, --length,
//                         --data-seed)
//   --data A.fa[,B.fa..]  FASTA files; --labels header|per-class|pos-neg, --split .7,.1,.2,
//                         --split-seed, --length (0 = the most common length)

#include "cli/arg_parser.h"
#include "lab/data_recipe.h"
#include "seqio/sequence_set.h"
#include "util/warnings.h"

#include <string>

namespace motifloom::cli {

void addDataOptions(ArgParser& parser);

struct LoadedData {
    seqio::DataSplits splits;
    std::string description;  // e.g. "synthetic (25000 x 200 nt, seed 33)" or the folder
    Warnings warnings;
};

// The data recipe the parsed options describe (core/lab/data_recipe.h): Synthetic (the paper's
// motifs), Directory or Fasta (random split). Throws InputError naming a bad option.
lab::DataRecipe dataRecipe(const ArgParser& parser);

// Loads dataRecipe(parser) with the core loader (lab::loadData); throws InputError naming the
// file and line.
LoadedData loadData(const ArgParser& parser);

}  // namespace motifloom::cli
