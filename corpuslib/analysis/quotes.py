"""Quoted and pasted text inside a unit: who is speaking, at the character level.

The segmenter gives every unit one voice: an article paragraph is the
author's, a comment is the commenter's. Inside a unit the voice is often
mixed. An author paragraph quotes a minister ("open for discussions"); a
comment quotes an earlier comment (``> ...``), repeats a passage of the
article, or pastes a whole statement or press release. A sentiment score of
"the commenter" then scores the press release.

This module finds such spans with small pure functions, ``str -> list of
QuoteSpan``, each a ``[start, end)`` character range of the text and its
*kind*:

``reply_quote``
    lines starting with ``>`` (e-mail and forum quoting);
``quotation``
    text between double quotation marks (``“…”``, ``"…"``, ``«…»``, ``„…“``)
    within one paragraph, plus an attribution line right after a quotation
    that opens its line (``“…” – Name, title``);
``article_copy``
    a run of at least ``min_words`` words whose every word lies in an
    ``n``-word shingle that also occurs in the article (a near-duplicate
    passage; the shingle method of Broder 1997 [1]_);
``pasted_statement``
    a long paragraph (``min_words`` words or more) written entirely in the
    third person: no first- or second-person pronoun (I, we, you, ...), the
    register of press releases, reports and wire copy, not of a reader
    answering an article (personal pronouns as a marker of involved, not
    informational, production: Biber 1988 [2]_).

:func:`quote_spans` merges them; :func:`remove_spans` returns the text a voice
keeps; :func:`find_quotes` and :func:`split_own_words` apply them to a
segments table. Single quotation marks are not used: ``’`` is this corpus's
apostrophe.

Known limits: quotation marks also enclose scare quotes and titles (“Shiite
crescent”), which are removed with the quotations (the author's distance
from a word is not the author's own wording either); an unmarked quotation or
a pasted text written in the first person is not found.

References
----------
.. [1] Broder, A. Z. (1997). On the resemblance and containment of documents.
   *Proceedings of Compression and Complexity of Sequences*, 21-29.
   https://doi.org/10.1109/SEQUEN.1997.666900
.. [2] Biber, D. (1988). *Variation across Speech and Writing*. Cambridge
   University Press. (Dimension 1, involved vs informational production.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from corpuslib.corpus.units import voice_of
from corpuslib.errors import SentimentError

__all__ = [
    "DEFAULT_KINDS",
    "QUOTE_KINDS",
    "article_copy_spans",
    "find_quotes",
    "merge_spans",
    "own_words",
    "pasted_statement_spans",
    "quotation_spans",
    "quote_spans",
    "remove_spans",
    "reply_quote_spans",
    "split_own_words",
    "QuoteSpan",
]


#: The kinds of span, in the order :func:`quote_spans` reports them.
QUOTE_KINDS: tuple[str, ...] = ("reply_quote", "quotation", "article_copy", "pasted_statement")


class QuoteSpan(NamedTuple):
    """A ``[start, end)`` character range of quoted or pasted text and its kind."""

    start: int
    end: int
    kind: str


_REPLY = re.compile(r"(?m)^[ \t]*>[^\n]*")
# one paragraph at most: no blank line inside a quotation
_QUOTES = (
    re.compile(r"“(?:(?!\n[ \t]*\n)[^“”])*”"),
    re.compile(r"„(?:(?!\n[ \t]*\n)[^„“”])*[“”]"),
    re.compile(r"«(?:(?!\n[ \t]*\n)[^«»])*»"),
    re.compile(r"\"(?:(?!\n[ \t]*\n)[^\"])*\""),
)
_ATTRIBUTION = re.compile(r"[ \t]*[–—―-]{1,2}[ \t]*\w[^\n]{0,120}")
_WORD = re.compile(r"\w+(?:[’']\w+)*")
_PARAGRAPH = re.compile(r"\S(?:(?!\n[ \t]*\n).)*", re.S)
_PERSONAL = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll".split()
)


def reply_quote_spans(text: str) -> list[QuoteSpan]:
    """Lines quoted with a leading ``>`` (the whole line).

    Examples
    --------
    >>> t = "> You are wrong.\\nNo, I am right."
    >>> [t[s.start:s.end] for s in reply_quote_spans(t)]
    ['> You are wrong.']
    """
    return [QuoteSpan(m.start(), m.end(), "reply_quote") for m in _REPLY.finditer(text)]


def quotation_spans(text: str, *, attribution: bool = True) -> list[QuoteSpan]:
    """Text between double quotation marks, marks included, within one paragraph.

    Straight quotes pair in order of appearance; an unpaired mark starts no
    span. With *attribution*, a quotation that opens its line and is followed
    on the same line by a dash and a name (``“…” – Ali Larijani, chairman``)
    takes the attribution with it.

    Examples
    --------
    >>> t = 'Kerry said Washington was "open for discussions." Good.'
    >>> [t[s.start:s.end] for s in quotation_spans(t)]
    ['"open for discussions."']
    >>> t = "“We will not pay.” – A. Minister\\nThat is a threat."
    >>> [t[s.start:s.end] for s in quotation_spans(t)]
    ['“We will not pay.” – A. Minister']
    """
    spans: list[QuoteSpan] = []
    for pattern in _QUOTES:
        for m in pattern.finditer(text):
            end = m.end()
            line_start = text.rfind("\n", 0, m.start()) + 1
            if attribution and not text[line_start : m.start()].strip():
                a = _ATTRIBUTION.match(text, end)
                if a and (a.end() == len(text) or text[a.end()] == "\n"):
                    end = a.end()
            spans.append(QuoteSpan(m.start(), end, "quotation"))
    return merge_spans(spans)


def _words(text: str) -> tuple[str, ...]:
    """The words of *text*, lower-cased, curly apostrophes made straight (no offsets)."""
    return tuple(_folded(_WORD.findall(text)))


def _folded(words: list[str]) -> list[str]:
    """``w.lower().replace("’", "'")`` of each word, in one string operation.

    The words are joined by spaces, folded and split again: no word holds a space
    and lower-casing makes none, and a space is no case-ignorable character, so each
    word is lower-cased as it is alone (Greek final sigma included).
    """
    if not words:
        return []
    return " ".join(words).lower().replace("’", "'").split(" ")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """:func:`_words` of a unit, remembered: a comment posted under many pages is
    compared with each page's article."""
    return _words(text)


