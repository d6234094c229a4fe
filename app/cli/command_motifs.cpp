// motifloom-cli motifs list|show|convert: look into and convert motif files.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "motif/motif_math.h"
#include "util/data_paths.h"

#include <cstdio>
#include <iostream>

namespace motifloom::cli {
namespace {

constexpr const char* kUsage =
    "usage: motifloom-cli motifs SUBCOMMAND ...   (SUBCOMMAND --help for details)\n\n"
    "Motif files: JASPAR (plain 4-row or bracketed 'A [ ... ]') and MEME minimal format.\n\n"
    "subcommands:\n"
    "  list [FILE]            one line per motif: ID, name, width (tab-separated)\n"
    "  show ID [--file FILE]  the matrix, consensus and information content of one motif\n"
    "  convert IN OUT         convert by OUT's extension (.meme, .jaspar, .pfm, .txt)\n\n"
    "Without FILE the installed JASPAR CORE vertebrates file is used.\n";

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string padLeft(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

int runList(const Args& args) {
    CommandLine command("motifs list", "Prints one line per motif: ID, name and width, tab-separated.");
    std::string file;
    command.add_option("FILE", file, "JASPAR or MEME file (default: the installed JASPAR database)");
    if (!command.parseArgs(args)) return 0;
    if (file.empty()) file = defaultMotifDatabase();
    std::string out;
    for (const motif::Motif& m : motif::readMotifFile(file))
        out += m.id + "\t" + m.name + "\t" + std::to_string(m.width()) + "\n";
    std::cout << out;
    return 0;
}

int runShow(const Args& args) {
    CommandLine command("motifs show",
                        "Prints a motif's probability matrix (rows A, C, G, T), its consensus and the\n"
                        "information content of each column in bits (uniform background).");
    std::string key, file;
    command.add_option("ID", key, "motif ID (MA0079.3), ID without version (MA0079) or name (SP1)")->required();
    command.add_option("--file", file, "JASPAR or MEME file (default: the installed JASPAR database)")
        ->type_name("FILE");
    if (!command.parseArgs(args)) return 0;
    if (file.empty()) file = defaultMotifDatabase();
    const motif::MotifList list = motif::readMotifFile(file);
    const motif::Motif* m = motif::findMotif(list, key);
    if (!m) throw InputError(file, 0, "no motif with ID or name '" + key + "'");

    std::string out = m->id + (m->name.empty() ? "" : " " + m->name) + "\n";
    out += "width " + std::to_string(m->width()) + ", sites " +
           (m->nsites > 0 ? fixed(m->nsites, m->nsites == double(long(m->nsites)) ? 0 : 2) : "unknown") +
           ", from " + file + "\n\n";
    constexpr std::size_t kCell = 7;
    out += "pos";
    for (int c = 0; c < m->width(); ++c) out += padLeft(std::to_string(c + 1), kCell);
    out += "\n";
    for (int b = 0; b < 4; ++b) {
        out += std::string(1, "ACGT"[b]) + "  ";
        for (int c = 0; c < m->width(); ++c) out += padLeft(fixed(m->probs(b, c), 3), kCell);
        out += "\n";
    }
    out += "IC ";
    for (int c = 0; c < m->width(); ++c) out += padLeft(fixed(motif::columnInformation(*m, c), 2), kCell);
    out += "\n\nconsensus   " + motif::consensus(*m) + "\n";
    out += "information " + fixed(motif::totalInformation(*m), 2) + " bits\n";
    std::cout << out;
    return 0;
}

int runConvert(const Args& args) {
    CommandLine command("motifs convert",
                        "Converts a motif file; the output format follows OUT's extension:\n"
                        ".meme (MEME minimal format) or .jaspar, .pfm, .txt (JASPAR, bracketed counts).");
    std::string in, out;
    command.add_option("IN", in, "JASPAR or MEME file (format detected from the content)")->required();
    command.add_option("OUT", out, "file to write (replaced atomically)")->required();
    if (!command.parseArgs(args)) return 0;
    const motif::MotifList list = motif::readMotifFile(in);
    motif::writeMotifFile(out, list);
    std::cout << "converted " << list.size() << (list.size() == 1 ? " motif: " : " motifs: ") << in << " -> " << out
              << "\n";
    return 0;
}

}  // namespace

int runMotifs(const Args& args) {
    if (args.empty()) throw InputError("missing subcommand: list, show or convert (see 'motifs --help')");
    if (args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "list") return runList(rest);
    if (args[0] == "show") return runShow(rest);
    if (args[0] == "convert") return runConvert(rest);
    throw InputError("unknown subcommand '" + args[0] + "'; use list, show or convert (see 'motifs --help')");
}

}  // namespace motifloom::cli
