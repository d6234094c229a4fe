"""FASTA data with MotifLoom's conventions (core/seqio of MotifLoom), as PyTorch datasets.

- Bases are 4-bit codes: A=1, C=2, G=4, T=8, an IUPAC ambiguity code the union of its bases
  (N=15), 0 = no base (padding). One-hot rows are A, C, G, T; a code gives each of its bases
  1 / (number of bases), so N is 0.25 each and padding all zeros. Lower case reads as upper case.
- Labels, as MotifLoom's --labels: "header" (">id labels=0,1,0" multi-label, or ">id class=NAME"
  single-label), "per-class" (one file per class, single-label, class = file name stem),
  "pos-neg" (a positive and a negative file, one multi-label column).
- Length: every sequence is brought to one length (the model's input length): longer ones keep
  their centre (start (len - L) // 2), shorter ones are centred and padded with code 0.
- A folder written by `motifloom-cli simulate` holds train.fa, valid.fa, test.fa (or .fa.gz,
  .fasta, .fasta.gz) and classes.txt. Files given as a list are split at random exactly as
  MotifLoom splits them (same generator, same seed -> the same sequences in each part).
Errors name the file and line.
"""
import gzip
import os

import numpy as np
import torch

_LETTERS = "ACMGRSVTWYHKDBN"  # the letter of codes 1..15
_ENCODE = np.full(256, 255, dtype=np.uint8)
for _i, _c in enumerate(_LETTERS):
    _ENCODE[ord(_c)] = _ENCODE[ord(_c.lower())] = _i + 1
# ONE_HOT[code] = the one-hot column of a code (rows A, C, G, T).
ONE_HOT = np.zeros((16, 4), dtype=np.float32)
for _code in range(1, 16):
    _bases = [b for b in range(4) if (_code >> b) & 1]
    ONE_HOT[_code, _bases] = 1.0 / len(_bases)
_ONE_HOT_T = torch.from_numpy(ONE_HOT)


class SequenceSet:
    """Sequences of one length: codes [n, length] uint8, labels [n, classes] float32 (0/1)."""

    def __init__(self, ids, codes, labels, class_names, task):
        self.ids, self.codes, self.labels = ids, codes, labels
        self.class_names, self.task = class_names, task  # task: "multi-label" or "single-label"

    def __len__(self):
        return len(self.ids)

    def subset(self, indices):
        return SequenceSet([self.ids[i] for i in indices], self.codes[indices], self.labels[indices],
                           self.class_names, self.task)


class FastaDataset(torch.utils.data.Dataset):
    """(one-hot [4, length] float32, labels [classes] float32) per sequence."""

    def __init__(self, sequences):
        self.sequences = sequences
        self.codes = torch.from_numpy(sequences.codes.astype(np.int64))
        self.labels = torch.from_numpy(sequences.labels)

    def __len__(self):
        return len(self.sequences)

    def __getitem__(self, i):
        return _ONE_HOT_T[self.codes[i]].t(), self.labels[i]

    def batch(self, indices):
        """A whole batch at once (faster than one item at a time): x [n, 4, length], y [n, classes]."""
        idx = torch.as_tensor(indices, dtype=torch.int64)
        return _ONE_HOT_T[self.codes[idx]].transpose(1, 2).contiguous(), self.labels[idx]


def _open_text(path):
    if not os.path.exists(path):
        raise ValueError(f"{path}:0: no such file")
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rt", newline="") if magic == b"\x1f\x8b" else open(path, "rt", newline="")


