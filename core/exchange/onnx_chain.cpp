#include "exchange/onnx_chain.h"

#include "util/input_error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace motifloom::exchange::onnxgraph {

void OnnxChain::startAtInput() {
    const auto& d = g.inputDims;
    const std::string what = "the graph input '" + g.input + "'";
    if (d.size() != 3 && d.size() != 4)
        throw InputError(g.file, 0, what + " has " + std::to_string(d.size()) +
                                        " dimensions; a one-hot DNA batch has 3 ([N, 4, L] or [N, L, 4]) or 4 (with a size-1 axis)");
    int channelAxis = -1, lengthAxis = -1;
    for (int i = 1; i < int(d.size()); ++i)
        if (d[std::size_t(i)] == 4 && channelAxis < 0) channelAxis = i;
    for (int i = 1; i < int(d.size()); ++i)
        if (i != channelAxis && d[std::size_t(i)] != 1) lengthAxis = lengthAxis < 0 ? i : -2;
    if (channelAxis < 0 || lengthAxis < 0 || d[std::size_t(lengthAxis)] < 1)
        throw InputError(g.file, 0, what + " has the shape " + dimsText(d) +
                                        ": MotifLoom needs a fixed length and 4 channels (A, C, G, T), e.g. [N, 4, 200]");
    if (d[std::size_t(lengthAxis)] > kMaxInputLength)
        throw InputError(g.file, 0, what + " has an absurd length " + std::to_string(d[std::size_t(lengthAxis)]));
    axes.assign(d.size(), Axis::Unit);
    axes[0] = Axis::Batch;
    axes[std::size_t(channelAxis)] = Axis::Channel;
    axes[std::size_t(lengthAxis)] = Axis::Length;
    inputLength = length = int(d[std::size_t(lengthAxis)]);
    channels = 4;
    if (channelAxis != 1)
        notes.push_back("the input is " + dimsText(d) + " (channels last, Keras' layout); its bases are read as A, C, G, T");
}

void OnnxChain::walk(std::string tensor) {
    for (;;) {
        const auto it = g.readers.find(tensor);
        const bool isOutput = std::find(g.outputs.begin(), g.outputs.end(), tensor) != g.outputs.end();
        if (it == g.readers.end() || it->second.empty()) {
            if (isOutput || mFirstBlockOnly) return;
            throw Unsupported{"the tensor '" + tensor + "' is neither read by a node nor a graph output"};
        }
        const onnx::NodeProto& n = *g.nodes[std::size_t(it->second.front())];
        if (it->second.size() > 1 || isOutput) {
            if (mFirstBlockOnly) return;
            throw Unsupported{"the graph branches after the tensor '" + tensor + "' (read by " + describe(g, n) +
                              (it->second.size() > 1 ? " and " + describe(g, *g.nodes[std::size_t(it->second[1])]) : std::string(" and a graph output")) +
                              ")"};
        }
        if (mFirstBlockOnly && !acceptedInFirstBlock(n)) return;
        mVisited.insert(&n);
        if (n.input_size() == 0 || n.input(0) != tensor) unsupported(n, "it reads the network's tensor as a weight");
        tensor = step(n);
    }
}

void OnnxChain::checkAllVisited() const {
    for (const auto* n : g.nodes)
        if (!mVisited.count(n)) throw Unsupported{describe(g, *n) + " is not on the chain from the input to the output"};
}

void OnnxChain::startAtConv(const onnx::NodeProto& conv, int sequenceLength) {
    const auto* w = constant(conv, 1);
    if (!w || (w->dims.size() != 3 && w->dims.size() != 4) || w->dims[1] != 4)
        throw InputError(g.file, 0, describe(g, conv) + ": its weights are not [filters, 4, width] (or with a size-1 axis), "
                                                        "so it does not read one-hot DNA");
    axes = {Axis::Batch, Axis::Channel, Axis::Length};
    if (w->dims.size() == 4) {
        if (w->dims[2] == 1) axes = {Axis::Batch, Axis::Channel, Axis::Unit, Axis::Length};
        else if (w->dims[3] == 1) axes = {Axis::Batch, Axis::Channel, Axis::Length, Axis::Unit};
        else throw InputError(g.file, 0, describe(g, conv) + " has a 2-D kernel " + dimsText(w->dims) + ", not a sequence filter");
    }
    inputLength = length = sequenceLength;
    channels = 4;
}

