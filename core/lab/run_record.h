#pragma once
// RunRecord: everything kept about one finished (or stopped, or diverged) training run: what
// was trained on what (architecture with settings and seed, data recipe), how it went (history,
// stop reason), how good it is (test-set metrics and per-class ROC / PR curves), what its
// first-layer filters learned (activation PWMs, Tomtom matches, the paper's match statistics,
// and those statistics after every epoch: matchHistory) and the kept weights. A session holds a
// list of them (session.h); the desktop lab's run list and comparison view show them.
//
// Immutable once made: the GUI shares runs as std::shared_ptr<const RunRecord>.
// Metrics that do not apply are NaN (e.g. AUROC of a class without positives, match-ground-
// truth without known true motifs, everything when the test set is empty).
// Curves: per class, (x, y) = (false positive rate, true positive rate) for ROC and
// (recall, precision) for PR, thinned to a few hundred points each (enough to draw).
//
// JSON (inside session files, see session.h): runToJson / runFromJson. The weights are stored
// as base64 of nn::Network::save (architecture + weights + checksum), so a session file is
// self-contained.

#include "arch/architecture.h"
#include "lab/data_recipe.h"
#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "metrics/classification.h"
#include "nn/network.h"
#include "train/training_history.h"

#include <nlohmann/json_fwd.hpp>

#include <limits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motifloom::lab {

enum class RunStatus {
    Finished,      // reached the maximum number of epochs
    EarlyStopped,  // validation loss stopped improving (patience)
    Stopped,       // stopped by the user; what was done is kept
    Diverged,      // the loss became NaN / infinite; the best weights before that are kept
};
const char* toString(RunStatus status);      // "finished", "early stopped", "stopped", "diverged"
std::optional<RunStatus> runStatusFromName(const std::string& name);

struct Curve {
    std::vector<double> x, y;
    bool operator==(const Curve&) const = default;
};

// The first-layer filters of a run (a FilterSnapshot made permanent).
struct RunFilters {
    std::string dataPart;                           // "test" (or "validation" without test data)
    interpret::FilterPwmSet pwms;
    bool matched = false;                           // matches / summary valid
    std::vector<interpret::FilterMatches> matches;  // one per filter when matched
    interpret::MatchSummary summary;
    std::vector<std::string> truth;                 // true-motif keys, label order
    std::vector<std::string> truthNames;
    std::string matchNote;                          // why there are no matches
};

// The paper's match statistics of one live filter snapshot (validation-set PWMs after an
// epoch): a point of the match-statistics-over-epochs curves (match_scoreboard.h). Fractions
// as in interpret::MatchSummary; matchGroundTruth and coverage are NaN without true motifs.
struct MatchPoint {
    int epoch = 0;  // 1-based epoch after which the snapshot was taken
    double matchAny = std::numeric_limits<double>::quiet_NaN();
    double matchGroundTruth = std::numeric_limits<double>::quiet_NaN();
    double coverage = std::numeric_limits<double>::quiet_NaN();
    int filtersWithHit = 0;
    int filtersWithTruth = 0;
    int filters = 0;
    int truthCovered = 0;
    int truthCount = 0;

    // Field-wise, NaN equal to NaN (a round trip through JSON keeps NaN).
    bool sameAs(const MatchPoint& other) const;
};

// The point of a matched snapshot's summary.
MatchPoint matchPointOf(int epoch, const interpret::MatchSummary& summary);

struct RunRecord {
    int id = 0;                        // unique within a session, shown as "#id"
    std::string label;                 // "CNN-25 · seed 1"
    std::string created;               // ISO 8601 local time of the end of the run
    arch::Architecture architecture;   // as trained, incl. training settings and seed
    DataRecipe dataRecipe;             // the data it was trained on
    std::string dataSummary;           // DataRecipe::describe of that recipe
    std::vector<std::string> classNames;
    std::string sweep;                 // sweep it belongs to, empty for a single run
    int trial = 0;

