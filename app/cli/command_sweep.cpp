// motifloom-cli sweep: the paper's experiment in one command. For every model x trial: train with
// the preset's (the paper's) settings, score the test set, read out the first-layer filters,
// compare them with JASPAR, and tabulate mean and SD per model.
//
// Output folder:
//   table.tsv / table.md   one row per model: params, AUROC, AUPR, match-any, match-gt, coverage
//                          (mean and sample SD, n - 1, over the finished trials: lab::trialStatistics,
//                          the numbers the desktop lab's Compare tab shows; NA when undefined, so
//                          the SD of a single trial)
//   runs.tsv               one row per run (rewritten after every finished run)
//   <model>_filters.png    the first trial's filter logos
//   runs/<model>_trial<k>/ each run's directory (train/run_directory.h) plus filters.meme and
//                          filter_matches.tsv
// The runs are lab::sweepJobs (core/lab/sweep_plan.h): trial k (1-based) trains with seed
// S + k - 1, so trial 1 equals `train --seed S`. Runs are
// independent: their results do not depend on --jobs or --threads (the engine is deterministic).
#include "arch/presets.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/data_option.h"
#include "cli/truth_option.h"
#include "interpret/filter_matches.h"
#include "lab/sweep_plan.h"
#include "lab/trial_statistics.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "train/evaluation.h"
#include "train/race.h"
#include "train/run_directory.h"
#include "train/trainer.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/parallel.h"
#include "util/text.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

namespace motifloom::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> gInterrupted{false};
extern "C" void onSweepInterrupt(int) { gInterrupted = true; }

std::mutex gPrintMutex;  // one line at a time from concurrent runs

struct RunSpec {
    std::string model;
    int trial = 1;  // 1-based
    std::uint64_t seed = 0;
    std::string dir;
    arch::Architecture architecture;  // lab::sweepJobs's, incl. settings and seed
};

struct RunOutcome {
    bool finished = false;
    long params = 0;
    int epochs = 0;
    int bestEpoch = 0;
    std::string stop;
    double auroc = NAN, aupr = NAN;
    interpret::MatchSummary summary;
    double seconds = 0;
    // Kept for the first trial's logo grid (drawn on the main thread at the end).
    std::optional<interpret::FilterPwmSet> pwms;
    std::vector<interpret::FilterMatches> matches;
};

// Per-epoch progress (verbose) and cancellation on Ctrl-C, checked between batches.
class SweepObserver : public train::TrainObserver {
public:
    SweepObserver(const RunSpec& run, train::TrainControl& control, bool verbose)
        : mRun(run), mControl(control), mVerbose(verbose) {}
    void onBatch(const train::BatchSnapshot&) override {
        if (gInterrupted) mControl.cancel = true;
    }
    void onEpoch(const train::EpochRecord& e, std::shared_ptr<const nn::Network>) override {
        if (!mVerbose) return;
        std::lock_guard lock(gPrintMutex);
        std::printf("  %s trial %d epoch %3d  train_loss %.4f  valid_loss %.4f  valid_auroc %.4f  %6.1f s%s\n",
                    mRun.model.c_str(), mRun.trial, e.epoch, e.trainLoss, e.validLoss, e.validAuroc, e.seconds,
                    e.best ? "  *" : "");
        std::fflush(stdout);
    }

private:
    const RunSpec& mRun;
    train::TrainControl& mControl;
    bool mVerbose;
};


std::string number(double v, int decimals = 4) {
    if (!std::isfinite(v)) return "NA";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string runsTable(const std::vector<RunSpec>& runs, const std::vector<RunOutcome>& outcomes) {
    std::string out =
        "model\ttrial\tseed\tparams\tepochs\tbest_epoch\tstop\tauroc\taupr\tmatch_any\tmatch_gt\tcoverage\t"
        "filters\tfilters_hit\tfilters_gt\tnever_fire\ttrue_motifs_found\tseconds\tlow_info_filters\n";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const RunOutcome& o = outcomes[i];
        if (!o.finished) continue;
        const auto& s = o.summary;
        out += runs[i].model + '\t' + std::to_string(runs[i].trial) + '\t' + std::to_string(runs[i].seed) + '\t' +
               std::to_string(o.params) + '\t' + std::to_string(o.epochs) + '\t' + std::to_string(o.bestEpoch) + '\t' +
               o.stop + '\t' + number(o.auroc) + '\t' + number(o.aupr) + '\t' + number(s.matchAny) + '\t' +
               number(s.matchGroundTruth) + '\t' + number(s.coverage) + '\t' + std::to_string(s.filters) + '\t' +
               std::to_string(s.filtersWithHit) + '\t' + std::to_string(s.filtersWithTruth) + '\t' +
               std::to_string(s.neverFire) + '\t' + std::to_string(s.truthCovered) + '\t' + number(o.seconds, 1) +
               '\t' + std::to_string(s.filtersOnlyLowInformation) + '\n';
    }
    return out;
}

}  // namespace

