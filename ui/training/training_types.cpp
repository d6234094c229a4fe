#include "training/training_types.h"

#include "arch/presets.h"

namespace motifloom::ui {

arch::Architecture fitArchitectureToData(const arch::Architecture& in, int inputLength, int numClasses,
                                         std::string* note) {
    if (note) note->clear();
    if (in.inputLength == inputLength && in.numClasses == numClasses) return in;
    arch::Architecture out = in;
    bool rebuilt = false;
    // An unedited preset: rebuild it for the data (keeps the paper's layers, see presets.h).
    if (arch::isPreset(in.name) && in.inputLength >= 1 && in.numClasses >= 1) {
        try {
            arch::Architecture pristine = arch::preset(in.name, in.inputLength, in.numClasses);
            pristine.training = in.training;
            pristine.description = in.description;
            if (pristine == in) {
                out = arch::preset(in.name, inputLength, numClasses);
                out.training = in.training;
                rebuilt = true;
            }
        } catch (const std::exception&) {
            // not a usable preset: adapt the sizes below
        }
    }
    if (!rebuilt) {
        out.inputLength = inputLength;
        if (numClasses >= 1 && !out.layers.empty() && out.layers.back().type == arch::LayerType::Dense)
            arch::setNumClasses(out, numClasses);
        else
            out.numClasses = numClasses;
    }
    if (note) {
        *note = "adapted " + (in.name.empty() ? std::string("the architecture") : in.name) + " to the data: ";
        if (in.inputLength != inputLength)
            *note += std::to_string(in.inputLength) + " \u2192 " + std::to_string(inputLength) + " nt";
        if (in.numClasses != numClasses) {
            if (in.inputLength != inputLength) *note += ", ";
            *note += std::to_string(in.numClasses) + " \u2192 " + std::to_string(numClasses) + " classes";
        }
    }
    return out;
}

namespace {

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folderName(const std::string& path) {
    std::string p = path;
    while (p.size() > 1 && (p.back() == '/' || p.back() == '\\')) p.pop_back();
    const auto slash = p.find_last_of("/\\");
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

}  // namespace

std::string dataShortName(const lab::DataRecipe& data) {
    using Kind = lab::DataRecipe::Kind;
    if (data.kind == Kind::Synthetic)
        return "synthetic " + std::to_string(data.motifIds.size()) + (data.motifIds.size() == 1 ? " motif" : " motifs");
    if (data.kind == Kind::Directory) return folderName(data.directory);
    if (data.splitMode == lab::DataRecipe::SplitMode::SeparateFiles && !data.trainFile.empty()) {
        const auto slash = data.trainFile.find_last_of("/\\");
        return slash == std::string::npos ? baseName(data.trainFile) : folderName(data.trainFile.substr(0, slash));
    }
    std::string out;
    const std::size_t shown = data.files.size() > 3 ? 2 : data.files.size();
    for (std::size_t i = 0; i < shown; ++i) out += (i ? "+" : "") + baseName(data.files[i]);
    if (shown < data.files.size()) out += "+" + std::to_string(data.files.size() - shown) + " more";
    return out.empty() ? std::string("FASTA") : out;
}

std::string jobLabel(const arch::Architecture& arch, const lab::DataRecipe& data, int trial) {
    std::string label = arch.name.empty() ? std::string("custom") : arch.name;
    label += " \u00b7 " + dataShortName(data) + " \u00b7 seed " + std::to_string(arch.training.seed);
    if (trial > 0) label += " \u00b7 trial " + std::to_string(trial);
    return label;
}

std::string jobLabel(const arch::Architecture& arch, int trial) {
    std::string label = arch.name.empty() ? std::string("custom") : arch.name;
    label += " \u00b7 seed " + std::to_string(arch.training.seed);
    if (trial > 0) label += " \u00b7 trial " + std::to_string(trial);
    return label;
}

}  // namespace motifloom::ui
