#include "lesson/lesson.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "lesson/lesson_text.h"
#include "util/atomic_file.h"
#include "util/input_error.h"
#include "util/text.h"
#include "util/warnings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace motifloom::lesson {

using nlohmann::json;

namespace {

struct ActionName {
    ActionKind kind;
    const char* name;
};
constexpr ActionName kActionNames[] = {
    {ActionKind::LoadData, "load_data"},         {ActionKind::SampleFasta, "sample_fasta"},
    {ActionKind::Architecture, "architecture"},  {ActionKind::Training, "set_training"},
    {ActionKind::Train, "train"},                {ActionKind::Race, "race"},
    {ActionKind::ShowTab, "show_tab"},           {ActionKind::OpenAlignment, "open_alignment"},
    {ActionKind::OpenInspector, "open_inspector"}, {ActionKind::CompareRuns, "compare_runs"},
    {ActionKind::Reveal, "reveal"},
};

const std::vector<std::string> kTabs{"training", "filters", "compare", "race", "inspector"};

// Problems are thrown as Problem(field message) and given their context (file, step, action)
// on the way out, so each check states only what is wrong.
struct Problem {
    std::string text;
};
[[noreturn]] void fail(const std::string& text) { throw Problem{text}; }

std::string shown(const json& j) {
    std::string s = j.dump();
    return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

void checkKeys(const json& j, std::initializer_list<const char*> allowed, const std::string& what) {
    for (const auto& [key, value] : j.items()) {
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
            std::string list;
            for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
            fail("unknown key '" + key + "' in " + what + " (expected " + list + ")");
        }
    }
}

std::string text(const json& j, const char* key, bool required) {
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required) fail("'" + std::string(key) + "' is missing");
        return {};
    }
    if (!it->is_string()) fail("'" + std::string(key) + "' must be text, not " + shown(*it));
    return it->get<std::string>();
}

// Lesson text with its placeholders checked.
std::string markup(const json& j, const char* key, bool required) {
    std::string t = text(j, key, required);
    try {
        placeholders(t);
    } catch (const InputError& e) {
        fail("'" + std::string(key) + "': " + e.message());
    }
    return t;
}

int whole(const json& j, const char* key, int fallback, int minimum, int maximum) {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (!it->is_number_integer() || it->get<long long>() < minimum || it->get<long long>() > maximum)
        fail("'" + std::string(key) + "' must be a whole number from " + std::to_string(minimum) + " to " +
             std::to_string(maximum) + ", not " + shown(*it));
    return int(it->get<long long>());
}

bool flag(const json& j, const char* key, bool fallback) {
    const auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (!it->is_boolean()) fail("'" + std::string(key) + "' must be true or false, not " + shown(*it));
    return it->get<bool>();
}

std::vector<std::string> texts(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return {};
    if (!it->is_array()) fail("'" + std::string(key) + "' must be a list, not " + shown(*it));
    std::vector<std::string> out;
    for (const json& item : *it) {
        if (!item.is_string()) fail("'" + std::string(key) + "' must list texts, not " + shown(item));
        out.push_back(item.get<std::string>());
    }
    return out;
}

// Runs a parser of another module, turning its InputError into a Problem about `what`.
template <typename F>
auto nested(const std::string& what, F&& parse) {
    try {
        return parse();
    } catch (const InputError& e) {
        fail(what + ": " + e.message());
    } catch (const json::exception& e) {
        fail(what + ": " + jsonErrorText(e.what()));
    }
}

void checkArchitectureText(const std::string& entry) {
    if (arch::isPreset(entry)) return;
    if (entry.find('{') == std::string::npos)
        fail("'" + entry + "' is neither a preset (CNN-2, CNN-25, ...) nor an architecture JSON text");
    nested("architecture '" + entry.substr(0, 30) + "...'", [&] {
        Warnings w;
        return arch::fromJsonString(entry, {}, &w);
    });
}

