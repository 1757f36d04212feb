import csv
import io
import json
from pathlib import Path

import pytest

from baoku.archive import TABLES, Archive, Filters, export, export_rows
from baoku.errors import BaokuError


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_reads_back_equal_to_the_archive_rows(archive: Archive, tmp_path: Path, table):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"{table}.parquet"
    n = export(archive, "parquet", out, table)
    rows = list(export_rows(archive, table))
    assert n == len(rows) > 0
    assert pq.read_table(out).to_pylist() == rows


def test_pandas_polars_and_duckdb_read_the_types(archive: Archive, tmp_path: Path):
    out = tmp_path / "articles.parquet"
    export(archive, "parquet", out)
    rows = list(export_rows(archive))
    pandas = pytest.importorskip("pandas").read_parquet(out)
    assert pandas["headline"].tolist() == [r["headline"] for r in rows]
    assert pandas["page"].isna().sum() == sum(r["page"] is None for r in rows)
    polars = pytest.importorskip("polars").read_parquet(out)
    assert polars["reporters"].to_list() == [r["reporters"] for r in rows]
    assert str(polars.schema["date"]) == "Date"
    duckdb = pytest.importorskip("duckdb")
    [(n, first)] = duckdb.sql(f"SELECT count(*), min(date) FROM '{out}'").fetchall()
    assert (n, first.isoformat()) == (len(rows), min(r["date"] for r in rows).isoformat())


def test_jsonl_and_csv_hold_the_same_rows(archive: Archive):
    rows = list(export_rows(archive, "entities", Filters(paper="qingchuan-evening")))
    lines, table = io.StringIO(), io.StringIO()
    export(archive, "jsonl", lines, "entities", Filters(paper="qingchuan-evening"))
    export(archive, "csv", table, "entities", Filters(paper="qingchuan-evening"))
    assert [json.loads(line) for line in lines.getvalue().splitlines()] == rows
    read = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert [r["text"] for r in read] == [r["text"] for r in rows]
    assert [json.loads(r["titles"]) for r in read] == [r["titles"] for r in rows]


def test_an_empty_export_keeps_its_columns(archive: Archive, tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "none.parquet"
    assert export(archive, "parquet", out, "facts", Filters(paper="nobody")) == 0
    assert pq.read_table(out).column_names == list(TABLES["facts"])


def test_bad_table_or_format(archive: Archive, tmp_path: Path):
    with pytest.raises(BaokuError, match="--table people"):
        list(export_rows(archive, "people"))
    with pytest.raises(BaokuError, match="--format xls"):
        export(archive, "xls", tmp_path / "x")
    with pytest.raises(BaokuError, match="give a file"):
        export(archive, "parquet", io.StringIO())
    for format in ("parquet", "csv"):
        with pytest.raises(BaokuError, match=f"{tmp_path}/none/x: cannot write"):
            export(archive, format, tmp_path / "none" / "x")
