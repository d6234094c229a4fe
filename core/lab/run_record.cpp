#include "lab/run_record.h"

#include "arch/architecture_json.h"
#include "util/base64.h"
#include "util/input_error.h"
#include "util/text.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace motifloom::lab {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// JSON has no NaN: nlohmann writes it as null; read null back as NaN.
double num(const json& j) { return j.is_null() ? kNaN : j.get<double>(); }
double numAt(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? kNaN : num(*it);
}

json doubles(const std::vector<double>& v) { return json(v); }
std::vector<double> doublesFrom(const json& j) {
    std::vector<double> out;
    out.reserve(j.size());
    for (const auto& x : j) out.push_back(num(x));
    return out;
}

// Epoch records may hold NaN (a validation AUROC with no defined class).
json nullsToNaN(json j) {
    if (j.is_null()) return json(kNaN);
    if (j.is_object() || j.is_array())
        for (auto& v : j) v = nullsToNaN(v);
    return j;
}

json motifToJson(const motif::Motif& m) {
    json cols = json::array();
    for (int c = 0; c < m.width(); ++c)
        cols.push_back({m.probs(0, c), m.probs(1, c), m.probs(2, c), m.probs(3, c)});
    return {{"id", m.id}, {"name", m.name}, {"nsites", m.nsites}, {"columns", cols}};
}

motif::Motif motifFromJson(const json& j) {
    motif::Motif m;
    m.id = j.at("id").get<std::string>();
    m.name = j.at("name").get<std::string>();
    m.nsites = j.value("nsites", 0.0);
    const json& cols = j.at("columns");
    m.probs.resize(4, Eigen::Index(cols.size()));
    for (std::size_t c = 0; c < cols.size(); ++c) {
        if (cols[c].size() != 4) throw std::runtime_error("a motif column does not have 4 values");
        for (int b = 0; b < 4; ++b) m.probs(b, Eigen::Index(c)) = cols[c][std::size_t(b)].get<double>();
    }
    return m;
}

json hitToJson(const interpret::MotifHit& h) {
    const auto& t = h.tomtom;
    json out = {{"query_index", t.queryIndex},  {"target_index", t.targetIndex},
            {"query_id", t.queryId},        {"target_id", t.targetId},
            {"target_name", h.targetName},  {"truth", h.truth},
            {"offset", t.offset},           {"p", t.pValue},
            {"e", t.eValue},                {"q", t.qValue},
            {"overlap", t.overlap},         {"query_consensus", t.queryConsensus},
            {"target_consensus", t.targetConsensus},
            {"orientation", std::string(1, t.orientation)}};
    // Written only when set: runs without the flag keep the bytes of earlier session files.
    if (h.lowInformation) out["low_information"] = true;
    return out;
}

interpret::MotifHit hitFromJson(const json& j) {
    interpret::MotifHit h;
    auto& t = h.tomtom;
    t.queryIndex = j.at("query_index").get<int>();
    t.targetIndex = j.at("target_index").get<int>();
    t.queryId = j.at("query_id").get<std::string>();
    t.targetId = j.at("target_id").get<std::string>();
    h.targetName = j.at("target_name").get<std::string>();
    h.truth = j.at("truth").get<int>();
    t.offset = j.at("offset").get<int>();
    t.pValue = num(j.at("p"));
    t.eValue = num(j.at("e"));
    t.qValue = num(j.at("q"));
    t.overlap = j.at("overlap").get<int>();
    t.queryConsensus = j.at("query_consensus").get<std::string>();
    t.targetConsensus = j.at("target_consensus").get<std::string>();
    const std::string o = j.at("orientation").get<std::string>();
    t.orientation = o == "-" ? '-' : '+';
    h.lowInformation = j.value("low_information", false);
    return h;
}

const char* statusKey(interpret::FilterStatus s) {
    switch (s) {
    case interpret::FilterStatus::Compared: return "compared";
    case interpret::FilterStatus::NeverFires: return "never_fires";
    case interpret::FilterStatus::Uninformative: return "uninformative";
    }
    return "compared";
}

