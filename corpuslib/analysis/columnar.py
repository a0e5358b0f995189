"""Term counts computed column-wise with polars, equal to the reference tokenizer's.

The reference tokenizer (:mod:`corpuslib.analysis.tokens`) runs in Python one unit
at a time. Here the whole column of texts is split by one Rust regex
(``str.extract_all``), and every rule that depends on a token alone -- possessives,
``U.S.`` -> ``US``, single-word aliases, case, stopwords, lemmas, filters -- is
applied once per *distinct* matched string (word types are few: Zipf), through the
same :class:`~corpuslib.analysis.tokens._Pipeline` methods the reference uses. The
rules that need context are decided column-wise:

* a run of non-space characters that may hold a special token (URL, e-mail, handle,
  dotted acronym or abbreviation: it holds one of ``.@_+`` followed by a word
  character) is one match, expanded by the reference's own run splitter
  (once per distinct run);
* the shouting test: the reference reads a unit with all-caps words sentence by
  sentence. A regex that every shouting unit matches (:func:`_may_shout`) picks
  the few units that may shout; for those, sentence ends (``.!?`` before white
  space) are matches too, so the all-caps and ordinary words of each unit and of
  each sentence are summed column-wise. A unit that shouts, or has a sentence
  that shouts, is tokenized by the reference (such units are rare); every other
  unit is counted by (group, match) alone;
* multi-word aliases (``United States``): a unit in which a token that may start a
  multi-word variant is followed by one that may continue it is tokenized by the
  reference; every other unit only has single-token aliases, applied per type.

Units with characters on which the reference's two white-space definitions differ
(``\\x1c``-``\\x1f``) and every option the column path does not cover (n-grams) go
to the reference too. The regex character classes are spelled out from the
:mod:`regex` module's own sets, so both engines agree on every code point even
where their Unicode versions differ. ``tests/analysis/test_columnar.py`` checks
equality with the reference on the bundled corpus, a generated corpus and
hypothesis-generated text.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import polars as pl
import regex

from corpuslib.analysis.tokens import (
    _CHAR_PAIRS,
    _MAYBE_SPECIAL,
    _URL_END,
    _W,
    _Pipeline,
    _split_run_keys,
    tokenizers_by_language,
)

__all__ = ["count_units", "covers", "token_pattern"]


def _code_point_ranges(prop: str) -> list[tuple[int, int]]:
    """Inclusive code point ranges of :mod:`regex` set *prop* (no surrogates)."""
    out: list[tuple[int, int]] = []
    for m in regex.finditer(prop + "+", _all_chars(), flags=regex.VERSION1):
        a, b = m.start(), m.end() - 1
        a, b = (a if a < 0xD800 else a + 0x800), (b if b < 0xD800 else b + 0x800)
        if a < 0xD800 <= b:  # a range crossing the surrogate gap
            out += [(a, 0xD7FF), (0xE000, b)]
        else:
            out.append((a, b))
    return out


@functools.lru_cache(maxsize=1)
def _all_chars() -> str:
    """Every code point but the surrogates, in order (built as UTF-32: milliseconds)."""
    points = np.arange(0x110000 - 0x800, dtype="<u4")
    points[0xD800:] += 0x800
    return points.tobytes().decode("utf-32-le")


def _rust_set(prop: str) -> str:
    """A Rust-regex set body with exactly the code points of :mod:`regex` set *prop*."""
    return "".join(
        f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}"
        for a, b in _code_point_ranges(prop)
    )


@functools.lru_cache(maxsize=1)
def token_pattern() -> str:
    """The Rust regex of the column path, in match order.

    1. a run of non-space characters holding a possible special token (``U.S.``,
       ``www.x.org``, ``a@b.org``, ``@handle``): expanded by the reference run splitter;
    2. a sentence end: one of ``.!?`` and a white-space character;
    3. the reference's URL, number and word branches (its handle branch only matches
       inside a run of 1).
    """
    sp = _rust_set(r"\s")
    w = _rust_set(_W)
    n = _rust_set(r"\p{N}")
    pair = _rust_set(r"[\p{L}\p{N}._%+@-]")
    url_end = _URL_END.replace("\\s", sp)  # the reference's set, its \s spelled out
    return (
        rf"[^{sp}]*[.@_+][{pair}][^{sp}]*"
        rf"|[.!?][{sp}]"
        rf"""|(?:https?://|ftp://|www\.)[^{sp}<>"“”]*{url_end}"""
        rf"|[{n}]+(?:[.,:/][{n}]+)+[{w}]*"
        rf"|[{w}]+(?:['-][{w}]+)*"
    )


