"""Archive speed: ingest with two processes, re-ingest, and search over 200,000 articles.

``python benchmarks/bench_archive.py SAMPLES`` (the folder holding rmrb-2019-02 and
rmrb-2019-10). The large archive is built from the sample pages with new ids and dates (each
copy of the two months moved on by a multiple of 366 days) and kept in build/bench/ for the
next run; it is made again when it was made by another archive or tokenizer version.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import rjieba

from baoku.archive import Archive, Filters, ingest, search
from baoku.archive.rows import article_facets, search_tokens
from baoku.archive.schema import MIGRATIONS
from baoku.archive.tokens import TOKENIZER

TARGET_ARTICLES = 200_000
QUERIES = 300
BIG = Path("build/bench/search.db")
COPIED = {  # table → its columns, with the ones that hold an id or a date marked by shift()
    "papers": "slug, name",
    "issues": "shift(id), paper, shift(date)",
    "pages": "shift(id), shift(issue), number, source, file, sha256, \"offset\", text, "
             "unassigned, version, ingested_at",
    "articles": "NULL, shift(id), shift(page), paper, shift(date), page_number, kind, "
                "\"column\", series, kicker, headline, subtitle, byline, source, place, "
                "reporters, photographers, dateline, dateline_date, start, \"end\", truncated, "
                "text, terms, edits, flags, entities, facts",
}
CHILDREN = ("parts", "edits", "flags", "entities", "facts")


def bench_ingest(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "a.db"
        with Archive(db, write=True) as archive:
            started = time.perf_counter()
            report = ingest(archive, [folder], jobs=2)
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = ingest(archive, [folder], jobs=2)
            second = time.perf_counter() - started
    print(f"ingest of {folder.name}, 2 processes: {report.pages} pages, {report.articles} "
          f"articles in {first:.1f} s = {report.pages / first:.0f} pages/s")
    print(f"  again, unchanged: {again.unchanged} files in {second:.2f} s = "
          f"{100 * second / first:.1f}% of the first run")


def current(db: Path) -> bool:
    """Whether a kept archive was made by this archive and tokenizer version."""
    with Archive(db) as archive:
        tokenizer = next(archive.rows("SELECT value FROM meta WHERE key = 'tokenizer'"), {})
        version = archive.db.execute("PRAGMA user_version").fetchone()[0]
    return tokenizer.get("value") == TOKENIZER and version == len(MIGRATIONS)


def build_big(samples: Path) -> Archive:
    """The sample months copied under new dates until the archive holds TARGET_ARTICLES."""
    if BIG.exists():
        if current(BIG):
            return Archive(BIG)
        BIG.unlink()
    BIG.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Archive(BIG, write=True) as archive:
        ingest(archive, [samples / "rmrb-2019-02", samples / "rmrb-2019-10"])
        base = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        originals = _originals(archive)
        for copy in range(1, -(-TARGET_ARTICLES // base)):
            _copy(archive, copy, originals)
    print(f"built {BIG} in {time.perf_counter() - started:.0f} s")
    return Archive(BIG)


def _originals(archive: Archive) -> list[tuple[dict, tuple[str, str, str], list]]:
    """Each article's row, text tokens (made once: they are the same in every copy) and
    names (for the facets, which change with the date)."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for row in archive.rows("SELECT article, role, text FROM parts ORDER BY article, seq"):
        parts.setdefault(row["article"], []).append((row["role"], row["text"]))
    names: dict[str, list[tuple[str, str]]] = {}
    for row in archive.rows("SELECT article, type, text FROM entities"):
        names.setdefault(row["article"], []).append((row["type"], row["text"]))
    return [(article, search_tokens(parts[article["id"]], "")[:3], names.get(article["id"], []))
            for article in archive.rows("SELECT * FROM articles ORDER BY rowid")]