std::string OnnxChain::dimsText(const std::vector<std::int64_t>& d) {
    std::string s = "[";
    for (std::size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + (d[i] < 0 ? std::string("?") : std::to_string(d[i]));
    return s + "]";
}

void OnnxChain::unsupported(const onnx::NodeProto& n, const std::string& why) const {
    throw Unsupported{describe(g, n) + (why.empty() ? std::string(" is not supported") : ": " + why)};
}

void OnnxChain::mismatch(const onnx::NodeProto& n, const std::string& why) const {
    throw InputError(g.file, 0, describe(g, n) + ": " + why);
}

bool OnnxChain::acceptedInFirstBlock(const onnx::NodeProto& n) const {
    const std::string& op = n.op_type();
    if (layers.empty() && (op == "Transpose" || op == "Squeeze" || op == "Unsqueeze" || op == "Identity" || op == "Pad"))
        return true;  // layout changes before the first convolution
    if (op == "Conv") return !std::any_of(layers.begin(), layers.end(), [](const auto& l) { return l.spec.type == arch::LayerType::Conv1D; });
    if (op == "BatchNormalization")
        return std::none_of(layers.begin(), layers.end(), [](const auto& l) { return l.spec.type != arch::LayerType::Conv1D; });
    if (op == "Relu" || op == "Exp" || op == "Sigmoid")
        return std::none_of(layers.begin(), layers.end(), [](const auto& l) { return l.spec.type == arch::LayerType::Activation; });
    return false;
}

const onnxgraph::Constant* OnnxChain::constant(const onnx::NodeProto& n, int index) const {
    if (index >= n.input_size() || n.input(index).empty()) return nullptr;
    const auto it = g.constants.find(n.input(index));
    return it == g.constants.end() ? nullptr : &it->second;
}

const onnxgraph::Constant& OnnxChain::requiredConstant(const onnx::NodeProto& n, int index, const std::string& what) const {
    const auto* c = constant(n, index);
    if (!c) unsupported(n, "its " + what + " is not a constant (initializer)");
    return *c;
}

std::vector<std::int64_t> OnnxChain::axesList(const onnx::NodeProto& n) const {
    if (g.opset < 13) return onnxgraph::intsAttribute(n, "axes");
    if (const auto* c = constant(n, 1)) return std::vector<std::int64_t>(c->values.begin(), c->values.end());
    if (n.input_size() > 1 && !n.input(1).empty()) unsupported(n, "its axes are computed");
    return {};
}

int OnnxChain::axisIndex(const onnx::NodeProto& n, std::int64_t axis, std::size_t rank) const {
    if (axis < 0) axis += std::int64_t(rank);
    if (axis < 0 || axis >= std::int64_t(rank)) mismatch(n, "axis " + std::to_string(axis) + " is out of range");
    return int(axis);
}

bool OnnxChain::endsGraph(const onnx::NodeProto& n) const {
    const std::string& out = n.output(0);
    return std::find(g.outputs.begin(), g.outputs.end(), out) != g.outputs.end() && !g.readers.count(out);
}

int OnnxChain::lengthAxis(const onnx::NodeProto& n) const {
    if (flat || axes.size() < 3 || axes[0] != Axis::Batch || axes[1] != Axis::Channel)
        unsupported(n, "it needs the layout [N, channels, length] (or with a size-1 axis)");
    for (std::size_t i = 2; i < axes.size(); ++i)
        if (axes[i] == Axis::Length) return int(i);
    unsupported(n, "no length axis");
}

std::string OnnxChain::step(const onnx::NodeProto& n) {
    const std::string& op = n.op_type();
    if (!n.domain().empty() && n.domain() != "ai.onnx") unsupported(n, "operator domain '" + n.domain() + "'");
    static const std::set<std::string> known = {"Conv", "BatchNormalization", "Relu", "Exp", "Sigmoid", "Softmax",
                                                "MaxPool", "Dropout", "Identity", "Transpose", "Squeeze", "Unsqueeze",
                                                "Flatten", "Reshape", "Gemm", "MatMul", "Add", "Pad"};
    if (!known.count(op)) unsupported(n, "");
    if (pad && op != "Conv" && op != "MaxPool") unsupported(n, "a Pad node before it");
    if (op == "Conv") conv(n);
    else if (op == "BatchNormalization") batchNorm(n);
    else if (op == "Relu") activation(arch::ActivationType::ReLU);
    else if (op == "Exp") activation(arch::ActivationType::Exponential);
    else if (op == "Sigmoid") {
        if (lastIsDense() && endsGraph(n) && !mFirstBlockOnly) output = arch::OutputKind::Sigmoid;
        else activation(arch::ActivationType::Sigmoid);
    } else if (op == "Softmax") {
        if (!lastIsDense() || !endsGraph(n) || !flat) unsupported(n, "Softmax only at the end, after a dense layer");
        if (const auto axis = onnxgraph::intAttribute(n, "axis", g.opset >= 13 ? -1 : 1); axis != 1 && axis != -1)
            unsupported(n, "softmax over axis " + std::to_string(axis));
        output = arch::OutputKind::Softmax;
    } else if (op == "MaxPool") maxPool(n);
    else if (op == "Dropout") dropout(n);
    else if (op == "Identity") {
    } else if (op == "Transpose") transpose(n);
    else if (op == "Squeeze" || op == "Unsqueeze") squeeze(n, op == "Unsqueeze");
    else if (op == "Flatten") {
        if (axisIndex(n, onnxgraph::intAttribute(n, "axis", 1), flat ? 2 : axes.size()) != 1)
            unsupported(n, "a flatten that keeps more than the batch axis");
        flatten(n);
    } else if (op == "Reshape") reshape(n);
    else if (op == "Gemm" || op == "MatMul") return dense(n);
    else if (op == "Add") addBias(n);
    else padNode(n);
    return n.output(0);
}

void OnnxChain::conv(const onnx::NodeProto& n) {
    const int la = lengthAxis(n);
    const auto& w = requiredConstant(n, 1, "weight");
    if (w.dims.size() != axes.size())
        mismatch(n, "its weight " + dimsText(w.dims) + " does not fit an input of " + std::to_string(axes.size()) + " dimensions");
    if (w.dims[1] != channels)
        mismatch(n, "its weight " + dimsText(w.dims) + " expects " + std::to_string(w.dims[1]) + " input channels, the tensor has " +
                        std::to_string(channels));
    if (onnxgraph::intAttribute(n, "group", 1) != 1) unsupported(n, "grouped convolution");
    const int spatial = int(axes.size()) - 2;
    const auto strides = onnxgraph::intsAttribute(n, "strides");
    const auto dilations = onnxgraph::intsAttribute(n, "dilations");
    auto pads = onnxgraph::intsAttribute(n, "pads");
    for (int s = 0; s < spatial; ++s) {
        const auto i = std::size_t(s + 2);
        if (int(i) != la && w.dims[i] != 1) unsupported(n, "a 2-D kernel " + dimsText(w.dims) + " (MotifLoom's filters are 1-D)");
        if (int(i) != la && pads.size() == std::size_t(2 * spatial) && (pads[std::size_t(s)] || pads[std::size_t(s + spatial)]))
            unsupported(n, "padding across the size-1 axis");
    }
    const std::size_t ls = std::size_t(la - 2);
    if (strides.size() == std::size_t(spatial) && strides[ls] != 1) unsupported(n, "stride " + std::to_string(strides[ls]));
    if (dilations.size() == std::size_t(spatial) && dilations[ls] != 1) unsupported(n, "dilation " + std::to_string(dilations[ls]));
    const std::int64_t k = w.dims[std::size_t(la)], filters = w.dims[0];
    if (k < 1 || filters < 1) mismatch(n, "an empty weight " + dimsText(w.dims));
    std::int64_t left = 0, right = 0;
    const std::string autoPad = onnxgraph::stringAttribute(n, "auto_pad", "NOTSET");
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        left = autoPad == "SAME_UPPER" ? (k - 1) / 2 : k / 2;
        right = k - 1 - left;
    } else if (autoPad == "NOTSET" && pads.size() == std::size_t(2 * spatial)) {
        left = pads[ls];
        right = pads[ls + std::size_t(spatial)];
    } else if (autoPad != "VALID" && autoPad != "NOTSET") {
        unsupported(n, "auto_pad " + autoPad);
    }
    if (pad) {
        if (pad->value != 0) unsupported(n, "padding with " + std::to_string(pad->value) + " instead of zeros");
        left += pad->left;
        right += pad->right;
        pad.reset();
    }
    arch::Padding padding = arch::Padding::Valid;
    if (left == (k - 1) / 2 && right == k - 1 - left) padding = arch::Padding::Same;
    else if (left != 0 || right != 0) {
        if (!mFirstBlockOnly)
            unsupported(n, "padding (" + std::to_string(left) + ", " + std::to_string(right) + ") around a width-" + std::to_string(k) +
                               " kernel is neither 'same' nor 'valid'");
        notes.push_back(describe(g, n) + " pads (" + std::to_string(left) + ", " + std::to_string(right) + "); imported with 'same' padding");
        padding = arch::Padding::Same;
    }
    if (padding == arch::Padding::Valid && k > length) mismatch(n, "a width-" + std::to_string(k) + " kernel on length " + std::to_string(length));
    const auto* b = constant(n, 2);
    if (n.input_size() > 2 && !n.input(2).empty() && !b) unsupported(n, "its bias is not a constant");
    if (b && std::int64_t(b->size()) != filters)
        mismatch(n, "its bias has " + std::to_string(b->size()) + " values for " + std::to_string(filters) + " filters");
    ImportedLayer l{arch::LayerSpec::conv(int(filters), int(k), padding, b != nullptr), {}};
    // ONNX [F][C][(1)][k][(1)] -> MotifLoom [k][C][F]; the size-1 axes do not move the index.
    std::vector<float> weight(w.size());
    const std::int64_t c = channels;
    for (std::int64_t f = 0; f < filters; ++f)
        for (std::int64_t ch = 0; ch < c; ++ch)
            for (std::int64_t t = 0; t < k; ++t)
                weight[std::size_t((t * c + ch) * filters + f)] = float(w.values[std::size_t((f * c + ch) * k + t)]);
    l.tensors.push_back(std::move(weight));
    if (b) l.tensors.emplace_back(b->values.begin(), b->values.end());
    layers.push_back(std::move(l));
    channels = int(filters);
    if (padding == arch::Padding::Valid) length = int(length - k + 1);
}

