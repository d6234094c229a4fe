#include "lesson/lesson_text.h"

#include "util/input_error.h"

#include <algorithm>
#include <charconv>

namespace motifloom::lesson {

namespace {

std::string escaped(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

[[noreturn]] void badPlaceholder(const std::string& written) {
    throw InputError("unknown placeholder '" + written +
                     "' (expected {{logo:filter=N}} or {{figure:curves|scoreboard|filters|compare}})");
}

Placeholder parsePlaceholder(const std::string& written) {
    const std::string inner = written.substr(2, written.size() - 4);
    Placeholder p;
    p.written = written;
    if (inner.rfind("logo:filter=", 0) == 0) {
        const std::string number = inner.substr(12);
        int value = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec != std::errc() || end != number.data() + number.size() || value < 1) badPlaceholder(written);
        p.kind = Placeholder::Kind::Logo;
        p.filter = value;
        return p;
    }
    if (inner.rfind("figure:", 0) == 0) {
        p.kind = Placeholder::Kind::Figure;
        p.figure = inner.substr(7);
        const auto& names = figureNames();
        if (std::find(names.begin(), names.end(), p.figure) == names.end()) badPlaceholder(written);
        return p;
    }
    badPlaceholder(written);
}

// Inline markup of one line: escaping, **bold**, *italic*, `code`, placeholders.
std::string inlineHtml(const std::string& line, const std::function<std::string(const Placeholder&)>& embed) {
    std::string out;
    bool bold = false, italic = false;
    for (std::size_t i = 0; i < line.size();) {
        if (line.compare(i, 2, "{{") == 0) {
            const std::size_t close = line.find("}}", i);
            if (close == std::string::npos) throw InputError("unclosed placeholder '" + line.substr(i, 20) + "' (missing '}}')");
            const Placeholder p = parsePlaceholder(line.substr(i, close + 2 - i));
            if (embed) out += embed(p);
            i = close + 2;
        } else if (line.compare(i, 2, "**") == 0) {
            out += bold ? "</b>" : "<b>";
            bold = !bold;
            i += 2;
        } else if (line[i] == '*') {
            out += italic ? "</i>" : "<i>";
            italic = !italic;
            ++i;
        } else if (line[i] == '`') {
            const std::size_t close = line.find('`', i + 1);
            if (close == std::string::npos) {
                out += "`";
                ++i;
            } else {
                out += "<code>" + escaped(std::string_view(line).substr(i + 1, close - i - 1)) + "</code>";
                i = close + 1;
            }
        } else {
            out += escaped(std::string_view(line).substr(i, 1));
            ++i;
        }
    }
    if (italic) out += "</i>";  // an unpaired marker never leaks formatting into what follows
    if (bold) out += "</b>";
    return out;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

const std::vector<std::string>& figureNames() {
    static const std::vector<std::string> names{"curves", "scoreboard", "filters", "compare"};
    return names;
}

std::vector<Placeholder> placeholders(const std::string& text) {
    std::vector<Placeholder> out;
    for (std::size_t i = text.find("{{"); i != std::string::npos; i = text.find("{{", i)) {
        const std::size_t close = text.find("}}", i);
        const std::size_t newline = text.find('\n', i);
        if (close == std::string::npos || (newline != std::string::npos && newline < close))
            throw InputError("unclosed placeholder '" + text.substr(i, std::min<std::size_t>(20, newline - i)) + "' (missing '}}')");
        out.push_back(parsePlaceholder(text.substr(i, close + 2 - i)));
        i = close + 2;
    }
    return out;
}

std::string textToHtml(const std::string& text, const std::function<std::string(const Placeholder&)>& embed) {
    std::string html, paragraph;
    bool inList = false;
    auto flushParagraph = [&] {
        if (!paragraph.empty()) html += "<p>" + paragraph + "</p>";
        paragraph.clear();
    };
    auto closeList = [&] {
        if (inList) html += "</ul>";
        inList = false;
    };
    for (const std::string& line : lines(text)) {
        if (blank(line)) {
            flushParagraph();
            closeList();
            continue;
        }
        const std::size_t indent = line.find_first_not_of(" \t");
        if (line.compare(indent, 2, "- ") == 0) {
            flushParagraph();
            if (!inList) html += "<ul>";
            inList = true;
            html += "<li>" + inlineHtml(line.substr(indent + 2), embed) + "</li>";
            continue;
        }
        if (inList && indent > 0) {  // continuation of a list item: append to it
            html.insert(html.size() - 5, " " + inlineHtml(line.substr(indent), embed));
            continue;
        }
        closeList();
        if (!paragraph.empty()) paragraph += " ";
        paragraph += inlineHtml(line.substr(indent), embed);
    }
    flushParagraph();
    closeList();
    return html;
}

}  // namespace motifloom::lesson
