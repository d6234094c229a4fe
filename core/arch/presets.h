#pragma once
// Presets: every model of Koo & Eddy (2019) by its paper name (see docs/paper.md), with the
// paper's training settings.
//
// Layer structure of every preset (layer numbers as the GUI shows them, from 1):
//   per conv block: Conv1D ('same', no bias) -> BatchNorm (eps 1e-8) -> ReLU -> MaxPool
//                   -> Dropout 0.1      (CNN-1-3's middle block has no MaxPool)
//   head:           Flatten -> Dense 512 (no bias; CNN-50-2: 96) -> BatchNorm -> ReLU
//                   -> Dropout 0.5 -> Dense numClasses (with bias); output sigmoid.
// A first-layer pool of 1 (CNN-1, CNN-1-3) is kept as an explicit MaxPool 1 (an identity), so
// every CNN-N preset has the same layer numbering.
//
// Other input lengths (e.g. 1000-nt ChIP-seq windows): the layers stay exactly the paper's,
// including the second pool, so the flatten simply grows (CNN-25 at 1000 nt: 1000/25 = 40,
// /4 = 10 positions x 128 channels). Only when a pool window would be longer than its input
// (short sequences) is the window, and an explicit stride beyond it, shrunk to the input
// length, i.e. a global max-pool; so validate() passes for every inputLength >= 1.

#include "arch/architecture.h"

#include <string>
#include <vector>

namespace motifloom::arch {

// The preset names in the paper's order: CNN-1, CNN-2, CNN-4, CNN-10, CNN-25, CNN-50, CNN-100,
// CNN-50-2, CNN9-4, CNN9-25, CNN3-2, CNN3-50, CNN-2-1, CNN-25-60, CNN-25-90, CNN-25-120, CNN-1-3.
std::vector<std::string> presetNames();

// True when `name` names a preset (case-insensitive, e.g. "cnn-25").
bool isPreset(const std::string& name);

// The preset `name` (case-insensitive; the result carries the canonical name) for sequences
// of `inputLength` bases and `numClasses` classes. Throws InputError for an unknown name
// (listing the valid ones) or for inputLength/numClasses < 1.
Architecture preset(const std::string& name, int inputLength = 200, int numClasses = 12);

// One line describing the preset (also stored in preset(name).description). Throws
// InputError for an unknown name.
std::string presetDescription(const std::string& name);

// What the paper's principle predicts for this architecture's first-layer filters, in one or
// two sentences: large first-layer pooling (strong downsampling) -> whole motifs (localist);
// small pooling -> partial motifs assembled by deeper layers (distributed); plus a note for
// filters shorter than typical motifs. A heuristic reading of the paper, not a result.
// Works on any architecture (not only presets); never throws.
std::string representationHint(const Architecture& arch);

}  // namespace motifloom::arch
