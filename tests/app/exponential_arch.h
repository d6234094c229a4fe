#pragma once
// CNN-25 with an exponential first-layer activation, as architecture JSON: the fourth model of
// the exchange tests (test_cli_pytorch, test_cli_onnx), which the presets do not include.

namespace motifloom::testing {

inline constexpr const char* kExponentialArch = R"({"format": "motifloom-architecture", "version": 1, "name": "CNN-25-exp",
 "input_length": 200, "classes": 12, "output": "sigmoid", "layers": [
  {"type": "conv1d", "filters": 30, "width": 19}, {"type": "batch_norm"},
  {"type": "activation", "function": "exponential"}, {"type": "max_pool", "size": 25},
  {"type": "dropout", "rate": 0.1}, {"type": "conv1d", "filters": 128, "width": 5}, {"type": "batch_norm"},
  {"type": "activation", "function": "relu"}, {"type": "max_pool", "size": 4}, {"type": "dropout", "rate": 0.1},
  {"type": "flatten"}, {"type": "dense", "units": 512}, {"type": "batch_norm"},
  {"type": "activation", "function": "relu"}, {"type": "dropout", "rate": 0.5},
  {"type": "dense", "units": 12, "bias": true}]})";

}  // namespace motifloom::testing
