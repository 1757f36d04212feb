"""Reader speed: render times of its pages with a month of the People's Daily ingested.

``python benchmarks/bench_web.py FOLDER``. The archive is kept in build/bench/ for the next run.
Pages are rendered through FastAPI's in-process client, so the figures include routing,
queries, templates and the client's own overhead, but not the network.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from bench_archive import current  # this script's folder is on the path
from fastapi.testclient import TestClient

from baoku.archive import Archive, ingest
from baoku.web import create_app

DB = Path("build/bench/web.db")


def urls(archive: Archive, n: int = 400) -> dict[str, list[str]]:
    """A sample of each kind of page, drawn with a fixed seed."""
    chooser = random.Random(0)
    issues = [f"/issues/{r['paper']}/{r['date']}" for r in archive.rows("SELECT * FROM issues")]
    articles = [r["id"] for r in archive.rows("SELECT id FROM articles")]
    people = [r["text"] for r in archive.rows(
        "SELECT text FROM entities WHERE type = 'person' GROUP BY text ORDER BY count(*) DESC "
        "LIMIT 500")]
    headlines = [r["headline"] for r in archive.rows(
        "SELECT headline FROM articles WHERE headline IS NOT NULL")]
    return {
        "home": ["/"] * 20,
        "issue": chooser.choices(issues, k=n // 4),
        "article": [f"/articles/{a}" + chooser.choice(("", "?view=read"))
                    for a in chooser.choices(articles, k=n)],
        "search": [f"/search?q={chooser.choice(headlines)[:chooser.randint(2, 4)]}"
                   for _ in range(n // 2)],
        "entity": [f"/entities/person/{p}" for p in chooser.choices(people, k=n // 4)],
    }


def main(folder: Path) -> None:
    if DB.exists() and not current(DB):
        DB.unlink()
    if not DB.exists():
        DB.parent.mkdir(parents=True, exist_ok=True)
        with Archive(DB, write=True) as archive:
            ingest(archive, [folder])
    client = TestClient(create_app(DB))
    with Archive(DB) as archive:
        sample = urls(archive)
    for url in sample["article"][:20]:  # warm the caches
        client.get(url)
    every = []
    print(f"page render times with {folder.name} ingested (ms):")
    for kind, addresses in sample.items():
        taken = []
        for url in addresses:
            started = time.perf_counter()
            response = client.get(url)
            taken.append(1000 * (time.perf_counter() - started))
            if response.status_code != 200:
                sys.exit(f"bench: {url}: {response.status_code} {response.text[:200]}")
        every += taken
        cuts = statistics.quantiles(taken, n=100)
        print(f"  {kind:<8} {len(taken):4d} pages  p50 {cuts[49]:6.1f}  p95 {cuts[94]:6.1f}")
    cuts = statistics.quantiles(every, n=100)
    print(f"  all      {len(every):4d} pages  p50 {cuts[49]:6.1f}  p95 {cuts[94]:6.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples/rmrb-2019-02"))