interpret::FilterStatus filterStatusFrom(const std::string& s) {
    if (s == "never_fires") return interpret::FilterStatus::NeverFires;
    if (s == "uninformative") return interpret::FilterStatus::Uninformative;
    if (s == "compared") return interpret::FilterStatus::Compared;
    throw std::runtime_error("unknown filter status '" + s + "'");
}

json summaryToJson(const interpret::MatchSummary& s) {
    json out = {{"filters", s.filters},
            {"filters_with_hit", s.filtersWithHit},
            {"filters_with_truth", s.filtersWithTruth},
            {"never_fire", s.neverFire},
            {"uninformative", s.uninformative},
            {"truth_count", s.truthCount},
            {"truth_covered", s.truthCovered},
            {"filters_per_truth", s.filtersPerTruth},
            {"match_any", s.matchAny},
            {"match_ground_truth", s.matchGroundTruth},
            {"coverage", s.coverage}};
    // Optional keys (absent in earlier session files, which keep their bytes).
    if (s.filtersOnlyLowInformation) out["filters_only_low_information"] = s.filtersOnlyLowInformation;
    if (s.lowInformationExcluded) out["low_information_excluded"] = true;
    return out;
}

interpret::MatchSummary summaryFromJson(const json& j) {
    interpret::MatchSummary s;
    s.filters = j.at("filters").get<int>();
    s.filtersWithHit = j.at("filters_with_hit").get<int>();
    s.filtersWithTruth = j.at("filters_with_truth").get<int>();
    s.neverFire = j.at("never_fire").get<int>();
    s.uninformative = j.at("uninformative").get<int>();
    s.truthCount = j.at("truth_count").get<int>();
    s.truthCovered = j.at("truth_covered").get<int>();
    s.filtersPerTruth = j.at("filters_per_truth").get<std::vector<int>>();
    s.matchAny = numAt(j, "match_any");
    s.matchGroundTruth = numAt(j, "match_ground_truth");
    s.coverage = numAt(j, "coverage");
    s.filtersOnlyLowInformation = j.value("filters_only_low_information", 0);
    s.lowInformationExcluded = j.value("low_information_excluded", false);
    return s;
}

json layerToJson(const interpret::FilterLayer& l) {
    return {{"conv_number", l.convNumber},         {"conv_index", l.convIndex},
            {"activation_index", l.activationIndex}, {"filters", l.filters},
            {"input_channels", l.inputChannels},   {"length", l.length},
            {"receptive_field", l.receptiveField}, {"window_offset", l.windowOffset}};
}

interpret::FilterLayer layerFromJson(const json& j) {
    interpret::FilterLayer l;
    l.convNumber = j.at("conv_number").get<int>();
    l.convIndex = j.at("conv_index").get<int>();
    l.activationIndex = j.at("activation_index").get<int>();
    l.filters = j.at("filters").get<int>();
    l.inputChannels = j.at("input_channels").get<int>();
    l.length = j.at("length").get<int>();
    l.receptiveField = j.at("receptive_field").get<int>();
    l.windowOffset = j.at("window_offset").get<int>();
    return l;
}

json curvesToJson(const std::vector<Curve>& curves) {
    json out = json::array();
    for (const auto& c : curves) out.push_back({{"x", doubles(c.x)}, {"y", doubles(c.y)}});
    return out;
}

std::vector<Curve> curvesFromJson(const json& j) {
    std::vector<Curve> out;
    for (const auto& c : j) {
        Curve curve{doublesFrom(c.at("x")), doublesFrom(c.at("y"))};
        if (curve.x.size() != curve.y.size()) throw std::runtime_error("a curve has unequal x and y");
        out.push_back(std::move(curve));
    }
    return out;
}

double meanOf(const RunRecord& r, double metrics::ClassificationMetrics::*field) {
    return r.tested ? r.test.*field : kNaN;
}

}  // namespace

const char* toString(RunStatus status) {
    switch (status) {
    case RunStatus::Finished: return "finished";
    case RunStatus::EarlyStopped: return "early stopped";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Diverged: return "diverged";
    }
    return "";
}