def read_fasta(path):
    """Yields (id, header tokens, codes as a uint8 array, header line number) per record."""
    header, tokens, line_no, parts = None, [], 0, []

    def record():
        if not parts or sum(len(p) for p in parts) == 0:
            raise ValueError(f"{path}:{line_no}: sequence {header} has no bases")
        return header, tokens, np.concatenate(parts), line_no

    with _open_text(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n").lstrip("\ufeff") if n == 1 else line.rstrip("\r\n")
            if line.startswith(">"):
                if header is not None:
                    yield record()
                words = line[1:].split()
                if not words:
                    raise ValueError(f"{path}:{n}: a header without an id")
                header, tokens, line_no, parts = words[0], words[1:], n, []
            elif line.strip():
                if header is None:
                    raise ValueError(f"{path}:{n}: text before the first header")
                raw = np.frombuffer(line.replace(" ", "").replace("\t", "").encode("latin-1"), dtype=np.uint8)
                codes = _ENCODE[raw]
                bad = np.nonzero(codes == 255)[0]
                if bad.size:
                    raise ValueError(f"{path}:{n}: illegal character {chr(raw[bad[0]])!r} in sequence {header}")
                parts.append(codes)
    if header is None:
        raise ValueError(f"{path}:1: no FASTA record")
    yield record()


def fit_to_length(codes, length, pad_code=0):
    """Centre crop ((len - length) // 2 first) or centre and pad (left (length - len) // 2)."""
    n = codes.size
    if n >= length:
        start = (n - length) // 2
        return codes[start:start + length]
    out = np.full(length, pad_code, dtype=np.uint8)
    left = (length - n) // 2
    out[left:left + n] = codes
    return out


def file_stem(path):
    name = os.path.basename(path)
    for ext in (".gz", ".fa", ".fasta", ".fna", ".fas"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


def _common_length(records):
    counts = {}
    for r in records:
        counts[r[2].size] = counts.get(r[2].size, 0) + 1
    return max(counts, key=lambda k: (counts[k], k))  # ties go to the longest


def _to_set(records, label_rows, class_names, task, length):
    length = length or _common_length(records)
    codes = np.stack([fit_to_length(r[2], length) for r in records]) if records else np.zeros((0, length), np.uint8)
    return SequenceSet([r[0] for r in records], codes, np.asarray(label_rows, dtype=np.float32).reshape(len(records), -1),
                       class_names, task)


def _header_labels(records_by_file, class_names=None):
    """Label rows from labels= / class= header tokens over several files read as one."""
    kind, width, names, rows = None, None, list(class_names or []), []
    fixed = bool(class_names)
    for path, records in records_by_file:
        for rid, tokens, _, line in records:
            labels = [t for t in tokens if t.startswith("labels=")]
            klass = [t for t in tokens if t.startswith("class=")]
            if len(labels) > 1 or len(klass) > 1 or (labels and klass) or not (labels or klass):
                raise ValueError(f"{path}:{line}: sequence {rid} needs exactly one 'labels=0,1,...' or 'class=NAME'")
            k = "multi" if labels else "single"
            if kind is None:
                kind = k
            elif k != kind:
                raise ValueError(f"{path}:{line}: sequence {rid} mixes labels= and class= with earlier records")
            if k == "multi":
                items = labels[0][7:].split(",")
                if any(v not in ("0", "1") for v in items):
                    raise ValueError(f"{path}:{line}: label values of sequence {rid} must be 0 or 1")
                if width is None:
                    width = len(items)
                elif len(items) != width:
                    raise ValueError(f"{path}:{line}: sequence {rid} has {len(items)} labels, the first record {width}")
                rows.append([float(v) for v in items])
            else:
                name = klass[0][6:]
                if name not in names:
                    if fixed:
                        raise ValueError(f"{path}:{line}: class {name!r} of sequence {rid} is not among the class names")
                    names.append(name)
                rows.append(names.index(name))
    if kind == "single":
        one_hot = np.zeros((len(rows), len(names)), dtype=np.float32)
        one_hot[np.arange(len(rows)), rows] = 1.0
        return one_hot, names, "single-label"
    if not names:
        names = [f"class{c}" for c in range(width or 0)]
    elif len(names) != width:
        raise ValueError(f"{len(names)} class names for {width} labels")
    return np.asarray(rows, dtype=np.float32), names, "multi-label"


def load_labelled(files, labels="header", length=0, class_names=None):
    """One SequenceSet from FASTA files, labelled as MotifLoom's --labels header|per-class|pos-neg."""
    per_file = [(p, list(read_fasta(p))) for p in files]
    records = [r for _, rs in per_file for r in rs]
    if labels == "header":
        rows, names, task = _header_labels(per_file, class_names)
    elif labels == "per-class":
        if len(files) < 2:
            raise ValueError("per-class labels need one file per class (at least two)")
        names = list(class_names or [file_stem(p) for p in files])
        rows = np.zeros((len(records), len(files)), dtype=np.float32)
        rows[np.arange(len(records)), np.repeat(np.arange(len(files)), [len(rs) for _, rs in per_file])] = 1.0
        task = "single-label"
    elif labels == "pos-neg":
        if len(files) != 2:
            raise ValueError("pos-neg labels need two files: positives, negatives")
        names = list(class_names or [file_stem(files[0])])
        rows = np.array([1.0] * len(per_file[0][1]) + [0.0] * len(per_file[1][1]), dtype=np.float32)
        task = "multi-label"
    else:
        raise ValueError(f"labels must be header, per-class or pos-neg, not {labels!r}")
    return _to_set(records, rows, names, task, length)


class Rng:
    """MotifLoom's portable generator (xoshiro256** seeded by splitmix64), for identical splits."""
    M = (1 << 64) - 1

    def __init__(self, seed):
        self.x = seed & self.M
        self.s = [self._splitmix() for _ in range(4)]

    def _splitmix(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & self.M
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.M
        return z ^ (z >> 31)

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & Rng.M

    def next(self):
        s, M = self.s, self.M
        result = (self._rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def below(self, n):
        """Uniform in [0, n), Lemire's method (as MotifLoom)."""
        m = self.next() * n
        low = m & self.M
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & self.M
        return m >> 64

    def shuffle(self, items):
        for n in range(len(items), 1, -1):
            j = self.below(n)
            items[n - 1], items[j] = items[j], items[n - 1]


def split_random(sequences, seed=1, fractions=(0.7, 0.1, 0.2)):
    """Train / validation / test parts, exactly as MotifLoom's --split and --split-seed."""
    if abs(sum(fractions) - 1.0) > 1e-6 or min(fractions) < 0:
        raise ValueError(f"split fractions must be >= 0 and add up to 1, got {fractions}")
    n = len(sequences)
    n_valid = int(np.floor(n * fractions[1] + 1e-9))
    n_test = min(int(np.floor(n * fractions[2] + 1e-9)), n - n_valid)
    n_train = n - n_valid - n_test
    order = list(range(n))
    Rng(seed).shuffle(order)
    part = lambda a, b: sequences.subset(sorted(order[a:b]))
    return part(0, n_train), part(n_train, n_train + n_valid), part(n_train + n_valid, n)


def _find_split_file(directory, name):
    for ext in (".fa", ".fa.gz", ".fasta", ".fasta.gz"):
        path = os.path.join(directory, name + ext)
        if os.path.exists(path):
            return path
    raise ValueError(f"{os.path.join(directory, name + '.fa')}:0: missing (a data folder holds train.fa, valid.fa, test.fa)")


def load_splits(source, labels="header", length=0, split=(0.7, 0.1, 0.2), split_seed=1):
    """(train, valid, test) SequenceSets from a simulate folder or a comma-separated list of FASTA files."""
    if os.path.isdir(source):
        files = [_find_split_file(source, p) for p in ("train", "valid", "test")]
        names = None
        classes = os.path.join(source, "classes.txt")
        if os.path.exists(classes):
            with open(classes) as f:
                names = [line.strip() for line in f if line.strip()]
        per_file = [(p, list(read_fasta(p))) for p in files]
        rows, names, task = _header_labels(per_file, names)
        records = [r for _, rs in per_file for r in rs]
        whole = _to_set(records, rows, names, task, length)
        a, b = len(per_file[0][1]), len(per_file[0][1]) + len(per_file[1][1])
        return whole.subset(list(range(a))), whole.subset(list(range(a, b))), whole.subset(list(range(b, len(records))))
    whole = load_labelled(source.split(","), labels, length)
    return split_random(whole, split_seed, split)
