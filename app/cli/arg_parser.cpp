#include "cli/arg_parser.h"

#include <charconv>
#include <iostream>

namespace motifloom::cli {

ArgParser::ArgParser(std::string command, std::string summary)
    : mCommand(std::move(command)), mSummary(std::move(summary)) {}

ArgParser& ArgParser::option(const std::string& name, const std::string& valueName,
                             const std::string& help, const std::string& defaultValue) {
    mOptions[name] = {valueName, help, defaultValue, false};
    mOptionOrder.push_back(name);
    return *this;
}

ArgParser& ArgParser::flag(const std::string& name, const std::string& help) {
    mOptions[name] = {{}, help, {}, true};
    mOptionOrder.push_back(name);
    return *this;
}

ArgParser& ArgParser::positional(const std::string& name, const std::string& help, bool optional) {
    mPositionals.push_back({name, help, optional});
    return *this;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
    std::size_t nextPositional = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << helpText();
            return false;
        }
        if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            std::string name = arg, value;
            bool inlineValue = false;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
                inlineValue = true;
            }
            auto it = mOptions.find(name);
            if (it == mOptions.end())
                throw InputError("unknown option " + name + " (see '" + mCommand + " --help')");
            if (it->second.isFlag) {
                if (inlineValue) throw InputError("option " + name + " takes no value");
                mValues[name] = "1";
                continue;
            }
            if (!inlineValue) {
                if (i + 1 >= args.size()) throw InputError("option " + name + " needs a value");
                value = args[++i];
            }
            mValues[name] = value;
            continue;
        }
        if (nextPositional >= mPositionals.size())
            throw InputError("unexpected argument '" + arg + "' (see '" + mCommand + " --help')");
        mPositionalValues[mPositionals[nextPositional++].name] = arg;
    }
    for (std::size_t k = nextPositional; k < mPositionals.size(); ++k)
        if (!mPositionals[k].optional)
            throw InputError("missing argument " + mPositionals[k].name + " (see '" + mCommand +
                             " --help')");
    return true;
}

namespace {

// Items between commas, blanks trimmed; empty items kept (as "").
std::vector<std::string> commaItems(const std::string& text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t comma = text.find(',', begin);
        const std::string item = text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
        const auto first = item.find_first_not_of(" \t");
        out.push_back(first == std::string::npos ? std::string()
                                                 : item.substr(first, item.find_last_not_of(" \t") - first + 1));
        if (comma == std::string::npos) return out;
        begin = comma + 1;
    }
}

}  // namespace

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    for (auto& item : commaItems(text))
        if (!item.empty()) out.push_back(std::move(item));
    return out;
}

std::vector<double> ArgParser::getNumbers(const std::string& name) const {
    const std::string text = get(name);
    std::vector<double> out;
    for (const std::string& item : commaItems(text)) {
        double v = 0;
        const char* b = item.data();
        if (!item.empty() && *b == '+') ++b;
        auto [end, ec] = std::from_chars(b, item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || end != item.data() + item.size())
            throw InputError("option " + name + " needs comma-separated numbers, got '" + text + "'");
        out.push_back(v);
    }
    return out;
}

bool ArgParser::has(const std::string& name) const { return mValues.count(name) > 0; }

std::string ArgParser::get(const std::string& name) const {
    if (auto it = mValues.find(name); it != mValues.end()) return it->second;
    if (auto it = mOptions.find(name); it != mOptions.end()) return it->second.defaultValue;
    return {};
}

std::string ArgParser::positionalValue(const std::string& name) const {
    auto it = mPositionalValues.find(name);
    return it == mPositionalValues.end() ? std::string() : it->second;
}

long ArgParser::getInt(const std::string& name, long min, long max) const {
    const std::string text = get(name);
    long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw InputError("option " + name + " needs a whole number, got '" + text + "'");
    if (value < min || value > max)
        throw InputError("option " + name + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + text);
    return value;
}

double ArgParser::getDouble(const std::string& name, double min, double max) const {
    const std::string text = get(name);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw InputError("option " + name + " needs a number, got '" + text + "'");
    if (!(value >= min && value <= max))
        throw InputError("option " + name + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + text);
    return value;
}

std::uint64_t ArgParser::getSeed(const std::string& name) const {
    const std::string text = get(name);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw InputError("option " + name + " needs a non-negative whole number, got '" + text + "'");
    return value;
}

std::string ArgParser::helpText() const {
    // A command of its own program ("motifloom-bench") is named as is.
    std::string out = "usage: " + (mCommand.rfind("motifloom-", 0) == 0 ? mCommand : "motifloom-cli " + mCommand);
    if (!mOptions.empty()) out += " [options]";
    for (const auto& p : mPositionals) out += p.optional ? " [" + p.name + "]" : " " + p.name;
    out += "\n\n" + mSummary + "\n";
    if (!mPositionals.empty()) {
        out += "\narguments:\n";
        for (const auto& p : mPositionals) out += "  " + p.name + "\n      " + p.help + "\n";
    }
    if (!mOptions.empty()) {
        out += "\noptions:\n";
        for (const auto& name : mOptionOrder) {
            const Option& o = mOptions.at(name);
            out += "  " + name + (o.isFlag ? "" : " " + o.valueName) + "\n      " + o.help;
            if (!o.defaultValue.empty()) out += " (default: " + o.defaultValue + ")";
            out += "\n";
        }
    }
    return out;
}

}  // namespace motifloom::cli
