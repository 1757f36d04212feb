"""Search: a query and filters in, ranked articles with marked snippets out.

Articles whose heading holds every term come first; within each tier, FTS5's BM25 ranks, with
the heading weighted above the body and the words column adding weight where a term is a
whole word. (FTS5's BM25 weighs a column's hits before it saturates, so heading weight alone
lets a long body that repeats a word outrank a headline that names it.) Snippets are cut from the
repaired text here rather than by FTS5, whose table keeps no text; they are HTML-escaped,
with each hit in ``<mark>…</mark>``.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from typing import get_args

from ..model import ArticleKind
from .store import Archive
from .tokens import Query, parse_query

WEIGHTS = {"headline": 10.0, "body": 1.0, "words": 3.0}
SNIPPET_CHARS = 80
MAX_LIMIT = 1000
ENTITY_FILTERS = ("person", "place", "organization")
KINDS = get_args(ArticleKind)


@dataclass(frozen=True)
class Filters:
    paper: str | None = None
    """A paper's name (人民日报) or id (renminribao)."""
    date_from: str | None = None
    date_to: str | None = None
    page: int | None = None
    column: str | None = None
    kind: str | None = None
    person: str | None = None
    place: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Hit:
    id: str
    paper: str
    date: str
    page: int | None
    headline: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


def search(archive: Archive, query: str = "", filters: Filters = Filters(), *,
           limit: int = 10, offset: int = 0) -> list[Hit]:
    """The best ``limit`` articles for ``query`` among those the filters let through, best
    first; with no query, the newest first."""
    parsed = parse_query(query)
    where, parameters = where_clause(parsed, filters)
    weights = ", ".join(map(str, WEIGHTS.values()))
    if parsed.expression:
        sql = (f"SELECT a.*, -bm25(article_search, {weights}) AS score, a.rowid IN ("
               "SELECT rowid FROM article_search WHERE article_search MATCH ?) AS in_heading "
               f"FROM article_search JOIN articles a ON a.rowid = article_search.rowid "
               f"WHERE {where} ORDER BY in_heading DESC, score DESC LIMIT ? OFFSET ?")
        parameters.insert(0, parsed.heading_expression)
    else:
        sql = (f"SELECT a.*, 0.0 AS score FROM articles a WHERE {where} "
               "ORDER BY a.date DESC, a.rowid LIMIT ? OFFSET ?")
    rows = archive.rows(sql, [*parameters, min(limit, MAX_LIMIT), offset])
    return [Hit(id=r["id"], paper=r["paper"], date=r["date"], page=r["page_number"],
                headline=r["headline"], snippet=snippet(_searched_text(r), parsed),
                score=round(r["score"], 4)) for r in rows]


def count(archive: Archive, query: str = "", filters: Filters = Filters()) -> int:
    """How many articles match."""
    parsed = parse_query(query)
    where, parameters = where_clause(parsed, filters)
    source = ("article_search JOIN articles a ON a.rowid = article_search.rowid"
              if parsed.expression else "articles a")
    return next(archive.rows(f"SELECT count(*) AS n FROM {source} WHERE {where}",
                             parameters))["n"]


def where_clause(query: Query, filters: Filters) -> tuple[str, list]:
    clauses, parameters = ["1"], []
    if query.expression:
        clauses.append("article_search MATCH ?")
        parameters.append(query.expression)
    if filters.paper:
        clauses.append("a.paper IN (SELECT name FROM papers WHERE name = ? OR slug = ?)")
        parameters += [filters.paper, filters.paper]
    for column, value in (("a.date >= ?", filters.date_from), ("a.date <= ?", filters.date_to),
                          ("a.page_number = ?", filters.page), ('a."column" = ?', filters.column),
                          ("a.kind = ?", filters.kind)):
        if value is not None:
            clauses.append(column)
            parameters.append(value)
    for kind in ENTITY_FILTERS:
        if name := getattr(filters, kind):
            clauses.append("EXISTS (SELECT 1 FROM entities e WHERE e.article = a.id "
                           "AND e.type = ? AND e.text = ?)")
            parameters += [kind, name]
    return " AND ".join(clauses), parameters


def _searched_text(article: dict) -> str:
    """The body and the byline, where a name may be all that matched."""
    return "\n".join(t for t in (article["text"], article["byline"]) if t)


def snippet(text: str, query: Query, size: int = SNIPPET_CHARS) -> str:
    """About ``size`` characters of ``text`` around its first hit, HTML-escaped, with the hits
    in ``<mark>``; the text's start when it has none."""
    hits = (list(re.finditer("|".join(f"(?:{p})" for p in query.patterns), text, re.IGNORECASE))
            if query.patterns else [])
    start = max(0, hits[0].start() - size // 4) if hits else 0
    end = min(len(text), start + size)
    out, position = [], start
    for hit in hits:
        if hit.start() < position or hit.end() > end:
            continue
        out += [html.escape(text[position:hit.start()]), "<mark>",
                html.escape(hit.group()), "</mark>"]
        position = hit.end()
    out.append(html.escape(text[position:end]))
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    return prefix + "".join(out).replace("\n", " ") + suffix

