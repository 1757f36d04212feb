"""``ingest``: page files in, parsed in parallel processes, written one issue at a time.

A file whose bytes the archive already holds (same resolved path, same SHA-256) is skipped
before it is parsed, so ingesting the same input twice only hashes it. A changed file replaces
its pages. An issue's files are written in one transaction, so that a crash leaves every issue
whole or absent, and the same command run again finishes the job.
"""

from __future__ import annotations

import glob
import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BaokuError
from ..read import decode, parse_file_name
from .rows import PageRows, issue_id, rows_of
from .store import Archive

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Task:
    """One file to parse: where it is, what it holds and which issue it belongs to."""

    source: str
    file: str
    sha256: str
    paper: str
    date: str
    page: int | None

    @property
    def issue(self) -> str:
        return issue_id(self.paper, self.date)


@dataclass
class IngestReport:
    files: int = 0
    unchanged: int = 0
    pages: int = 0
    articles: int = 0
    replaced: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for each file that was not ingested."""


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The page files named by files, folders (their ``.txt`` files, at any depth) and glob
    patterns, each once, in order; and (path, why) for each that names none."""
    found: dict[Path, None] = {}
    missing = []
    for path in map(str, paths):
        if Path(path).is_dir():
            matches = sorted(p for p in Path(path).rglob("*") if p.suffix in TEXT_SUFFIXES)
            if not matches:
                missing.append((path, "no .txt files in this folder"))
        elif Path(path).exists():
            matches = [Path(path)]
        else:
            matches = sorted(Path(p) for p in glob.glob(path, recursive=True)
                             if Path(p).is_file())
            if not matches:
                missing.append((path, "no such file" if not glob.has_magic(path)
                                else "no file matches this pattern"))
        found.update(dict.fromkeys(matches))
    return list(found), missing


def ingest(archive: Archive, paths: Iterable[str | Path], *, jobs: int | None = None,
           paper: str | None = None, date: str | None = None,
           progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest page files into ``archive``; ``paper`` and ``date`` override what file names say.
    ``progress(done, total)`` is called as files are done. Files that fail are reported, not
    raised: the others are ingested all the same."""
    files, missing = find_files(paths)
    report = IngestReport(files=len(files), failed=missing)
    tasks = []
    for path in files:
        try:
            task = _task(path, paper, date)
        except BaokuError as e:
            report.failed.append((str(path), e.message.removeprefix(f"{path}: ")))
            continue
        if archive.is_ingested(task.file, task.sha256, task.paper, task.date):
            report.unchanged += 1
        else:
            tasks.append(task)
    tasks.sort(key=lambda t: (t.issue, t.file))
    done = report.unchanged + len(report.failed)
    if progress:
        progress(done, len(files))
    for issue in _parsed_issues(tasks, jobs):
        _write(archive, issue, report)
        done += len(issue)
        if progress:
            progress(done, len(files))
    return report


def _task(path: Path, paper: str | None, date: str | None) -> Task:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BaokuError("unreadable", f"{path}: cannot read ({e.strerror})") from None
    named = parse_file_name(path)
    paper, date = paper or named.paper, date or named.date
    if not paper or not date:
        raise BaokuError("unnamed", f"{path}: no paper and date in the file name "
                                    "(name it 报名-YYYY-MM-DD-pNN.txt, or give --paper and --date)")
    return Task(str(path), str(path.resolve()), hashlib.sha256(data).hexdigest(), paper, date,
                named.page)


def _parsed_issues(tasks: Sequence[Task], jobs: int | None,
                   ) -> Iterable[list[tuple[Task, list[PageRows] | str]]]:
    """Each issue's tasks with their pages' rows or why they failed, an issue at a time, in
    order; with ``jobs`` > 1, files are parsed by that many processes."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) < 2:
        results: Iterable = map(parse_task, tasks)
        yield from _by_issue(tasks, results)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        yield from _by_issue(tasks, pool.map(parse_task, tasks, chunksize=2))


def _by_issue(tasks: Sequence[Task], results: Iterable) -> Iterable[list]:
    pairs = zip(tasks, results)
    for _, group in itertools.groupby(pairs, key=lambda pair: pair[0].issue):
        yield list(group)


def parse_task(task: Task) -> list[PageRows] | str:
    """A file's pages as rows, or why it cannot be parsed (run in a worker process)."""
    from ..pipeline import DEFAULT_STAGES, parse_text  # not before: re-ingesting parses nothing

    try:
        text = decode(Path(task.file).read_bytes(), task.source)
    except BaokuError as e:
        return e.message.removeprefix(f"{task.source}: ")
    except OSError as e:
        return f"cannot read ({e.strerror})"
    try:
        document = parse_text(text, source=task.source, paper=task.paper, date=task.date,
                              page=task.page, stages=DEFAULT_STAGES)
    except Exception as e:  # a bug in a stage costs this file, not the whole ingest
        return f"baoku failed on this file ({type(e).__name__}: {e}); please report it"
    return [rows_of(page, file=task.file, sha256=task.sha256) for page in document.pages]


def _write(archive: Archive, issue: list[tuple[Task, list[PageRows] | str]],
           report: IngestReport) -> None:
    """Write one issue's parsed files, and count them in the report; a file that failed, or
    would give a page another file of the issue gives too, is reported and left out."""
    files: dict[str, list[PageRows]] = {}
    made_by: dict[str, str] = {}
    for task, result in issue:
        if isinstance(result, str):
            report.failed.append((task.source, result))
            continue
        clash = next((made_by[p.id] for p in result if p.id in made_by), None)
        if clash:
            report.failed.append((task.source, f"gives the same page as {clash}; number the "
                                               "pages in the file names (-p01, -p02 …)"))
            continue
        made_by.update(dict.fromkeys((p.id for p in result), task.source))
        files[task.file] = result
    if files:
        report.replaced += archive.write_issue(files)
        report.pages += sum(len(rows) for rows in files.values())
        report.articles += sum(len(p.articles) for rows in files.values() for p in rows)
