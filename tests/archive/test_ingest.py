from pathlib import Path

from baoku.archive import Archive, count, find_files, ingest, stats
from baoku.archive.tokens import TOKENIZER
from baoku.pipeline import parse_file

from .conftest import DEMO, issue_files


def test_every_page_reads_back_as_parsed(archive: Archive, pages: Path):
    file = pages / "qingchuan-daily-2026-03-10-p01.txt"
    for page in parse_file(file).pages:
        stored = archive.page(page.id)
        assert stored == page.model_copy(update={"source": str(file)})
        for article in page.articles:
            assert archive.article(article.id) == article


def test_counts(archive: Archive):
    figures = stats(archive)
    assert (figures["papers"], figures["issues"], figures["pages"]) == (2, 4, 7)
    assert figures["first_date"] == figures["last_date"][:8] + "10"
    assert figures["replaced_pages"] == 0


def test_ingesting_the_same_input_again_adds_nothing(archive: Archive, pages: Path):
    before = stats(archive)
    report = ingest(archive, [pages], jobs=1)
    assert (report.unchanged, report.pages, report.failed) == (4, 0, [])
    assert stats(archive) == before


def test_a_changed_file_replaces_its_pages_and_keeps_the_old_input(archive: Archive,
                                                                    pages: Path):
    file = pages / "qingchuan-daily-2026-03-11-p01.txt"
    old = file.read_text(encoding="utf-8")
    file.write_text(old.replace("青川市召开春季植树动员会", "青川市召开春季植绿动员会"), "utf-8")
    report = ingest(archive, [file], jobs=1)
    assert (report.pages, report.replaced) == (2, 2)
    page_id = "qingchuan-daily-2026-03-11-p01"
    assert archive.page(page_id).articles[0].heading[0].text == "青川市召开春季植绿动员会"
    [version] = archive.page_versions(page_id)
    assert (version["version"], version["text"]) == (1, archive.page(page_id).text.replace(
        "植绿", "植树"))
    assert stats(archive)["pages"] == 7


def test_failed_files_are_reported_and_the_others_ingested(tmp_path: Path):
    folder = tmp_path / "in"
    [good] = issue_files(folder, range(1, 2))
    (folder / "notes.txt").write_text("青川", encoding="utf-8")
    (folder / "qingchuan-daily-2026-03-02.txt").write_bytes(b"")
    (folder / "qingchuan-daily-2026-03-01.txt").write_text(DEMO.read_text("utf-8"), "utf-8")
    with Archive(tmp_path / "a.db", write=True) as archive:
        report = ingest(archive, [folder, tmp_path / "missing.txt", "nowhere/*.txt"], jobs=1)
        why = dict(report.failed)
        assert "no paper and date in the file name" in why[str(folder / "notes.txt")]
        assert why[str(folder / "qingchuan-daily-2026-03-02.txt")] == "the file is empty"
        assert "gives the same page as" in why[str(folder / "qingchuan-daily-2026-03-01.txt")]
        assert why[str(tmp_path / "missing.txt")] == "no such file"
        assert why["nowhere/*.txt"] == "no file matches this pattern"
        assert report.pages == 2
        assert archive.page("qingchuan-daily-2026-03-01-p01") is not None


def test_paper_and_date_can_be_given(tmp_path: Path):
    file = tmp_path / "scan.txt"
    file.write_text(DEMO.read_text("utf-8"), "utf-8")
    with Archive(tmp_path / "a.db", write=True) as archive:
        report = ingest(archive, [file], paper="青川日报", date="2026-03-12", jobs=1)
        assert report.failed == []
        assert archive.page("qingchuanribao-2026-03-12-p01").paper == "青川日报"


def test_parallel_ingest_makes_the_same_archive(tmp_path: Path, pages: Path):
    with Archive(tmp_path / "one.db", write=True) as one, \
            Archive(tmp_path / "two.db", write=True) as two:
        ingest(one, [pages], jobs=1)
        ingest(two, [pages], jobs=2)
        query = "SELECT rowid, id, headline, text FROM articles ORDER BY rowid"
        assert list(one.rows(query)) == list(two.rows(query))


def test_find_files_takes_files_folders_and_patterns_once_each(pages: Path):
    files, missing = find_files([pages, pages / "*.txt", next(pages.iterdir())])
    assert len(files) == 4 and missing == []


def test_the_same_file_under_another_date_is_ingested_again(archive: Archive, pages: Path):
    file = pages / "qingchuan-daily-2026-03-10-p01.txt"
    report = ingest(archive, [file], date="2026-03-09", jobs=1)
    assert (report.unchanged, report.pages, report.replaced) == (0, 2, 2)
    assert archive.page("qingchuan-daily-2026-03-09-p01") is not None
    assert archive.page("qingchuan-daily-2026-03-10-p01") is None  # the file moved
    assert "qingchuan-daily-2026-03-10" not in {r["id"] for r in archive.rows(
        "SELECT id FROM issues")}


def test_the_archive_folder_is_made(tmp_path: Path):
    with Archive(tmp_path / "new" / "folder" / "a.db", write=True) as archive:
        assert stats(archive)["articles"] == 0


def test_an_index_made_by_another_tokenizer_is_made_again(tmp_path: Path, pages: Path):
    db = tmp_path / "a.db"
    with Archive(db, write=True) as archive:
        ingest(archive, [pages], jobs=1)
        archive.db.execute("UPDATE meta SET value = 'unigrams-0' WHERE key = 'tokenizer'")
        archive.db.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")
        assert count(archive, "宋雨桐") == 0
    with Archive(db, write=True) as archive:
        assert count(archive, "宋雨桐") == 3
        assert next(archive.rows("SELECT value FROM meta WHERE key = 'tokenizer'"))["value"] \
            == TOKENIZER


def test_a_page_that_comes_back_gets_a_new_version(archive: Archive, pages: Path):
    file = pages / "qingchuan-daily-2026-03-10-p01.txt"
    ingest(archive, [file], date="2026-03-09", jobs=1)  # the file's pages move away …
    ingest(archive, [file], jobs=1)                      # … and back
    ingest(archive, [file], date="2026-03-09", jobs=1)  # … and away again
    versions = archive.page_versions("qingchuan-daily-2026-03-10-p01")
    assert [v["version"] for v in versions] == [1, 2]
