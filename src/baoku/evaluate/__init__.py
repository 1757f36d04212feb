"""Score parses against pages with known articles (`baoku eval FOLDER`).

Texts are compared after `comparable` (punctuation full-width, no white space), because the
gold keeps the printed punctuation and the page text is what OCR made of it; repairing that is
the repair stage's job, not segmentation's.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BaokuError
from ..model import Article
from ..pipeline import parse_file
from ..segment.tagger import Tagger, default_tagger
from .gold import GoldPage, comparable, load_gold

__all__ = ["Scores", "evaluate_folder", "held_out_taggers", "in_sample", "score_page"]


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
        }


def body_text(article: Article) -> str:
    """The article's text as the gold counts it: paragraphs and in-body byline lines, without
    the dateline prefix and the photo credits."""
    parts = article.paragraphs + [a for a in article.attributions if a.role == "byline"]
    return comparable("".join(p.text for p in sorted(parts, key=lambda p: p.span)))


def score_page(gold: GoldPage, articles: list[Article]) -> Scores:
    scores = Scores(pages=1, gold_articles=len(gold.articles))
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


def in_sample(folder: Path, tagger: Tagger | None = None) -> bool:
    """Whether the tagger (the shipped one by default) learned from this folder's pages."""
    return folder.resolve().name in (tagger or default_tagger()).trained_on


def evaluate_folder(folder: Path, tagger: Tagger | None = None) -> Scores:
    total = Scores()
    for gold in load_gold(folder):
        document = parse_file(gold.path, paper=gold.paper, date=gold.date, page=gold.number,
                              tagger=tagger)
        total.add(score_page(gold, [a for p in document.pages for a in p.articles]))
    return total


def held_out_taggers(folders: list[Path]) -> dict[Path, Tagger]:
    """For each folder, a tagger trained on all the other folders: scores that say how the
    method does on pages it has not seen, while the shipped tagger learns from all of them."""
    from ..segment.train import train_tagger  # here: segment.train reads gold through this package

    if len(folders) < 2:
        raise BaokuError("held-out", "held-out scores need two or more gold folders")
    return {f: train_tagger([other for other in folders if other != f]) for f in folders}
