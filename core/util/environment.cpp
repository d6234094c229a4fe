#include "util/environment.h"

#include "util/input_error.h"

#include <cstdlib>
#include <string>

namespace motifloom {

std::size_t environmentChoice(const char* name, std::initializer_list<std::string_view> choices) {
    const char* env = std::getenv(name);
    const std::string_view value = env ? env : "";
    if (value.empty()) return 0;
    std::size_t index = 0;
    std::string list;
    for (std::string_view choice : choices) {
        if (choice == value) return index;
        list += std::string(index == 0 ? "" : index + 1 == choices.size() ? " or " : ", ") + std::string(choice);
        ++index;
    }
    throw InputError(std::string(name) + "=" + std::string(value) + ": use " + list);
}

}  // namespace motifloom
