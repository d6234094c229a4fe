#pragma once
// Value types the training worker thread posts to the GUI thread (queued signals), and the
// description of one training job.
//
// Ownership: everything here is a value or a shared_ptr to an immutable object, so a receiver
// may keep what it gets for as long as it likes; nothing refers into the live network of the
// training thread (values cross threads, never references into live state).
//
// Epochs are 1-based; a batch's position on the plots' x axis is the fractional epoch
// (epoch - 1) + batch / batchesPerEpoch, so per-batch and per-epoch curves share one axis.

#include "arch/architecture.h"
#include "lab/data_loader.h"
#include "lab/run_record.h"
#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "nn/network.h"
#include "train/training_history.h"

#include <QMetaType>

#include <memory>
#include <string>
#include <vector>

namespace motifloom::ui {

// The batches finished since the previous BatchProgress (the worker coalesces them so the GUI
// gets at most ~40 of these per second, however fast the batches are).
struct BatchProgress {
    int epoch = 0;                  // 1-based epoch of the last batch in `losses`
    int batch = 0;                  // 1-based batch (within `epoch`) of the last loss
    int batchesPerEpoch = 0;
    int maxEpochs = 0;
    long step = 0;                  // batches trained in this run so far (global step)
    double sequencesPerSecond = 0;  // throughput over the epoch so far
    double elapsedSeconds = 0;      // wall time since the run started
    // Data loss of each batch since the previous BatchProgress, oldest first; the last one
    // belongs to (epoch, batch) and entry i to global step step - losses.size() + 1 + i.
    std::vector<double> losses;

    double fractionalEpoch() const {
        return batchesPerEpoch > 0 ? (epoch - 1) + double(batch) / batchesPerEpoch : 0.0;
    }
};

// What the first-layer filters look like at one point of a run: activation PWMs and (when a
// motif database is available) their Tomtom matches. Computed in the worker thread.
struct FilterSnapshot {
    int epoch = 0;                                  // epoch after which it was taken
    bool final = false;                             // from the kept weights on the test set
    std::string dataPart;                           // "validation" or "test": the PWMs' data
    std::shared_ptr<const nn::Network> network;     // the weights the PWMs come from
    interpret::FilterPwmSet pwms;                   // first convolution layer
    bool matched = false;                           // matches/summary valid
    std::vector<interpret::FilterMatches> matches;  // one per filter, filter order
    interpret::MatchSummary summary;
    std::vector<std::string> truth;                 // true-motif keys (JASPAR IDs), label order
    std::vector<std::string> truthNames;            // their names (TF names)
    std::string matchNote;                          // why there are no matches, if not matched
};

// One run to train: the architecture (with its training settings and seed, already fitted to
// the data's length and classes) and the data.
struct TrainingJob {
    int runId = 0;                            // the session's id for the resulting run
    std::string label;                        // "CNN-25 · seed 1"
    arch::Architecture architecture;          // incl. architecture.training
    std::shared_ptr<const lab::LoadedData> data;   // never null
    std::string sweep;                        // sweep name, empty for a single run
    int trial = 0;                            // 1-based trial within the sweep, 0 otherwise
    bool liveFilters = true;                  // PWMs + matches after every epoch
};

// The architecture adapted to data of `inputLength` bases and `numClasses` classes: an
// unedited preset is rebuilt for those sizes (arch::preset keeps the paper's layers and
// shrinks impossible pools), anything else gets inputLength / numClasses set (the final Dense
// layer's units follow). The training settings are kept. `note` (optional) receives a sentence
// describing the change, empty when nothing changed. Never throws; the result may still fail
// arch::validate (the caller reports that).
arch::Architecture fitArchitectureToData(const arch::Architecture& arch, int inputLength, int numClasses,
                                         std::string* note = nullptr);

// "CNN-25 · seed 1" (with " · trial 2" for sweeps).
std::string jobLabel(const arch::Architecture& arch, int trial = 0);
// With the data between model and seed, so runs on different data sets are told apart:
// "CNN-25 · synthetic 12 motifs · seed 1", "CNN-25 · pos.fa+neg.fa · seed 1".
std::string jobLabel(const arch::Architecture& arch, const lab::DataRecipe& data, int trial = 0);
// The data part of that label: "synthetic 12 motifs", the FASTA file names joined by "+"
// (the first two and "+3 more" beyond three), "train.fa+valid.fa+test.fa"'s folder name, or a
// directory's name.
std::string dataShortName(const lab::DataRecipe& data);

}  // namespace motifloom::ui

Q_DECLARE_METATYPE(motifloom::ui::BatchProgress)
Q_DECLARE_METATYPE(motifloom::train::EpochRecord)
Q_DECLARE_METATYPE(std::shared_ptr<const motifloom::ui::FilterSnapshot>)
Q_DECLARE_METATYPE(std::shared_ptr<const motifloom::lab::RunRecord>)
