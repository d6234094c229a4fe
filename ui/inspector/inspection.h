#pragma once
// What the sequence inspector shows about one sequence under one model, computed in one go off
// the GUI thread (inspectSequence is const on the network and may run in a QtConcurrent task):
// the class probabilities, the activations of one convolution layer (post-activation, before
// pooling), saliency (gradient x input) for every class and in-silico mutagenesis (every
// single-base substitution, every class) - core/attribution does the work.
//
// InspectorModel is the model side: the network (the live run's latest weights or a kept
// run's), with what the filter gallery knows about its first-layer filters (activation PWMs,
// hence each filter's firing threshold, and the best database match of each filter) so that
// heat-map rows can be named and a filter's sites marked with the threshold its PWM used.

#include "attribution/activation_map.h"
#include "attribution/mutagenesis.h"
#include "attribution/saliency.h"
#include "interpret/filter_pwm.h"
#include "nn/network.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace motifloom::ui {

struct InspectorModel {
    std::shared_ptr<const nn::Network> network;          // null: no model yet
    QString label;                                       // "#3 CNN-25 · seed 1" or "CNN-25 · seed 1, epoch 4"
    std::shared_ptr<const interpret::FilterPwmSet> pwms; // first-layer PWMs (may be null)
    std::vector<QString> filterNames;                    // per first-layer filter: best match ("" when none)
    std::vector<bool> filterMatchesTruth;                // per filter: some hit is a true motif
    bool live = false;                                   // snapshot of a run in progress

    bool valid() const { return network != nullptr; }
    // Activation above which first-layer filter f "fires" (threshold x its largest activation
    // over the PWM data, as interpret::activationPwms); NaN without PWMs or for a silent filter.
    double firingThreshold(int filter) const;
    // "filter 3 · CTCF" (1-based), or "filter 3".
    QString filterLabel(int filter) const;
};

struct Inspection {
    std::vector<std::uint8_t> sequence;      // the codes inspected
    int convNumber = 1;                      // the layer of `activations`
    std::vector<float> probabilities;        // per class
    std::vector<float> logits;               // per class
    attribution::ActivationMap activations;  // one sequence
    QString activationProblem;               // why the layer cannot be read (activations empty)
    attribution::Saliency saliency;          // every class, class order
    attribution::Mutagenesis ism;            // every class
    double milliseconds = 0;                 // compute time
};

// Everything for `sequence` (net.inputLength() codes). Never throws for a readable layer; an
// unreadable one leaves `activations` empty with the reason in activationProblem.
Inspection inspectSequence(const nn::Network& net, std::vector<std::uint8_t> sequence, int convNumber = 1);

// Per-class probabilities of every sequence of a set (n x classes), for choosing sequences.
std::vector<float> predictAll(const nn::Network& net, const std::uint8_t* codes, std::size_t n);

// Per sequence, the largest activation of first-layer filter `filter` (for "where this filter
// fires"), in chunks so memory stays small.
std::vector<float> filterPeaks(const nn::Network& net, const std::uint8_t* codes, std::size_t n, int length,
                               int filter);

}  // namespace motifloom::ui
