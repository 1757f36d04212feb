import json

from typer.testing import CliRunner

from baoku.cli import app
from baoku.extract import Terms, extract_text
from baoku.model import Edit
from baoku.pipeline import parse_file, parse_text
from baoku.repair.edits import input_position
from tests.conftest import need_samples

runner = CliRunner()


def test_positions_map_back_through_edits():
    # Input "甲,乙  丙" repaired to "甲，乙丙": a replacement, then a deletion.
    edits = [Edit(rule="punctuation-width", before=",", after="，", span=(11, 12), confidence=1),
             Edit(rule="spurious-space", before="  ", after="", span=(13, 15), confidence=1)]
    assert input_position(10, edits, 0) == 10
    assert input_position(10, edits, 1) == 11  # inside the replacement: where it starts
    assert input_position(10, edits, 2, end=True) == 12
    assert input_position(10, edits, 3) == 15  # after the deletion: past it
    assert input_position(10, edits, 3, end=True) == 13  # an end before it


def test_every_entity_points_into_the_repaired_part_and_the_input(demo_page_file):
    document = parse_file(demo_page_file)
    entities = [(article, e) for page in document.pages for article in page.articles
                for e in article.entities]
    assert {e.type for _, e in entities} >= {"person", "place", "organization", "date"}
    for article, entity in entities:
        part = article.parts()[entity.part]
        assert part.text[entity.offsets[0]:entity.offsets[1]] == entity.text
        assert part.span[0] <= entity.span[0] <= entity.span[1] <= part.span[1]


def test_reporters_and_titles_in_the_demo_page(demo_page_file):
    article = parse_file(demo_page_file).pages[0].articles[0]
    people = {e.text: e for e in article.entities if e.type == "person"}
    assert people["林晓舟"].role == "reporter"
    assert people["方立群"].titles == ["市长"]


def test_extract_follows_repair_and_can_run_without_it():
    text = "青川市召开会议\n\n本报讯 (记者 何佳)3月11日,副市长方立群出席。\n"
    repaired = parse_text(text, date="2026-03-12").pages[0].articles[0]
    as_read = parse_text(text, date="2026-03-12", stages=("extract",)).pages[0].articles[0]
    for article in (repaired, as_read):
        dates = [e for e in article.entities if e.type == "date"]
        assert [d.value for d in dates] == ["2026-03-11"]
    assert not parse_text(text, stages=("repair",)).pages[0].articles[0].entities


def test_terms_are_counted_and_extensible():
    found = extract_text("坚持新质生产力，发展新质生产力，谋划“十五五”。")
    assert found["terms"] == {"新质生产力": 2, "十五五": 1}
    own = Terms(["清水绿岸"]).extend("# mine\n青川模式\n")
    assert extract_text("推广青川模式", terms=own)["terms"] == {"青川模式": 1}


def test_a_term_names_no_person_or_organization_but_may_name_a_place():
    found = extract_text("青川统筹推进山水林田湖草沙一体化治理，践行绿水青山就是金山银山理念，"
                         "融入长江经济带。")["entities"]
    assert [e["text"] for e in found if e["type"] == "term"] == [
        "山水林田湖草沙", "绿水青山就是金山银山", "长江经济带"]
    assert not [e for e in found if e["type"] in ("person", "organization")]
    assert "长江" in [e["text"] for e in found if e["type"] == "place"]


def test_extract_command_writes_a_json_line_a_passage(tmp_path):
    passages = tmp_path / "passages.txt"
    passages.write_text("10月28日，市委书记林晓舟主持会议。\n\n划定永久基本农田873万亩。\n",
                        encoding="utf-8")
    result = runner.invoke(app, ["extract", str(passages), "--date", "2025-10-29"])
    assert result.exit_code == 0, result.output
    first, empty, third = (json.loads(line) for line in result.stdout.splitlines())
    assert first["dates"][0]["value"] == "2025-10-28"
    person = next(e for e in first["entities"] if e["type"] == "person")
    assert (person["text"], person["titles"]) == ("林晓舟", ["市委书记"])
    assert empty == {"text": "", "entities": [], "dates": [], "facts": [], "terms": {}}
    assert (third["facts"][0]["value"], third["facts"][0]["metric"]) == (8_730_000, "永久基本农田")


def test_extract_command_bad_input_is_one_line(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("missing.txt: no such file")
    result = runner.invoke(app, ["extract", "-", "--date", "2025-13-01"], input="x\n")
    assert result.exit_code == 2
    result = runner.invoke(app, ["extract", "-"], input="青川".encode("gb18030"))
    assert result.exit_code == 1
    assert "standard input: not UTF-8" in result.output


def test_weifang_people_titles_reporters_and_facts():
    document = parse_file(need_samples() / "weifang-daily-2025-10-29.txt")
    people = [e for page in document.pages for a in page.articles for e in a.entities
              if e.type == "person"]
    titled = {e.text: e.titles for e in people if e.titles}
    assert titled["刘运"] == ["市委书记"]
    assert titled["杨建华"] == ["市委委员", "宣传部部长", "市委教育工委书记"]
    assert titled["张建华"] == ["山东第二医科大学党委书记"]
    assert titled["刘成旭"] == ["山东省农业农村厅二级巡视员"]
    assert titled["吕向东"] == ["农业农村部农业贸易促进中心副主任"]
    assert titled["吕珊珊"] == ["市委委员", "副市长", "潍坊国家农综区推进办党组书记", "主任"]
    reporters = {e.text for e in people if e.role == "reporter"}
    assert reporters >= {"付凯", "刘福文", "邵光耀", "于哲", "薛静", "隋炜凤", "窦圆娜", "石莹"}
    assert {e.text for e in people if e.role == "photographer"} == {"郭超"}
    environment = next(a for page in document.pages for a in page.articles
                       if a.headline and "人居环境" in a.headline)
    facts = {(f.text, f.value, f.unit, f.metric) for f in environment.facts}
    assert ("873万亩", 8_730_000, "亩", "永久基本农田") in facts
    assert ("90.8%", 90.8, "%", "公园服务覆盖率") in facts
    assert ("1500万千瓦", 15_000_000, "千瓦", "新能源装机容量") in facts


def test_places_get_their_level_and_division_code():
    from baoku.extract.places import place_level

    assert place_level("潍坊市") == ("prefecture", "370700000000")
    assert place_level("潍坊") == ("prefecture", "370700000000")
    assert place_level("山东") == ("province", "370000000000")
    assert place_level("鼓楼区") == ("county", None)  # four cities have one
    assert place_level("北苑街道") == ("township", None)
    assert place_level("卧龙社区") == ("village", None)


def test_the_text_view_lists_what_extraction_found(demo_page_file):
    from baoku.render import render_text

    text = render_text(parse_file(demo_page_file))
    assert "人物  周明远（市委书记）、方立群（市长）" in text
    assert "3000亩（荒山造林）" in text
    assert "人物  林晓舟" not in text  # reporters are in the byline line already
