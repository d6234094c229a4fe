// motifloom-cli export: a model out of MotifLoom, for training or serving elsewhere. Formats:
// "pytorch" (a Python project, core/exchange/pytorch_export.h) and "onnx" (one .onnx file,
// core/exchange/onnx_export.h). Another format is one more --format value and one more branch.
#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "exchange/onnx_export.h"
#include "exchange/pytorch_export.h"
#include "train/run_directory.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace motifloom::cli {
namespace fs = std::filesystem;

namespace {

// The run's data source (metrics.json "data") when it is a folder or files that still exist,
// so that the exported train.py trains on the same data by default; empty otherwise.
std::string runDataSource(const std::string& runDir) {
    std::ifstream in(fs::path(runDir) / train::kMetricsFile);
    if (!in) return {};
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("data") || !j["data"].is_string()) return {};
    const std::string data = j["data"].get<std::string>();
    std::error_code ec;
    return fs::exists(data, ec) ? fs::absolute(data, ec).string() : std::string();
}

}  // namespace

int runExport(const Args& args) {
    CommandLine p("export",
                  "Writes a model as a PyTorch project (model.py, data.py, train.py for CPU, GPU and "
                  "DistributedDataParallel, predict.py, README.md) or as an ONNX model (opset 13, input "
                  "[N, 4, L] one-hot, output the class probabilities): a trained run with its weights, or an "
                  "architecture with random ones. `import` brings a trained result back.");
    std::string run, archName, format = "pytorch", out, data;
    int length = 200, classes = 12;
    p.add_option("--run", run, "run directory written by train (architecture and weights)")->type_name("RUNDIR");
    p.add_option("--arch", archName, "a preset (CNN-25, ...) or an architecture JSON file, instead of --run")
        ->type_name("NAME|FILE");
    p.add_option("--length", length, "input length of a preset given with --arch")
        ->type_name("NT")->transform(wholeNumber(1, 1'000'000))->capture_default_str();
    p.add_option("--classes", classes, "classes of a preset given with --arch")
        ->type_name("N")->transform(wholeNumber(1, 100'000))->capture_default_str();
    p.add_option("--format", format, "what to write")
        ->type_name("pytorch|onnx")
        ->transform(oneOf({"pytorch", "onnx"}))
        ->capture_default_str();
    p.add_option("--data", data, "default data of train.py (default: the run's, when it is a folder or files)")
        ->type_name("SOURCE");
    p.add_option("--out", out, "the project folder (pytorch) or the .onnx file (onnx)")->type_name("DIR|FILE")->required();
    if (!p.parseArgs(args)) return 0;
    if (run.empty() == archName.empty()) throw InputError("give either --run RUNDIR or --arch NAME|FILE (see 'export --help')");

    std::optional<nn::Network> net;
    arch::Architecture architecture;
    std::string origin;
    if (!run.empty()) {
        net.emplace(train::loadRunModel(run));
        architecture = net->architecture();
        origin = "the run " + run;
        if (data.empty()) data = runDataSource(run);
    } else if (arch::isPreset(archName)) {
        architecture = arch::preset(archName, length, classes);
        origin = "the preset " + architecture.name;
    } else {
        architecture = arch::loadArchitecture(archName);
        origin = "the architecture " + archName;
    }
    if (format == "onnx") {
        // Without a run: the architecture with its initial weights (nn/network.h), seeded as training would be.
        const nn::Network network = net ? *net : nn::Network(architecture, architecture.training.seed);
        exchange::exportOnnxModel(network, out);
        std::cout << "wrote the ONNX model (opset " << exchange::kOnnxExportOpset << ") of "
                  << (architecture.name.empty() ? "the model" : architecture.name) << " to " << out << ": input '"
                  << exchange::kOnnxInputName << "' [N, 4, " << architecture.inputLength << "], output '"
                  << exchange::kOnnxOutputName << "' [N, " << architecture.numClasses << "]"
                  << (net ? "" : " (initial weights, not trained)") << "\n";
        return 0;
    }
    if (!data.empty()) {
        std::error_code ec;
        if (fs::exists(data, ec)) data = fs::absolute(data, ec).string();
    }
    exchange::PyTorchExportOptions options{data, origin};
    const auto files = exchange::exportPyTorchProject(architecture, net ? &*net : nullptr, options, out);
    std::cout << "wrote a PyTorch project for " << (architecture.name.empty() ? "the model" : architecture.name)
              << " into " << out << ":";
    for (const auto& f : files) std::cout << ' ' << f;
    std::cout << "\ntrain it with: python3 " << (fs::path(out) / "train.py").string()
              << (data.empty() ? " --data DIR" : "") << "\n";
    return 0;
}

}  // namespace motifloom::cli
