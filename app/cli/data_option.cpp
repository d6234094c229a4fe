#include "cli/data_option.h"

#include "lab/data_loader.h"

#include <filesystem>

namespace motifloom::cli {

void addDataOptions(ArgParser& parser) {
    parser.option("--data", "SOURCE", "DIR written by simulate, 'synthetic', or FASTA file(s) a.fa,b.fa")
        .option("--count", "N", "sequences for --data synthetic", "25000")
        .option("--length", "NT", "sequence length (synthetic), or input length for FASTA (0 = most common)", "")
        .option("--data-seed", "S", "seed of the synthetic data", "33")
        .option("--labels", "MODE", "FASTA labels: header (labels=/class= tokens), per-class (one file per class), pos-neg", "header")
        .option("--split", "F,F,F", "FASTA train/valid/test fractions", "0.7,0.1,0.2")
        .option("--split-seed", "S", "seed of the FASTA split", "1");
}

lab::DataRecipe dataRecipe(const ArgParser& parser) {
    const std::string source = parser.get("--data");
    if (source.empty()) throw InputError("option --data is required (see --help)");
    lab::DataRecipe recipe;
    if (source == "synthetic") {
        recipe.kind = lab::DataRecipe::Kind::Synthetic;  // the paper's motifs from the bundled JASPAR file
        recipe.count = int(parser.getInt("--count", 10, 10'000'000));
        if (parser.has("--length")) recipe.length = int(parser.getInt("--length", 1, 1'000'000));
        recipe.seed = parser.getSeed("--data-seed");
        return recipe;
    }
    if (parser.has("--length")) recipe.targetLength = int(parser.getInt("--length", 0, 1'000'000));
    std::error_code ec;
    if (std::filesystem::is_directory(source, ec)) {
        recipe.kind = lab::DataRecipe::Kind::Directory;
        recipe.directory = source;
        return recipe;
    }
    recipe.kind = lab::DataRecipe::Kind::Fasta;
    const std::string mode = parser.get("--labels");
    if (mode == "header") recipe.labelMode = seqio::LabelMode::HeaderTokens;
    else if (mode == "per-class") recipe.labelMode = seqio::LabelMode::FilePerClass;
    else if (mode == "pos-neg") recipe.labelMode = seqio::LabelMode::PositiveNegative;
    else throw InputError("option --labels must be header, per-class or pos-neg, got '" + mode + "'");
    recipe.files = splitList(source);
    recipe.splitMode = lab::DataRecipe::SplitMode::Random;
    recipe.splitSeed = parser.getSeed("--split-seed");
    const auto f = parser.getNumbers("--split");
    if (f.size() != 3) throw InputError("option --split needs three fractions like 0.7,0.1,0.2");
    recipe.splitFractions = {f[0], f[1], f[2]};
    return recipe;
}

LoadedData loadData(const ArgParser& parser) {
    const lab::DataRecipe recipe = dataRecipe(parser);
    lab::LoadedData loaded = lab::loadData(recipe);
    LoadedData out;
    out.splits = std::move(loaded.splits);
    out.warnings = std::move(loaded.warnings);
    // What runs record as their data (metrics.json) and the commands print.
    out.description = recipe.kind == lab::DataRecipe::Kind::Synthetic
                          ? "synthetic (" + std::to_string(recipe.count) + " x " + std::to_string(recipe.length) +
                                " nt, seed " + std::to_string(recipe.seed) + ")"
                          : parser.get("--data");
    return out;
}

}  // namespace motifloom::cli
