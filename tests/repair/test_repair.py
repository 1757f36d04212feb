"""The repair stage as a whole: its audit trail gives back the input, on any page."""

from hypothesis import given, settings
from hypothesis import strategies as st

from baoku.pipeline import parse_file, parse_text
from baoku.repair import undo
from baoku.validate import check_document

from ..conftest import need_samples
from ..segment.test_properties import PIECES

# What OCR gets wrong, among the pieces of a page: the repair rules must all fire.
REPAIRABLE = PIECES + ["PM_{2.5}", "PM₁₀", "m^{2}", "重要重要", "洽谈洽谈", "充分体现了\n\n了以",
                       "打通“断头\n\n路”", "(", ")", ":", "ＰＭ２．５", "建 立", "人均公园绿地2015平方米"]
line = st.lists(st.sampled_from(REPAIRABLE), max_size=10).map("".join)
pages = st.lists(line, max_size=25).map("\n\n".join)


def assert_recoverable(document):
    assert check_document(document) == []
    for page in document.pages:
        for article in page.articles:
            for part in article.parts():
                start, end = part.span
                assert undo(part.text, part.span, article.edits) == page.text[start:end]


@settings(max_examples=60, deadline=None)
@given(pages)
def test_undoing_the_edits_gives_the_input_back(text):
    assert_recoverable(parse_text(text))


def test_demo_pages_are_recoverable(demo_page_file):
    assert_recoverable(parse_text(demo_page_file.read_text(encoding="utf-8")))


def test_real_pages_are_recoverable():
    folder = need_samples() / "rmrb-2019-10"
    for path in sorted(folder.glob("*.txt"))[:40]:
        assert_recoverable(parse_text(path.read_text(encoding="utf-8")))


def test_no_repair_keeps_the_text_as_read():
    text = ("青川市召开会议\n\n本报讯 (记者 林晓舟)会议指出,全市要重要重要打通“断头\n\n"
            "路”“瓶颈路”35条，建成过街天桥20座。\n")
    raw = parse_text(text, stages=())
    (article,) = raw.pages[0].articles
    assert article.edits == [] and article.paragraphs[0].text == "会议指出,全市要重要重要打通“断头"
    (repaired,) = parse_text(text).pages[0].articles
    assert [p.text for p in repaired.paragraphs] == [
        "会议指出，全市要重要打通“断头路”“瓶颈路”35条，建成过街天桥20座。"]


def test_weifang_defects_are_repaired_or_flagged_and_good_text_kept():
    document = parse_file(need_samples() / "weifang-daily-2025-10-29.txt")
    articles = [a for page in document.pages for a in page.articles]
    text = "\n".join(p.text for a in articles for p in a.parts())
    changed = {(e.rule, e.before) for a in articles for e in a.edits}
    flagged = {(f.kind, f.text) for a in articles for f in a.flags}
    assert "近期重要讲话" in text and "重要重要" not in text
    assert ("doubled-boundary", "了") in changed  # 充分体现了 / 了以习近平同志…
    assert "PM2.5" in text and "PM_{" not in text and "₁₀" not in text
    assert any(kind == "doubled-word" and "洽谈洽谈" in t for kind, t in flagged)
    assert any(kind == "repeated-name" and "李春信" in t for kind, t in flagged)
    assert ("implausible-number", "2015平方米") in flagged
    assert ("implausible-number", "238万套") in flagged
    assert any(kind == "truncated" for kind, _ in flagged)
    # Correct text that looks like a defect stays as printed.
    assert "成就干部的干部、服务人才的人才" in text
    assert "一等奖、二等奖、三等奖" in text
