"""The `baoku` command: a thin layer over the library, one function a verb."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import BaokuError
from .model import Document
from .pipeline import DEFAULT_STAGES, merge, parse_file
from .render import render_text
from .schema import document_schema
from .segment.tagger import DEFAULT_EPOCHS

app = typer.Typer(add_completion=False, no_args_is_help=True,
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
) -> None:
    """Split each page into articles with headline parts, bylines and paragraphs, and repair
    the OCR text, every change recorded."""
    if date is not None and not _is_date(date):
        _fail(f"--date {date}: not a date of the form YYYY-MM-DD")
        raise typer.Exit(2)
    documents: list[Document] = []
    failed = False
    for path in files:
        try:
            document = parse_file(path, paper=paper, date=date, page=page,
                                  stages=DEFAULT_STAGES if repair else ())
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of parse output."""
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
    """Train the line tagger, then the join model on the pages as that tagger segments them."""
    from .repair.train import train_joins
    from .segment.train import train_tagger

    try:
        tagger = train_tagger(folders, epochs=epochs)
        joins = train_joins(folders, tagger)
    except BaokuError as e:
        _fail(e.message)
        raise typer.Exit(1) from None
    out.write_text(tagger.to_json(), encoding="utf-8")
    joins_out.write_text(joins.to_json(), encoding="utf-8")
    typer.echo(f"wrote {out} and {joins_out}")


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
