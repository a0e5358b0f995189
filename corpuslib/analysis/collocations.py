"""Collocations and concordances: which words occur together, and in which contexts.

:func:`collocations` (adjacent pairs scored by Dunning's G² and other NLTK association
measures), :func:`kwic` (keyword in context), and :func:`actor_collocates` (the words found
near an actor such as Iran, the US or Iraq).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import regex

from corpuslib.analysis.counts import (
    MAX_UNIT_SHARE,
    unit_spread,
)
from corpuslib.analysis.stats import G2_CRITICAL_05, g2
from corpuslib.analysis.tokens import (
    Token,
    Tokenizer,
    build_tokenizer,
    split_sentences,
    text_or_empty,
    tokenizers_by_language,
)
from corpuslib.corpus.units import as_columns, require_columns, select_units
from corpuslib.errors import CorpuslibError
from corpuslib.lexicons import Actor, load_actors

__all__ = [
    "actor_collocates",
    "collocations",
    "count_mentions",
    "kwic",
    "sample_per_doc",
]


#: Association measures of :func:`collocations` and :func:`actor_collocates`.
_MEASURES = ("likelihood", "pmi")


def collocations(
    segments: pd.DataFrame,
    *,
    measure: Literal["likelihood", "pmi"] = "pmi",
    min_freq: int = 2,
    window: int = 2,
    top_n: int = 20,
    min_score: float | None = None,
    max_unit_share: float = MAX_UNIT_SHARE,
    by: str | Sequence[str] | None = None,
    across: Collection[str] = (),
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, as quanteda's ``textstat_collocations``.

    Pairs are formed only inside a *run*: the words of one sentence
    (:func:`~corpuslib.analysis.tokens.split_sentences`) between two punctuation marks
    (, ; : ! ? brackets, quotation marks, dashes) with no removed stopword between them, so
    "nixed the White House" never yields *nixed white* and "Larijani, chairman" never
    yields *larijani chairman*. *across* lifts a barrier: ``"stopwords"``,
    ``"punctuation"``, ``"sentences"``. Pairs never cross units.

    Scores: ``likelihood`` is Dunning's G² of the 2×2 table (first word = *w1* or not) ×
    (second word = *w2* or not) over every pair counted in the group
    (:func:`~corpuslib.analysis.stats.g2`, as quanteda's ``G2``); ``pmi`` is
    log2(n(w1, w2)·N / (n(w1, ·)·n(·, w2))) (Church & Hanks 1990). With ``window > 2``
    a pair is any two words at most ``window - 1`` apart inside a run.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table (or a selection of it).
    measure : {"likelihood", "pmi"}
        Association measure.
    min_freq : int
        Minimum pair frequency (PMI overrates rare pairs: keep this >= 2).
    window : int
        Window size in tokens, >= 2.
    top_n : int
        Pairs kept (per group).
    min_score : float, optional
        Pairs scoring below this are not listed. Default:
        :data:`~corpuslib.analysis.stats.G2_CRITICAL_05` (3.84) for ``likelihood``, no
        floor for ``pmi``.
    max_unit_share : float
        A pair with more than this share of its occurrences in one unit is
        flagged ``concentrated`` (e.g. a name repeated in one pasted advert).
    by : str or sequence of str, optional
        Compute separately per group.
    across : collection of str
        Barriers pairs may cross: ``stopwords``, ``punctuation``, ``sentences``.
    roles, voices, langs, **tokenize_options
        As in :func:`~corpuslib.analysis.counts.term_counts` (``ngrams`` must stay 1).

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, rank, w1, w2, collocation, count, score, measure,
        n_docs, n_units, top_unit, top_unit_share, concentrated]``.

    Raises
    ------
    CorpuslibError
        On an unknown measure or barrier, ``window < 2``, ``ngrams != 1`` or a
        non-finite *min_score*.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["a", "a", "b"], "role": ["body"] * 3,
    ...     "seq": [0, 1, 0], "quoted": [False] * 3, "lang": ["en"] * 3,
    ...     "text": ["Middle East Report. Middle East Report.", "Prime minister Maliki.",
    ...              "The prime minister spoke."]})
    >>> collocations(seg, measure="likelihood", min_freq=2, stopwords=True)[
    ...     ["collocation", "count", "n_docs", "n_units", "concentrated"]]
          collocation  count  n_docs  n_units  concentrated
    0     east report      2       1        1          True
    1     middle east      2       1        1          True
    2  prime minister      2       2        2         False
    """
    if measure not in _MEASURES:
        raise CorpuslibError(f"collocations: measure={measure!r}; use one of {sorted(_MEASURES)}")
    unknown = sorted(set(across) - set(_BARRIERS))
    if unknown:
        raise CorpuslibError(f"collocations: across={unknown}; use any of {list(_BARRIERS)}")
    if window < 2:
        raise CorpuslibError(f"collocations: window={window!r}; need >= 2")
    if tokenize_options.get("ngrams", 1) not in (1, (1, 1)):
        raise CorpuslibError("collocations: tokenize with ngrams=1")
    if min_score is None:
        min_score = G2_CRITICAL_05 if measure == "likelihood" else -math.inf
    elif not isinstance(min_score, (int, float)) or math.isnan(min_score):
        raise CorpuslibError(f"collocations: min_score={min_score!r}; need a number")
    cols = as_columns(by)
    df = select_units(segments, roles=roles, voices=voices, langs=langs)
    run_tokens = _run_tokenizer(tokenize_options, across)
    distinct: dict[str, list[list[str]]] = {}  # a repeated text is tokenized once
    units = [
        distinct[t] if t in distinct else distinct.setdefault(t, run_tokens(t))
        for t in df["text"].tolist()
    ]
    doc_ids = df["doc_id"].tolist()
    seqs = df["seq"].tolist() if "seq" in df.columns else list(range(len(df)))
    spread_cols = ["n_docs", "n_units", "top_unit", "top_unit_share", "concentrated"]
    out_cols = [*cols, "rank", "w1", "w2", "collocation", "count", "score", "measure"]
    frames = []
    groups = (
        [((), np.arange(len(df)))]
        if not cols
        else [
            (key if isinstance(key, tuple) else (key,), idx)
            for key, idx in df.reset_index(drop=True).groupby(cols, observed=True).indices.items()
        ]
    )
    for key, idx in sorted(groups, key=lambda kv: tuple(map(str, kv[0]))):
        # Two passes over the group's units: every pair's count (for the scores), then
        # the units of the kept pairs only, so no (pair, unit) table of the group is held.
        pairs: Counter[tuple[str, str]] = Counter()
        for i in idx:
            for run in units[i]:
                pairs.update(_pairs(run, window))
        table = _score_pairs(pairs, measure)
        table = table[(table["count"] >= min_freq) & (table["score"] >= min_score)]
        kept = table.sort_values(["score", "w1", "w2"], ascending=[False, True, True]).head(top_n)
        if kept.empty:
            continue
        wanted = set(zip(kept["w1"], kept["w2"], strict=True))
        found: Counter[tuple[tuple[str, str], int]] = Counter()
        for i in idx:
            for run in units[i]:
                for pair in _pairs(run, window):
                    if pair in wanted:
                        found[(pair, int(i))] += 1
        occ = pd.DataFrame(
            [(p, doc_ids[i], f"{doc_ids[i]}:{seqs[i]}", n) for (p, i), n in found.items()
             if p in wanted],
            columns=["pair", "doc_id", "_unit", "count"],
        )
        where = unit_spread(occ, ["pair"], max_unit_share=max_unit_share).set_index("pair")
        rows = [
            (*key, r, w1, w2, f"{w1} {w2}", int(n), float(score), measure)
            + tuple(where.loc[[(w1, w2)], spread_cols].iloc[0])
            for r, (w1, w2, n, score) in enumerate(
                kept[["w1", "w2", "count", "score"]].itertuples(index=False), start=1
            )
        ]
        frames.append(pd.DataFrame(rows, columns=[*out_cols, *spread_cols]))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*out_cols, *spread_cols]})
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"n_docs": "int64", "n_units": "int64", "concentrated": bool})


