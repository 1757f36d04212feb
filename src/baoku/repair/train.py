"""Train the column-break join model from gold pages whose breaks are known."""

from __future__ import annotations

from pathlib import Path

from ..evaluate.gold import column_breaks, load_gold
from ..pipeline import parse_file
from ..segment.tagger import Tagger
from .joins import JoinModel, candidate, join_features, train_join_model


def join_examples(folders: list[Path], tagger: Tagger | None = None) -> list[tuple[list[str], bool]]:
    """Every pair of paragraphs that the segmenter leaves side by side and a break may have cut
    apart, with whether one did."""
    examples = []
    for folder in folders:
        for gold in load_gold(folder):
            document = parse_file(gold.path, paper=gold.paper, date=gold.date, page=gold.number,
                                  stages=(), tagger=tagger)
            for page in document.pages:
                breaks = {b.gap[0] for b in column_breaks(gold, page.text)}
                for article in page.articles:
                    pairs = zip(article.paragraphs, article.paragraphs[1:])
                    examples += [(join_features(left.text, right.text, left.role, right.role),
                                  left.span[1] in breaks)
                                 for left, right in pairs if candidate(left, right, page.text)]
    return examples


def train_joins(folders: list[Path], tagger: Tagger | None = None) -> JoinModel:
    model = train_join_model(join_examples(folders, tagger))
    model.trained_on = tuple(folder.resolve().name for folder in folders)
    return model
