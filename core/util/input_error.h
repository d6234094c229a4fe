#pragma once
// InputError: the one exception type for problems a *user* can cause (bad files, bad
// arguments, impossible architectures). Its what() is a complete sentence for the user:
//   "reads.fa line 12: illegal character 'X' in sequence chr2_17".
// Bugs are asserts, never InputError.

#include <stdexcept>
#include <string>

namespace motifloom {

class InputError : public std::runtime_error {
public:
    // file may be empty (e.g. a command-line argument); line 0 means "no line".
    InputError(std::string file, long line, const std::string& message)
        : std::runtime_error(format(file, line, message)),
          mFile(std::move(file)), mLine(line), mMessage(message) {}
    explicit InputError(const std::string& message) : InputError({}, 0, message) {}

    const std::string& file() const { return mFile; }
    long line() const { return mLine; }
    const std::string& message() const { return mMessage; }  // without file/line prefix

private:
    static std::string format(const std::string& file, long line, const std::string& message) {
        std::string out;
        if (!file.empty()) out += file;
        if (line > 0) out += (out.empty() ? "line " : " line ") + std::to_string(line);
        if (!out.empty()) out += ": ";
        return out + message;
    }
    std::string mFile;
    long mLine;
    std::string mMessage;
};

}  // namespace motifloom