void OnnxChain::batchNorm(const onnx::NodeProto& n) {
    if (!flat && (axes.size() < 2 || axes[1] != Axis::Channel)) unsupported(n, "it normalises an axis that is not the channels");
    if (onnxgraph::intAttribute(n, "training_mode", 0) != 0) unsupported(n, "training mode");
    const int c = flat ? features : channels;
    arch::LayerSpec s = arch::LayerSpec::batchNorm(onnxgraph::floatAttribute(n, "epsilon", 1e-5));
    s.momentum = onnxgraph::floatAttribute(n, "momentum", 0.9);
    if (!(s.momentum >= 0 && s.momentum < 1)) s.momentum = 0.99;  // only training uses it
    ImportedLayer l{s, {}};
    const char* names[] = {"scale", "bias", "mean", "variance"};
    for (int t = 0; t < 4; ++t) {
        const auto& v = requiredConstant(n, t + 1, names[t]);
        if (std::int64_t(v.size()) != c)
            mismatch(n, std::string("its ") + names[t] + " has " + std::to_string(v.size()) + " values for " + std::to_string(c) +
                            " channels");
        std::vector<float> values(v.size());
        for (std::size_t j = 0; j < v.size(); ++j) values[flat ? std::size_t(order[j]) : j] = float(v.values[j]);
        if (t == 3 && std::any_of(values.begin(), values.end(), [](float x) { return !(x >= 0); }))
            mismatch(n, "a negative or NaN running variance");
        l.tensors.push_back(std::move(values));
    }
    layers.push_back(std::move(l));
}

