#pragma once
// LessonHost: what a lesson may do to the lab. The lesson dock (lesson_dock.h) runs a step's
// actions (core/lesson/lesson.h) through this small interface only, so the main window
// implements it (ui/app_window/main_window_lessons.cpp) and tests can drive the same code.
// Every command returns an empty string on success, else a message for the teacher ("a run is
// already under way; stop it (Esc) or wait for it"); none of them blocks.

#include "arch/architecture.h"
#include "lab/data_recipe.h"
#include "lab/run_record.h"
#include "lesson/lesson.h"
#include "lesson/lesson_text.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace motifloom::ui {

class LessonHost {
public:
    virtual ~LessonHost() = default;

    // Data: shows `recipe` in the data panel; loads it at once when `loadNow`.
    virtual QString loadData(const lab::DataRecipe& recipe, bool loadNow) = 0;
    // Where sample_fasta actions write their files (a writable folder).
    virtual QString lessonDataFolder() const = 0;
    // Architecture: a preset (fitted to the current input length and classes) or a whole one.
    virtual QString selectPreset(const QString& name) = 0;
    virtual QString setArchitecture(const arch::Architecture& architecture) = 0;
    virtual arch::TrainingSettings trainingSettings() const = 0;
    virtual QString setTrainingSettings(const arch::TrainingSettings& settings) = 0;
    // Training: one run (loading the data first if needed), or a race of 2-4 architectures.
    virtual QString startTraining() = 0;
    virtual QString startRace(const QStringList& architectures) = 0;
    virtual bool isBusy() const = 0;  // data loading, waiting to train, or training
    virtual int runCount() const = 0;
    // Views.
    virtual QString showTab(const QString& title) = 0;
    virtual QString openAlignment(int filterIndex) = 0;      // 0-based
    virtual QString openInspector(int testSequenceIndex) = 0;  // 0-based
    // Selects runs to compare (the last `last`, or those labelled `labels`) and shows Compare.
    virtual QString compareRuns(int last, const QStringList& labels) = 0;
    // Pre-trained runs of a step: kept like trained ones (a run already added stays once).
    virtual QString addRuns(const std::vector<std::shared_ptr<const lab::RunRecord>>& runs) = 0;
    // "Predict first, then look": hides exactly `hidden` (empty: shows everything).
    virtual void setStatisticsHidden(const std::vector<lesson::Hidden>& hidden) = 0;
    // A picture for a text placeholder at most `width` pixels wide; null when there is nothing
    // to show yet (e.g. no run has filters).
    virtual QImage placeholderImage(const lesson::Placeholder& placeholder, int width) = 0;
};

}  // namespace motifloom::ui