Action parseAction(const json& j) {
    if (!j.is_object()) fail("must be an object like {\"do\": \"train\"}, not " + shown(j));
    const std::string name = text(j, "do", true);
    const auto kind = actionKindFromName(name);
    if (!kind) {
        std::string list;
        for (const auto& a : kActionNames) list += std::string(list.empty() ? "" : ", ") + a.name;
        fail("unknown action '" + name + "' (expected one of " + list + ")");
    }
    Action a;
    a.kind = *kind;
    const std::string what = "a " + name + " action";
    switch (a.kind) {
    case ActionKind::LoadData:
        checkKeys(j, {"do", "recipe", "load"}, what);
        if (!j.contains("recipe")) fail("'recipe' is missing (a data recipe as in session files)");
        a.recipe = nested("'recipe'", [&] { return lab::DataRecipe::fromJson(j.at("recipe")); });
        a.load = flag(j, "load", true);
        break;
    case ActionKind::SampleFasta: {
        checkKeys(j, {"do", "folder", "motifs", "count", "length", "seed"}, what);
        a.folder = text(j, "folder", true);
        if (a.folder.empty() || a.folder.find_first_of("/\\:") != std::string::npos || a.folder[0] == '.')
            fail("'folder' must be a plain folder name (no path), not '" + a.folder + "'");
        a.motifIds = texts(j, "motifs");
        if (a.motifIds.empty()) fail("'motifs' must list at least one JASPAR ID");
        a.count = whole(j, "count", a.count, 50, 1'000'000);
        a.length = whole(j, "length", a.length, 20, 10'000);
        a.seed = std::uint64_t(whole(j, "seed", 1, 0, 2'000'000'000));
        break;
    }
    case ActionKind::Architecture:
        checkKeys(j, {"do", "preset", "architecture"}, what);
        if (j.contains("preset") == j.contains("architecture"))
            fail("give either 'preset' (e.g. \"CNN-25\") or 'architecture' (an architecture object)");
        if (j.contains("preset")) {
            a.preset = text(j, "preset", true);
            if (!arch::isPreset(a.preset)) fail("unknown preset '" + a.preset + "'");
        } else {
            a.architecture = nested("'architecture'", [&] {
                Warnings w;
                arch::Architecture result = arch::fromJson(j.at("architecture"), {}, &w);
                if (!w.empty()) throw InputError("unknown keys: " + w.summary());
                return result;
            });
        }
        break;
    case ActionKind::Training: {
        checkKeys(j, {"do", "settings"}, what);
        if (!j.contains("settings") || !j.at("settings").is_object())
            fail("'settings' must be an object like {\"max_epochs\": 5, \"seed\": 2}");
        const json& s = j.at("settings");
        Warnings w;
        const arch::TrainingSettings t = nested("'settings'", [&] { return arch::trainingSettingsFromJson(s, {}, &w); });
        for (const auto& [key, value] : s.items())
            if (!arch::toJson(arch::TrainingSettings{}).contains(key)) fail("unknown setting '" + key + "'");
        if (t.maxEpochs < 1) fail("'max_epochs' must be at least 1");
        if (t.batchSize < 1) fail("'batch_size' must be at least 1");
        if (!(t.learningRate > 0)) fail("'learning_rate' must be above 0");
        if (t.patience < 0) fail("'patience' must be at least 0");
        a.settingsJson = s.dump();
        break;
    }
    case ActionKind::Train:
        checkKeys(j, {"do", "wait"}, what);
        a.wait = flag(j, "wait", true);
        break;
    case ActionKind::Race:
        checkKeys(j, {"do", "architectures", "wait"}, what);
        a.architectures = texts(j, "architectures");
        if (a.architectures.size() < 2 || a.architectures.size() > 4) fail("'architectures' must list 2 to 4 architectures");
        for (const std::string& entry : a.architectures) checkArchitectureText(entry);
        a.wait = flag(j, "wait", true);
        break;
    case ActionKind::ShowTab: {
        checkKeys(j, {"do", "tab"}, what);
        a.tab = text(j, "tab", true);
        std::string lower = a.tab;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (std::find(kTabs.begin(), kTabs.end(), lower) == kTabs.end())
            fail("unknown tab '" + a.tab + "' (expected Training, Filters, Compare, Race or Inspector)");
        break;
    }
    case ActionKind::OpenAlignment:
        checkKeys(j, {"do", "filter"}, what);
        if (!j.contains("filter")) fail("'filter' is missing (a filter number from 1)");
        a.number = whole(j, "filter", 1, 1, 10'000);
        break;
    case ActionKind::OpenInspector:
        checkKeys(j, {"do", "sequence"}, what);
        if (!j.contains("sequence")) fail("'sequence' is missing (a test sequence number from 1)");
        a.number = whole(j, "sequence", 1, 1, 100'000'000);
        break;
    case ActionKind::CompareRuns:
        checkKeys(j, {"do", "last", "runs"}, what);
        if (j.contains("last") == j.contains("runs"))
            fail("give either 'last' (the last N runs) or 'runs' (run labels)");
        a.last = whole(j, "last", 0, 1, 1000);
        a.runLabels = texts(j, "runs");
        if (j.contains("runs") && a.runLabels.empty()) fail("'runs' must name at least one run");
        break;
    case ActionKind::Reveal:
        checkKeys(j, {"do"}, what);
        break;
    }
    return a;
}

Question parseQuestion(const json& j) {
    if (j.is_string()) {  // the short form: only the question
        Question q;
        q.text = j.get<std::string>();
        q.hide = {Hidden::Scoreboard, Hidden::Captions, Hidden::CompareTable};
        return q;
    }
    if (!j.is_object()) fail("'question' must be text or an object {\"text\", \"answer\", \"hide\"}");
    checkKeys(j, {"text", "answer", "hide"}, "the question");
    Question q;
    q.text = markup(j, "text", true);
    q.answer = markup(j, "answer", false);
    if (!j.contains("hide")) {
        q.hide = {Hidden::Scoreboard, Hidden::Captions, Hidden::CompareTable};
    } else {
        for (const std::string& name : texts(j, "hide")) {
            const Hidden all[] = {Hidden::Scoreboard, Hidden::Captions, Hidden::CompareTable};
            const auto it = std::find_if(std::begin(all), std::end(all), [&](Hidden h) { return name == hiddenName(h); });
            if (it == std::end(all)) fail("unknown 'hide' entry '" + name + "' (expected scoreboard, captions, compare_table)");
            q.hide.push_back(*it);
        }
    }
    return q;
}

std::string stepLabel(std::size_t index, const json& step) {
    std::string label = "step " + std::to_string(index + 1);
    if (step.is_object())
        if (auto it = step.find("title"); it != step.end() && it->is_string()) label += " \"" + it->get<std::string>() + "\"";
    return label;
}

Step parseStep(const json& j, std::size_t index, const std::string& source) {
    const std::string label = stepLabel(index, j);
    std::string where;  // within the step
    try {
        if (!j.is_object()) fail("must be an object with a \"title\", not " + shown(j));
        checkKeys(j, {"title", "text", "actions", "question", "runs"}, "a step");
        Step s;
        s.title = text(j, "title", true);
        if (s.title.empty()) fail("'title' is empty");
        s.text = markup(j, "text", false);
        if (auto it = j.find("actions"); it != j.end()) {
            if (!it->is_array()) fail("'actions' must be a list of actions, not " + shown(*it));
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json& a = (*it)[k];
                where = "action " + std::to_string(k + 1);
                if (a.is_object() && a.contains("do") && a.at("do").is_string()) where += " (" + a.at("do").get<std::string>() + ")";
                s.actions.push_back(parseAction(a));
            }
            where.clear();
        }
        if (auto it = j.find("question"); it != j.end()) {
            where = "question";
            s.question = parseQuestion(*it);
            where.clear();
        }
        if (auto it = j.find("runs"); it != j.end()) {
            if (!it->is_array()) fail("'runs' must be a list of runs (as in session files)");
            for (std::size_t k = 0; k < it->size(); ++k) {
                where = "run " + std::to_string(k + 1);
                s.runs.push_back(std::make_shared<lab::RunRecord>(
                    nested("invalid run", [&] { return lab::runFromJson((*it)[k], {}); })));
            }
            where.clear();
        }
        s.json = j.dump();
        return s;
    } catch (const Problem& p) {
        throw InputError(source, 0, label + ": " + (where.empty() ? "" : where + ": ") + p.text);
    }
}

}  // namespace

const char* actionName(ActionKind kind) {
    for (const auto& a : kActionNames)
        if (a.kind == kind) return a.name;
    return "?";
}

std::optional<ActionKind> actionKindFromName(const std::string& name) {
    for (const auto& a : kActionNames)
        if (name == a.name) return a.kind;
    return std::nullopt;
}

const char* hiddenName(Hidden what) {
    switch (what) {
    case Hidden::Scoreboard: return "scoreboard";
    case Hidden::Captions: return "captions";
    case Hidden::CompareTable: return "compare_table";
    }
    return "?";
}

Lesson lessonFromBytes(std::string_view bytes, const std::string& source) {
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        throw InputError(source, lineOfOffset(bytes, e.byte), "not a valid lesson file (invalid JSON: " + jsonErrorText(e.what()) + ")");
    }
    if (!doc.is_object()) throw InputError(source, 0, "not a MotifLoom lesson (expected a JSON object)");
    const auto format = doc.find("format");
    if (format == doc.end() || !format->is_number_integer())
        throw InputError(source, 0, "not a MotifLoom lesson (no \"format\": 1)");
    if (format->get<long long>() != kLessonFormat)
        throw InputError(source, 0, "lesson format " + format->dump() + " is not supported by this MotifLoom (it reads format 1)");
    Lesson lesson;
    try {
        checkKeys(doc, {"format", "title", "summary", "steps"}, "the lesson");
        lesson.title = text(doc, "title", true);
        lesson.summary = text(doc, "summary", false);
        const auto steps = doc.find("steps");
        if (steps == doc.end() || !steps->is_array() || steps->empty()) fail("'steps' must be a list of at least one step");
    } catch (const Problem& p) {
        throw InputError(source, 0, p.text);
    }
    const json& steps = doc.at("steps");
    for (std::size_t i = 0; i < steps.size(); ++i) lesson.steps.push_back(parseStep(steps[i], i, source));
    return lesson;
}

Lesson loadLesson(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot be read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return lessonFromBytes(bytes.str(), path);
}

std::string lessonToBytes(const Lesson& lesson) {
    json steps = json::array();
    for (const Step& s : lesson.steps) steps.push_back(json::parse(s.json));
    json doc = {{"format", kLessonFormat}, {"title", lesson.title}, {"steps", steps}};
    if (!lesson.summary.empty()) doc["summary"] = lesson.summary;
    return doc.dump(1) + "\n";
}

void saveLesson(const std::string& path, const Lesson& lesson) { writeTextFileAtomically(path, lessonToBytes(lesson)); }

Step captureStep(const CapturedState& state, const std::string& source) {
    json actions = json::array();
    actions.push_back({{"do", "load_data"}, {"recipe", state.recipe.toJson()}, {"load", false}});
    json architecture = arch::toJson(state.architecture);
    architecture.erase("training");  // the settings follow as set_training
    actions.push_back({{"do", "architecture"}, {"architecture", architecture}});
    actions.push_back({{"do", "set_training"}, {"settings", arch::toJson(state.architecture.training)}});
    if (state.compareLast > 1) actions.push_back({{"do", "compare_runs"}, {"last", state.compareLast}});
    if (!state.tab.empty()) actions.push_back({{"do", "show_tab"}, {"tab", state.tab}});
    json runs = json::array();
    for (const auto& r : state.runs) runs.push_back(lab::runToJson(*r));
    json step = {{"title", state.title.empty() ? std::string("Saved state") : state.title}, {"actions", actions}};
    if (!state.text.empty()) step["text"] = state.text;
    if (!runs.empty()) step["runs"] = runs;
    return parseStep(step, 0, source);
}

arch::TrainingSettings withSettings(const arch::TrainingSettings& base, const Action& action) {
    if (action.settingsJson.empty()) return base;
    json merged = arch::toJson(base);
    const json overrides = json::parse(action.settingsJson);  // kept alive while iterating
    for (const auto& [key, value] : overrides.items()) merged[key] = value;
    return arch::trainingSettingsFromJson(merged);
}

}  // namespace motifloom::lesson
