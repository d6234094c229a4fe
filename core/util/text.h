#pragma once
// Small text helpers shared by the file readers, the session code and the command line.
//   splitWhitespace  words between blanks (space, tab, CR, form feed, vertical tab); no empty
//                    words. The views point into the caller's text.
//   splitList        comma-separated items, blanks around each trimmed, empty items dropped:
//                    "a, b,,c" -> {"a", "b", "c"} (lists of names: models, motifs, files).
//   jsonErrorText    an nlohmann-json exception's message without its "[json.exception.x.n] "
//                    prefix, i.e. the part a user can read.
//   lineOfOffset     the 1-based line of a byte offset (clamped to the text): where a JSON
//                    syntax error is, for messages that name the file and line.

#include <string>
#include <string_view>
#include <vector>

namespace motifloom {

bool isBlank(char c);
std::string_view trimBlanks(std::string_view text);
std::vector<std::string_view> splitWhitespace(std::string_view text);
std::vector<std::string> splitList(std::string_view text);
std::string jsonErrorText(const std::string& what);
long lineOfOffset(std::string_view text, std::size_t offset);

}  // namespace motifloom
