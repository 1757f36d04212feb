"""The archive file: opening it, writing an issue's pages in one transaction, reading pages and
articles back."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import BaokuError
from ..model import Article, Page
from .rows import PageRows, article_facets, article_from_rows, page_from_rows, search_tokens
from .schema import migrate
from .tokens import TOKENIZER

DEFAULT_PATH = "baoku.db"
_CHILD_TABLES = ("parts", "edits", "flags", "entities", "facts")


def default_path() -> Path:
    """``$BAOKU_DB``, else ``./baoku.db``."""
    return Path(os.environ.get("BAOKU_DB") or DEFAULT_PATH)


class Archive:
    """An archive file, opened to read (the default) or to write.

    Writing happens one issue at a time (`write_issue`), each in its own transaction: a crash
    leaves the issues written before it whole and nothing of the one being written.
    """

    def __init__(self, path: str | Path | None = None, *, write: bool = False):
        self.path = Path(path) if path is not None else default_path()
        if not write and not self.path.is_file():
            raise BaokuError("no-archive", f"{self.path}: no archive here; make one with "
                                           "`baoku ingest`")
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            uri = self.path.resolve().as_uri() + ("" if write else "?mode=ro")
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            if write:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                migrate(self.db, str(self.path))
                self._check_tokenizer()
            elif self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                raise BaokuError("no-archive", f"{self.path}: not a baoku archive")
        except sqlite3.DatabaseError as e:
            raise BaokuError("bad-archive", f"{self.path}: not a baoku archive ({e})") from None
        except OSError as e:
            raise BaokuError("unwritable", f"{self.path}: cannot make the archive here "
                                           f"({e.strerror})") from None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # writing

    def is_ingested(self, file: str, sha256: str, paper: str, date: str) -> bool:
        """Whether the current pages of the archive include those of this file as it is now,
        in this paper's issue of this date."""
        return self.db.execute(
            "SELECT 1 FROM pages JOIN issues ON issues.id = pages.issue JOIN papers ON "
            "papers.slug = issues.paper WHERE pages.file = ? AND pages.sha256 = ? AND "
            "papers.name = ? AND issues.date = ? LIMIT 1",
            (file, sha256, paper, date)).fetchone() is not None

    def write_issue(self, files: dict[str, list[PageRows]]) -> int:
        """Write the pages parsed from each file (by resolved path), replacing what those files
        gave before and any page of the same id; the replaced pages' input text and hash stay
        in ``page_versions``. The number of pages replaced."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        pages = [p for rows in files.values() for p in rows]
        with self._transaction():
            replaced = self._replace(list(files), [p.id for p in pages], now)
            earlier = dict(self.db.execute(
                "SELECT page, max(version) FROM page_versions WHERE page IN "
                f"({_marks(len(pages))}) GROUP BY page", [p.id for p in pages]).fetchall())
            self.db.executemany("INSERT INTO papers VALUES (?, ?) ON CONFLICT DO NOTHING",
                                {p.issue[1:3] for p in pages})
            self.db.executemany("INSERT INTO issues VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                {(p.issue[0], p.issue[1], p.issue[3]) for p in pages})
            self.db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                [(*p.page, earlier.get(p.id, 0) + 1, now) for p in pages])
            self.db.executemany(f"INSERT INTO articles VALUES (NULL, {_marks(27)})",
                                [a for p in pages for a in p.articles])
            for table, width in zip(_CHILD_TABLES, (6, 8, 7, 14, 15)):
                self.db.executemany(f"INSERT INTO {table} VALUES ({_marks(width)})",
                                    [r for p in pages for r in getattr(p, table)])
            self.db.executemany(
                "INSERT INTO article_search (rowid, headline, body, words, facets) "
                "SELECT rowid, ?, ?, ?, ? FROM articles WHERE id = ?",
                [s for p in pages for s in p.search])
        return replaced

    def _replace(self, files: list[str], page_ids: list[str], now: str) -> int:
        """Move the current pages of these files, or with these ids, to ``page_versions`` and
        delete their articles; how many there were."""
        old = self.db.execute(
            f"SELECT id FROM pages WHERE file IN ({_marks(len(files))}) "
            f"OR id IN ({_marks(len(page_ids))})", (*files, *page_ids)).fetchall()
        if not old:
            return 0
        ids = [row["id"] for row in old]
        where = f"IN ({_marks(len(ids))})"
        self.db.execute(
            "INSERT INTO page_versions SELECT id, version, source, file, sha256, text, "
            f"ingested_at, ? FROM pages WHERE id {where}", (now, *ids))
        articles = [row["id"] for row in self.db.execute(
            f"SELECT id FROM articles WHERE page {where}", ids)]
        self._unindex(articles)
        for table in _CHILD_TABLES:
            self.db.executemany(f"DELETE FROM {table} WHERE article = ?",
                                [(a,) for a in articles])
        self.db.execute(f"DELETE FROM articles WHERE page {where}", ids)
        self.db.execute(f"DELETE FROM pages WHERE id {where}", ids)
        self.db.execute("DELETE FROM issues WHERE id NOT IN (SELECT issue FROM pages)")
        self.db.execute("DELETE FROM papers WHERE slug NOT IN (SELECT paper FROM issues)")
        return len(old)

    def _unindex(self, articles: Iterable[str]) -> None:
        """Take articles out of the search index. Its table keeps no text, so the tokens to
        remove are made again from the stored parts, as they were made when added."""
        for article in articles:
            self.db.execute("INSERT INTO article_search (article_search, rowid, headline, "
                            "body, words, facets) VALUES ('delete', ?, ?, ?, ?, ?)",
                            self._search_row(article))

    def _search_row(self, article_id: str) -> tuple:
        """An article's rowid and search tokens, made again from what the archive holds."""
        article = self.db.execute("SELECT rowid, * FROM articles WHERE id = ?",
                                  (article_id,)).fetchone()
        parts = self.db.execute("SELECT role, text FROM parts WHERE article = ? ORDER BY seq",
                                (article_id,)).fetchall()
        names = self.db.execute("SELECT type, text FROM entities WHERE article = ?",
                                (article_id,)).fetchall()
        return (article["rowid"], *search_tokens(list(map(tuple, parts)),
                                                 article_facets(article, map(tuple, names))))

    def _check_tokenizer(self) -> None:
        """An index made by another tokenizer cannot be searched or updated with this one:
        make it again."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
        if row is not None and row[0] == TOKENIZER:
            return
        with self._transaction():
            self.db.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
            for article in self.db.execute("SELECT id FROM articles").fetchall():
                self.db.execute("INSERT INTO article_search (rowid, headline, body, words, "
                                "facets) VALUES (?, ?, ?, ?, ?)", self._search_row(article[0]))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('tokenizer', ?)", (TOKENIZER,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # reading

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(dict(row)) if row else None

    def page(self, page_id: str) -> Page | None:
        row = self.db.execute(
            "SELECT pages.*, papers.name AS paper, issues.date FROM pages "
            "JOIN issues ON issues.id = pages.issue JOIN papers ON papers.slug = issues.paper "
            "WHERE pages.id = ?", (page_id,)).fetchone()
        if row is None:
            return None
        articles = [self._article(dict(a)) for a in self.db.execute(
            "SELECT * FROM articles WHERE page = ? ORDER BY rowid", (page_id,))]
        return page_from_rows(dict(row), row["paper"], row["date"], articles)

    def page_versions(self, page_id: str) -> list[dict]:
        """The earlier inputs of a page that a changed file replaced, oldest first."""
        return [dict(r) for r in self.db.execute(
            "SELECT * FROM page_versions WHERE page = ? ORDER BY version", (page_id,))]

    def _article(self, row: dict) -> Article:
        children = [[dict(r) for r in self.db.execute(
            f"SELECT * FROM {table} WHERE article = ? ORDER BY seq", (row["id"],))]
            for table in _CHILD_TABLES]
        return article_from_rows(row, *children)

    def rows(self, sql: str, parameters: Iterable = ()) -> Iterator[dict]:
        """Rows of a read query, as dicts by column name."""
        for row in self.db.execute(sql, tuple(parameters)):
            yield dict(row)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def stats(archive: Archive) -> dict:
    """What the archive holds: counts, the date range, flags by kind."""
    one = archive.db.execute(
        "SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM issues) AS issues,"
        " (SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM articles) AS articles,"
        " (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM facts) AS facts,"
        " (SELECT count(*) FROM edits) AS edits,"
        " (SELECT count(*) FROM page_versions) AS replaced_pages,"
        " (SELECT min(date) FROM issues) AS first_date,"
        " (SELECT max(date) FROM issues) AS last_date").fetchone()
    flags = archive.db.execute(
        "SELECT kind, count(*) FROM flags GROUP BY kind ORDER BY count(*) DESC, kind").fetchall()
    return {**dict(one), "flags": dict(map(tuple, flags))}
