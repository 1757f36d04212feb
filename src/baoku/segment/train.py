"""Train the line tagger from folders of gold pages: ``baoku train FOLDER... --out tagger.json``."""

from __future__ import annotations

from pathlib import Path

from ..evaluate.gold import GoldPage, line_tags, load_gold
from ..read import read_text
from .features import page_features
from .lines import page_lines
from .tagger import DEFAULT_EPOCHS, Tagger, train


def training_pages(golds: list[GoldPage]) -> list[tuple[list[list[str]], list[str]]]:
    pages = []
    for gold in golds:
        lines = page_lines(read_text(gold.path))
        pages.append((page_features(lines), line_tags(gold, lines)))
    return pages


def train_tagger(folders: list[Path], epochs: int = DEFAULT_EPOCHS) -> Tagger:
    tagger = train(training_pages([g for folder in folders for g in load_gold(folder)]),
                   epochs=epochs)
    tagger.trained_on = tuple(folder.resolve().name for folder in folders)
    return tagger
