"""A parse as a person reads it: one block an article, headline parts first."""

from __future__ import annotations

from .model import Article, Document

_RULE = "─" * 40


def render_text(document: Document) -> str:
    out = []
    for page in document.pages:
        title = " ".join(x for x in (page.paper, page.date) if x)
        number = f"第{page.number}版" if page.number is not None else ""
        out.append(f"══ {page.id}  {title} {number}".rstrip())
        out += [_article(a) for a in page.articles]
        if page.unassigned:
            out.append("[unassigned] " + " | ".join(p.text for p in page.unassigned))
    return "\n\n".join(out)


def _article(article: Article) -> str:
    lines = [_RULE, f"{article.id}  ({article.kind}{', truncated' if article.truncated else ''})"]
    for label, value in (("栏目", article.column), ("系列", article.series),
                         ("引题", article.kicker), ("标题", article.headline),
                         ("副题", article.subtitle)):
        if value:
            lines.append(f"{label}  {value}")
    byline = article.byline
    who = []
    if article.dateline:
        who.append(article.dateline.text + (f" [{article.dateline.date}]"
                                            if article.dateline.date else ""))
    if byline.reporters:
        who.append("记者 " + "、".join(byline.reporters))
    if byline.photographers:
        who.append("摄影 " + "、".join(byline.photographers))
    if who:
        lines.append("署名  " + "；".join(who))
    for p in article.paragraphs:
        marker = {"subheading": "  ## ", "caption": "  [图] ", "closing": "  "}.get(p.role, "  ")
        lines.append(marker + p.text)
    return "\n".join(lines)
