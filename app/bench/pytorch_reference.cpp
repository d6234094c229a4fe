#include "bench/pytorch_reference.h"

#include "arch/architecture_json.h"
#include "exchange/pytorch_export.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

namespace motifloom::bench {

namespace {

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void writeFile(const std::filesystem::path& path, const void* data, std::size_t size) {
    std::ofstream f(path, std::ios::binary);
    f.write(static_cast<const char*>(data), std::streamsize(size));
    if (!f) throw InputError(path.string(), 0, "cannot write the PyTorch reference's input");
}

// A private temporary folder, removed when done.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "motifloom-bench-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw InputError("cannot create a temporary folder for the PyTorch reference");
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace

ReferenceTiming runPytorchReference(const arch::Architecture& arch, const seqio::SequenceSet& train,
                                    int epochs, int threads, const std::string& python) {
    TempDir dir;
    // The exporter's module of this architecture, and the script that trains it.
    const std::string model = exchange::pytorchModelSource(arch);
    writeFile(dir.path / "model.py", model.data(), model.size());
    const std::string_view script = embeddedScript("pytorch_reference.py");
    writeFile(dir.path / "pytorch_reference.py", script.data(), script.size());
    const std::string archJson = arch::toJsonString(arch);
    writeFile(dir.path / "architecture.json", archJson.data(), archJson.size());
    writeFile(dir.path / "codes.u8", train.codes.data(), train.codes.size());
    writeFile(dir.path / "labels.f32", train.labels.data(), train.labels.size() * sizeof(float));
    const auto p = [&](const char* name) { return shellQuote((dir.path / name).string()); };
    const std::string command = shellQuote(python) + " " + p("pytorch_reference.py") + " --arch " +
                                p("architecture.json") + " --codes " + p("codes.u8") + " --labels " +
                                p("labels.f32") + " --epochs " + std::to_string(epochs) + " --threads " +
                                std::to_string(threads) + " --seed " + std::to_string(arch.training.seed) +
                                " 2>" + p("stderr.txt");
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw InputError("cannot start " + python + " for the PyTorch reference");
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = pclose(pipe);
    if (status != 0 || out.empty()) {
        std::ifstream errFile(dir.path / "stderr.txt");
        std::string err((std::istreambuf_iterator<char>(errFile)), std::istreambuf_iterator<char>());
        if (err.size() > 2000) err = "..." + err.substr(err.size() - 2000);
        throw InputError("--reference pytorch: " + python + " failed (exit status " +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                         "; it needs PyTorch, Debian package python3-torch, see --python):\n" + err);
    }
    const auto j = nlohmann::json::parse(out, nullptr, false);
    if (j.is_discarded() || !j.contains("epoch_s"))
        throw InputError("--reference pytorch: unexpected output from the reference script: " + out);
    ReferenceTiming t;
    t.version = j.value("torch", "");
    t.threads = j.value("threads", 0);
    t.epochSeconds = j["epoch_s"].get<std::vector<double>>();
    return t;
}

}  // namespace motifloom::bench
