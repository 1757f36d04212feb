"""Search: a query and filters in, ranked articles with marked snippets out.

Articles whose heading holds every term come first; then FTS5's BM25 ranks, over the bigrams
(the heading weighted above the body) and rjieba's words (中国 above the 中国 of 其中国家).
(FTS5's BM25 weighs a column's hits before it saturates them, so heading weight alone would
let a long body that repeats a word outrank a headline that names it.) Filters are facets in
the index, which FTS5 intersects with the query. BM25 reads the whole posting list of each
phrase (for its IDF), so a query of a common word, with more than `RANKING_WINDOW` matches,
is ranked by tiers (heading, then every term a whole word) and date of ingest instead: it
stays fast in a large archive.

Snippets are cut from the repaired text here rather than by FTS5, whose table keeps no text;
they are HTML-escaped, with each hit in ``<mark>…</mark>``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import asdict, dataclass, replace
from typing import get_args

from ..errors import BaokuError
from ..model import ArticleKind
from .store import Archive
from .tokens import Query, facet, parse_query

WEIGHTS = {"headline": 10.0, "body": 1.0, "words": 3.0, "facets": 0.0}
RANKING_WINDOW = 3_000
"""A query matching more articles than this (中国 in a national archive) has the latest this
many of them (by rowid: the order of ingest) ranked by tier and then newest first: BM25 would
read the whole posting list of each of its phrases, tens of milliseconds."""
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

    def __post_init__(self) -> None:
        for given in (self.date_from, self.date_to):
            if given is not None:
                _day(given)
        if self.kind is not None and self.kind not in KINDS:
            raise BaokuError("kind", f"kind {self.kind}: not one of {', '.join(KINDS)}")


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
    limit = min(limit, MAX_LIMIT)
    if parsed.expression:
        ranked = _ranked(archive, _with_facets(archive, parsed, filters), filters, limit, offset)
    else:
        where, parameters = where_clause(parsed, filters)
        ranked = [(r["rowid"], 0.0) for r in archive.rows(
            f"SELECT a.rowid FROM articles a WHERE {where} ORDER BY a.date DESC, a.rowid "
            "LIMIT ? OFFSET ?", [*parameters, limit, offset])]
    rows = {r["rowid"]: r for r in archive.rows(
        f"SELECT rowid, * FROM articles WHERE rowid IN ({', '.join('?' * len(ranked))})",
        [rowid for rowid, _ in ranked])}
    return [Hit(id=r["id"], paper=r["paper"], date=r["date"], page=r["page_number"],
                headline=r["headline"], snippet=snippet(_searched_text(r), parsed),
                score=round(score, 4)) for r, score in ((rows[i], s) for i, s in ranked)]


def _ranked(archive: Archive, query: Query, filters: Filters, limit: int,
            offset: int) -> list[tuple[int, float]]:
    """(rowid, score) of a page of hits: those with every term in the heading first, then by
    BM25. A query with more than `RANKING_WINDOW` matches has its latest ones ranked by tier
    (heading, then every term a whole word), newest first: its score is 2 for a heading hit
    plus 1 for whole words."""
    window = next(archive.rows(
        "SELECT count(*) AS n, min(rowid) AS first, max(rowid) AS last FROM (SELECT rowid "
        "FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ?)",
        [query.expression, RANKING_WINDOW]))
    if not window["n"]:
        return []
    by_bm25 = window["n"] < RANKING_WINDOW
    if by_bm25:  # the same articles, with their words for BM25
        query = replace(query, expression=query.ranked_expression)
    where, parameters = where_clause(query, filters)
    source = "article_search" + (" JOIN articles a ON a.rowid = article_search.rowid"
                                 if _filtered(filters) else "")
    tier = ("article_search.rowid IN (SELECT rowid FROM article_search WHERE article_search "
            "MATCH ? AND rowid BETWEEN ? AND ?)")
    bounds = [window["first"], window["last"]]
    if by_bm25:
        weights = ", ".join(map(str, WEIGHTS.values()))
        ranking = (f"-bm25(article_search, {weights}) AS score, {tier} AS in_heading",
                   "in_heading DESC, score DESC")
        tiers = [query.heading_expression, *bounds]
    else:
        ranking = (f"2.0 * {tier} + {tier} AS score", "score DESC, article_search.rowid DESC")
        tiers = [query.heading_expression, *bounds, query.words_expression, *bounds]
    sql = (f"SELECT article_search.rowid AS rowid, {ranking[0]} FROM {source} WHERE {where} "
           f"AND article_search.rowid BETWEEN ? AND ? ORDER BY {ranking[1]} LIMIT ? OFFSET ?")
    return [(r["rowid"], r["score"]) for r in archive.rows(
        sql, [*tiers, *parameters, *bounds, limit, offset])]


def _filtered(filters: Filters) -> bool:
    return any(value is not None for value in vars(filters).values())


def _with_facets(archive: Archive, query: Query, filters: Filters) -> Query:
    """The query with the filters added to its match expression as facets, so that FTS5 does
    the filtering; the SQL clauses of `where_clause` still check each hit exactly."""
    facets = []
    if filters.paper:
        slugs = [r["slug"] for r in archive.rows(
            "SELECT slug FROM papers WHERE name = ? OR slug = ?", [filters.paper] * 2)]
        facets.append(" OR ".join(f'"{facet("paper", s)}"' for s in slugs) or _NOTHING)
    if filters.date_from or filters.date_to:
        facets += _date_facets(archive, filters.date_from, filters.date_to)
    for kind, value in (("kind", filters.kind), ("page", filters.page),
                        ("column", filters.column), *((k, getattr(filters, k))
                                                      for k in ENTITY_FILTERS)):
        if value is not None and value != "":
            facets.append(f'"{facet(kind, value)}"')
    if not facets:
        return query
    expression = " AND ".join(f"facets : ({f})" for f in facets)
    return replace(query, expression=f"({query.expression}) AND {expression}",
                   ranked_expression=f"({query.ranked_expression}) AND {expression}")


_NOTHING = '"znothing"'  # no article has this facet


def _date_facets(archive: Archive, date_from: str | None, date_to: str | None) -> list[str]:
    """The years, months and days that make up a date range, as one OR of facets; none when
    the range holds every issue of the archive."""
    bounds = next(archive.rows("SELECT min(date) AS first, max(date) AS last FROM issues"))
    if bounds["first"] is None:
        return []
    first = _day(max(date_from or bounds["first"], bounds["first"]))
    last = _day(min(date_to or bounds["last"], bounds["last"]))
    if first > last:
        return [_NOTHING]
    if (first.isoformat(), last.isoformat()) == (bounds["first"], bounds["last"]):
        return []
    tokens, day = [], first
    while day <= last:
        year_end, month_end = dt.date(day.year, 12, 31), _month_end(day)
        if (day.month, day.day) == (1, 1) and year_end <= last:
            tokens.append(facet("y", day.year))
            day = year_end
        elif day.day == 1 and month_end <= last:
            tokens.append(facet("m", f"{day:%Y%m}"))
            day = month_end
        else:
            tokens.append(facet("d", f"{day:%Y%m%d}"))
        day += dt.timedelta(days=1)
    return [" OR ".join(f'"{t}"' for t in tokens)]


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BaokuError("date", f"{text}: not a date of the form YYYY-MM-DD") from None


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def count(archive: Archive, query: str = "", filters: Filters = Filters()) -> int:
    """How many articles match."""
    parsed = parse_query(query)
    if parsed.expression:
        parsed = _with_facets(archive, parsed, filters)
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

