import pytest

from baoku.extract.dates import dates


@pytest.mark.parametrize(("text", "value"), [
    ("10月28日", "2025-10-28"),
    ("2025年第三季度", "2025-07-01/2025-09-30"),
    ("今年前三季度", "2025-01-01/2025-09-30"),
    ("二〇一九年十月一日", "2019-10-01"),
    ("去年12月", "2024-12"),
    ("昨天", "2025-10-28"),
    ("今年上半年", "2025-01-01/2025-06-30"),
    ("1998年", "1998"),
])
def test_dates_against_the_issue_date(text, value):
    [found] = dates(text, "2025-10-29")
    assert (found.start, found.end, found.value) == (0, len(text), value)


def test_december_in_a_january_paper_is_last_year():
    assert dates("12月30日", "2026-01-02")[0].value == "2025-12-30"


def test_relative_dates_need_the_issue_date():
    assert dates("昨天下午，10月28日", None) == []
    assert dates("2025年10月28日", None)[0].value == "2025-10-28"


def test_impossible_days_are_not_dates():
    assert dates("2月30日", "2025-10-29") == []
