"""extract: people with their titles, places, organizations, dates, numeric facts and policy
terms.

Input: a parsed (and usually repaired) `Document`. Output: the same document with each
article's ``entities``, ``facts`` and ``terms`` filled. Everything is found in the repaired text
of one article part and points back into the input through the part's edits. `extract_text`
does the same for a plain passage, for `baoku extract`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

from ..model import Article, Document, Edit, Entity, Fact, Part
from ..read import read_text
from ..repair.edits import input_position
from .dates import dates
from .ner import NerModel, default_ner_model
from .numbers import figures
from .people import titled_names, titles
from .places import place_level

__all__ = ["Terms", "default_terms", "extract_articles", "extract_document", "extract_text",
           "extract_texts", "read_terms"]

_ATTRIBUTION = ("dateline", "byline", "credit")


class Terms:
    """Policy terms and slogans, found as whole strings, longest first."""

    def __init__(self, terms: list[str]):
        self.terms = tuple(sorted(set(terms), key=len, reverse=True))
        self._pattern = re.compile("|".join(map(re.escape, self.terms))) if self.terms else None

    @classmethod
    def from_text(cls, text: str) -> Terms:
        """One term a line; blank lines and lines that start with # are skipped."""
        return cls([line.strip() for line in text.splitlines()
                    if line.strip() and not line.lstrip().startswith("#")])

    def extend(self, text: str) -> Terms:
        return Terms([*self.terms, *Terms.from_text(text).terms])

    def find(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._pattern.finditer(text)] if self._pattern else []


@cache
def default_terms() -> Terms:
    return Terms.from_text(resources.files(__package__).joinpath("terms.txt").read_text("utf-8"))


def extract_document(document: Document, model: NerModel | None = None,
                     terms: Terms | None = None) -> Document:
    return document.model_copy(update={"pages": [
        page.model_copy(update={"articles": extract_articles(
            page.articles, page.date or document.date, model, terms)})
        for page in document.pages]})


def extract_articles(articles: list[Article], issue_date: str | None = None,
                     model: NerModel | None = None, terms: Terms | None = None) -> list[Article]:
    """The articles (of one page, say) with entities, facts and terms; their texts are read
    in one batch."""
    parts_of = {a.id: a.parts() for a in articles}
    read = [(a.id, index, part) for a in articles for index, part in enumerate(parts_of[a.id])
            if part.role not in _ATTRIBUTION]
    found = iter(extract_texts([part.text for _, _, part in read], issue_date, model, terms))
    by_article: dict[str, list[tuple[int, Part, dict]]] = {a.id: [] for a in articles}
    for article_id, index, part in read:
        by_article[article_id].append((index, part, next(found)))
    return [_with_extraction(a, parts_of[a.id], by_article[a.id]) for a in articles]


def _with_extraction(article: Article, parts: list[Part],
                     found: list[tuple[int, Part, dict]]) -> Article:
    starts = [e.span[0] for e in article.edits]

    def placer(index: int, part: Part) -> _Placer:
        own = article.edits[bisect.bisect_left(starts, part.span[0]):
                            bisect.bisect_left(starts, part.span[1])]
        return _Placer(part, index, own)

    entities: list[Entity] = []
    facts: list[Fact] = []
    counts: Counter[str] = Counter()
    for index, part, passage in found:
        place = placer(index, part)
        entities += [place.entity(**e) for e in passage["entities"] + passage["dates"]]
        facts += [place.fact(**f) for f in passage["facts"]]
        counts.update(passage["terms"])
    credited = [e for index, part in enumerate(parts)
                for e in _credited_people(article, part, placer(index, part))]
    spans = {e.span for e in credited}
    entities = [e for e in entities if e.span not in spans] + credited
    return article.model_copy(update={
        "entities": sorted(entities, key=lambda e: e.span), "facts": facts,
        "terms": dict(counts)})


def extract_text(text: str, issue_date: str | None = None, model: NerModel | None = None,
                 terms: Terms | None = None) -> dict:
    """The entities (people with their titles, places with their level, organizations, policy
    terms), dates, numeric facts and term counts of one passage, with offsets into it."""
    return extract_texts([text], issue_date, model, terms)[0]


