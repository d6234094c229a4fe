#include "exchange/onnx_export.h"

#include "arch/architecture_json.h"
#include "exchange/exchange_format.h"
#include "util/atomic_file.h"
#include "util/input_error.h"

#include <onnx/onnx_pb.h>

#include <ostream>

namespace motifloom::exchange {

namespace {

using arch::LayerType;

class GraphWriter {
public:
    explicit GraphWriter(onnx::GraphProto& g) : mGraph(g) {}

    void initializer(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<float>& values) {
        onnx::TensorProto* t = mGraph.add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (auto d : dims) t->add_dims(d);
        for (float v : values) t->add_float_data(v);
    }
    void initializerInt64(const std::string& name, const std::vector<std::int64_t>& dims,
                          const std::vector<std::int64_t>& values) {
        onnx::TensorProto* t = mGraph.add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::INT64);
        for (auto d : dims) t->add_dims(d);
        for (auto v : values) t->add_int64_data(v);
    }
    // A node reading `inputs`, writing one fresh tensor; returns its name.
    std::string node(const std::string& op, const std::string& name, const std::vector<std::string>& inputs,
                     onnx::NodeProto** out = nullptr) {
        onnx::NodeProto* n = mGraph.add_node();
        n->set_op_type(op);
        n->set_name(name);
        for (const auto& i : inputs) n->add_input(i);
        const std::string output = name + ":out";
        n->add_output(output);
        if (out) *out = n;
        return output;
    }
    static void attr(onnx::NodeProto* n, const std::string& name, std::int64_t v) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, float v) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, const std::vector<std::int64_t>& v) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (auto x : v) a->add_ints(x);
    }

private:
    onnx::GraphProto& mGraph;
};

void setTensorType(onnx::ValueInfoProto* v, const std::string& name, const std::vector<std::int64_t>& dims) {
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    auto* shape = t->mutable_shape();
    shape->add_dim()->set_dim_param("batch");
    for (auto d : dims) shape->add_dim()->set_dim_value(d);
}

std::vector<float> spanToVector(std::span<const float> s) { return {s.begin(), s.end()}; }

}  // namespace

