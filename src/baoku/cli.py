"""The `baoku` command: a thin layer over the library, one function a verb."""

from __future__ import annotations

import html
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .archive.store import DEFAULT_PATH as DEFAULT_DB
from .errors import BaokuError
from .read import read_text
from .segment.tagger import DEFAULT_EPOCHS

if TYPE_CHECKING:
    from .model import Document

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="markdown",
                  help="baoku (报库): Chinese newspaper pages in, structured articles out.")


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _fail(message: str) -> None:
    typer.echo(f"baoku: {message}", err=True)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Page text files (UTF-8 or GB18030).")],
    paper: Annotated[str | None, typer.Option(help="Paper name; else from the file name.")] = None,
    date: Annotated[str | None, typer.Option(help="Issue date YYYY-MM-DD; else from the name.")]
    = None,
    page: Annotated[int | None, typer.Option(help="Number of the first page in each file.")]
    = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
    = Format.json,
    repair: Annotated[bool, typer.Option(
        "--repair/--no-repair", help="Repair OCR errors (recorded as edits), or keep the text "
                                     "as read.")] = True,
    show_edits: Annotated[bool, typer.Option(
        "--show-edits", help="With --format text: mark every repair inline.")] = False,
    extract: Annotated[bool, typer.Option(
        "--extract/--no-extract", help="Find people, places, organizations, dates, figures "
                                       "and policy terms.")] = True,
) -> None:
    """Split each page into articles with headline parts, bylines and paragraphs, repair the
    OCR text (every change recorded) and extract entities and facts."""
    from .pipeline import DEFAULT_STAGES, merge, parse_file
    from .render import render_text

    if date is not None and not _is_date(date):
        _fail(f"--date {date}: not a date of the form YYYY-MM-DD")
        raise typer.Exit(2)
    stages = [s for s in DEFAULT_STAGES if {"repair": repair, "extract": extract}[s]]
    documents: list[Document] = []
    failed = False
    for path in files:
        try:
            document = parse_file(path, paper=paper, date=date, page=page, stages=stages)
        except BaokuError as e:
            _fail(e.message)
            failed = True
            continue
        if format is Format.jsonl:
            typer.echo(document.model_dump_json())
        elif format is Format.text:
            typer.echo(render_text(document, show_edits=show_edits))
        else:
            documents.append(document)
    if format is Format.json:
        typer.echo(merge(documents).model_dump_json(indent=2))
    if failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_passages(
    file: Annotated[str, typer.Argument(help="Plain text, one passage a line; - for stdin.")]
    = "-",
    date: Annotated[str | None, typer.Option(
        help="Issue date YYYY-MM-DD, for relative dates (昨天, 10月28日).")] = None,
    terms: Annotated[Path | None, typer.Option(
        help="More policy terms, one a line, besides the shipped list.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (the only one).")]
    = "jsonl",
) -> None:
    """Entities, dates, numeric facts and policy terms of each passage, a JSON line each."""
    from .extract import default_terms, extract_texts, read_terms

    if format != "jsonl":
        _fail(f"--format {format}: extract writes jsonl only")
        raise typer.Exit(2)
    if date is not None and not _is_date(date):
        _fail(f"--date {date}: not a date of the form YYYY-MM-DD")
        raise typer.Exit(2)
    try:
        known = read_terms(terms) if terms else default_terms()
        lines = sys.stdin if file == "-" else iter(read_text(Path(file)).splitlines())
        while batch := [line.rstrip("\r\n") for line in itertools.islice(lines, 512)]:
            for found in extract_texts(batch, date, terms=known):
                typer.echo(json.dumps(found, ensure_ascii=False))
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    except UnicodeDecodeError:
        _fail("standard input: not UTF-8 text; give a file to have GB18030 read too")
        raise typer.Exit(1) from None


Db = Annotated[Path, typer.Option("--db", envvar="BAOKU_DB", help="The archive file.")]
PaperFilter = Annotated[str | None, typer.Option("--paper", help="Paper name or id.")]
FromFilter = Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")]
ToFilter = Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")]
KindFilter = Annotated[str | None, typer.Option("--kind", help="news or photo.")]


