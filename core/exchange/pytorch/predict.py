"""Probabilities of the exported model for a data set, one line per sequence (TSV).

  python3 predict.py --weights weights --data DIR [--part test] [--out probs.tsv]
--weights is a MotifLoom exchange folder: the weights exported with the project, or the --out
folder of train.py. Data options are train.py's (same files, same split).
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402
from model import INPUT_LENGTH, build_model  # noqa: E402


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--weights", required=True)
    a.add_argument("--data", required=True)
    a.add_argument("--part", default="test", choices=["train", "valid", "test"])
    a.add_argument("--labels", default="header", choices=["header", "per-class", "pos-neg"])
    a.add_argument("--split", default="0.7,0.1,0.2")
    a.add_argument("--split-seed", type=int, default=1)
    a.add_argument("--out", default="-", help="TSV file, - for standard output")
    args = a.parse_args()
    parts = data.load_splits(args.data, args.labels, INPUT_LENGTH,
                             tuple(float(f) for f in args.split.split(",")), args.split_seed)
    sequences = parts[["train", "valid", "test"].index(args.part)]
    dataset = data.FastaDataset(sequences)
    model = build_model(args.weights)
    model.eval()
    out = sys.stdout if args.out == "-" else open(args.out, "w")
    out.write("id\t" + "\t".join(sequences.class_names) + "\n")
    with torch.no_grad():
        for start in range(0, len(dataset), 1000):
            x, _ = dataset.batch(range(start, min(start + 1000, len(dataset))))
            probs = model.probabilities(model(x)).numpy()
            for i, row in enumerate(probs):
                out.write(sequences.ids[start + i] + "\t" + "\t".join(f"{v:.9g}" for v in row) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
