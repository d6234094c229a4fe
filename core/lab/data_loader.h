#pragma once
// LoadedData: the data set a DataRecipe (data_recipe.h) builds, ready for training and for
// views; loadData: the builder, safe to call from a worker thread (it touches no shared state
// except a mutex-guarded motif database cache).
//
// Coordinates in LoadedData::truth are those of synth::Placement: 0-based, forward strand,
// half-open [start, start + width), `sequence` indexing the generation order. Use
// placementsOf(part, i) to find the placements of sequence i of a split.

#include "lab/data_recipe.h"
#include "motif/motif.h"
#include "seqio/sequence_set.h"
#include "synth/synthetic_data.h"
#include "util/warnings.h"

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace motifloom::lab {

struct LoadedData {
    DataRecipe recipe;                    // what was loaded
    seqio::DataSplits splits;             // train / valid / test, one common length
    std::vector<std::string> classNames;  // label order (= splits.*.classNames)

    // Ground truth (Synthetic only; empty otherwise): every embedded motif instance, sorted by
    // sequence (generation order) then start; truthStart[g] .. truthStart[g+1] are those of
    // generated sequence g. sourceIndex[part][i] is the generated index of sequence i of that
    // part (empty without ground truth).
    std::vector<synth::Placement> truth;
    std::vector<std::size_t> truthStart;
    std::array<std::vector<std::size_t>, 3> sourceIndex;

    // Motifs whose class index a Placement's `motif` refers to (Synthetic: the generating
    // motifs, label order); Directory: DIR/motifs.meme when simulate wrote it (the classes' motifs,
    // label order; no placements); Fasta: the recipe's expectedMotifIds, if any.
    motif::MotifList trueMotifs;

    // Per class: number of sequences of train / valid / test carrying it.
    std::vector<std::array<long, 3>> classCounts;
    std::string summary;                  // several lines for the data panel and logs
    Warnings warnings;                    // tolerable input problems (FASTA)

    bool hasTruth() const { return !truthStart.empty(); }
    const seqio::SequenceSet& part(synth::Part p) const;
    // Placements of sequence `index` of `part` (empty without ground truth).
    std::span<const synth::Placement> placementsOf(synth::Part part, std::size_t index) const;
};

// (fraction done in [0, 1], what is happening) -> keep going? Called from the loading thread.
using LoadProgress = std::function<bool(double fraction, const std::string& stage)>;

// Builds the data set of `recipe`. Throws InputError (a message for the user naming file and
// line where there is one) for bad recipes or inputs, seqio::LoadCancelled when `progress`
// returns false. Thread-safe; the caller owns the result.
LoadedData loadData(const DataRecipe& recipe, const LoadProgress& progress = {});

// The motif file `path` (empty = the bundled JASPAR file), read once and cached for the
// process (thread-safe). Throws InputError when it cannot be read.
std::shared_ptr<const motif::MotifList> motifDatabase(const std::string& path = {});

// Display name for a motif file path ("JASPAR CORE vertebrates (bundled)" for the default).
std::string motifDatabaseLabel(const std::string& path);

// The synthetic configuration of a Synthetic recipe, motifs picked from `database` (label
// order = recipe.motifIds). Throws InputError for an unknown ID or a recipe that
// synth::validate rejects.
synth::SynthConfig synthConfig(const DataRecipe& recipe, const motif::MotifList& database,
                               const std::string& databaseSource);

}  // namespace motifloom::lab