def extract_texts(texts: list[str], issue_date: str | None = None, model: NerModel | None = None,
                  terms: Terms | None = None) -> list[dict]:
    """`extract_text` for many passages, their names found in one batch."""
    model, terms = model or default_ner_model(), terms or default_terms()
    return [_passage(text, names, issue_date, terms)
            for text, names in zip(texts, model.entities_of(texts))]


def _passage(text: str, names: list[tuple[int, int, str]], issue_date: str | None,
             terms: Terms) -> dict:
    mentions = terms.find(text)
    names = [name for name in names if not _inside_term(name, mentions)]
    names = names + [(start, end, "person") for start, end in titled_names(text)
                     if not any(s < end and start < e for s, e, _ in names)]
    entities = []
    for start, end, kind in names:
        entity = {"type": kind, "start": start, "end": end, "text": text[start:end]}
        if kind == "person":
            entity["titles"] = titles(text, start, end)
        elif kind == "place":
            entity["level"], entity["code"] = place_level(text[start:end])
        entities.append(entity)
    entities += [{"type": "term", "start": s, "end": e, "text": text[s:e]} for s, e in mentions]
    # vars(), not asdict(): the dataclasses hold no dataclasses, and asdict's deep copy costs
    found_dates = [{"type": "date", **vars(d), "text": text[d.start:d.end]}
                   for d in dates(text, issue_date)]
    facts = [{**vars(f), "text": text[f.start:f.end]} for f in figures(text)]
    return {"text": text, "entities": sorted(entities, key=lambda e: (e["start"], e["end"])),
            "dates": found_dates, "facts": facts,
            "terms": dict(Counter(text[s:e] for s, e in mentions))}


def _inside_term(name: tuple[int, int, str], mentions: list[tuple[int, int]]) -> bool:
    """Whether a person or organization lies inside a term, a fixed phrase that names neither:
    林田湖 in 山水林田湖草沙, 金山银山 in 绿水青山就是金山银山. A term may name a place
    (长江经济带, 京津冀协同发展), which stays."""
    start, end, kind = name
    return kind != "place" and any(s <= start and end <= e for s, e in mentions)


class _Placer:
    """Turns offsets into a part's repaired text into model objects with input spans."""

    def __init__(self, part: Part, index: int, edits: list[Edit]):
        self.part, self.index, self.edits = part, index, edits

    def span(self, start: int, end: int) -> tuple[int, int]:
        first = self.part.span[0]
        if not self.edits:  # most parts: the text as read
            return first + start, first + end
        return (input_position(first, self.edits, start),
                input_position(first, self.edits, end, end=True))

    def entity(self, *, start: int, end: int, **fields) -> Entity:
        return Entity(span=self.span(start, end), part=self.index, offsets=(start, end), **fields)

    def fact(self, *, start: int, end: int, **fields) -> Fact:
        return Fact(span=self.span(start, end), part=self.index, offsets=(start, end), **fields)


def _credited_people(article: Article, part: Part, place: _Placer) -> list[Entity]:
    """Reporters and photographers, as the byline names them, where this part prints them: a
    byline or credit line, or the end of a paragraph that closes with one (本报记者 石莹 综合整理)."""
    out = []
    for role, names in (("reporter", article.byline.reporters),
                        ("photographer", article.byline.photographers)):
        for name in names:
            if name not in part.text:  # the common case, and far cheaper than a regex
                continue
            for m in re.finditer(re.escape(name), part.text):
                if part.role in _ATTRIBUTION or _CREDIT_WORD.search(part.text, 0, m.start()):
                    out.append(place.entity(type="person", start=m.start(), end=m.end(),
                                            text=name, role=role))
    return out


_CREDIT_WORD = re.compile(r"(?:记者|通讯员|摄影|摄)[^，。；]{0,12}$")


def read_terms(path: Path) -> Terms:
    """The shipped terms and those of a user's file, one a line."""
    return default_terms().extend(read_text(path))
