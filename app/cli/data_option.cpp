#include "cli/data_option.h"

#include "motif/motif_io.h"
#include "seqio/fasta_loader.h"
#include "seqio/split.h"
#include "synth/synthetic_data.h"
#include "util/data_paths.h"

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

namespace {

seqio::SplitFractions splitFractions(const ArgParser& parser) {
    const auto f = parser.getNumbers("--split");
    if (f.size() != 3) throw InputError("option --split needs three fractions like 0.7,0.1,0.2");
    return {f[0], f[1], f[2]};
}

}  // namespace

LoadedData loadData(const ArgParser& parser) {
    const std::string source = parser.get("--data");
    if (source.empty()) throw InputError("option --data is required (see --help)");
    LoadedData out;
    if (source == "synthetic") {
        const std::string db = defaultMotifDatabase();
        synth::SynthConfig config;
        config.motifs = synth::paperMotifs(motif::readJaspar(db), db);
        config.count = int(parser.getInt("--count", 10, 10'000'000));
        if (parser.has("--length")) config.length = int(parser.getInt("--length", 1, 1'000'000));
        config.seed = parser.getSeed("--data-seed");
        synth::validate(config);
        out.splits = synth::generate(config).splits();
        out.description = "synthetic (" + std::to_string(config.count) + " x " + std::to_string(config.length) +
                          " nt, seed " + std::to_string(config.seed) + ")";
        return out;
    }
    seqio::LoadOptions options;
    if (parser.has("--length")) options.targetLength = int(parser.getInt("--length", 0, 1'000'000));
    std::error_code ec;
    if (std::filesystem::is_directory(source, ec)) {
        out.splits = seqio::loadDataDirectory(source, options, &out.warnings);
        out.description = source;
        return out;
    }
    const std::string mode = parser.get("--labels");
    if (mode == "header") options.labels = seqio::LabelMode::HeaderTokens;
    else if (mode == "per-class") options.labels = seqio::LabelMode::FilePerClass;
    else if (mode == "pos-neg") options.labels = seqio::LabelMode::PositiveNegative;
    else throw InputError("option --labels must be header, per-class or pos-neg, got '" + mode + "'");
    options.files = splitList(source);
    auto loaded = seqio::loadLabelled(options);
    out.warnings = std::move(loaded.warnings);
    out.splits = seqio::splitRandom(loaded.set, parser.getSeed("--split-seed"), splitFractions(parser));
    out.description = source;
    return out;
}

}  // namespace motifloom::cli
