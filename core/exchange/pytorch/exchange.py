"""MotifLoom's exchange format: how a model travels between MotifLoom and this project.

A folder with two files:
  model.json   {"format": "motifloom-exchange", "version": 1,
                "architecture": {... MotifLoom's architecture JSON ...},
                "weights": {"file": "weights.f32", "dtype": "float32", "byte_order": "little",
                            "tensors": [{"layer": 1, "name": "weight", "shape": [19, 4, 30]}, ...]},
                "metrics": {...}, "history": [...], "stop_reason": "...", "producer": "..."}
  weights.f32  the tensors of "tensors", in that order, back to back, as raw little-endian
               float32 in MotifLoom's layouts (conv weight [tap][channel][filter], dense weight
               [input][unit], batch norm gamma, beta, running mean, running variance).
"metrics", "history" and "stop_reason" are optional (train.py writes them; `motifloom-cli import`
shows them as the run's results). Files are written to a temporary name and renamed, so a
reader never sees half a model.
"""
import json
import math
import os

import numpy as np
import torch

FORMAT = "motifloom-exchange"
VERSION = 1
MANIFEST = "model.json"
WEIGHTS = "weights.f32"


def _replace_atomically(path, write):
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _json_safe(v):
    """JSON has no NaN or infinity: undefined values (e.g. the AUROC of an absent class) become null."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_safe(x) for x in v]
    return v


def save(model, directory, architecture, metrics=None, history=None, stop_reason=None, producer=None):
    """Writes model.json and weights.f32 of `model` (a model.MotifLoomNet) into `directory`."""
    os.makedirs(directory, exist_ok=True)
    entries, arrays = [], []
    for layer, name, tensor in model.motifloom_tensors():
        a = tensor.detach().to("cpu", torch.float32).contiguous().numpy()
        entries.append({"layer": layer, "name": name, "shape": list(a.shape)})
        arrays.append(a.astype("<f4").ravel())
    blob = np.concatenate(arrays).tobytes() if arrays else b""
    manifest = {"format": FORMAT, "version": VERSION,
                "producer": producer or "PyTorch " + torch.__version__,
                "architecture": architecture,
                "weights": {"file": WEIGHTS, "dtype": "float32", "byte_order": "little", "tensors": entries}}
    if metrics is not None:
        manifest["metrics"] = metrics
    if history is not None:
        manifest["history"] = history
    if stop_reason is not None:
        manifest["stop_reason"] = stop_reason
    _replace_atomically(os.path.join(directory, WEIGHTS), lambda f: f.write(blob))
    text = json.dumps(_json_safe(manifest), indent=1, allow_nan=False) + "\n"
    _replace_atomically(os.path.join(directory, MANIFEST), lambda f: f.write(text.encode()))


def read_manifest(directory):
    path = os.path.join(directory, MANIFEST)
    with open(path) as f:
        manifest = json.load(f)
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{path}: not a MotifLoom exchange manifest (format is {manifest.get('format')!r})")
    if manifest.get("version") != VERSION:
        raise ValueError(f"{path}: exchange format version {manifest.get('version')} is not supported (expected {VERSION})")
    return manifest


def load_weights(model, directory):
    """Loads weights.f32 into `model`; checks every tensor's shape against the model's."""
    manifest = read_manifest(directory)
    w = manifest["weights"]
    path = os.path.join(directory, w.get("file", WEIGHTS))
    if w.get("dtype") != "float32" or w.get("byte_order") != "little":
        raise ValueError(f"{path}: only little-endian float32 weights are supported")
    data = np.fromfile(path, dtype="<f4")
    expected = model.motifloom_tensors()
    if len(expected) != len(w["tensors"]):
        raise ValueError(f"{path}: {len(w['tensors'])} tensors, the model has {len(expected)}")
    total = sum(int(np.prod(e["shape"])) for e in w["tensors"])
    if total != data.size:
        raise ValueError(f"{path}: {data.size} floats, the manifest lists {total}")
    tensors, offset = {}, 0
    for (layer, name, ref), entry in zip(expected, w["tensors"]):
        if (entry["layer"], entry["name"], list(entry["shape"])) != (layer, name, list(ref.shape)):
            raise ValueError(f"{path}: tensor {entry['layer']}/{entry['name']} {entry['shape']} "
                             f"does not match the model's layer {layer} {name} {list(ref.shape)}")
        n = int(np.prod(entry["shape"]))
        t = torch.from_numpy(data[offset:offset + n].copy()).reshape(entry["shape"])
        tensors.setdefault(layer, {})[name] = t
        offset += n
    model.load_motifloom_tensors(tensors)
    return manifest