#: Barriers a collocation does not cross unless named in ``across``.
_BARRIERS = ("stopwords", "punctuation", "sentences")
# Punctuation that ends a run inside a sentence (periods are the sentence splitter's job,
# apostrophes and hyphens are inside words).
_RUN_BREAK = regex.compile(r"[,;:!?()\[\]{}\"“”„«»‹›]|\s[—–-]+\s|—|–|…")


def _run_tokenizer(
    options: dict[str, Any], across: Collection[str]
) -> Callable[[str], list[list[str]]]:
    """``text -> runs of tokens``: sentences, split at punctuation and removed stopwords."""
    keep_all = {**options, "stopwords": False, "extra_stopwords": ()}
    tokenize = build_tokenizer(**keep_all)
    drop = build_tokenizer(**options) if options.get("stopwords") or options.get("extra_stopwords") else None

    def runs(text: str) -> list[list[str]]:
        sentences = [text] if "sentences" in across else split_sentences(text)
        pieces = (
            sentences
            if "punctuation" in across
            else [p for s in sentences for p in _RUN_BREAK.split(s)]
        )
        out: list[list[str]] = []
        for piece in pieces:
            tokens = tokenize(piece)
            if drop is None:
                out.append(tokens)
                continue
            kept = set(drop(piece))
            if "stopwords" in across:
                out.append([t for t in tokens if t in kept])
                continue
            run: list[str] = []
            for t in tokens:
                if t in kept:
                    run.append(t)
                elif run:
                    out.append(run)
                    run = []
            out.append(run)
        return [r for r in out if len(r) > 1]

    return runs


