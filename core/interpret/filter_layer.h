#pragma once
// FilterLayer: where the filters of one convolution layer can be read out, and which input
// bases each of its output positions saw.
//
// Layers are numbered two ways: `convNumber` counts convolution layers from 1 (the paper's
// "first layer", "layer 2" of CNN-1), the indices are 0-based positions in arch.layers.
//
// Activations are read after the nonlinearity that follows the convolution (and its batch
// norm), before any pooling: from the conv, the block's following BatchNorm / Activation /
// Dropout layers are scanned and the last Activation is used (the conv itself, or its batch
// norm, when there is none).
//
// Coordinates: 0-based, half-open, in input bases. Output position p of the layer saw the
// input window [p + windowOffset, p + windowOffset + receptiveField); parts of it outside
// [0, inputLength) were padding (no base). This needs the layer's positions to line up with the
// input one to one: every convolution and pooling before it must have stride 1 (the first layer,
// and unpooled deeper layers such as CNN-1's second convolution). 'same' convolutions and
// stride-1 pools shift the window left by (width - 1) / 2, as the engine pads (nn/conv1d.h);
// 'valid' convolutions do not shift it.

#include "arch/architecture.h"

namespace motifloom::interpret {

struct FilterLayer {
    int convNumber = 0;       // 1-based among the convolution layers
    int convIndex = -1;       // index of the Conv1D in arch.layers
    int activationIndex = -1; // index of the layer whose output is read (see above)
    int filters = 0;          // output channels
    int inputChannels = 0;    // channels the conv reads (4 = A,C,G,T for the first layer)
    int length = 0;           // output positions per sequence
    int receptiveField = 0;   // window width in input bases
    int windowOffset = 0;     // window of position p starts at input base p + windowOffset
};

// Number of Conv1D layers in `arch`.
int convLayerCount(const arch::Architecture& arch);

// The geometry of convolution layer `convNumber` (1-based). Throws InputError when the
// architecture has no such convolution, or when a stride > 1 pooling (or a flatten) precedes
// it, so that its positions do not line up with the input; the message names the layers.
// `arch` must be valid (arch::validate empty).
FilterLayer filterLayer(const arch::Architecture& arch, int convNumber = 1);

}  // namespace motifloom::interpret
