#pragma once
// CommandLine: how every motifloom-cli command (and motifloom-bench) declares and parses its
// options, on CLI11. A command is a CLI::App with this project's conventions:
//   - options are bound to typed variables (add_option / add_flag, as CLI11 documents them),
//     with a value name (type_name) and, where there is one, the default shown in --help
//     (capture_default_str). Numbers and choices are checked by the validators below while
//     parsing, before any work starts. Attach them with transform(), not check(): they rewrite
//     a number in a form CLI11's conversion reads exactly (CLI11 alone reads "010" as octal 8,
//     and check() hands validators a copy);
//   - parseArgs() returns false after printing --help; every problem is an InputError with a
//     one-line message naming the option and the value:
//       option --count needs a whole number, got 'abc'
//       option --background must be query or uniform, got 'gc'
//       option --out DIR is required (see 'simulate --help')
//       unknown option --bogus (see 'simulate --help')
//       missing argument TARGET (see 'tomtom --help')
//   - an option given twice keeps its last value.
// --help layout (positionals and options in declaration order; "--help" itself not listed):
//   usage: motifloom-cli NAME [options] REQUIRED [OPTIONAL]
//
//   SUMMARY
//
//   arguments:
//     REQUIRED
//         help
//
//   options:
//     --name VALUE
//         help (default: X)

#include "util/input_error.h"  // what parseArgs() and the commands throw

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::cli {

class CommandLine : public CLI::App {
public:
    // `command` names the command in the usage line and in messages ("simulate", "motifs show");
    // a name starting with "motifloom-" is a program of its own ("motifloom-bench").
    CommandLine(std::string command, std::string summary);

    // Parses the arguments after the command name. False when --help (or --version, see
    // addVersion) was given (the text is then printed to stdout); throws InputError for anything wrong.
    bool parseArgs(const std::vector<std::string>& args);

    // An option of comma-separated numbers ("0.7,0.1,0.2"), stored into `values` when given;
    // `count` > 0 asks for exactly that many. The initial contents are shown as the default.
    CLI::Option* addNumbers(const std::string& name, std::vector<double>& values, const std::string& valueName,
                            const std::string& help, std::size_t count = 0);

    // --threads T: CPU threads (0 = all), as most commands take it.
    CLI::Option* addThreads(int& threads);

    // --version for a program of its own (motifloom-bench): parseArgs() then prints
    // "motifloom-bench (MotifLoom) 0.1.0" (the GNU form help2man reads for the man page) and
    // returns false, as for --help.
    CLI::Option* addVersion(std::string version);

private:
    std::string mCommand;
    std::string mVersion;
};

// Validators for CLI::Option::transform(). Their messages complete "option --name ...".
CLI::Validator wholeNumber(long min, long max);      // "needs a whole number, got 'x'", range
CLI::Validator number(double min, double max);       // "needs a number, got 'x'", range
CLI::Validator seedNumber();                         // a non-negative whole number (64 bits)
CLI::Validator numberList(std::size_t count = 0);    // comma-separated numbers
CLI::Validator oneOf(std::vector<std::string> choices);  // "must be a, b or c, got 'x'"

// The numbers of a list numberList() accepted.
std::vector<double> parseNumbers(const std::string& text);

}  // namespace motifloom::cli
