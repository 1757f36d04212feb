"""Score search (`baoku eval-search FOLDER`): does a word of a true headline find its article?

The folder's pages are ingested into a fresh archive; for each of a seeded sample of true
articles, one 2–4 character word of its headline (among rjieba's words) is the query, and the
article counts as found when one of the first ten hits is it: an article of the same page that
holds the start of its first paragraph (or, for a photo without text, its headline).

Which word: someone looking for an article they remember searches for its telling word, not
for 中国 or 发展, which stand in a hundred headlines a month and cannot single out one; so the
query is the headline's word found in the fewest articles (``distinctive``). The score with a
seeded random word (``random``) is printed beside it, for a floor.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import rjieba

from .. import ids
from ..archive import Archive, count, ingest, search
from ..errors import BaokuError
from .gold import comparable, load_gold

TOP = 10
_START_CHARS = 12


@dataclass(frozen=True)
class RetrievalScores:
    queries: int
    found: int
    misses: list[tuple[str, str]]
    """(query, true headline) of each article not found."""

    @property
    def rate(self) -> float:
        return self.found / self.queries if self.queries else 0.0


def evaluate_retrieval(folder: Path, articles: int = 200, seed: int = 0,
                       jobs: int | None = None) -> dict[str, RetrievalScores]:
    """Scores by how the query word is chosen: ``distinctive`` and ``random``."""
    gold = load_gold(folder)
    candidates = [(page, a) for page in gold for a in page.articles if _words(a["headline"])]
    if not candidates:
        raise BaokuError("no-gold", f"{folder}: no true article has a headline to search for")
    chooser = random.Random(seed)
    sample = chooser.sample(candidates, min(articles, len(candidates)))
    with tempfile.TemporaryDirectory() as scratch, \
            Archive(Path(scratch) / "eval.db", write=True) as archive:
        report = ingest(archive, [folder], jobs=jobs)
        if report.failed:
            raise BaokuError("ingest", f"{report.failed[0][0]}: {report.failed[0][1]}")
        choices = {"distinctive": lambda words: min(words, key=lambda w: count(archive, w)),
                   "random": chooser.choice}
        return {how: _score(archive, sample, choose) for how, choose in choices.items()}


def _score(archive: Archive, sample: list, choose: Callable[[list[str]], str],
           ) -> RetrievalScores:
    found, misses = 0, []
    for page, article in sample:
        query = choose(_words(article["headline"]))
        hits = search(archive, query, limit=TOP)
        page_id = ids.page_id(page.paper, page.date, page.number)
        if any(h.id.startswith(page_id + "-") and _is(archive, h.id, article) for h in hits):
            found += 1
        else:
            misses.append((query, article["headline"]))
    return RetrievalScores(len(sample), found, misses)


def _words(headline: str | None) -> list[str]:
    return [w for w in rjieba.cut(headline or "") if 2 <= len(w) <= 4 and w.isalnum()]


def _is(archive: Archive, article_id: str, gold: dict) -> bool:
    """Whether the archive's article holds the true article's start."""
    [row] = archive.rows("SELECT headline, text FROM articles WHERE id = ?", [article_id])
    if gold["paragraphs"]:
        return comparable(gold["paragraphs"][0])[:_START_CHARS] in comparable(row["text"])
    return comparable(gold["headline"]) in comparable(row["headline"] or "")