#: Characters that :mod:`re` (sentence ends) counts as white space and :mod:`regex`
#: (token runs) does not: a unit holding one is tokenized by the reference.
_WHITESPACE_DISAGREE = "[\x1c-\x1f]"


def covers(options: dict[str, Any]) -> bool:
    """Whether the column path computes the counts for these tokenizer *options*
    (every option but word n-grams; with n-grams the reference does all units)."""
    ngrams = options.get("ngrams", 1)
    return ngrams in (1, (1, 1), [1, 1])


class _TypeInfo:
    """Per distinct match: what its tokens contribute (memoised per pipeline)."""

    __slots__ = ("memo", "pairs", "pipe")

    def __init__(self, pipe: _Pipeline) -> None:
        self.pipe = pipe
        self.memo: dict[str, tuple] = {}
        #: case-folded first two tokens of every multi-word alias variant: a superset
        #: test (an exact or mixed-case match is also a case-folded match)
        self.pairs = {
            (k[0].casefold(), k[1].casefold()) for k in [*pipe.exact, *pipe.folded] if len(k) > 1
        }

    def __call__(self, match: str) -> tuple:
        got = self.memo.get(match)
        if got is None:
            got = self.memo[match] = self._info(match)
        return got

    def _info(self, match: str) -> tuple:
        """``(terms, n_caps, n_lower, sentence_end, head, tail, inner, n_keys)``.

        *head* and *tail* are the case-folded first and last tokens (None when not
        mergeable into an alias); *inner*: two tokens inside the match may begin a
        multi-word alias variant.
        """
        pipe = self.pipe
        if len(match) == 2 and match[0] in ".!?" and match[1].isspace():
            return ((), 0, 0, True, None, None, False, 0)
        if _MAYBE_SPECIAL.search(match):
            keys = _split_run_keys(match)
            end = match[-1] in ".!?"
        else:
            keys, end = [match], False
        caps = lower = 0
        terms = []
        folds: list[str | None] = []
        for key in keys:
            flag = (pipe._memo.get(key) or pipe._outputs(key))[0]
            caps += flag == 2
            lower += flag == 1
            if pipe.max_len:
                info = pipe._alias_memo.get(key) or pipe._alias_info(key)
                folds.append(info[0].casefold() if info[3] else None)
                key = pipe.merge_keys([key])[0]
            out = (pipe._memo.get(key) or pipe._outputs(key))[1]
            if out is not None:
                terms.append(out)
        inner = any(pair in self.pairs for pair in zip(folds, folds[1:], strict=False))
        return (
            tuple(terms),
            caps,
            lower,
            end,
            folds[0] if folds else None,
            folds[-1] if folds else None,
            inner,
            len(keys),
        )


@functools.lru_cache(maxsize=64)
def _type_info(pipe: _Pipeline) -> _TypeInfo:
    return _TypeInfo(pipe)


