"""Test helper for tests/app/test_cli_onnx.cpp (run with Debian's /usr/bin/python3, torch + onnx).

ONNX Runtime is not in Debian, so predictions of ONNX files are computed here with torch:

  onnx_tools.py check MODEL.onnx
      onnx.checker.check_model (full check), prints the opset and the operators.
  onnx_tools.py run MODEL.onnx PROJECT DATA OUT.tsv
      runs MODEL.onnx (the operators MotifLoom's export writes) with torch operators on DATA's
      test set, read by PROJECT's data.py (an exported PyTorch project); OUT.tsv as predict.py.
  onnx_tools.py torch KIND OUT_DIR PROJECT DATA
      builds a small torch network of KIND, exports it with torch.onnx.export to OUT_DIR/model.onnx,
      writes its test-set probabilities (OUT_DIR/torch.tsv) and first-layer weights
      (OUT_DIR/filters.txt: filters x 4 x width values, one per line). KIND:
        conv1d  Conv1d/ReLU/BatchNorm1d/MaxPool1d/Dropout/Conv1d/Flatten/Linear/Sigmoid ([N, 4, L])
        keras   input [N, 1, L, 4] (Keras' NHWC), Transpose, Conv2d(1 x k), MaxPool2d(1 x 4),
                Transpose back, Flatten (length-major), Linear, Softmax, as tf2onnx writes them
        other   a Conv1d block, then an AveragePool (not importable whole)
        centred a Sub (x - 0.25) before the first Conv1d (not importable whole)
  onnx_tools.py hostile MODEL.onnx OUT_DIR
      writes broken variants of MODEL.onnx into OUT_DIR (wrong-opset, absurd-shape,
      weights-mismatch, conv-channels, missing-initializer, cycle, truncated .onnx).
"""
import math
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn


def test_set(project, data_dir, length):
    sys.path.insert(0, project)
    import data  # the exported project's reader: the same split as MotifLoom's evaluate
    test = data.load_splits(data_dir, "header", length)[2]
    x, _ = data.FastaDataset(test).batch(range(len(test)))
    return test, x


def write_tsv(path, sequences, probs):
    with open(path, "w") as out:
        out.write("id\t" + "\t".join(sequences.class_names) + "\n")
        for i, row in enumerate(probs):
            out.write(sequences.ids[i] + "\t" + "\t".join(f"{v:.9g}" for v in row) + "\n")


def run_graph(model, x):
    env = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    env[model.graph.input[0].name] = x
    for n in model.graph.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in n.attribute}
        i = [env[k] if k else None for k in n.input]
        op = n.op_type
        if op == "Conv":
            p = a.get("pads", [0, 0])
            y = F.conv1d(F.pad(i[0], (p[0], p[1])), i[1], i[2] if len(i) > 2 else None)
        elif op == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
        elif op == "Relu":
            y = torch.relu(i[0])
        elif op == "Exp":
            y = torch.exp(i[0])
        elif op == "Sigmoid":
            y = torch.sigmoid(i[0])
        elif op in ("Identity", "Dropout"):
            y = i[0]
        elif op == "MaxPool":
            p = a.get("pads", [0, 0])
            y = F.max_pool1d(F.pad(i[0], (p[0], p[1]), value=-math.inf), a["kernel_shape"][0], a.get("strides", [1])[0])
        elif op == "Transpose":
            y = i[0].permute(*a["perm"])
        elif op == "Flatten":
            y = i[0].reshape(i[0].shape[0], -1)
        elif op == "Gemm":
            assert not a.get("transA", 0) and not a.get("transB", 0)
            y = i[0] @ i[1] + (i[2] if len(i) > 2 else 0)
        elif op == "Softmax":
            y = torch.softmax(i[0], dim=a.get("axis", -1))
        else:
            raise SystemExit("onnx_tools.py run: unexpected operator " + op)
        env[n.output[0]] = y
    return env[model.graph.output[0].name]


