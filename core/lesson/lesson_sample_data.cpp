#include "lesson/lesson_sample_data.h"

#include "lab/data_loader.h"
#include "synth/synthetic_data.h"

#include <filesystem>

namespace motifloom::lesson {

lab::DataRecipe writeSampleFasta(const Action& action, const std::string& parentDir) {
    lab::DataRecipe synthetic;
    synthetic.motifIds = action.motifIds;
    synthetic.count = action.count;
    synthetic.length = action.length;
    synthetic.seed = action.seed;
    synthetic.kProbs = {0.6, 0.3, 0.1};
    const auto database = lab::motifDatabase();
    const synth::SynthConfig config = lab::synthConfig(synthetic, *database, lab::motifDatabaseLabel({}));
    const synth::SyntheticData data = synth::generate(config);
    const std::filesystem::path dir = std::filesystem::path(parentDir) / action.folder;
    synth::writeDataDirectory(dir.string(), data, config.motifs);

    lab::DataRecipe fasta;
    fasta.kind = lab::DataRecipe::Kind::Fasta;
    fasta.labelMode = seqio::LabelMode::HeaderTokens;
    fasta.splitMode = lab::DataRecipe::SplitMode::SeparateFiles;
    fasta.trainFile = (dir / "train.fa").string();
    fasta.validFile = (dir / "valid.fa").string();
    fasta.testFile = (dir / "test.fa").string();
    fasta.classNames = synth::classNames(config.motifs);
    fasta.expectedMotifIds = action.motifIds;
    return fasta;
}

}  // namespace motifloom::lesson
