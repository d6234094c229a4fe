#pragma once
// Lesson text: the short rich text of a lesson step, as a small Markdown subset turned into a
// safe HTML subset (everything else is escaped, so a lesson file cannot inject markup):
//   blank line          new paragraph
//   "- " at line start  bullet list item
//   **bold**  *italic*  `code`
//   {{logo:filter=N}}   the sequence logo of filter N (from 1) of the run the Filters tab shows
//   {{figure:NAME}}     a picture of the current state: curves (the training curves),
//                       scoreboard (match statistics), filters (the filter gallery), compare
//                       (the Compare tab's bars)
// Placeholders are replaced by what the caller's `embed` returns (the GUI: an <img> of a
// rendered image), so this file stays GUI-free.

#include <functional>
#include <string>
#include <vector>

namespace motifloom::lesson {

struct Placeholder {
    enum class Kind { Logo, Figure };
    Kind kind = Kind::Figure;
    int filter = 0;        // Logo: filter number from 1
    std::string figure;    // Figure: curves, scoreboard, filters or compare
    std::string written;   // as in the text, e.g. "{{logo:filter=3}}"
};

// The figure names {{figure:NAME}} accepts.
const std::vector<std::string>& figureNames();

// The placeholders of `text` in order. Throws InputError (no file) for a malformed or unknown
// one, quoting it: "unknown placeholder '{{logo:3}}' (expected {{logo:filter=N}} or
// {{figure:curves|scoreboard|filters|compare}})", or for an unclosed "{{".
std::vector<Placeholder> placeholders(const std::string& text);

// HTML of `text` (see above); placeholders become embed(placeholder) (raw HTML), or are
// dropped without `embed`. Throws as placeholders() does.
std::string textToHtml(const std::string& text, const std::function<std::string(const Placeholder&)>& embed = {});

}  // namespace motifloom::lesson
