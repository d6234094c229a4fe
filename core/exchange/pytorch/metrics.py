"""AUROC and average precision with MotifLoom's definitions (core/metrics of MotifLoom).

Ties are exact (equal scores form one threshold); undefined values are NaN (AUROC needs a
positive and a negative, AP a positive); means over classes skip NaN classes.
"""
import math

import numpy as np


def _groups(scores, labels):
    """Positives and negatives per distinct score, highest score first."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order] >= 0.5
    starts = np.concatenate(([0], np.nonzero(np.diff(s))[0] + 1))
    pos = np.add.reduceat(y.astype(np.int64), starts)
    size = np.diff(np.concatenate((starts, [len(s)])))
    return pos, size - pos


def auroc(scores, labels):
    """Mann-Whitney U / (P * N), ties counting one half."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels)
    if np.isnan(scores).any():
        return math.nan
    pos, neg = _groups(scores, labels)
    p, n = pos.sum(), neg.sum()
    if p == 0 or n == 0:
        return math.nan
    neg_above = np.cumsum(neg) - neg  # negatives with a higher score than the group
    u2 = (pos * (2 * (n - neg_above - neg) + neg)).sum()  # 2 * (pairs won + half the ties)
    return float(u2) / (2.0 * p * n)


def average_precision(scores, labels):
    """scikit-learn's average_precision_score: sum over thresholds of (R_k - R_k-1) * P_k."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels)
    if np.isnan(scores).any():
        return math.nan
    pos, neg = _groups(scores, labels)
    p = pos.sum()
    if p == 0:
        return math.nan
    tp, fp = np.cumsum(pos), np.cumsum(neg)
    precision = tp / (tp + fp)
    return float((pos / p * precision).sum())


def aupr_trapezoid(scores, labels):
    """Trapezoid area under the PR curve starting at (recall 0, precision 1)."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels)
    if np.isnan(scores).any():
        return math.nan
    pos, neg = _groups(scores, labels)
    p = pos.sum()
    if p == 0:
        return math.nan
    tp, fp = np.cumsum(pos), np.cumsum(neg)
    recall = np.concatenate(([0.0], tp / p))
    precision = np.concatenate(([1.0], tp / (tp + fp)))
    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))


def mean_ignoring_nan(values):
    v = [x for x in values if not math.isnan(x)]
    return sum(v) / len(v) if v else math.nan


def evaluate(probs, labels, class_names, single_label):
    """MotifLoom's per-class and mean metrics of an [n, classes] probability matrix."""
    probs, labels = np.asarray(probs), np.asarray(labels)
    per_class = []
    for c, name in enumerate(class_names):
        per_class.append({"class": name, "positives": int((labels[:, c] >= 0.5).sum()),
                          "auroc": auroc(probs[:, c], labels[:, c]),
                          "aupr": average_precision(probs[:, c], labels[:, c]),
                          "aupr_trapezoid": aupr_trapezoid(probs[:, c], labels[:, c])})
    if single_label:
        has = labels.max(axis=1) >= 0.5
        accuracy = float((probs.argmax(axis=1) == labels.argmax(axis=1))[has].mean()) if has.any() else math.nan
    else:
        accuracy = float(((probs > 0.5) == (labels >= 0.5)).mean()) if probs.size else math.nan
    return {"test_sequences": int(len(probs)),
            "test_auroc": mean_ignoring_nan([c["auroc"] for c in per_class]),
            "test_aupr": mean_ignoring_nan([c["aupr"] for c in per_class]),
            "test_aupr_trapezoid": mean_ignoring_nan([c["aupr_trapezoid"] for c in per_class]),
            "test_accuracy": accuracy,
            "per_class": per_class}
