#include "cli/data_option.h"

#include "motif/motif_io.h"
#include "seqio/fasta_loader.h"
#include "seqio/split.h"
#include "synth/synthetic_data.h"
#include "util/data_paths.h"
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

LoadedData loadData(const DataOptions& o) {
    LoadedData out;
    if (o.source == "synthetic") {
        const std::string db = defaultMotifDatabase();
        synth::SynthConfig config;
        config.motifs = synth::paperMotifs(motif::readJaspar(db), db);
        config.count = o.count;
        if (o.length == 0) throw InputError("option --length must be between 1 and 1000000 for synthetic data, got 0");
        if (o.length > 0) config.length = o.length;
        config.seed = o.dataSeed;
        synth::validate(config);
        out.splits = synth::generate(config).splits();
        out.description = "synthetic (" + std::to_string(config.count) + " x " + std::to_string(config.length) +
                          " nt, seed " + std::to_string(config.seed) + ")";
        return out;
    }
    seqio::LoadOptions options;
    if (o.length >= 0) options.targetLength = o.length;
    std::error_code ec;
    if (std::filesystem::is_directory(o.source, ec)) {
        out.splits = seqio::loadDataDirectory(o.source, options, &out.warnings);
        out.description = o.source;
        return out;
    }
    options.labels = o.labels == "per-class" ? seqio::LabelMode::FilePerClass
                   : o.labels == "pos-neg"   ? seqio::LabelMode::PositiveNegative
                                             : seqio::LabelMode::HeaderTokens;
    options.files = splitList(o.source);
    auto loaded = seqio::loadLabelled(options);
    out.warnings = std::move(loaded.warnings);
    out.splits = seqio::splitRandom(loaded.set, o.splitSeed, {o.split[0], o.split[1], o.split[2]});
    out.description = o.source;
    return out;
}

}  // namespace motifloom::cli
