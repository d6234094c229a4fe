#include "util/text.h"

#include <algorithm>

namespace motifloom {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trimBlanks(std::string_view text) {
    while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> splitWhitespace(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isBlank(text[i])) ++i;
        const std::size_t begin = i;
        while (i < text.size() && !isBlank(text[i])) ++i;
        if (i > begin) out.push_back(text.substr(begin, i - begin));
    }
    return out;
}

std::vector<std::string> splitList(std::string_view text) {
    std::vector<std::string> out;
    for (;;) {
        const std::size_t comma = text.find(',');
        const std::string_view item = trimBlanks(text.substr(0, comma));
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) return out;
        text.remove_prefix(comma + 1);
    }
}

std::string jsonErrorText(const std::string& what) {
    // nlohmann's messages read "[json.exception.out_of_range.403] key 'x' not found".
    const auto end = what.find("] ");
    if (what.rfind("[json.exception.", 0) == 0 && end != std::string::npos) return what.substr(end + 2);
    return what;
}

long lineOfOffset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + long(std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n'));
}

}  // namespace motifloom
