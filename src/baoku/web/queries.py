"""What each page of the reader shows, as plain data: the JSON API returns it as it is and the
HTML pages render it, so the two never disagree (datasette's rule)."""

from __future__ import annotations

import json

from ..archive import Archive, Filters, count, search
from ..archive.search import ENTITY_FILTERS, RANKING_WINDOW
from ..archive.tokens import parse_query
from ..errors import BaokuError
from ..model import Edit, Flag
from ..repair.edits import inside

PAGE_SIZE = 20
MAX_OFFSET = 10_000
ENTITY_TYPES = (*ENTITY_FILTERS, "date", "term")


class NotFound(BaokuError):
    def __init__(self, message: str):
        super().__init__("not-found", message)


def papers(archive: Archive) -> list[dict]:
    """Every paper with its issues, newest first, and their page and article counts."""
    rows = archive.rows(
        "SELECT papers.slug, papers.name, issues.date, "
        "(SELECT count(*) FROM pages WHERE pages.issue = issues.id) AS pages, "
        "(SELECT count(*) FROM articles a JOIN pages p ON a.page = p.id "
        " WHERE p.issue = issues.id) AS articles "
        "FROM issues JOIN papers ON papers.slug = issues.paper "
        "ORDER BY papers.name, issues.date DESC")
    out: dict[str, dict] = {}
    for row in rows:
        paper = out.setdefault(row["slug"], {"paper": row["slug"], "name": row["name"],
                                             "issues": []})
        paper["issues"].append({"date": row["date"], "pages": row["pages"],
                                "articles": row["articles"]})
    return list(out.values())


def paper_names(archive: Archive) -> list[dict]:
    """Every paper's id and name, for a choice of paper."""
    return list(archive.rows("SELECT slug AS paper, name FROM papers ORDER BY name"))


def issue(archive: Archive, paper: str, date: str) -> dict:
    """An issue's pages in order, each with its articles' heading parts in reading order."""
    pages = list(archive.rows(
        "SELECT pages.id, pages.number, papers.name FROM pages JOIN issues ON issues.id = "
        "pages.issue JOIN papers ON papers.slug = issues.paper WHERE issues.paper = ? AND "
        "issues.date = ? ORDER BY pages.number, pages.id", [paper, date]))
    if not pages:
        raise NotFound(f"no issue of {paper} on {date}")
    name = pages[0]["name"]
    for page in pages:
        del page["name"]
        page["articles"] = list(archive.rows(
            'SELECT id, kind, "column", series, kicker, headline, subtitle, byline, '
            "substr(text, 1, 120) AS opening FROM articles WHERE page = ? ORDER BY rowid",
            [page["id"]]))
    return {"paper": paper, "name": name, "date": date, "pages": pages}


def article(archive: Archive, article_id: str) -> dict:
    """An article whole, with its page's place, the text of each part as read, and the
    articles before and after it in the issue."""
    found = archive.article(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    [page] = archive.rows(
        "SELECT p.id, p.number, p.source, p.text, a.paper, a.date, i.paper AS paper_id "
        "FROM pages p JOIN articles a ON a.page = p.id JOIN issues i ON i.id = p.issue "
        "WHERE a.id = ?", [article_id])
    order = [r["id"] for r in archive.rows(
        "SELECT a.id FROM articles a JOIN pages p ON a.page = p.id WHERE p.issue = "
        "(SELECT issue FROM pages WHERE id = ?) ORDER BY p.number, p.id, a.rowid",
        [page["id"]])]
    at = order.index(article_id)
    parts = [{"role": p.role, "span": p.span, "text": p.text,
              "as_read": page["text"][p.span[0]:p.span[1]],
              "segments": segments(page["text"], p.span, found.edits, found.flags)} for p in found.parts()]
    return {"article": found.model_dump(mode="json"),
            "page": {"id": page["id"], "number": page["number"], "source": page["source"],
                     "paper": page["paper_id"], "name": page["paper"], "date": page["date"]},
            "parts": parts,
            "previous": order[at - 1] if at > 0 else None,
            "next": order[at + 1] if at + 1 < len(order) else None}


def segments(text: str, span: tuple[int, int], edits: list[Edit],
             flags: list[Flag]) -> list[dict]:
    """A part as runs of unchanged text and edits, so that a reader can show either side:
    ``{"text": …}`` (with ``"flag"``, its message, where a flag covers it) or
    ``{"read": before, "repaired": after, "rule": …}``."""
    out, position = [], span[0]
    for edit in inside(edits, span):
        out += _unchanged(text, (position, edit.span[0]), flags)
        out.append({"read": edit.before, "repaired": edit.after, "rule": edit.rule})
        position = edit.span[1]
    return out + _unchanged(text, (position, span[1]), flags)


def _unchanged(text: str, span: tuple[int, int], flags: list[Flag]) -> list[dict]:
    """Text between edits, each flag that lies wholly inside it a run of its own (where two
    overlap, the first)."""
    out, position = [], span[0]
    for flag in inside(flags, span):
        if flag.span[0] < position or flag.span[0] == flag.span[1]:
            continue
        if flag.span[0] > position:
            out.append({"text": text[position:flag.span[0]]})
        out.append({"text": text[flag.span[0]:flag.span[1]], "flag": flag.message})
        position = flag.span[1]
    if position < span[1]:
        out.append({"text": text[position:span[1]]})
    return out


def search_page(archive: Archive, query: str, filters: Filters, offset: int = 0,
                limit: int = PAGE_SIZE) -> dict:
    """A page of hits, how many there are in all, how many of them can be paged through (a
    common word's latest `RANKING_WINDOW`), and where the next page starts."""
    if offset > MAX_OFFSET:
        raise BaokuError("offset", f"offset: at most {MAX_OFFSET}")
    hits = search(archive, query, filters, limit=limit, offset=offset)
    total = count(archive, query, filters)
    shown = min(total, RANKING_WINDOW) if parse_query(query).expression else total
    return {"query": query, "total": total, "shown": shown, "offset": offset, "limit": limit,
            "hits": [h.to_dict() for h in hits],
            "next_offset": offset + limit if offset + limit < shown else None}


def entity(archive: Archive, kind: str, name: str, offset: int = 0,
           limit: int = PAGE_SIZE) -> dict:
    """Every article that names a person, place, organization, date or term, oldest first,
    with the titles a person had there: a timeline."""
    if kind not in ENTITY_TYPES:
        raise NotFound(f"no entity type {kind}; the types are {', '.join(ENTITY_TYPES)}")
    if offset > MAX_OFFSET:
        raise BaokuError("offset", f"offset: at most {MAX_OFFSET}")
    total = next(archive.rows("SELECT count(DISTINCT article) AS n FROM entities "
                              "WHERE type = ? AND text = ?", [kind, name]))["n"]
    if not total:
        raise NotFound(f"no {kind} named {name} in the archive")
    rows = archive.rows(
        "SELECT a.id, a.paper, a.date, a.page_number AS page, a.headline, "
        "group_concat(e.titles, char(31)) AS titles, count(*) AS mentions "
        "FROM entities e JOIN articles a ON a.id = e.article WHERE e.type = ? AND e.text = ? "
        "GROUP BY a.id ORDER BY a.date, a.rowid LIMIT ? OFFSET ?", [kind, name, limit, offset])
    timeline = []
    for row in rows:
        titles = {t for group in row.pop("titles").split("\x1f") for t in json.loads(group)}
        timeline.append({**row, "titles": sorted(titles)})
    return {"type": kind, "name": name, "total": total, "offset": offset, "limit": limit,
            "articles": timeline,
            "next_offset": offset + limit if offset + limit < total else None}
