"""What the search index holds and how a query is turned into an FTS5 match expression.

SQLite's tokenizers cannot segment Chinese, so baoku segments text itself and hands FTS5 tokens
separated by spaces (the ``ascii`` tokenizer keeps every non-ASCII character inside a token
and folds ASCII case). Three token streams are indexed:

- overlapping character bigrams of each run of letters and digits, with the run's last
  character alone at its end (``江南水乡`` → ``江南 南水 水乡 乡``): any substring of two or more
  characters is a phrase of consecutive bigrams, and any single character starts some token,
  so it is a prefix query;
- rjieba's words, which rank a hit on a whole word (``中国``) above one across a word boundary
  (``其中国家``);
- facets: the article's paper, dates, kind, page, column and names as tokens (`facet`).

The same functions make the tokens that are added and, for a replaced page, the ones deleted
(a contentless FTS5 table needs them again); `TOKENIZER` names the version, and an archive
made with another one has its index rebuilt.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version

import rjieba

from ..errors import BaokuError

TOKENIZER = f"bigrams-1+facets-1+rjieba-{version('rjieba')}"
MAX_QUERY_CHARS = 200

_RUN = re.compile(r"[^\W_]+")  # letters and digits, any script
_WORD_TOKEN = re.compile(r"[^\W_]{2,}")
_ASCII_MARKS = re.compile(r"[\x00-/:-@\[-`{-\x7f]")  # the ascii tokenizer splits tokens there
_QUERY_WORD = re.compile(r'"(?P<quoted>[^"]*)"|(?P<word>[^\s"]+)')


def bigram_tokens(text: str) -> str:
    """The bigram stream of ``text``, space separated."""
    tokens: list[str] = []
    for run in _RUN.findall(text.lower()):
        tokens += map(operator.add, run, run[1:])
        tokens.append(run[-1])
    return " ".join(tokens)


def facet(kind: str, value: object) -> str:
    """A filter's value as one token of the ``facets`` column: ``zy2019``, ``zkindphoto``,
    ``zperson宋雨桐``. Filters are then posting lists that FTS5 intersects with the query's, which
    is far faster for a common word than checking each of its matches in SQL."""
    return "z" + kind + _ASCII_MARKS.sub("", str(value).lower())


def facet_tokens(*, paper: str, date: str, kind: str, page: int | None, column: str | None,
                 names: Iterable[tuple[str, str]]) -> str:
    """An article's filter values (paper id, year, month and day, kind, page, column, and the
    people, places and organizations it names) as tokens."""
    year, month, day = date[:4], date[5:7], date[8:10]
    tokens = [facet("paper", paper), facet("y", year), facet("m", year + month),
              facet("d", year + month + day), facet("kind", kind)]
    if page is not None:
        tokens.append(facet("page", page))
    if column:
        tokens.append(facet("column", column))
    tokens += sorted({facet(type_, text) for type_, text in names})
    return " ".join(tokens)


def word_tokens(text: str) -> str:
    """rjieba's words of two or more letters or digits, space separated."""
    return " ".join(filter(_WORD_TOKEN.fullmatch, rjieba.cut(text.lower())))


@dataclass(frozen=True)
class Query:
    """A query as FTS5 sees it, and as a highlighter does."""

    expression: str | None
    """The FTS5 match expression; None when the query has no words (filters only)."""
    ranked_expression: str | None
    """The same, each term also found as a whole word in ``words``: it matches the same
    articles, and gives BM25 their words too (中国 above the 中国 of 其中国家)."""
    heading_expression: str | None
    """The same without negations, for the heading alone: articles it matches rank first."""
    words_expression: str | None
    """The same without negations, each term a whole rjieba word."""
    patterns: list[str]
    """Regular expressions of what the query looks for, to mark in the text."""