void OnnxChain::maxPool(const onnx::NodeProto& n) {
    const int la = lengthAxis(n);
    const auto kernel = onnxgraph::intsAttribute(n, "kernel_shape");
    const std::size_t spatial = axes.size() - 2, ls = std::size_t(la - 2);
    if (kernel.size() != spatial) mismatch(n, "kernel_shape " + dimsText(kernel) + " does not fit the input");
    auto strides = onnxgraph::intsAttribute(n, "strides");
    if (strides.empty()) strides.assign(spatial, 1);
    auto pads = onnxgraph::intsAttribute(n, "pads");
    if (pads.empty()) pads.assign(2 * spatial, 0);
    const auto dilations = onnxgraph::intsAttribute(n, "dilations");
    if (strides.size() != spatial || pads.size() != 2 * spatial) mismatch(n, "strides or pads do not fit the input");
    for (std::size_t s = 0; s < spatial; ++s)
        if (s != ls && (kernel[s] != 1 || pads[s] || pads[s + spatial])) unsupported(n, "pooling across the size-1 axis");
    if (dilations.size() == spatial && dilations[ls] != 1) unsupported(n, "dilation");
    const std::int64_t k = kernel[ls], s = strides[ls], L = length;
    if (k < 1 || s < 1) mismatch(n, "kernel " + std::to_string(k) + ", stride " + std::to_string(s));
    std::int64_t pb = pads[ls], pe = pads[ls + spatial], count = 0;
    const std::string autoPad = onnxgraph::stringAttribute(n, "auto_pad", "NOTSET");
    if (pad) {
        if (pad->value != -std::numeric_limits<double>::infinity()) unsupported(n, "a Pad node that does not pad with -inf before it");
        if (autoPad != "NOTSET") unsupported(n, "a Pad node and auto_pad");
        pb += pad->left;
        pe += pad->right;
        pad.reset();
    }
    const std::int64_t same = (L + s - 1) / s, sameTotal = std::max((same - 1) * s + k - L, std::int64_t(0));
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        count = same;
        pb = autoPad == "SAME_UPPER" ? sameTotal / 2 : sameTotal - sameTotal / 2;
    } else if (autoPad == "VALID" || autoPad == "NOTSET") {
        if (autoPad == "VALID") pb = pe = 0;
        const std::int64_t span = L + pb + pe - k;
        if (span < 0) mismatch(n, "a window of " + std::to_string(k) + " on length " + std::to_string(L));
        count = onnxgraph::intAttribute(n, "ceil_mode", 0) ? (span + s - 1) / s + 1 : span / s + 1;
        if (onnxgraph::intAttribute(n, "ceil_mode", 0) && (count - 1) * s >= L + pb) --count;  // ONNX drops a window starting in the padding
    } else {
        unsupported(n, "auto_pad " + autoPad);
    }
    if (count != same || pb != sameTotal / 2)
        unsupported(n, "its windows (" + std::to_string(count) + " outputs, left padding " + std::to_string(pb) +
                           ") are not MotifLoom's 'same' max-pool (" + std::to_string(same) + " outputs, left padding " +
                           std::to_string(sameTotal / 2) + ")");
    layers.push_back({arch::LayerSpec::maxPool(int(k), s == k ? 0 : int(s)), {}});
    length = int(same);
}

