#pragma once
// TrainingWorker: runs one TrainingJob at a time in the thread it lives in (the controller's
// QThread, see training_controller.h) and reports through queued signals only.
//
// A run: train::fit with an observer that coalesces per-batch losses (at most one
// BatchProgress per ~25 ms and always the last batch of an epoch), emits every EpochRecord
// and, when job.liveFilters, a FilterSnapshot of the first-layer filters after every epoch
// (activation PWMs on the validation set, Tomtom matches against the recipe's motif database).
// When fit returns, the kept weights are scored on the test set (metrics, ROC / PR curves) and
// their filters computed on the test set; the result is one RunRecord. A run cancelled (or
// diverged) after >= 1 epoch is kept like any other, marked "stopped" ("diverged"); one that
// ends before its first epoch gives discarded() (nothing to keep) or failed().
//
// Threads: run() and all the work happen in this object's thread; signals are the only output
// (never a widget, never processEvents). abandon() is the one thread-safe method.

#include "lab/run_record.h"
#include "training/training_types.h"

#include "train/trainer.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace motifloom::interpret {
class FilterMatcher;
}

namespace motifloom::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Trains `job` to the end, blocking this thread. Never throws: errors become failed().
    void run(const TrainingJob& job, std::shared_ptr<train::TrainControl> control);

    // Thread-safe: the owner is going away; finish the current fit as cancelled, skip the
    // final evaluation and emit nothing more.
    void abandon() { mAbandoned.store(true); }

    // The first-layer filters of `net` on `data` (PWMs; matches when `matcher` is given).
    // Pure computation, usable from any thread. Throws InputError when the network's first
    // convolution cannot be read out.
    static FilterSnapshot computeFilters(const std::shared_ptr<const nn::Network>& net,
                                         const seqio::SequenceSet& data, const lab::LoadedData& loaded,
                                         const interpret::FilterMatcher* matcher, const std::string& matchNote);

Q_SIGNALS:
    void batchProgress(const motifloom::ui::BatchProgress& progress);
    void epochFinished(const motifloom::train::EpochRecord& record);
    void filtersUpdated(std::shared_ptr<const motifloom::ui::FilterSnapshot> snapshot);
    void message(const QString& text);
    void finished(std::shared_ptr<const motifloom::lab::RunRecord> run);
    void discarded(const QString& reason);
    void failed(const QString& message);

private:
    // The motif database matcher for `path` (empty = bundled JASPAR), built once per path;
    // null with *note set when the database cannot be read.
    std::shared_ptr<const interpret::FilterMatcher> matcherFor(const std::string& path, std::string* note);

    std::atomic<bool> mAbandoned{false};
    std::map<std::string, std::shared_ptr<const interpret::FilterMatcher>> mMatchers;
    std::map<std::string, std::string> mMatcherErrors;
};

}  // namespace motifloom::ui