def parse_query(query: str) -> Query:
    """Terms are ANDed; ``OR`` between two terms, ``NOT`` or ``-`` before one. A term matches
    where its characters stand together, as a substring would; ``"…"`` makes one term of
    several words, spaces and punctuation aside (``"乡村 振兴"`` finds 乡村振兴 and 乡村，振兴); a
    quotation mark without its pair is punctuation.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise BaokuError("query", f"query: longer than {MAX_QUERY_CHARS} characters")
    query = query.replace("“", '"').replace("”", '"')
    if query.count('"') % 2:  # a quotation mark pasted with the text, not a phrase
        query = query.replace('"', " ")
    parts: dict[str, list[str]] = {"text": [], "ranked": [], "headline": [], "words": []}
    patterns: list[str] = []
    pending_or = negate = False
    for m in _QUERY_WORD.finditer(query):
        quoted, word = m["quoted"], m["word"]
        if word == "NOT":
            negate = True
            continue
        if word == "OR":  # joins the term before it, unless that one is negated
            pending_or = bool(parts["text"]) and not parts["text"][-1].startswith("NOT ")
            continue
        if word and word.startswith("-"):
            word, negate = word[1:], True
        runs = _RUN.findall((quoted if quoted is not None else word).lower())
        if not runs:
            continue
        build = _phrase if quoted is not None else _term
        if negate:
            for kind in ("text", "ranked"):
                parts[kind].append(f"NOT ({build(runs, kind)})")
        else:
            patterns += ([r"[\W_]+".join(map(re.escape, runs))] if quoted is not None
                         else [re.escape(r) for r in runs])
            for kind, into in parts.items():
                expression = build(runs, kind)
                into.append(f"({into.pop()} OR ({expression}))" if pending_or
                            else f"({expression})")
        pending_or = negate = False
    return Query(_join(parts["text"]), _join(parts["ranked"]),
                 " AND ".join(parts["headline"]) or None, " AND ".join(parts["words"]) or None,
                 patterns)


_TEXT = "{headline body}"
_COLUMNS = {"text": _TEXT, "ranked": _TEXT, "headline": "headline", "words": _TEXT}
"""Where each kind of expression looks for one character, which ``words`` does not hold."""


def _term(runs: list[str], kind: str) -> str:
    """An unquoted term as an expression of ``kind`` (text, ranked, headline, words; see
    `Query`): each of its runs as consecutive bigrams, or as a whole word, and one character
    as the start of a token."""
    phrases = []
    for run in runs:
        bigrams = " ".join(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            phrases.append(f'{_COLUMNS[kind]} : "{run}"*')
        elif kind == "words":
            phrases.append(f'words : "{run}"')
        elif kind == "ranked":
            phrases.append(f'({_TEXT} : "{bigrams}" OR words : "{run}")')
        else:
            phrases.append(f'{_COLUMNS[kind]} : "{bigrams}"')
    return " AND ".join(phrases)


def _phrase(runs: list[str], kind: str) -> str:
    """A quoted term: its runs one after the other, as the index has them (in ``words``, as
    whole words)."""
    if kind == "words" and not (len(runs) == 1 and len(runs[0]) == 1):
        return 'words : "' + " ".join(runs) + '"'
    tokens = bigram_tokens(" ".join(runs)).split()
    if len(tokens) == 1:
        return f'{_COLUMNS[kind]} : "{tokens[0]}"*'
    return f'{_COLUMNS[kind]} : "' + " ".join(tokens[:-1]) + '"'


def _join(parts: list[str]) -> str | None:
    """FTS5's NOT is binary: ``a NOT b``; a query of nothing but negations matches nothing."""
    positive = [p for p in parts if not p.startswith("NOT ")]
    negative = [p[4:] for p in parts if p.startswith("NOT ")]
    if not positive:
        if negative:
            raise BaokuError("query", "query: NOT needs something to search for beside it")
        return None
    expression = " AND ".join(positive)
    for n in negative:
        expression = f"({expression}) NOT {n}"
    return expression