void OnnxChain::dropout(const onnx::NodeProto& n) {
    double rate = 0.5;
    if (g.opset < 12) rate = onnxgraph::floatAttribute(n, "ratio", 0.5);
    else if (const auto* r = constant(n, 1)) {
        if (r->size() != 1) mismatch(n, "its ratio is not one number");
        rate = r->values[0];
    } else if (n.input_size() > 1 && !n.input(1).empty()) unsupported(n, "its ratio is computed");
    if (const auto* t = constant(n, 2); t && t->size() == 1 && t->values[0] != 0) unsupported(n, "training mode");
    if (!(rate >= 0 && rate < 1)) mismatch(n, "dropout ratio " + std::to_string(rate));
    layers.push_back({arch::LayerSpec::dropout(rate), {}});
}

void OnnxChain::transpose(const onnx::NodeProto& n) {
    const std::size_t rank = flat ? 2 : axes.size();
    auto perm = onnxgraph::intsAttribute(n, "perm");
    if (perm.empty())
        for (std::size_t i = 0; i < rank; ++i) perm.push_back(std::int64_t(rank - 1 - i));
    std::vector<std::int64_t> sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (sorted.size() != rank || sorted[i] != std::int64_t(i)) mismatch(n, "perm " + dimsText(perm) + " is not a permutation of the axes");
    if (flat) {
        if (perm[0] != 0) unsupported(n, "it moves the batch axis");
        return;
    }
    std::vector<Axis> out(rank);
    for (std::size_t i = 0; i < rank; ++i) out[i] = axes[std::size_t(perm[i])];
    axes = out;
}