std::optional<RunStatus> runStatusFromName(const std::string& name) {
    for (RunStatus s : {RunStatus::Finished, RunStatus::EarlyStopped, RunStatus::Stopped, RunStatus::Diverged})
        if (name == toString(s)) return s;
    return std::nullopt;
}

double RunRecord::testAuroc() const { return meanOf(*this, &metrics::ClassificationMetrics::meanAuroc); }
double RunRecord::testAupr() const {
    return meanOf(*this, &metrics::ClassificationMetrics::meanAveragePrecision);
}
double RunRecord::matchAny() const { return filters && filters->matched ? filters->summary.matchAny : kNaN; }
double RunRecord::matchGroundTruth() const {
    return filters && filters->matched ? filters->summary.matchGroundTruth : kNaN;
}
double RunRecord::coverage() const { return filters && filters->matched ? filters->summary.coverage : kNaN; }

LossSmoother::LossSmoother(int batchesPerEpoch)
    : mBeta(1.0 - 1.0 / std::max(5.0, batchesPerEpoch / 5.0)) {}

double LossSmoother::add(double loss) {
    if (!std::isfinite(loss)) return mCount > 0 ? mEma / (1 - mPower) : loss;
    mEma = mBeta * mEma + (1 - mBeta) * loss;
    mPower *= mBeta;
    ++mCount;
    return mEma / (1 - mPower);
}

void LossSmoother::reset() {
    mEma = 0;
    mCount = 0;
    mPower = 1;
}

Curve downsample(const std::vector<double>& x, const std::vector<double>& y, std::size_t maxPoints) {
    Curve out;
    const std::size_t n = std::min(x.size(), y.size());
    if (n == 0 || maxPoints == 0) return out;
    const double stride = std::max(1.0, double(n) / double(maxPoints));
    for (double p = 0; std::size_t(p) < n; p += stride) {
        out.x.push_back(x[std::size_t(p)]);
        out.y.push_back(y[std::size_t(p)]);
    }
    if (out.x.back() != x[n - 1] || out.y.back() != y[n - 1]) {
        if (out.x.size() >= maxPoints) {
            out.x.back() = x[n - 1];
            out.y.back() = y[n - 1];
        } else {
            out.x.push_back(x[n - 1]);
            out.y.push_back(y[n - 1]);
        }
    }
    return out;
}

Curve thinCurve(const std::vector<double>& x, const std::vector<double>& y, double step) {
    Curve out;
    const std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < n; ++i) {
        const bool keep = i == 0 || i + 1 == n || std::abs(x[i] - out.x.back()) >= step ||
                          std::abs(y[i] - out.y.back()) >= step;
        if (keep) {
            out.x.push_back(x[i]);
            out.y.push_back(y[i]);
        }
    }
    return out;
}

namespace {

// Curves are for drawing: 5 decimals are plenty, and keep session files small.
Curve rounded(Curve c, double unit) {
    for (auto* v : {&c.x, &c.y})
        for (double& x : *v) x = std::round(x / unit) * unit;
    return c;
}

}  // namespace

void classCurves(const std::vector<float>& scores, const std::vector<float>& labels, std::size_t n,
                 int numClasses, std::vector<Curve>& roc, std::vector<Curve>& pr) {
    roc.assign(std::size_t(numClasses), {});
    pr.assign(std::size_t(numClasses), {});
    std::vector<float> s(n), l(n);
    for (int c = 0; c < numClasses; ++c) {
        for (std::size_t i = 0; i < n; ++i) {
            s[i] = scores[i * std::size_t(numClasses) + std::size_t(c)];
            l[i] = labels[i * std::size_t(numClasses) + std::size_t(c)];
        }
        std::vector<double> x, y;
        for (const auto& p : metrics::rocCurve(s, l)) {
            x.push_back(p.fpr);
            y.push_back(p.tpr);
        }
        roc[std::size_t(c)] = rounded(thinCurve(x, y, 0.01), 1e-5);
        x.clear();
        y.clear();
        for (const auto& p : metrics::prCurve(s, l)) {
            x.push_back(p.recall);
            y.push_back(p.precision);
        }
        pr[std::size_t(c)] = rounded(thinCurve(x, y, 0.01), 1e-5);
    }
}

