"""The archive verbs of the `baoku` command, on an archive made by `baoku ingest`."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baoku.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, pages: Path) -> Path:
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["ingest", str(pages), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "4 files, 7 pages and 22 articles ingested" in result.stderr
    return db


def test_ingest_reports_failures_in_one_line_each_and_exits_1(tmp_path: Path, pages: Path):
    (pages / "broken.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["ingest", str(pages), str(tmp_path / "nope.txt"),
                                 "--db", str(tmp_path / "a.db"), "--jobs", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("baoku: ")]
    assert errors[:2] == [f"baoku: {tmp_path / 'nope.txt'}: no such file",
                          f"baoku: {pages / 'broken.txt'}: no paper and date in the file name "
                          "(name it 报名-YYYY-MM-DD-pNN.txt, or give --paper and --date)"]
    assert "2 files failed" in result.stderr


def test_the_archive_comes_from_BAOKU_DB(db: Path):
    result = runner.invoke(app, ["stats", "-f", "json"], env={"BAOKU_DB": str(db)})
    assert json.loads(result.stdout)["articles"] == 22


def test_search_json_gives_the_hits(db: Path):
    result = runner.invoke(app, ["search", "宋雨桐", "--db", str(db), "-f", "json",
                                 "--from", "2026-03-11"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert sorted(h["date"] for h in hits) == ["2026-03-11", "2026-03-12"]
    assert set(hits[0]) == {"id", "paper", "date", "page", "headline", "snippet", "score"}
    assert "<mark>宋雨桐</mark>" in hits[0]["snippet"]


def test_search_table_shows_headlines(db: Path):
    result = runner.invoke(app, ["search", "樱花", "--db", str(db), "--paper",
                                 "qingchuan-daily", "--kind", "photo"])
    assert result.exit_code == 0 and "春到青川河" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["search", "青川", "--from", "2026-13-01"], "--from 2026-13-01: not a date"),
    (["search", "青川", "--kind", "ad"], "--kind ad: not one of news, photo"),
    (["search", "NOT", "青川"], "query: NOT needs something to search for beside it"),
    (["export", "--table", "people"], "--table people: not one of"),
])
def test_bad_arguments_get_one_line(db: Path, args, message):
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code in (1, 2)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"baoku: {message}")


def test_no_archive_is_one_line(tmp_path: Path):
    result = runner.invoke(app, ["search", "青川", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == (f"baoku: {tmp_path / 'none.db'}: no archive here; make one with "
                             "`baoku ingest`\n")


def test_export_writes_parquet_and_jsonl(db: Path, tmp_path: Path):
    out = tmp_path / "facts.parquet"
    result = runner.invoke(app, ["export", "-f", "parquet", "--table", "facts", "--out",
                                 str(out), "--db", str(db)])
    assert result.exit_code == 0 and out.stat().st_size > 0
    result = runner.invoke(app, ["export", "--db", str(db), "--paper", "qingchuan-evening"])
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["headline"] == "青川晚报开设读者来信专栏"


def test_stats_lists_flags_by_kind(db: Path):
    result = runner.invoke(app, ["stats", "--db", str(db)])
    assert "articles         22" in result.stdout and "flags by kind" in result.stdout


def test_serve_without_an_archive_is_one_line(tmp_path: Path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == (f"baoku: {tmp_path / 'none.db'}: no archive here; make one with "
                             "`baoku ingest`\n")


def test_versions_lists_a_pages_earlier_inputs(db: Path, pages: Path):
    file = pages / "qingchuan-daily-2026-03-10-p01.txt"
    file.write_text(file.read_text("utf-8").replace("植树动员会", "植绿动员会"), "utf-8")
    assert runner.invoke(app, ["ingest", str(file), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["versions", "qingchuan-daily-2026-03-10-p01", "--db", str(db),
                                 "--text"])
    assert result.stdout.startswith("v1  ") and "青川市召开春季植树动员会" in result.stdout
    none = runner.invoke(app, ["versions", "qingchuan-daily-2026-03-11-p01", "--db", str(db)])
    assert none.stderr == "qingchuan-daily-2026-03-11-p01: no earlier versions\n"
