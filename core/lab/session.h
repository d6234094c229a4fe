#pragma once
// Session: what a user works on in one window, saved as one *.motifloom file.
//
// File format: UTF-8 JSON (one self-contained file, written atomically (util/atomic_file.h), so
// a crash or full disk never leaves a half-written session; keys are written in alphabetical
// order, one space of indentation per level, shown here by meaning):
//   {
//     "format": "motifloom-session", "version": 1, "app_version": "0.1.0",
//     "data_recipe":  {...DataRecipe::toJson (data_recipe.h)...},
//     "architecture": {...arch::toJson, incl. "training" (every training setting)...},
//     "seed": 1,                      // = architecture.training.seed, stated for readers
//     "next_run_id": 4,
//     "runs": [ {                      // one per kept run, oldest first (run_record.h)
//        "id", "label", "created", "architecture", "data_recipe", "data_summary",
//        "class_names", "sweep", "trial", "history" [epochs], "status", "message",
//        "seconds", "steps", "tested",
//        "test": {"loss", "metrics" {per-class + means}, "roc" [{x,y}], "pr" [{x,y}]},
//        "filters": {PWMs, Tomtom matches, match statistics} | null,
//        "match_history": [{"epoch", "match_any", "match_ground_truth", "coverage", "filters",
//                           "filters_with_hit", "filters_with_truth", "truth_covered",
//                           "truth_count"}]   // optional: the live scoreboard, per epoch
//        "model": {"format": "mlm-base64", "data": base64 of nn::Network::save} | null
//     } ]
//   }
// The model weights are inside the file (base64: ~0.9 MB of a CNN-25 run's ~1.1 MB), so a
// session can be moved or mailed as one file. Numbers are written in shortest round-trip form;
// NaN (undefined metrics) is written as null and read back as NaN, so save -> load -> save gives
// the same bytes and load gives back equal values.
//
// Loading parses into a fresh Session: a broken file throws InputError naming the file and the
// problem and leaves whatever the caller holds untouched.

#include "arch/architecture.h"
#include "lab/data_recipe.h"
#include "lab/run_record.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace motifloom::lab {

struct Session {
    DataRecipe dataRecipe;
    arch::Architecture architecture;  // incl. training settings and seed
    std::vector<std::shared_ptr<const RunRecord>> runs;
    int nextRunId = 1;                // id for the next run (greater than every run's id)
};

inline constexpr const char* kSessionSuffix = "motifloom";
inline constexpr int kSessionVersion = 1;

// The file's bytes / the session they describe. sessionFromBytes throws InputError(source,
// line, message) for invalid JSON (with its line), another format or a newer version, and
// for missing or malformed parts ("run 3: key 'history' not found").
std::string sessionToBytes(const Session& session);
Session sessionFromBytes(std::string_view bytes, const std::string& source);

// Writes atomically; throws InputError naming `path` when it cannot be written (the file that
// was there is kept).
void saveSession(const std::string& path, const Session& session);
// Throws InputError naming `path` when it cannot be read or is not a valid session.
Session loadSession(const std::string& path);

}  // namespace motifloom::lab
