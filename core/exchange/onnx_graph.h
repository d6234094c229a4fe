#pragma once
// An ONNX file read with Debian's ONNX library (its protobuf classes) and checked as a graph,
// for exchange/onnx_import.h. Internal to core/exchange: it exposes the ONNX headers.
//
// readOnnxGraph() refuses, with an InputError naming the file and the node or tensor:
// files that are not a ModelProto (truncated, another format), opsets outside
// kOnnxMinOpset..kOnnxMaxOpset, tensors whose data do not match their shapes (or live in
// external files), absurd shapes, node inputs that nothing provides (a missing initializer),
// tensors written twice, and cycles. What it returns is safe to walk: every node input is a
// constant (initializer or Constant node), the graph input, or an earlier node's output.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motifloom::exchange::onnxgraph {

inline constexpr int kOnnxMinOpset = 9;
inline constexpr int kOnnxMaxOpset = 18;

struct Constant {
    std::vector<std::int64_t> dims;
    std::vector<double> values;  // float, double and integer tensors alike
    std::size_t size() const { return values.size(); }
};

struct Graph {
    std::string file;
    onnx::ModelProto model;
    int opset = 0;
    std::map<std::string, Constant> constants;        // initializers and Constant node outputs
    std::vector<const onnx::NodeProto*> nodes;        // topological order, Constant nodes left out
    std::map<std::string, std::vector<int>> readers;  // tensor -> indices into nodes
    std::string input;                                // the one graph input that is not a constant
    std::vector<std::int64_t> inputDims;              // -1 where symbolic or unknown
    std::vector<std::string> outputs;
    std::vector<std::int64_t> outputDims;             // of the first output; -1 where unknown
};

Graph readOnnxGraph(const std::string& path);

// "Conv node 'conv1'" (or "Conv node #3" when unnamed), for messages.
std::string describe(const Graph& g, const onnx::NodeProto& node);

// Attributes with defaults.
const onnx::AttributeProto* attribute(const onnx::NodeProto& node, const std::string& name);
std::int64_t intAttribute(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback);
double floatAttribute(const onnx::NodeProto& node, const std::string& name, double fallback);
std::vector<std::int64_t> intsAttribute(const onnx::NodeProto& node, const std::string& name);
std::string stringAttribute(const onnx::NodeProto& node, const std::string& name, const std::string& fallback);

}  // namespace motifloom::exchange::onnxgraph
