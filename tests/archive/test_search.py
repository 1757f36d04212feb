import importlib
import shutil

import pytest

from baoku.archive import Archive, Filters, count, ingest, search
from baoku.archive.search import _date_facets, snippet
from baoku.archive.tokens import parse_query

from .conftest import DEMO


def test_a_two_character_name_finds_the_articles_that_name_it(archive: Archive):
    hits = search(archive, "宋雨桐", limit=50)
    assert len(hits) == 3 and all(h.id.endswith("-p01-a02") for h in hits)
    assert all("<mark>宋雨桐</mark>" in h.snippet for h in hits)  # from the byline


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
    assert count(archive, "电梯", Filters(person="王秀兰", column="城市观察")) == 3
    assert count(archive, "电梯", Filters(person="周明远")) == 0
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


def test_date_ranges_become_years_months_and_days_and_filter_exactly(tmp_path):
    dates = ["2025-12-31", "2026-01-01", "2026-02-15", "2026-02-28", "2027-01-01"]
    for date in dates:
        shutil.copy(DEMO, tmp_path / f"qingchuan-daily-{date}-p01.txt")
    with Archive(tmp_path / "a.db", write=True) as archive:
        ingest(archive, [tmp_path], jobs=1)
        assert _date_facets(archive, "2025-12-31", "2027-01-01") == []  # everything
        assert _date_facets(archive, "2026-01-01", "2026-12-31") == ['"zy2026"']
        assert _date_facets(archive, "2026-02-01", "2026-03-02") == [
            '"zm202602" OR "zd20260301" OR "zd20260302"']
        assert _date_facets(archive, "2028-01-01", None) == ['"znothing"']
        per_issue = count(archive, "电梯", Filters(date_from="2026-01-01", date_to="2026-01-01"))
        for first, last in [("2025-12-31", "2026-02-15"), ("2026-01-02", "2026-02-28"),
                            (None, "2026-01-01"), ("2026-02-16", None), ("2026-03-01", None)]:
            inside = sum((first or "") <= d <= (last or "9") for d in dates)
            assert count(archive, "电梯", Filters(date_from=first, date_to=last)) == \
                inside * per_issue


def test_a_query_with_more_matches_than_the_window_ranks_by_tier_then_newest(archive,
                                                                             monkeypatch):
    monkeypatch.setattr(importlib.import_module("baoku.archive.search"), "RANKING_WINDOW", 2)
    hits = search(archive, "青川", limit=50)
    assert len(hits) == 2  # the latest two matches
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.score for h in hits} <= {0.0, 1.0, 2.0, 3.0}
