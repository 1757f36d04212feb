"""A line tagger: an averaged structured perceptron with Viterbi decoding over a page's lines.

The model is a small JSON file shipped in the package (`tagger.json`); `baoku train` makes it
from pages with known articles (see `baoku.segment.train`).
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

TAGS = ("column", "kicker", "headline", "subtitle", "body", "subheading")
HEADING_TAGS = frozenset(("column", "kicker", "headline", "subtitle"))
_START = len(TAGS)  # the row of transitions out of the page's start
DEFAULT_EPOCHS = 20


class Tagger:
    def __init__(self, weights: dict[str, Sequence[float]], transitions: Sequence[Sequence[float]],
                 trained_on: tuple[str, ...] = ()):
        # A row of weights a feature, and one row of zeros past the last for unknown features:
        # a page's emissions are then one gather and one sum in numpy.
        self._row_of = {feature: row for row, feature in enumerate(weights)}
        self._weights = np.zeros((len(weights) + 1, len(TAGS)))
        if weights:
            self._weights[:-1] = list(weights.values())
        self.transitions = np.array(transitions, dtype=float)
        self.trained_on = trained_on
        """Names of the folders of pages it learned from: scores on them are in-sample."""

    def tag(self, features: Sequence[Sequence[str]]) -> list[str]:
        if not features:
            return []
        return [TAGS[k] for k in best_path(self._emissions(features), self.transitions)]

    def _emissions(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """Each line's score for each tag: the sum of its features' rows. Each line also takes
        the row of zeros (unknown features' too), so that one without known features scores 0."""
        zeros = len(self._weights) - 1
        rows = np.fromiter(map(self._row_of.get, itertools.chain.from_iterable(
            itertools.chain(line, _END_OF_LINE) for line in features), itertools.repeat(zeros)),
            dtype=np.intp)
        starts = np.cumsum([0, *(len(line) + 1 for line in features[:-1])])
        return np.add.reduceat(self._weights[rows], starts)

    def to_json(self) -> str:
        rounded = {f: [round(x, 3) for x in self._weights[row]]
                   for f, row in self._row_of.items() if self._weights[row].any()}
        transitions = [[round(x, 3) for x in row] for row in self.transitions.tolist()]
        return json.dumps({"tags": TAGS, "weights": rounded, "transitions": transitions,
                           "trained_on": self.trained_on}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Tagger:
        data = json.loads(text)
        if tuple(data["tags"]) != TAGS:
            raise ValueError(f"tagger model has tags {data['tags']}, expected {TAGS}")
        return cls(data["weights"], data["transitions"], tuple(data.get("trained_on", ())))


def best_path(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Viterbi: the tags (as indices) of the best-scoring path through a page's lines, given
    each line's score for each tag and the scores of going from tag to tag (from the start in
    the last row). Among equal scores the first tag wins."""
    if not len(emissions):
        return []
    score = transitions[_START] + emissions[0]
    back = np.empty((len(emissions) - 1, len(TAGS)), dtype=np.intp)
    steps = transitions[:_START]
    for i, row in enumerate(emissions[1:]):
        candidates = score[:, None] + steps  # [from, to]
        back[i] = candidates.argmax(axis=0)
        score = candidates[back[i], _TAG_INDICES] + row
    path = [int(score.argmax())]
    for pointers in back[::-1]:
        path.append(int(pointers[path[-1]]))
    return path[::-1]


_TAG_INDICES = np.arange(len(TAGS))
_END_OF_LINE = (None,)  # no feature's name: it takes the row of zeros


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    return Tagger.from_json(resources.files(__package__).joinpath("tagger.json").read_text("utf-8"))


def train(pages: list[tuple[list[list[str]], list[str]]], epochs: int = DEFAULT_EPOCHS,
          seed: int = 0) -> Tagger:
    """Averaged structured perceptron over (features per line, gold tag per line) pages."""
    n_tags = len(TAGS)
    index = {t: k for k, t in enumerate(TAGS)}
    weights: dict[str, list[float]] = {}
    transitions = [[0.0] * n_tags for _ in range(n_tags + 1)]
    # Running sums for averaging: total[f][k] accumulates weight * steps lazily.
    total_w: dict[str, list[float]] = {}
    stamp_w: dict[str, list[int]] = {}
    total_t = [[0.0] * n_tags for _ in range(n_tags + 1)]
    stamp_t = [[0] * n_tags for _ in range(n_tags + 1)]
    step = 0

    def bump_weight(f: str, k: int, delta: float) -> None:
        w = weights.setdefault(f, [0.0] * n_tags)
        tot = total_w.setdefault(f, [0.0] * n_tags)
        st = stamp_w.setdefault(f, [0] * n_tags)
        tot[k] += (step - st[k]) * w[k]
        st[k] = step
        w[k] += delta

    def bump_transition(a: int, b: int, delta: float) -> None:
        total_t[a][b] += (step - stamp_t[a][b]) * transitions[a][b]
        stamp_t[a][b] = step
        transitions[a][b] += delta

    order = list(range(len(pages)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for p in order:
            features, gold_tags = pages[p]
            step += 1
            gold = [index[t] for t in gold_tags]
            guess = best_path(_training_emissions(weights, features), np.array(transitions))
            if guess == gold:
                continue
            for i, (g, y) in enumerate(zip(guess, gold, strict=True)):
                if g != y:
                    for f in features[i]:
                        bump_weight(f, y, 1.0)
                        bump_weight(f, g, -1.0)
                prev_g = guess[i - 1] if i else _START
                prev_y = gold[i - 1] if i else _START
                if (prev_g, g) != (prev_y, y):
                    bump_transition(prev_y, y, 1.0)
                    bump_transition(prev_g, g, -1.0)
    step += 1
    averaged = {}
    for f, w in weights.items():
        tot, st = total_w[f], stamp_w[f]
        averaged[f] = [(tot[k] + (step - st[k]) * w[k]) / step for k in range(n_tags)]
    return Tagger(averaged, [
        [(total_t[a][b] + (step - stamp_t[a][b]) * transitions[a][b]) / step
         for b in range(n_tags)]
        for a in range(n_tags + 1)
    ])


def _training_emissions(weights: dict[str, list[float]],
                        features: Sequence[Sequence[str]]) -> np.ndarray:
    """Each line's score for each tag under weights that training is still changing."""
    zero = (0.0,) * len(TAGS)
    return np.array([[sum(column) for column in zip(*(
        [weights[f] for f in line_features if f in weights] or [zero]))]
        for line_features in features])
