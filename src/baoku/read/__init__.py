"""Reading input: bytes to text, text to pages, file names to paper, date and page number.

The input text of a file is its bytes decoded (UTF-8 with or without BOM, else GB18030, which
includes GBK and GB2312) with the BOM dropped and CRLF and CR turned into LF. All offsets in
baoku count code points of that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaokuError

_FILE_NAME = re.compile(r"^(?P<paper>.+?)-(?P<date>\d{4}-\d{2}-\d{2})(?:-p(?P<page>\d{1,4}))?$")
# A form feed, or two or more blank lines in a row, separate pages.
_PAGE_BREAK = re.compile(r"\f|\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class PageText:
    text: str
    offset: int
    """Where the page starts in the file's input text."""


@dataclass(frozen=True)
class FileName:
    paper: str | None
    date: str | None
    page: int | None


def decode(data: bytes, name: str) -> str:
    """The input text of a file's bytes, or a `BaokuError` saying why there is none."""
    if not data.strip():
        raise BaokuError("empty", f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise BaokuError("binary", f"{name}: binary data, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text)) > len(text) // 100:
            raise BaokuError("binary", f"{name}: binary data, not text")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise BaokuError("encoding", f"{name}: not UTF-8, GB18030 or GBK text")


def read_text(path: Path) -> str:
    """A file's input text; every failure is a `BaokuError` naming the file."""
    name = str(path)
    if path.is_dir():
        raise BaokuError("is-directory", f"{name}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BaokuError("not-found", f"{name}: no such file") from None
    except OSError as e:
        raise BaokuError("unreadable", f"{name}: cannot read ({e.strerror})") from None
    return decode(data, name)


def split_pages(text: str) -> list[PageText]:
    """The pages of a file's text; a page with no text at all is left out."""
    pages, start = [], 0
    for m in _PAGE_BREAK.finditer(text):
        pages.append(PageText(text[start:m.start()], start))
        start = m.end()
    pages.append(PageText(text[start:], start))
    return [p for p in pages if p.text.strip()]


def parse_file_name(path: str | Path) -> FileName:
    """``人民日报-2019-02-01-p12.txt`` → 人民日报, 2019-02-01, 12; other names give nulls."""
    m = _FILE_NAME.match(Path(path).stem)
    if not m:
        return FileName(None, None, None)
    return FileName(m["paper"], m["date"], int(m["page"]) if m["page"] else None)
