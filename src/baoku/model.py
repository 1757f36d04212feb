"""The one data model every stage reads and writes.

A parse is a `Document` of `Page`s; each page keeps its input text, and every annotation below
it — article, heading line, paragraph, byline, unassigned line — is a half-open span
``[start, end)`` of code points into that page's ``text``. Text fields repeat ``text[start:end]``
for the reader's convenience; `baoku.validate` checks that they agree.

Edits, flags, entities and facts are filled by later stages (repair, extract); their fields
exist now so that the schema stays stable.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1.0"

Span = tuple[int, int]
"""``(start, end)``: code-point offsets into the page text, end exclusive."""

HeadingRole = Literal["column", "series", "kicker", "headline", "subtitle"]
ParagraphRole = Literal["body", "subheading", "caption", "closing"]
AttributionRole = Literal["dateline", "byline", "credit"]
Role = HeadingRole | ParagraphRole | AttributionRole | Literal["unassigned"]
ArticleKind = Literal["news", "photo"]


class Model(BaseModel):
    """Closed objects: a misspelled key is an error, not a silently ignored field."""

    model_config = ConfigDict(extra="forbid")


class Part(Model):
    """One line, or one piece of a line, of the page with the role it plays."""

    role: Role
    text: str
    span: Span


class Byline(Model):
    """Who wrote or photographed an article, gathered from its dateline, byline and credits."""

    source: str | None = Field(None, description="Agency or paper: 本报, 新华社 …")
    place: str | None = Field(None, description="Where it was filed, from the dateline.")
    reporters: list[str] = Field(default_factory=list)
    photographers: list[str] = Field(default_factory=list)
    text: str | None = Field(None, description="The byline as printed, e.g. 本报记者 石莹.")


class Dateline(Model):
    text: str = Field(description="As printed, e.g. 本报北京1月31日电 or 本报讯.")
    date: str | None = Field(None, description="ISO date when the dateline names one.")


class Edit(Model):
    """A change the repair stage made; replaying edits gives the output, undoing them the input."""

    rule: str
    before: str
    after: str
    span: Span
    confidence: float = Field(ge=0, le=1)


class Flag(Model):
    """Something doubtful that a stage detected but did not change."""

    kind: str
    text: str
    span: Span
    message: str


EntityType = Literal["person", "place", "organization", "date", "term"]


class Entity(Model):
    """A name, date or term the extract stage found. ``span`` points into the page's input text
    (through the edits, as every span does); ``part`` and ``offsets`` place it in the repaired
    text of the article part it is in (``Article.parts()[part].text[start:end]``)."""

    type: EntityType
    text: str
    span: Span
    part: int
    offsets: Span
    titles: list[str] = Field(default_factory=list, description="A person's offices as printed.")
    role: Literal["reporter", "photographer"] | None = None
    level: str | None = Field(None, description="A place's administrative level, when known: "
                                                "province, prefecture, county, township, village.")
    code: str | None = Field(None, description="A place's division code (GB/T 2260), when the "
                                               "name is one division.")
    value: str | None = Field(None, description="A date as ISO date or ISO interval a/b.")


FactKind = Literal["quantity", "percentage", "rank"]


class Fact(Model):
    """A figure the text claims: its number, unit and what it measures."""

    kind: FactKind
    text: str
    span: Span
    part: int
    offsets: Span
    value: float | None = Field(None, description="The number, scaled: 873万 → 8730000.")
    upper: float | None = Field(None, description="The upper end of a range (3至5年).")
    unit: str | None = None
    metric: str | None = Field(None, description="What the figure measures: 永久基本农田.")
    qualifiers: list[str] = Field(default_factory=list, description="累计, 新增, 超过 …")
    scope: str | None = Field(None, description="A rank's field: 全省, 全国 …")


class Article(Model):
    id: str
    kind: ArticleKind
    span: Span
    column: str | None = None
    series: str | None = None
    kicker: str | None = None
    headline: str | None = None
    subtitle: str | None = None
    byline: Byline = Field(default_factory=Byline)
    dateline: Dateline | None = None
    heading: list[Part] = Field(
        default_factory=list, description="Column, series, kicker, headline, subtitle lines."
    )
    paragraphs: list[Part] = Field(
        default_factory=list, description="Body, subheadings, captions, closing lines."
    )
    attributions: list[Part] = Field(
        default_factory=list, description="Dateline prefixes, byline lines, photo credits."
    )
    truncated: bool = Field(False, description="The body ends mid-sentence.")
    edits: list[Edit] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    terms: dict[str, int] = Field(default_factory=dict,
                                  description="Policy terms and slogans, with their counts.")

    def parts(self) -> list[Part]:
        """Every annotated piece of the article, in page order."""
        return sorted(self.heading + self.paragraphs + self.attributions, key=lambda p: p.span)


def heading_fields(heading: list[Part]) -> dict[str, str | None]:
    """An article's column, series, kicker, headline and subtitle from its heading parts; two
    lines of one role are joined by a space."""
    fields: dict[str, str | None] = dict.fromkeys(("column", "series", "kicker", "headline",
                                                   "subtitle"))
    for part in heading:
        fields[part.role] = f"{fields[part.role]} {part.text}" if fields[part.role] else part.text
    return fields


class Page(Model):
    id: str
    source: str | None = Field(None, description="The input file, as given.")
    paper: str | None = None
    date: str | None = None
    number: int | None = Field(None, description="The printed page number, when known.")
    offset: int = Field(0, description="Where the page's text starts in the decoded file.")
    text: str = Field(description="The page's input text; every span on the page points here.")
    articles: list[Article] = Field(default_factory=list)
    unassigned: list[Part] = Field(default_factory=list)


class Document(Model):
    schema_version: str = SCHEMA_VERSION
    source: str | None = Field(None, description="The input file, in one-line-per-file output.")
    paper: str | None = None
    date: str | None = None
    pages: list[Page] = Field(default_factory=list)
