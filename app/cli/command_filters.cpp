// motifloom-cli filters: what a trained model's filters learned. Activation-based PWMs of one
// convolution layer over the test split (interpret/filter_pwm.h), written as MEME motifs,
// compared with JASPAR (interpret/filter_matches.h), optionally drawn as a logo grid.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "cli/gui_application.h"
#include "cli/truth_option.h"
#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "train/run_directory.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/parallel.h"
#include "util/text.h"

#include "logo/logo_export.h"
#include "logo/logo_grid.h"


#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace motifloom::cli {
namespace {

std::string eText(double e) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g", e);
    return buf;
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
                                                      ", E = " + eText(shown->tomtom.eValue) +
                                                      (shown->lowInformation ? " (low-info)" : ""));
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
    CommandLine p("filters",
                  "What a trained model's filters learned (Koo & Eddy 2019). Runs the test split of the data\n"
                  "through the model, builds each filter's activation-based PWM (sites: activation > threshold\n"
                  "x the filter's maximum; window: the filter's receptive field, centred; activation-weighted;\n"
                  "nsites = number of sites), clips it to the columns above 0.5 bits plus 3 on each side,\n"
                  "compares it with the motif database (Tomtom: ed, complete scoring, both strands; hits with\n"
                  "E < --evalue) and prints per filter the best match and whether it is a true motif, and the\n"
                  "run's match-any, match-ground-truth and coverage (NA without true motifs: see --truth).\n"
                  "Hits whose aligned part of the database motif is nearly flat are flagged 'low-info'.");
    std::string run, out, logos, rawLogos, database, matchesPath;
    TruthOptions truthOptions;
    int layer = 1, threads = 0;
    bool noClip = false;
    interpret::PwmOptions pwmOptions;
    interpret::MatchOptions matchOptions;
    DataOptions dataOptions;
    p.add_option("--run", run, "run directory written by 'train' (or a model file)")->type_name("RUNDIR")->required();
    p.add_option("--out", out, "the filters' PWMs as MEME motifs 'filter1'.. (clipped unless --no-clip;\n"
                               "      filters that never fire or are uninformative are left out)")
        ->type_name("FILE.meme")
        ->required();
    p.add_option("--logos", logos, "logo grid of all filters (.png, .svg or .pdf)")->type_name("FILE");
    p.add_option("--raw-logos", rawLogos, "logo grid of the first layer's raw weights (softmax per column)")
        ->type_name("FILE");
    p.add_option("--layer", layer, "convolution layer to read out, counted from 1 (positions must line up\n"
                                   "      with the input: the first layer or an unpooled deeper one)")
        ->type_name("N")
        ->transform(wholeNumber(1, 1000))
        ->capture_default_str();
    p.add_option("--threshold", pwmOptions.threshold, "site threshold as a fraction of each filter's maximum activation")
        ->type_name("F")
        ->transform(number(0.0, 0.999999))
        ->capture_default_str();
    p.add_flag("--no-clip", noClip, "compare (and write) the whole PWMs instead of the informative span");
    p.add_option("--database", database, "motif database, JASPAR or MEME (default: the bundled JASPAR CORE vertebrates)")
        ->type_name("FILE");
    p.add_option("--evalue", matchOptions.evalueThreshold,
                 "a database motif is a hit when its Tomtom E-value is below X")
        ->type_name("X")
        ->transform(number(0.0, 1e300))
        ->capture_default_str();
    addTruthOptions(p, truthOptions);
    p.add_option("--matches", matchesPath, "all hits of every filter as a table")->type_name("FILE.tsv");
    p.addThreads(threads);
    addDataOptions(p, dataOptions);
    if (!p.parseArgs(args)) return 0;
    applyTruthOptions(truthOptions, dataOptions, matchOptions);
    parallel::setThreadCount(threads);
    const auto started = std::chrono::steady_clock::now();

    const nn::Network net = train::loadRunModel(run);
    LoadedData data = loadData(dataOptions);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const seqio::SequenceSet& test = data.splits.test;
    if (test.size() == 0) throw InputError("the test split of " + data.description + " is empty");

    const interpret::FilterPwmSet pwms = interpret::activationPwms(net, test, layer, pwmOptions);

    interpret::ClipOptions clip;
    clip.enabled = !noClip;
    const std::string dbPath = database.empty() ? defaultMotifDatabase() : database;
    const interpret::FilterMatcher matcher(motif::readMotifFile(dbPath), matchOptions);
    const interpret::RunTruth runTruth = commandTruth(truthOptions, data, matcher.database(), dbPath);
    const std::vector<std::string> truth = runTruth.keys();
    const std::vector<interpret::FilterMatches> matches = matcher.match(pwms, clip, truth);
    const interpret::MatchSummary summary =
        interpret::summarise(matches, int(truth.size()), matchOptions.lowInformation.exclude);

    motif::MotifList exported;
    for (const motif::Motif& m : interpret::comparisonMotifs(pwms, clip))
        if (m.width() > 0) exported.push_back(m);
    motif::writeMeme(out, exported);
    if (!matchesPath.empty()) writeTextFileAtomically(matchesPath, interpret::formatMatchesTsv(matches, truth));

    const auto& g = pwms.layer;
    std::printf("%s, convolution layer %d: %d filters, window %d nt (receptive field), %zu test sequences, "
                "threshold %g x max\n",
                net.architecture().name.c_str(), g.convNumber, g.filters, g.receptiveField, test.size(),
                pwms.threshold);
    std::printf("database %s (%zu motifs), hits: E < %g%s\n", dbPath.c_str(), matcher.database().size(),
                matchOptions.evalueThreshold,
                matchOptions.lowInformation.exclude ? ", low-information hits left out (--min-target-ic)" : "");
    std::printf("%s", truthReport(runTruth).c_str());
    std::printf("%-9s %8s %8s  %-28s %9s  %-4s %-10s %s\n", "filter", "sites", "max_act", "best match", "E-value",
                "hit", "true motif", "note");
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
        // "low-info": every hit (or the best match) only aligns with a nearly flat database motif.
        const bool lowInfo = m.anyHit() || m.excludedLowInformation ? m.onlyLowInformation()
                                                                    : m.best && m.best->lowInformation;
        const std::string note = !lowInfo ? "" : m.excludedLowInformation && !m.anyHit() ? "low-info, left out" : "low-info";
        std::printf("%-9s %8ld %8.3g  %-28s %9s  %-4s %-10s %s\n", m.filterId.c_str(), pwm.sites, pwm.maxActivation,
                    best.c_str(), m.best ? eText(m.best->tomtom.eValue).c_str() : "-", m.anyHit() ? "yes" : "no",
                    t ? runTruth.motifs[std::size_t(t->truth)].name.c_str() : "-", note.c_str());
    }
    std::printf("match-any %s   match-gt %s   coverage %s\n",
                statText(summary.matchAny, summary.filtersWithHit, summary.filters, "filters").c_str(),
                statText(summary.matchGroundTruth, summary.filtersWithTruth, summary.filters, "filters").c_str(),
                statText(summary.coverage, summary.truthCovered, summary.truthCount, "true motifs").c_str());
    std::printf("%s", lowInformationReport(summary, matchOptions).c_str());
    if (summary.neverFire) std::printf("%d filter%s never fire\n", summary.neverFire, summary.neverFire == 1 ? "" : "s");
    if (runTruth.known()) {
        std::string missed;
        for (std::size_t i = 0; i < truth.size(); ++i)
            if (summary.filtersPerTruth[i] == 0) missed += (missed.empty() ? "" : ", ") + runTruth.motifs[i].name;
        if (!missed.empty()) std::printf("true motifs no filter matches: %s\n", missed.c_str());
    }

    const std::string title = net.architecture().name + ": convolution layer " + std::to_string(g.convNumber) +
                              " filters (activation PWMs, test set)";
    if (!logos.empty()) writeFilterLogoGrid(logos, pwms, matches, title);
    if (!rawLogos.empty()) {
        if (g.convNumber != 1) throw InputError("option --raw-logos draws the first layer's weights; use it without --layer");
        const motif::MotifList raw = interpret::rawWeightPwms(net);
        interpret::FilterPwmSet rawSet = pwms;
        for (std::size_t f = 0; f < raw.size(); ++f) {
            rawSet.filters[f].motif = raw[f];
            rawSet.filters[f].sites = 1;  // weights always exist: never drawn as "never fires"
        }
        writeFilterLogoGrid(rawLogos, rawSet, matches,
                            net.architecture().name + ": first-layer raw weights (softmax per column)");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("wrote %zu filter motifs to %s%s%s in %.1f s\n", exported.size(), out.c_str(),
                logos.empty() ? "" : ", logos to ", logos.c_str(), seconds);
    return 0;
}

}  // namespace motifloom::cli
