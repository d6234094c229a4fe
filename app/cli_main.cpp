// motifloom-cli: the headless entry point. Dispatches to one command per file in app/cli/.
#include "cli/commands.h"
#include "nn/isa.h"
#include "util/input_error.h"

#include <cstring>
#include <exception>
#include <iostream>

namespace {

void printUsage() {
    std::cout << "usage: motifloom-cli COMMAND [options]   (COMMAND --help for details)\n"
                 "       motifloom-cli --version\n\n"
                 "MotifLoom: how convolutional networks learn DNA sequence motifs.\n\ncommands:\n";
    for (const auto& c : motifloom::cli::commands())
        std::cout << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        printUsage();
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        // The GNU form "program (package) version", which help2man reads for the man page.
        std::cout << "motifloom-cli (MotifLoom) " << MOTIFLOOM_VERSION << "\n";
        return 0;
    }
    const std::string name = argv[1];
    for (const auto& command : motifloom::cli::commands()) {
        if (name != command.name) continue;
        try {
            motifloom::nn::isa();  // a bad MOTIFLOOM_ISA is reported here, before any work
            return command.run(motifloom::cli::Args(argv + 2, argv + argc));
        } catch (const motifloom::InputError& e) {
            std::cerr << "motifloom-cli " << name << ": " << e.what() << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "motifloom-cli " << name << ": internal error: " << e.what() << "\n";
            return 3;
        }
    }
    std::cerr << "motifloom-cli: unknown command '" << name << "' (see 'motifloom-cli --help')\n";
    return 2;
}