int runSweep(const Args& args) {
    CommandLine p("sweep",
                  "The paper's experiment: for each model x trial, trains with the preset's settings (the paper's:\n"
                  "Adam, batch 100, early stopping), scores the test set (AUROC, AUPR), builds the first-layer\n"
                  "filters' activation PWMs on the test set, compares them with the motif database (Tomtom,\n"
                  "E < 0.1) and writes per-model mean and SD of AUROC, AUPR, match-any, match-ground-truth and\n"
                  "coverage to OUTDIR/table.tsv and table.md, per-run rows to runs.tsv, the first trial's filter\n"
                  "logos to OUTDIR/<model>_filters.png and every run's directory to OUTDIR/runs/<model>_trial<k>/.\n"
                  "Trial k uses seed S + k - 1.");
    std::string modelList, outDir, database;
    TruthOptions truthOptions;
    int trials = 5, threads = 0, jobs = 1;
    std::optional<int> epochs, patience;  // default: the preset's
    std::uint64_t seed = 1;
    bool verbose = false;
    interpret::PwmOptions pwmOptions;
    interpret::MatchOptions matchOptions;
    DataOptions dataOptions;
    p.add_option("--models", modelList, "comma-separated presets, e.g. CNN-1,CNN-2,CNN-4,CNN-10,CNN-25,CNN-50,CNN-100")
        ->type_name("LIST")
        ->required();
    p.add_option("--trials", trials, "trials per model")
        ->type_name("N")
        ->transform(wholeNumber(1, 1000))
        ->capture_default_str();
    p.add_option("--out", outDir, "output folder (created if needed)")->type_name("OUTDIR")->required();
    p.add_option("--epochs", epochs, "maximum epochs (default: the preset's, 100)")
        ->type_name("MAX")
        ->transform(wholeNumber(1, 100000));
    p.add_option("--patience", patience, "early-stopping patience (default: the preset's, 20)")
        ->type_name("P")
        ->transform(wholeNumber(0, 100000));
    p.add_option("--seed", seed, "seed of trial 1; trial k uses S + k - 1")
        ->type_name("S")
        ->transform(seedNumber())
        ->capture_default_str();
    p.addThreads(threads);
    p.add_option("--jobs", jobs,
                 "runs trained at the same time, the --threads split between them (at most one run\n"
                 "      per thread; results do not depend on it)")
        ->type_name("J")
        ->transform(wholeNumber(1, 64))
        ->capture_default_str();
    p.add_option("--threshold", pwmOptions.threshold, "filter site threshold as a fraction of the maximum activation")
        ->type_name("F")
        ->transform(number(0.0, 0.999999))
        ->capture_default_str();
    p.add_option("--evalue", matchOptions.evalueThreshold, "Tomtom E-value below which a database motif is a hit")
        ->type_name("X")
        ->transform(number(0.0, 1e300))
        ->capture_default_str();
    p.add_option("--database", database, "motif database (default: the bundled JASPAR CORE vertebrates)")
        ->type_name("FILE");
    addTruthOptions(p, truthOptions);
    p.add_flag("--verbose", verbose, "print every epoch of every run");
    addDataOptions(p, dataOptions);
    if (!p.parseArgs(args)) return 0;
    applyTruthOptions(truthOptions, dataOptions, matchOptions);
    parallel::setThreadCount(threads);
    const auto started = std::chrono::steady_clock::now();

    std::vector<std::string> models;
    for (const std::string& m : splitList(modelList)) {
        if (!arch::isPreset(m))
            throw InputError("option --models: '" + m + "' is not a preset (see 'motifloom-cli train --help')");
        models.push_back(arch::preset(m).name);  // canonical spelling
    }
    if (models.empty()) throw InputError("option --models lists no model");

    LoadedData data = loadData(dataOptions);
    if (!data.warnings.empty()) std::cerr << "warnings:\n" << data.warnings.summary();
    const seqio::DataSplits& splits = data.splits;
    const std::vector<std::string> classNames = splits.train.classNames;

    const std::string dbPath = database.empty() ? defaultMotifDatabase() : database;
    const interpret::FilterMatcher matcher(motif::readMotifFile(dbPath), matchOptions);
    const interpret::RunTruth runTruth = commandTruth(truthOptions, data, matcher.database(), dbPath);
    const std::vector<std::string> truth = runTruth.keys();

    lab::SweepPlan plan;
    plan.models = models;
    plan.trials = trials;
    plan.firstSeed = seed;
    plan.paperSettings = true;
    if (epochs) plan.maxEpochs = *epochs;
    if (patience) plan.patience = *patience;
    std::vector<RunSpec> runs;
    for (lab::SweepJob& job : lab::sweepJobs(plan, splits.train.length, splits.train.numClasses(), splits.train.task))
        runs.push_back({job.model, job.trial, job.seed,
                        (fs::path(outDir) / "runs" / (job.model + "_trial" + std::to_string(job.trial))).string(),
                        std::move(job.architecture)});
    std::vector<RunOutcome> outcomes(runs.size());
    std::error_code ec;
    fs::create_directories(fs::path(outDir) / "runs", ec);
    if (ec) throw InputError(outDir, 0, "cannot create the output folder: " + ec.message());

    // Runs at the same time: at most one per thread of the budget, and no more than there are runs.
    const int lanes = std::max(1, std::min({jobs, parallel::threadCount(), int(runs.size())}));
    const int threadsEach = train::laneThreads(lanes);
    std::printf("sweep: %zu models x %d trials on %s (%zu train / %zu valid / %zu test), %d thread%s, %d job%s"
                " (%d thread%s each)\n",
                models.size(), trials, data.description.c_str(), splits.train.size(), splits.valid.size(),
                splits.test.size(), parallel::threadCount(), parallel::threadCount() == 1 ? "" : "s", lanes,
                lanes == 1 ? "" : "s", threadsEach, threadsEach == 1 ? "" : "s");
    std::printf("%s", truthReport(runTruth).c_str());
    std::fflush(stdout);

    std::mutex tableMutex;
    auto runOne = [&](std::size_t i) {
        const RunSpec& run = runs[i];
        const auto t0 = std::chrono::steady_clock::now();
        const arch::Architecture& a = run.architecture;

        train::TrainControl control;
        SweepObserver observer(run, control, verbose);
        std::error_code dirError;
        fs::create_directories(run.dir, dirError);
        if (dirError) throw InputError(run.dir, 0, "cannot create the run directory: " + dirError.message());
        train::TrainResult result =
            train::fit(a, splits, control, &observer, nullptr, (fs::path(run.dir) / train::kCheckpointFile).string());
        if (result.stopReason == train::StopReason::Cancelled) return;
        const train::Evaluation test = train::evaluate(result.network, splits.test);

        interpret::FilterPwmSet pwms = interpret::activationPwms(result.network, splits.test, 1, pwmOptions);
        std::vector<interpret::FilterMatches> matches = matcher.match(pwms, interpret::ClipOptions{}, truth);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        train::writeRunDirectory(run.dir, result, test, classNames, data.description, seconds);
        motif::MotifList exported;
        for (const motif::Motif& m : interpret::comparisonMotifs(pwms, interpret::ClipOptions{}))
            if (m.width() > 0) exported.push_back(m);
        motif::writeMeme((fs::path(run.dir) / "filters.meme").string(), exported);
        writeTextFileAtomically((fs::path(run.dir) / "filter_matches.tsv").string(),
                                interpret::formatMatchesTsv(matches, truth));

        RunOutcome o;
        o.finished = true;
        o.params = result.network.parameterCount();
        o.epochs = int(result.history.epochs.size());
        o.bestEpoch = result.history.bestEpoch();
        o.stop = train::toString(result.stopReason);
        o.auroc = test.metrics.meanAuroc;
        o.aupr = test.metrics.meanAveragePrecision;
        o.summary = interpret::summarise(matches, int(truth.size()), matchOptions.lowInformation.exclude);
        o.seconds = seconds;
        if (run.trial == 1) {
            o.pwms = std::move(pwms);
            o.matches = std::move(matches);
        }
        {
            std::lock_guard lock(gPrintMutex);
            std::printf("%s trial %d/%d (seed %llu): %d epoch%s (best %d, %s), test AUROC %.4f, match-gt %s, "
                        "match-any %s, coverage %s, %.1f s\n",
                        run.model.c_str(), run.trial, trials, static_cast<unsigned long long>(run.seed), o.epochs,
                        o.epochs == 1 ? "" : "s", o.bestEpoch, o.stop.c_str(), o.auroc, number(o.summary.matchGroundTruth, 3).c_str(),
                        number(o.summary.matchAny, 3).c_str(), number(o.summary.coverage, 3).c_str(), seconds);
            std::fflush(stdout);
        }
        std::lock_guard lock(tableMutex);
        outcomes[i] = std::move(o);
        writeTextFileAtomically((fs::path(outDir) / "runs.tsv").string(), runsTable(runs, outcomes));
    };

    gInterrupted = false;
    auto previous = std::signal(SIGINT, onSweepInterrupt);
    // `lanes` lanes take the next run as they become free (runs differ in length: early
    // stopping). Each lane is a thread of its own with its share of the thread budget
    // (train::runLanes, as in a race): lanes in one TBB loop would share the global limit, so
    // --threads 1 --jobs 2 trained one run after the other.
    std::atomic<std::size_t> next{0};
    try {
        train::runLanes(lanes, [&](int) {
            for (;;) {
                const std::size_t i = next++;
                if (i >= runs.size() || gInterrupted) return;
                try {
                    runOne(i);
                } catch (...) {
                    gInterrupted = true;  // the other lanes take no new run; runLanes rethrows
                    throw;
                }
            }
        });
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);

    // The tables (finished runs only). The header names the sd: the sample sd, as the Compare tab.
    std::string tsv =
        "model\tparams\tauroc_mean\tauroc_sample_sd\taupr_mean\taupr_sample_sd\tmatch_any_mean\t"
        "match_any_sample_sd\tmatch_gt_mean\tmatch_gt_sample_sd\tcoverage_mean\tcoverage_sample_sd\n";
    std::string md = std::string(lab::kTrialStatisticsNote) + "\n\n" +
                     "| model | params | auroc_mean | auroc_sample_sd | aupr_mean | aupr_sample_sd | match_any_mean "
                     "| match_any_sample_sd | match_gt_mean | match_gt_sample_sd | coverage_mean | coverage_sample_sd |\n"
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    int finished = 0;
    for (const std::string& m : models) {
        std::vector<double> auroc, aupr, any, gt, coverage;
        long params = arch::parameterCount(arch::preset(m, splits.train.length, splits.train.numClasses()));
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (runs[i].model != m || !outcomes[i].finished) continue;
            const RunOutcome& o = outcomes[i];
            params = o.params;
            auroc.push_back(o.auroc);
            aupr.push_back(o.aupr);
            any.push_back(o.summary.matchAny);
            gt.push_back(o.summary.matchGroundTruth);
            coverage.push_back(o.summary.coverage);
            ++finished;
        }
        if (auroc.empty()) continue;
        std::vector<std::string> cells{m, std::to_string(params)};
        for (const auto* values : {&auroc, &aupr, &any, &gt, &coverage}) {
            const lab::TrialStatistics s = lab::trialStatistics(*values);
            cells.push_back(number(s.mean));
            cells.push_back(number(s.sd));
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
            tsv += cells[c] + (c + 1 < cells.size() ? "\t" : "\n");
            md += "| " + cells[c] + (c + 1 < cells.size() ? " " : " |\n");
        }
    }
    writeTextFileAtomically((fs::path(outDir) / "table.tsv").string(), tsv);
    writeTextFileAtomically((fs::path(outDir) / "table.md").string(), md);
    writeTextFileAtomically((fs::path(outDir) / "runs.tsv").string(), runsTable(runs, outcomes));

    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!outcomes[i].pwms) continue;
        writeFilterLogoGrid((fs::path(outDir) / (runs[i].model + "_filters.png")).string(), *outcomes[i].pwms,
                            outcomes[i].matches,
                            runs[i].model + " trial " + std::to_string(runs[i].trial) +
                                ": first-layer filters (activation PWMs, test set)");
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("\n%s", md.c_str());
    std::printf("%d of %zu runs finished in %.1f s; tables in %s\n", finished, runs.size(), seconds, outDir.c_str());
    if (gInterrupted) {
        std::printf("interrupted: unfinished runs were left out\n");
        return 130;
    }
    return 0;
}

}  // namespace motifloom::cli
