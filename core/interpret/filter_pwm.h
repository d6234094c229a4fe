#pragma once
// What a convolution filter learned, as position weight matrices (Koo & Eddy 2019; docs/paper.md,
// "Filter → PWM").
//
// Activation-based PWM of filter f of a layer (see filter_layer.h for the window geometry):
//   1. run the data through the network in inference mode and read the layer's activations
//      (after the ReLU that follows conv + batch norm, before pooling);
//   2. sites = every (sequence, position) whose activation a > threshold x max_f, max_f being
//      the filter's largest activation over the whole data set (strictly greater);
//   3. cut the input window the position saw (the receptive field: the filter's width for the
//      first layer, centred on the position); window columns outside the sequence, and padding
//      bases (code 0), contribute no base;
//   4. PWM column c = sum_sites a x onehot(base at c) / sum_sites a x coverage(c), i.e. the
//      activation-weighted base counts normalised per column (an ambiguity code such as N adds
//      a uniform share to its bases, as the network's one-hot does). A column no site covers is
//      uniform.
//   nsites = the number of sites (so Tomtom's pseudocounts see how much evidence there is).
// A filter whose maximum is <= 0 never fires: its PWM is empty (width 0), never noise.
//
// Layout: motifs follow motif.h (4 x width probabilities, rows A,C,G,T, forward strand);
// filters are numbered from 1 in ids ("filter1", ...), from 0 in vectors.
//
// Cost: two streamed inference passes up to the layer (the filters' maxima, then the sites), in
// parallel over chunks of sequences; memory is one chunk's activations (~32 MB) per worker, never
// the whole data set's (5,000 x 200 x 30 floats would be 120 MB, x 128 channels for deeper layers).
// Determinism: the chunks depend on the layer's shape only, never on the thread count, and their
// double-precision partial sums are added in chunk order, so results are bit-identical with 1 or
// N threads.

#include "interpret/filter_layer.h"
#include "motif/motif.h"
#include "nn/network.h"
#include "seqio/sequence_set.h"

#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::interpret {

// "filter1" for index 0: the id (and name) of filter motifs in files and reports.
std::string filterId(int filterIndex);

struct PwmOptions {
    double threshold = 0.5;  // fraction of each filter's maximum a site must exceed; [0, 1)
};

struct FilterPwm {
    motif::Motif motif;          // 4 x receptiveField, id = name = filterId; width 0 if never fires
    long sites = 0;              // aligned sites (= motif.nsites)
    double maxActivation = 0.0;  // the filter's largest activation over the data
    bool fires() const { return sites > 0; }
};

struct FilterPwmSet {
    FilterLayer layer;
    double threshold = 0.5;
    std::size_t sequences = 0;       // data set size the PWMs were estimated from
    std::vector<FilterPwm> filters;  // one per filter of the layer, in filter order
};

// Activation-based PWMs of every filter of convolution layer `convNumber` (1-based) over all
// sequences of `data`. Throws InputError when the data's length differs from the network's
// input length, when the layer cannot be read out (filterLayer), or when the threshold is
// outside [0, 1).
FilterPwmSet activationPwms(const nn::Network& net, const seqio::SequenceSet& data, int convNumber = 1,
                            const PwmOptions& options = {});

// Clipping before comparison (paper: the span of columns with information > 0.5 bits, widened
// by 3 columns on each side; motif::clipByInformation).
struct ClipOptions {
    bool enabled = true;
    double minBits = 0.5;
    int pad = 3;
};

// The motifs to compare with a database, one per filter in filter order: the PWM, clipped when
// clip.enabled. Width 0 for a filter that never fires or has no column above clip.minBits
// (uninformative); such motifs cannot be compared or written to MEME files.
motif::MotifList comparisonMotifs(const FilterPwmSet& set, const ClipOptions& clip = {});

// Raw-weight PWMs of the first convolution layer, for comparison logos: column k of filter f is
// p_b = exp(w[f][b][k]) / sum_b' exp(w[f][b'][k]) (a softmax over the four bases of each tap;
// only the differences between a column's weights matter, as for the one-hot input). Width =
// the filter width, nsites 0, ids filterId. Batch norm and ReLU are ignored; these show the
// weights, not what the filter responds to in data.
motif::MotifList rawWeightPwms(const nn::Network& net);

// Activation of `filter` (0-based) of `layer` along one sequence (net.inputLength() base codes):
// layer.length values; value p belongs to the input window starting at p + layer.windowOffset.
std::vector<float> activationTrack(const nn::Network& net, const FilterLayer& layer,
                                   const std::uint8_t* sequence, int filter);

}  // namespace motifloom::interpret