std::string onnxModelBytes(const nn::Network& netIn) {
    nn::Network net = netIn;  // layerState() hands out writable views
    const arch::Architecture& a = net.architecture();
    onnx::ModelProto model;
    model.set_ir_version(7);  // the IR of opset 13 (ONNX 1.8)
    model.set_producer_name("MotifLoom");
    model.set_producer_version("1");
    model.set_doc_string((a.name.empty() ? std::string("model") : a.name) +
                         ": input one-hot DNA [batch, 4 (A,C,G,T), length], output class probabilities");
    auto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxExportOpset);
    auto* meta = model.add_metadata_props();
    meta->set_key(kOnnxArchitectureKey);
    meta->set_value(arch::toJsonString(a));

    onnx::GraphProto& g = *model.mutable_graph();
    g.set_name(a.name.empty() ? "motifloom" : a.name);
    setTensorType(g.add_input(), kOnnxInputName, {4, a.inputLength});
    GraphWriter w(g);
    std::string x = kOnnxInputName;
    arch::Shape in{a.inputLength, 4};
    for (int i = 0; i < net.layerCount(); ++i) {
        const nn::Layer& layer = net.layer(i);
        const arch::LayerSpec& s = layer.spec();
        const arch::Shape out = layer.outputShape();
        const std::string name = "layer" + std::to_string(i + 1);
        const auto state = net.layerState(i);
        onnx::NodeProto* n = nullptr;
        switch (s.type) {
        case LayerType::Conv1D: {
            // MotifLoom [width][channels][filters] -> ONNX [filters][channels][width].
            const int k = s.width, c = in.channels, f = out.channels;
            std::vector<float> weight(std::size_t(k) * c * f);
            for (int t = 0; t < k; ++t)
                for (int ch = 0; ch < c; ++ch)
                    for (int fi = 0; fi < f; ++fi)
                        weight[(std::size_t(fi) * c + ch) * k + t] = state[0][(std::size_t(t) * c + ch) * f + fi];
            w.initializer(name + ".weight", {f, c, k}, weight);
            std::vector<std::string> inputs = {x, name + ".weight"};
            if (s.bias) {
                w.initializer(name + ".bias", {f}, spanToVector(state[1]));
                inputs.push_back(name + ".bias");
            }
            x = w.node("Conv", name + "_conv", inputs, &n);
            const int left = s.padding == arch::Padding::Same ? (k - 1) / 2 : 0;
            const int right = s.padding == arch::Padding::Same ? k - 1 - left : 0;
            GraphWriter::attr(n, "kernel_shape", std::vector<std::int64_t>{k});
            GraphWriter::attr(n, "pads", std::vector<std::int64_t>{left, right});
            break;
        }
        case LayerType::BatchNorm: {
            const char* names[] = {".gamma", ".beta", ".running_mean", ".running_variance"};
            std::vector<std::string> inputs = {x};
            for (int t = 0; t < 4; ++t) {
                w.initializer(name + names[t], {in.channels}, spanToVector(state[std::size_t(t)]));
                inputs.push_back(name + names[t]);
            }
            x = w.node("BatchNormalization", name + "_batch_norm", inputs, &n);
            GraphWriter::attr(n, "epsilon", float(s.epsilon));
            GraphWriter::attr(n, "momentum", float(s.momentum));
            break;
        }
        case LayerType::Activation: {
            const char* op = s.activation == arch::ActivationType::ReLU          ? "Relu"
                             : s.activation == arch::ActivationType::Exponential ? "Exp"
                             : s.activation == arch::ActivationType::Sigmoid     ? "Sigmoid"
                                                                                 : "Identity";
            x = w.node(op, name + "_" + std::string(op == std::string("Identity") ? "linear" : op), {x});
            break;
        }
        case LayerType::MaxPool: {
            const int stride = s.stride(), size = s.poolSize, length = in.length;
            const int outLength = (length + stride - 1) / stride;
            const int total = std::max((outLength - 1) * stride + size - length, 0);
            x = w.node("MaxPool", name + "_max_pool", {x}, &n);
            GraphWriter::attr(n, "kernel_shape", std::vector<std::int64_t>{size});
            GraphWriter::attr(n, "strides", std::vector<std::int64_t>{stride});
            GraphWriter::attr(n, "pads", std::vector<std::int64_t>{total / 2, total - total / 2});
            break;
        }
        case LayerType::Dropout:
            w.initializer(name + ".ratio", {}, {float(s.dropRate)});
            x = w.node("Dropout", name + "_dropout", {x, name + ".ratio"});
            break;
        case LayerType::Flatten: {
            // [batch, C, L] -> [batch, L, C] -> [batch, L * C]: MotifLoom's length-major order.
            x = w.node("Transpose", name + "_length_major", {x}, &n);
            GraphWriter::attr(n, "perm", std::vector<std::int64_t>{0, 2, 1});
            x = w.node("Flatten", name + "_flatten", {x}, &n);
            GraphWriter::attr(n, "axis", std::int64_t(1));
            break;
        }
        case LayerType::Dense: {
            w.initializer(name + ".weight", {in.channels, out.channels}, spanToVector(state[0]));
            std::vector<std::string> inputs = {x, name + ".weight"};
            if (s.bias) {
                w.initializer(name + ".bias", {out.channels}, spanToVector(state[1]));
                inputs.push_back(name + ".bias");
            }
            x = w.node("Gemm", name + "_dense", inputs);
            break;
        }
        }
        in = out;
    }
    const bool sigmoid = a.output == arch::OutputKind::Sigmoid;
    onnx::NodeProto* last = nullptr;
    x = w.node(sigmoid ? "Sigmoid" : "Softmax", sigmoid ? "output_sigmoid" : "output_softmax", {x}, &last);
    if (!sigmoid) GraphWriter::attr(last, "axis", std::int64_t(1));
    last->set_output(0, kOnnxOutputName);
    setTensorType(g.add_output(), kOnnxOutputName, {a.numClasses});
    std::string bytes;
    if (!model.SerializeToString(&bytes)) throw InputError("the ONNX model could not be serialised (over 2 GB?)");
    return bytes;
}

void exportOnnxModel(const nn::Network& net, const std::string& path) {
    const std::string bytes = onnxModelBytes(net);
    writeFileAtomically(path, [&](std::ostream& out) { out.write(bytes.data(), std::streamsize(bytes.size())); });
}

}  // namespace motifloom::exchange
