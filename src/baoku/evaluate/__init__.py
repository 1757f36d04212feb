"""Score parses against pages with known articles (`baoku eval FOLDER`).

Texts are compared after `comparable` (punctuation full-width, no white space), so that the
segmentation scores do not depend on the repair of punctuation. Repair has its own scores: how
many of the page's known column breaks it joined, how many doubled boundary characters it
dropped, and how many of its joins were breaks at all.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BaokuError
from ..model import Article, Page
from ..pipeline import parse_file
from ..repair import repair_document
from ..repair.joins import JoinModel, default_join_model
from ..segment.tagger import Tagger, default_tagger
from .gold import GoldPage, column_breaks, comparable, load_gold

__all__ = ["Models", "Scores", "evaluate_folder", "held_out_models", "in_sample", "score_page"]


@dataclass(frozen=True)
class Models:
    """The learned parts of a parse; None stands for the shipped model."""

    tagger: Tagger | None = None
    joins: JoinModel | None = None


@dataclass
class Scores:
    pages: int = 0
    gold_articles: int = 0
    predicted_headlines: int = 0
    matched: int = 0
    same: Counter = field(default_factory=Counter)
    body_similarity_sum: float = 0.0
    gold_paragraphs: int = 0
    predicted_paragraphs: int = 0
    matched_paragraphs: int = 0
    breaks: int = 0
    breaks_joined: int = 0
    joins: int = 0
    doubled: int = 0
    doubled_removed: int = 0

    def add(self, other: Scores) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def report(self) -> dict[str, float | int]:
        p = self.matched / self.predicted_headlines if self.predicted_headlines else 0.0
        r = self.matched / self.gold_articles if self.gold_articles else 0.0
        pp = self.matched_paragraphs / self.predicted_paragraphs if self.predicted_paragraphs else 0
        pr = self.matched_paragraphs / self.gold_paragraphs if self.gold_paragraphs else 0.0
        return {
            "pages": self.pages,
            "articles": self.gold_articles,
            "headline_precision": p,
            "headline_recall": r,
            "headline_f1": 2 * p * r / (p + r) if p + r else 0.0,
            **{f"{name}_accuracy": self.same[name] / self.matched if self.matched else 0.0
               for name in ("column", "kicker", "subtitle")},
            "body_similarity": self.body_similarity_sum / self.matched if self.matched else 0.0,
            "paragraph_precision": pp,
            "paragraph_recall": pr,
            "breaks_joined": _ratio(self.breaks_joined, self.breaks),
            "join_precision": _ratio(self.breaks_joined, self.joins),
            "doubled_removed": _ratio(self.doubled_removed, self.doubled),
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def body_text(article: Article) -> str:
    """The article's text as the gold counts it: paragraphs and in-body byline lines, without
    the dateline prefix and the photo credits."""
    parts = article.paragraphs + [a for a in article.attributions if a.role == "byline"]
    return comparable("".join(p.text for p in sorted(parts, key=lambda p: p.span)))


def score_page(gold: GoldPage, page: Page) -> Scores:
    articles = page.articles
    scores = Scores(pages=1, gold_articles=len(gold.articles))
    _score_repair(scores, gold, page)
    predicted: dict[str, list[Article]] = {}
    for article in articles:
        if article.headline:
            predicted.setdefault(comparable(article.headline), []).append(article)
            scores.predicted_headlines += 1
    for truth in gold.articles:
        candidates = predicted.get(comparable(truth["headline"]))
        if not candidates:
            continue
        guess = candidates.pop(0)
        scores.matched += 1
        for name in ("column", "kicker", "subtitle"):
            want, got = truth.get(name), getattr(guess, name)
            scores.same[name] += (comparable(want) if want else None) == (
                comparable(got) if got else None)
        gold_body = comparable("".join(truth["paragraphs"]))
        scores.body_similarity_sum += difflib.SequenceMatcher(
            None, gold_body, body_text(guess), autojunk=False).ratio()
    gold_paragraphs = Counter(comparable(p) for a in gold.articles for p in a["paragraphs"])
    got_paragraphs = Counter(comparable(p.text) for a in articles for p in a.paragraphs)
    scores.gold_paragraphs = sum(gold_paragraphs.values())
    scores.predicted_paragraphs = sum(got_paragraphs.values())
    scores.matched_paragraphs = sum((gold_paragraphs & got_paragraphs).values())
    return scores


def _score_repair(scores: Scores, gold: GoldPage, page: Page) -> None:
    joined = {e.span[0] for a in page.articles for e in a.edits if e.rule == "column-break"}
    dropped = {e.span[0] for a in page.articles for e in a.edits if e.rule == "doubled-boundary"}
    scores.joins = len(joined)
    for found in column_breaks(gold, page.text):
        scores.breaks += 1
        scores.breaks_joined += found.gap[0] in joined
        if found.duplicated:
            scores.doubled += 1
            scores.doubled_removed += found.gap[1] in dropped


def in_sample(folder: Path, models: Models = Models()) -> bool:
    """Whether a model (the shipped ones by default) learned from this folder's pages."""
    trained_on = (models.tagger or default_tagger()).trained_on + \
        (models.joins or default_join_model()).trained_on
    return folder.resolve().name in trained_on


def evaluate_folder(folder: Path, models: Models = Models()) -> Scores:
    total = Scores()
    for gold in load_gold(folder):
        document = parse_file(gold.path, paper=gold.paper, date=gold.date, page=gold.number,
                              stages=(), tagger=models.tagger)
        document = repair_document(document, models.joins)
        for page in document.pages:
            total.add(score_page(gold, page))
    return total


def held_out_models(folders: list[Path]) -> dict[Path, Models]:
    """For each folder, models trained on all the other folders: scores that say how the
    method does on pages it has not seen, while the shipped models learn from all of them."""
    # Imported here: the trainers read gold pages through this package.
    from ..repair.train import train_joins
    from ..segment.train import train_tagger

    if len(folders) < 2:
        raise BaokuError("held-out", "held-out scores need two or more gold folders")
    models = {}
    for folder in folders:
        others = [other for other in folders if other != folder]
        models[folder] = Models(train_tagger(others), train_joins(others))
    return models