class KerasLayout(nn.Module):
    """[N, 1, L, 4] (NHWC) -> NCHW, Conv2d(1 x 9), ReLU, MaxPool2d(1 x 4) -> NHWC, Flatten, Linear."""

    def __init__(self, length, classes):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, (1, 9), padding=(0, 4))
        self.pool = nn.MaxPool2d((1, 4))
        self.dense = nn.Linear(8 * (length // 4), classes)

    def forward(self, x):
        y = self.pool(torch.relu(self.conv(x.permute(0, 3, 1, 2))))
        return torch.softmax(self.dense(torch.flatten(y.permute(0, 2, 3, 1), 1)), dim=1)


class Centred(nn.Module):
    """conv(x - 0.25): a Sub before the first Conv (not importable whole)."""

    def __init__(self, length, classes):
        super().__init__()
        self.conv = nn.Conv1d(4, 5, 11, padding=5)
        self.dense = nn.Linear(5 * (length // 10), classes)

    def forward(self, x):
        y = F.max_pool1d(torch.relu(self.conv(x - 0.25)), 10)
        return torch.sigmoid(self.dense(torch.flatten(y, 1)))


def torch_model(kind, project, data_dir, out_dir):
    torch.manual_seed(7)
    sys.path.insert(0, project)
    from model import INPUT_LENGTH as length
    test, x = test_set(project, data_dir, length)
    classes = len(test.class_names)
    if kind == "conv1d":
        # Batch norm after the ReLU: torch.onnx.export folds one right after a Conv into its weights.
        net = nn.Sequential(nn.Conv1d(4, 8, 9, padding=4), nn.ReLU(), nn.BatchNorm1d(8, eps=1e-3), nn.MaxPool1d(4),
                            nn.Dropout(0.2), nn.Conv1d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool1d(5), nn.Flatten(),
                            nn.Linear(16 * (length // 20), 32), nn.ReLU(), nn.Linear(32, classes), nn.Sigmoid())
        bn = net[2]
        with torch.no_grad():  # running statistics that matter
            bn.running_mean.uniform_(-0.2, 0.2)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.1, 0.1)
        first, sample = net[0].weight, torch.zeros(1, 4, length)
    elif kind == "keras":
        net = KerasLayout(length, classes)
        first, sample = net.conv.weight[:, :, 0, :], torch.zeros(1, 1, length, 4)
        x = x.permute(0, 2, 1).unsqueeze(1).contiguous()  # [N, 1, L, 4]
    elif kind == "other":
        net = nn.Sequential(nn.Conv1d(4, 6, 7, padding=3), nn.ReLU(), nn.AvgPool1d(4), nn.Flatten(),
                            nn.Linear(6 * (length // 4), classes), nn.Sigmoid())
        first, sample = net[0].weight, torch.zeros(1, 4, length)
    elif kind == "centred":
        net = Centred(length, classes)
        first, sample = net.conv.weight, torch.zeros(1, 4, length)
    else:
        raise SystemExit("unknown kind " + kind)
    net.eval()
    os.makedirs(out_dir, exist_ok=True)
    torch.onnx.export(net, sample, os.path.join(out_dir, "model.onnx"), opset_version=13, input_names=["x"],
                      output_names=["p"], dynamic_axes={"x": {0: "batch"}, "p": {0: "batch"}})
    with torch.no_grad():
        write_tsv(os.path.join(out_dir, "torch.tsv"), test, net(x).numpy())
    np.savetxt(os.path.join(out_dir, "filters.txt"), first.detach().numpy().reshape(-1), fmt="%.9g")


def hostile(path, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    base = onnx.load(path)

    def save(name, m):
        with open(os.path.join(out_dir, name + ".onnx"), "wb") as f:
            f.write(m.SerializeToString())

    m = onnx.ModelProto(); m.CopyFrom(base)
    m.opset_import[0].version = 5
    save("wrong-opset", m)
    m = onnx.ModelProto(); m.CopyFrom(base)
    m.graph.input[0].type.tensor_type.shape.dim[2].dim_value = 10 ** 12
    save("absurd-shape", m)
    m = onnx.ModelProto(); m.CopyFrom(base)
    m.graph.initializer[0].dims[0] += 1  # the first conv's filters: one more than the data hold
    save("weights-mismatch", m)
    m = onnx.ModelProto(); m.CopyFrom(base)
    w = numpy_helper.to_array(m.graph.initializer[0])  # [filters, 4, width] -> 5 input channels
    m.graph.initializer[0].CopyFrom(numpy_helper.from_array(np.zeros((w.shape[0], 5, w.shape[2]), np.float32), m.graph.initializer[0].name))
    save("conv-channels", m)
    m = onnx.ModelProto(); m.CopyFrom(base)
    del m.graph.initializer[0]
    save("missing-initializer", m)
    m = onnx.ModelProto(); m.CopyFrom(base)
    m.graph.node[0].input[0] = m.graph.node[2].output[0]
    save("cycle", m)
    data = base.SerializeToString()
    with open(os.path.join(out_dir, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])


def main():
    cmd = sys.argv[1]
    if cmd == "check":
        m = onnx.load(sys.argv[2])
        onnx.checker.check_model(m, full_check=True)
        print("opset", m.opset_import[0].version, "ops", " ".join(sorted({n.op_type for n in m.graph.node})))
    elif cmd == "run":
        model, project, data_dir, out = sys.argv[2:6]
        m = onnx.load(model)
        length = m.graph.input[0].type.tensor_type.shape.dim[2].dim_value
        test, x = test_set(project, data_dir, length)
        with torch.no_grad():
            write_tsv(out, test, run_graph(m, x).numpy())
    elif cmd == "torch":
        torch_model(sys.argv[2], sys.argv[4], sys.argv[5], sys.argv[3])
    elif cmd == "hostile":
        hostile(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
