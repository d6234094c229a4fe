#pragma once
// Import of ONNX models (made by MotifLoom's export, torch.onnx.export, tf2onnx, ...) as
// MotifLoom networks (exchange/model_import.h registers the importer for *.onnx files).
//
// A chain from the one input to the output of these operators is imported whole:
//   Conv          1-D ([N, C, L], kernel [F, C, k]) or 2-D with a height- or width-1 kernel
//                 ([N, C, 1, L] with kernel [F, C, 1, k], as torch's Conv2d(1 x k) and tf2onnx's
//                 Keras Conv2D give after their NHWC -> NCHW Transpose, or [N, C, L, 1] with
//                 [F, C, k, 1]); stride 1, no dilation or groups; padding 'valid' or MotifLoom's
//                 'same' ((k - 1) / 2 zeros left, the rest right), from pads, auto_pad or a Pad
//                 node before it
//   BatchNormalization, Relu, Exp, Sigmoid, Dropout, Identity
//   MaxPool       when its windows are MotifLoom's 'same' ones (ceil(L / stride) outputs, the
//                 same left padding): e.g. any size = stride pool on a length it divides
//   Transpose, Squeeze, Unsqueeze   moving the channel, length and size-1 axes (the Keras input
//                 layouts [N, L, 4], [N, 1, L, 4] and [N, L, 1, 4] come in through them)
//   Flatten, Reshape to [N, features]: either axis order (channel-major as PyTorch, length-major
//                 as Keras); the next dense layer's weights are reordered to MotifLoom's
//   Gemm, MatMul (+ Add of a bias)   dense layers
//   Softmax or Sigmoid at the end    the output kind (logits without one: a sigmoid is assumed)
// For any other graph the first convolution block (Conv and a BatchNormalization and activation
// right after it) is imported for filter analysis, with a note naming the first operator (and
// node) that could not be imported; a global max-pool and an untrained dense layer stand in for
// the rest of the network, so its predictions mean nothing.

#include "exchange/model_import.h"

namespace motifloom::exchange {

class OnnxImporter : public ModelImporter {
public:
    std::string formatName() const override;
    bool accepts(const std::string& path) const override;  // a file named *.onnx
    ImportedModel read(const std::string& path) const override;
};

}  // namespace motifloom::exchange
