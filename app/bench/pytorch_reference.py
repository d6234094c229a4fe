#!/usr/bin/env python3
"""PyTorch reference for motifloom-bench --reference pytorch (app/bench_main.cpp).

Trains the architecture of a MotifLoom architecture JSON (core/arch/architecture_json.h) with
PyTorch on the same training sequences, batch size, optimiser and thread count, and prints
one JSON object: {"torch": version, "threads": T, "epoch_s": [seconds of each timed epoch]}.
An epoch's time covers its training batches (forward, loss with the L1/L2 penalties,
backward, optimiser step), as the benchmark's own; one warm-up epoch runs first, untimed.

Inputs (written by the benchmark): codes.u8 (N x L 4-bit base masks, A=1 C=2 G=4 T=8, IUPAC
codes share their probability) and labels.f32 (N x K targets).
"""
import argparse
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def one_hot(codes: np.ndarray) -> torch.Tensor:
    """N x L codes -> N x 4 x L float one-hot (PyTorch's channels-first layout)."""
    bits = np.stack([(codes >> b) & 1 for b in range(4)], axis=1).astype(np.float32)
    count = bits.sum(axis=1, keepdims=True)
    return torch.from_numpy(np.divide(bits, count, out=np.zeros_like(bits), where=count > 0))


class SamePool(nn.Module):
    """TF 'same' max-pooling (core/nn/max_pool.h): ceil(L / stride) outputs, padding never wins."""

    def __init__(self, size, stride):
        super().__init__()
        self.size, self.stride = size, stride

    def forward(self, x):
        length = x.shape[-1]
        out = -(-length // self.stride)
        pad = max((out - 1) * self.stride + self.size - length, 0)
        if pad:
            x = nn.functional.pad(x, (pad // 2, pad - pad // 2), value=float("-inf"))
        return nn.functional.max_pool1d(x, self.size, self.stride)


def build(arch):
    layers, penalised = [], []
    channels, length, flat = 4, arch["input_length"], None
    for spec in arch["layers"]:
        kind = spec["type"].lower().replace("_", "")
        if kind == "conv1d":
            width = spec["width"]
            same = spec.get("padding", "same").lower() == "same"
            conv = nn.Conv1d(channels, spec["filters"], width, bias=spec.get("bias", False),
                             padding="same" if same else 0)
            layers.append(conv)
            penalised.append(conv.weight)
            channels = spec["filters"]
            length = length if same else length - width + 1
        elif kind == "batchnorm":
            layers.append(nn.BatchNorm1d(flat or channels, eps=spec.get("epsilon", 1e-3),
                                         momentum=1 - spec.get("momentum", 0.99)))
        elif kind == "activation":
            f = spec.get("function", "relu").lower()
            layers.append({"relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "linear": nn.Identity(),
                           "exponential": Exp()}[f])
        elif kind == "maxpool":
            size = spec["size"]
            stride = spec.get("stride", 0) or size
            layers.append(SamePool(size, stride))
            length = -(-length // stride)
        elif kind == "dropout":
            layers.append(nn.Dropout(spec["rate"]))
        elif kind == "flatten":
            layers.append(nn.Flatten())
            flat = channels * length
        elif kind == "dense":
            dense = nn.Linear(flat, spec["units"], bias=spec.get("bias", False))
            layers.append(dense)
            penalised.append(dense.weight)
            flat = spec["units"]
        else:
            raise SystemExit(f"pytorch_reference: layer type {spec['type']!r} not supported")
    return nn.Sequential(*layers), penalised


class Exp(nn.Module):
    def forward(self, x):
        return torch.exp(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", required=True)
    ap.add_argument("--codes", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--epochs", type=int, default=3, help="timed epochs (after one warm-up)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    with open(args.arch) as f:
        arch = json.load(f)
    length, classes = arch["input_length"], arch["classes"]
    codes = np.fromfile(args.codes, dtype=np.uint8).reshape(-1, length)
    labels = torch.from_numpy(np.fromfile(args.labels, dtype=np.float32).reshape(-1, classes))
    x = one_hot(codes)
    model, penalised = build(arch)
    t = arch.get("training", {})
    if t.get("optimizer", "adam").lower() == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=t.get("learning_rate", 1e-3), momentum=t.get("momentum", 0.9))
    else:
        opt = torch.optim.Adam(model.parameters(), lr=t.get("learning_rate", 1e-3),
                               betas=(t.get("beta1", 0.9), t.get("beta2", 0.999)), eps=t.get("adam_epsilon", 1e-8))
    softmax = arch.get("output", "sigmoid").lower() == "softmax"
    loss_fn = nn.CrossEntropyLoss() if softmax else nn.BCEWithLogitsLoss()
    l1, l2 = t.get("l1", 0.0), t.get("l2", 0.0)
    batch = t.get("batch_size", 100)
    steps = x.shape[0] // batch

    def epoch():
        model.train()
        order = torch.randperm(x.shape[0])
        start = time.perf_counter()
        for b in range(steps):
            idx = order[b * batch:(b + 1) * batch]
            loss = loss_fn(model(x[idx]), labels[idx])
            if l1 or l2:
                for w in penalised:
                    if l2:
                        loss = loss + l2 * w.pow(2).sum()
                    if l1:
                        loss = loss + l1 * w.abs().sum()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return time.perf_counter() - start

    epoch()  # warm-up
    times = [epoch() for _ in range(args.epochs)]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "epoch_s": times}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
