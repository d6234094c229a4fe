#include "compare/compare_table.h"

#include "arch/architecture_json.h"
#include "training/training_types.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace motifloom::ui {
namespace {

// What makes two runs trials of one model: the architecture and settings without the seed,
// and the data recipe.
std::string modelKey(const lab::RunRecord& r) {
    arch::Architecture a = r.architecture;
    a.training.seed = 0;
    return arch::toJsonString(a) + "\n" + r.dataRecipe.toJson().dump();
}

std::string number(double v) {
    if (!std::isfinite(v)) return "NA";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

}  // namespace

std::vector<CompareRow> compareRows(const std::vector<std::shared_ptr<const lab::RunRecord>>& runs,
                                    CompareGrouping grouping) {
    struct Group {
        CompareRow row;
        std::vector<const lab::RunRecord*> members;
    };
    std::vector<Group> groups;
    std::map<std::string, std::size_t> byKey;
    std::map<std::string, std::vector<std::string>> keysByName;  // distinct models per shown name
    // Names used on several data sets carry the data ("CNN-25 · pos.fa+neg.fa"): the same
    // model on other data is not a second model "CNN-25 (2)".
    std::map<std::string, std::set<std::string>> dataByName;
    auto nameOf = [](const lab::RunRecord& r) { return r.architecture.name.empty() ? std::string("custom") : r.architecture.name; };
    for (const auto& run : runs)
        if (run) dataByName[nameOf(*run)].insert(run->dataRecipe.toJson().dump());
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
                std::string name = nameOf(*run);
                if (dataByName[name].size() > 1) name += " \u00b7 " + dataShortName(run->dataRecipe);
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
        auto collect = [&](double (lab::RunRecord::*metric)() const) {
            std::vector<double> v;
            for (const lab::RunRecord* r : g.members) v.push_back((r->*metric)());
            return lab::trialStatistics(v);
        };
        g.row.auroc = collect(&lab::RunRecord::testAuroc);
        g.row.aupr = collect(&lab::RunRecord::testAupr);
        g.row.matchAny = collect(&lab::RunRecord::matchAny);
        g.row.matchGroundTruth = collect(&lab::RunRecord::matchGroundTruth);
        g.row.coverage = collect(&lab::RunRecord::coverage);
        rows.push_back(std::move(g.row));
    }
    return rows;
}

std::string compareTsv(const std::vector<CompareRow>& rows) {
    std::string out =
        "model\tdata\truns\tauroc\tauroc_sample_sd\taupr\taupr_sample_sd\tmatch_any\tmatch_any_sample_sd\t"
        "match_ground_truth\tmatch_ground_truth_sample_sd\tcoverage\tcoverage_sample_sd\trun_ids\n";
    auto clean = [](std::string s) {
        for (char& c : s)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        return s;
    };
    for (const auto& r : rows) {
        out += clean(r.model) + '\t' + clean(r.data) + '\t' + std::to_string(r.runIds.size());
        for (const lab::TrialStatistics* s : {&r.auroc, &r.aupr, &r.matchAny, &r.matchGroundTruth, &r.coverage})
            out += '\t' + number(s->mean) + '\t' + number(s->sd);
        out += '\t';
        for (std::size_t i = 0; i < r.runIds.size(); ++i) out += (i ? "," : "") + std::to_string(r.runIds[i]);
        out += '\n';
    }
    return out;
}

}  // namespace motifloom::ui