def _pairs(run: list[str], window: int) -> Iterable[tuple[str, str]]:
    for a, w1 in enumerate(run):
        for w2 in run[a + 1 : a + window]:
            yield (w1, w2)


def _score_pairs(pairs: Counter, measure: str) -> pd.DataFrame:
    """Association of every pair counted in one group (G² or PMI, see :func:`collocations`)."""
    if not pairs:
        return pd.DataFrame(columns=["w1", "w2", "count", "score"])
    table = pd.DataFrame([(w1, w2, n) for (w1, w2), n in pairs.items()],
                         columns=["w1", "w2", "count"])
    total = float(table["count"].sum())
    first = table.groupby("w1")["count"].transform("sum").to_numpy(dtype=float)
    second = table.groupby("w2")["count"].sum()
    n2 = table["w2"].map(second).to_numpy(dtype=float)
    n12 = table["count"].to_numpy(dtype=float)
    if measure == "likelihood":
        # w2 after w1 (of the pairs starting with w1) vs w2 after any other word
        table["score"] = g2(n12, n2 - n12, first, total - first)
    else:
        table["score"] = np.log2(n12 * total / (first * n2))
    return table


def _squash(text: str) -> str:
    return " ".join(text.split())


def kwic(
    segments: pd.DataFrame,
    pattern: str | Sequence[str],
    window: int = 5,
    *,
    regex: bool = False,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = None,
    max_rows: int | None = None,
    per_doc: int | None = None,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Key word in context: every occurrence of *pattern* with *window* tokens each side.

    Matching is on normalised tokens (the same case, alias and lemma stages as
    :func:`corpuslib.analysis.tokens.tokenize`), so with ``aliases=True`` the pattern
    ``"US"`` also finds "U.S." and "United States". The context is shown as
    the unit's own text (stopwords and punctuation included).

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    pattern : str or sequence of str
        A word or phrase (tokenized like the text), or with ``regex=True`` a
        regular expression that must match one whole normalised token
        (``r"iran(ian)?s?"``); a list matches any of its items.
    window : int
        Tokens of context on each side.
    regex : bool
        Treat *pattern* as a regular expression.
    roles, voices, langs
        Units to search (default: all languages, no boilerplate).
    max_rows : int, optional
        Keep at most this many matches (applied after *per_doc*).
    per_doc : int, optional
        A stratified, deterministic sample: at most this many matches per
        document, evenly spaced through its matches in document order (the
        first and the last always included), so a sample covers every
        document and every part of it instead of the first pages only.
    **tokenize_options
        Tokenizer options (``lowercase``, ``aliases``, ``lemmatize``); filters
        such as ``stopwords`` do not apply to matching.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, outlet, role, voice, seq, start, offset, left, match,
        right, term``: ``start`` is the unit's offset in the raw file, ``offset``
        the match's character offset in the unit's text, ``term`` the
        normalised token(s) matched.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["d"], "outlet": ["A"], "role": ["body"],
    ...     "seq": [0], "quoted": [False], "lang": ["en"],
    ...     "text": ["Troops from the U.S. left Iraq in 2011 after years."]})
    >>> kwic(seg, "US", window=2, aliases=True)[["left", "match", "right"]].to_dict("records")
    [{'left': 'from the', 'match': 'U.S.', 'right': 'left Iraq'}]
    >>> seg.loc[0, "text"] = "Iraq one, Iraq two, Iraq three, Iraq four, Iraq five."
    >>> kwic(seg, "iraq", window=1, per_doc=3)["right"].tolist()
    ['one', 'three', 'five']
    """
    if window < 0:
        raise CorpuslibError(f"kwic: window={window!r}; need >= 0")
    if per_doc is not None and (not isinstance(per_doc, int) or per_doc < 1):
        raise CorpuslibError(f"kwic: per_doc={per_doc!r}; need a positive integer or None")
    stop_at = max_rows if per_doc is None else None
    opts = {k: v for k, v in tokenize_options.items() if k in ("lowercase", "aliases", "lemmatize")}
    df = select_units(segments, roles=roles, voices=voices, langs=langs)
    get = tokenizers_by_language(
        {**opts, **({"lang": tokenize_options["lang"]} if "lang" in tokenize_options else {})}
    )
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if not patterns:
        raise CorpuslibError("kwic: no pattern given")
    matcher = _regex_matcher(patterns) if regex else _token_matcher(patterns, get("en"), pattern)
    data: dict[str, list[Any]] = {c: [] for c in [*_KWIC_UNIT, *_KWIC_MATCH]}
    n_rows = 0
    scan = lambda words, text: list(_scan(words, text, matcher, window))  # noqa: E731
    for _, rec, found in _unit_matches(df, get, scan):
        for row in found:
            for c in _KWIC_UNIT:
                data[c].append(rec[c])
            for c in _KWIC_MATCH:
                data[c].append(row[c])
            n_rows += 1
            if stop_at is not None and n_rows >= stop_at:
                break
        if stop_at is not None and n_rows >= stop_at:
            break
    out = pd.DataFrame(data) if n_rows else pd.DataFrame(columns=list(data))
    if per_doc is not None:
        out = sample_per_doc(out, per_doc)
        if max_rows is not None:
            out = out.head(max_rows)
    return out


#: Units whose columns :func:`kwic` turns into Python records at a time (a slice of
#: the selection, not the whole table of a large corpus at once).
KWIC_SLICE_UNITS = 10_000

_KWIC_UNIT = ("doc_id", "outlet", "role", "voice", "seq", "start")
_KWIC_MATCH = ("offset", "left", "match", "right", "term")


def _unit_matches(
    df: pd.DataFrame,
    get: Callable[[Any], Any],
    scan: Callable[[list[Token], str], list[Any]],
) -> Iterator[tuple[int, dict[str, Any], list[Any]]]:
    """``(row position, the unit's columns, scan(its words, its text))`` of every unit
    of *df* whose scan found something, in row order, made :data:`KWIC_SLICE_UNITS`
    units at a time; a repeated (text, language) is scanned once. URLs are no words."""
    found: dict[tuple[str, Any], list[Any]] = {}
    columns = [*_KWIC_UNIT, "text", "lang"]
    for lo in range(0, len(df), KWIC_SLICE_UNITS):
        part = df.iloc[lo : lo + KWIC_SLICE_UNITS].reindex(columns=columns)
        for pos, rec in enumerate(part.to_dict("records"), start=lo):
            key = (rec["text"], rec["lang"])
            if key not in found:
                words = [t for t in get(rec["lang"]).analyze(rec["text"]) if t.kind != "url"]  # type: ignore[attr-defined]
                found[key] = scan(words, rec["text"])
            if found[key]:
                yield pos, rec, found[key]


def _regex_matcher(patterns: list[str]) -> Callable[[list[Token], int], int]:
    """Match one token against any of the regular expressions (whole token)."""
    try:
        rxs = [regex.compile(p) for p in patterns]
    except regex.error as exc:
        raise CorpuslibError(f"kwic: invalid regular expression in {patterns!r}: {exc}") from None

    def matcher(toks: list[Token], i: int) -> int:
        return 1 if any(rx.fullmatch(toks[i].text) for rx in rxs) else 0

    return matcher


def _token_matcher(
    patterns: list[str], tokenizer: Any, pattern: Any
) -> Callable[[list[Token], int], int]:
    """Match the token sequence of any pattern, tokenized like the text (longest first)."""
    needles = sorted(
        {tuple(t.text for t in tokenizer.analyze(p)) for p in patterns}, key=lambda t: (-len(t), t)
    )
    if not needles or not all(needles):
        raise CorpuslibError(f"kwic: pattern {pattern!r} contains no token")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for nd in needles:  # each first token's needles, longest first
        by_first.setdefault(nd[0], []).append(nd)

    def matcher(toks: list[Token], i: int) -> int:
        candidates = by_first.get(toks[i].text)
        if candidates is None:
            return 0
        for nd in candidates:
            if len(nd) == 1 or tuple(t.text for t in toks[i : i + len(nd)]) == nd:
                return len(nd)
        return 0

    return matcher


def _spans(words: list[Token], matcher: Callable[[list[Token], int], int]) -> Iterator[tuple[int, int]]:
    """``(first word, number of words)`` of every match in one unit, in text order."""
    i = 0
    while i < len(words):
        k = matcher(words, i)
        if not k:
            i += 1
            continue
        yield i, k
        i += k


def _scan_terms(words: list[Token], matcher: Callable[[list[Token], int], int]) -> list[str]:
    """The ``term`` of every match of :func:`_scan`, without its context."""
    return [" ".join(t.text for t in words[i : i + k]) for i, k in _spans(words, matcher)]


def _scan(
    words: list[Token], text: str, matcher: Callable[[list[Token], int], int], window: int
) -> Iterator[dict[str, Any]]:
    """Every match in one unit with its context of *window* words, in text order."""
    for i, k in _spans(words, matcher):
        first, last = words[i], words[i + k - 1]
        lo = words[max(0, i - window)].start if window and i > 0 else first.start
        hi = words[min(len(words), i + k + window) - 1].end if window else last.end
        yield {
            "offset": first.start,
            "left": _squash(text[lo : first.start]),
            "match": _squash(text[first.start : last.end]),
            "right": _squash(text[last.end : hi]),
            "term": " ".join(t.text for t in words[i : i + k]),
        }


def sample_per_doc(matches: pd.DataFrame, per_doc: int) -> pd.DataFrame:
    """At most *per_doc* rows of each document, evenly spaced, first and last kept.

    Parameters
    ----------
    matches : pandas.DataFrame
        Rows in document order with a ``doc_id`` column (e.g. a :func:`kwic` table).
    per_doc : int
        Rows kept per document.

    Returns
    -------
    pandas.DataFrame
        The kept rows, in their original order (index reset).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a"] * 5 + ["b"], "i": range(6)})
    >>> sample_per_doc(df, 3)["i"].tolist()
    [0, 2, 4, 5]
    """
    if not isinstance(per_doc, int) or per_doc < 1:
        raise CorpuslibError(f"sample_per_doc: per_doc={per_doc!r}; need a positive integer")
    keep: list[int] = []
    for found in matches.groupby("doc_id", sort=False).indices.values():
        m = len(found)
        if m <= per_doc:
            keep.extend(found)
        elif per_doc == 1:
            keep.append(found[0])
        else:
            keep.extend(found[q * (m - 1) // (per_doc - 1)] for q in range(per_doc))
    return matches.iloc[sorted(keep)].reset_index(drop=True)


def _target_spans(tokens: Sequence[str], variants: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Non-overlapping ``[start, end)`` spans of any variant in *tokens*, longest first."""
    firsts = {v[0] for v in variants}
    where: dict[str, list[int]] = {}  # positions of each variant's first token
    for i, t in enumerate(tokens):
        if t in firsts:
            where.setdefault(t, []).append(i)
    if not where:
        return []
    taken: set[int] = set()
    spans: list[tuple[int, int]] = []
    for ttoks in sorted(variants, key=len, reverse=True):
        k = len(ttoks)
        for s in where.get(ttoks[0], ()):
            if (s + k <= len(tokens) and tuple(tokens[s : s + k]) == ttoks
                    and not taken & set(range(s, s + k))):
                spans.append((s, s + k))
                taken.update(range(s, s + k))
    return sorted(spans)


def _target_tokens(
    targets: Sequence[str], tok: Tokenizer, actors: Mapping[str, Actor] | None
) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Each target with the token sequences that mention it (all its names, for an actor)."""
    if isinstance(targets, str):
        targets = [targets]
    known = load_actors() if actors is None else actors
    out: list[tuple[str, list[tuple[str, ...]]]] = []
    for target in targets:
        names = known[target].names if target in known else (target,)
        variants = list(dict.fromkeys(tuple(tok(n)) for n in names if tok(n)))
        if not variants:
            raise CorpuslibError(
                f"targets: {target!r} gives no token with this tokenizer (a stopword?)"
            )
        out.append((target, variants))
    return out


def _actor_inputs(
    segments: pd.DataFrame, targets: Sequence[str], by: str | Sequence[str] | None,
    voices: Sequence[str] | None, langs: Sequence[str] | None, tokenizer: Tokenizer | None,
    actors: Mapping[str, Actor] | None, what: str,
) -> tuple[Tokenizer, list[tuple[str, list[tuple[str, ...]]]], list[str], pd.DataFrame]:
    """The tokenizer, the actors' name token sequences, the group columns and the units."""
    tok = _collocate_tokenizer(tokenizer)
    target_toks = _target_tokens(targets, tok, actors)
    by_cols = as_columns(by)
    require_columns(segments, ("text",), what)
    df = select_units(segments, voices=voices, langs=langs).reset_index(drop=True)
    require_columns(df, by_cols, f"{what} (by)")
    return tok, target_toks, by_cols, df


def count_mentions(
    segments: pd.DataFrame,
    targets: Sequence[str] = ("Iran", "US", "Iraq"),
    *,
    by: str | Sequence[str] | None = "outlet",
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
    actors: Mapping[str, Actor] | None = None,
) -> pd.DataFrame:
    """Count the mentions of each actor per group, as :func:`actor_collocates` finds them.

    The n behind each collocate list, also for groups where no collocate passes the
    thresholds (or the actor is never mentioned: ``n_target`` 0).

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``text`` and the ``by`` columns).
    targets : Sequence[str]
        Actors, matched as in :func:`actor_collocates`.
    by, voices, langs, tokenizer
        As in :func:`actor_collocates`.

    Returns
    -------
    pandas.DataFrame
        ``*by, target, n_target, n_tokens``: every group × target (groups sorted,
        targets in the order given); ``n_tokens`` is the group's token count with
        this tokenizer.

    Raises
    ------
    CorpuslibError
        If a target gives no token or a column is missing.
    """
    tok, target_toks, by_cols, df = _actor_inputs(
        segments, targets, by, voices, langs, tokenizer, actors, "count_mentions")
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    mentions: dict[tuple[str, ...], Counter[str]] = {}
    sizes: Counter[tuple[str, ...]] = Counter()
    distinct: dict[str, tuple[int, list[int]]] = {}  # a repeated text is matched once
    for key, text in zip(key_list, map(text_or_empty, df["text"].tolist()), strict=True):
        if text not in distinct:
            tokens = tok(text)
            distinct[text] = (len(tokens), [len(_target_spans(tokens, v)) for _t, v in target_toks])
        n_tokens, per_target = distinct[text]
        sizes[key] += n_tokens
        found = mentions.setdefault(key, Counter())
        for (target, _variants), n in zip(target_toks, per_target, strict=True):
            found[target] += n
    rows = [
        {
            **dict(zip(by_cols, key, strict=True)),
            "target": target,
            "n_target": int(mentions[key][target]),
            "n_tokens": int(sizes[key]),
        }
        for key in sorted(mentions)
        for target, _t in target_toks
    ]
    return pd.DataFrame(rows, columns=[*by_cols, "target", "n_target", "n_tokens"])


def _collocate_tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    if tokenizer is not None:
        return tokenizer
    return build_tokenizer(lowercase=True, stopwords=True, lemmatize=False, aliases=True)


def actor_collocates(
    segments: pd.DataFrame,
    targets: Sequence[str] = ("Iran", "US", "Iraq"),
    *,
    window: int = 5,
    by: str | Sequence[str] | None = "outlet",
    measure: Literal["likelihood", "pmi"] = "likelihood",
    min_count: int = 2,
    min_score: float | None = None,
    top_n: int = 15,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
    actors: Mapping[str, Actor] | None = None,
) -> pd.DataFrame:
    r"""Words found near each actor, per group, ranked by association.

    Each target is tokenized with the same tokenizer as the text and matched as that
    token sequence, exactly (no extra case folding). By default the tokenizer merges
    aliases and removes stopwords, so "US", "U.S." and "United States" all give the
    token ``US`` (kept apart from the pronoun "us", a stopword) and the collocates
    are content words. The *window* of a target occurrence is the ``window`` tokens on
    each side within the same text unit (never across segments). For each group and
    target, token positions in any window form the window sample (a position is
    counted once even if two occurrences' windows overlap); the target's own
    positions are excluded everywhere; all other positions of the group form the
    rest. For each word *w* with *a* occurrences in windows (``count``) and *b* in
    the rest:

    * ``measure="likelihood"``: G² of the 2×2 table window/rest × w/other words
      (Dunning 1993), keeping words more frequent in windows than in the rest;
    * ``measure="pmi"``: pointwise mutual information
      :math:`\log_2 \frac{a/n_{window}}{(a+b)/N}` (Church & Hanks 1990), unstable
      for rare words, hence ``min_count``.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, outlet, role, text``).
    targets : Sequence[str], default ("Iran", "US", "Iraq")
        Actors of ``data/lexicons/actors.yml`` (each mention by any of its names counts:
        "Iranian", "Tehran" and "the Islamic Republic" mention Iran) or any other words
        as the user writes them; multi-token names match consecutive tokens.
    actors : mapping, optional
        The actors lexicon; default ``data/lexicons/actors.yml``.
    window : int, default 5
        Tokens on each side.
    by : str or sequence of str, default "outlet"
        Grouping columns (``None``: the whole corpus).
    measure : {"likelihood", "pmi"}
        Association score.
    min_count : int, default 2
        Minimum co-occurrence count of a collocate.
    min_score : float, optional
        Keep collocates with ``score >= min_score``. Default (``None``): 3.84 for
        ``"likelihood"`` (G² ≥ 3.84 is p < 0.05 against :math:`\chi^2_1`,
        uncorrected), no threshold for ``"pmi"`` (rely on ``min_count``). Pass
        ``0`` (likelihood) or ``-inf`` to keep every attracted word.
    top_n : int, default 15
        Collocates kept per group and target.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer with aliases, no stopwords.

    Returns
    -------
    pandas.DataFrame
        ``*by, target, rank, term, count, count_group, n_window, n_tokens, n_target,
        score, measure``: ``count_group`` is the word's count in the group,
        ``n_window`` the window sample size, ``n_tokens`` the group's tokens and
        ``n_target`` the target's occurrences. Sorted by group, target (in the
        order given), rank (score descending, then count descending, then term).

    Raises
    ------
    CorpuslibError
        If ``window < 1``, ``measure`` is unknown or a target gives no token.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics*, 19(1), 61–74.

    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information,
    and lexicography. *Computational Linguistics*, 16(1), 22–29.
    """
    if window < 1:
        raise CorpuslibError(f"window: must be >= 1, got {window!r}")
    if measure not in ("likelihood", "pmi"):
        raise CorpuslibError(f"measure: expected 'likelihood' or 'pmi', got {measure!r}")
    if min_score is None:
        min_score = G2_CRITICAL_05 if measure == "likelihood" else -math.inf
    try:
        min_score = float(min_score)
    except (TypeError, ValueError):
        raise CorpuslibError(f"min_score: expected a number, got {min_score!r}") from None
    if math.isnan(min_score):
        raise CorpuslibError("min_score: must be a number, got NaN")
    tok, target_toks, by_cols, df = _actor_inputs(
        segments, targets, by, voices, langs, tokenizer, actors, "actor_collocates")

    # Tokens are compared as the tokenizer returns them (no case folding here: the
    # corpus tokenizer keeps the country "US" apart from the pronoun "us").
    distinct: dict[str, list[str]] = {}  # a repeated text is tokenized once
    tokenized = [
        distinct[t] if t in distinct else distinct.setdefault(t, tok(t))
        for t in map(text_or_empty, df["text"].tolist())
    ]
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(key_list):
        groups.setdefault(key, []).append(i)

    rows: list[dict[str, Any]] = []
    for key in sorted(groups):
        idx = groups[key]
        group_counts: Counter[str] = Counter()
        for i in idx:
            group_counts.update(tokenized[i])
        n_group = sum(group_counts.values())
        for target, variants in target_toks:
            win, excluded, n_occ = _window_counts([tokenized[i] for i in idx], variants, window)
            if n_occ == 0:
                continue
            ranked = _rank_collocates(win, excluded, group_counts, n_group, measure=measure,
                                      min_count=min_count, min_score=min_score)
            for rank, (sc, cnt, term) in enumerate(ranked[:top_n], start=1):
                rows.append({
                    **dict(zip(by_cols, key, strict=True)), "target": target, "rank": rank,
                    "term": term, "count": cnt, "count_group": int(group_counts[term]),
                    "n_window": int(sum(win.values())), "n_tokens": int(n_group),
                    "n_target": int(n_occ), "score": sc, "measure": measure,
                })
    columns = by_cols + [
        "target", "rank", "term", "count", "count_group", "n_window", "n_tokens",
        "n_target", "score", "measure",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _window_counts(
    units: list[list[str]], variants: list[tuple[str, ...]], window: int
) -> tuple[Counter[str], Counter[str], int]:
    """Tokens within *window* of a mention (each position once), the mentions' own tokens,
    and the number of mentions, over the units of one group."""
    win: Counter[str] = Counter()
    excluded: Counter[str] = Counter()
    n_occ = 0
    for tokens in units:
        spans = _target_spans(tokens, variants)
        if not spans:
            continue
        n_occ += len(spans)
        target_pos = {p for s, e in spans for p in range(s, e)}
        window_pos: set[int] = set()
        for s, e in spans:
            window_pos.update(range(max(0, s - window), s))
            window_pos.update(range(e, min(len(tokens), e + window)))
        win.update(tokens[p] for p in window_pos - target_pos)
        excluded.update(tokens[p] for p in target_pos)
    return win, excluded, n_occ


def _rank_collocates(
    win: Counter[str], excluded: Counter[str], group_counts: Counter[str], n_group: int, *,
    measure: str, min_count: int, min_score: float,
) -> list[tuple[float, int, str]]:
    """``(score, count, term)`` of the words attracted to the mentions, best first."""
    n_window = sum(win.values())
    n_rest = n_group - n_window - sum(excluded.values())
    terms = sorted(t for t, c in win.items() if c >= min_count)
    if not terms:
        return []
    a = np.array([win[t] for t in terms], dtype=float)
    b = np.array([group_counts[t] - win[t] - excluded[t] for t in terms], dtype=float)
    if measure == "likelihood":
        score = g2(a, b, n_window, n_rest)
        keep = a * n_rest > b * n_window  # attracted to the target, not repelled
    else:
        with np.errstate(divide="ignore"):
            score = np.log2((a / n_window) / ((a + b) / (n_window + n_rest)))
        keep = np.ones(len(terms), bool)
    keep &= score >= min_score
    ranked = [(float(score[j]), int(a[j]), terms[j]) for j in range(len(terms)) if keep[j]]
    # Round the score in the sort key so float noise cannot break ties.
    ranked.sort(key=lambda x: (-round(x[0], 9), -x[1], x[2]))
    return ranked
