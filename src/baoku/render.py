"""A parse as a person reads it: one block an article, headline parts first, then the body,
then what extraction found, then the flags."""

from __future__ import annotations

from .model import Article, Document, Edit, Part
from .repair.edits import replay

_RULE = "─" * 40


def render_text(document: Document, show_edits: bool = False) -> str:
    """``show_edits`` marks each repair where it was made: ``⟦before→after⟧``, a removed
    column break as ``⟦¶→⟧``."""
    out = []
    for page in document.pages:
        title = " ".join(x for x in (page.paper, page.date) if x)
        number = f"第{page.number}版" if page.number is not None else ""
        out.append(f"══ {page.id}  {title} {number}".rstrip())
        out += [_article(a, page.text if show_edits else None) for a in page.articles]
        if page.unassigned:
            out.append("[unassigned] " + " | ".join(p.text for p in page.unassigned))
    return "\n\n".join(out)


def _article(article: Article, page_text: str | None) -> str:
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
        lines.append(marker + (_marked(p, article, page_text) if page_text is not None else p.text))
    lines += _extracted(article)
    lines += [f"  ⚑ {flag.kind}: {flag.message}" for flag in article.flags]
    return "\n".join(lines)


def _extracted(article: Article) -> list[str]:
    """People (with their first-named offices), places, organizations and figures, each
    named once; reporters and photographers are in the byline already."""
    def once(items: list[str]) -> str:
        return "、".join(dict.fromkeys(items))

    named = {"person": [], "place": [], "organization": []}
    for e in article.entities:
        if e.type in named and not e.role:
            named[e.type].append(f"{e.text}（{'、'.join(e.titles)}）" if e.titles else e.text)
    figures = [f"{f.text}（{f.metric}）" if f.metric else f.text for f in article.facts]
    return [f"{label}  {once(items)}"
            for label, items in (("人物", named["person"]), ("地点", named["place"]),
                                 ("机构", named["organization"]), ("数据", figures)) if items]


def _marked(part: Part, article: Article, page_text: str) -> str:
    return replay(page_text, part.span, article.edits, mark=_mark)


def _mark(edit: Edit) -> str:
    return f"⟦{'¶' if edit.rule == 'column-break' else edit.before}→{edit.after}⟧"