def count_units(
    texts: Sequence[str] | pl.Series,
    langs: Sequence[Any] | pl.Series,
    groups: Sequence[int] | pl.Series,
    options: dict[str, Any],
) -> tuple[dict[int, Counter[str]], dict[int, int]]:
    """Count the tokens of *texts* per group id, as the reference tokenizer would.

    Parameters
    ----------
    texts, langs, groups : sequences (or polars Series) of equal length
        Unit texts, their language codes and an integer group id per unit.
    options : dict
        Tokenizer options (:func:`~corpuslib.analysis.tokens.build_tokenizer`).

    Returns
    -------
    (counts, totals)
        ``group id -> Counter(term -> count)`` and ``group id -> number of tokens``.
    """
    get = tokenizers_by_language(options)
    counts: dict[int, Counter[str]] = {}
    totals: dict[int, int] = {}
    if not len(texts):
        return counts, totals
    if not isinstance(langs, pl.Series):
        langs = [x if isinstance(x, str) else None for x in langs]
    frame = pl.DataFrame(
        {
            "_u": pl.Series(range(len(texts)), dtype=pl.Int64),
            "_g": pl.Series(groups, dtype=pl.Int64),
            "lang": pl.Series(langs, dtype=pl.String),
            "text": pl.Series(texts, dtype=pl.String),
        }
    )
    frame = frame.with_columns(pl.col("text").fill_null(""))
    if not covers(options):
        return _reference(frame, get, counts, totals)
    pipes = {lang: get(lang) for lang in frame.get_column("lang").unique().to_list()}
    shout = any(pipe.opts.lowercase for pipe in pipes.values())
    pieces = pl.collect_all([_prepared(p.lazy(), shout) for p in _pieces(frame)])
    fallback: list[Any] = [pl.concat(pieces).filter(pl.col("_odd"))]
    for lang, pipe in pipes.items():
        fallback.append(_count_language(pieces, lang, pipe, counts, totals))
    for part in fallback:
        if len(part):
            _reference(part, get, counts, totals)
    return counts, totals


def _prepared(piece: pl.LazyFrame, shout: bool) -> pl.LazyFrame:
    """One work item of the first pass over the units (a row slice, :func:`_pieces`).

    :func:`~corpuslib.analysis.tokens.normalize_chars` on the ``text`` column, only on
    the rows that hold a variant (row order is not kept: units carry their id); then
    the flags ``_odd`` (a character on which the reference's two white-space
    definitions differ: the unit goes to the reference) and, with *shout*, ``_s``
    (the unit may shout, :func:`_may_shout`).
    """
    variants = [a for a, _ in _CHAR_PAIRS]
    plains = [b for _, b in _CHAR_PAIRS]
    has = pl.col("text").str.contains("[" + "".join(f"\\x{{{ord(v):x}}}" for v in variants) + "]")
    piece = pl.concat(
        [
            piece.filter(~has),
            piece.filter(has).with_columns(pl.col("text").str.replace_many(variants, plains)),
        ]
    )
    return piece.with_columns(
        pl.col("text").str.contains(_WHITESPACE_DISAGREE).alias("_odd"),
        (pl.col("text").str.contains(_may_shout()) if shout else pl.lit(False)).alias("_s"),
    )


@functools.lru_cache(maxsize=1)
def _may_shout() -> str:
    """A Rust regex found in every unit the reference may read as shouted.

    A token list shouts when it has ``c >= 2`` all-caps words and ``l <= 2c/3``
    ordinary words (:func:`~corpuslib.analysis.tokens._is_shouting`); were every gap
    between consecutive all-caps words to hold two ordinary words, ``l >= 2(c - 1) >
    2c/3``. So a shouting unit, or sentence, has two all-caps words with at most one
    ordinary word between them. The regex asks for no less:

    * an all-caps word holds two capitals with neither white space nor a lower- or
      title-case letter between them (``is_acronym``);
    * two word tokens in one run of non-space characters have a non-word character
      between them;
    * between the two, every whole run of non-space characters but one is one that
      may hold no ordinary word. A run holds an ordinary word for sure when it has
      two letters in a row, one of them lower-case, and none of ``.@_+:/`` (no URL,
      e-mail, handle or dotted token: the two letters are in one word token of two
      letters or more with a lower-case letter).
    """
    sp, upper = _rust_set(r"\s"), _rust_set(r"\p{Lu}")
    lower, letter = _rust_set(r"[\p{Ll}\p{Lt}]"), _rust_set(r"\p{L}")
    caps = rf"[{upper}][^{sp}{lower}]*?[{upper}]"
    other = rf"[^{sp}{letter}]"
    cased = _rust_set(r"[\p{L}--\p{Ll}]")
    block = rf"(?:[{cased}]{{2,}}|[{letter}])"  # letters with no lower-case pair
    maybe_none = rf"(?:[^{sp}]*[.@_+:/][^{sp}]*|{other}*(?:{block}{other}+)*{block}?)"
    runs = rf"(?:[{sp}]+{maybe_none})*"
    word = _rust_set(_W)
    return (
        rf"{caps}[^{sp}]*{runs}(?:[{sp}]+[^{sp}]+{runs})?[{sp}]+[^{sp}]*?{caps}"
        rf"|{caps}[^{sp}]*?[^{sp}{word}][^{sp}]*?{caps}"  # two words in one run
    )


