import pytest

from baoku.archive import Archive, Filters, count, search
from baoku.archive.search import snippet
from baoku.archive.tokens import parse_query


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def test_a_two_character_name_finds_the_articles_that_name_it(archive: Archive):
    hits = search(archive, "宋雨桐", limit=50)
    assert len(hits) == 3 and all(h.id.endswith("-p01-a02") for h in hits)
    assert all("<mark>" not in h.snippet or "宋雨桐" in h.snippet for h in hits)


def test_any_substring_matches_and_a_single_character_too(archive: Archive):
    assert count(archive, "植树造") == count(archive, "植树造林") > 0
    assert count(archive, "桂") == count(archive, "桂园")


def test_a_quoted_phrase_matches_across_punctuation(archive: Archive):
    assert count(archive, '"栽一棵 活一棵"') == 3
    assert count(archive, '"活一棵 栽一棵"') == 0


def test_boolean_queries(archive: Archive):
    both, either = count(archive, "电梯 樱花"), count(archive, "电梯 OR 樱花")
    assert both == 0 and either == 6
    assert count(archive, "青川 -电梯") == count(archive, "青川") - count(archive, "青川 电梯")


def test_filters(archive: Archive):
    assert count(archive, "青川", Filters(paper="qingchuan-evening")) == 1
    assert count(archive, "", Filters(date_from="2026-03-11", date_to="2026-03-11",
                                      paper="qingchuan-daily")) > 0
    one_day = count(archive, "青川", Filters(date_from="2026-03-11", date_to="2026-03-11"))
    assert 3 * one_day == count(archive, "青川", Filters(paper="qingchuan-daily"))
    assert count(archive, "", Filters(person="王秀兰")) == 3
    assert count(archive, "", Filters(kind="photo")) == count(archive, "樱花")
    assert count(archive, "青川", Filters(page=2)) < count(archive, "青川")


def test_headlines_rank_above_bodies(archive: Archive):
    hits = search(archive, "电梯", Filters(date_from="2026-03-12"))
    assert hits[0].headline == "老旧小区加装电梯有了“青川方案”"


def test_no_query_lists_the_newest_first(archive: Archive):
    dates = [h.date for h in search(archive, "", limit=100)]
    assert dates == sorted(dates, reverse=True) and len(dates) == count(archive)


def test_snippets_are_escaped_and_mark_the_hits(archive: Archive):
    [hit] = search(archive, "代码")
    assert "<mark>代码</mark>&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet


@pytest.mark.parametrize("text, query, expected", [
    ("甲乙丙丁", "乙丙", "甲<mark>乙丙</mark>丁"),
    ("ab，cd", '"ab cd"', "<mark>ab，cd</mark>"),
    ("GDP增长", "gdp", "<mark>GDP</mark>增长"),
])
def test_snippet(text, query, expected):
    assert snippet(text, parse_query(query)) == expected


def test_a_long_text_is_cut_around_its_first_hit():
    text = "甲" * 100 + "青川" + "乙" * 100
    cut = snippet(text, parse_query("青川"), size=20)
    assert cut.startswith("…甲") and cut.endswith("乙…") and "<mark>青川</mark>" in cut
