"""Parsed pages as the archive's rows, and rows back as pages: ``page_from_rows(rows_of(page))``
equals the page, which the tests check."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import get_args

from .. import ids
from ..model import (
    Article,
    AttributionRole,
    Byline,
    Dateline,
    Edit,
    Entity,
    Fact,
    Flag,
    HeadingRole,
    Page,
    Part,
)
from .tokens import bigram_tokens, facet_tokens, word_tokens

_HEADING_ROLES = set(get_args(HeadingRole))
_ATTRIBUTION_ROLES = set(get_args(AttributionRole))
NAMED = ("person", "place", "organization")
"""The entity types that are filters, and facets."""
ARTICLE_COLUMNS = ("id", "page", "paper", "date", "page_number", "kind", "column", "series",
                   "kicker", "headline", "subtitle", "byline", "source", "place", "reporters",
                   "photographers", "dateline", "dateline_date", "start", "end", "truncated",
                   "text", "terms", "edits", "flags", "entities", "facts")


@dataclass
class PageRows:
    """One page's rows for each table, ready for ``executemany``; made in the worker that
    parsed the page, so that the writer only writes."""

    issue: tuple[str, str, str, str]  # issue id, paper slug, paper name, date
    page: tuple
    articles: list[tuple] = field(default_factory=list)
    parts: list[tuple] = field(default_factory=list)
    edits: list[tuple] = field(default_factory=list)
    flags: list[tuple] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)
    search: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    """Each article's headline, body, word and facet tokens, and its id."""

    @property
    def id(self) -> str:
        return self.page[0]


def issue_id(paper: str, date: str) -> str:
    return f"{ids.paper_slug(paper)}-{date}"


def rows_of(page: Page, *, file: str, sha256: str) -> PageRows:
    """The rows of a page parsed from ``file`` (its resolved path), whose bytes hash to
    ``sha256``. The archive keeps only pages with a paper and a date; the caller checks."""
    issue = issue_id(page.paper, page.date)
    rows = PageRows(
        issue=(issue, ids.paper_slug(page.paper), page.paper, page.date),
        page=(page.id, issue, page.number, page.source or file, file, sha256, page.offset,
              page.text, _json([p.model_dump() for p in page.unassigned])))
    for article in page.articles:
        _add_article(rows, article, page)
    return rows


def search_tokens(parts: list[tuple[str, str]], facets: str) -> tuple[str, str, str, str]:
    """The indexed columns of an article whose parts are these (role, text) pairs: its
    heading, its body and attributions, the words of both, and its `facet_tokens`."""
    heading = "\n".join(text for role, text in parts if role in _HEADING_ROLES)
    body = "\n".join(text for role, text in parts if role not in _HEADING_ROLES)
    return (bigram_tokens(heading), bigram_tokens(body), word_tokens(f"{heading}\n{body}"),
            facets)


def article_facets(article: dict, names: Iterable[tuple[str, str]]) -> str:
    """`facet_tokens` of an article row (or a dict with its paper, date, kind, page_number
    and column) that names these (type, text) pairs; types other than people, places and
    organizations are left out."""
    return facet_tokens(paper=ids.paper_slug(article["paper"]), date=article["date"],
                        kind=article["kind"], page=article["page_number"],
                        column=article["column"],
                        names=((t, n) for t, n in names if t in NAMED))


