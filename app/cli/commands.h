#pragma once
// The motifloom-cli commands. Each takes the arguments after its name, returns the process
// exit status, and throws InputError for bad arguments or input (main prints it as one line).
// One command per file: cli/command_<name>.cpp.

#include <string>
#include <vector>

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
int runSimulate(const Args& args);
int runMotifs(const Args& args);
int runTomtom(const Args& args);

}  // namespace motifloom::cli
