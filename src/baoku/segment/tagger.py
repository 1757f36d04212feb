"""A line tagger: an averaged structured perceptron with Viterbi decoding over a page's lines.

The model is a small JSON file shipped in the package (`tagger.json`); `baoku train` makes it
from pages with known articles (see `baoku.segment.train`).
"""

from __future__ import annotations

import json
import operator
import random
from array import array
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

TAGS = ("column", "kicker", "headline", "subtitle", "body", "subheading")
HEADING_TAGS = frozenset(("column", "kicker", "headline", "subtitle"))
_START = len(TAGS)  # the row of transitions out of the page's start
DEFAULT_EPOCHS = 20


class Tagger:
    def __init__(self, weights: dict[str, Sequence[float]], transitions: list[list[float]],
                 trained_on: tuple[str, ...] = ()):
        self.weights = weights
        self.transitions = transitions
        self.trained_on = trained_on
        """Names of the folders of pages it learned from: scores on them are in-sample."""

    def tag(self, features: Sequence[Sequence[str]]) -> list[str]:
        return [TAGS[k] for k in self._viterbi(features)]

    def _emissions(self, features: Sequence[Sequence[str]]) -> list[list[float]]:
        zero = (0.0,) * len(TAGS)
        get = self.weights.get
        rows = []
        for line_features in features:
            present = [w for w in map(get, line_features) if w is not None] or [zero]
            rows.append([sum(column) for column in zip(*present)])
        return rows

    def _viterbi(self, features: Sequence[Sequence[str]]) -> list[int]:
        if not features:
            return []
        n_tags = len(TAGS)
        emissions = self._emissions(features)
        trans = self.transitions
        score = [trans[_START][k] + emissions[0][k] for k in range(n_tags)]
        back: list[list[int]] = []
        columns = [[trans[j][k] for j in range(n_tags)] for k in range(n_tags)]
        tags = range(n_tags)
        for row in emissions[1:]:
            # (score, -tag) pairs: the best score, the first tag among equals
            best = [max(zip(map(operator.add, score, columns[k]), map(operator.neg, tags)))
                    for k in tags]
            back.append([-b[1] for b in best])
            score = [b[0] + e for b, e in zip(best, row)]
        path = [max(range(n_tags), key=score.__getitem__)]
        for pointers in reversed(back):
            path.append(pointers[path[-1]])
        return path[::-1]

    def to_json(self) -> str:
        rounded = {f: [round(x, 3) for x in w] for f, w in self.weights.items() if any(w)}
        transitions = [[round(x, 3) for x in row] for row in self.transitions]
        return json.dumps({"tags": TAGS, "weights": rounded, "transitions": transitions,
                           "trained_on": self.trained_on}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Tagger:
        data = json.loads(text)
        if tuple(data["tags"]) != TAGS:
            raise ValueError(f"tagger model has tags {data['tags']}, expected {TAGS}")
        # A feature's weights as an array of doubles: a third of the memory of a list of floats.
        weights = {feature: array("d", row) for feature, row in data["weights"].items()}
        return cls(weights, data["transitions"], tuple(data.get("trained_on", ())))


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    return Tagger.from_json(resources.files(__package__).joinpath("tagger.json").read_text("utf-8"))


def train(pages: list[tuple[list[list[str]], list[str]]], epochs: int = DEFAULT_EPOCHS,
          seed: int = 0) -> Tagger:
    """Averaged structured perceptron over (features per line, gold tag per line) pages."""
    n_tags = len(TAGS)
    index = {t: k for k, t in enumerate(TAGS)}
    tagger = Tagger({}, [[0.0] * n_tags for _ in range(n_tags + 1)])
    # Running sums for averaging: total[f][k] accumulates weight * steps lazily.
    total_w: dict[str, list[float]] = {}
    stamp_w: dict[str, list[int]] = {}
    total_t = [[0.0] * n_tags for _ in range(n_tags + 1)]
    stamp_t = [[0] * n_tags for _ in range(n_tags + 1)]
    step = 0

    def bump_weight(f: str, k: int, delta: float) -> None:
        w = tagger.weights.setdefault(f, [0.0] * n_tags)
        tot = total_w.setdefault(f, [0.0] * n_tags)
        st = stamp_w.setdefault(f, [0] * n_tags)
        tot[k] += (step - st[k]) * w[k]
        st[k] = step
        w[k] += delta

    def bump_transition(a: int, b: int, delta: float) -> None:
        total_t[a][b] += (step - stamp_t[a][b]) * tagger.transitions[a][b]
        stamp_t[a][b] = step
        tagger.transitions[a][b] += delta

    order = list(range(len(pages)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for p in order:
            features, gold_tags = pages[p]
            step += 1
            gold = [index[t] for t in gold_tags]
            guess = tagger._viterbi(features)
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
    for f, w in tagger.weights.items():
        tot, st = total_w[f], stamp_w[f]
        averaged[f] = [(tot[k] + (step - st[k]) * w[k]) / step for k in range(n_tags)]
    transitions = [
        [(total_t[a][b] + (step - stamp_t[a][b]) * tagger.transitions[a][b]) / step
         for b in range(n_tags)]
        for a in range(n_tags + 1)
    ]
    return Tagger(averaged, transitions)