    train::TrainingHistory history;
    Curve batchLoss;                   // smoothed per-batch training loss, x = fractional epoch
    RunStatus status = RunStatus::Finished;
    std::string message;               // stop reason or the divergence explanation
    double seconds = 0;                // wall time of the run, evaluation included
    long steps = 0;                    // batches trained

    bool tested = false;               // the fields below hold test-set results
    double testLoss = std::numeric_limits<double>::quiet_NaN();
    metrics::ClassificationMetrics test;
    std::vector<Curve> roc, pr;        // per class (empty when undefined for that class)

    std::optional<RunFilters> filters;
    // Match statistics of the live snapshots, one per epoch that had a matched snapshot, in
    // epoch order (validation set; the final test-set statistics are filters->summary). Empty
    // when live filters were off, without a motif database, and in sessions from before it.
    std::vector<MatchPoint> matchHistory;
    std::shared_ptr<const nn::Network> network;  // kept weights (best epoch if restoreBest)

    std::uint64_t seed() const { return architecture.training.seed; }
    int epochs() const { return int(history.epochs.size()); }
    double testAuroc() const;          // mean over classes, NaN when not tested
    double testAupr() const;           // mean average precision, NaN when not tested
    double matchAny() const;           // NaN without matches
    double matchGroundTruth() const;
    double coverage() const;
};

// Exponential moving average of per-batch losses with bias correction (TensorBoard-style), its
// factor from the epoch size so that it follows the loss over ~1/5 of an epoch: what the
// dashboard draws as "smoothed per batch".
class LossSmoother {
public:
    explicit LossSmoother(int batchesPerEpoch = 100);
    double add(double loss);  // the smoothed value after `loss`
    void reset();

private:
    double mBeta;
    double mEma = 0;
    long mCount = 0;
    double mPower = 1;  // beta^count
};

// At most `maxPoints` evenly spaced points of x/y (the last always kept).
Curve downsample(const std::vector<double>& x, const std::vector<double>& y, std::size_t maxPoints);

// Points of `x`/`y` (equal sizes) kept so that consecutive kept points differ by at least
// `step` in x or y (first and last always kept). For drawing long ROC / PR curves.
Curve thinCurve(const std::vector<double>& x, const std::vector<double>& y, double step = 0.005);

// Per-class ROC and PR curves of an n x numClasses score matrix against its labels, thinned
// (steps of 0.01) and rounded to 5 decimals: enough to draw, small in session files.
void classCurves(const std::vector<float>& scores, const std::vector<float>& labels, std::size_t n,
                 int numClasses, std::vector<Curve>& roc, std::vector<Curve>& pr);

// JSON of a run (format in session.h). runFromJson throws InputError(source, 0, "run 3: ...")
// naming what is wrong; it never returns a partly read run.
nlohmann::json runToJson(const RunRecord& run);
RunRecord runFromJson(const nlohmann::json& json, const std::string& source);

// The pieces, also used for live snapshots and tests.
nlohmann::json toJson(const metrics::ClassificationMetrics& m);
metrics::ClassificationMetrics classificationMetricsFromJson(const nlohmann::json& j);
nlohmann::json toJson(const RunFilters& filters);
RunFilters runFiltersFromJson(const nlohmann::json& j);
// [{"epoch", "match_any", "match_ground_truth", "coverage", "filters", "filters_with_hit",
//   "filters_with_truth", "truth_covered", "truth_count"}, ...]; NaN as null.
nlohmann::json toJson(const std::vector<MatchPoint>& history);
std::vector<MatchPoint> matchHistoryFromJson(const nlohmann::json& j);
nlohmann::json networkToJson(const nn::Network& net);  // {"format": "mlm-base64", "data": "..."}
nn::Network networkFromJson(const nlohmann::json& j, const std::string& source);

}  // namespace motifloom::lab
