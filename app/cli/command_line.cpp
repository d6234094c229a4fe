#include "cli/command_line.h"

#include "util/input_error.h"
#include "util/text.h"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <memory>
#include <type_traits>

namespace motifloom::cli {
namespace {

bool isHelpOption(const CLI::Option* o) { return o->get_name() == "--help"; }
bool isFlag(const CLI::Option* o) { return o->get_expected_max() == 0; }

// The --help layout described in command_line.h.
class HelpLayout : public CLI::FormatterBase {
public:
    std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
        const std::string name = app->get_name();
        std::string out = "usage: " + (name.rfind("motifloom-", 0) == 0 ? name : "motifloom-cli " + name);
        const auto positionals = app->get_options([](const CLI::Option* o) { return !o->nonpositional(); });
        const auto options = app->get_options(
            [](const CLI::Option* o) { return o->nonpositional() && !isHelpOption(o); });
        if (!options.empty()) out += " [options]";
        for (const CLI::Option* p : positionals) {
            const std::string pname = p->get_name(true);
            out += p->get_required() ? " " + pname : " [" + pname + "]";
        }
        out += "\n\n" + app->get_description() + "\n";
        if (!positionals.empty()) {
            out += "\narguments:\n";
            for (const CLI::Option* p : positionals)
                out += "  " + p->get_name(true) + "\n      " + p->get_description() + "\n";
        }
        if (!options.empty()) {
            out += "\noptions:\n";
            for (const CLI::Option* o : options) {
                out += "  " + o->get_name() + (isFlag(o) ? "" : " " + o->get_type_name()) + "\n      " +
                       o->get_description();
                if (!o->get_default_str().empty()) out += " (default: " + o->get_default_str() + ")";
                out += "\n";
            }
        }
        return out;
    }
};

// "1e-12", "10", "0.999999": bounds as a reader writes them.
std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// A whole string as a number (a leading '+' allowed); nothing else around it.
template <typename T>
bool readNumber(std::string_view text, T& value) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty() || text.front() == '+' || (text.front() == '-' && std::is_unsigned_v<T>)) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

// Items between commas, blanks trimmed; empty items kept (an error for a number list).
std::vector<std::string_view> commaItems(std::string_view text) {
    std::vector<std::string_view> out;
    for (;;) {
        const std::size_t comma = text.find(',');
        out.push_back(trimBlanks(text.substr(0, comma)));
        if (comma == std::string_view::npos) return out;
        text.remove_prefix(comma + 1);
    }
}

const char* countWord(std::size_t n) {
    static const char* const words[] = {"zero", "one", "two", "three", "four", "five"};
    return n < 6 ? words[n] : nullptr;
}

// The option a CLI11 message starts with ("--count: 1 required N missing", or without the
// dashes: "json was given a disallowed flag override"), if any.
const CLI::Option* optionNamedIn(const CLI::App& app, const std::string& what) {
    const std::string first = what.substr(0, what.find_first_of(": "));
    for (const CLI::Option* o : app.get_options())
        if (o->nonpositional() && (o->get_name() == first || o->get_name() == "--" + first)) return o;
    return nullptr;
}

}  // namespace

CommandLine::CommandLine(std::string command, std::string summary)
    : CLI::App(std::move(summary), command), mCommand(std::move(command)) {
    formatter(std::make_shared<HelpLayout>());
    option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->disable_flag_override();
    // Unknown arguments are reported by parseArgs() in the project's words.
    allow_extras();
    // --help as the first option: its callback runs before any other option is checked, so
    // help is shown even when another value is wrong.
    set_help_flag();
    add_flag_callback("-h,--help", [] { throw CLI::CallForHelp(); }, "print this help");
}

