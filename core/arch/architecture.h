#pragma once
// Architecture: a 1-D CNN described as plain data (the value type the GUI's layer editor
// edits, saved as JSON, turned into a trainable network by nn::Network (core/nn)).
//
// Tensors flow as (length, channels) per sequence. The input is one-hot DNA of shape
// (inputLength, 4). Conv1D and MaxPool change the length; Flatten turns (L, C) into (1, L*C);
// Dense needs length 1, i.e. a Flatten before the first Dense. The last layer must be a Dense
// layer with `numClasses` units; `output` decides whether its logits go through a sigmoid
// (multi-label, binary cross-entropy) or a softmax (single-label, categorical cross-entropy).

#include "arch/training_settings.h"

#include <string>
#include <vector>

namespace motifloom::arch {

enum class LayerType { Conv1D, BatchNorm, Activation, MaxPool, Dropout, Flatten, Dense };
enum class ActivationType { ReLU, Exponential, Sigmoid, Linear };
enum class Padding { Same, Valid };
enum class OutputKind { Sigmoid, Softmax };

// One layer's hyper-parameters; fields that do not apply to `type` are ignored.
struct LayerSpec {
    LayerType type = LayerType::Conv1D;
    int units = 0;                      // Conv1D: number of filters; Dense: output units
    int width = 0;                      // Conv1D: kernel width in positions
    Padding padding = Padding::Same;    // Conv1D: 'same' keeps the length, 'valid' shrinks it
    bool bias = false;                  // Conv1D, Dense
    int poolSize = 1;                   // MaxPool: window
    int poolStride = 0;                 // MaxPool: stride; 0 means equal to poolSize
    double dropRate = 0.0;              // Dropout: fraction dropped (inverted dropout)
    ActivationType activation = ActivationType::ReLU;  // Activation
    double epsilon = 1e-8;              // BatchNorm: variance epsilon (paper: 1e-8)
    double momentum = 0.99;             // BatchNorm: running = m*running + (1-m)*batch

    int stride() const { return poolStride > 0 ? poolStride : poolSize; }
    bool operator==(const LayerSpec&) const = default;

    // Convenience constructors for readable presets and tests.
    static LayerSpec conv(int filters, int width, Padding p = Padding::Same, bool bias = false);
    static LayerSpec batchNorm(double epsilon = 1e-8);
    static LayerSpec act(ActivationType a);
    static LayerSpec maxPool(int size, int stride = 0);
    static LayerSpec dropout(double rate);
    static LayerSpec flatten();
    static LayerSpec dense(int units, bool bias = false);
};

struct Architecture {
    std::string name;             // e.g. "CNN-25"
    std::string description;      // one line shown in the GUI
    int inputLength = 200;        // bases per sequence
    int numClasses = 12;          // units of the final Dense layer
    OutputKind output = OutputKind::Sigmoid;
    std::vector<LayerSpec> layers;
    TrainingSettings training;    // recommended settings (presets: the paper's)

    bool operator==(const Architecture&) const = default;
};

// Shape of one sequence's tensor after a layer.
struct Shape {
    int length = 0;
    int channels = 0;
    bool operator==(const Shape&) const = default;
};

// Problems a user can fix, as sentences ("layer 4: max-pool 50 on a length-4 input"); empty
// when the architecture can be built and trained. Never throws. THE rules: see the end of file.
std::vector<std::string> validate(const Architecture& arch);

// Output shape of each layer (same size as arch.layers). Valid only if validate() is empty;
// otherwise entries from the first impossible layer on are {0, 0}.
std::vector<Shape> outputShapes(const Architecture& arch);

// Receptive field, in input bases, of one output position of layer `layerIndex` (counting
// convolution widths and pooling windows/strides of that layer and all before it). For layers
// after Flatten it is the whole input length.
// Standard recurrence from rf = 1, jump = 1: a conv adds (width - 1) * jump; a max-pool adds
// (window - 1) * jump, then jump *= stride (window and stride separate, as CNN-50-2's 50/2).
// With 'same' padding, windows reach past the sequence ends, so the value may exceed
// inputLength (CNN-25's second pool: 218 at L = 200); std::min it for the visible span.
int receptiveField(const Architecture& arch, int layerIndex);

// Trainable parameters: conv/dense weights and biases, batch-norm gamma and beta (running
// statistics are not counted). CNN-1 ... CNN-100 at length 200 give 160,048.
long parameterCount(const Architecture& arch);
long parameterCount(const Architecture& arch, int layerIndex);

// Replaces the output layer's units and numClasses (e.g. to fit a data set with 3 classes).
void setNumClasses(Architecture& arch, int numClasses);

}  // namespace motifloom::arch

// The rules of validate() are the only ones: the layer editor shows them, the trainer refuses
// to start on them, and nn::Network's constructor (also when it loads a model file) throws
// them, so an architecture is valid everywhere or nowhere. Where a looser rule would also
// compute something, validate() chooses:
//   - batch-norm epsilon finite and > 0: 0 divides by zero on a constant channel, infinity
//     turns every output into beta (and JSON cannot hold it);
//   - batch-norm momentum in [0, 1): at 1 the running averages never leave their start values
//     (mean 0, variance 1), so inference would ignore everything training saw;
//   - dropout rate in [0, 1); max-pool window at least 1 and at most its input's length,
//     stride 0 (= window) or more;
//   - a Dense layer needs a Flatten before it (a length-1 input is not enough); convolutions
//     and max-pools come before the Flatten, and there is one Flatten;
//   - every layer's output and parameter count fits the engine's int indices;
//   - the training settings too ("training: ..."): a Network carries them (its default
//     penalties) and stores them in model files.
