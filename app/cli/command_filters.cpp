// motifloom-cli filters: what a trained model's filters learned. Activation-based PWMs of one
// convolution layer over the test split (interpret/filter_pwm.h), written as MEME motifs,
// compared with JASPAR (interpret/filter_matches.h), optionally drawn as a logo grid.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "train/run_directory.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/parallel.h"

#include "logo/logo_export.h"
#include "logo/logo_grid.h"

#include <QGuiApplication>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace motifloom::cli {
namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string eText(double e) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g", e);
    return buf;
}

// "0.633 (19 of 30 filters)" or "n/a" for NaN.
std::string fraction(double value, int count, int total, const char* what) {
    if (std::isnan(value)) return "n/a";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3f (%d of %d %s)", value, count, total, what);
    return buf;
}

// The QGuiApplication logo rendering needs for fonts; offscreen unless the user chose a platform.
// Deliberately never destroyed: it must outlive every painter, and the process ends right after.
void ensureGuiApplication() {
    if (QCoreApplication::instance()) return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "motifloom-cli";
    static char* argv[] = {name, nullptr};
    new QGuiApplication(argc, argv);
}

void writeGrid(const std::string& path, const std::vector<ui::LogoCell>& cells, const std::string& title) {
    ensureGuiApplication();
    ui::LogoStyle style;
    style.title = QString::fromStdString(title);
    const int columns = std::max(1, std::min(int(cells.size()), 6));
    const QSizeF size = ui::preferredLogoGridSize(cells, columns, style);
    ui::ImageExportOptions options;
    options.pixelRatio = 2.0;
    options.title = style.title;
    ui::exportLogoImage(QString::fromStdString(path), size.toSize(),
                        [&](QPainter& painter, const QRectF& rect) {
                            ui::paintLogoGrid(painter, rect, cells, columns, style);
                        },
                        options);
}

}  // namespace

std::vector<std::string> truthList(const std::string& option, const std::vector<std::string>& classNames) {
    if (option.empty()) return classNames;
    if (trimmed(option) == "none") return {};
    const std::vector<std::string> out = splitList(option);
    if (out.empty()) throw InputError("option --truth needs motif names or IDs separated by commas, or 'none'");
    return out;
}

void writeFilterLogoGrid(const std::string& path, const interpret::FilterPwmSet& pwms,
                         const std::vector<interpret::FilterMatches>& matches, const std::string& title) {
    std::vector<ui::LogoCell> cells;
    for (std::size_t f = 0; f < pwms.filters.size(); ++f) {
        const interpret::FilterPwm& pwm = pwms.filters[f];
        ui::LogoCell cell;
        cell.motif = pwm.motif;
        cell.neverFires = !pwm.fires();
        cell.title = QString::fromStdString(interpret::filterId(int(f)));
        if (f < matches.size()) {
            const interpret::FilterMatches& m = matches[f];
            const interpret::MotifHit* shown = m.bestTruthHit();
            if (!shown && !m.hits.empty()) shown = &m.hits.front();
            if (shown)
                cell.caption = QString::fromStdString(shown->tomtom.targetId + " " + shown->targetName +
                                                      ", E = " + eText(shown->tomtom.eValue));
            else if (m.status == interpret::FilterStatus::Uninformative)
                cell.caption = QStringLiteral("uninformative");
            else if (pwm.fires())
                cell.caption = QStringLiteral("no match");
            cell.highlight = m.matchesTruth();
        }
        cells.push_back(std::move(cell));
    }
    writeGrid(path, cells, title);
}

