#pragma once
// Export of a network as an ONNX model (opset 13), for serving or inspection with any ONNX
// runtime. The graph is the whole network in inference form:
//   input  "dna"            float [batch, 4, L]: one-hot DNA, rows A, C, G, T (PyTorch's layout)
//   output "probabilities"  float [batch, classes]: after the sigmoid or softmax
// Layers map one to one: Conv (1-D, explicit pads: 'same' puts (width - 1) / 2 zeros left, the
// rest right), BatchNormalization (running statistics, the layer's epsilon), Relu / Exp / Sigmoid
// (a linear activation is an Identity), MaxPool (explicit pads giving MotifLoom's 'same'
// ceil(L / stride) outputs; padded positions never win a max in ONNX), Dropout (identity at
// inference, its rate kept), Flatten as Transpose [batch, L, C] + Flatten so the features keep
// MotifLoom's length-major order l * C + c, Gemm with the dense weight [inputs][units] as B.
// The architecture JSON (arch/architecture_json.h) rides along in metadata_props
// ("motifloom.architecture") so that import gets the name and training settings back.

#include "nn/network.h"

#include <string>

namespace motifloom::exchange {

inline constexpr int kOnnxExportOpset = 13;
inline constexpr const char* kOnnxInputName = "dna";
inline constexpr const char* kOnnxOutputName = "probabilities";
inline constexpr const char* kOnnxArchitectureKey = "motifloom.architecture";

// The serialized ModelProto of `net` (exposed for tests).
std::string onnxModelBytes(const nn::Network& net);

// Writes the model to `path` atomically. Throws InputError naming the file when it cannot be
// written.
void exportOnnxModel(const nn::Network& net, const std::string& path);

}  // namespace motifloom::exchange
