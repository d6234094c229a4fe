#include "compare/compare_table.h"

#include "arch/architecture_json.h"

#include <QJsonDocument>

#include <cmath>
#include <cstdio>
#include <map>

namespace motifloom::ui {
namespace {

// What makes two runs trials of one model: the architecture and settings without the seed,
// and the data recipe.
std::string modelKey(const RunRecord& r) {
    arch::Architecture a = r.architecture;
    a.training.seed = 0;
    return arch::toJsonString(a) + "\n" + QJsonDocument(r.dataRecipe).toJson(QJsonDocument::Compact).toStdString();
}

std::string number(double v) {
    if (!std::isfinite(v)) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

}  // namespace

MetricStat metricStat(const std::vector<double>& values) {
    MetricStat s;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++s.n;
        }
    if (s.n == 0) return s;
    s.mean = sum / s.n;
    if (s.n >= 2) {
        double ss = 0;
        for (double v : values)
            if (std::isfinite(v)) ss += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(ss / (s.n - 1));
    }
    return s;
}

std::vector<CompareRow> compareRows(const std::vector<std::shared_ptr<const RunRecord>>& runs,
                                    CompareGrouping grouping) {
    struct Group {
        CompareRow row;
        std::vector<const RunRecord*> members;
    };
    std::vector<Group> groups;
    std::map<std::string, std::size_t> byKey;
    std::map<std::string, std::vector<std::string>> keysByName;  // distinct models per name
    for (const auto& run : runs) {
        if (!run) continue;
        const std::string key = grouping == CompareGrouping::PerRun ? std::to_string(run->id) + "#" + std::to_string(groups.size())
                                                                    : modelKey(*run);
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            Group g;
            if (grouping == CompareGrouping::PerRun) {
                g.row.model = "#" + std::to_string(run->id) + " " + run->label;
            } else {
                const std::string name = run->architecture.name.empty() ? "custom" : run->architecture.name;
                auto& keys = keysByName[name];
                keys.push_back(key);
                g.row.model = keys.size() == 1 ? name : name + " (" + std::to_string(keys.size()) + ")";
            }
            g.row.data = run->dataSummary;
            it = byKey.emplace(key, groups.size()).first;
            groups.push_back(std::move(g));
        }
        Group& g = groups[it->second];
        g.row.runIds.push_back(run->id);
        g.members.push_back(run.get());
    }
    std::vector<CompareRow> rows;
    rows.reserve(groups.size());
    for (auto& g : groups) {
        auto collect = [&](double (RunRecord::*metric)() const) {
            std::vector<double> v;
            for (const RunRecord* r : g.members) v.push_back((r->*metric)());
            return metricStat(v);
        };
        g.row.auroc = collect(&RunRecord::testAuroc);
        g.row.aupr = collect(&RunRecord::testAupr);
        g.row.matchAny = collect(&RunRecord::matchAny);
        g.row.matchGroundTruth = collect(&RunRecord::matchGroundTruth);
        g.row.coverage = collect(&RunRecord::coverage);
        rows.push_back(std::move(g.row));
    }
    return rows;
}

std::string compareTsv(const std::vector<CompareRow>& rows) {
    std::string out =
        "model\tdata\truns\tauroc\tauroc_sd\taupr\taupr_sd\tmatch_any\tmatch_any_sd\tmatch_ground_truth\t"
        "match_ground_truth_sd\tcoverage\tcoverage_sd\trun_ids\n";
    auto clean = [](std::string s) {
        for (char& c : s)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        return s;
    };
    for (const auto& r : rows) {
        out += clean(r.model) + '\t' + clean(r.data) + '\t' + std::to_string(r.runIds.size());
        for (const MetricStat* s : {&r.auroc, &r.aupr, &r.matchAny, &r.matchGroundTruth, &r.coverage})
            out += '\t' + number(s->mean) + '\t' + number(s->sd);
        out += '\t';
        for (std::size_t i = 0; i < r.runIds.size(); ++i) out += (i ? "," : "") + std::to_string(r.runIds[i]);
        out += '\n';
    }
    return out;
}

}  // namespace motifloom::ui
