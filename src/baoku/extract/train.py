"""Train and score the entity model on sentences in the People's Daily NER format:
``{"text": …, "entities": [[start, end, "person"|"place"|"organization"], …]}``, a line each."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaokuError
from ..read import read_text
from .ner import TYPES, NerModel, train_ner_model

Sentence = tuple[str, list[tuple[int, int, str]]]


def read_sentences(path: Path) -> list[Sentence]:
    """The sentences of a NER file; a bad line is an error naming the file and the line."""
    sentences = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sentences.append((row["text"], [(int(s), int(e), t) for s, e, t in row["entities"]
                                            if t in TYPES]))
        except (ValueError, KeyError, TypeError):
            raise BaokuError("bad-ner-line", f"{path}:{number}: not a NER sentence "
                             '({"text": …, "entities": [[start, end, type], …]})') from None
    return sentences


@dataclass
class NerScores:
    """Exact-match precision, recall and F1, overall and by type."""

    counts: dict[str, list[int]]  # type → [true positives, predicted, gold]

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        rows = [self.counts[kind]] if kind else list(self.counts.values())
        hit, predicted, gold = (sum(r[i] for r in rows) for i in range(3))
        p = hit / predicted if predicted else 0.0
        r = hit / gold if gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score_ner(model: NerModel, sentences: list[Sentence]) -> NerScores:
    counts = {kind: [0, 0, 0] for kind in TYPES}
    found = model.entities_of([text for text, _ in sentences])
    for (_, gold), predicted in zip(sentences, found):
        true = set(gold)
        for entity in predicted:
            counts[entity[2]][1] += 1
            counts[entity[2]][0] += entity in true
        for _, _, kind in gold:
            counts[kind][2] += 1
    return NerScores(counts)


def cross_validate_ner(sentences: list[Sentence], folds: int = 5, seed: int = 0) -> NerScores:
    """Scores of models each trained without one fold and tested on it: what the shipped model
    (trained on all of them) can be expected to do on sentences it has not seen."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    counts = {kind: [0, 0, 0] for kind in TYPES}
    for k in range(folds):
        held_out = set(order[k::folds])
        model = train_ner_model([s for i, s in enumerate(sentences) if i not in held_out])
        fold = score_ner(model, [sentences[i] for i in sorted(held_out)])
        for kind, row in fold.counts.items():
            counts[kind] = [a + b for a, b in zip(counts[kind], row)]
    return NerScores(counts)
