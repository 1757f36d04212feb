"""The repair stage as a whole: its audit trail gives back the input, on any page."""

from hypothesis import given, settings
from hypothesis import strategies as st

from baoku.pipeline import parse_text
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
