"""Whatever the input, every span points into it and no non-blank character is lost."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baoku.pipeline import parse_text
from baoku.validate import check_document

from ..conftest import need_samples

# Lines built from the pieces newspaper pages are made of, so that generated pages exercise
# headings, datelines, bylines, credits and closing lines, not only random characters.
PIECES = [
    "青川市召开会议", "本报讯 (记者 林晓舟)", "新华社北京3月11日电", "（记者 何佳）", "记者 赵一鸣 摄",
    "(本报记者 唐晓雯 综合整理)", "——首批电梯投入使用", "市水利局：", "城市观察", "。", "，", ",",
    "会议指出", "1200亩", "“青川方案”", " ", "\u3000", "……", "■", "图为", "（作者为本报记者）",
]
line = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=8).map("".join)
page = st.lists(line, max_size=30).map(lambda lines: "\n".join(lines))
separator = st.sampled_from(["\n", "\n\n", "\n\n\n", "\f", "\r\n"])
document_text = st.lists(st.tuples(page, separator), max_size=4).map(
    lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_text)
def test_spans_point_into_the_page_and_nothing_is_lost(text):
    text = text.replace("\r\n", "\n")
    document = parse_text(text, paper="青川日报", date="2026-03-12")
    assert check_document(document) == []
    for p in document.pages:
        assert text[p.offset:p.offset + len(p.text)] == p.text


def test_real_pages_lose_nothing():
    samples = need_samples()
    paths = [samples / "weifang-daily-2025-10-29.txt",
             *sorted((samples / "rmrb-2019-10").glob("*.txt"))[:40]]
    for path in paths:
        document = parse_text(path.read_text(encoding="utf-8"), source=str(path))
        assert check_document(document) == [], path
