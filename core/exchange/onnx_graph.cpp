#include "exchange/onnx_graph.h"

#include "util/input_error.h"

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>

namespace motifloom::exchange::onnxgraph {
namespace fs = std::filesystem;

namespace {

// Bounds that no real sequence model reaches, so that a hostile file cannot make us allocate.
constexpr std::int64_t kMaxElements = std::int64_t(1) << 31;
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t(2) << 30;  // protobuf's own limit

std::string dimsText(const std::vector<std::int64_t>& dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

template <class T>
T readLittle(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    static_assert(std::endian::native == std::endian::little, "ONNX raw_data is little-endian");
    return v;
}

Constant toConstant(const std::string& file, const onnx::TensorProto& t, const std::string& what) {
    Constant c;
    std::int64_t count = 1;
    for (auto d : t.dims()) {
        if (d < 0 || d > kMaxElements || (d > 0 && count > kMaxElements / d))
            throw InputError(file, 0, what + " has an absurd shape " + dimsText({t.dims().begin(), t.dims().end()}));
        count *= d;
        c.dims.push_back(d);
    }
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        throw InputError(file, 0, what + " keeps its data in an external file, which MotifLoom does not read "
                                         "(save the model with its weights inside, e.g. onnx.save(..., save_as_external_data=False))");
    const auto type = t.data_type();
    std::size_t elementBytes = 0;
    std::size_t typedCount = 0;
    switch (type) {
    case onnx::TensorProto::FLOAT: elementBytes = 4; typedCount = std::size_t(t.float_data_size()); break;
    case onnx::TensorProto::DOUBLE: elementBytes = 8; typedCount = std::size_t(t.double_data_size()); break;
    case onnx::TensorProto::INT64: elementBytes = 8; typedCount = std::size_t(t.int64_data_size()); break;
    case onnx::TensorProto::INT32: elementBytes = 4; typedCount = std::size_t(t.int32_data_size()); break;
    default:
        throw InputError(file, 0, what + " has element type " + std::to_string(int(type)) +
                                      " (MotifLoom reads float, double, int32 and int64 tensors)");
    }
    const std::size_t n = std::size_t(count);
    if (t.has_raw_data()) {
        const std::string& raw = t.raw_data();
        if (raw.size() != n * elementBytes)
            throw InputError(file, 0, what + " has shape " + dimsText(c.dims) + " (" + std::to_string(n) + " values) but holds " +
                                          std::to_string(raw.size()) + " bytes of data");
        c.values.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const char* p = raw.data() + i * elementBytes;
            switch (type) {
            case onnx::TensorProto::FLOAT: c.values[i] = readLittle<float>(p); break;
            case onnx::TensorProto::DOUBLE: c.values[i] = readLittle<double>(p); break;
            case onnx::TensorProto::INT64: c.values[i] = double(readLittle<std::int64_t>(p)); break;
            default: c.values[i] = readLittle<std::int32_t>(p); break;
            }
        }
        return c;
    }
    if (typedCount != n)
        throw InputError(file, 0, what + " has shape " + dimsText(c.dims) + " (" + std::to_string(n) + " values) but holds " +
                                      std::to_string(typedCount) + " values");
    c.values.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int k = int(i);
        switch (type) {
        case onnx::TensorProto::FLOAT: c.values[i] = t.float_data(k); break;
        case onnx::TensorProto::DOUBLE: c.values[i] = t.double_data(k); break;
        case onnx::TensorProto::INT64: c.values[i] = double(t.int64_data(k)); break;
        default: c.values[i] = t.int32_data(k); break;
        }
    }
    return c;
}

// A Constant node's value (the forms MotifLoom meets: value, value_float(s), value_int(s)).
Constant constantNodeValue(const Graph& g, const onnx::NodeProto& n) {
    const std::string what = describe(g, n);
    if (n.attribute_size() != 1) throw InputError(g.file, 0, what + " has no single value attribute");
    const onnx::AttributeProto& a = n.attribute(0);
    Constant c;
    if (a.name() == "value") return toConstant(g.file, a.t(), what + "'s value");
    if (a.name() == "value_float") c.values = {a.f()};
    else if (a.name() == "value_int") c.values = {double(a.i())};
    else if (a.name() == "value_floats") c.values.assign(a.floats().begin(), a.floats().end()), c.dims = {a.floats_size()};
    else if (a.name() == "value_ints") {
        for (auto v : a.ints()) c.values.push_back(double(v));
        c.dims = {a.ints_size()};
    } else
        throw InputError(g.file, 0, what + " uses the attribute '" + a.name() + "', which MotifLoom does not read");
    return c;
}

std::vector<std::int64_t> shapeOf(const onnx::ValueInfoProto& v) {
    std::vector<std::int64_t> dims;
    if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return dims;
    for (const auto& d : v.type().tensor_type().shape().dim()) dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    return dims;
}

}  // namespace

std::string describe(const Graph& g, const onnx::NodeProto& node) {
    std::string s = node.op_type().empty() ? std::string("a node without operator") : node.op_type() + " node";
    if (!node.name().empty()) return s + " '" + node.name() + "'";
    const auto& all = g.model.graph().node();
    for (int i = 0; i < all.size(); ++i)
        if (&all[i] == &node) return s + " #" + std::to_string(i + 1);
    return s;
}

