import random

import lightgbm
import numpy as np
import pytest
from scipy import sparse

from baoku.segment import _forest
from baoku.segment.forest import Forest, _from_lightgbm, train_forest


def both_or_neither(count: int, seed: int = 0) -> tuple[list[list[str]], list[int]]:
    """Lines of features a and b (and noise); tag 1 where both are there, which no sum of
    weights tells from a or b alone, seen as often."""
    rng = random.Random(seed)
    lines, tags = [], []
    for _ in range(count):
        line = [f for f in ("a", "b", f"noise{rng.randrange(5)}") if rng.random() < 0.5]
        lines.append(line)
        tags.append(int("a" in line and "b" in line))
    return lines, tags


def test_trees_learn_that_two_features_count_only_together():
    lines, tags = both_or_neither(400)
    forest = train_forest(lines, tags, 2, rounds=20)
    best = forest.log_probabilities([["a", "b"], ["a"], ["b"], [], ["a", "b", "unknown"]])
    assert best.argmax(axis=1).tolist() == [1, 0, 0, 0, 1]
    assert np.allclose(np.exp(best).sum(axis=1), 1)


def test_trees_score_as_lightgbm_does_and_survive_their_dict():
    lines, tags = both_or_neither(300, seed=1)
    features = sorted({f for line in lines for f in line})
    column = {f: j for j, f in enumerate(features)}
    rows = [[column[f] for f in line] for line in lines]
    indptr = np.cumsum([0, *map(len, rows)])
    matrix = sparse.csr_matrix((np.ones(indptr[-1]), [j for r in rows for j in r], indptr),
                               shape=(len(lines), len(features)))
    booster = lightgbm.train({"objective": "multiclass", "num_class": 3, "num_leaves": 4,
                              "min_data_in_leaf": 5, "verbose": -1},
                             lightgbm.Dataset(matrix, [t + ("noise0" in line)
                                                       for t, line in zip(tags, lines)]), 10)
    forest = _from_lightgbm(booster.dump_model(), features, 3)
    for trees in (forest, Forest.from_dict(forest.to_dict())):
        assert np.allclose(trees.log_probabilities(lines), np.log(booster.predict(matrix)),
                           atol=1e-4)


def test_too_few_lines_make_no_trees_and_even_odds():
    forest = train_forest([["a"], ["b"]], [0, 1], 2)
    assert np.allclose(forest.log_probabilities([["a"], []]), np.log(0.5))


def test_a_split_that_is_not_a_feature_being_there_is_refused():
    leaf = {"leaf_value": 0.0}
    split = {"decision_type": "<=", "missing_type": "None", "threshold": 2.5, "split_feature": 0,
             "left_child": leaf, "right_child": leaf}
    with pytest.raises(ValueError, match="cannot walk"):
        _from_lightgbm({"tree_info": [{"tree_structure": split}]}, ["a"], 1)


def test_scores_refuse_arrays_that_point_outside_one_another():
    nodes = np.array([[0, ~0, ~1]], np.int32)
    leaves, roots = np.array([1.0, 2.0]), np.array([0], np.int32)
    starts, present = np.array([0, 1], np.int64), np.array([0], np.int32)
    out = np.zeros((1, 1))
    _forest.scores(starts, present, nodes, leaves, roots, 1, 1, out)
    assert out.tolist() == [[2.0]]  # feature 0 is there: the present child, leaf 1
    with pytest.raises(ValueError, match="features"):
        _forest.scores(starts, present, nodes, leaves, roots, 1, 0, out)
    with pytest.raises(ValueError, match="nodes"):
        _forest.scores(starts, present, np.array([[0, ~0, ~5]], np.int32), leaves, roots, 1, 1,
                       out)
    with pytest.raises(ValueError, match="roots"):
        _forest.scores(starts, present, nodes, leaves, np.array([3], np.int32), 1, 1, out)
    with pytest.raises(ValueError, match="line_starts"):
        _forest.scores(np.array([0, 2], np.int64), present, nodes, leaves, roots, 1, 1, out)
    with pytest.raises(ValueError, match="out"):
        _forest.scores(starts, present, nodes, leaves, roots, 2, 1, out)