def _pieces(frame: pl.DataFrame) -> list[pl.DataFrame]:
    """Row slices of *frame* for polars' thread pool: one work item per slice, at most
    half the rows per thread, so the threads stay busy to the end.

    Slices cut across groups (``_g``); counts are taken by (group, match), so a
    corpus grouped unit by unit makes no more work items than one grouped by voice.
    """
    threads = pl.thread_pool_size()
    rows = max(1, len(frame) if threads == 1 else -(-len(frame) // (2 * threads)))
    return [frame.slice(i, rows) for i in range(0, len(frame), rows)]


def _count_language(
    pieces: list[pl.DataFrame],
    lang: str | None,
    pipe: Any,
    counts: dict[int, Counter[str]],
    totals: dict[int, int],
) -> pl.DataFrame:
    """Count the units of one language column-wise; return the units left to the reference.

    *pieces* are the row slices of the first pass (:func:`_prepared`); the units of
    *lang* in them without ``_odd`` characters are counted here. Units that may need
    the reference (every unit when multi-word aliases are on, else the units that
    may shout, ``_s``) get their matches in order, with their unit id, for the tests
    below; every other unit is counted by (group, match) straight away. Each step
    runs on the row slices as parallel work items of polars' thread pool
    (:func:`polars.collect_all`), selection included.
    """
    pattern = token_pattern()
    mine = pl.col("lang").eq_missing(pl.lit(lang, dtype=pl.String)) & ~pl.col("_odd")
    if pipe.max_len:
        detailed = pl.lit(True)
    elif pipe.opts.lowercase:
        detailed = pl.col("_s")
    else:
        detailed = pl.lit(False)
    done = pl.collect_all(
        [
            p.lazy()
            .filter(mine & ~detailed)
            .select(pl.col("_g").cast(pl.Int64), pl.col("text").str.extract_all(pattern).alias("m"))
            .explode("m")
            .drop_nulls("m")
            .group_by("_g", "m")
            .len()
            for p in pieces
        ]
        + [
            p.lazy()
            .filter(mine & detailed)
            .select("_u", "_g", pl.col("text").str.extract_all(pattern).alias("m"))
            .explode("m")
            .drop_nulls("m")
            for p in pieces
        ]
    )
    pairs, longs = done[: len(pieces)], [long for long in done[len(pieces) :] if len(long)]
    info = _type_info(pipe)
    table, terms = _match_table(pl.concat([p.get_column("m") for p in done]).unique(), info)
    shouting = []
    if pipe.opts.lowercase:
        ids = (
            pl.concat([p.filter(mine & pl.col("_s")).select("_u") for p in pieces]).get_column("_u")
            if pipe.max_len
            else None
        )
        for long in longs:
            if ids is not None:
                long = long.filter(pl.col("_u").is_in(ids.implode()))
            shouting.append(_shouting_units(long.lazy(), table))
    done = pl.collect_all(
        [
            long.lazy().with_columns(pl.col("_g").cast(pl.Int64)).group_by("_g", "m").len()
            for long in longs
        ]
        + shouting
    )
    pairs += done[: len(longs)]
    slow_units = [f.get_column("_u") for f in done[len(longs) :]]
    if pipe.max_len and longs:
        slow_units += _multiword_alias_units(pl.concat(longs), table, info.pairs)
    slow_ids = pl.concat(slow_units).unique() if slow_units else pl.Series([], dtype=pl.Int64)
    pairs_frame = pl.concat(pairs, how="vertical_relaxed") if pairs else None
    if len(slow_ids) and pairs_frame is not None:  # take the units left to the reference out
        slow_pairs = (
            pl.concat(longs)
            .filter(pl.col("_u").is_in(slow_ids.implode()))
            .group_by("_g", "m")
            .len()
            .rename({"len": "slow"})
        )
        pairs_frame = (
            pairs_frame.group_by("_g", "m")
            .agg(pl.col("len").sum())
            .join(slow_pairs, on=["_g", "m"], how="left")
            .with_columns(pl.col("len") - pl.col("slow").fill_null(0))
            .filter(pl.col("len") > 0)
            .drop("slow")
        )
    if pairs_frame is not None:
        _add_terms(pairs_frame, terms, counts, totals)
    return pl.concat(
        [p.filter(mine & pl.col("_u").is_in(slow_ids.implode())) for p in pieces]
    ).drop("_odd", "_s")


def _match_table(distinct: pl.Series, info: _TypeInfo) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per distinct match, the facts :class:`_TypeInfo` gives (one row each), and its
    terms (one row per term: ``m``, ``term``)."""
    matches = distinct.to_list()
    rows = [info(m) for m in matches]
    table = pl.DataFrame(
        {
            "m": distinct,
            "caps": pl.Series([r[1] for r in rows], dtype=pl.Int32),
            "lower": pl.Series([r[2] for r in rows], dtype=pl.Int32),
            "end": pl.Series([r[3] for r in rows], dtype=pl.Boolean),
            "head": pl.Series([r[4] for r in rows], dtype=pl.String),
            "tail": pl.Series([r[5] for r in rows], dtype=pl.String),
            "inner": pl.Series([r[6] for r in rows], dtype=pl.Boolean),
            "keys": pl.Series([r[7] for r in rows], dtype=pl.Int32),
        }
    )
    terms = pl.DataFrame(
        {
            "m": [m for m, r in zip(matches, rows, strict=True) for _ in r[0]],
            "term": [t for r in rows for t in r[0]],
        },
        schema={"m": pl.String, "term": pl.String},
    )
    return table, terms


def _add_terms(
    pairs: pl.DataFrame,
    terms: pl.DataFrame,
    counts: dict[int, Counter[str]],
    totals: dict[int, int],
) -> None:
    """Add the terms of (group, match, count) *pairs* to *counts* and *totals*, in place."""
    by_term = pairs.join(terms, on="m").group_by("_g", "term").agg(pl.col("len").sum())
    for g, term, n in by_term.iter_rows():
        counter = counts.get(g)
        if counter is None:
            counter = counts[g] = Counter()
            totals.setdefault(g, 0)
        counter[term] += n
        totals[g] += n


def _shouting_units(long: pl.LazyFrame, table: pl.DataFrame) -> pl.LazyFrame:
    """Ids (``_u``) of the units the reference reads as shouted: whole, or in one sentence.

    *long* holds the matches of units that may shout (:func:`_may_shout`), unit
    by unit in text order. Each match gets its counts of all-caps and ordinary
    words and whether it ends a sentence (one integer code, looked up once per
    match); a sentence starts at a unit's first match and after every sentence end,
    so sentences are numbered by one running sum (a match holds fewer than 2**31
    words), and :func:`corpuslib.analysis.tokens._is_shouting` is applied as an
    expression to the sums of each sentence and of each unit. Matches that are
    neither words nor sentence ends change no sum and are dropped first.
    """
    codes = (
        table.get_column("caps").cast(pl.Int64) * 2**32
        + table.get_column("lower").cast(pl.Int64) * 2
        + table.get_column("end").cast(pl.Int64)
    )
    caps, lower = pl.col("code") // 2**32, pl.col("code") % 2**32 // 2
    end = pl.col("code") % 2 == 1
    first = (end.shift(1, fill_value=True) | (pl.col("_u") != pl.col("_u").shift(1))).cum_sum()
    sentences = (
        long.select("_u", pl.col("m").replace_strict(table.get_column("m"), codes).alias("code"))
        .filter(pl.col("code") != 0)
        .select("_u", caps.alias("caps"), lower.alias("lower"), first.alias("_s"))
        .with_columns(pl.col("_s").set_sorted())
        .group_by("_s")
        .agg(pl.col("_u").first(), pl.col("caps").sum(), pl.col("lower").sum())
    )
    units = sentences.group_by("_u").agg(pl.col("caps").sum(), pl.col("lower").sum())
    words = pl.col("caps") + pl.col("lower")
    shouts = (pl.col("caps") >= 2) & (words >= 3) & (pl.col("caps") >= 0.6 * words)
    return pl.concat([frame.filter(shouts).select("_u") for frame in (units, sentences)])


def _multiword_alias_units(
    long: pl.DataFrame, table: pl.DataFrame, pairs: set[tuple[str, str]]
) -> list[pl.Series]:
    """Ids of the units where a multi-word alias variant may match: two tokens in a
    row are the (case-folded) first two tokens of a variant, inside one match or
    across two matches that hold tokens (sentence ends and punctuation runs hold none
    and do not separate tokens for the alias stage)."""
    firsts = {a for a, _ in pairs}
    starts = table.filter(pl.col("inner") | pl.col("tail").is_in(list(firsts))).get_column("m")
    if not len(starts):
        return []
    candidates = long.filter(pl.col("m").is_in(starts.implode())).get_column("_u").unique()
    sub = (
        long.filter(pl.col("_u").is_in(candidates.implode()))
        .join(table.select("m", "head", "tail", "inner", "keys"), on="m", maintain_order="left")
        .filter(pl.col("keys") > 0)
        .with_columns(pl.col("head").shift(-1).over("_u").alias("next"))
    )
    pair_frame = pl.DataFrame(
        {"tail": [a for a, _ in pairs], "next": [b for _, b in pairs]},
        schema={"tail": pl.String, "next": pl.String},
    )
    across = sub.join(pair_frame, on=["tail", "next"], how="semi")
    return [sub.filter(pl.col("inner")).get_column("_u"), across.get_column("_u")]


def _reference(
    part: pl.DataFrame,
    get: Callable[[Any], Callable[[str], list[str]]],
    counts: dict[int, Counter[str]],
    totals: dict[int, int],
) -> tuple[dict[int, Counter[str]], dict[int, int]]:
    """Tokenize the units of *part* with the reference tokenizer and add their counts."""
    return add_counts(part.select("text", "lang", "_g").iter_rows(), get, counts, totals)


def add_counts(
    units: Iterable[tuple[str, Any, Any]],
    get: Callable[[Any], Callable[[str], list[str]]],
    counts: dict[Any, Counter[str]],
    totals: dict[Any, int],
) -> tuple[dict[Any, Counter[str]], dict[Any, int]]:
    """Add the reference tokenizer's counts of ``(text, lang, group key)`` units, in place.

    The one counting loop of the reference path (used by this engine's fallback and by
    :func:`~corpuslib.analysis.counts.term_counts` with ``method="python"``).
    """
    seen: dict[tuple[Any, str], list[str]] = {}  # a repeated text is tokenized once
    for text, lang, key in units:
        tokens = seen.get((lang, text))
        if tokens is None:
            tokens = seen[lang, text] = get(lang)(text)
        if key not in counts:
            counts[key], totals[key] = Counter(), 0
        counts[key].update(tokens)
        totals[key] += len(tokens)
    return counts, totals
