#pragma once
// The chain of ONNX operators from a model's input to its output turned into MotifLoom layers
// with their weights, for exchange/onnx_import.h (which documents what is supported). Internal
// to core/exchange: it exposes the ONNX headers (exchange/onnx_graph.h).
//
// OnnxChain follows one tensor through the graph and keeps track of what each of its axes is
// (batch, channel, length, or size 1), so that layout-only nodes (Transpose, Squeeze,
// Unsqueeze) move the axes and Conv / MaxPool find the length axis wherever it is; after a
// Flatten it keeps the order of the features (ONNX index -> MotifLoom's length-major index) for
// the next dense layer's rows. What MotifLoom cannot represent throws Unsupported (the importer
// then falls back to the first convolution block); weights that do not fit throw InputError.

#include "arch/architecture.h"
#include "exchange/onnx_graph.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace motifloom::exchange::onnxgraph {

inline constexpr std::int64_t kMaxInputLength = 1'000'000;  // as the CLI's --length
enum class Axis { Batch, Channel, Length, Unit };

// What MotifLoom cannot represent; the importer turns it into the first-convolution-block import.
struct Unsupported {
    std::string message;
};

// A Pad node waiting for the Conv (zeros) or MaxPool (-inf) it belongs to.
struct PendingPad {
    std::int64_t left = 0, right = 0;
    double value = 0;
};

struct ImportedLayer {
    arch::LayerSpec spec;
    std::vector<std::vector<float>> tensors;  // layerState() order and layouts (nn/layer.h)
};

class OnnxChain {
public:
    // firstBlockOnly: stop (without Unsupported) after the first Conv and a batch norm and
    // activation right after it, or at the first other operator.
    OnnxChain(const Graph& g, bool firstBlockOnly) : g(g), mFirstBlockOnly(firstBlockOnly) {}

    std::vector<ImportedLayer> layers;
    std::optional<arch::OutputKind> output;
    std::vector<std::string> notes;
    int inputLength = 0;

    // Sets the layout of the graph input from its declared shape.
    void startAtInput();

    // Follows the chain from `tensor` (the graph input, or the first Conv's input) to the output.
    void walk(std::string tensor);

    // The chain must have covered every node (a Shape node computing a Reshape, a second
    // output, ... would otherwise be silently ignored).
    void checkAllVisited() const;

    // Sets the layout the first Conv node reads (first-block import).
    void startAtConv(const onnx::NodeProto& conv, int sequenceLength);

private:
    const Graph& g;
    bool mFirstBlockOnly;
    std::set<const onnx::NodeProto*> mVisited;
    std::vector<Axis> axes;
    bool flat = false;
    int length = 0, channels = 0, features = 0;
    std::vector<int> order;  // flat: ONNX feature index -> MotifLoom's (l * C + c)
    std::optional<PendingPad> pad;

    static std::string dimsText(const std::vector<std::int64_t>& d);

    [[noreturn]] void unsupported(const onnx::NodeProto& n, const std::string& why) const;
    [[noreturn]] void mismatch(const onnx::NodeProto& n, const std::string& why) const;

    bool acceptedInFirstBlock(const onnx::NodeProto& n) const;

    // Input `index` of n as a constant (initializer or Constant node), or null.
    const onnxgraph::Constant* constant(const onnx::NodeProto& n, int index) const;
    const onnxgraph::Constant& requiredConstant(const onnx::NodeProto& n, int index, const std::string& what) const;
    // Squeeze / Unsqueeze axes: an attribute before opset 13, an optional constant input since.
    std::vector<std::int64_t> axesList(const onnx::NodeProto& n) const;
    int axisIndex(const onnx::NodeProto& n, std::int64_t axis, std::size_t rank) const;
    bool lastIsDense() const { return !layers.empty() && layers.back().spec.type == arch::LayerType::Dense; }
    bool endsGraph(const onnx::NodeProto& n) const;
    // The single spatial axis holding the length, for Conv and MaxPool (axes 0, 1 = batch, channel).
    int lengthAxis(const onnx::NodeProto& n) const;

    // One node: its layer (or layout change); returns the tensor the chain continues with.
    std::string step(const onnx::NodeProto& n);
    // The operators, one function each.
    void conv(const onnx::NodeProto& n);
    void batchNorm(const onnx::NodeProto& n);

    void activation(arch::ActivationType a) { layers.push_back({arch::LayerSpec::act(a), {}}); }

    void maxPool(const onnx::NodeProto& n);
    void dropout(const onnx::NodeProto& n);
    void transpose(const onnx::NodeProto& n);
    void squeeze(const onnx::NodeProto& n, bool unsqueeze);
    void flatten(const onnx::NodeProto& n);
    void reshape(const onnx::NodeProto& n);
    std::string dense(const onnx::NodeProto& n);

    void addBias(const onnx::NodeProto& n);
    void padNode(const onnx::NodeProto& n);
};

}  // namespace motifloom::exchange::onnxgraph
