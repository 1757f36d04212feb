from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from baoku.archive import Archive, ingest
from baoku.web import create_app

from ..archive.conftest import HOSTILE, issue_files


@pytest.fixture(scope="session")
def db(tmp_path_factory) -> Path:
    """Three issues of the demo paper and an evening paper whose OCR holds a script tag."""
    folder = tmp_path_factory.mktemp("pages")
    issue_files(folder, range(10, 13))
    (folder / "qingchuan-evening-2026-03-12-p01.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "web.db"
    with Archive(db, write=True) as archive:
        assert not ingest(archive, [folder], jobs=1).failed
    return db


@pytest.fixture(scope="session")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))