json toJson(const metrics::ClassificationMetrics& m) {
    return {{"classes", m.numClasses},
            {"examples", m.numExamples},
            {"positives", m.positives},
            {"auroc", doubles(m.auroc)},
            {"average_precision", doubles(m.averagePrecision)},
            {"aupr_trapezoid", doubles(m.auprTrapezoid)},
            {"accuracy", doubles(m.accuracy)},
            {"mean_auroc", m.meanAuroc},
            {"mean_average_precision", m.meanAveragePrecision},
            {"mean_aupr_trapezoid", m.meanAuprTrapezoid},
            {"mean_accuracy", m.meanAccuracy},
            {"accuracy_overall", m.accuracyOverall},
            {"undefined_auroc_classes", m.undefinedAurocClasses}};
}

metrics::ClassificationMetrics classificationMetricsFromJson(const json& j) {
    metrics::ClassificationMetrics m;
    m.numClasses = j.at("classes").get<int>();
    m.numExamples = j.at("examples").get<std::size_t>();
    m.positives = j.at("positives").get<std::vector<long>>();
    m.auroc = doublesFrom(j.at("auroc"));
    m.averagePrecision = doublesFrom(j.at("average_precision"));
    m.auprTrapezoid = doublesFrom(j.at("aupr_trapezoid"));
    m.accuracy = doublesFrom(j.at("accuracy"));
    m.meanAuroc = numAt(j, "mean_auroc");
    m.meanAveragePrecision = numAt(j, "mean_average_precision");
    m.meanAuprTrapezoid = numAt(j, "mean_aupr_trapezoid");
    m.meanAccuracy = numAt(j, "mean_accuracy");
    m.accuracyOverall = numAt(j, "accuracy_overall");
    m.undefinedAurocClasses = j.at("undefined_auroc_classes").get<int>();
    const std::size_t k = std::size_t(m.numClasses);
    if (m.positives.size() != k || m.auroc.size() != k || m.averagePrecision.size() != k ||
        m.auprTrapezoid.size() != k || m.accuracy.size() != k)
        throw std::runtime_error("the per-class test metrics do not have one value per class");
    return m;
}

json toJson(const RunFilters& f) {
    json filters = json::array();
    for (const auto& p : f.pwms.filters)
        filters.push_back({{"motif", motifToJson(p.motif)}, {"sites", p.sites}, {"max_activation", p.maxActivation}});
    json matches = json::array();
    for (const auto& m : f.matches) {
        json hits = json::array();
        for (const auto& h : m.hits) hits.push_back(hitToJson(h));
        json entry = {{"filter_id", m.filterId}, {"status", statusKey(m.status)}, {"hits", hits}};
        entry["best"] = m.best ? hitToJson(*m.best) : json(nullptr);
        if (m.excludedLowInformation) entry["excluded_low_information"] = m.excludedLowInformation;
        matches.push_back(entry);
    }
    return {{"data", f.dataPart},
            {"layer", layerToJson(f.pwms.layer)},
            {"threshold", f.pwms.threshold},
            {"sequences", f.pwms.sequences},
            {"pwms", filters},
            {"matched", f.matched},
            {"matches", matches},
            {"summary", summaryToJson(f.summary)},
            {"truth", f.truth},
            {"truth_names", f.truthNames},
            {"match_note", f.matchNote}};
}

