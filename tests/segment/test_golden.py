"""The project's own demo pages parse to the articles a careful reader sees in them."""

import json
from pathlib import Path

from baoku.pipeline import parse_file
from baoku.validate import check_document

GOLDEN = Path(__file__).parents[1] / "golden" / "qingchuan-daily-2026-03-12.json"


def summary(document):
    return [
        {
            "id": a.id, "kind": a.kind, "column": a.column, "series": a.series,
            "kicker": a.kicker, "headline": a.headline, "subtitle": a.subtitle,
            "dateline": a.dateline.text if a.dateline else None,
            "reporters": a.byline.reporters, "photographers": a.byline.photographers,
            "truncated": a.truncated, "paragraphs": [p.role for p in a.paragraphs],
        }
        for page in document.pages for a in page.articles
    ]


def test_demo_pages_match_golden(demo_page_file):
    document = parse_file(demo_page_file)
    assert summary(document) == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert check_document(document) == []
