"""One test a role rule: datelines, bylines, credits, closing lines, names, dates."""

import pytest

from baoku.segment.patterns import (
    iso_date,
    match_byline_line,
    match_closing,
    match_credit,
    match_dateline,
    match_trailing_closing,
    split_names,
)


@pytest.mark.parametrize(
    ("line", "dateline", "place", "reporters", "rest"),
    [
        ("本报北京1月31日电 (记者杜一菲)国家主席", "本报北京1月31日电", "北京", ["杜一菲"], "国家主席"),
        ("本报讯 (记者 付凯 刘福文)10月28日上午", "本报讯", None, ["付凯", "刘福文"], "10月28日上午"),
        ("新华社北京1月31日电 2月1日出版的", "新华社北京1月31日电", "北京", [], " 2月1日出版的"),
        ("本报讯（记者 张三 通讯员 李四）今天", "本报讯", None, ["张三", "李四"], "今天"),
        ("据新华社华盛顿1月30日电 美国", "据新华社华盛顿1月30日电", "华盛顿", [], " 美国"),
        ("本报青川3月11日电 (周 敏、韩立新)日前", "本报青川3月11日电", "青川", ["周敏", "韩立新"],
         "日前"),
        ("本报电（综述）近日", "本报电", None, [], "（综述）近日"),
    ],
)
def test_dateline_splits_source_place_reporters(line, dateline, place, reporters, rest):
    found = match_dateline(line)
    assert found.dateline == dateline
    assert found.place == place
    assert found.reporters == reporters
    assert line[found.end:] == rest


def test_body_text_is_not_a_dateline():
    assert match_dateline("本报记者来到北京") is None
    assert match_dateline("会议指出,今年以来") is None


@pytest.mark.parametrize(
    ("line", "reporters"),
    [("本报记者 潘俊强", ["潘俊强"]), ("本报记者  常  钦  郁静娴", ["常钦", "郁静娴"])],
)
def test_byline_line(line, reporters):
    assert match_byline_line(line).reporters == reporters


@pytest.mark.parametrize(
    ("line", "reporters", "photographers"),
    [
        ("记者 郭超 摄", [], ["郭超"]),
        ("新华社记者 杨宗友摄", [], ["杨宗友"]),
        ("本报记者  罗艾桦文  陈北跑摄", ["罗艾桦"], ["陈北跑"]),
    ],
)
def test_photo_credit(line, reporters, photographers):
    found = match_credit(line)
    assert (found.reporters, found.photographers) == (reporters, photographers)


def test_sentence_ending_in_she_is_not_a_credit():
    assert match_credit("他们在这里拍摄") is None


@pytest.mark.parametrize(
    ("line", "reporters"),
    [("(本报记者 石莹 综合整理)", ["石莹"]), ("（作者为本报山西分社记者）", []),
     ("（新华社北京1月31日电）", [])],
)
def test_closing_line(line, reporters):
    assert match_closing(line).reporters == reporters


def test_bracket_that_is_not_a_closing_line():
    assert match_closing("（见图）") is None


def test_trailing_closing_after_last_sentence():
    line = "坚决防范各类事故发生。(本报记者 石莹 综合整理)"
    start, found = match_trailing_closing(line)
    assert line[start:] == "(本报记者 石莹 综合整理)"
    assert found.reporters == ["石莹"]


def test_names_printed_with_spaces_are_joined():
    assert split_names("张 枨 王伟健") == ["张枨", "王伟健"]


@pytest.mark.parametrize(
    ("text", "issue", "iso"),
    [("1月31日", "2019-02-01", "2019-01-31"), ("31日", "2019-02-01", "2019-01-31"),
     ("12月31日", "2019-01-02", "2018-12-31"), ("2月30日", "2019-03-01", None),
     ("1月31日", None, None)],
)
def test_dateline_date(text, issue, iso):
    assert iso_date(text, issue) == iso
