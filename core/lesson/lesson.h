#pragma once
// Lesson: a guided class of steps for the desktop lab, read from a JSON file (format 1,
// documented with every field and action in docs/lessons.md). A step has a title, short text
// (lesson_text.h: a small Markdown subset with {{logo:...}} / {{figure:...}} placeholders), an
// optional list of actions the lab performs on entering the step, an optional question whose
// answer and statistics stay hidden until the teacher reveals them ("predict first, then
// look"), and optional pre-trained runs (as in a session file: core/lab/run_record.h), so a
// lesson can be taught without training live.
//
// Validation is complete on reading: a lesson that loads can be stepped through; a broken one
// throws InputError naming the file, the step (number from 1 and title) and the field, e.g.
//   "pooling.json: step 3 \"Bigger pools\": action 2 (set_training): unknown setting 'epoch'".
// Each step keeps its JSON as read (Step::json), so saving a lesson (Save as lesson...) writes
// back exactly what was read plus the new steps.

#include "arch/architecture.h"
#include "arch/training_settings.h"
#include "lab/data_recipe.h"
#include "lab/run_record.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motifloom::lesson {

inline constexpr int kLessonFormat = 1;
inline constexpr const char* kLessonSuffix = "json";

enum class ActionKind {
    LoadData,          // "load_data": {"recipe": {DataRecipe JSON}, "load": true}
    SampleFasta,       // "sample_fasta": {"folder", "motifs", "count", "length", "seed"}
    Architecture,      // "architecture": {"preset": "CNN-2"} or {"architecture": {...}}
    Training,          // "set_training": {"settings": {"max_epochs": 5, "seed": 2, ...}}
    Train,             // "train": {"wait": true}
    Race,              // "race": {"architectures": ["CNN-2", "CNN-25"], "wait": true}
    ShowTab,           // "show_tab": {"tab": "Filters"}
    OpenAlignment,     // "open_alignment": {"filter": 3}
    OpenInspector,     // "open_inspector": {"sequence": 1}
    CompareRuns,       // "compare_runs": {"last": 2} or {"runs": ["CNN-2 · seed 1", ...]}
    Reveal,            // "reveal": {}
};

// The action's name in files ("load_data", ...) and back (nullopt for unknown names).
const char* actionName(ActionKind kind);
std::optional<ActionKind> actionKindFromName(const std::string& name);

struct Action {
    ActionKind kind = ActionKind::Reveal;
    // LoadData
    lab::DataRecipe recipe;
    bool load = true;                    // start loading at once (else on the next Train)
    // SampleFasta: a small synthetic data set written as FASTA files, then loaded as FASTA
    std::string folder;                  // a name (no path): created under the app's data folder
    std::vector<std::string> motifIds;   // JASPAR IDs, one class each
    int count = 2000;
    int length = 200;
    std::uint64_t seed = 1;
    // Architecture: a preset name, or a whole architecture (inline JSON)
    std::string preset;
    std::optional<arch::Architecture> architecture;
    // Training: the given keys of arch::toJson(TrainingSettings), as JSON text (see withSettings)
    std::string settingsJson;
    // Train, Race: wait for the run(s) to end before the step's next action
    bool wait = true;
    // Race: preset names or architecture JSON texts (2 to 4)
    std::vector<std::string> architectures;
    // ShowTab: the tab's title (case-insensitive): Training, Filters, Compare, Race, Inspector
    std::string tab;
    // OpenAlignment: filter number from 1 (as captioned); OpenInspector: test sequence from 1
    int number = 1;
    // CompareRuns: the last N kept runs, or runs by label
    int last = 0;
    std::vector<std::string> runLabels;
};

// What a question hides until revealed.
enum class Hidden { Scoreboard, Captions, CompareTable };
const char* hiddenName(Hidden what);  // "scoreboard", "captions", "compare_table"

struct Question {
    std::string text;                  // the question (lesson text markup)
    std::string answer;                // shown on Reveal (lesson text markup); may be empty
    std::vector<Hidden> hide;          // hidden until Reveal (default: all three)
};

struct Step {
    std::string title;
    std::string text;                  // lesson text markup (lesson_text.h)
    std::vector<Action> actions;       // run in order on entering the step
    std::optional<Question> question;
    std::vector<std::shared_ptr<const lab::RunRecord>> runs;  // pre-trained, added on entering
    std::string json;                  // the step as read (compact JSON), written back on save
};

struct Lesson {
    std::string title;
    std::string summary;               // one or two sentences for the lesson menu
    std::vector<Step> steps;           // at least one
};

// Parses and validates a lesson file's bytes; `source` (the file name) starts every message.
// Throws InputError: invalid JSON (with its line), "format" missing or not 1, no steps, or the
// first problem of a step as described above.
Lesson lessonFromBytes(std::string_view bytes, const std::string& source);
// Reads `path`; throws InputError naming it.
Lesson loadLesson(const std::string& path);
// The file's bytes (format 1, steps as Step::json) / written atomically to `path`.
std::string lessonToBytes(const Lesson& lesson);
void saveLesson(const std::string& path, const Lesson& lesson);

// The state of the lab to capture as a new step ("Save as lesson...").
struct CapturedState {
    std::string title;
    std::string text;
    lab::DataRecipe recipe;
    arch::Architecture architecture;   // incl. training settings
    std::string tab;                   // the tab shown, e.g. "Filters"
    std::vector<std::shared_ptr<const lab::RunRecord>> runs;
    int compareLast = 0;               // > 1: a compare_runs {"last": N} action
};
// A step that restores the captured state: load_data (not loading: the runs need no data),
// architecture, set_training, the runs, compare_runs and show_tab. Validated like a read step.
Step captureStep(const CapturedState& state, const std::string& source);

// `base` with the keys of a set_training action's settings applied.
arch::TrainingSettings withSettings(const arch::TrainingSettings& base, const Action& action);

}  // namespace motifloom::lesson
