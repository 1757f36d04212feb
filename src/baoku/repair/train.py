"""Train the column-break join model from gold pages whose breaks are known."""

from __future__ import annotations

from pathlib import Path

from ..evaluate.gold import GoldPage, column_breaks, load_gold
from ..pipeline import parse_file
from ..segment.tagger import DEFAULT_EPOCHS, Tagger, train
from ..segment.train import training_pages
from .joins import JoinModel, candidate, join_features, train_join_model

FOLDS = 2


def join_examples(golds: list[GoldPage], tagger: Tagger) -> list[tuple[list[str], bool]]:
    """Every pair of paragraphs that the segmenter leaves side by side and a break may have cut
    apart, with whether one did."""
    examples = []
    for gold in golds:
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


def train_joins(folders: list[Path], tagger_epochs: int = DEFAULT_EPOCHS) -> JoinModel:
    """The join model learns from pages segmented by a tagger that did not learn from them
    (trained, for ``tagger_epochs``, on the other folds), so that it sees the tagger's mistakes
    as they come on new pages: a fragment of a paragraph taken for a subheading most of all."""
    golds = [gold for folder in folders for gold in load_gold(folder)]
    examples = []
    for fold in range(FOLDS):
        others = [gold for i, gold in enumerate(golds) if i % FOLDS != fold]
        examples += join_examples(golds[fold::FOLDS], train(training_pages(others), tagger_epochs))
    model = train_join_model(examples)
    model.trained_on = tuple(folder.resolve().name for folder in folders)
    return model
