#!/usr/bin/env python3
"""PyTorch reference for motifloom-bench --reference pytorch (app/bench_main.cpp).

Trains the architecture's exported PyTorch module with PyTorch on the same training sequences,
batch size, optimiser and thread count, and prints one JSON object:
{"torch": version, "threads": T, "epoch_s": [seconds of each timed epoch]}.
The module is model.py in this script's folder, written by the benchmark with the exporter's
own code (core/exchange/pytorch/model.py.in, the file `motifloom-cli export --format pytorch`
writes), so the reference trains exactly the network a user would export.
An epoch's time covers its training batches (forward, loss with the L1/L2 penalties,
backward, optimiser step), as the benchmark's own; one warm-up epoch runs first, untimed.

Inputs (written by the benchmark): architecture.json (core/arch/architecture_json.h), codes.u8
(N x L 4-bit base masks, A=1 C=2 G=4 T=8, IUPAC codes share their probability) and labels.f32
(N x K targets).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as exported  # noqa: E402  (model.py next to this script)


def one_hot(codes: np.ndarray) -> torch.Tensor:
    """N x L codes -> N x 4 x L float one-hot (PyTorch's channels-first layout)."""
    bits = np.stack([(codes >> b) & 1 for b in range(4)], axis=1).astype(np.float32)
    count = bits.sum(axis=1, keepdims=True)
    return torch.from_numpy(np.divide(bits, count, out=np.zeros_like(bits), where=count > 0))


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
    length, classes = exported.INPUT_LENGTH, exported.NUM_CLASSES
    codes = np.fromfile(args.codes, dtype=np.uint8).reshape(-1, length)
    labels = torch.from_numpy(np.fromfile(args.labels, dtype=np.float32).reshape(-1, classes))
    x = one_hot(codes)
    net = exported.build_model()
    t = arch.get("training", {})
    if t.get("optimizer", "adam").lower() == "sgd":
        opt = torch.optim.SGD(net.parameters(), lr=t.get("learning_rate", 1e-3), momentum=t.get("momentum", 0.9))
    else:
        opt = torch.optim.Adam(net.parameters(), lr=t.get("learning_rate", 1e-3),
                               betas=(t.get("beta1", 0.9), t.get("beta2", 0.999)), eps=t.get("adam_epsilon", 1e-8))
    l1, l2 = t.get("l1", 0.0), t.get("l2", 0.0)
    batch = t.get("batch_size", 100)
    steps = x.shape[0] // batch

    def epoch():
        net.train()
        order = torch.randperm(x.shape[0])
        start = time.perf_counter()
        for b in range(steps):
            idx = order[b * batch:(b + 1) * batch]
            loss = net.data_loss(net(x[idx]), labels[idx])
            if l1 or l2:
                loss = loss + net.penalty(l1, l2)
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
