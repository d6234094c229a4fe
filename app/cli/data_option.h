#pragma once
// The --data option shared by train, evaluate, filters, sweep and motifloom-bench:
//   --data DIR            a folder as `simulate` writes it (train.fa, valid.fa, test.fa)
//   --data synthetic      the paper's synthetic set, generated in memory (--count, --length,
//                         --data-seed)
//   --data A.fa[,B.fa..]  FASTA files; --labels header|per-class|pos-neg, --split .7,.1,.2,
//                         --split-seed, --length (0 = the most common length)
// addDataOptions() declares the options (values checked while parsing); loadData() reads
// what they describe.

#include "cli/command_line.h"
#include "lab/data_recipe.h"
#include "seqio/sequence_set.h"
#include "util/warnings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::cli {

struct DataOptions {
    std::string source;  // required
    int count = 25000;
    int length = -1;  // -1: not given (synthetic: the generator's 200; FASTA: the most common)
    std::uint64_t dataSeed = 33;
    std::string labels = "header";
    std::vector<double> split{0.7, 0.1, 0.2};
    std::uint64_t splitSeed = 1;
    interpret::TruthMapping truth;  // expected motifs per class (cli/truth_option.h), kept in the recipe
};

// `splitOption` names the FASTA fractions option: `attribute` calls it --split-fractions, as its
// --split picks the part (test, valid, train) the command line fixes.
void addDataOptions(CommandLine& command, DataOptions& options, const std::string& splitOption = "--split");

struct LoadedData {
    seqio::DataSplits splits;
    lab::DataRecipe recipe;                // what was loaded (with the truth mapping)
    std::vector<std::string> classNames;   // label order
    motif::MotifList trueMotifs;           // lab::LoadedData::trueMotifs
    std::string description;  // e.g. "synthetic (25000 x 200 nt, seed 33)" or the folder
    Warnings warnings;
};

// The data recipe the options describe (core/lab/data_recipe.h): Synthetic (the paper's
// motifs), Directory or Fasta (random split). Throws InputError naming a bad option.
lab::DataRecipe dataRecipe(const DataOptions& options);

// Loads dataRecipe(options) with the core loader (lab::loadData); throws InputError naming the
// file and line.
LoadedData loadData(const DataOptions& options);

}  // namespace motifloom::cli
