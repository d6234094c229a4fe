#pragma once
// Losses on logits and the weight penalties. Logits z are rows x classes, row-major; targets y
// have the same shape (0/1 multi-hot for sigmoid, one-hot for softmax). Sums run in double.
//
// Binary cross-entropy (multi-label), computed stably from logits:
//   l(z, y) = max(z, 0) - z*y + log(1 + exp(-|z|)),  loss = mean over rows x classes (Keras)
//   dloss/dz = (sigmoid(z) - y) / (rows * classes)
// Categorical cross-entropy (single-label), from logits via log-sum-exp:
//   l(z, y) = sum_k y_k (logsumexp(z) - z_k),        loss = mean over rows
//   dloss/dz_k = (softmax(z)_k * sum_j y_j - y_k) / rows
// Weight penalties (Keras kernel regularisers; never biases or batch-norm parameters):
//   penalty = l1 * sum |w| + l2 * sum w^2,   dpenalty/dw = l1 * sign(w) + 2 * l2 * w  (sign(0) = 0)

#include "nn/layer.h"

#include <vector>

namespace motifloom::nn {

// Mean loss; writes dloss/dz into grad when grad is not null.
double sigmoidCrossEntropy(const float* logits, const float* targets, int rows, int classes,
                           float* grad);
double softmaxCrossEntropy(const float* logits, const float* targets, int rows, int classes,
                           float* grad);

// Probabilities from logits (in place allowed).
void sigmoid(const float* logits, std::size_t n, float* probs);
void softmax(const float* logits, int rows, int classes, float* probs);

// Penalty over the tensors with `penalised` set; adds its gradient to their grad when asked.
double weightPenalty(const std::vector<ParamView>& params, double l1, double l2,
                     bool addGradient);

}  // namespace motifloom::nn
