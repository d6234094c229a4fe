#pragma once
// ArgParser: the small, strict option parser every motifloom-cli command uses.
// Options look like "--name value" or "--name=value"; flags are "--name". Unknown options,
// missing values and malformed numbers throw InputError with a one-line message.

#include "util/input_error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motifloom::cli {

// "a, b,,c" -> {"a", "b", "c"}: comma-separated items, blanks around them trimmed, empty ones
// dropped. For lists of names (models, motifs, files).
std::vector<std::string> splitList(const std::string& text);

class ArgParser {
public:
    // `command` names the command in messages and --help ("simulate").
    ArgParser(std::string command, std::string summary);

    // Declares an option taking a value; `help` is shown by --help. Returns *this.
    ArgParser& option(const std::string& name, const std::string& valueName, const std::string& help,
                      const std::string& defaultValue = {});
    ArgParser& flag(const std::string& name, const std::string& help);
    // Declares a positional argument (required unless `optional`).
    ArgParser& positional(const std::string& name, const std::string& help, bool optional = false);

    // Parses; returns false when --help was given (help text already printed to stdout).
    bool parse(const std::vector<std::string>& args);

    bool has(const std::string& name) const;  // given explicitly (or flag set)
    std::string get(const std::string& name) const;  // value or default ("" if neither)
    std::string positionalValue(const std::string& name) const;  // "" when absent
    long getInt(const std::string& name, long min, long max) const;
    double getDouble(const std::string& name, double min, double max) const;
    std::uint64_t getSeed(const std::string& name) const;
    // A comma-separated list option (splitList).
    std::vector<std::string> getList(const std::string& name) const { return splitList(get(name)); }
    // Comma-separated numbers ("0.7,0.1,0.2"); InputError naming the option when an item is
    // empty or not a number.
    std::vector<double> getNumbers(const std::string& name) const;

    std::string helpText() const;

private:
    struct Option { std::string valueName, help, defaultValue; bool isFlag = false; };
    struct Positional { std::string name, help; bool optional = false; };
    std::string mCommand, mSummary;
    std::map<std::string, Option> mOptions;
    std::vector<std::string> mOptionOrder;
    std::vector<Positional> mPositionals;
    std::map<std::string, std::string> mValues;
    std::map<std::string, std::string> mPositionalValues;
};

}  // namespace motifloom::cli