RunFilters runFiltersFromJson(const json& j) {
    RunFilters f;
    f.dataPart = j.at("data").get<std::string>();
    f.pwms.layer = layerFromJson(j.at("layer"));
    f.pwms.threshold = j.at("threshold").get<double>();
    f.pwms.sequences = j.at("sequences").get<std::size_t>();
    for (const auto& p : j.at("pwms")) {
        interpret::FilterPwm pwm;
        pwm.motif = motifFromJson(p.at("motif"));
        pwm.sites = p.at("sites").get<long>();
        pwm.maxActivation = num(p.at("max_activation"));
        f.pwms.filters.push_back(std::move(pwm));
    }
    f.matched = j.at("matched").get<bool>();
    for (const auto& m : j.at("matches")) {
        interpret::FilterMatches fm;
        fm.filterId = m.at("filter_id").get<std::string>();
        fm.status = filterStatusFrom(m.at("status").get<std::string>());
        for (const auto& h : m.at("hits")) fm.hits.push_back(hitFromJson(h));
        if (!m.at("best").is_null()) fm.best = hitFromJson(m.at("best"));
        fm.excludedLowInformation = m.value("excluded_low_information", 0);
        f.matches.push_back(std::move(fm));
    }
    f.summary = summaryFromJson(j.at("summary"));
    f.truth = j.at("truth").get<std::vector<std::string>>();
    f.truthNames = j.at("truth_names").get<std::vector<std::string>>();
    f.matchNote = j.value("match_note", std::string());
    if (f.matched && f.matches.size() != f.pwms.filters.size())
        throw std::runtime_error("the filter matches do not have one entry per filter");
    return f;
}

bool MatchPoint::sameAs(const MatchPoint& o) const {
    auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    return epoch == o.epoch && same(matchAny, o.matchAny) && same(matchGroundTruth, o.matchGroundTruth) &&
           same(coverage, o.coverage) && filtersWithHit == o.filtersWithHit && filtersWithTruth == o.filtersWithTruth &&
           filters == o.filters && truthCovered == o.truthCovered && truthCount == o.truthCount;
}

MatchPoint matchPointOf(int epoch, const interpret::MatchSummary& s) {
    MatchPoint p;
    p.epoch = epoch;
    p.matchAny = s.matchAny;
    p.matchGroundTruth = s.matchGroundTruth;
    p.coverage = s.coverage;
    p.filtersWithHit = s.filtersWithHit;
    p.filtersWithTruth = s.filtersWithTruth;
    p.filters = s.filters;
    p.truthCovered = s.truthCovered;
    p.truthCount = s.truthCount;
    return p;
}

json toJson(const std::vector<MatchPoint>& history) {
    json out = json::array();
    for (const MatchPoint& p : history)
        out.push_back({{"epoch", p.epoch},
                       {"match_any", p.matchAny},
                       {"match_ground_truth", p.matchGroundTruth},
                       {"coverage", p.coverage},
                       {"filters", p.filters},
                       {"filters_with_hit", p.filtersWithHit},
                       {"filters_with_truth", p.filtersWithTruth},
                       {"truth_covered", p.truthCovered},
                       {"truth_count", p.truthCount}});
    return out;
}

std::vector<MatchPoint> matchHistoryFromJson(const json& j) {
    if (!j.is_array()) throw std::runtime_error("match_history is not a list");
    std::vector<MatchPoint> out;
    out.reserve(j.size());
    for (const json& e : j) {
        MatchPoint p;
        p.epoch = e.at("epoch").get<int>();
        p.matchAny = num(e.at("match_any"));
        p.matchGroundTruth = num(e.at("match_ground_truth"));
        p.coverage = num(e.at("coverage"));
        p.filters = e.at("filters").get<int>();
        p.filtersWithHit = e.at("filters_with_hit").get<int>();
        p.filtersWithTruth = e.at("filters_with_truth").get<int>();
        p.truthCovered = e.at("truth_covered").get<int>();
        p.truthCount = e.at("truth_count").get<int>();
        out.push_back(p);
    }
    return out;
}

json networkToJson(const nn::Network& net) {
    std::ostringstream out(std::ios::binary);
    net.save(out);
    return {{"format", "mlm-base64"}, {"data", base64Encode(out.str())}};
}

