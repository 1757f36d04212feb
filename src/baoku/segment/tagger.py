"""A line tagger: an averaged structured perceptron and boosted trees (`forest`), their scores
added, with Viterbi decoding over a page's lines.

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

from .features import HEADING_LIKE
from .forest import Forest, train_forest

TAGS = ("column", "kicker", "headline", "subtitle", "body", "subheading")
HEADING_TAGS = frozenset(("column", "kicker", "headline", "subtitle"))
_START = len(TAGS)  # the row of transitions out of the page's start
_INDEX = {tag: k for k, tag in enumerate(TAGS)}
DEFAULT_EPOCHS = 20
# How much the trees' log-probabilities (and the pages' log-odds of tag after tag) count beside
# the perceptron's scores: held out, 5 did better than 2 (February) and than 10 (both months).
FOREST_WEIGHT = 5.0


class Tagger:
    def __init__(self, weights: dict[str, Sequence[float]], transitions: Sequence[Sequence[float]],
                 trained_on: tuple[str, ...] = (), forest: Forest | None = None):
        # A row of weights a feature, and one row of zeros past the last for unknown features:
        # a page's emissions are then one gather and one sum in numpy.
        self._row_of = {feature: row for row, feature in enumerate(weights)}
        self._weights = np.zeros((len(weights) + 1, len(TAGS)))
        if weights:
            self._weights[:-1] = list(weights.values())
        self.transitions = np.array(transitions, dtype=float)
        self.trained_on = trained_on
        """Names of the folders of pages it learned from: scores on them are in-sample."""
        self.forest = forest

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
        scores = np.add.reduceat(self._weights[rows], starts)
        if self.forest is not None:
            scores += _opinions(self.forest, features)
        return scores

    def to_json(self) -> str:
        rounded = {f: [round(x, 3) for x in self._weights[row]]
                   for f, row in self._row_of.items() if self._weights[row].any()}
        transitions = [[round(x, 3) for x in row] for row in self.transitions.tolist()]
        forest = self.forest.to_dict() if self.forest is not None else None
        return json.dumps({"tags": TAGS, "weights": rounded, "transitions": transitions,
                           "trained_on": self.trained_on, "forest": forest},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Tagger:
        data = json.loads(text)
        if tuple(data["tags"]) != TAGS:
            raise ValueError(f"tagger model has tags {data['tags']}, expected {TAGS}")
        forest = Forest.from_dict(data["forest"]) if data.get("forest") else None
        return cls(data["weights"], data["transitions"], tuple(data.get("trained_on", ())), forest)


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
    """A tagger learned from (features per line, gold tag per line) pages: trees first, then
    the perceptron, which learns to mend what the trees get wrong. It sees each page as trees
    that never saw that page judge it (trained on the other half), or it would learn to trust
    them more than new pages will let it."""
    log_odds = FOREST_WEIGHT * _transition_log_odds(pages)
    opinions: list[np.ndarray] = [np.empty(0)] * len(pages)
    for half in range(2):
        forest = _forest([page for i, page in enumerate(pages) if i % 2 != half])
        for i in range(half, len(pages), 2):
            opinions[i] = _opinions(forest, pages[i][0])
    weights, transitions = _perceptron(pages, epochs, seed, opinions, log_odds)
    return Tagger(weights, transitions + log_odds, (), _forest(pages))


def _judged(line: Sequence[str]) -> bool:
    """Whether the trees judge a line: one that could be a heading. The others, three lines in
    four, are body text all but a few in a thousand: there the trees would spend most of their
    time to tell little."""
    return HEADING_LIKE in line


def _opinions(forest: Forest, features: Sequence[Sequence[str]]) -> np.ndarray:
    """The trees' log-probabilities of each tag (weighted) for the lines they judge, zeros (no
    opinion) for the others."""
    judged = [i for i, line in enumerate(features) if _judged(line)]
    opinions = np.zeros((len(features), len(TAGS)))
    opinions[judged] = FOREST_WEIGHT * forest.log_probabilities([features[i] for i in judged])
    return opinions


def _forest(pages: list[tuple[list[list[str]], list[str]]]) -> Forest:
    judged = [(line, _INDEX[tag]) for features, tags in pages
              for line, tag in zip(features, tags, strict=True) if _judged(line)]
    return train_forest([line for line, _ in judged], [tag for _, tag in judged], len(TAGS))


def _transition_log_odds(pages: list[tuple[list[list[str]], list[str]]]) -> np.ndarray:
    """log P(tag | tag before, or the page's start in the last row), smoothed by one."""
    counts = np.ones((len(TAGS) + 1, len(TAGS)))
    for _, tags in pages:
        for before, tag in zip((_START, *(_INDEX[t] for t in tags)), tags):
            counts[before, _INDEX[tag]] += 1
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def _perceptron(pages: list[tuple[list[list[str]], list[str]]], epochs: int, seed: int,
                opinions: list[np.ndarray], log_odds: np.ndarray,
                ) -> tuple[dict[str, list[float]], np.ndarray]:
    """Averaged structured perceptron, its scores added to fixed ones (the trees' ``opinions``
    of each page's lines, ``log_odds`` of tag after tag): its weights and its transitions."""
    n_tags = len(TAGS)
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
            if not features:
                continue
            step += 1
            gold = [_INDEX[t] for t in gold_tags]
            guess = best_path(_training_emissions(weights, features) + opinions[p],
                              np.array(transitions) + log_odds)
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
    return averaged, np.array([
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
