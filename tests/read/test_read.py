import pytest

from baoku.errors import BaokuError
from baoku.read import decode, parse_file_name, read_text, split_pages

PAGE = "青川市召开春季植树动员会\n\n本报讯 (记者 林晓舟)3月11日上午,会议召开。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_decode_to_the_same_text(encoding):
    assert decode(PAGE.encode(encoding), "page.txt") == PAGE


def test_crlf_and_cr_become_lf():
    assert decode(PAGE.replace("\n", "\r\n").encode(), "p") == PAGE
    assert decode(PAGE.replace("\n", "\r").encode(), "p") == PAGE


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02PNG\x00", "binary"),
     (bytes([0xFF, 0xFE, 0x41, 0x20, 0xE9, 0x20]), "encoding")],
)
def test_bad_bytes_are_named_errors(data, code):
    with pytest.raises(BaokuError) as e:
        decode(data, "bad.txt")
    assert e.value.code == code
    assert e.value.message.startswith("bad.txt: ")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(BaokuError) as e:
        read_text(tmp_path / "nope.txt")
    assert e.value.code == "not-found"
    with pytest.raises(BaokuError) as e:
        read_text(tmp_path)
    assert e.value.code == "is-directory"


def test_pages_split_on_form_feed_and_two_blank_lines():
    text = "第一版\n\n正文一\f第二版\n正文二\n\n\n\n第三版\n\n正文三\n"
    pages = split_pages(text)
    assert [p.text.split("\n")[0] for p in pages] == ["第一版", "第二版", "第三版"]
    for page in pages:
        assert text[page.offset:page.offset + len(page.text)] == page.text


def test_one_blank_line_does_not_split():
    assert len(split_pages("标题\n\n正文\n\n正文")) == 1


@pytest.mark.parametrize(
    ("name", "paper", "date", "page"),
    [("人民日报-2019-02-01-p12.txt", "人民日报", "2019-02-01", 12),
     ("weifang-daily-2025-10-29.txt", "weifang-daily", "2025-10-29", None),
     ("scan.txt", None, None, None)],
)
def test_file_names(name, paper, date, page):
    named = parse_file_name(name)
    assert (named.paper, named.date, named.page) == (paper, date, page)
