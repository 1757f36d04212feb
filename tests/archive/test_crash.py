"""An ingest killed mid-way (SIGKILL, as by the OOM killer) and run again gives the archive one
clean run gives."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from .conftest import issue_files

TABLES = ("papers", "issues", "pages", "page_versions", "articles", "parts", "edits", "flags",
          "entities", "facts")


def dump(db: Path) -> dict[str, list]:
    """Every table's rows but the ingest times, and what the search index finds."""
    with sqlite3.connect(db) as connection:
        tables = {}
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            keep = [i for i, d in enumerate(cursor.description) if d[0] != "ingested_at"]
            tables[table] = [tuple(row[i] for i in keep) for row in cursor]
        tables["search"] = connection.execute(
            "SELECT rowid FROM article_search WHERE article_search MATCH '\"青川\"' "
            "ORDER BY rowid").fetchall()
        return tables


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "baoku.cli", "ingest", str(folder),
                             "--db", str(db), "--jobs", "1"], stderr=subprocess.DEVNULL)


def issues_in(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM issues").fetchone()[0]
    except sqlite3.Error:  # not made yet, or being migrated
        return 0


def test_a_killed_ingest_run_again_equals_one_clean_run(tmp_path: Path):
    folder = tmp_path / "pages"
    issue_files(folder, range(1, 29))
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    process = ingest(folder, killed)
    deadline = time.monotonic() + 120
    while issues_in(killed) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 3 <= issues_in(killed) < 28, "the ingest was not stopped mid-way"
    assert ingest(folder, killed).wait() == 0
    assert ingest(folder, clean).wait() == 0
    assert dump(killed) == dump(clean)
