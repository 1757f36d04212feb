"""Exports for researchers: a table of the archive, filtered, as JSON lines, CSV or Parquet.

Each table has one typed column list, which every format follows: Parquet keeps the types
(dates as dates, lists as lists, nulls as nulls), JSON lines keep lists and nulls, and CSV
writes lists as JSON arrays and nulls as empty fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO

from ..errors import BaokuError
from .search import Filters, where_clause
from .store import Archive
from .tokens import parse_query

FORMATS = ("jsonl", "csv", "parquet")
_BATCH_ROWS = 20_000

# column name → type: str, int, float, bool, date (ISO text in the archive), list (JSON text)
_ARTICLE_COLUMNS = {
    "id": "str", "paper": "str", "date": "date", "page": "int", "kind": "str", "column": "str",
    "series": "str", "kicker": "str", "headline": "str", "subtitle": "str", "byline": "str",
    "source": "str", "place": "str", "reporters": "list", "photographers": "list",
    "dateline": "str", "dateline_date": "date", "truncated": "bool", "text": "str",
    "edits": "int", "flags": "int", "entities": "int", "facts": "int"}
_CONVERT = {"list": json.loads, "date": dt.date.fromisoformat, "bool": bool}
_SPAN = {"start": "int", "end": "int"}
_IN_PART = {"part": "int", "part_start": "int", "part_end": "int"}
TABLES: dict[str, dict[str, str]] = {
    "articles": _ARTICLE_COLUMNS,
    "entities": {"article": "str", "seq": "int", "type": "str", "text": "str", **_SPAN,
                 **_IN_PART, "titles": "list", "role": "str", "level": "str", "code": "str",
                 "value": "str"},
    "facts": {"article": "str", "seq": "int", "kind": "str", "text": "str", **_SPAN, **_IN_PART,
              "value": "float", "upper": "float", "unit": "str", "metric": "str",
              "qualifiers": "list", "scope": "str"},
    "edits": {"article": "str", "seq": "int", "rule": "str", "before": "str", "after": "str",
              **_SPAN, "confidence": "float"},
    "flags": {"article": "str", "seq": "int", "kind": "str", "text": "str", **_SPAN,
              "message": "str"},
}


def export_rows(archive: Archive, table: str = "articles",
                filters: Filters | None = None) -> Iterator[dict]:
    """The rows of ``table`` for the articles the filters let through, typed as in `TABLES`:
    lists as lists, dates as `datetime.date`."""
    columns = _columns(table)
    where, parameters = where_clause(parse_query(""), filters or Filters())
    if table == "articles":
        select = ", ".join(f'a."{c}"' if c != "page" else "a.page_number AS page"
                           for c in columns)
        sql = f"SELECT {select} FROM articles a WHERE {where} ORDER BY a.rowid"
    else:
        select = ", ".join(f't."{c}"' for c in columns)
        sql = (f"SELECT {select} FROM {table} t JOIN articles a ON a.id = t.article "
               f"WHERE {where} ORDER BY a.rowid, t.seq")
    converters = {c: _CONVERT[kind] for c, kind in columns.items() if kind in _CONVERT}
    for row in archive.rows(sql, parameters):
        for column, convert in converters.items():
            if row[column] is not None:
                row[column] = convert(row[column])
        yield row


def _columns(table: str) -> dict[str, str]:
    if table not in TABLES:
        raise BaokuError("table", f"--table {table}: not one of {', '.join(TABLES)}")
    return TABLES[table]


def export(archive: Archive, format: str, out: Path | IO[str], table: str = "articles",
           filters: Filters | None = None) -> int:
    """Write ``table`` in ``format`` to a path or, for jsonl and csv, an open text stream;
    the number of rows written."""
    if format not in FORMATS:
        raise BaokuError("format", f"--format {format}: not one of {', '.join(FORMATS)}")
    _columns(table)
    rows = export_rows(archive, table, filters)
    if format == "parquet" and not isinstance(out, Path):
        raise BaokuError("out", "--format parquet: give a file with --out")
    if not isinstance(out, Path):
        return _write_text(rows, format, TABLES[table], out)
    try:
        if format == "parquet":
            return _write_parquet(rows, TABLES[table], out)
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, format, TABLES[table], stream)
    except OSError as e:
        why = e.strerror or " ".join(str(e).split())  # pyarrow sets no strerror
        raise BaokuError("unwritable", f"{out}: cannot write ({why})") from None


def _write_text(rows: Iterator[dict], format: str, columns: dict[str, str],
                stream: IO[str]) -> int:
    n = 0
    if format == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                        for v in row.values())
        n += 1
    return n


def arrow_schema(columns: dict[str, str]):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in columns.items()])


def _write_parquet(rows: Iterator[dict], columns: dict[str, str], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema, n = arrow_schema(columns), 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(rows, _BATCH_ROWS)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