void OnnxChain::squeeze(const onnx::NodeProto& n, bool unsqueeze) {
    if (flat) unsupported(n, "after the flatten");
    auto list = axesList(n);
    if (unsqueeze) {
        const std::size_t rank = axes.size() + list.size();
        for (auto& a : list) a = axisIndex(n, a, rank);
        std::sort(list.begin(), list.end());
        for (auto a : list) axes.insert(axes.begin() + std::min<std::ptrdiff_t>(a, std::ptrdiff_t(axes.size())), Axis::Unit);
    } else {
        if (list.empty())
            for (std::size_t i = 0; i < axes.size(); ++i)
                if (axes[i] == Axis::Unit) list.push_back(std::int64_t(i));
        for (auto& a : list) {
            a = axisIndex(n, a, axes.size());
            if (axes[std::size_t(a)] != Axis::Unit) unsupported(n, "it squeezes an axis that is not of size 1");
        }
        std::sort(list.rbegin(), list.rend());
        for (auto a : list) axes.erase(axes.begin() + a);
    }
    if (axes.size() > 4 || axes.size() < 2) unsupported(n, "a tensor of " + std::to_string(axes.size()) + " dimensions");
}

void OnnxChain::flatten(const onnx::NodeProto& n) {
    if (flat) return;
    if (axes.empty() || axes[0] != Axis::Batch) unsupported(n, "the batch axis is not the first");
    bool channelFirst = false, seenLength = false;
    for (std::size_t i = 1; i < axes.size(); ++i) {
        if (axes[i] == Axis::Length) seenLength = true;
        if (axes[i] == Axis::Channel) channelFirst = !seenLength;
    }
    features = length * channels;
    order.resize(std::size_t(features));
    for (int l = 0; l < length; ++l)
        for (int c = 0; c < channels; ++c)
            order[std::size_t(channelFirst ? c * length + l : l * channels + c)] = l * channels + c;
    flat = true;
    layers.push_back({arch::LayerSpec::flatten(), {}});
}

void OnnxChain::reshape(const onnx::NodeProto& n) {
    const auto& shape = requiredConstant(n, 1, "shape");
    const std::int64_t total = flat ? features : std::int64_t(length) * channels;
    const bool toRows = shape.size() == 2 && (shape.values[1] == -1 || shape.values[1] == double(total)) &&
                        (shape.values[0] == 0 || shape.values[0] == -1 || shape.values[1] != -1);
    if (!toRows) unsupported(n, "a reshape to " + dimsText({shape.values.begin(), shape.values.end()}) + " (only [N, features] is supported)");
    flatten(n);
}