int runFilters(const Args& args) {
    ArgParser p("filters",
                "What a trained model's filters learned (Koo & Eddy 2019). Runs the test split of the data\n"
                "through the model, builds each filter's activation-based PWM (sites: activation > threshold\n"
                "x the filter's maximum; window: the filter's receptive field, centred; activation-weighted;\n"
                "nsites = number of sites), clips it to the columns above 0.5 bits plus 3 on each side,\n"
                "compares it with the motif database (Tomtom: ed, complete scoring, both strands; hits with\n"
                "E < --evalue) and prints per filter the best match and whether it is a true motif, and the\n"
                "run's match-any, match-ground-truth and coverage.");
    p.option("--run", "RUNDIR", "run directory written by 'train' (or a model file)")
        .option("--out", "FILE.meme", "the filters' PWMs as MEME motifs 'filter1'.. (clipped unless --no-clip;\n"
                                      "      filters that never fire or are uninformative are left out)")
        .option("--logos", "FILE", "logo grid of all filters (.png, .svg or .pdf)")
        .option("--raw-logos", "FILE", "logo grid of the first layer's raw weights (softmax per column)")
        .option("--layer", "N", "convolution layer to read out, counted from 1 (positions must line up\n"
                                "      with the input: the first layer or an unpooled deeper one)", "1")
        .option("--threshold", "F", "site threshold as a fraction of each filter's maximum activation", "0.5")
        .flag("--no-clip", "compare (and write) the whole PWMs instead of the informative span")
        .option("--database", "FILE", "motif database, JASPAR or MEME (default: the bundled JASPAR CORE vertebrates)")
        .option("--evalue", "X", "a database motif is a hit when its Tomtom E-value is below X", "0.1")
        .option("--truth", "LIST|none", "true motifs (names or JASPAR IDs, comma-separated), or 'none'\n"
                                        "      (default: the data's class names, e.g. DIR/classes.txt)")
        .option("--matches", "FILE.tsv", "all hits of every filter as a table")
        .option("--threads", "T", "CPU threads (0 = all)", "0");
    addDataOptions(p);
    if (!p.parse(args)) return 0;
    if (!p.has("--run")) throw InputError("option --run RUNDIR is required (see 'filters --help')");
    if (!p.has("--out")) throw InputError("option --out FILE.meme is required (see 'filters --help')");
    parallel::setThreadCount(int(p.getInt("--threads", 0, 1024)));
    const auto started = std::chrono::steady_clock::now();

    const nn::Network net = train::loadRunModel(p.get("--run"));
    LoadedData data = loadData(p);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const seqio::SequenceSet& test = data.splits.test;
    if (test.size() == 0) throw InputError("the test split of " + data.description + " is empty");

    interpret::PwmOptions pwmOptions;
    pwmOptions.threshold = p.getDouble("--threshold", 0.0, 0.999999);
    const int layer = int(p.getInt("--layer", 1, 1000));
    const interpret::FilterPwmSet pwms = interpret::activationPwms(net, test, layer, pwmOptions);

    interpret::ClipOptions clip;
    clip.enabled = !p.has("--no-clip");
    interpret::MatchOptions matchOptions;
    matchOptions.evalueThreshold = p.getDouble("--evalue", 0.0, 1e300);
    const std::string dbPath = p.has("--database") ? p.get("--database") : defaultMotifDatabase();
    const interpret::FilterMatcher matcher(motif::readMotifFile(dbPath), matchOptions);
    const std::vector<std::string> truth = truthList(p.get("--truth"), test.classNames);
    const std::vector<interpret::FilterMatches> matches = matcher.match(pwms, clip, truth);
    const interpret::MatchSummary summary = interpret::summarise(matches, int(truth.size()));

    motif::MotifList exported;
    for (const motif::Motif& m : interpret::comparisonMotifs(pwms, clip))
        if (m.width() > 0) exported.push_back(m);
    motif::writeMeme(p.get("--out"), exported);
    if (p.has("--matches")) writeTextFileAtomically(p.get("--matches"), interpret::formatMatchesTsv(matches, truth));

    const auto& g = pwms.layer;
    std::printf("%s, convolution layer %d: %d filters, window %d nt (receptive field), %zu test sequences, "
                "threshold %g x max\n",
                net.architecture().name.c_str(), g.convNumber, g.filters, g.receptiveField, test.size(),
                pwms.threshold);
    std::printf("database %s (%zu motifs), hits: E < %g\n", dbPath.c_str(), matcher.database().size(),
                matchOptions.evalueThreshold);
    std::printf("%-9s %8s %8s  %-28s %9s  %-4s %s\n", "filter", "sites", "max_act", "best match", "E-value", "hit",
                "true motif");
    for (std::size_t f = 0; f < matches.size(); ++f) {
        const interpret::FilterPwm& pwm = pwms.filters[f];
        const interpret::FilterMatches& m = matches[f];
        if (!pwm.fires()) {
            std::printf("%-9s %8ld %8s  never fires\n", m.filterId.c_str(), pwm.sites, "-");
            continue;
        }
        if (m.status == interpret::FilterStatus::Uninformative) {
            std::printf("%-9s %8ld %8.3g  uninformative (no column above %g bits)\n", m.filterId.c_str(), pwm.sites,
                        pwm.maxActivation, clip.minBits);
            continue;
        }
        const std::string best = m.best ? m.best->tomtom.targetId + " " + m.best->targetName : "-";
        const interpret::MotifHit* t = m.bestTruthHit();
        std::printf("%-9s %8ld %8.3g  %-28s %9s  %-4s %s\n", m.filterId.c_str(), pwm.sites, pwm.maxActivation,
                    best.c_str(), m.best ? eText(m.best->tomtom.eValue).c_str() : "-", m.anyHit() ? "yes" : "no",
                    t ? truth[std::size_t(t->truth)].c_str() : "-");
    }
    std::printf("match-any %s   match-gt %s   coverage %s\n",
                fraction(summary.matchAny, summary.filtersWithHit, summary.filters, "filters").c_str(),
                fraction(summary.matchGroundTruth, summary.filtersWithTruth, summary.filters, "filters").c_str(),
                fraction(summary.coverage, summary.truthCovered, summary.truthCount, "true motifs").c_str());
    if (summary.neverFire) std::printf("%d filter%s never fire\n", summary.neverFire, summary.neverFire == 1 ? "" : "s");
    if (!truth.empty()) {
        std::string missed;
        for (std::size_t i = 0; i < truth.size(); ++i)
            if (summary.filtersPerTruth[i] == 0) missed += (missed.empty() ? "" : ", ") + truth[i];
        if (!missed.empty()) std::printf("true motifs no filter matches: %s\n", missed.c_str());
    } else {
        std::printf("no true motifs given: match-gt and coverage do not apply (--truth names them)\n");
    }

    const std::string title = net.architecture().name + ": convolution layer " + std::to_string(g.convNumber) +
                              " filters (activation PWMs, test set)";
    if (p.has("--logos")) writeFilterLogoGrid(p.get("--logos"), pwms, matches, title);
    if (p.has("--raw-logos")) {
        if (g.convNumber != 1) throw InputError("option --raw-logos draws the first layer's weights; use it without --layer");
        const motif::MotifList raw = interpret::rawWeightPwms(net);
        interpret::FilterPwmSet rawSet = pwms;
        for (std::size_t f = 0; f < raw.size(); ++f) {
            rawSet.filters[f].motif = raw[f];
            rawSet.filters[f].sites = 1;  // weights always exist: never drawn as "never fires"
        }
        writeFilterLogoGrid(p.get("--raw-logos"), rawSet, matches,
                            net.architecture().name + ": first-layer raw weights (softmax per column)");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("wrote %zu filter motifs to %s%s%s in %.1f s\n", exported.size(), p.get("--out").c_str(),
                p.has("--logos") ? ", logos to " : "", p.has("--logos") ? p.get("--logos").c_str() : "", seconds);
    return 0;
}

}  // namespace motifloom::cli
