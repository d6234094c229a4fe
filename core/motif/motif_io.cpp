#include "motif/motif_io.h"

#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/text.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

namespace motifloom::motif {
namespace {

constexpr char kLetters[] = "ACGT";
constexpr double kRowSumTolerance = 0.1;  // MEME rows further than this from 1 are an error

struct Line {
    long number;            // 1-based
    std::string_view text;  // trimmed of surrounding white space (and of '\r')
};

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string shortQuote(std::string_view s) {
    std::string out(s.substr(0, 40));
    if (s.size() > 40) out += "...";
    return "'" + out + "'";
}

std::string formatNumber(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

// The whole file, split into lines. The buffer outlives the views.
class TextFile {
public:
    explicit TextFile(const std::string& path) : mPath(path) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            throw InputError(path, 0, "is a folder, not a motif file");
        std::ifstream in(path, std::ios::binary);
        if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
        std::ostringstream buffer;
        buffer << in.rdbuf();
        mContent = buffer.str();
        if (in.bad()) throw InputError(path, 0, "cannot read the file");
        std::string_view all(mContent);
        if (startsWith(all, "\xEF\xBB\xBF")) all.remove_prefix(3);  // UTF-8 byte order mark
        long number = 0;
        while (!all.empty()) {
            const std::size_t end = all.find('\n');
            const std::string_view raw = all.substr(0, end);
            ++number;
            for (char c : raw) {
                const auto u = static_cast<unsigned char>(c);
                if ((u < 0x20 && !isBlank(c)) || u == 0x7F) {
                    char code[8];
                    std::snprintf(code, sizeof code, "0x%02X", u);
                    throw InputError(path, number,
                                     std::string("binary data (byte ") + code + "); not a text motif file");
                }
            }
            mLines.push_back({number, trimBlanks(raw)});
            if (end == std::string_view::npos) break;
            all.remove_prefix(end + 1);
        }
    }
    const std::string& path() const { return mPath; }
    const std::vector<Line>& lines() const { return mLines; }
    bool blank() const {
        return std::all_of(mLines.begin(), mLines.end(), [](const Line& l) { return l.text.empty(); });
    }
    [[noreturn]] void fail(long line, const std::string& message) const {
        throw InputError(mPath, line, message);
    }

private:
    std::string mPath;
    std::string mContent;
    std::vector<Line> mLines;
};

std::optional<double> parseNumber(std::string_view token) {
    if (!token.empty() && token.front() == '+') token.remove_prefix(1);
    double value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || ec != std::errc() || end != token.data() + token.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// ---- JASPAR --------------------------------------------------------------------------------

struct JasparRow {
    int letter = -1;  // 0..3 when the row names its letter ("A [ ... ]"), -1 otherwise
    std::vector<double> values;
    long line = 0;
};

struct JasparMatrix {
    std::string id, name;
    long line = 0;
    std::vector<JasparRow> rows;
};

int letterIndex(char c) {
    switch (c) {
        case 'A': case 'a': return 0;
        case 'C': case 'c': return 1;
        case 'G': case 'g': return 2;
        case 'T': case 't': case 'U': case 'u': return 3;
        default: return -1;
    }
}

JasparRow parseJasparRow(const TextFile& file, const Line& line, const JasparMatrix& matrix) {
    JasparRow row;
    row.line = line.number;
    std::string_view s = line.text;
    // Optional letter prefix: "A [ 1 2 ]", "A 1 2" or "A:[1 2]".
    if (s.size() >= 2 && letterIndex(s[0]) >= 0 && (isBlank(s[1]) || s[1] == '[' || s[1] == ':')) {
        row.letter = letterIndex(s[0]);
        s = trimBlanks(s.substr(s[1] == ':' ? 2 : 1));
    }
    if (!s.empty() && s.front() == '[') {
        if (s.back() != ']') file.fail(line.number, "row of matrix " + matrix.id + " opens '[' but has no closing ']'");
        s = trimBlanks(s.substr(1, s.size() - 2));
    } else if (s.find_first_of("[]") != std::string_view::npos) {
        file.fail(line.number, "misplaced bracket in a row of matrix " + matrix.id +
                                   "; expected 'A [ 1 2 3 ]' or plain numbers");
    }
    const std::string rowName = row.letter >= 0 ? std::string("row ") + kLetters[row.letter]
                                                : "row " + std::to_string(matrix.rows.size() + 1);
    for (std::string_view tok : splitWhitespace(s)) {
        const auto v = parseNumber(tok);
        if (!v) file.fail(line.number, shortQuote(tok) + " in " + rowName + " of matrix " + matrix.id + " is not a number");
        if (*v < 0) file.fail(line.number, "negative count " + std::string(tok) + " in " + rowName + " of matrix " + matrix.id);
        row.values.push_back(*v);
    }
    if (row.values.empty()) file.fail(line.number, rowName + " of matrix " + matrix.id + " holds no counts");
    return row;
}

Motif finishJaspar(const TextFile& file, const JasparMatrix& m) {
    if (m.rows.size() != 4)
        file.fail(m.line, "matrix " + m.id + " has " + std::to_string(m.rows.size()) +
                              (m.rows.size() == 1 ? " row" : " rows") + "; expected 4 (A, C, G, T)");
    const bool lettered = m.rows[0].letter >= 0;
    int order[4] = {0, 1, 2, 3};  // row index holding letter b
    bool seen[4] = {false, false, false, false};
    for (int r = 0; r < 4; ++r) {
        const JasparRow& row = m.rows[std::size_t(r)];
        if ((row.letter >= 0) != lettered)
            file.fail(row.line, "matrix " + m.id + " mixes rows with and without a letter (A, C, G, T)");
        if (lettered) {
            if (seen[row.letter])
                file.fail(row.line, std::string("matrix ") + m.id + " has two rows for " + kLetters[row.letter]);
            seen[row.letter] = true;
            order[row.letter] = r;
        }
    }
    Matrix4 counts(4, Eigen::Index(m.rows[0].values.size()));
    for (int b = 0; b < 4; ++b)
        for (std::size_t c = 0; c < m.rows[0].values.size(); ++c)
            counts(b, Eigen::Index(c)) = m.rows[std::size_t(order[b])].values[c];
    return fromCounts(m.id, m.name, counts);
}

// ---- MEME ------------------------------------------------------------------------------------

// Value of "key= 12" / "key=12" / "key = 12" in a MEME matrix header; nullopt when absent.
std::optional<std::string_view> memeField(std::string_view line, std::string_view key) {
    std::size_t pos = 0;
    while ((pos = line.find(key, pos)) != std::string_view::npos) {
        const bool startOk = pos == 0 || isBlank(line[pos - 1]) || line[pos - 1] == ':';
        std::size_t i = pos + key.size();
        while (i < line.size() && isBlank(line[i])) ++i;
        if (startOk && i < line.size() && line[i] == '=') {
            ++i;
            while (i < line.size() && isBlank(line[i])) ++i;
            std::size_t e = i;
            while (e < line.size() && !isBlank(line[e])) ++e;
            return line.substr(i, e - i);
        }
        pos += key.size();
    }
    return std::nullopt;
}

struct MemeMotif {
    Motif motif;
    long line = 0;          // MOTIF line
    long matrixLine = 0;    // letter-probability matrix line, 0 if none yet
    int declaredWidth = -1; // w= value, -1 when absent
    std::vector<std::array<double, 4>> columns;
};

}  // namespace

MotifList readJaspar(const std::string& path) {
    const TextFile file(path);
    MotifList out;
    std::optional<JasparMatrix> current;
    for (const Line& line : file.lines()) {
        if (line.text.empty()) continue;
        if (line.text.front() == '>') {
            if (current) out.push_back(finishJaspar(file, *current));
            const std::string_view header = trimBlanks(line.text.substr(1));
            const auto toks = splitWhitespace(header);
            if (toks.empty()) file.fail(line.number, "motif header '>' without an ID; expected '>ID name'");
            current.emplace();
            current->id = std::string(toks[0]);
            current->name = std::string(trimBlanks(header.substr(toks[0].size())));
            current->line = line.number;
            continue;
        }
        if (!current)
            file.fail(line.number, "expected a JASPAR motif header '>ID name', found " + shortQuote(line.text));
        if (current->rows.size() == 4)
            file.fail(line.number, "matrix " + current->id + " has a fifth row; expected 4 (A, C, G, T)");
        JasparRow row = parseJasparRow(file, line, *current);
        if (!current->rows.empty() && row.values.size() != current->rows[0].values.size())
            file.fail(line.number, "row " + std::to_string(current->rows.size() + 1) + " of matrix " +
                                       current->id + " has " + std::to_string(row.values.size()) +
                                       " columns but row 1 has " +
                                       std::to_string(current->rows[0].values.size()));
        current->rows.push_back(std::move(row));
    }
    if (current) out.push_back(finishJaspar(file, *current));
    if (out.empty())
        file.fail(1, file.blank() ? "file is empty; expected JASPAR motifs ('>ID name' then rows A, C, G, T)"
                                  : "no motif found; expected JASPAR motifs ('>ID name' then rows A, C, G, T)");
    return out;
}

MotifList readMeme(const std::string& path, Background* background) {
    const TextFile file(path);
    const auto& lines = file.lines();
    MotifList out;
    std::optional<MemeMotif> current;
    Background bg = kUniformBackground;
    bool sawVersion = false;
    bool inMatrix = false;
    bool matrixJustClosed = false;  // a closed matrix followed directly by a number row is an error
    long lastLine = lines.empty() ? 1 : lines.back().number;

    auto finishMotif = [&]() {
        if (!current) return;
        MemeMotif& m = *current;
        if (m.matrixLine == 0)
            file.fail(m.line, "MOTIF " + m.motif.id + " has no 'letter-probability matrix'");
        if (m.columns.empty())
            file.fail(m.matrixLine, "letter-probability matrix of MOTIF " + m.motif.id + " has no rows");
        m.motif.probs.resize(4, Eigen::Index(m.columns.size()));
        for (std::size_t c = 0; c < m.columns.size(); ++c)
            for (int b = 0; b < 4; ++b) m.motif.probs(b, Eigen::Index(c)) = m.columns[c][std::size_t(b)];
        out.push_back(std::move(m.motif));
        current.reset();
    };
    auto closeMatrix = [&](long atLine) {
        MemeMotif& m = *current;
        if (m.declaredWidth >= 0 && int(m.columns.size()) < m.declaredWidth)
            file.fail(atLine, "letter-probability matrix of MOTIF " + m.motif.id + " (line " +
                                  std::to_string(m.matrixLine) + ") declares w= " +
                                  std::to_string(m.declaredWidth) + " but has only " +
                                  std::to_string(m.columns.size()) +
                                  (m.columns.size() == 1 ? " row" : " rows"));
        inMatrix = false;
    };

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        const std::string_view t = line.text;
        if (inMatrix) {
            if (t.empty()) {
                if (current->declaredWidth < 0) closeMatrix(line.number);
                continue;
            }
            const auto toks = splitWhitespace(t);
            if (parseNumber(toks[0])) {
                if (toks.size() != 4)
                    file.fail(line.number, "matrix row of MOTIF " + current->motif.id + " has " +
                                               std::to_string(toks.size()) + " numbers; expected 4 (A, C, G, T)");
                std::array<double, 4> col{};
                double sum = 0;
                for (int b = 0; b < 4; ++b) {
                    const auto v = parseNumber(toks[std::size_t(b)]);
                    if (!v) file.fail(line.number, shortQuote(toks[std::size_t(b)]) + " in MOTIF " + current->motif.id + " is not a number");
                    if (*v < 0) file.fail(line.number, "negative probability " + std::string(toks[std::size_t(b)]) + " in MOTIF " + current->motif.id);
                    col[std::size_t(b)] = *v;
                    sum += *v;
                }
                // Rounded output (6 decimals) rarely sums to exactly 1: renormalise small
                // deviations silently, reject what cannot be a probability row.
                if (std::abs(sum - 1.0) > kRowSumTolerance)
                    file.fail(line.number, "probabilities in a row of MOTIF " + current->motif.id +
                                               " sum to " + formatNumber(sum, 4) + "; expected 1");
                for (double& v : col) v /= sum;
                current->columns.push_back(col);
                if (int(current->columns.size()) == current->declaredWidth) {
                    inMatrix = false;
                    matrixJustClosed = true;
                }
                continue;
            }
            closeMatrix(line.number);  // a non-number line ends a matrix without w=
        }
        if (t.empty()) continue;
        if (matrixJustClosed) {
            matrixJustClosed = false;
            if (parseNumber(splitWhitespace(t)[0]))
                file.fail(line.number, "MOTIF " + current->motif.id + " has more matrix rows than its w= " +
                                           std::to_string(current->declaredWidth));
        }
        if (startsWith(t, "MEME version")) {
            sawVersion = true;
        } else if (startsWith(t, "ALPHABET=")) {
            std::string letters(trimBlanks(t.substr(9)));
            std::transform(letters.begin(), letters.end(), letters.begin(), [](char c) { return char(std::toupper(c)); });
            if (letters != "ACGT" && letters != "ACGU")
                file.fail(line.number, "alphabet " + shortQuote(letters) + " is not DNA; MotifLoom reads ACGT motifs only");
        } else if (startsWith(t, "ALPHABET")) {
            // MEME 5 custom alphabet block: accept DNA/RNA-like ones, skip to END ALPHABET.
            if (t.find("DNA") == std::string_view::npos && t.find("RNA") == std::string_view::npos)
                file.fail(line.number, "alphabet " + shortQuote(t.substr(8)) + " is not DNA; MotifLoom reads ACGT motifs only");
            while (i + 1 < lines.size() && !startsWith(lines[i].text, "END ALPHABET")) ++i;
        } else if (startsWith(t, "strands:")) {
            for (std::string_view s : splitWhitespace(t.substr(8)))
                if (s != "+" && s != "-") file.fail(line.number, "strands: expects '+' and/or '-', found " + shortQuote(s));
        } else if (startsWith(t, "Background letter frequencies")) {
            // Pairs "A 0.3 C 0.2 ..." on the next line(s) until all four letters are known.
            bool have[4] = {false, false, false, false};
            int known = 0;
            while (known < 4) {
                ++i;
                while (i < lines.size() && lines[i].text.empty()) ++i;
                if (i >= lines.size()) file.fail(line.number, "background letter frequencies are incomplete");
                const auto toks = splitWhitespace(lines[i].text);
                if (toks.size() % 2 != 0 || letterIndex(toks[0][0]) < 0 || toks[0].size() != 1)
                    file.fail(lines[i].number, "expected background frequencies like 'A 0.25 C 0.25 G 0.25 T 0.25', found " + shortQuote(lines[i].text));
                for (std::size_t k = 0; k < toks.size(); k += 2) {
                    const int b = toks[k].size() == 1 ? letterIndex(toks[k][0]) : -1;
                    const auto v = parseNumber(toks[k + 1]);
                    if (b < 0) file.fail(lines[i].number, "background letter " + shortQuote(toks[k]) + " is not A, C, G or T");
                    if (!v || *v < 0) file.fail(lines[i].number, "background frequency " + shortQuote(toks[k + 1]) + " is not a non-negative number");
                    if (!have[b]) ++known;
                    have[b] = true;
                    bg[std::size_t(b)] = *v;
                }
            }
            const double sum = bg[0] + bg[1] + bg[2] + bg[3];
            if (std::abs(sum - 1.0) > kRowSumTolerance)
                file.fail(lines[i].number, "background frequencies sum to " + formatNumber(sum, 4) + "; expected 1");
            for (double& v : bg) v /= sum;
        } else if (startsWith(t, "MOTIF") && (t.size() == 5 || isBlank(t[5]))) {
            finishMotif();
            if (!sawVersion)
                file.fail(line.number, "MOTIF before the 'MEME version' line; not a MEME motif file");
            const auto toks = splitWhitespace(t);
            if (toks.size() < 2) file.fail(line.number, "MOTIF without an identifier");
            current.emplace();
            current->line = line.number;
            current->motif.id = std::string(toks[1]);
            // The rest is the alternate name; MEME's own output appends "width = ... E-value = ...".
            std::string_view rest = t.substr(std::size_t(toks[1].data() - t.data()) + toks[1].size());
            if (auto w = rest.find("width ="); w != std::string_view::npos) rest = rest.substr(0, w);
            current->motif.name = std::string(trimBlanks(rest));
        } else if (startsWith(t, "letter-probability matrix")) {
            if (!current) file.fail(line.number, "letter-probability matrix outside a MOTIF");
            if (current->matrixLine != 0)
                file.fail(line.number, "second letter-probability matrix for MOTIF " + current->motif.id);
            current->matrixLine = line.number;
            if (auto a = memeField(t, "alength")) {
                const auto v = parseNumber(*a);
                if (!v) file.fail(line.number, "alength= " + shortQuote(*a) + " is not a number");
                if (*v != 4)
                    file.fail(line.number, "alphabet length alength= " + std::string(*a) +
                                               "; MotifLoom reads DNA motifs (alength= 4)");
            }
            if (auto w = memeField(t, "w")) {
                const auto v = parseNumber(*w);
                if (!v || *v < 1 || *v != std::floor(*v))
                    file.fail(line.number, "motif width w= " + shortQuote(*w) + " is not a positive whole number");
                current->declaredWidth = int(*v);
            }
            if (auto n = memeField(t, "nsites")) {
                const auto v = parseNumber(*n);
                if (!v || *v < 0) file.fail(line.number, "nsites= " + shortQuote(*n) + " is not a non-negative number");
                current->motif.nsites = *v;
            }
            inMatrix = true;
        }
        // Anything else (URL lines, MEME's full-report sections, log-odds matrices) is skipped.
    }
    if (inMatrix) closeMatrix(lastLine);
    finishMotif();
    if (out.empty()) {
        if (file.blank()) file.fail(1, "file is empty; expected a MEME motif file");
        if (!sawVersion) file.fail(1, "no 'MEME version' line; not a MEME motif file");
        file.fail(lastLine, "no MOTIF found in the MEME file");
    }
    if (background) *background = bg;
    return out;
}

MotifList readMotifFile(const std::string& path, Background* background) {
    const TextFile file(path);  // also reports missing files and binary junk
    int seen = 0;
    if (background) *background = kUniformBackground;
    for (const Line& line : file.lines()) {
        if (line.text.empty()) continue;
        if (startsWith(line.text, "MEME version")) return readMeme(path, background);
        // MEME's full text report opens with a banner; the version follows within a few lines.
        if (++seen > 10 || line.text.front() == '>') break;
    }
    return readJaspar(path);
}

void writeJaspar(const std::string& path, const MotifList& motifs) {
    writeFileAtomically(path, [&](std::ostream& out) {
        for (std::size_t k = 0; k < motifs.size(); ++k) {
            const Motif& m = motifs[k];
            std::string id = !m.id.empty() ? m.id : !m.name.empty() ? m.name : "motif" + std::to_string(k + 1);
            out << '>' << id;
            if (!m.name.empty() && m.name != id) out << ' ' << m.name;
            out << '\n';
            const double scale = m.nsites > 0 ? m.nsites : 100.0;
            for (int b = 0; b < 4; ++b) {
                out << kLetters[b] << "  [";
                for (int c = 0; c < m.width(); ++c) {
                    const std::string v = formatNumber(m.probs(b, c) * scale, 6);
                    out << std::string(v.size() < 6 ? 6 - v.size() : 1, ' ') << v;
                }
                out << " ]\n";
            }
        }
    });
}

void writeMeme(const std::string& path, const MotifList& motifs, const Background& background) {
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\nBackground letter frequencies\n";
        for (int b = 0; b < 4; ++b)
            out << (b ? " " : "") << kLetters[b] << ' ' << formatNumber(background[std::size_t(b)], 6);
        out << "\n";
        for (std::size_t k = 0; k < motifs.size(); ++k) {
            const Motif& m = motifs[k];
            std::string id = !m.id.empty() ? m.id : !m.name.empty() ? m.name : "motif" + std::to_string(k + 1);
            for (char& c : id) if (isBlank(c)) c = '_';  // the MOTIF identifier is one token
            out << "\nMOTIF " << id;
            if (!m.name.empty() && m.name != id) out << ' ' << m.name;
            out << "\nletter-probability matrix: alength= 4 w= " << m.width();
            if (m.nsites > 0) out << " nsites= " << formatNumber(m.nsites, 6);
            out << " E= 0\n";
            char buf[32];
            for (int c = 0; c < m.width(); ++c) {
                for (int b = 0; b < 4; ++b) {
                    std::snprintf(buf, sizeof buf, "  %.6f", m.probs(b, c));
                    out << buf;
                }
                out << '\n';
            }
        }
    });
}

void writeMotifFile(const std::string& path, const MotifList& motifs) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) { return char(std::tolower(c)); });
    if (ext == ".meme") return writeMeme(path, motifs);
    if (ext == ".jaspar" || ext == ".pfm" || ext == ".txt") return writeJaspar(path, motifs);
    throw InputError(path, 0, "unknown motif file type '" + ext +
                                  "'; use .meme (MEME) or .jaspar, .pfm, .txt (JASPAR)");
}

}  // namespace motifloom::motif
