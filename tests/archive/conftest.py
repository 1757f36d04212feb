import shutil
from pathlib import Path

import pytest

from baoku.archive import Archive, ingest

from ..conftest import EXAMPLES

DEMO = EXAMPLES / "qingchuan-daily-2026-03-12.txt"
HOSTILE = """青川晚报开设读者来信专栏

本报讯 (记者 林晓舟)读者来信中有一段代码<script>alert(1)</script>，编辑部照登不误。双方洽谈洽谈合作事宜。
"""


def issue_files(folder: Path, days: range) -> list[Path]:
    """The demo issue copied under other dates, one file an issue, pages numbered from 1."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for day in days:
        files.append(folder / f"qingchuan-daily-2026-03-{day:02d}-p01.txt")
        shutil.copy(DEMO, files[-1])
    return files


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Three issues of the demo paper and one of an evening paper with hostile text."""
    folder = tmp_path / "pages"
    issue_files(folder, range(10, 13))
    (folder / "qingchuan-evening-2026-03-12-p01.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture
def archive(tmp_path: Path, pages: Path):
    with Archive(tmp_path / "baoku.db", write=True) as archive:
        report = ingest(archive, [pages], jobs=1)
        assert not report.failed
        yield archive