nn::Network networkFromJson(const json& j, const std::string& source) {
    if (j.at("format").get<std::string>() != "mlm-base64")
        throw std::runtime_error("unknown model format '" + j.at("format").get<std::string>() + "'");
    const std::string& text = j.at("data").get_ref<const std::string&>();
    std::optional<std::string> bytes = base64Decode(text);
    if (!bytes) throw std::runtime_error("the model data is not valid base64");
    std::istringstream in(std::move(*bytes), std::ios::binary);
    return nn::Network::load(in, source);
}

json runToJson(const RunRecord& r) {
    json out = {{"id", r.id},
                {"label", r.label},
                {"created", r.created},
                {"architecture", arch::toJson(r.architecture)},
                {"data_recipe", r.dataRecipe.toJson()},
                {"data_summary", r.dataSummary},
                {"class_names", r.classNames},
                {"sweep", r.sweep},
                {"trial", r.trial},
                {"history", train::toJson(r.history)},
                {"batch_loss", {{"x", doubles(r.batchLoss.x)}, {"y", doubles(r.batchLoss.y)}}},
                {"status", toString(r.status)},
                {"message", r.message},
                {"seconds", r.seconds},
                {"steps", r.steps},
                {"tested", r.tested}};
    if (r.tested) {
        out["test"] = {{"loss", r.testLoss}, {"metrics", toJson(r.test)},
                       {"roc", curvesToJson(r.roc)}, {"pr", curvesToJson(r.pr)}};
    }
    out["filters"] = r.filters ? toJson(*r.filters) : json(nullptr);
    // Optional (sessions from before it have none): written only when there is a history, so
    // runs without one keep their bytes.
    if (!r.matchHistory.empty()) out["match_history"] = toJson(r.matchHistory);
    out["model"] = r.network ? networkToJson(*r.network) : json(nullptr);
    return out;
}

RunRecord runFromJson(const json& j, const std::string& source) {
    RunRecord r;
    std::string where = "run";
    try {
        r.id = j.at("id").get<int>();
        where = "run " + std::to_string(r.id);
        r.label = j.at("label").get<std::string>();
        r.created = j.value("created", std::string());
        Warnings ignored;
        r.architecture = arch::fromJson(j.at("architecture"), source, &ignored);
        r.dataRecipe = DataRecipe::fromJson(j.at("data_recipe"));
        r.dataSummary = j.value("data_summary", std::string());
        r.classNames = j.at("class_names").get<std::vector<std::string>>();
        r.sweep = j.value("sweep", std::string());
        r.trial = j.value("trial", 0);
        r.history = train::historyFromJson(nullsToNaN(j.at("history")));
        if (auto it = j.find("batch_loss"); it != j.end()) {
            r.batchLoss = {doublesFrom(it->at("x")), doublesFrom(it->at("y"))};
            if (r.batchLoss.x.size() != r.batchLoss.y.size())
                throw std::runtime_error("batch_loss has unequal x and y");
        }
        const auto status = runStatusFromName(j.at("status").get<std::string>());
        if (!status) throw std::runtime_error("unknown status '" + j.at("status").get<std::string>() + "'");
        r.status = *status;
        r.message = j.value("message", std::string());
        r.seconds = num(j.at("seconds"));
        r.steps = j.at("steps").get<long>();
        r.tested = j.at("tested").get<bool>();
        if (r.tested) {
            const json& t = j.at("test");
            r.testLoss = numAt(t, "loss");
            r.test = classificationMetricsFromJson(t.at("metrics"));
            r.roc = curvesFromJson(t.at("roc"));
            r.pr = curvesFromJson(t.at("pr"));
        }
        if (!j.at("filters").is_null()) r.filters = runFiltersFromJson(j.at("filters"));
        if (auto it = j.find("match_history"); it != j.end() && !it->is_null())
            r.matchHistory = matchHistoryFromJson(*it);
        if (!j.at("model").is_null())
            r.network = std::make_shared<const nn::Network>(networkFromJson(j.at("model"), source));
    } catch (const InputError& e) {
        throw InputError(source, 0, where + ": " + e.message());
    } catch (const std::exception& e) {
        throw InputError(source, 0, where + ": " + jsonErrorText(e.what()));
    }
    return r;
}

}  // namespace motifloom::lab
