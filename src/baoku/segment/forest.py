"""Boosted trees over a line's features: the tagger's second opinion, which sees what a sum of
weights cannot — that a feature counts only together with another (a short line that ends a
sentence, after a line that closes an article).

The trees are learned by LightGBM (`train_forest`, a training-time dependency) and kept as
plain arrays in the tagger's JSON; scoring walks them in C (`_forest.c`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..errors import BaokuError

try:
    from . import _forest
except ImportError as error:  # a source tree that pip has not built
    raise ImportError("baoku.segment._forest is not built: install baoku with pip "
                      "(pip install -e .), which compiles it with a C compiler") from error

ROUNDS = 100
_MIN_LINES = 3  # a feature on fewer training lines than this is left out of the trees
_PARAMETERS = {"objective": "multiclass", "learning_rate": 0.1, "num_leaves": 31,
               "min_data_in_leaf": 10, "feature_fraction": 0.5, "seed": 0,
               "deterministic": True, "force_row_wise": True, "num_threads": 1, "verbose": -1}


class Forest:
    """Trees that give each line a log-probability of each tag. ``nodes`` has a row (feature,
    child if absent, child if present) per internal node, where a child is a node's index or
    ~i for leaf i; tree t starts at ``roots[t]`` and scores tag t % tags."""

    def __init__(self, features: Sequence[str], nodes: np.ndarray, leaves: np.ndarray,
                 roots: np.ndarray, tags: int):
        self.features = list(features)
        self._column = {feature: j for j, feature in enumerate(self.features)}
        self.nodes = np.ascontiguousarray(nodes, dtype=np.int32).reshape(-1, 3)
        self.leaves = np.ascontiguousarray(leaves, dtype=np.float64)
        self.roots = np.ascontiguousarray(roots, dtype=np.int32)
        self.tags = tags

    def log_probabilities(self, lines: Sequence[Sequence[str]]) -> np.ndarray:
        """(lines, tags): each line's log-probability of each tag."""
        unknown = len(self.features)  # a column that no split asks about
        present = np.fromiter(map(self._column.get, itertools.chain.from_iterable(lines),
                                  itertools.repeat(unknown)), dtype=np.int32)
        starts = np.cumsum([0, *map(len, lines)], dtype=np.int64)
        raw = np.zeros((len(lines), self.tags))
        _forest.scores(starts, present, self.nodes, self.leaves, self.roots, self.tags,
                       unknown + 1, raw)
        top = raw.max(axis=1, keepdims=True)
        return raw - top - np.log(np.exp(raw - top).sum(axis=1, keepdims=True))

    def to_dict(self) -> dict:
        return {"features": self.features, "nodes": self.nodes.ravel().tolist(),
                "leaves": [round(x, 5) for x in self.leaves.tolist()],
                "roots": self.roots.tolist(), "tags": self.tags}

    @classmethod
    def from_dict(cls, data: dict) -> Forest:
        return cls(data["features"], np.array(data["nodes"]), np.array(data["leaves"]),
                   np.array(data["roots"]), data["tags"])


def train_forest(lines: Sequence[Sequence[str]], tags: Sequence[int], tag_count: int,
                 rounds: int = ROUNDS) -> Forest:
    """Trees learned from lines' features and their true tags (as indices)."""
    try:  # only training needs them
        import lightgbm
        from scipy import sparse
    except ImportError as error:
        raise BaokuError("missing-dependency", "training the line tagger needs LightGBM: "
                         "pip install 'baoku[train]'") from error

    counts = Counter(itertools.chain.from_iterable(set(line) for line in lines))
    features = sorted(f for f, n in counts.items() if n >= _MIN_LINES)
    if not features:  # too few lines to learn from: no trees, the same odds for every tag
        return Forest([], np.empty((0, 3)), np.empty(0), np.empty(0), tag_count)
    column = {feature: j for j, feature in enumerate(features)}
    rows = [sorted({column[f] for f in line if f in column}) for line in lines]
    indptr = np.cumsum([0, *map(len, rows)])
    indices = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int32, count=indptr[-1])
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                               shape=(len(lines), len(features)))
    booster = lightgbm.train({**_PARAMETERS, "num_class": tag_count},
                             lightgbm.Dataset(matrix, np.asarray(tags)), rounds)
    return _from_lightgbm(booster.dump_model(), features, tag_count)


def _from_lightgbm(model: dict, features: list[str], tag_count: int) -> Forest:
    """The trees of a LightGBM model's dump, whose splits all ask whether a feature is there."""
    nodes: list[tuple[int, int, int]] = []
    leaves: list[float] = []

    def add(tree: dict) -> int:
        if "leaf_value" in tree:
            leaves.append(tree["leaf_value"])
            return ~(len(leaves) - 1)
        if not (tree["decision_type"] == "<=" and tree["missing_type"] == "None"
                and 0 < tree["threshold"] < 1):
            raise ValueError(f"a split the line tagger cannot walk: {tree['decision_type']} "
                             f"{tree['threshold']} ({tree['missing_type']})")
        at = len(nodes)
        nodes.append((tree["split_feature"], 0, 0))
        absent, present = add(tree["left_child"]), add(tree["right_child"])
        nodes[at] = (tree["split_feature"], absent, present)
        return at

    roots = [add(info["tree_structure"]) for info in model["tree_info"]]
    # Only the features some split asks about, numbered anew: fewer to look up a line.
    used = sorted({feature for feature, _, _ in nodes})
    renumbered = {feature: j for j, feature in enumerate(used)}
    nodes = [(renumbered[feature], absent, present) for feature, absent, present in nodes]
    return Forest([features[j] for j in used], np.array(nodes, dtype=np.int32).reshape(-1, 3),
                  np.array(leaves), np.array(roots), tag_count)
