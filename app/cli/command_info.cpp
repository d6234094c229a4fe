// motifloom-cli info: what this installation is and where its data lives.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "util/data_paths.h"
#include "util/parallel.h"

#include <iostream>

namespace motifloom::cli {

int runInfo(const Args& args) {
    CommandLine command("info", "Prints the version, the motif database in use and the CPU threads.");
    if (!command.parseArgs(args)) return 0;
    const std::string dir = dataDirectory();
    std::cout << "MotifLoom " << MOTIFLOOM_VERSION << " (GPL-3.0-or-later)\n"
              << "data folder: " << (dir.empty() ? "(not found)" : dir) << "\n"
              << "CPU threads: " << parallel::threadCount() << "\n";
    return 0;
}

}  // namespace motifloom::cli