def _copy(archive: Archive, copy: int, originals: list) -> None:
    def shift(text: str | None) -> str | None:
        """The first date in an id or a date moved on by ``copy`` × 366 days."""
        if text is None:
            return None
        for i in range(len(text) - 9):
            try:
                day = dt.date.fromisoformat(text[i:i + 10])
            except ValueError:
                continue
            return text[:i] + (day + dt.timedelta(days=366 * copy)).isoformat() + text[i + 10:]
        return text

    db = archive.db
    db.create_function("shift", 1, shift, deterministic=True)
    db.execute("BEGIN")
    original = "date < '2020-01-01'"
    db.execute(f"INSERT INTO papers SELECT {COPIED['papers']} FROM papers WHERE 0")
    db.execute(f"INSERT INTO issues SELECT {COPIED['issues']} FROM issues WHERE {original}")
    db.execute(f"INSERT INTO pages SELECT {COPIED['pages']} FROM pages WHERE issue IN "
               f"(SELECT id FROM issues WHERE {original})")
    db.execute(f"INSERT INTO articles SELECT {COPIED['articles']} FROM articles "
               f"WHERE {original} ORDER BY rowid")
    for table in CHILDREN:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        select = ", ".join(["shift(article)"] + [f'"{c}"' for c in columns[1:]])
        db.execute(f"INSERT INTO {table} SELECT {select} FROM {table} WHERE article IN "
                   f"(SELECT id FROM articles WHERE {original})")
    db.executemany(
        "INSERT INTO article_search (rowid, headline, body, words, facets) "
        "SELECT rowid, ?, ?, ?, ? FROM articles WHERE id = ?",
        [(*text, article_facets({**article, "date": shift(article["date"])}, names),
          shift(article["id"])) for article, text, names in originals])
    db.execute("COMMIT")


def queries(archive: Archive, n: int) -> list[tuple[str, Filters]]:
    """Headline words (any, common ones too), people's names, two-word queries, phrases and
    filtered queries, drawn from the archive's first copy."""
    chooser = random.Random(0)
    headlines = [r["headline"] for r in archive.rows(
        "SELECT headline FROM articles WHERE headline IS NOT NULL AND date < '2020-01-01'")]
    words = [w for h in headlines for w in rjieba.cut(h) if 2 <= len(w) <= 4 and w.isalnum()]
    names = [r["text"] for r in archive.rows(
        "SELECT DISTINCT text FROM entities WHERE type = 'person' LIMIT 2000")]
    made: list[tuple[str, Filters]] = []
    while len(made) < n:
        kind = len(made) % 5
        if kind == 0:
            made.append((chooser.choice(words), Filters()))
        elif kind == 1:
            made.append((chooser.choice(names), Filters()))
        elif kind == 2:
            made.append((f"{chooser.choice(words)} {chooser.choice(words)}", Filters()))
        elif kind == 3:
            made.append((f'"{chooser.choice(headlines)[:6]}"', Filters()))
        else:
            year = chooser.randrange(2019, 2060)
            made.append((chooser.choice(words), Filters(date_from=f"{year}-01-01",
                                                        date_to=f"{year + 5}-12-31")))
    return made


def bench_search(samples: Path) -> None:
    archive = build_big(samples)
    articles = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    # A server's steady state: the index's pages in memory, as earlier queries left them. Other
    # queries warm it than those timed, which would find their own pages there.
    asked = queries(archive, 2 * QUERIES)
    for query, filters in asked[:QUERIES]:
        search(archive, query, filters)
    taken = []
    for query, filters in asked[QUERIES:]:
        started = time.perf_counter()
        search(archive, query, filters)
        taken.append(1000 * (time.perf_counter() - started))
    cuts = statistics.quantiles(taken, n=100)
    print(f"search over {articles} articles, {len(taken)} queries (top 10 with snippets): "
          f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, max {max(taken):.1f} ms")
    archive.close()


if __name__ == "__main__":
    samples = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples")
    bench_ingest(samples / "rmrb-2019-02")
    bench_search(samples)
