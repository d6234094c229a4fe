#include "cli/data_option.h"

#include "lab/data_loader.h"
#include "util/text.h"

#include <filesystem>

namespace motifloom::cli {

void addDataOptions(CommandLine& command, DataOptions& o, const std::string& splitOption) {
    command.add_option("--data", o.source, "DIR written by simulate, 'synthetic', or FASTA file(s) a.fa,b.fa")
        ->type_name("SOURCE")
        ->required();
    command.add_option("--count", o.count, "sequences for --data synthetic")
        ->type_name("N")
        ->transform(wholeNumber(10, 10'000'000))
        ->capture_default_str();
    command.add_option("--length", o.length, "sequence length (synthetic), or input length for FASTA (0 = most common)")
        ->type_name("NT")
        ->transform(wholeNumber(0, 1'000'000));
    command.add_option("--data-seed", o.dataSeed, "seed of the synthetic data")
        ->type_name("S")
        ->transform(seedNumber())
        ->capture_default_str();
    command.add_option("--labels", o.labels,
                       "FASTA labels: header (labels=/class= tokens), per-class (one file per class), pos-neg")
        ->type_name("MODE")
        ->transform(oneOf({"header", "per-class", "pos-neg"}))
        ->capture_default_str();
    command.addNumbers(splitOption, o.split, "F,F,F", "FASTA train/valid/test fractions", 3);
    command.add_option("--split-seed", o.splitSeed, "seed of the FASTA split")
        ->type_name("S")
        ->transform(seedNumber())
        ->capture_default_str();
}

lab::DataRecipe dataRecipe(const DataOptions& o) {
    lab::DataRecipe recipe;
    recipe.truthMapping = o.truth;
    if (o.source == "synthetic") {
        recipe.kind = lab::DataRecipe::Kind::Synthetic;  // the paper's motifs from the bundled JASPAR file
        recipe.count = o.count;
        if (o.length == 0) throw InputError("option --length must be between 1 and 1000000 for synthetic data, got 0");
        if (o.length > 0) recipe.length = o.length;
        recipe.seed = o.dataSeed;
        return recipe;
    }
    if (o.length >= 0) recipe.targetLength = o.length;
    std::error_code ec;
    if (std::filesystem::is_directory(o.source, ec)) {
        recipe.kind = lab::DataRecipe::Kind::Directory;
        recipe.directory = o.source;
        return recipe;
    }
    recipe.kind = lab::DataRecipe::Kind::Fasta;
    recipe.labelMode = o.labels == "per-class" ? seqio::LabelMode::FilePerClass
                     : o.labels == "pos-neg"   ? seqio::LabelMode::PositiveNegative
                                               : seqio::LabelMode::HeaderTokens;
    recipe.files = splitList(o.source);
    recipe.splitMode = lab::DataRecipe::SplitMode::Random;
    recipe.splitSeed = o.splitSeed;
    recipe.splitFractions = {o.split[0], o.split[1], o.split[2]};
    return recipe;
}

LoadedData loadData(const DataOptions& o) {
    const lab::DataRecipe recipe = dataRecipe(o);
    lab::LoadedData loaded = lab::loadData(recipe);
    LoadedData out;
    out.splits = std::move(loaded.splits);
    out.warnings = std::move(loaded.warnings);
    out.recipe = std::move(loaded.recipe);
    out.classNames = std::move(loaded.classNames);
    out.trueMotifs = std::move(loaded.trueMotifs);
    // What runs record as their data (metrics.json) and the commands print.
    out.description = recipe.kind == lab::DataRecipe::Kind::Synthetic
                          ? "synthetic (" + std::to_string(recipe.count) + " x " + std::to_string(recipe.length) +
                                " nt, seed " + std::to_string(recipe.seed) + ")"
                          : o.source;
    return out;
}

}  // namespace motifloom::cli
