import pytest

from baoku.extract.numbers import figures, number


def only(text):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("numeral", "value"), [
    ("873", 873), ("1,000", 1000), ("3.5", 3.5), ("三十", 30), ("两", 2), ("一千二百", 1200),
    ("三点五", 3.5)])
def test_numerals(numeral, value):
    assert number(numeral) == value


def test_scaled_quantity_with_metric():
    fact = only("全市划定永久基本农田873万亩。")
    assert (fact.kind, fact.value, fact.unit, fact.metric) == ("quantity", 8_730_000, "亩", "永久基本农田")


def test_trillions_and_qualifiers():
    fact = only("全年累计新增贷款1.1万亿元")
    assert fact.value == pytest.approx(1.1e12)
    assert fact.unit == "元"
    assert fact.qualifiers == ["累计", "新增"]


def test_percentage_comparison_and_rank_share_the_metric():
    pct, rank = figures("PM2.5平均浓度较“十三五”末改善30.6%，居全省第1。")
    assert (pct.kind, pct.value, pct.metric) == ("percentage", 30.6, "PM2.5平均浓度")
    assert "较“十三五”末改善" in pct.qualifiers
    assert (rank.kind, rank.value, rank.scope, rank.metric) == ("rank", 1, "全省", "PM2.5平均浓度")


def test_chinese_percentage():
    fact = only("百分之三十的村庄")
    assert (fact.kind, fact.value) == ("percentage", 30)


def test_range():
    fact = only("预计3至5年内建成")
    assert (fact.value, fact.upper, fact.unit) == (3, 5, "年")


def test_a_year_is_a_date_not_a_count():
    assert figures("2025年，我市") == []


def test_an_ordinal_is_not_a_count():
    assert figures("第3个项目开工") == []


def test_noun_after_the_figure_is_the_metric_when_nothing_precedes():
    fact = only("共有120多家企业参加")
    assert (fact.value, fact.unit, fact.metric) == (120, "家", "企业")
    assert "多" in fact.qualifiers


def test_number_in_a_headline():
    fact = only("我市新建人才住房2.38万套")
    assert (fact.value, fact.unit, fact.metric) == (23_800, "套", "新建人才住房")


def test_ranks_in_words():
    assert only("创新指数居全国前列").scope == "全国"
    assert only("成为全国首个试点城市").value == 1


def test_a_lone_chinese_numeral_is_phrasing_unless_scaled():
    assert figures("建成一处公园，栽下一棵树") == []
    assert only("新增两万亩").value == 20_000
    assert only("百分之五的村庄").value == 5
