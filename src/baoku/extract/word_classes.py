"""Word classes learned from unlabelled newspaper text: words that occur between the same
neighbours fall in one class (names after 书记 and before 说, places before 市委 …), which lets
the entity model carry what it learned of a few names over to the many it never saw.

A word's class is its cluster (k-means, at two granularities) in a space made from the words
seen left and right of it, in the manner of distributional word clusters. `train_word_classes`
makes them from page texts; they ship as ``word_classes.tsv``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import rjieba

GRANULARITIES = (256, 64)
_MIN_COUNT = 3  # rarer words have too few neighbours to place
_CONTEXTS = 1200  # the commonest words, as neighbours
_DIMENSIONS = 128
_ROUNDS = 20
_HAN = re.compile("[\u4e00-\u9fff]")


@cache
def word_classes() -> dict[str, tuple[int, ...]]:
    """Word → its class at each granularity; a word not listed has none."""
    text = resources.files(__package__).joinpath("word_classes.tsv").read_text("utf-8")
    return {word: tuple(map(int, classes))
            for word, *classes in (line.split("\t") for line in text.splitlines()
                                   if line and not line.startswith("#"))}


def train_word_classes(lines: Iterable[str], seed: int = 0) -> dict[str, tuple[int, ...]]:
    """Classes of the words of ``lines`` (segmented by rjieba)."""
    sentences = [rjieba.cut(line) for line in lines if line.strip()]
    counts = Counter(word for sentence in sentences for word in sentence)
    words = [w for w, n in counts.items() if n >= _MIN_COUNT and _HAN.search(w)]
    index = {w: i for i, w in enumerate(words)}
    context = {w: i for i, (w, _) in enumerate(counts.most_common(_CONTEXTS))}
    rows, columns = [], []
    for sentence in sentences:
        for left, right in zip(sentence, sentence[1:]):
            if left in index and right in context:
                rows.append(index[left])
                columns.append(context[right])
            if right in index and left in context:
                rows.append(index[right])
                columns.append(len(context) + context[left])
    counts_matrix = np.zeros((len(words), 2 * len(context)), dtype=np.float32)
    np.add.at(counts_matrix, (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)), 1)
    rng = np.random.default_rng(seed)
    # Damped counts, then a random projection to a few dimensions (Johnson–Lindenstrauss).
    vectors = _unit(_unit(np.log1p(counts_matrix))
                    @ rng.normal(size=(2 * len(context), _DIMENSIONS)).astype(np.float32))
    classes = [_k_means(vectors, k, rng) for k in GRANULARITIES]
    return {word: tuple(int(c[i]) for c in classes) for i, word in enumerate(words)}


def write_word_classes(classes: dict[str, tuple[int, ...]], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as file:
        file.write(f"# word, then its class at {', '.join(map(str, GRANULARITIES))} classes; "
                   "made by `baoku train-word-classes`\n")
        for word, found in sorted(classes.items()):
            file.write("\t".join([word, *map(str, found)]) + "\n")


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / (np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9)


def _k_means(vectors: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Spherical k-means: each vector's nearest of k centres (fewer for a small text), by
    cosine."""
    centres = vectors[rng.choice(len(vectors), min(k, len(vectors)), replace=False)]
    for _ in range(_ROUNDS):
        nearest = (vectors @ centres.T).argmax(axis=1)
        for c in range(len(centres)):
            members = vectors[nearest == c]
            if len(members):
                centres[c] = _unit(members.mean(axis=0, keepdims=True))[0]
    return (vectors @ centres.T).argmax(axis=1)
