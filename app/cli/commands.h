#pragma once
// The motifloom-cli commands. Each takes the arguments after its name, returns the process
// exit status, and throws InputError for bad arguments or input (main prints it as one line).
// One command per file: cli/command_<name>.cpp.

#include <string>
#include <vector>

namespace motifloom::interpret {
struct FilterPwmSet;
struct FilterMatches;
}  // namespace motifloom::interpret

namespace motifloom::cli {

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Args& args);
};

// All commands, in the order `motifloom-cli --help` lists them.
const std::vector<Command>& commands();

int runInfo(const Args& args);
int runTrain(const Args& args);
int runEvaluate(const Args& args);
int runSimulate(const Args& args);
int runMotifs(const Args& args);
int runTomtom(const Args& args);
int runFilters(const Args& args);
int runSweep(const Args& args);
int runDemo(const Args& args);
int runAttribute(const Args& args);
int runExport(const Args& args);
int runImport(const Args& args);

// Shared by `filters` and `sweep` (defined in cli/command_filters.cpp).
// A grid image of a layer's filter logos (format by extension: .png, .svg, .pdf); filters that
// match a true motif are highlighted, never-firing ones drawn as labelled placeholders. Creates an
// offscreen QGuiApplication when none exists. Call from the main thread.
void writeFilterLogoGrid(const std::string& path, const interpret::FilterPwmSet& pwms,
                         const std::vector<interpret::FilterMatches>& matches, const std::string& title);

}  // namespace motifloom::cli
