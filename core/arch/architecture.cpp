#include "arch/architecture.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>
#include <cstdio>

// Shape rules (see architecture.h): 'same' conv keeps L, 'valid' conv gives L - width + 1;
// max-pool uses 'same' semantics, ceil(L / stride), with window and stride independent;
// Flatten gives (1, L*C); Dense needs length 1. Layers are numbered from 1 in messages, the
// way the GUI's layer list shows them.

namespace motifloom::arch {

LayerSpec LayerSpec::conv(int filters, int width, Padding p, bool bias) {
    LayerSpec s;
    s.type = LayerType::Conv1D;
    s.units = filters;
    s.width = width;
    s.padding = p;
    s.bias = bias;
    return s;
}

LayerSpec LayerSpec::batchNorm(double epsilon) {
    LayerSpec s;
    s.type = LayerType::BatchNorm;
    s.epsilon = epsilon;
    return s;
}

LayerSpec LayerSpec::act(ActivationType a) {
    LayerSpec s;
    s.type = LayerType::Activation;
    s.activation = a;
    return s;
}

LayerSpec LayerSpec::maxPool(int size, int stride) {
    LayerSpec s;
    s.type = LayerType::MaxPool;
    s.poolSize = size;
    s.poolStride = stride;
    return s;
}

LayerSpec LayerSpec::dropout(double rate) {
    LayerSpec s;
    s.type = LayerType::Dropout;
    s.dropRate = rate;
    return s;
}

LayerSpec LayerSpec::flatten() {
    LayerSpec s;
    s.type = LayerType::Flatten;
    return s;
}

LayerSpec LayerSpec::dense(int units, bool bias) {
    LayerSpec s;
    s.type = LayerType::Dense;
    s.units = units;
    s.bias = bias;
    return s;
}

namespace {

// The nn engine indexes tensors and parameter arrays with int.
constexpr long long kMaxValues = INT_MAX;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string withThousands(long double v) {
    if (v >= 1e15L) return num(double(v));
    std::string digits = std::to_string((long long)v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

const char* layerNoun(LayerType t) {
    switch (t) {
    case LayerType::Conv1D: return "convolution";
    case LayerType::BatchNorm: return "batch-norm layer";
    case LayerType::Activation: return "activation layer";
    case LayerType::MaxPool: return "max-pool";
    case LayerType::Dropout: return "dropout layer";
    case LayerType::Flatten: return "flatten layer";
    case LayerType::Dense: return "dense layer";
    }
    return "layer";
}

// Parameters of one layer given its input shape; long double so absurd sizes cannot overflow
// before validate() gets to reject them.
long double layerParameters(const LayerSpec& s, Shape in) {
    switch (s.type) {
    case LayerType::Conv1D:
        return (long double)s.width * in.channels * s.units + (s.bias ? s.units : 0);
    case LayerType::Dense:
        return (long double)in.channels * s.units + (s.bias ? s.units : 0);
    case LayerType::BatchNorm:
        return 2.0L * in.channels;  // gamma and beta per channel
    default:
        return 0;
    }
}

void checkTraining(const TrainingSettings& t, std::vector<std::string>& problems) {
    auto add = [&](const std::string& m) { problems.push_back("training: " + m); };
    if (!(t.learningRate > 0) || !std::isfinite(t.learningRate))
        add("the learning rate must be positive (is " + num(t.learningRate) + ")");
    if (t.optimizer == OptimizerKind::Adam) {
        if (!(t.beta1 >= 0 && t.beta1 < 1)) add("Adam beta1 must be in [0, 1) (is " + num(t.beta1) + ")");
        if (!(t.beta2 >= 0 && t.beta2 < 1)) add("Adam beta2 must be in [0, 1) (is " + num(t.beta2) + ")");
        if (!(t.adamEpsilon > 0) || !std::isfinite(t.adamEpsilon))
            add("Adam epsilon must be positive (is " + num(t.adamEpsilon) + ")");
    } else if (!(t.momentum >= 0 && t.momentum < 1)) {
        add("SGD momentum must be in [0, 1) (is " + num(t.momentum) + ")");
    }
    if (t.batchSize < 1) add("the batch size must be at least 1 (is " + std::to_string(t.batchSize) + ")");
    if (t.maxEpochs < 1) add("the number of epochs must be at least 1 (is " + std::to_string(t.maxEpochs) + ")");
    if (t.patience < 0) add("early-stopping patience must be 0 (off) or more (is " + std::to_string(t.patience) + ")");
    if (!(t.l1 >= 0) || !std::isfinite(t.l1)) add("the L1 penalty must be 0 or more (is " + num(t.l1) + ")");
    if (!(t.l2 >= 0) || !std::isfinite(t.l2)) add("the L2 penalty must be 0 or more (is " + num(t.l2) + ")");
}

// One walk over the layers computing shapes and (if `problems` is given) collecting every
// problem. A structural problem makes the layer's shape unknown ({0, 0}) from there on;
// later layers are still checked for problems that do not depend on the shape.
std::vector<Shape> analyze(const Architecture& arch, std::vector<std::string>* problems) {
    std::vector<std::string> sink;
    std::vector<std::string>& out = problems ? *problems : sink;
    const int n = int(arch.layers.size());
    std::vector<Shape> shapes(std::size_t(n), Shape{});

    if (arch.inputLength < 1)
        out.push_back("the input length must be at least 1 base (is " + std::to_string(arch.inputLength) + ")");
    if (arch.numClasses < 1)
        out.push_back("the number of classes must be at least 1 (is " + std::to_string(arch.numClasses) + ")");
    else if (arch.output == OutputKind::Softmax && arch.numClasses < 2)
        out.push_back("a softmax output needs at least 2 classes; use a sigmoid output for a single class");
    if (n == 0) {
        out.push_back("the architecture has no layers; it needs at least a flatten layer and a dense output layer");
        if (problems) checkTraining(arch.training, out);
        return shapes;
    }

    bool known = arch.inputLength >= 1;
    long long len = arch.inputLength, ch = 4;
    int flattenAt = -1;  // index of the first Flatten
    long double totalParams = 0;

    for (int i = 0; i < n; ++i) {
        const LayerSpec& s = arch.layers[std::size_t(i)];
        const std::string at = "layer " + std::to_string(i + 1) + ": ";
        auto problem = [&](const std::string& m) { out.push_back(at + m); };
        bool ok = true;  // false: this layer's output shape cannot be computed
        long long outLen = len, outCh = ch;

        switch (s.type) {
        case LayerType::Conv1D:
            if (s.units < 1) { problem("a convolution needs at least 1 filter (has " + std::to_string(s.units) + ")"); ok = false; }
            if (s.width < 1) { problem("the convolution width must be at least 1 (is " + std::to_string(s.width) + ")"); ok = false; }
            if (flattenAt >= 0) {
                problem("convolution after the flatten in layer " + std::to_string(flattenAt + 1) +
                        "; convolutions must come before the flatten");
                ok = false;
            } else if (known && ok && s.padding == Padding::Valid && s.width > len) {
                problem("'valid' convolution of width " + std::to_string(s.width) + " on a length-" +
                        std::to_string(len) + " input; use 'same' padding or a width of at most " + std::to_string(len));
                ok = false;
            }
            outLen = s.padding == Padding::Same ? len : len - s.width + 1;
            outCh = s.units;
            break;
        case LayerType::BatchNorm:
            if (!(s.epsilon > 0) || !std::isfinite(s.epsilon))
                problem("the batch-norm epsilon must be positive (is " + num(s.epsilon) + ")");
            if (!(s.momentum >= 0 && s.momentum < 1))
                problem("the batch-norm momentum must be in [0, 1) (is " + num(s.momentum) + ")");
            break;
        case LayerType::Activation:
            break;
        case LayerType::MaxPool:
            if (s.poolSize < 1) { problem("the max-pool window must be at least 1 (is " + std::to_string(s.poolSize) + ")"); ok = false; }
            if (s.poolStride < 0) {
                problem("the max-pool stride must be at least 1, or 0 for 'same as the window' (is " +
                        std::to_string(s.poolStride) + ")");
                ok = false;
            }
            if (flattenAt >= 0) {
                problem("max-pool after the flatten in layer " + std::to_string(flattenAt + 1) +
                        "; pooling must come before the flatten");
                ok = false;
            } else if (known && ok && s.poolSize > len) {
                problem("max-pool " + std::to_string(s.poolSize) + " on a length-" + std::to_string(len) +
                        " input; the window can be at most " + std::to_string(len));
                ok = false;
            }
            if (ok) outLen = (len + s.stride() - 1) / s.stride();
            break;
        case LayerType::Dropout:
            if (!(s.dropRate >= 0 && s.dropRate < 1))
                problem("dropout rate " + num(s.dropRate) + " is outside [0, 1)");
            break;
        case LayerType::Flatten:
            if (flattenAt >= 0) {
                problem("a second flatten (the first is layer " + std::to_string(flattenAt + 1) + ")");
                ok = false;
            } else {
                flattenAt = i;
            }
            outLen = 1;
            outCh = len * ch;
            break;
        case LayerType::Dense:
            if (s.units < 1) { problem("a dense layer needs at least 1 unit (has " + std::to_string(s.units) + ")"); ok = false; }
            if (flattenAt < 0) {
                problem("dense layer before any flatten; add a flatten layer before the first dense layer");
                ok = false;
            }
            outLen = 1;
            outCh = s.units;
            break;
        }

        if (known && ok) {
            if (outLen * outCh > kMaxValues) {
                problem("the output has " + withThousands((long double)outLen * outCh) +
                        " values per sequence, more than the supported " + withThousands(kMaxValues));
                ok = false;
            } else {
                const long double params = layerParameters(s, Shape{int(len), int(ch)});
                totalParams += params;
                if (params > kMaxValues) {
                    problem(withThousands(params) + " parameters, more than the supported " +
                            withThousands(kMaxValues) + " per layer");
                    ok = false;
                }
            }
        }
        if (!ok) known = false;
        if (known) {
            len = outLen;
            ch = outCh;
            shapes[std::size_t(i)] = Shape{int(len), int(ch)};
        }
    }

    const LayerSpec& last = arch.layers.back();
    if (last.type != LayerType::Dense) {
        out.push_back("the last layer must be a dense layer with one unit per class (" +
                      std::to_string(arch.numClasses) + "); layer " + std::to_string(n) + " is a " +
                      layerNoun(last.type));
    } else if (last.units >= 1 && arch.numClasses >= 1 && last.units != arch.numClasses) {
        out.push_back("layer " + std::to_string(n) + ": the output layer has " + std::to_string(last.units) +
                      " units but there are " + std::to_string(arch.numClasses) + " classes");
    }
    if (known && totalParams > kMaxValues)
        out.push_back("the network has " + withThousands(totalParams) + " parameters, more than the supported " +
                      withThousands(kMaxValues));
    if (problems) checkTraining(arch.training, out);
    return shapes;
}

}  // namespace

std::vector<std::string> validate(const Architecture& arch) {
    std::vector<std::string> problems;
    analyze(arch, &problems);
    return problems;
}

std::vector<Shape> outputShapes(const Architecture& arch) { return analyze(arch, nullptr); }

int receptiveField(const Architecture& arch, int layerIndex) {
    assert(layerIndex >= 0 && layerIndex < int(arch.layers.size()));
    long long rf = 1, jump = 1;
    for (int i = 0; i <= layerIndex; ++i) {
        const LayerSpec& s = arch.layers[std::size_t(i)];
        switch (s.type) {
        case LayerType::Conv1D:
            rf += (long long)(std::max(s.width, 1) - 1) * jump;
            break;
        case LayerType::MaxPool:
            rf += (long long)(std::max(s.poolSize, 1) - 1) * jump;
            jump *= std::max(s.stride(), 1);
            break;
        case LayerType::Flatten:
        case LayerType::Dense:  // everything after a flatten sees the whole sequence
            return std::max(arch.inputLength, 0);
        default:
            break;
        }
        if (rf > INT_MAX || jump > INT_MAX) return INT_MAX;  // only for absurd architectures
    }
    return int(rf);
}

long parameterCount(const Architecture& arch, int layerIndex) {
    assert(layerIndex >= 0 && layerIndex < int(arch.layers.size()));
    const auto shapes = outputShapes(arch);
    const Shape in = layerIndex == 0 ? Shape{arch.inputLength, 4} : shapes[std::size_t(layerIndex - 1)];
    if (in.length == 0 || shapes[std::size_t(layerIndex)].length == 0) return 0;
    return long(layerParameters(arch.layers[std::size_t(layerIndex)], in));
}

long parameterCount(const Architecture& arch) {
    const auto shapes = outputShapes(arch);
    long total = 0;
    Shape in{arch.inputLength, 4};
    for (std::size_t i = 0; i < arch.layers.size(); ++i) {
        if (shapes[i].length == 0) break;  // unknown from here on
        total += long(layerParameters(arch.layers[i], in));
        in = shapes[i];
    }
    return total;
}

void setNumClasses(Architecture& arch, int numClasses) {
    arch.numClasses = numClasses;
    if (!arch.layers.empty() && arch.layers.back().type == LayerType::Dense) arch.layers.back().units = numClasses;
}

}  // namespace motifloom::arch
