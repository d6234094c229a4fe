#pragma once
// Nominal floating-point work of an architecture, for throughput reports (GFLOP/s).
//
// Counted as frameworks count it: a multiply-add is 2 FLOPs; convolution (including the first
// layer, although MotifLoom runs that one as a table lookup on one-hot input) and dense layers
// only; element-wise layers (batch norm, activations, pooling, dropout) are ignored.
//   forward  conv: 2 * Lout * width * Cin * F        dense: 2 * in * out
//   training step = forward + input gradient + weight gradient = 3x forward, except that the
//   first layer needs no input gradient (2x).

#include "arch/architecture.h"

namespace motifloom::arch {

double forwardFlopsPerSequence(const Architecture& arch);
double trainingFlopsPerSequence(const Architecture& arch);

// The work MotifLoom's engine actually executes for one training step of one sequence: as
// above, except that the first convolution is a table lookup on one-hot input (one add per
// tap, filter and position forward, and the same again for its weight gradient).
double executedTrainingFlopsPerSequence(const Architecture& arch);

}  // namespace motifloom::arch