def _add_article(rows: PageRows, article: Article, page: Page) -> None:
    a, by = article, article.byline
    body = "\n".join(p.text for p in a.paragraphs)
    rows.articles.append((
        a.id, page.id, page.paper, page.date, page.number, a.kind, a.column, a.series, a.kicker,
        a.headline, a.subtitle, by.text, by.source, by.place, _json(by.reporters),
        _json(by.photographers), a.dateline.text if a.dateline else None,
        a.dateline.date if a.dateline else None, a.span[0], a.span[1], int(a.truncated), body,
        _json(a.terms), len(a.edits), len(a.flags), len(a.entities), len(a.facts)))
    parts = a.heading + a.paragraphs + a.attributions
    rows.parts += [(a.id, i, p.role, p.text, *p.span) for i, p in enumerate(parts)]
    rows.edits += [(a.id, i, e.rule, e.before, e.after, *e.span, e.confidence)
                   for i, e in enumerate(a.edits)]
    rows.flags += [(a.id, i, f.kind, f.text, *f.span, f.message) for i, f in enumerate(a.flags)]
    rows.entities += [(a.id, i, e.type, e.text, *e.span, e.part, *e.offsets, _json(e.titles),
                       e.role, e.level, e.code, e.value) for i, e in enumerate(a.entities)]
    rows.facts += [(a.id, i, f.kind, f.text, *f.span, f.part, *f.offsets, f.value, f.upper,
                    f.unit, f.metric, _json(f.qualifiers), f.scope)
                   for i, f in enumerate(a.facts)]
    facets = article_facets({"paper": page.paper, "date": page.date, "kind": a.kind,
                             "page_number": page.number, "column": a.column},
                            ((e.type, e.text) for e in a.entities))
    rows.search.append((*search_tokens([(p.role, p.text) for p in parts], facets), a.id))


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps makes one a call


def _json(value: object) -> str:
    return _JSON.encode(value)


def article_from_rows(article: dict, parts: list[dict], edits: list[dict], flags: list[dict],
                      entities: list[dict], facts: list[dict]) -> Article:
    """An article from its row (a dict by column name) and its child rows, each in ``seq``
    order."""
    a = article
    all_parts = [Part(role=p["role"], text=p["text"], span=(p["start"], p["end"]))
                 for p in parts]
    return Article(
        id=a["id"], kind=a["kind"], span=(a["start"], a["end"]), column=a["column"],
        series=a["series"], kicker=a["kicker"], headline=a["headline"], subtitle=a["subtitle"],
        byline=Byline(source=a["source"], place=a["place"], reporters=json.loads(a["reporters"]),
                      photographers=json.loads(a["photographers"]), text=a["byline"]),
        dateline=Dateline(text=a["dateline"], date=a["dateline_date"])
        if a["dateline"] is not None else None,
        heading=[p for p in all_parts if p.role in _HEADING_ROLES],
        paragraphs=[p for p in all_parts
                    if p.role not in _HEADING_ROLES and p.role not in _ATTRIBUTION_ROLES],
        attributions=[p for p in all_parts if p.role in _ATTRIBUTION_ROLES],
        truncated=bool(a["truncated"]),
        edits=[Edit(rule=e["rule"], before=e["before"], after=e["after"],
                    span=(e["start"], e["end"]), confidence=e["confidence"]) for e in edits],
        flags=[Flag(kind=f["kind"], text=f["text"], span=(f["start"], f["end"]),
                    message=f["message"]) for f in flags],
        entities=[Entity(type=e["type"], text=e["text"], span=(e["start"], e["end"]),
                         part=e["part"], offsets=(e["part_start"], e["part_end"]),
                         titles=json.loads(e["titles"]), role=e["role"], level=e["level"],
                         code=e["code"], value=e["value"]) for e in entities],
        facts=[Fact(kind=f["kind"], text=f["text"], span=(f["start"], f["end"]), part=f["part"],
                    offsets=(f["part_start"], f["part_end"]), value=f["value"],
                    upper=f["upper"], unit=f["unit"], metric=f["metric"],
                    qualifiers=json.loads(f["qualifiers"]), scope=f["scope"]) for f in facts],
        terms=json.loads(a["terms"]))


def page_from_rows(page: dict, paper: str, date: str, articles: list[Article]) -> Page:
    return Page(id=page["id"], source=page["source"], paper=paper, date=date,
                number=page["number"], offset=page["offset"], text=page["text"],
                articles=articles,
                unassigned=[Part.model_validate(p) for p in json.loads(page["unassigned"])])
