"""The archive: parsed pages in one SQLite file, searched with FTS5, exported for research.

>>> with Archive("baoku.db", write=True) as archive:
...     report = ingest(archive, ["pages/"])
...     hits = search(archive, "乡村振兴", Filters(date_from="2019-02-01"))
"""

from .export import FORMATS, TABLES, export, export_rows
from .ingest import IngestReport, find_files, ingest
from .search import Filters, Hit, count, search
from .store import Archive, default_path, stats

__all__ = ["FORMATS", "TABLES", "Archive", "Filters", "Hit", "IngestReport", "count",
           "default_path", "export", "export_rows", "find_files", "ingest", "search", "stats"]
