"""The archive's tables, as numbered migrations: an archive records the last one it has
(``PRAGMA user_version``) and gets the later ones when it is opened for writing.

Offsets (``start``, ``end``) are code points into the page's input text (``pages.text``), as in
the parse output; ``part_start``/``part_end`` place an entity or fact in the repaired text of
the article part numbered ``part``. Lists are JSON arrays.
"""

from __future__ import annotations

import sqlite3

from ..errors import BaokuError

MIGRATIONS: list[str] = [
    # 1: the first archive
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE papers (slug TEXT PRIMARY KEY, name TEXT);
    CREATE TABLE issues (
        id TEXT PRIMARY KEY, paper TEXT NOT NULL REFERENCES papers (slug), date TEXT NOT NULL);
    CREATE TABLE pages (
        id TEXT PRIMARY KEY, issue TEXT NOT NULL REFERENCES issues (id),
        number INTEGER, source TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
        "offset" INTEGER NOT NULL, text TEXT NOT NULL, unassigned TEXT NOT NULL,
        version INTEGER NOT NULL, ingested_at TEXT NOT NULL);
    CREATE INDEX pages_by_issue ON pages (issue);
    CREATE INDEX pages_by_file ON pages (file);
    CREATE TABLE page_versions (
        page TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL,
        sha256 TEXT NOT NULL, text TEXT NOT NULL, ingested_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL, PRIMARY KEY (page, version));
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
        page TEXT NOT NULL REFERENCES pages (id), paper TEXT NOT NULL, date TEXT NOT NULL,
        page_number INTEGER, kind TEXT NOT NULL, "column" TEXT, series TEXT, kicker TEXT,
        headline TEXT, subtitle TEXT, byline TEXT, source TEXT, place TEXT,
        reporters TEXT NOT NULL, photographers TEXT NOT NULL, dateline TEXT, dateline_date TEXT,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, truncated INTEGER NOT NULL,
        text TEXT NOT NULL, terms TEXT NOT NULL, edits INTEGER NOT NULL, flags INTEGER NOT NULL,
        entities INTEGER NOT NULL, facts INTEGER NOT NULL);
    CREATE INDEX articles_by_page ON articles (page);
    CREATE INDEX articles_by_date ON articles (date, paper);
    CREATE TABLE parts (
        article TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (article, seq)
    ) WITHOUT ROWID;
    CREATE VIEW paragraphs AS SELECT * FROM parts
        WHERE role IN ('body', 'subheading', 'caption', 'closing');
    CREATE TABLE edits (
        article TEXT NOT NULL, seq INTEGER NOT NULL, rule TEXT NOT NULL, before TEXT NOT NULL,
        after TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        confidence REAL NOT NULL, PRIMARY KEY (article, seq)) WITHOUT ROWID;
    CREATE TABLE flags (
        article TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, message TEXT NOT NULL,
        PRIMARY KEY (article, seq)) WITHOUT ROWID;
    CREATE TABLE entities (
        article TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, part INTEGER NOT NULL,
        part_start INTEGER NOT NULL, part_end INTEGER NOT NULL, titles TEXT NOT NULL,
        role TEXT, level TEXT, code TEXT, value TEXT, PRIMARY KEY (article, seq)) WITHOUT ROWID;
    CREATE INDEX entities_by_name ON entities (type, text);
    CREATE TABLE facts (
        article TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, part INTEGER NOT NULL,
        part_start INTEGER NOT NULL, part_end INTEGER NOT NULL, value REAL, upper REAL,
        unit TEXT, metric TEXT, qualifiers TEXT NOT NULL, scope TEXT,
        PRIMARY KEY (article, seq)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE article_search USING fts5 (
        headline, body, words, facets, content='', tokenize='ascii', prefix='1');
    """,
]


def migrate(connection: sqlite3.Connection, path: str) -> None:
    """Bring the archive at ``path`` up to the last migration, each in one transaction."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise BaokuError("archive-version", f"{path}: made by a newer baoku (archive version "
                                            f"{version}); upgrade baoku to open it")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        connection.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