@lru_cache(maxsize=8)
def _shingles(article: str, n: int) -> frozenset[tuple[str, ...]]:
    """The *n*-word windows of an article (the comments of a page share it: made once)."""
    art = _words(article)
    return frozenset(zip(*(art[k:] for k in range(n))))  # the n-word windows as tuples


def article_copy_spans(
    text: str, article: str, *, n: int = 8, min_words: int = 15
) -> list[QuoteSpan]:
    """Passages of *text* repeated from *article* (word shingles of length *n*).

    A word of *text* is copied when some *n*-word window containing it also
    occurs in *article* (case and punctuation ignored); runs of at least
    *min_words* copied words are returned, from the first word's start to the
    last word's end.

    Examples
    --------
    >>> art = "The secretary believes the Iraqi people have a genuine opportunity to build a future."
    >>> t = "Quote: the Iraqi people have a genuine opportunity to build a future. Nonsense."
    >>> [t[s.start:s.end] for s in article_copy_spans(t, art, n=4, min_words=6)]
    ['the Iraqi people have a genuine opportunity to build a future']
    """
    if n < 1 or min_words < n:
        raise SentimentError(f"article_copy_spans: need 1 <= n <= min_words; got n={n}, {min_words}")
    toks = _tokens(text)
    if len(toks) < min_words:
        return []
    shingles = _shingles(article, n)
    if not shingles:
        return []
    # the n-word windows as tuples straight from zip: no slice per position
    starts = [i for i, gram in enumerate(zip(*(toks[k:] for k in range(n)))) if gram in shingles]
    if not starts:  # most comments: no offsets needed
        return []
    copied = [False] * len(toks)
    for i in starts:
        copied[i : i + n] = [True] * n
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: list[QuoteSpan] = []
    i = 0
    while i < len(words):
        if not copied[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and copied[j + 1]:
            j += 1
        if j - i + 1 >= min_words:
            spans.append(QuoteSpan(words[i][0], words[j][1], "article_copy"))
        i = j + 1
    return spans


def pasted_statement_spans(
    text: str, *, min_words: int = 150, max_personal: float = 0.0
) -> list[QuoteSpan]:
    """Long third-person paragraphs: a pasted statement, report or press release.

    A paragraph (text between blank lines) of at least *min_words* words in
    which the share of first- and second-person pronouns (I, me, we, our,
    you, ...) is at most *max_personal* (default none at all). Readers answer
    an article in the first and second person; a long passage without either
    is someone else's text. A comment of one long paragraph of third-person
    analysis is flagged too: raise *min_words* to be stricter.

    Examples
    --------
    >>> release = " ".join(["The institute publishes analysis of the region."] * 25)
    >>> t = "Here is the piece I meant to post.\\n\\n" + release
    >>> [(t[s.start:s.start + 13], s.kind) for s in pasted_statement_spans(t)]
    [('The institute', 'pasted_statement')]
    >>> pasted_statement_spans(" ".join(["I think the institute is wrong."] * 30))
    []
    """
    spans = []
    for m in _PARAGRAPH.finditer(text):
        if m.end() - m.start() < 2 * min_words - 1:  # too short for min_words words and gaps
            continue
        raw = _WORD.findall(m.group())
        if len(raw) < min_words:
            continue
        words = _folded(raw)
        # "US" in capitals is the country, not the pronoun
        personal = (
            0.0 if _PERSONAL.isdisjoint(words)  # most paragraphs: no pronoun to count
            else sum(w in _PERSONAL and r != "US" for w, r in zip(words, raw)) / len(words)
        )
        if personal <= max_personal:
            spans.append(QuoteSpan(m.start(), m.end(), "pasted_statement"))
    return spans


def merge_spans(spans: Iterable[QuoteSpan]) -> list[QuoteSpan]:
    """Sort spans and merge overlapping ones; the merged span keeps the kind of
    the longest span merged into it.

    Examples
    --------
    >>> merge_spans([QuoteSpan(5, 9, "quotation"), QuoteSpan(0, 60, "pasted_statement")])
    [QuoteSpan(start=0, end=60, kind='pasted_statement')]
    """
    out: list[QuoteSpan] = []
    longest: list[int] = []
    for s in sorted(spans):
        if out and s.start < out[-1].end:
            last = out[-1]
            kind = last.kind
            if s.end - s.start > longest[-1]:
                kind, longest[-1] = s.kind, s.end - s.start
            out[-1] = QuoteSpan(last.start, max(last.end, s.end), kind)
        else:
            out.append(s)
            longest.append(s.end - s.start)
    return out


def quote_spans(
    text: str,
    *,
    kinds: Collection[str] = QUOTE_KINDS,
    article: str | None = None,
    copy_n: int = 8,
    copy_min_words: int = 15,
    statement_min_words: int = 150,
) -> list[QuoteSpan]:
    """Every quoted or pasted span of *text* of the given *kinds*, merged.

    ``article_copy`` needs *article* (the article's text); without it that
    kind is skipped.

    Examples
    --------
    >>> t = '> earlier post\\nHe said "never". I disagree.'
    >>> [t[s.start:s.end] for s in quote_spans(t)]
    ['> earlier post', '"never"']
    """
    unknown = sorted(set(kinds) - set(QUOTE_KINDS))
    if unknown:
        raise SentimentError(f"quote kinds: unknown {unknown}; known: {list(QUOTE_KINDS)}")
    spans: list[QuoteSpan] = []
    if "reply_quote" in kinds:
        spans += reply_quote_spans(text)
    if "quotation" in kinds:
        spans += quotation_spans(text)
    if "article_copy" in kinds and article:
        spans += article_copy_spans(text, article, n=copy_n, min_words=copy_min_words)
    if "pasted_statement" in kinds:
        spans += pasted_statement_spans(text, min_words=statement_min_words)
    return merge_spans(spans)


_HSPACE = re.compile(r"[ \t]{2,}")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def remove_spans(text: str, spans: Iterable[QuoteSpan]) -> str:
    """*text* without the *spans*: what the unit's own voice says.

    Removed spans leave one space; runs of spaces and of blank lines are
    tidied and the result is stripped.

    Examples
    --------
    >>> t = 'Kerry said Washington was "open for discussions." Good.'
    >>> remove_spans(t, quotation_spans(t))
    'Kerry said Washington was Good.'
    """
    parts, pos = [], 0
    for s in merge_spans(spans):
        parts.append(text[pos : s.start])
        pos = max(pos, s.end)
    parts.append(text[pos:])
    out = " ".join(p for p in parts)
    out = _BLANKS.sub("\n\n", _HSPACE.sub(" ", out))
    out = re.sub(r"[ \t]+([.,;:!?])", r"\1", out) if len(parts) > 1 else out
    return out.strip()


#: Which kinds are looked for in the units of each voice by default.
DEFAULT_KINDS: dict[str, tuple[str, ...]] = {
    "author": ("quotation",),
    "commenter": QUOTE_KINDS,
}


def _articles(segments: pd.DataFrame, docs: Collection[str] | None = None) -> dict[str, str]:
    """doc_id -> the page's article (its body units); only the pages in *docs* when given."""
    keep = (segments["role"].astype(str) == "body").to_numpy(dtype=bool, copy=True)
    if docs is not None:
        keep &= segments["doc_id"].astype(str).isin(docs).to_numpy(dtype=bool)
    rows = np.flatnonzero(keep)  # not the other columns of every body unit
    parts: dict[str, list[str]] = {}  # pages in order of appearance, units in row order
    for doc, text in zip(segments["doc_id"].iloc[rows].astype(str).tolist(),
                         segments["text"].iloc[rows].tolist(), strict=True):
        parts.setdefault(doc, []).append(
            text if isinstance(text, str) else "" if pd.isna(text) else str(text)
        )
    return {doc: "\n\n".join(texts) for doc, texts in parts.items()}


def find_quotes(
    segments: pd.DataFrame,
    *,
    kinds: dict[str, Collection[str]] | None = None,
    article: pd.DataFrame | None = None,
    copy_n: int = 8,
    copy_min_words: int = 15,
    statement_min_words: int = 150,
) -> pd.DataFrame:
    """Every quoted or pasted span inside the units of a segments table.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (needs ``doc_id, seq, role, text``; ``quoted`` optional).
        Units of voices not in *kinds* are not searched.
    kinds : dict, optional
        Voice -> kinds searched in its units. Default: quotations in author
        paragraphs; every kind (``>`` quotes, quotations, copies of the
        article, pasted third-person statements) in comments.
    article : pandas.DataFrame, optional
        Segments holding the article text of each page (its ``body`` units,
        quotations included); default *segments* itself. Pass the full table
        when *segments* is a selection.
    copy_n, copy_min_words, statement_min_words
        Passed to :func:`quote_spans`.

    Returns
    -------
    pandas.DataFrame
        One row per span: ``doc_id, seq, voice, kind, start, end, n_words,
        text`` (offsets into the unit's ``text``), in unit order.
    """
    if kinds is None:
        kinds = DEFAULT_KINDS
    missing = [c for c in ("doc_id", "seq", "role", "text") if c not in segments.columns]
    if missing:
        raise SentimentError(f"find_quotes: segments lack column(s) {missing}")
    voices = pd.Series(voice_of(segments), index=segments.index).astype(str)
    searched = voices.isin(list(kinds)).to_numpy(dtype=bool)
    # articles are read for the units of other voices than the author's (copies of the article)
    readers = searched & (voices != "author").to_numpy(dtype=bool)
    articles = _articles(segments if article is None else article,
                         docs=set(segments.loc[readers, "doc_id"].astype(str)))
    columns = ["doc_id", "seq", "voice", "kind", "start", "end", "n_words", "text"]
    data: dict[str, list[Any]] = {c: [] for c in columns}  # column lists: no dict per span
    digests: dict[str, bytes | None] = {}
    langs = segments["lang"] if "lang" in segments.columns else pd.Series("en", index=segments.index)
    rows = np.flatnonzero(searched)
    for lo in range(0, len(rows), _SLICE):  # Python strings of one slice of units at a time
        take = rows[lo : lo + _SLICE]
        data_slice = zip(
            voices.iloc[take].tolist(), segments["text"].iloc[take].tolist(),
            segments["doc_id"].iloc[take].tolist(), segments["seq"].iloc[take].tolist(),
            langs.iloc[take].tolist(), strict=True,
        )
        _search_slice(data_slice, kinds, articles, digests, data,
                      (copy_n, copy_min_words, statement_min_words))
    return pd.DataFrame(data) if data["doc_id"] else pd.DataFrame(columns=columns)


#: Units whose texts are made Python strings at once in :func:`find_quotes`.
_SLICE = 20_000


def _search_slice(
    units: Iterable[tuple[str, Any, Any, Any, Any]], kinds: dict[str, Collection[str]],
    articles: dict[str, str], digests: dict[str, bytes | None], data: dict[str, list[Any]],
    options: tuple[int, int, int],
) -> None:
    """Append the spans of *units* (voice, text, doc, seq, lang) to the columns of *data*."""
    for voice, text, doc, seq, lang in units:
        if voice not in kinds or not isinstance(text, str):
            continue
        doc = str(doc)
        wanted = kinds[voice]
        if str(lang) != "en":  # the pronoun list is English
            wanted = [k for k in wanted if k != "pasted_statement"]
        article_text = articles.get(doc) if voice != "author" else None
        if article_text is not None and doc not in digests:
            digests[doc] = _digest(article_text)
        for s in _unit_spans(
            text, tuple(wanted), article_text, digests.get(doc) if article_text else None, options,
        ):
            span = text[s.start : s.end]
            for c, v in (("doc_id", doc), ("seq", seq), ("voice", voice), ("kind", s.kind),
                         ("start", s.start), ("end", s.end),
                         ("n_words", len(_WORD.findall(span))), ("text", span)):  # fmt: skip
                data[c].append(v)


#: Spans of units already searched, by (the text's digest, kinds, article digest, options): a notebook
#: looks for the quotes of the same units several times (its own table, then each
#: lexicon's scoring). Emptied when it holds _MEMO_MAX units.
_MEMO: dict[tuple[Any, ...], tuple[QuoteSpan, ...]] = {}
_MEMO_MAX = 2**18


def _digest(article: str | None) -> bytes | None:
    return None if article is None else hashlib.blake2b(article.encode(), digest_size=16).digest()


def _unit_spans(
    text: str, kinds: tuple[str, ...], article: str | None, article_key: bytes | None,
    options: tuple[int, int, int],
) -> tuple[QuoteSpan, ...]:
    """:func:`quote_spans` of one unit, remembered (see :data:`_MEMO`)."""
    # by the text's digest, not the text: the memo holds no copy of every unit searched
    key = (hashlib.blake2b(text.encode(), digest_size=16).digest(), kinds, article_key, options)
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        copy_n, copy_min_words, statement_min_words = options
        found = _MEMO[key] = tuple(quote_spans(
            text, kinds=kinds, article=article, copy_n=copy_n, copy_min_words=copy_min_words,
            statement_min_words=statement_min_words,
        ))
    return found


def split_own_words(segments: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The own words of each unit once the spans of *quotes* are taken out.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, seq, text``).
    quotes : pandas.DataFrame
        Output of :func:`find_quotes` on (a superset of) *segments*.

    Returns
    -------
    pandas.DataFrame
        Indexed like *segments*: ``own_text`` (the text without the spans),
        ``n_words_quoted`` (words taken out) and ``quote_kinds`` (the kinds
        taken out, comma-separated; empty when none).
    """
    own, n_quoted, kinds = own_words(segments, quotes)
    return pd.DataFrame(
        {"own_text": own, "n_words_quoted": n_quoted, "quote_kinds": kinds}, index=segments.index
    )


def own_words(segments: pd.DataFrame, quotes: pd.DataFrame) -> tuple[list[str], list[int], list[str]]:
    """The columns of :func:`split_own_words` as lists, in the order of *segments*.

    For a caller that goes on with Python strings (splitting them into sentences):
    the own text of every unit is made once, not once for a table column and again
    when read back from it.

    Parameters
    ----------
    segments, quotes : pandas.DataFrame
        As in :func:`split_own_words`.

    Returns
    -------
    (own_text, n_words_quoted, quote_kinds)
        One item per row of *segments* in each list.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["d"], "seq": [0], "text": ['He said "no way" today.']})
    >>> spans = pd.DataFrame({"doc_id": ["d"], "seq": [0], "start": [8], "end": [17],
    ...                       "kind": ["quotation"]})
    >>> own_words(seg, spans)
    (['He said today.'], [2], ['quotation'])
    """
    by_unit: dict[tuple[str, int], list[QuoteSpan]] = {}
    for q in quotes.itertuples(index=False):
        by_unit.setdefault((str(q.doc_id), int(q.seq)), []).append(
            QuoteSpan(int(q.start), int(q.end), str(q.kind))
        )
    own: list[str] = []
    n_quoted: list[int] = []
    kinds: list[str] = []
    for doc, seq, text in zip(segments["doc_id"].astype(str), segments["seq"], segments["text"]):
        spans = by_unit.get((doc, int(seq)), [])
        text = text if isinstance(text, str) else ""
        own.append(remove_spans(text, spans) if spans else text)
        n_quoted.append(sum(len(_WORD.findall(text[s.start : s.end])) for s in spans))
        kinds.append(",".join(dict.fromkeys(s.kind for s in spans)))
    return own, n_quoted, kinds