class Table(StrEnum):
    table = "table"
    json = "json"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Page files, folders or glob patterns.")],
    db: Db = Path(DEFAULT_DB),
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse files; default: all cores.")] = None,
    paper: Annotated[str | None, typer.Option(help="Paper name; else from the file name.")]
    = None,
    date: Annotated[str | None, typer.Option(help="Issue date YYYY-MM-DD; else from the name.")]
    = None,
) -> None:
    """Parse page files and add them to the archive, one issue per transaction. Files the
    archive already holds unchanged are skipped; a changed file replaces its pages."""
    from .archive import Archive
    from .archive import ingest as ingest_files

    if date is not None and not _is_date(date):
        _fail(f"--date {date}: not a date of the form YYYY-MM-DD")
        raise typer.Exit(2)
    try:
        with Archive(db, write=True) as archive, _progress("ingesting") as advance:
            report = ingest_files(archive, paths, jobs=jobs, paper=paper, date=date,
                                  progress=advance)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    for file, why in report.failed:
        _fail(f"{file}: {why}")
    typer.echo(f"{db}: {report.files} files, {report.pages} pages and {report.articles} "
               f"articles ingested, {report.unchanged} files unchanged, {report.replaced} pages "
               f"replaced, {len(report.failed)} files failed", err=True)
    if report.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(what: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal; nothing when standard error is piped."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(what, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


@app.command()
def search(
    query: Annotated[list[str] | None, typer.Argument(
        help="Words to find, all of them: 乡村振兴 刘运; a OR b; NOT c or -c; an argument with "
             "spaces in it is one phrase. None: filters only, newest first.")] = None,
    db: Db = Path(DEFAULT_DB),
    paper: PaperFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
    page: Annotated[int | None, typer.Option(help="Page number.")] = None,
    column: Annotated[str | None, typer.Option(help="Column label, e.g. 权威发布.")] = None,
    kind: KindFilter = None,
    person: Annotated[str | None, typer.Option(help="Names this person.")] = None,
    place: Annotated[str | None, typer.Option(help="Names this place.")] = None,
    organization: Annotated[str | None, typer.Option(help="Names this organization.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many hits.")] = 10,
    format: Annotated[Table, typer.Option("--format", "-f", help="table or json.")]
    = Table.table,
) -> None:
    """Find articles: BM25-ranked, headlines above bodies, with the hits marked."""
    from .archive import Archive
    from .archive import search as search_archive

    filters = _filters(paper=paper, date_from=date_from, date_to=date_to, page=page,
                       column=column, kind=kind, person=person, place=place,
                       organization=organization)
    try:
        with Archive(db) as archive:
            hits = search_archive(archive, _query_of(query or []), filters, limit=limit)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if format is Table.json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    _print_hits(hits)


def _filters(**values):
    """The archive's filters from the options, or exit 2 with a line saying which is wrong."""
    from .archive import Filters
    from .archive.search import KINDS

    for name, value in (("--from", values.get("date_from")), ("--to", values.get("date_to"))):
        if value is not None and not _is_date(value):
            _fail(f"{name} {value}: not a date of the form YYYY-MM-DD")
            raise typer.Exit(2)
    if values.get("kind") not in (None, *KINDS):
        _fail(f"--kind {values['kind']}: not one of {', '.join(KINDS)}")
        raise typer.Exit(2)
    return Filters(**values)


def _query_of(arguments: list[str]) -> str:
    """Arguments as one query; the shell has taken the quotes off a phrase, so put them back."""
    return " ".join(f'"{a}"' if " " in a.strip() and '"' not in a else a for a in arguments)


def _print_hits(hits: list) -> None:
    """A hit a block: rank, headline, where it was printed, score; its id; the snippet with
    the hits in bold."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    for rank, hit in enumerate(hits, start=1):
        where = " ".join(str(x) for x in (hit.paper, hit.date) if x) + (
            f" 第{hit.page}版" if hit.page is not None else "")
        marked = escape(html.unescape(hit.snippet.replace("<mark>", "\0").replace(
            "</mark>", "\1"))).replace("\0", "[bold yellow]").replace("\1", "[/]")
        console.print(f"{rank:>2}. [bold]{escape(hit.headline or '（无标题）')}[/]  "
                      f"[dim]{escape(where)}  score {hit.score:.2f}[/]")
        console.print(f"    [dim]{hit.id}[/]")
        console.print(f"    {marked}")
    if not hits:
        typer.echo("no articles found", err=True)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")]
    = "jsonl",
    out: Annotated[Path | None, typer.Option(help="Output file; else standard output.")]
    = None,
    table: Annotated[str, typer.Option(
        help="articles, or entities, facts, edits, flags of those articles.")] = "articles",
    db: Db = Path(DEFAULT_DB),
    paper: PaperFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
    kind: KindFilter = None,
) -> None:
    """Write a table of the archive for pandas, polars, DuckDB or R."""
    from .archive import Archive
    from .archive import export as export_table

    filters = _filters(paper=paper, date_from=date_from, date_to=date_to, kind=kind)
    try:
        with Archive(db) as archive:
            n = export_table(archive, format, out if out is not None else sys.stdout, table,
                             filters)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    typer.echo(f"{n} rows of {table}" + (f" written to {out}" if out else ""), err=True)


@app.command()
def stats(db: Db = Path(DEFAULT_DB),
          format: Annotated[Table, typer.Option("--format", "-f", help="table or json.")]
          = Table.table) -> None:
    """What the archive holds: papers, issues, pages, articles, dates, flags by kind."""
    from .archive import Archive
    from .archive import stats as archive_stats

    try:
        with Archive(db) as archive:
            figures = archive_stats(archive)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if format is Table.json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    flags = figures.pop("flags")
    for name, value in figures.items():
        typer.echo(f"{name:<16} {value}")
    typer.echo("flags by kind" + ("" if flags else ": none"))
    for kind, n in flags.items():
        typer.echo(f"  {kind:<20} {n}")


@app.command()
def versions(
    page: Annotated[str, typer.Argument(help="A page id, e.g. renminribao-2019-02-01-p01.")],
    db: Db = Path(DEFAULT_DB),
    text: Annotated[bool, typer.Option("--text", help="Print each version's input text.")]
    = False,
) -> None:
    """The earlier inputs of a page that a changed file replaced, oldest first."""
    from .archive import Archive

    try:
        with Archive(db) as archive:
            earlier = archive.page_versions(page)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if not earlier:
        typer.echo(f"{page}: no earlier versions", err=True)
    for version in earlier:
        typer.echo(f"v{version['version']}  {version['ingested_at']} → replaced "
                   f"{version['replaced_at']}  sha256 {version['sha256'][:12]}  "
                   f"{version['source']}")
        if text:
            typer.echo(version["text"])


@app.command()
def serve(
    db: Db = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the archive to a browser (read-only): issues, articles as read and as repaired,
    search, people, places and organizations; the JSON API under /api/, documented at /docs."""
    import uvicorn

    from .web import create_app

    try:
        web_app = create_app(db)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    typer.echo(f"baoku: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def schema() -> None:
    """Print the JSON Schema of parse output."""
    from .schema import document_schema

    typer.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def evaluate(
    folders: Annotated[list[Path], typer.Argument(help="Folders with gold.jsonl and pages.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    held_out: Annotated[bool, typer.Option(
        "--held-out", help="Score each folder with models trained on the other folders.")]
    = False,
) -> None:
    """Score parses against pages whose true articles are known."""
    from .evaluate import Models, evaluate_folder, held_out_models, in_sample

    results = {}
    try:
        models = held_out_models(folders) if held_out else dict.fromkeys(folders, Models())
        for folder, model in models.items():
            results[str(folder)] = {**evaluate_folder(folder, model).report(),
                                    "in_sample": in_sample(folder, model)}
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if format == "json":
        typer.echo(json.dumps(results, indent=2))
        return
    for folder, report in results.items():
        held_out = "in-sample: the models were trained on these pages" if report.pop(
            "in_sample") else "held out: the models never saw these pages"
        typer.echo(f"{folder}  ({held_out})")
        for name, value in report.items():
            typer.echo(f"  {name:<22} {value:.4f}" if isinstance(value, float)
                       else f"  {name:<22} {value}")


@app.command()
def train(
    folders: Annotated[list[Path], typer.Argument(help="Folders with gold.jsonl and pages.")],
    out: Annotated[Path, typer.Option(help="Where to write the line tagger.")],
    joins_out: Annotated[Path, typer.Option(help="Where to write the column-break join model.")],
    epochs: Annotated[int, typer.Option(help="Passes over the training pages.")]
    = DEFAULT_EPOCHS,
) -> None:
    """Train the line tagger, and the join model on the pages as taggers that did not learn
    from them segment them."""
    from .repair.train import train_joins
    from .segment.train import train_tagger

    try:
        tagger = train_tagger(folders, epochs=epochs)
        joins = train_joins(folders, tagger_epochs=epochs)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    out.write_text(tagger.to_json(), encoding="utf-8")
    joins_out.write_text(joins.to_json(), encoding="utf-8")
    typer.echo(f"wrote {out} and {joins_out}")


@app.command("train-word-classes")
def train_classes(
    folders: Annotated[list[Path], typer.Argument(help="Folders of page texts (.txt).")],
    out: Annotated[Path, typer.Option(help="Where to write the word classes (.tsv).")],
) -> None:
    """Learn word classes from unlabelled page texts, for the entity model's features. Retrain
    the entity model after (`baoku train-ner`): its weights are for the classes it saw."""
    from .extract.word_classes import train_word_classes, write_word_classes

    try:
        lines = [line for folder in folders for path in sorted(folder.glob("*.txt"))
                 for line in read_text(path).splitlines()]
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if not lines:
        _fail(f"{', '.join(map(str, folders))}: no text in .txt files here")
        raise typer.Exit(1)
    write_word_classes(train_word_classes(lines), out)
    typer.echo(f"wrote {out}")


@app.command("train-ner")
def train_ner(
    sentences: Annotated[Path, typer.Argument(help="NER sentences, a JSON line each.")],
    out: Annotated[Path, typer.Option(help="Where to write the entity model (.npz).")],
) -> None:
    """Train the people/places/organizations model on sentences in the People's Daily NER
    format: {"text": …, "entities": [[start, end, type], …]}."""
    from .extract.ner import train_ner_model
    from .extract.train import read_sentences

    try:
        model = train_ner_model(read_sentences(sentences))
        model.trained_on = sentences.name
        model.save(out)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out}")


@app.command("eval-ner")
def evaluate_ner(
    sentences: Annotated[Path, typer.Argument(help="NER sentences, a JSON line each.")],
    cross_validate: Annotated[bool, typer.Option(
        "--cross-validate", help="Score models trained on four fifths of the sentences on the "
                                 "fifth they did not see, instead of the shipped model.")]
    = False,
) -> None:
    """Exact-span precision, recall and F1 of people, places and organizations."""
    from .extract.ner import TYPES, default_ner_model
    from .extract.train import cross_validate_ner, read_sentences, score_ner

    try:
        gold = read_sentences(sentences)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    if cross_validate:
        scores, how = cross_validate_ner(gold), "5-fold cross-validated: each fold held out"
    else:
        model = default_ner_model()
        scores = score_ner(model, gold)
        how = ("shipped model, in-sample: it was trained on these sentences; see --cross-validate"
               if model.trained_on == sentences.name else "shipped model, held out")
    typer.echo(f"{sentences}  ({len(gold)} sentences, {how})")
    typer.echo(f"  {'':<14}{'precision':>10}{'recall':>10}{'f1':>10}")
    for kind in (*TYPES, None):
        p, r, f = scores.prf(kind)
        typer.echo(f"  {kind or 'all':<14}{p:>10.4f}{r:>10.4f}{f:>10.4f}")


@app.command("eval-search")
def evaluate_search(
    folder: Annotated[Path, typer.Argument(help="A folder with gold.jsonl and pages.")],
    articles: Annotated[int, typer.Option(min=1, help="How many true articles to look for.")]
    = 200,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")]
    = None,
) -> None:
    """How often a word of a true headline finds its article among the first ten hits."""
    from .evaluate.retrieval import TOP, evaluate_retrieval

    try:
        scores = evaluate_retrieval(folder, articles, jobs=jobs)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    typer.echo(f"{folder}  (a 2–4 character headline word as the query; found = in the top {TOP})")
    for how, score in scores.items():
        typer.echo(f"  {how + ' word':<18} found {score.found}/{score.queries}  {score.rate:.4f}")


def _is_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `baoku parse … | head` closed the pipe: not an error
        sys.stderr.close()


if __name__ == "__main__":
    main()
