import json

import jsonschema
from typer.testing import CliRunner

from baoku.cli import app
from baoku.schema import document_schema, published_schema

runner = CliRunner()


def test_parse_json_is_one_valid_document(demo_page_file):
    result = runner.invoke(app, ["parse", str(demo_page_file)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, published_schema())
    assert document["paper"] == "qingchuan-daily"
    assert document["date"] == "2026-03-12"
    assert len(document["pages"]) == 2


def test_parse_jsonl_is_one_line_a_file_with_source(demo_page_file, tmp_path):
    other = tmp_path / "青川日报-2026-03-13-p05.txt"
    other.write_text("青川市召开会议\n\n本报讯 (记者 何佳)会议召开。\n", encoding="gb18030")
    result = runner.invoke(app, ["parse", "-f", "jsonl", str(demo_page_file), str(other)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in lines] == [str(demo_page_file), str(other)]
    assert lines[1]["pages"][0]["number"] == 5
    assert lines[1]["pages"][0]["articles"][0]["id"] == "qingchuanribao-2026-03-13-p05-a01"


def test_options_override_the_file_name(demo_page_file):
    result = runner.invoke(app, ["parse", "--paper", "青川日报", "--date", "2026-03-13",
                                 "--page", "3", str(demo_page_file)])
    pages = json.loads(result.stdout)["pages"]
    assert [p["number"] for p in pages] == [3, 4]
    assert pages[0]["id"] == "qingchuanribao-2026-03-13-p03"


def test_text_format_is_for_people(demo_page_file):
    result = runner.invoke(app, ["parse", "-f", "text", str(demo_page_file)])
    assert "标题  老旧小区加装电梯有了“青川方案”" in result.stdout
    assert "副题  ——首批38部电梯已投入使用" in result.stdout


def test_bad_files_are_one_line_each_and_the_rest_still_parse(demo_page_file, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(bytes([0xFF, 0xFE, 0x41, 0x20, 0xE9, 0x20]))
    missing = tmp_path / "missing.txt"
    args = ["parse", "-f", "jsonl", str(missing), str(tmp_path), str(empty), str(binary),
            str(latin), str(demo_page_file)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5
    for path, error in zip([missing, tmp_path, empty, binary, latin], errors, strict=True):
        assert error.startswith(f"baoku: {path}: ")
    assert "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 1  # the good file


def test_bad_date_option():
    result = runner.invoke(app, ["parse", "--date", "2026-13-45", "x.txt"])
    assert result.exit_code == 2
    assert "--date 2026-13-45" in result.stderr


def test_schema_command_prints_the_published_schema():
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout) == published_schema()


def test_published_schema_matches_the_model():
    assert published_schema() == document_schema(), "run `make schema` after a reviewed change"


def test_schema_is_closed_a_misspelled_key_fails(demo_page_file):
    document = json.loads(runner.invoke(app, ["parse", str(demo_page_file)]).stdout)
    document["pages"][0]["articles"][0]["headlin"] = "typo"
    validator = jsonschema.Draft202012Validator(published_schema())
    errors = list(validator.iter_errors(document))
    assert [e.validator for e in errors] == ["additionalProperties"]


def test_help_reflows_the_commands_docstrings_to_the_terminal():
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "repair the OCR text (every change recorded)" in result.stdout