bool CommandLine::parseArgs(const std::vector<std::string>& args) {
    const std::string seeHelp = " (see '" + mCommand + " --help')";
    // An unknown option usually explains what follows it (a missing argument...): first.
    auto unknownArgument = [&]() -> std::string {
        std::vector<std::string> extra = remaining();
        std::erase(extra, "--");  // CLI11 keeps the end-of-options mark among the extras
        if (extra.empty()) return {};
        const std::string& a = extra.front();
        if (a.size() > 1 && a[0] == '-') return "unknown option " + a.substr(0, a.find('=')) + seeHelp;
        return "unexpected argument '" + a + "'" + seeHelp;
    };
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes the last first
    try {
        parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::cout << help();
        return false;
    } catch (const CLI::CallForVersion&) {
        std::cout << mCommand << " (MotifLoom) " << mVersion << "\n";
        return false;
    } catch (const CLI::ParseError& e) {
        if (std::string unknown = unknownArgument(); !unknown.empty()) throw InputError(unknown);
        const std::string what = e.what();
        if (dynamic_cast<const CLI::RequiredError*>(&e)) {
            for (const CLI::Option* o : get_options()) {
                if (!o->get_required() || o->count() > 0) continue;
                if (!o->nonpositional()) throw InputError("missing argument " + o->get_name(true) + seeHelp);
                throw InputError("option " + o->get_name() + " " + o->get_type_name() + " is required" + seeHelp);
            }
        }
        if (dynamic_cast<const CLI::ValidationError*>(&e)) {
            // "--count: needs a whole number, got 'abc'" (our validators' words after the name).
            const auto colon = what.find(": ");
            if (colon != std::string::npos)
                throw InputError("option " + what.substr(0, colon) + " " + what.substr(colon + 2));
        }
        if (const CLI::Option* o = optionNamedIn(*this, what))
            throw InputError("option " + o->get_name() + (isFlag(o) ? " takes no value" : " needs a value"));
        throw InputError(what + seeHelp);
    }
    if (std::string unknown = unknownArgument(); !unknown.empty()) throw InputError(unknown);
    return true;
}

CLI::Option* CommandLine::addNumbers(const std::string& name, std::vector<double>& values,
                                     const std::string& valueName, const std::string& help, std::size_t count) {
    std::string shown;
    for (double v : values) shown += (shown.empty() ? "" : ",") + shortNumber(v);
    return add_option_function<std::string>(
               name, [&values](const std::string& text) { values = parseNumbers(text); }, help)
        ->type_name(valueName)
        ->transform(numberList(count))
        ->default_str(shown);
}

CLI::Option* CommandLine::addThreads(int& threads) {
    return add_option("--threads", threads, "CPU threads (0 = all)")
        ->type_name("T")
        ->transform(wholeNumber(0, 1024))
        ->capture_default_str();
}

CLI::Option* CommandLine::addVersion(std::string version) {
    mVersion = std::move(version);
    return add_flag_callback("--version", [] { throw CLI::CallForVersion(); }, "print the version and exit");
}

CLI::Validator wholeNumber(long min, long max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            long value = 0;
            if (!readNumber(text, value)) return "needs a whole number, got '" + text + "'";
            if (value < min || value > max)
                return "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + text;
            text = std::to_string(value);
            return {};
        },
        "");
}

CLI::Validator number(double min, double max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            double value = 0;
            if (!readNumber(text, value)) return "needs a number, got '" + text + "'";
            if (!(value >= min && value <= max))
                return "must be between " + shortNumber(min) + " and " + shortNumber(max) + ", got " + text;
            char buf[40];
            std::snprintf(buf, sizeof buf, "%a", value);  // exact through CLI11's strtold
            text = buf;
            return {};
        },
        "");
}

CLI::Validator seedNumber() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::uint64_t value = 0;
            if (!readNumber(text, value)) return "needs a non-negative whole number, got '" + text + "'";
            text = std::to_string(value);
            return {};
        },
        "");
}

CLI::Validator numberList(std::size_t count) {
    return CLI::Validator(
        [count](std::string& text) -> std::string {
            const auto items = commaItems(text);
            for (std::string_view item : items) {
                double value = 0;
                if (!readNumber(item, value)) return "needs comma-separated numbers, got '" + text + "'";
            }
            if (count > 0 && items.size() != count) {
                const char* word = countWord(count);
                return "needs " + (word ? std::string(word) : std::to_string(count)) +
                       " comma-separated numbers, got '" + text + "'";
            }
            return {};
        },
        "");
}

CLI::Validator oneOf(std::vector<std::string> choices) {
    return CLI::Validator(
        [choices](std::string& text) -> std::string {
            for (const std::string& c : choices)
                if (text == c) return {};
            std::string list;
            for (std::size_t i = 0; i < choices.size(); ++i)
                list += (i == 0 ? "" : i + 1 == choices.size() && choices.size() <= 3 ? " or " : ", ") + choices[i];
            return (choices.size() <= 3 ? "must be " : "must be one of ") + list + ", got '" + text + "'";
        },
        "");
}

std::vector<double> parseNumbers(const std::string& text) {
    std::vector<double> out;
    for (std::string_view item : commaItems(text)) {
        double value = 0;
        if (!readNumber(item, value)) throw InputError("'" + text + "' is not a list of numbers");
        out.push_back(value);
    }
    return out;
}

}  // namespace motifloom::cli