std::string OnnxChain::dense(const onnx::NodeProto& n) {
    if (!flat) unsupported(n, "a dense layer before any Flatten");
    const bool gemm = n.op_type() == "Gemm";
    if (gemm && onnxgraph::intAttribute(n, "transA", 0) != 0) unsupported(n, "transA");
    const bool transB = gemm && onnxgraph::intAttribute(n, "transB", 0) != 0;
    const double alpha = gemm ? onnxgraph::floatAttribute(n, "alpha", 1.0) : 1.0;
    const double beta = gemm ? onnxgraph::floatAttribute(n, "beta", 1.0) : 1.0;
    const auto& b = requiredConstant(n, 1, "weight (B)");
    if (b.dims.size() != 2) mismatch(n, "its weight " + dimsText(b.dims) + " is not a matrix");
    const std::int64_t k = transB ? b.dims[1] : b.dims[0], m = transB ? b.dims[0] : b.dims[1];
    if (k != features) mismatch(n, "its weight " + dimsText(b.dims) + " takes " + std::to_string(k) + " inputs, the tensor has " + std::to_string(features));
    if (m < 1) mismatch(n, "no output units");
    std::string out = n.output(0);
    const onnxgraph::Constant* bias = gemm ? constant(n, 2) : nullptr;
    if (gemm && n.input_size() > 2 && !n.input(2).empty() && !bias) unsupported(n, "its bias (C) is not a constant");
    if (!gemm) {  // MatMul + Add: the Add is the bias
        const auto it = g.readers.find(out);
        if (it != g.readers.end() && it->second.size() == 1) {
            const onnx::NodeProto& add = *g.nodes[std::size_t(it->second[0])];
            const int other = add.input_size() == 2 ? (add.input(0) == out ? 1 : 0) : -1;
            if (add.op_type() == "Add" && other >= 0 && constant(add, other)) {
                bias = constant(add, other);
                mVisited.insert(&add);
                out = add.output(0);
            }
        }
    }
    if (bias && bias->size() != std::size_t(m) && bias->size() != 1)
        mismatch(n, "its bias has " + std::to_string(bias->size()) + " values for " + std::to_string(m) + " units");
    ImportedLayer l{arch::LayerSpec::dense(int(m), bias != nullptr), {}};
    std::vector<float> weight(std::size_t(k * m));
    for (std::int64_t j = 0; j < k; ++j)
        for (std::int64_t u = 0; u < m; ++u)
            weight[std::size_t(order[std::size_t(j)] * m + u)] =
                float(alpha * b.values[std::size_t(transB ? u * k + j : j * m + u)]);
    l.tensors.push_back(std::move(weight));
    if (bias) {
        std::vector<float> values(static_cast<std::size_t>(m));
        for (std::int64_t u = 0; u < m; ++u) values[std::size_t(u)] = float(beta * bias->values[bias->size() == 1 ? 0 : std::size_t(u)]);
        l.tensors.push_back(std::move(values));
    }
    layers.push_back(std::move(l));
    features = int(m);
    order.resize(std::size_t(m));
    for (int u = 0; u < int(m); ++u) order[std::size_t(u)] = u;
    return out;
}

void OnnxChain::addBias(const onnx::NodeProto& n) {
    const auto* c = constant(n, 1);
    if (!lastIsDense() || layers.back().spec.bias || !c || (c->size() != std::size_t(features) && c->size() != 1))
        unsupported(n, "an addition that is not a dense layer's bias");
    auto& l = layers.back();
    l.spec.bias = true;
    std::vector<float> values(static_cast<std::size_t>(features));
    for (std::size_t u = 0; u < values.size(); ++u) values[u] = float(c->values[c->size() == 1 ? 0 : u]);
    l.tensors.push_back(std::move(values));
}

void OnnxChain::padNode(const onnx::NodeProto& n) {
    if (flat) unsupported(n, "after the flatten");
    if (onnxgraph::stringAttribute(n, "mode", "constant") != "constant") unsupported(n, "a padding mode other than constant");
    std::vector<std::int64_t> pads;
    double value = 0;
    if (g.opset < 11) {
        pads = onnxgraph::intsAttribute(n, "pads");
        value = onnxgraph::floatAttribute(n, "value", 0.0);
    } else {
        const auto& p = requiredConstant(n, 1, "pads");
        pads.assign(p.values.begin(), p.values.end());
        if (const auto* v = constant(n, 2)) value = v->size() == 1 ? v->values[0] : std::nan("");
        else if (n.input_size() > 2 && !n.input(2).empty()) unsupported(n, "its value is computed");
    }
    const std::size_t rank = axes.size();
    if (pads.size() != 2 * rank) mismatch(n, "pads " + dimsText(pads) + " do not fit a tensor of " + std::to_string(rank) + " dimensions");
    std::size_t la = 0;
    for (std::size_t i = 0; i < rank; ++i)
        if (axes[i] == Axis::Length) la = i;
    for (std::size_t i = 0; i < rank; ++i)
        if (i != la && (pads[i] || pads[i + rank])) unsupported(n, "padding an axis other than the length");
    if (pads[la] < 0 || pads[la + rank] < 0) unsupported(n, "negative padding (cropping)");
    pad = PendingPad{pads[la], pads[la + rank], value};
}

}  // namespace motifloom::exchange::onnxgraph