const onnx::AttributeProto* attribute(const onnx::NodeProto& node, const std::string& name) {
    for (const auto& a : node.attribute())
        if (a.name() == name) return &a;
    return nullptr;
}
std::int64_t intAttribute(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) {
    const auto* a = attribute(node, name);
    return a ? a->i() : fallback;
}
double floatAttribute(const onnx::NodeProto& node, const std::string& name, double fallback) {
    const auto* a = attribute(node, name);
    return a ? a->f() : fallback;
}
std::vector<std::int64_t> intsAttribute(const onnx::NodeProto& node, const std::string& name) {
    const auto* a = attribute(node, name);
    return a ? std::vector<std::int64_t>(a->ints().begin(), a->ints().end()) : std::vector<std::int64_t>{};
}
std::string stringAttribute(const onnx::NodeProto& node, const std::string& name, const std::string& fallback) {
    const auto* a = attribute(node, name);
    return a ? a->s() : fallback;
}

Graph readOnnxGraph(const std::string& path) {
    Graph g;
    g.file = path;
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    if (ec) throw InputError(path, 0, "cannot read the file: " + ec.message());
    if (bytes > kMaxFileBytes) throw InputError(path, 0, "the file is larger than ONNX's 2 GB limit");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the file");
    const std::string data(std::istreambuf_iterator<char>(in), {});
    if (!g.model.ParseFromString(data))
        throw InputError(path, 0, "not an ONNX model: the protobuf data cannot be parsed (truncated or another kind of file?)");
    if (!g.model.has_graph() || g.model.graph().node_size() == 0)
        throw InputError(path, 0, "not an ONNX model: it holds no graph with nodes (empty, truncated or another kind of file?)");
    for (const auto& o : g.model.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx") g.opset = int(std::clamp<std::int64_t>(o.version(), -1, 1'000'000));
    if (g.opset == 0) throw InputError(path, 0, "the model declares no ai.onnx opset");
    if (g.opset < kOnnxMinOpset || g.opset > kOnnxMaxOpset)
        throw InputError(path, 0, "opset " + std::to_string(g.opset) + " is not supported (MotifLoom reads ai.onnx opsets " +
                                      std::to_string(kOnnxMinOpset) + " to " + std::to_string(kOnnxMaxOpset) + ")");

    const onnx::GraphProto& graph = g.model.graph();
    if (graph.sparse_initializer_size() > 0) throw InputError(path, 0, "sparse initializers are not supported");
    for (const auto& t : graph.initializer()) {
        if (g.constants.count(t.name())) throw InputError(path, 0, "the initializer '" + t.name() + "' is given twice");
        g.constants[t.name()] = toConstant(path, t, "the initializer '" + t.name() + "'");
    }
    for (const auto& v : graph.input()) {
        if (g.constants.count(v.name())) continue;  // IR < 4 lists initializers as inputs too
        if (!g.input.empty())
            throw InputError(path, 0, "the graph has several inputs ('" + g.input + "', '" + v.name() +
                                          "'); MotifLoom's models read one sequence tensor");
        g.input = v.name();
        g.inputDims = shapeOf(v);
    }
    if (g.input.empty()) throw InputError(path, 0, "the graph has no input");
    for (const auto& v : graph.output()) g.outputs.push_back(v.name());
    if (g.outputs.empty()) throw InputError(path, 0, "the graph has no output");
    g.outputDims = shapeOf(graph.output(0));

    // Who writes each tensor; Constant nodes become constants at once.
    std::map<std::string, int> writer;  // tensor -> index in graph.node()
    const int count = graph.node_size();
    for (int i = 0; i < count; ++i) {
        const onnx::NodeProto& n = graph.node(i);
        for (const auto& out : n.output()) {
            if (out.empty()) continue;
            if (writer.count(out) || g.constants.count(out) || out == g.input)
                throw InputError(path, 0, describe(g, n) + " writes '" + out + "', which is already written elsewhere");
            writer[out] = i;
        }
        if (n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")) {
            if (n.output_size() != 1) throw InputError(path, 0, describe(g, n) + " must have one output");
            g.constants[n.output(0)] = constantNodeValue(g, n);
        }
    }
    // Kahn's algorithm over the other nodes: an input is ready when it is a constant, the graph
    // input, empty (an omitted optional input) or written by a node already placed.
    std::vector<int> pending(std::size_t(count), 0);
    std::map<std::string, std::vector<int>> waiting;
    std::vector<int> ready;
    for (int i = 0; i < count; ++i) {
        const onnx::NodeProto& n = graph.node(i);
        if (n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")) continue;
        for (const auto& in : n.input()) {
            if (in.empty() || in == g.input || g.constants.count(in)) continue;
            if (!writer.count(in))
                throw InputError(path, 0, describe(g, n) + " reads '" + in +
                                              "', which no node, initializer or graph input provides (a missing initializer?)");
            ++pending[std::size_t(i)];
            waiting[in].push_back(i);
        }
        if (pending[std::size_t(i)] == 0) ready.push_back(i);
    }
    std::vector<bool> placed(std::size_t(count), false);
    while (!ready.empty()) {
        const int i = ready.back();
        ready.pop_back();
        placed[std::size_t(i)] = true;
        g.nodes.push_back(&graph.node(i));
        for (const auto& out : graph.node(i).output())
            for (int j : waiting[out])
                if (--pending[std::size_t(j)] == 0) ready.push_back(j);
    }
    for (int i = 0; i < count; ++i) {
        const onnx::NodeProto& n = graph.node(i);
        if (!placed[std::size_t(i)] && !(n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")))
            throw InputError(path, 0, "the graph has a cycle through " + describe(g, n));
    }
    for (int k = 0; k < int(g.nodes.size()); ++k)
        for (const auto& in : g.nodes[std::size_t(k)]->input())
            if (!in.empty() && !g.constants.count(in)) g.readers[in].push_back(k);
    for (const auto& out : g.outputs)
        if (out != g.input && !writer.count(out) && !g.constants.count(out))
            throw InputError(path, 0, "the graph output '" + out + "' is written by no node");
    return g;
}

}  // namespace motifloom::exchange::onnxgraph
