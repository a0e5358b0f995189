"""Lexicon sentiment of text units, who is speaking, and author-commenter comparisons.

Two independent lexicon instruments score every unit:

* VADER (Hutto & Gilbert 2014) [1]_, on the text exactly as written: it reads
  capitals ("GOOD"), exclamation marks ("!!!"), emoticons, negation ("not
  good"), degree words and the contrastive "but". Text is never lowercased,
  tokenized or re-joined before VADER sees it. Its ``compound`` score is the
  normalised sum of valences, ``x / sqrt(x**2 + 15)``, in [-1, 1]. A long unit
  (paragraph, comment) is scored by :func:`aggregate_vader_valence` from its
  sentences' raw valences per 20 words, which does not saturate and is
  validated against VADER's human ratings (``benchmarks/SENTIMENT_VALIDATION.md``).
* TextBlob's pattern analyzer (De Smedt & Daelemans 2012) [2]_, the lexicon of
  the Pattern library: ``textblob_polarity`` in [-1, 1] and
  ``textblob_subjectivity`` in [0, 1]. Both lexicons ship inside their PyPI
  packages; nothing is downloaded.

Both lexicons are English. Units whose ``lang`` is not English are excluded
from scoring but kept, with a status, and counted in every comparison.

Comparisons of authors and commenters use :mod:`corpuslib.analysis.stats` (cluster
bootstrap intervals, permutation tests, Cliff's delta) and flag cells that are
too small to read.

References
----------
.. [1] Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model
   for sentiment analysis of social media text. *Proceedings of the
   International AAAI Conference on Web and Social Media (ICWSM-14)*, 8(1),
   216-225. https://doi.org/10.1609/icwsm.v8i1.14550
.. [2] De Smedt, T., & Daelemans, W. (2012). Pattern for Python. *Journal of
   Machine Learning Research*, 13, 2063-2067.
.. [3] Loria, S. (2018). TextBlob: Simplified text processing (Release 0.20).
   https://textblob.readthedocs.io/
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from corpuslib.analysis import stats
from corpuslib.analysis.cache import cache_folder, cached_rows
from corpuslib.analysis.memory import release_free_memory
from corpuslib.analysis.quotes import find_quotes, own_words
from corpuslib.analysis.tokens import ABBREVIATIONS, SENTENCE_STARTERS, split_sentences
from corpuslib.corpus.units import VOICES, select_units
from corpuslib.errors import CorpuslibError, SentimentError
from corpuslib.escape import escape_markdown
from corpuslib.parallel import chunked, map_ordered, resolve_engine

__all__ = [
    "INSTRUMENT_LABELS",
    "MEASURES",
    "POOLED_UNITS",
    "SCORE_COLUMNS",
    "SCORER_VERSION",
    "VADER_REF_WORDS",
    "WITHIN_PAGE",
    "aggregate_vader_valence",
    "check_scored",
    "compare_voices",
    "describe_comparison",
    "describe_page_differences",
    "extreme_units",
    "instrument_agreement",
    "lexicon_sensitivity",
    "lexicon_table",
    "mixed_model",
    "page_differences",
    "primary_measure",
    "score_segments",
    "sentiment_scores",
    "share_columns",
    "unit_counts",
    "unit_lengths",
    "word_contributions",
    "word_valences",
    "Aggregate",
    "Instrument",
    "Unit",
]


Instrument = Literal["vader", "textblob", "both"]


Unit = Literal["segment", "sentence"]
Aggregate = Literal["density", "sentence_mean"]

#: Reference length, in words, of the ``"density"`` aggregation
#: (:func:`aggregate_vader_valence`): a unit of up to this many words is
#: scored from its summed VADER valence, as VADER scores a tweet; a longer
#: unit from its valence per this many words. Validated in
#: ``benchmarks/SENTIMENT_VALIDATION.md``.
VADER_REF_WORDS: int = 20


#: Columns of :func:`sentiment_scores`, in order. Always all present; the
#: columns of an instrument that was not run are NaN.
SCORE_COLUMNS: tuple[str, ...] = (
    "compound",
    "pos",
    "neu",
    "neg",
    "textblob_polarity",
    "textblob_subjectivity",
    "n_sentences",
)


_VADER_COLUMNS = ("compound", "pos", "neu", "neg")


_TEXTBLOB_COLUMNS = ("textblob_polarity", "textblob_subjectivity")


#: The headline score of each instrument, both in [-1, 1].
MEASURES: dict[str, str] = {"vader": "compound", "textblob": "textblob_polarity"}


#: Human-readable axis/table labels of the score columns.
INSTRUMENT_LABELS: dict[str, str] = {
    "compound": "VADER compound",
    "textblob_polarity": "TextBlob polarity",
}


_META_COLUMNS = ("doc_id", "outlet", "role", "seq", "comment_id", "commenter", "quoted", "lang")


_REQUIRED = ("doc_id", "outlet", "role", "quoted", "lang", "text")


_WORDISH = re.compile(r"\w")

#: A sentence-end mark (Punkt breaks only after ``.``, ``?`` or ``!``) with a word
#: character somewhere after it: a text without one is a single sentence for the
#: default splitter (every piece after the first holds no letter or digit and is
#: joined to it), so it is scored whole without running Punkt.
_MAY_BREAK = re.compile(r"[.?!](?=.*\w)", re.DOTALL)


_SEGMENT = "__segment__"  # cluster key of sentences from one segment


def _lexicon_key(lexicon: Mapping[str, float] | None) -> tuple[tuple[str, float], ...]:
    """A hashable, order-free key of a lexicon override (its content)."""
    if not lexicon:
        return ()
    return tuple(sorted((str(w).lower(), float(v)) for w, v in lexicon.items()))


class _NoEmoji(str):
    """A text without emoji, iterated as one piece (see ``_vader``'s ``polarity_scores``).

    VADER's emoji pass reads ``for chr in text``: a character that is an emoji key
    is replaced, every other one is appended. Given this text it appends the whole
    text (as a plain ``str``) in one step, which is what the character-by-character
    pass builds when no character is an emoji key (and the text itself is no key).
    """

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        yield str.__str__(self)


@lru_cache(maxsize=8)
def _vader(override: tuple[tuple[str, float], ...] = ()) -> Any:
    """The VADER analyzer, built once per process and lexicon override (building it
    reads the lexicon); the cache is keyed by the override's content.

    It is VADER's own ``SentimentIntensityAnalyzer`` with two additions: the
    dict of ``polarity_scores`` also carries ``"raw"``, the summed valence
    VADER normalises into ``compound`` (word valences after every rule --
    case, degree words, negation, "but", idioms -- plus the "!"/"?"
    emphasis), unrounded; and ``"words"``, the (word, valence) pairs after
    the rules, before the emphasis. ``compound``, ``pos``, ``neu`` and
    ``neg`` are untouched. *override* (word, valence) pairs replace entries
    of a copy of VADER's lexicon (:func:`corpuslib.lexicons.load_sentiment_domain`).
    """
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    triggers = frozenset(w.lower() for w in NEGATE) | {"never", "without", "doubt", "so", "this"}

    class _RawValenceAnalyzer(SentimentIntensityAnalyzer):
        _words: list[tuple[str, float]] = []
        _emphasis = 0.0

        def __init__(self) -> None:
            super().__init__()
            # VADER's emoji pass looks each character up alone: only one-character
            # keys can match
            self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)

        def polarity_scores(self, text: str) -> dict[str, Any]:
            # VADER first copies the text character by character, replacing each
            # emoji by its description. A text with no emoji comes out of that pass
            # as it went in, so it is handed over as _NoEmoji, whose iteration gives
            # the whole text as one piece: the pass copies it in one step.
            if text.isascii() or (self._emoji_chars.isdisjoint(text) and text not in self.emojis):
                text = _NoEmoji(text)
            return super().polarity_scores(text)

        # VADER's negation and idiom checks lower-case the whole sentence on every
        # call (up to four calls per lexicon word: quadratic in the sentence's
        # length), yet read only the words from i - 3 to i + 2. They get that
        # window, with i moved to its place in it: the same words at the same
        # offsets, so the same arithmetic and the same scores (tested to the bit).
        # Below i = 3 the whole list is passed (a negative index would wrap).
        # The negation check changes a valence only when one of the three words
        # before the lexicon word is a negation (VADER's NEGATE list), holds "n't",
        # or is "so" or "this"; without one of those (lower-cased) it is not called.
        def _negation_check(
            self, valence: float, words: list[str], start_i: int, i: int
        ) -> float:
            before = " ".join(words[max(0, i - 3) : i]).lower()  # VADER's words hold no space
            if "n't" not in before and triggers.isdisjoint(before.split(" ")):
                return valence
            if i < 3:
                return super()._negation_check(valence, words, start_i, i)
            return super()._negation_check(valence, words[i - 3 : i + 1], start_i, 3)

        def _special_idioms_check(self, valence: float, words: list[str], i: int) -> float:
            if i < 3:
                return super()._special_idioms_check(valence, words, i)
            return super()._special_idioms_check(valence, words[i - 3 : i + 3], 3)

        def _but_check(self, words_and_emoticons: list[str], sentiments: list[float]) -> list:
            sentiments = super()._but_check(words_and_emoticons, sentiments)
            self._words = list(zip(words_and_emoticons, map(float, sentiments)))
            return sentiments

        def _punctuation_emphasis(self, text: str) -> float:
            # kept for score_valence below, which would otherwise count the marks again
            self._emphasis = super()._punctuation_emphasis(text)
            return self._emphasis

        def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
            scores = super().score_valence(sentiments, text)
            # The same arithmetic as SentimentIntensityAnalyzer.score_valence
            # (vaderSentiment 3.3.2) before it calls normalize(); it computed the
            # emphasis exactly when there are sentiments.
            total = float(sum(sentiments)) if sentiments else 0.0
            emphasis = self._emphasis if sentiments else 0.0
            if total > 0:
                total += emphasis
            elif total < 0:
                total -= emphasis
            scores["raw"] = total
            scores["words"] = self._words
            self._words = []
            return scores

    analyzer = _RawValenceAnalyzer()
    if override:
        analyzer.lexicon = {**analyzer.lexicon, **dict(override)}
    return analyzer


def aggregate_vader_valence(
    valences: Iterable[float],
    n_words: int,
    *,
    ref_words: float = VADER_REF_WORDS,
    alpha: float = 15.0,
) -> float:
    """One VADER compound for a long unit from its sentences' raw valences.

    VADER (Hutto & Gilbert 2014) [1]_ sums the valences of a text's words
    (after its rules for case, "!", degree words, negation and "but") and
    maps the sum *x* to ``compound = x / sqrt(x**2 + alpha)``, ``alpha =
    15``, a scale set for tweet-length texts. The sum grows with the length
    of the text, so whole-text compound saturates towards +-1 on paragraphs
    and long comments; averaging per-sentence compounds instead loses
    agreement with human ratings on short multi-sentence texts (see
    ``benchmarks/SENTIMENT_VALIDATION.md``).

    This aggregation ("valence density") keeps VADER's rules inside each
    sentence and its normalisation, and only rescales the sum by length::

        x = sum(valences) / max(1, n_words / ref_words)
        compound = x / sqrt(x**2 + alpha)

    A unit of at most *ref_words* words is scored from its summed valence, as
    VADER scores a tweet; a longer unit from its valence per *ref_words*
    words, so a text repeated k times keeps its score instead of saturating.

    Against the human ratings that ship with VADER (tweets, NYT editorial,
    movie review and Amazon review snippets) it matches whole-text VADER on
    the snippets and beats it on composites of 8 snippets on all four sets;
    every *ref_words* from 15 to 40 passes both bars
    (``benchmarks/validate_sentiment.py``).

    Pure: no I/O, no state.

    Parameters
    ----------
    valences : iterable of float
        Raw (un-normalised) VADER valence of each sentence: the sum VADER
        turns into that sentence's ``compound``.
    n_words : int
        Number of whitespace-separated words of the whole unit (values below
        1 count as 1).
    ref_words : float
        Reference length in words (default :data:`VADER_REF_WORDS`, about one
        tweet; the median tweet of VADER's validation set has 13 words).
    alpha : float
        VADER's normalisation constant (15 in VADER).

    Returns
    -------
    float
        Compound in [-1, 1]; 0.0 when the valences sum to 0 (or are empty).

    Examples
    --------
    >>> round(aggregate_vader_valence([1.9], 4), 4)  # "The food was good.": as VADER
    0.4404
    >>> one = aggregate_vader_valence([2.5, 1.5], 20)
    >>> one == aggregate_vader_valence([2.5, 1.5] * 8, 160)  # repeated 8 times
    True
    >>> round(aggregate_vader_valence([3.0, -1.0], 40), 4)  # 2.0 in 40 words -> 1.0 per 20
    0.25
    """
    if ref_words <= 0 or alpha <= 0:
        raise SentimentError(f"ref_words and alpha must be > 0; got {ref_words}, {alpha}")
    total = math.fsum(float(v) for v in valences)
    x = total / max(1.0, max(1, int(n_words)) / ref_words)
    if x == 0.0:
        return 0.0
    return max(-1.0, min(1.0, x / math.sqrt(x * x + alpha)))


@lru_cache(maxsize=1)
def _pattern() -> Callable[[str], tuple[float, float]]:
    """TextBlob's pattern sentiment function (what ``PatternAnalyzer.analyze`` calls)."""
    from textblob.en import sentiment as pattern_sentiment

    return pattern_sentiment


def _default_splitter() -> Callable[[str], list[str]]:

    return split_sentences


def _sentences(text: str, split: Callable[[str], list[str]]) -> list[str]:
    """Split *text* and return sentences as exact substrings of it.

    Pieces with no letter or digit (a trailing "!" that Punkt split off
    "GOOD!!!", a lone emoticon) are joined to the preceding sentence, so the
    emphasis stays with the words it belongs to. Pieces that are not
    substrings of *text* (a splitter that normalises) are kept as returned.
    """
    spans: list[tuple[int, int] | str] = []
    pos = 0
    for piece in split(text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, pos)
        if start < 0:
            spans.append(piece)
            continue
        end = start + len(piece)
        pos = end
        if spans and not _WORDISH.search(piece) and isinstance(spans[-1], tuple):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [text[s[0] : s[1]] if isinstance(s, tuple) else s for s in spans]


def _score_one(
    text: str, *, vader: bool, textblob: bool, lexicon: tuple[tuple[str, float], ...] = ()
) -> tuple[float, ...]:
    """Scores of one sentence-like unit: the order of SCORE_COLUMNS minus n_sentences,
    then VADER's raw (un-normalised) valence (NaN without VADER)."""
    out = [math.nan] * 7
    if vader:
        s = _vader(lexicon).polarity_scores(text)
        out[0:4] = [s["compound"], s["pos"], s["neu"], s["neg"]]
        out[6] = s["raw"]
    if textblob:
        polarity, subjectivity = _pattern()(text)
        out[4:6] = [float(polarity), float(subjectivity)]
    return tuple(out)


#: Version of corpuslib's scoring (sentence split, aggregation, VADER subclass); part of
#: the cache key, so bump it whenever a score for the same text and options changes.
SCORER_VERSION = "1"


def _cache_options(
    instrument: str, unit: str, aggregate: str, lexicon: Mapping[str, float] | None
) -> dict[str, Any]:
    """Everything a cached score depends on besides the text (the cache key)."""
    import importlib.metadata as md

    return {
        "scorer": SCORER_VERSION,
        "versions": {n: md.version(n) for n in ("vaderSentiment", "textblob", "nltk")},
        "instrument": instrument,
        "unit": unit,
        "aggregate": aggregate if unit == "segment" else None,
        "ref_words": VADER_REF_WORDS,
        "lexicon": [[w, v] for w, v in _lexicon_key(lexicon)],
        "splitter": {"abbreviations": sorted(ABBREVIATIONS), "starters": sorted(SENTENCE_STARTERS)}
        if unit == "segment"
        else None,
    }


def _check_choice(value: str, name: str, allowed: Collection[str]) -> str:
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise SentimentError(f"{name} must be one of {options}; got {value!r}")
    return value


def sentiment_scores(
    texts: Iterable[str],
    *,
    instrument: Instrument = "both",
    unit: Unit = "segment",
    splitter: Callable[[str], list[str]] | None = None,
    aggregate: Aggregate = "density",
    lexicon: Mapping[str, float] | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 2000,
    cache: bool | str | os.PathLike[str] = False,
) -> pd.DataFrame:
    """Score each text with VADER and/or TextBlob; one row per input text.

    Texts are scored as written: VADER receives the original characters, so
    capitals, repeated "!", emoticons, negation and "but" all count.

    How a text becomes a score depends on *unit*:

    ``unit="segment"`` (default; paragraphs, comments)
        The text is split into sentences with *splitter*
        (:func:`corpuslib.analysis.tokens.split_sentences` by default); a piece with
        no letter or digit (a "!" split off "GOOD!!!", a lone emoticon) is
        joined to the sentence before it, and every sentence is an exact
        substring of the text. A blank text gets NaN scores and
        ``n_sentences = 0``; a one-sentence text is scored in one VADER call.

        VADER's ``compound`` depends on *aggregate*:

        * ``"density"`` (default): :func:`aggregate_vader_valence` of the
          sentences' raw VADER valences and the text's word count, rounded to
          4 decimals as VADER rounds: the summed valence for a text of up to
          :data:`VADER_REF_WORDS` words (a one-sentence text that short gets
          exactly VADER's ``compound``), the valence per
          :data:`VADER_REF_WORDS` words for a longer one. It does not
          saturate on long units and is validated against human ratings
          (``benchmarks/SENTIMENT_VALIDATION.md``).
        * ``"sentence_mean"`` (the default before the validation): a
          one-sentence text gets exactly VADER's ``compound``; for k > 1
          sentences, the **length-weighted mean** of the sentence compounds
          (weight = whitespace-separated words, at least 1). It does not
          saturate either, but on multi-sentence tweets it agrees less with
          human ratings than VADER on the whole text does.

        Whole-text VADER (which saturates on long units) is ``unit="sentence"``.
        Under either *aggregate*, ``pos``, ``neu``, ``neg`` and TextBlob
        polarity and subjectivity of a k > 1 sentence text are the
        length-weighted means of the sentence scores.

    ``unit="sentence"``
        Each text is already one sentence (or a short unit the caller wants
        scored whole): it is scored in one call, never split;
        ``n_sentences = 1`` (0 for blank text).

    Parameters
    ----------
    texts : iterable of str
        The units. A :class:`pandas.Series` keeps its index in the result.
    instrument : {"both", "vader", "textblob"}
        Which instrument(s) to run. The columns of the other one are NaN.
    unit : {"segment", "sentence"}
        What one text is (see above).
    splitter : callable, optional
        ``str -> list[str]`` sentence splitter for ``unit="segment"``.
        Default :func:`corpuslib.analysis.tokens.split_sentences`. With ``jobs > 1`` it
        must be picklable (a module-level function).
    aggregate : {"density", "sentence_mean"}
        How ``unit="segment"`` turns sentence scores into VADER's
        ``compound`` (see above). Not used with ``unit="sentence"``.
    lexicon : mapping, optional
        Word -> valence entries that replace VADER's (a domain override such
        as :func:`corpuslib.lexicons.load_sentiment_domain`); applied to a
        copy of VADER's lexicon. Default: VADER as published.
    jobs, engine, scheduler, chunk_size
        Score chunks of ``chunk_size`` texts in ``jobs`` processes or on Dask
        (:func:`corpuslib.parallel.map_ordered`); the result is identical.
    cache : bool or path
        ``True``: keep scores in ``data/processed/cache`` (a path: in that folder),
        keyed by each text's hash, the instrument versions and every option above
        including the lexicon's content (:mod:`corpuslib.analysis.cache`): a text
        scored before with the same options is not scored again, and identical
        texts are scored once. Not with a custom *splitter* (its behaviour has no key).

    Returns
    -------
    pandas.DataFrame
        One row per text with the columns of :data:`SCORE_COLUMNS`:
        ``compound`` in [-1, 1]; ``pos``, ``neu``, ``neg`` (VADER's proportions,
        summing to about 1); ``textblob_polarity`` in [-1, 1];
        ``textblob_subjectivity`` in [0, 1]; ``n_sentences`` (int).

    Raises
    ------
    SentimentError
        If an option is invalid or a text is not a string (the message gives
        its position).

    Examples
    --------
    >>> df = sentiment_scores(["The food was good.", "The food was GOOD!!!"], unit="sentence")
    >>> df["compound"].tolist()
    [0.4404, 0.6714]
    >>> sentiment_scores(["The food was not good."], instrument="vader", unit="sentence")[
    ...     "compound"].item() < 0
    True
    """
    _check_choice(instrument, "instrument", ("both", "vader", "textblob"))
    _check_choice(unit, "unit", ("segment", "sentence"))
    _check_choice(aggregate, "aggregate", ("density", "sentence_mean"))
    if cache is not False and cache is not None:
        if splitter is not None:
            raise SentimentError("cache: scores with a custom splitter cannot be keyed; pass cache=False")
        index = texts.index if isinstance(texts, pd.Series) else None

        def checked() -> Iterator[str]:
            # a column's texts become Python strings a slice at a time, not all at once
            for i, text in enumerate(_text_slices(texts)):
                if not isinstance(text, str):
                    raise SentimentError(
                        f"texts[{i}] is {type(text).__name__}, expected str (fill or drop missing texts)"
                    )
                yield text

        def compute(distinct: list[str]) -> np.ndarray:
            return sentiment_scores(
                distinct, instrument=instrument, unit=unit, aggregate=aggregate, lexicon=lexicon,
                jobs=jobs, engine=engine, scheduler=scheduler, chunk_size=chunk_size,
            ).to_numpy(dtype=float)

        rows, _ = cached_rows(
            checked(), compute, folder=cache_folder(cache), name="sentiment",
            options=_cache_options(instrument, unit, aggregate, lexicon), columns=SCORE_COLUMNS,
        )
        frame = pd.DataFrame(rows[:, :6], columns=list(SCORE_COLUMNS[:-1]), index=index)
        frame["n_sentences"] = rows[:, 6].astype(np.int64)
        return frame
    engine, scheduler = resolve_engine(engine, scheduler)
    if jobs != 1 or engine != "local":

        index = texts.index if isinstance(texts, pd.Series) else None
        items = list(texts)
        parts = list(
            map_ordered(
                _score_chunk,
                [
                    (chunk, instrument, unit, splitter, aggregate, lexicon)
                    for chunk in chunked(items, chunk_size)
                ],
                jobs=jobs,
                engine=engine,
                scheduler=scheduler,
                preload=("corpuslib.analysis.warm",),
            )
        )
        if not parts:
            return sentiment_scores(
                [], instrument=instrument, unit=unit, splitter=splitter, aggregate=aggregate,
                lexicon=lexicon,
            )
        frame = pd.concat(parts, ignore_index=True)
        if index is not None:
            frame.index = index
        return frame
    use_vader = instrument in ("both", "vader")
    use_textblob = instrument in ("both", "textblob")
    index = texts.index if isinstance(texts, pd.Series) else None
    items = list(texts)
    split = None
    if unit == "segment":
        split = splitter if splitter is not None else _default_splitter()
    elif splitter is not None:
        raise SentimentError("splitter is only used with unit='segment'; got unit='sentence'")

    density = use_vader and unit == "segment" and aggregate == "density"
    key = _lexicon_key(lexicon)
    rows: list[tuple[float, ...]] = []
    counts: list[int] = []
    nan_row = (math.nan,) * 6
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise SentimentError(
                f"texts[{i}] is {type(text).__name__}, expected str (fill or drop missing texts)"
            )
        if not text.strip():
            rows.append(nan_row)
            counts.append(0)
            continue
        if split is None:
            rows.append(_score_one(text, vader=use_vader, textblob=use_textblob, lexicon=key)[:6])
            counts.append(1)
            continue
        one = splitter is None and not _MAY_BREAK.search(text)
        sentences = [text] if one else _sentences(text, split)
        if len(sentences) <= 1:  # exactly the one call's scores
            one = list(_score_one(text, vader=use_vader, textblob=use_textblob, lexicon=key))
            if density:
                one[0] = round(aggregate_vader_valence(one[6:], len(text.split())), 4)
            rows.append(tuple(one[:6]))
            counts.append(1)
            continue
        scores = np.array(
            [_score_one(s, vader=use_vader, textblob=use_textblob, lexicon=key) for s in sentences]
        )
        weights = np.array([max(1, len(s.split())) for s in sentences], dtype=float)
        row = weights @ scores / weights.sum()
        if density:
            row[0] = round(aggregate_vader_valence(scores[:, 6], len(text.split())), 4)
        rows.append(tuple(row[:6]))
        counts.append(len(sentences))

    frame = pd.DataFrame(
        np.array(rows, dtype=float).reshape(len(rows), 6),
        columns=list(SCORE_COLUMNS[:-1]),
        index=index,
    )
    frame["n_sentences"] = np.array(counts, dtype=np.int64)
    return frame


#: Texts of a column made Python strings at once by :func:`_text_slices`.
TEXT_SLICE = 50_000


def _text_slices(texts: Iterable[str], mask: np.ndarray | None = None) -> Iterator[Any]:
    """The items of *texts*; a Series's a slice of :data:`TEXT_SLICE` at a time, only the
    items where *mask* (a boolean array as long as the Series) is true, if given."""
    if not isinstance(texts, pd.Series):
        yield from texts
        return
    for lo in range(0, len(texts), TEXT_SLICE):
        part = texts.iloc[lo : lo + TEXT_SLICE]
        yield from (part if mask is None else part[mask[lo : lo + TEXT_SLICE]]).tolist()


def _score_chunk(args: tuple) -> pd.DataFrame:
    texts, instrument, unit, splitter, aggregate, lexicon = args
    return sentiment_scores(
        texts, instrument=instrument, unit=unit, splitter=splitter, aggregate=aggregate,
        lexicon=lexicon,
    )


def score_segments(
    segments: pd.DataFrame,
    *,
    voices: Collection[str] = ("author", "commenter"),
    langs: Collection[str] = ("en",),
    outlets: Collection[str] | None = None,
    exclude: pd.DataFrame | str | os.PathLike[str] | None = None,
    include_quoted: bool | None = None,
    unit: Unit = "segment",
    instrument: Instrument = "both",
    splitter: Callable[[str], list[str]] | None = None,
    aggregate: Aggregate = "density",
    quotes: Literal["remove", "keep"] = "remove",
    lexicon: Mapping[str, float] | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool | str | os.PathLike[str] = False,
) -> pd.DataFrame:
    """Assign each segment a voice and score it; report what was not scored.

    Units are chosen by :func:`~corpuslib.corpus.units.select_units` (*voices*,
    *outlets*, *exclude*): ``author`` is the writer's own voice, ``quoted`` the
    quotations inside articles (never merged into ``author``), ``commenter`` the
    comments. Every selected unit appears in the result with a ``status``:

    * ``scored`` -- scored with :func:`sentiment_scores`;
    * ``excluded_non_english`` -- ``lang`` not in *langs* (the lexicons are
      English; ``und`` is excluded too): kept and counted, scores NaN;
    * ``excluded_quoted`` (``excluded_author``, ``excluded_commenter``) -- a unit of a
      voice not in *voices*: kept and counted, scores NaN;
    * ``empty`` -- blank text.

    With ``quotes="remove"`` (default) each author paragraph and comment is
    scored on its own words only: quotations inside author paragraphs, and
    ``>`` quotes, quotations, passages copied from the article and pasted
    third-person statements inside comments are taken out at the character
    level (:func:`corpuslib.analysis.quotes.find_quotes`); a unit with nothing
    left is ``excluded_quoted``. ``quotes="keep"`` scores units whole.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segment table of :func:`corpuslib.load_segments` (needs at least
        ``doc_id, outlet, role, quoted, lang, text``).
    voices : collection of str
        Voices to score (``author``, ``quoted``, ``commenter``, ``title``).
    langs : collection of str
        ISO 639-1 codes the lexicons are used for.
    outlets : collection of str, optional
        Keep only these outlets (empty or None = all).
    exclude : DataFrame or path, optional
        Units a researcher excludes (:func:`~corpuslib.corpus.units.load_exclusions`).
    include_quoted : bool, optional
        Deprecated (0.1): ``True`` adds ``quoted`` to *voices*.
    unit : {"segment", "sentence"}
        ``"segment"``: one row per segment, multi-sentence segments scored as
        documented in :func:`sentiment_scores`. ``"sentence"``: each scored
        segment is split with *splitter* and each sentence becomes a row
        (column ``sentence`` numbers them from 0 within the segment);
        excluded segments stay one row each.
    instrument : {"both", "vader", "textblob"}
        Passed to :func:`sentiment_scores`.
    splitter : callable, optional
        Sentence splitter, default :func:`corpuslib.analysis.tokens.split_sentences`.
    aggregate : {"density", "sentence_mean"}
        How a multi-sentence segment gets its VADER ``compound`` in
        ``unit="segment"``; passed to :func:`sentiment_scores`.
    quotes : {"remove", "keep"}
        Score author and commenter units without (default) or with the
        quoted and pasted text inside them (see above).
    lexicon : mapping, optional
        VADER lexicon override (word -> valence), passed to
        :func:`sentiment_scores`; e.g. the news-domain override of
        :func:`corpuslib.lexicons.load_sentiment_domain`.
    jobs, engine, scheduler
        Parallel scoring, passed to :func:`sentiment_scores`.
    cache : bool or path
        Keep scores on disk and score only texts not scored before with the same
        options (passed to :func:`sentiment_scores`; not with a custom *splitter*).

    Returns
    -------
    pandas.DataFrame
        The metadata columns present in *segments* (``doc_id, outlet, role,
        seq, comment_id, commenter, quoted, lang``), then ``voice``,
        ``status``, ``sentence`` (Int64; NA in segment mode), ``text`` (what
        was scored: the unit's own words with ``quotes="remove"``),
        ``n_words`` (words of that text), ``unit_words`` (words of the whole
        unit's scored text), ``n_words_quoted`` (words taken out of the unit)
        and ``quote_kinds``, then the columns of :data:`SCORE_COLUMNS`. Rows
        in input order.

    Raises
    ------
    SentimentError
        If a required column is missing, an option is invalid, a role is not
        one of title, body, comment, boilerplate, or an outlet in *outlets*
        does not occur in *segments*.

    Examples
    --------
    >>> seg = pd.DataFrame({
    ...     "doc_id": ["d", "d", "d", "d"], "outlet": "O",
    ...     "role": ["title", "body", "body", "comment"],
    ...     "quoted": [False, False, True, False], "lang": ["en", "en", "en", "ar"],
    ...     "text": ["T", "A fine plan.", "Awful!", "نص"]})
    >>> score_segments(seg, unit="sentence")[["voice", "status"]].values.tolist()
    [['author', 'scored'], ['quoted', 'excluded_quoted'], ['commenter', 'excluded_non_english']]
    """
    if not isinstance(segments, pd.DataFrame):
        raise SentimentError(f"segments must be a DataFrame, got {type(segments).__name__}")
    missing = [c for c in _REQUIRED if c not in segments.columns]
    if missing:
        raise SentimentError(f"segments lacks column(s) {', '.join(missing)}")
    _check_choice(unit, "unit", ("segment", "sentence"))
    _check_choice(instrument, "instrument", ("both", "vader", "textblob"))
    if include_quoted is not None:
        warnings.warn("score_segments(include_quoted=...) is deprecated; pass voices=",
                      DeprecationWarning, stacklevel=2)
        voices = [v for v in voices if v != "quoted"] + (["quoted"] if include_quoted else [])
    _check_choice(aggregate, "aggregate", ("density", "sentence_mean"))
    _check_choice(quotes, "quotes", ("remove", "keep"))
    wanted_langs = {str(x) for x in langs}
    try:
        # every voice a reader of the page hears, so a unit left out shows with its status
        heard = [*dict.fromkeys([*voices, "author", "quoted", "commenter"])]
        seg = select_units(segments, voices=heard, langs=None, outlets=outlets, exclude=exclude)
    except CorpuslibError as exc:
        raise SentimentError(f"score_segments: {exc}") from exc

    meta = [c for c in _META_COLUMNS if c in seg.columns]
    base = seg[meta].reset_index(drop=True)
    base["voice"] = seg["voice"].astype(str).tolist()
    # the text of every unit as Python strings, made once: they are split into sentences
    if quotes == "remove" and len(seg) and "seq" in seg.columns:
        found = find_quotes(seg, article=segments)
        texts, quoted_words, quote_kinds = own_words(seg.reset_index(drop=True), found)
        n_quoted = np.array(quoted_words, dtype=np.int64)
        kinds = np.array(quote_kinds, dtype=object)
        del found, quoted_words, quote_kinds
    else:
        texts = seg["text"].fillna("").astype(str).tolist()
        n_quoted = np.zeros(len(base), dtype=np.int64)
        kinds = np.array([""] * len(base), dtype=object)
    # what follows reads the selection's columns from base and text only; the
    # intermediate tables and lists below are dropped as soon as they are used, so the
    # scoring step does not hold them beside the sentence table
    del seg
    release_free_memory()  # the selection's copies, before the sentence rows are made

    status = np.full(len(base), "scored", dtype=object)
    status[(~base["lang"].astype(str).isin(wanted_langs)).to_numpy()] = "excluded_non_english"
    for voice in ("author", "quoted", "commenter"):
        if voice not in voices:
            status[((base["voice"] == voice).to_numpy()) & (status == "scored")] = f"excluded_{voice}"
    # blank as the table's string column strips (Arrow's whitespace), a slice at a time
    blank = np.zeros(len(texts), dtype=bool)
    for lo in range(0, len(texts), TEXT_SLICE):
        part = pd.Series(texts[lo : lo + TEXT_SLICE], dtype="str")
        blank[lo : lo + len(part)] = (part.str.strip() == "").to_numpy(dtype=bool)
    status[blank & (n_quoted > 0) & (status == "scored")] = "excluded_quoted"
    status[blank & (status == "scored")] = "empty"
    base["status"] = status
    base["unit_words"] = np.array([len(x.split()) for x in texts], dtype=np.int64)
    base["n_words_quoted"] = n_quoted
    base["quote_kinds"] = kinds
    del kinds

    if unit == "sentence":
        split = splitter if splitter is not None else _default_splitter()
        texts_out: list[str] = []
        repeats = np.ones(len(base), dtype=np.intp)
        split_once: dict[str, list[str]] = {}  # a repeated text is split once
        unit_scored = status == "scored"
        for i, (t, ok) in enumerate(zip(texts, unit_scored, strict=True)):
            if ok:
                if t not in split_once:
                    split_once[t] = _sentences(t, split) or [t]
                sents = split_once[t]
                repeats[i] = len(sents)
                texts_out.extend(sents)
            else:
                texts_out.append(t)
        del split_once, texts
        # sentence rows made column-wise from each row's unit: its number within the
        # unit from the repeat counts, NA on the (one) row of a unit not scored
        unit_of = np.repeat(np.arange(len(base)), repeats)
        number = np.arange(len(unit_of), dtype=np.int64) - (np.cumsum(repeats) - repeats)[unit_of]
        not_split = ~unit_scored[unit_of]
        number[not_split] = 1  # the value pandas keeps under NA
        out = base.iloc[unit_of].reset_index(drop=True)
        del base, unit_of
        out["sentence"] = pd.arrays.IntegerArray(number, not_split)
        del number, not_split
        n_words = np.array([len(x.split()) for x in texts_out], dtype=np.int64)
        out["text"] = pd.Series(texts_out, dtype="str")
        del texts_out
        score_unit: Unit = "sentence"
    else:
        out = base.copy()
        out["sentence"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["text"] = pd.Series(texts, dtype="str")
        n_words = np.array([len(x.split()) for x in texts], dtype=np.int64)
        del texts
        score_unit = "segment"
    out["n_words"] = n_words
    tail = ["text", "n_words", "unit_words", "n_words_quoted", "quote_kinds"]
    out = out[[c for c in out.columns if c not in tail] + tail]

    scored_mask = (out["status"] == "scored").to_numpy()
    scores = np.full((len(out), len(SCORE_COLUMNS)), np.nan)
    scores[:, SCORE_COLUMNS.index("n_sentences")] = 0
    if scored_mask.any():
        got = sentiment_scores(
            # the scored texts a slice at a time: no copy of the sentence text column
            _text_slices(out["text"], scored_mask),
            instrument=instrument,
            unit=score_unit,
            splitter=splitter if score_unit == "segment" else None,
            aggregate=aggregate,
            lexicon=lexicon,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            cache=cache if splitter is None else False,
        )
        scores[scored_mask] = got[list(SCORE_COLUMNS)].to_numpy(dtype=float)
        del got
    # The score columns join the table in place: a concat would copy every column of a
    # sentence table (hundreds of MB on a large corpus) for a moment.
    out = out.reset_index(drop=True)
    for j, column in enumerate(SCORE_COLUMNS):
        values = scores[:, j]
        out[column] = values.astype(np.int64) if column == "n_sentences" else values.copy()
    return out


def primary_measure(instrument: Instrument) -> str:
    """The score column to show first for *instrument* (VADER's unless only TextBlob ran).

    Examples
    --------
    >>> primary_measure("both"), primary_measure("textblob")
    ('compound', 'textblob_polarity')
    """
    _check_choice(instrument, "instrument", ("both", "vader", "textblob"))
    return MEASURES["textblob" if instrument == "textblob" else "vader"]


def unit_counts(scored: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Units per group, voice and status: what was scored and what was excluded.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    by : str
        Grouping column.

    Returns
    -------
    pandas.DataFrame
        One row per (*by*, voice) with one integer column per status
        (``scored``, ``excluded_non_english``, ``excluded_quoted``, ``empty``
        always present; ``excluded_author``/``excluded_commenter`` when they occur) and
        ``total``.
    """
    check_scored(scored, extra=(by,))
    statuses = ["scored", "excluded_non_english", "excluded_quoted", "empty"]
    statuses += sorted(set(scored["status"].astype(str)) - set(statuses))
    table = (
        scored.assign(_key=scored[by].astype(str), _voice=scored["voice"].astype(str))
        .groupby(["_key", "_voice", "status"], sort=True)
        .size()
        .unstack("status", fill_value=0)
        .reindex(columns=statuses, fill_value=0)
        .reset_index()
        .rename(columns={"_key": by, "_voice": "voice"})
    )
    table.columns.name = None
    table["total"] = table[statuses].sum(axis=1)
    return table.astype({c: "int64" for c in [*statuses, "total"]})


def _measures(scored: pd.DataFrame, measures: Collection[str] | None) -> list[str]:
    if measures is None:
        return [m for m in MEASURES.values() if m in scored and scored[m].notna().any()]
    unknown = [m for m in measures if m not in scored.columns]
    if unknown:
        raise SentimentError(f"measures: column(s) {', '.join(unknown)} not in scored")
    return list(measures)


def check_scored(scored: pd.DataFrame, extra: Collection[str] = ()) -> None:
    if not isinstance(scored, pd.DataFrame):
        raise SentimentError(f"scored must be a DataFrame, got {type(scored).__name__}")
    missing = [c for c in ("voice", "status", "doc_id", *extra) if c not in scored.columns]
    if missing:
        raise SentimentError(
            f"scored lacks column(s) {', '.join(missing)}; pass the output of score_segments"
        )


def _columns(scored: pd.DataFrame, *names: str) -> pd.DataFrame:
    """*scored* with only the columns *names* that it has (once, in that order): rows
    filtered from it copy those columns, not the text of every sentence (no copy is made
    here under copy-on-write)."""
    return scored[[c for c in dict.fromkeys(names) if c in scored.columns]]


def _cell(
    sub: pd.DataFrame,
    measure: str,
    *,
    cluster: str | None,
    n_boot: int,
    n_perm: int,
    seed: int,
    min_n: int,
    min_clusters: int,
    ci: float,
) -> dict[str, Any]:
    ok = sub[(sub["status"] == "scored") & sub[measure].notna()]
    if cluster == _SEGMENT:
        ok = ok.assign(**{_SEGMENT: _unit_key(ok)})
    a_rows = ok[ok["voice"] == "author"]
    b_rows = ok[ok["voice"] == "commenter"]
    q = ok.loc[ok["voice"] == "quoted", measure].to_numpy(dtype=float)
    a = a_rows[measure].to_numpy(dtype=float)
    b = b_rows[measure].to_numpy(dtype=float)
    unit_col = ["doc_id", "seq"] if "seq" in sub.columns else ["doc_id"]
    row: dict[str, Any] = {
        "n_author": int(a.size),
        "n_commenter": int(b.size),
        "n_quoted": int(q.size),
        "n_docs_author": int(a_rows["doc_id"].nunique()),
        "n_docs_commenter": int(b_rows["doc_id"].nunique()),
        "n_segments_commenter": int(b_rows[unit_col].drop_duplicates().shape[0]),
        "excluded_non_english": int((sub["status"] == "excluded_non_english").sum()),
        "excluded_quoted": int((sub["status"] == "excluded_quoted").sum()),
        "mean_author": float(a.mean()) if a.size else math.nan,
        "mean_commenter": float(b.mean()) if b.size else math.nan,
        "mean_quoted": float(q.mean()) if q.size else math.nan,
        "median_author": float(np.median(a)) if a.size else math.nan,
        "median_commenter": float(np.median(b)) if b.size else math.nan,
        "diff": math.nan,
        "ci_low": math.nan,
        "ci_high": math.nan,
        "ci_method": "",
        "p_perm": math.nan,
        "cliffs_delta": math.nan,
        "magnitude": "",
    }
    k_a = k_b = None
    if cluster:
        k_a, k_b = int(a_rows[cluster].nunique()), int(b_rows[cluster].nunique())
    too_small, reason = stats.small_sample_flag(
        a.size,
        b.size,
        min_n=min_n,
        n_clusters_a=k_a,
        n_clusters_b=k_b,
        labels=("author", "commenter"),
        min_clusters=min_clusters,
        cluster_label="segment" if cluster == _SEGMENT else "document",
    )
    row["too_small"] = too_small
    row["reason"] = reason
    row["page_level"], row["page_reason"] = _page_level(a_rows, b_rows)
    if a.size and b.size:
        boot = stats.bootstrap_diff(
            a,
            b,
            n_boot=n_boot,
            seed=seed,
            ci=ci,
            clusters_a=a_rows[cluster].to_numpy() if cluster else None,
            clusters_b=b_rows[cluster].to_numpy() if cluster else None,
        )
        perm = stats.permutation_test(a, b, n_perm=n_perm, seed=seed)
        delta = stats.cliffs_delta(a, b)
        row.update(
            diff=boot.estimate,
            ci_low=boot.low,
            ci_high=boot.high,
            ci_method=(
                f"cluster bootstrap by {cluster} ({boot.n_clusters_a}+{boot.n_clusters_b})"
                if cluster
                else "unit bootstrap"
            ).replace(_SEGMENT, "segment"),
            p_perm=perm.p_value,
            cliffs_delta=delta.delta,
            magnitude=delta.magnitude,
        )
    return row


def _page_level(a_rows: pd.DataFrame, b_rows: pd.DataFrame) -> tuple[bool, str]:
    """Flag a comparison in which a voice's units all come from one page (document).

    Units of one page share its topic, its thread and its moment; resampling
    them says how well that page is measured, not how the outlet (or
    authors and commenters in general) would look on other pages.
    """
    if a_rows.empty or b_rows.empty:
        return (False, "")
    docs = {
        voice: sorted(rows["doc_id"].astype(str).unique())
        for voice, rows in (("author", a_rows), ("commenter", b_rows))
    }
    single = [voice for voice, ids in docs.items() if len(ids) == 1]
    if not single:
        return (False, "")
    if len(single) == 2 and docs["author"] == docs["commenter"]:
        where = f"author and commenter units all from one page ({docs['author'][0]})"
    else:
        where = "; ".join(f"{v} units all from one page ({docs[v][0]})" for v in single)
    return (
        True,
        f"{where}: the interval resamples units within the page, not pages, "
        "so it omits between-page variation",
    )


def _pool(scored: pd.DataFrame, measure: str, cluster: str, pooled_docs: str) -> pd.DataFrame:
    """Rows of the documents entering the pooled cell."""
    if pooled_docs == "all":
        return scored
    ok = scored[(scored["status"] == "scored") & scored[measure].notna()]
    a = set(ok.loc[ok["voice"] == "author", cluster])
    b = set(ok.loc[ok["voice"] == "commenter", cluster])
    return scored[scored[cluster].isin(a & b)]


def compare_voices(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    pooled: bool = True,
    measures: Collection[str] | None = None,
    n_boot: int = 2000,
    n_perm: int = 4999,
    seed: int = 0,
    min_n: int = 5,
    min_clusters: int = 5,
    ci: float = 0.95,
    cluster: str = "doc_id",
    pooled_docs: Literal["both_voices", "all"] = "both_voices",
    adjust: Literal["holm", "bh"] = "holm",
) -> pd.DataFrame:
    """Compare authors with commenters within each group (outlet) and pooled.

    For every measure (VADER ``compound``, TextBlob ``textblob_polarity``) and
    every cell (each value of *by*, then all groups pooled) it reports the n of
    each voice, means and medians, the difference of means (author minus
    commenter) with a bootstrap interval, a two-sided permutation p-value and
    Cliff's delta (:mod:`corpuslib.analysis.stats`).

    Within a group the units are resampled individually (unit bootstrap) or,
    when the units are sentences (``score_segments(unit="sentence")``), whole
    segments are resampled (cluster bootstrap by segment). The pooled cell
    resamples whole documents (*cluster*, cluster bootstrap after Field & Welsh
    2007 and Cameron, Gelbach & Miller 2008), since units of one page share a
    topic and a comment thread. The permutation p-value always treats units as
    exchangeable, which is optimistic for clustered data: read the pooled
    interval first.

    A cell in which either voice's units all come from one document is
    flagged ``page_level`` (with a ``page_reason``): its interval resamples
    paragraphs and comments of that one page, so it measures the page, not
    the outlet, and understates the uncertainty of any claim beyond it (the
    between-page variation is not in it). With one page per outlet, every
    per-outlet cell is page-level.

    The permutation p-values of one measure form a family (every cell with a
    test, per-group and pooled); ``p_adj`` adjusts them for multiplicity with
    :func:`corpuslib.analysis.stats.adjust_pvalues`: Holm's (1979) step-down procedure
    (family-wise error rate; Holm, S., *Scandinavian Journal of Statistics*
    6(2), 65-70) by default, or the Benjamini-Hochberg (1995) step-up
    procedure (false discovery rate; *JRSS B* 57(1), 289-300) with
    ``adjust="bh"``. ``p_adj_method`` names the procedure and the family size.

    By default the pooled cell uses only the documents (*cluster* values) that
    have scored units of both voices, so that authors of pages without a
    comment section do not enter a comparison their pages cannot contribute
    to; ``pooled_docs="all"`` pools every document. Per-group cells always use
    every unit of the group.

    A cell is flagged ``too_small`` (with a ``reason``) when a voice has fewer
    than *min_n* units, no units at all (an outlet without comments: statistics
    are NaN but the row is kept), or -- where clusters are resampled -- fewer
    than *min_clusters* documents (pooled) or segments (sentence units) per
    voice: with few clusters a cluster bootstrap interval is too narrow.
    Units excluded from scoring (non-English, quoted) are counted per cell.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    by : str
        Grouping column, e.g. ``"outlet"`` or ``"doc_id"``.
    pooled : bool
        Add the pooled cell (``scope == "pooled"``, *by* value ``"All"``).
    measures : collection of str, optional
        Score columns to compare; default the headline score of each
        instrument that was run (:data:`MEASURES`).
    n_boot, n_perm : int
        Bootstrap replicates and random permutations per cell.
    seed : int
        Seed for every cell (results are reproducible).
    min_n : int
        Fewest units per voice for a readable comparison.
    min_clusters : int
        Fewest clusters (documents or segments) per voice for a readable
        cluster interval.
    ci : float
        Interval coverage.
    cluster : str
        Cluster column of the pooled bootstrap.
    pooled_docs : {"both_voices", "all"}
        Which documents the pooled cell uses (see above).
    adjust : {"holm", "bh"}
        Multiplicity adjustment of ``p_perm`` within each measure (see above).

    Returns
    -------
    pandas.DataFrame
        One row per (measure, cell): ``measure, instrument, scope, <by>,
        n_author, n_commenter, n_quoted, n_docs_author, n_docs_commenter,
        n_segments_commenter, excluded_non_english, excluded_quoted,
        mean_author, mean_commenter, mean_quoted, median_author,
        median_commenter, diff, ci_low, ci_high, ci_method, p_perm, p_adj,
        p_adj_method, cliffs_delta, magnitude, too_small, reason,
        page_level, page_reason``.

    Raises
    ------
    SentimentError
        If *scored* lacks a needed column or a measure is unknown.
    """
    check_scored(scored, extra=(by, cluster))
    _check_choice(pooled_docs, "pooled_docs", ("both_voices", "all"))
    _check_choice(adjust, "adjust", tuple(stats.ADJUST_METHODS))
    scored = _columns(scored, by, cluster, "voice", "status", "doc_id", "seq", "sentence",
                      *MEASURES.values(), *(measures or ()))
    kwargs = dict(
        n_boot=n_boot, n_perm=n_perm, seed=seed, min_n=min_n, min_clusters=min_clusters, ci=ci
    )
    # Sentences of one segment are not independent: within a group, resample segments.
    per_sentence = "sentence" in scored.columns and scored["sentence"].notna().any()
    within = _SEGMENT if per_sentence and "seq" in scored.columns else None
    rows: list[dict[str, Any]] = []
    groups = sorted(scored[by].dropna().astype(str).unique())
    key = scored[by].astype(str)
    for measure in _measures(scored, measures):
        instrument = INSTRUMENT_LABELS.get(measure, measure)
        for g in groups:
            cell = _cell(scored[key == g], measure, cluster=within, **kwargs)
            rows.append({"measure": measure, "instrument": instrument, "scope": by, by: g, **cell})
        if pooled:
            cell = _cell(
                _pool(scored, measure, cluster, pooled_docs), measure, cluster=cluster, **kwargs
            )
            rows.append(
                {"measure": measure, "instrument": instrument, "scope": "pooled", by: "All", **cell}
            )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    p_adj = np.full(len(table), np.nan)
    methods = np.full(len(table), "", dtype=object)
    for _, idx in table.groupby("measure", sort=False).groups.items():
        pos = table.index.get_indexer(idx)
        p = table["p_perm"].to_numpy(dtype=float)[pos]
        p_adj[pos] = stats.adjust_pvalues(p, method=adjust)
        n_tests = int(np.isfinite(p).sum())
        methods[pos[np.isfinite(p)]] = f"{stats.ADJUST_METHODS[adjust]}, {n_tests} tests"
    at = table.columns.get_loc("p_perm") + 1
    table.insert(at, "p_adj", p_adj)
    table.insert(at + 1, "p_adj_method", methods)
    return table


def _fmt_cell(r: Any, by: str, ci: float) -> str:
    name = "pooled" if r["scope"] == "pooled" else escape_markdown(r[by])
    flags = [
        f for f, on in (("page-level", r.get("page_level")), ("too small", r["too_small"])) if on
    ]
    flag = f"; {', '.join(flags)}" if flags else ""
    return (
        f"{name} ({r['instrument']}: {r['diff']:+.2f}, {ci:.0%} CI "
        f"[{r['ci_low']:.2f}, {r['ci_high']:.2f}], n = {r['n_author']} / {r['n_commenter']}, "
        f"p_perm = {r['p_perm']:.3f}, p_adj = {r['p_adj']:.3f}{flag})"
    )


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_comparison(comparison: pd.DataFrame, *, ci: float = 0.95, alpha: float = 0.05) -> str:
    """What the author-commenter table supports, in a few sentences of Markdown.

    Written from the table itself (so the narrative of a report cannot drift
    from its numbers): which cells rest on one page (``page_level``) and
    what that means for their intervals, which intervals exclude zero, how
    many cells stay below *alpha* after the multiplicity adjustment
    (``p_adj``), and the pooled difference of every measure with its interval
    and n.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`compare_voices`.
    ci : float
        The interval coverage used in :func:`compare_voices` (for the text).
    alpha : float
        Level the adjusted p-values are read against.

    Returns
    -------
    str
        Markdown paragraphs separated by blank lines.

    Raises
    ------
    SentimentError
        If *comparison* lacks the columns of :func:`compare_voices`.
    """
    need = ("measure", "instrument", "scope", "diff", "ci_low", "ci_high", "p_perm", "p_adj")
    missing = [c for c in (*need, "too_small", "page_level") if c not in comparison.columns]
    if missing:
        raise SentimentError(
            f"comparison lacks column(s) {', '.join(missing)}; pass the output of compare_voices"
        )
    scopes = [s for s in comparison["scope"].unique() if s != "pooled"]
    by = scopes[0] if scopes else "outlet"
    by_text = escape_markdown(by)
    tested = comparison[comparison["diff"].notna()]
    groups = tested[tested["scope"] != "pooled"]
    paras: list[str] = []

    page = groups[groups["page_level"].astype(bool)]
    names = [escape_markdown(n) for n in dict.fromkeys(page[by].astype(str))]
    if names:
        n_groups = groups[by].nunique()
        every = "every" if len(names) == n_groups else f"{len(names)} of {n_groups}"
        both = "n_docs_author" in page and bool(
            ((page["n_docs_author"] == 1) & (page["n_docs_commenter"] == 1)).all()
        )
        who = (
            "the author units and the commenter units each come from a single page"
            if both
            else "the author or the commenter units all come from a single page"
        )
        paras.append(
            f"**Page-level cells.** In {every} {by_text} comparison with both voices "
            f"({_join(names)}) {who}. Their intervals resample "
            "paragraphs and comments within that page, so they describe the page, not the "
            f"{by_text}: a unit-level bootstrap leaves out the variation between pages and "
            f"understates the uncertainty of any claim about the {by_text}. Marked with squares "
            "in the forest plot and `page_level` in the table."
        )
    else:
        paras.append(f"No {by_text} comparison rests on a single page per voice.")

    excl = tested[(tested["ci_low"] > 0) | (tested["ci_high"] < 0)]
    if excl.empty:
        paras.append("No interval excludes zero.")
    else:
        cells = [_fmt_cell(r, by, ci) for _, r in excl.iterrows()]
        paras.append(f"Intervals that exclude zero: {_join(cells)}.")

    methods = sorted(set(tested["p_adj_method"].astype(str))) if "p_adj_method" in tested else []
    adjusted = f" ({'; '.join(methods)} per measure)" if methods else ""
    below = tested[tested["p_adj"] < alpha]
    if below.empty:
        paras.append(
            f"After adjusting the permutation p-values for multiplicity{adjusted}, "
            f"no comparison has p_adj < {alpha:g}."
        )
    else:
        cells = [_fmt_cell(r, by, ci) for _, r in below.iterrows()]
        paras.append(
            f"After adjusting the permutation p-values for multiplicity{adjusted}, "
            f"p_adj < {alpha:g} for {_join(cells)}."
        )

    pooled = comparison[comparison["scope"] == "pooled"]
    parts = []
    for _, r in pooled.iterrows():
        if not np.isfinite(r["diff"]):
            parts.append(f"{r['instrument']}: no comparison ({escape_markdown(r['reason'])})")
            continue
        docs = ""
        if "n_docs_author" in r:
            docs = f" from {r['n_docs_author']} / {r['n_docs_commenter']} pages"
        flag = f"; flagged too small: {escape_markdown(r['reason'])}" if r["too_small"] and r["reason"] else ""
        parts.append(
            f"{r['instrument']}: {r['diff']:+.2f}, {ci:.0%} CI [{r['ci_low']:.2f}, "
            f"{r['ci_high']:.2f}], n = {r['n_author']} author / {r['n_commenter']} "
            f"commenter units{docs}{flag}"
        )
    if parts:
        lines = "\n".join(f"- {p}" for p in parts)
        paras.append(
            "**Pooled, unit-weighted** author - commenter difference (pages resampled; it "
            "weights units, not pages, so it is not the within-page estimand):"
            f"\n\n{lines}"
        )
    return "\n\n".join(paras)


def instrument_agreement(scored: pd.DataFrame, *, ci: float = 0.95) -> pd.DataFrame:
    """Agreement of VADER compound and TextBlob polarity, per voice and overall.

    Pearson's r with a Fisher-z interval (:func:`corpuslib.analysis.stats.pearson_ci`)
    and Spearman's rho, over the scored units where both instruments ran.
    Low agreement means conclusions depend on the lexicon.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments` with ``instrument="both"``.
    ci : float
        Coverage of the Pearson interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``voice, n, pearson_r, pearson_low, pearson_high,
        spearman_rho``; one row per voice present, then ``voice == "all"``.
        Correlations are NaN with fewer than 3 pairs or a constant score
        (the interval needs 4 pairs).

    Raises
    ------
    SentimentError
        If *scored* lacks the score columns.
    """
    from scipy.stats import pearsonr, spearmanr

    check_scored(scored, extra=("compound", "textblob_polarity"))
    scored = _columns(scored, "voice", "status", "compound", "textblob_polarity")
    ok = scored[
        (scored["status"] == "scored")
        & scored["compound"].notna()
        & scored["textblob_polarity"].notna()
    ]
    present = [v for v in VOICES if (ok["voice"] == v).any()]
    rows = []
    for voice in [*present, "all"]:
        sub = ok if voice == "all" else ok[ok["voice"] == voice]
        x = sub["compound"].to_numpy(dtype=float)
        y = sub["textblob_polarity"].to_numpy(dtype=float)
        r = rho = math.nan
        if x.size >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = float(pearsonr(x, y)[0])
                rho = float(spearmanr(x, y)[0])
        low, high = stats.pearson_ci(r, int(x.size), ci=ci)
        rows.append(
            {
                "voice": voice,
                "n": int(x.size),
                "pearson_r": r,
                "pearson_low": low,
                "pearson_high": high,
                "spearman_rho": rho,
            }
        )
    return pd.DataFrame(rows)


_POSITION = "__position__"  # row of a unit in the scored table


def extreme_units(
    scored: pd.DataFrame,
    *,
    k: int = 5,
    measure: str = "compound",
    max_chars: int | None = 300,
) -> pd.DataFrame:
    """The *k* most negative and *k* most positive scored units, with their text.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    k : int
        Units per end.
    measure : str
        Score column to rank by.
    max_chars : int, optional
        Shorten longer texts to this many characters (ending in "..."); None
        keeps them whole.

    Returns
    -------
    pandas.DataFrame
        Columns ``end`` ("most negative" / "most positive"), ``rank``,
        ``score``, ``voice``, ``outlet``, ``doc_id``, ``seq``, ``sentence``
        (only when the units are sentences: it is left out when entirely NA,
        as in segment mode), ``text``. Ties are broken by document order, so
        the table is stable.

    Raises
    ------
    SentimentError
        If *k* < 1 or *measure* is not a column of *scored*.
    """
    check_scored(scored, extra=(measure,))
    if k < 1:
        raise SentimentError(f"k must be >= 1, got {k!r}")
    # ranked without the text; the text of the 2k rows shown is taken afterwards
    keep = ((scored["status"] == "scored") & scored[measure].notna()).to_numpy(dtype=bool)
    ok = _columns(scored, measure, "voice", "outlet", "doc_id", "seq", "sentence").loc[keep].copy()
    ok[_POSITION] = np.flatnonzero(keep)
    order = [c for c in ("doc_id", "seq", "sentence") if c in ok.columns]
    ok = ok.sort_values(order, kind="mergesort")
    parts = []
    for end, ascending in (("most negative", True), ("most positive", False)):
        top = ok.sort_values(measure, ascending=ascending, kind="mergesort").head(k)
        top = top.assign(end=end, rank=range(1, len(top) + 1), score=top[measure])
        if "text" in scored.columns:
            top["text"] = pd.Series(scored["text"].iloc[top[_POSITION].to_numpy()].array,
                                    index=top.index)  # fmt: skip
        parts.append(top)
    out = pd.concat(parts, ignore_index=True) if parts else ok
    if max_chars is not None:
        out["text"] = [
            t if len(t) <= max_chars else t[: max_chars - 3].rstrip() + "..." for t in out["text"]
        ]
    cols = [
        c
        for c in ("end", "rank", "score", "voice", "outlet", "doc_id", "seq", "sentence", "text")
        if c in out.columns and not (c == "sentence" and out[c].isna().all())
    ]
    return out[cols].reset_index(drop=True)


# ------------------------------------------------------------------ within-page comparison

#: Labels of the rows of :func:`page_differences`.
WITHIN_PAGE = "mean of within-page differences"
POOLED_UNITS = "pooled over units (unit-weighted)"


#: The columns the within-page estimates read: the rows they filter and sort carry no others
#: (not the text, which would be copied with every row of a sentence table).
_PAGE_COLUMNS = ("voice", "status", "doc_id", "seq", "outlet", "sentence", "n_words")


def _both_voices(scored: pd.DataFrame, measure: str, page: str) -> pd.DataFrame:
    """Scored rows of *measure* on pages with both voices; only the columns the page
    estimates read (:data:`_PAGE_COLUMNS`, *measure*, *page*)."""
    scored = _columns(scored, page, measure, *_PAGE_COLUMNS)
    ok = scored[
        (scored["status"] == "scored")
        & scored[measure].notna()
        & scored["voice"].isin(["author", "commenter"])
    ]
    both = ok.groupby(page, observed=True)["voice"].nunique()
    return ok[ok[page].isin(both[both == 2].index)]


def _unit_key(rows: pd.DataFrame) -> np.ndarray:
    """An integer per unit (``doc_id`` and ``seq``) of *rows*: equal on the rows of one
    unit and only there; no string is made per row (a sentence table has millions)."""
    doc = pd.factorize(rows["doc_id"], use_na_sentinel=False)[0].astype(np.int64)
    seq, seqs = pd.factorize(rows["seq"], use_na_sentinel=False)
    return doc * max(1, len(seqs)) + seq


def page_differences(
    scored: pd.DataFrame,
    *,
    measure: str = "compound",
    page: str = "doc_id",
    n_boot: int = 2000,
    n_perm: int = 9999,
    seed: int = 0,
    ci: float = 0.95,
    min_pages: int = 5,
) -> pd.DataFrame:
    """Author minus commenter sentiment within each page, and combined across pages.

    The estimand is the difference between the voices *on the same page*
    (same topic, same moment, same thread), averaged over pages with equal
    weight: ``mean_p (mean author_p - mean commenter_p)``. A pooled
    difference over all units instead weights each voice by its units, so
    that when one page supplies most author units and another most commenter
    units it compares pages, not voices.

    Rows of *scored* are the units that were scored (paragraphs and comments,
    or their sentences with ``score_segments(unit="sentence")``); only pages
    with scored units of both voices enter.

    * Per page (``scope == "page"``): the difference of means with a
      bootstrap interval that resamples whole units (paragraphs, comments)
      within the page (its sentences stay together), so it describes that
      page only.
    * Combined (``scope == WITHIN_PAGE``): the mean of the k page differences,
      a percentile bootstrap interval resampling pages
      (:func:`~corpuslib.analysis.stats.bootstrap_mean`; Field & Welsh 2007)
      and a two-sided sign-flip randomisation p-value over pages
      (:func:`~corpuslib.analysis.stats.sign_flip_test`; Fisher 1935),
      exact by enumeration of the 2**k sign patterns when that is feasible.
      Its smallest achievable value, ``2 / 2**k``, is in ``p_min``.
    * ``scope == POOLED_UNITS``: the unit-weighted pooled difference over the
      same pages, for comparison only, with a page-cluster bootstrap interval
      and no test. It is not the estimand.

    With fewer than *min_pages* pages every combined row is flagged
    ``too_small``: a page-level interval from a handful of pages is coarse
    and too narrow, and no p-value can fall below ``p_min``.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    measure : str
        Score column.
    page : str
        Column naming the page (the sampling unit).
    n_boot, n_perm : int
        Bootstrap replicates; random sign patterns when not enumerated.
    seed : int
        Seed of every resampling.
    ci : float
        Interval coverage.
    min_pages : int
        Fewest pages for a combined estimate that is not flagged.

    Returns
    -------
    pandas.DataFrame
        One row per page, then the within-page row, then the pooled row:
        ``scope, page, outlet, measure, n_pages, n_units_author, n_units_commenter,
        n_author, n_commenter, mean_author, mean_commenter, diff, ci_low,
        ci_high, ci_method, p, p_min, p_method, too_small, reason``
        (``n_author``/``n_commenter`` count scored rows: sentences or units).

    Raises
    ------
    SentimentError
        If *scored* lacks a needed column.

    References
    ----------
    Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B*,
    69(3), 369-390. Fisher, R. A. (1935). *The Design of Experiments*, section 21.
    """
    check_scored(scored, extra=(measure, page, "seq"))
    both = _both_voices(scored, measure, page)
    rows: list[dict[str, Any]] = []
    diffs: list[float] = []
    # one pass over numpy columns (pages in sorted order), not a DataFrame filter per page
    ordered = both.sort_values(page, kind="stable") if len(both) else both
    page_ids = ordered[page].to_numpy()
    bounds = np.flatnonzero(np.r_[True, page_ids[1:] != page_ids[:-1], True]) if len(both) else []
    values = ordered[measure].to_numpy(dtype=float)
    is_author = (ordered["voice"] == "author").to_numpy()
    units = _unit_key(ordered) if len(both) else np.array([], dtype=np.int64)
    outlets_col = ordered["outlet"].astype(str).to_numpy() if "outlet" in ordered.columns else None
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        author = is_author[lo:hi]
        a, b = values[lo:hi][author], values[lo:hi][~author]
        ua, ub = units[lo:hi][author], units[lo:hi][~author]
        boot = stats.bootstrap_diff(
            a, b, n_boot=n_boot, seed=seed, ci=ci, clusters_a=ua, clusters_b=ub,
        )
        n_ua, n_ub = len(set(ua.tolist())), len(set(ub.tolist()))
        small, why = stats.small_sample_flag(
            n_ua, n_ub, min_n=5, labels=("author unit", "commenter unit")
        )
        diffs.append(boot.estimate)
        rows.append({
            "scope": "page", "page": str(page_ids[lo]),
            "outlet": outlets_col[lo] if outlets_col is not None else "",
            "measure": measure, "n_pages": 1,
            "n_units_author": n_ua, "n_units_commenter": n_ub,
            "n_author": int(a.size), "n_commenter": int(b.size),
            "mean_author": float(a.mean()), "mean_commenter": float(b.mean()),
            "diff": boot.estimate, "ci_low": boot.low, "ci_high": boot.high,
            "ci_method": f"bootstrap of units within the page ({n_ua}+{n_ub})",
            "p": math.nan, "p_min": math.nan, "p_method": "", "too_small": small, "reason": why,
        })
    k = len(diffs)
    # the rows of both voices as arrays (in the table's order): no filtered copies of it
    both_author = (both["voice"] == "author").to_numpy()
    n_ua = int(np.unique(units[is_author]).size) if k else 0
    n_ub = int(np.unique(units[~is_author]).size) if k else 0
    common = {
        "page": "All", "outlet": "", "measure": measure, "n_pages": k,
        "n_units_author": n_ua, "n_units_commenter": n_ub,
        "n_author": int(both_author.sum()),
        "n_commenter": int((both["voice"] == "commenter").sum()),
    }
    small = k < min_pages
    reason = (
        f"{k} page(s) with both voices < min_pages = {min_pages}: the page bootstrap has "
        f"few distinct resamples and no p-value can be below 2/2^k"
        if small else ""
    )
    if k:
        flip = stats.sign_flip_test(diffs, n_perm=n_perm, seed=seed)
        low, high = stats.bootstrap_mean(diffs, n_boot=n_boot, seed=seed, ci=ci)
        p_min = stats.sign_flip_min_p(k) if flip.exact else 1 / (n_perm + 1)
        ma = float(np.mean([r["mean_author"] for r in rows]))
        mb = float(np.mean([r["mean_commenter"] for r in rows]))
        rows.append({
            "scope": WITHIN_PAGE, **common, "mean_author": ma, "mean_commenter": mb,
            "diff": flip.statistic, "ci_low": low, "ci_high": high,
            "ci_method": f"bootstrap of pages ({k})",
            "p": flip.p_value, "p_min": p_min,
            "p_method": (f"sign-flip over pages, exact ({flip.n_perm} patterns)" if flip.exact
                         else f"sign-flip over pages, {flip.n_perm} random patterns"),
            "too_small": small, "reason": reason,
        })
        scores = both[measure].to_numpy(dtype=float)
        page_labels = both[page].astype(str).to_numpy()
        both_commenter = (both["voice"] == "commenter").to_numpy()
        a_scores, b_scores = scores[both_author], scores[both_commenter]
        boot = stats.bootstrap_diff(
            a_scores, b_scores, n_boot=n_boot, seed=seed, ci=ci,
            clusters_a=page_labels[both_author], clusters_b=page_labels[both_commenter],
        )
        rows.append({
            "scope": POOLED_UNITS, **common,
            "mean_author": float(pd.Series(a_scores).mean()),
            "mean_commenter": float(pd.Series(b_scores).mean()),
            "diff": boot.estimate, "ci_low": boot.low, "ci_high": boot.high,
            "ci_method": f"bootstrap of pages ({k}), units weighted",
            "p": math.nan, "p_min": math.nan, "p_method": "not tested (not the estimand)",
            "too_small": small, "reason": reason,
        })
    columns = ["scope", "page", "outlet", "measure", "n_pages", "n_units_author", "n_units_commenter",
               "n_author", "n_commenter", "mean_author", "mean_commenter", "diff", "ci_low",
               "ci_high", "ci_method", "p", "p_min", "p_method", "too_small", "reason"]
    return pd.DataFrame(rows, columns=columns)


def mixed_model(
    scored: pd.DataFrame,
    *,
    measure: str = "compound",
    page: str = "doc_id",
    length: bool = True,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Author - commenter difference from a linear mixed model with a page random intercept.

    Fits ``score ~ author + log(words)`` with a random intercept per page and,
    when the rows are sentences, a variance component per unit (paragraph or
    comment) nested in the page, by REML (Laird & Ware 1982; Bates et al. 2015 for
    the nested structure) with :func:`corpuslib.analysis.stats.nested_intercepts_reml`,
    which evaluates the likelihood from per-unit sums in one pass (the same model
    and estimates as statsmodels' ``MixedLM``, which loops over pages in Python
    and took minutes at 10,000 pages; tested against it). ``author`` is 1 for the
    author voice, 0 for commenters, so its coefficient is the within-page
    difference adjusted for length. Only pages with both voices enter. With few
    pages the page variance is poorly estimated and the Wald interval
    optimistic; ``note`` says so, and names a variance estimated at zero or a fit
    that did not converge.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    measure, page : str
        Score column and page column.
    length : bool
        Add ``log(words)`` of the scored row as a covariate.
    ci : float
        Coverage of the Wald interval.

    Returns
    -------
    pandas.DataFrame
        One row: ``term, estimate, se, ci_low, ci_high, p, n_pages, n_units,
        n_rows, page_sd, unit_sd, covariates, method, note``. NaN estimates
        (with a note) when fewer than 2 pages have both voices.

    References
    ----------
    Laird, N. M., & Ware, J. H. (1982). Random-effects models for longitudinal data.
    *Biometrics*, 38(4), 963-974. Bates, D., Mächler, M., Bolker, B., & Walker, S.
    (2015). Fitting linear mixed-effects models using lme4. *Journal of Statistical
    Software*, 67(1). https://doi.org/10.18637/jss.v067.i01
    """
    from scipy.stats import norm

    check_scored(scored, extra=(measure, page, "seq"))
    both = _both_voices(scored, measure, page)
    per_sentence = "sentence" in both.columns and both["sentence"].notna().any()
    data = pd.DataFrame({
        "y": both[measure].to_numpy(dtype=float),
        "author": (both["voice"] == "author").to_numpy(dtype=float),
        "log_words": np.log(np.maximum(1, both["n_words"].to_numpy(dtype=float)))
        if "n_words" in both else np.zeros(len(both)),
        "page": both[page].astype(str).to_numpy(),
        "unit": _unit_key(both) if len(both) else np.array([], dtype=object),
    })
    k = data["page"].nunique()
    covariates = "log(words)" if length else "none"
    row: dict[str, Any] = {
        "term": "author - commenter", "estimate": math.nan, "se": math.nan,
        "ci_low": math.nan, "ci_high": math.nan, "p": math.nan, "n_pages": k,
        "n_units": int(data["unit"].nunique()), "n_rows": len(data),
        "page_sd": math.nan, "unit_sd": math.nan, "covariates": covariates,
        "method": "linear mixed model, REML: page random intercept"
        + (" + unit variance component" if per_sentence else ""),
        "note": "",
    }
    if k < 2:
        row["note"] = f"{k} page(s) with both voices: no model"
        return pd.DataFrame([row])
    design = [np.ones(len(data)), data["author"].to_numpy()]
    if length:
        design.append(data["log_words"].to_numpy())
    fit = stats.nested_intercepts_reml(
        data["y"].to_numpy(), np.column_stack(design), data["page"].to_numpy(),
        data["unit"].to_numpy() if per_sentence else None,
    )
    z = norm.ppf(0.5 + ci / 2)
    est, se = float(fit.beta[1]), float(np.sqrt(fit.cov[1, 1]))
    row.update(
        estimate=est, se=se, ci_low=est - z * se, ci_high=est + z * se,
        p=float(2 * norm.sf(abs(est / se))) if se > 0 else math.nan,
        page_sd=math.sqrt(fit.page_var),
        unit_sd=math.sqrt(fit.unit_var) if per_sentence else math.nan,
        note="; ".join(
            ([f"{k} pages: the page variance is poorly estimated"] if k < 5 else [])
            + ([] if fit.converged else ["did not converge"])
            + [f"{name} variance estimated at the boundary (0)" for name in fit.boundary]
        ),
    )
    return pd.DataFrame([row])


def unit_lengths(scored: pd.DataFrame) -> pd.DataFrame:
    """Length in words of the scored units per voice (after quotes were taken out).

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments` (segment or sentence rows).

    Returns
    -------
    pandas.DataFrame
        One row per voice: ``voice, n_pages, n_units, words_min, words_q1,
        words_median, words_q3, words_max, sentences_median,
        sentence_words_median, words_quoted`` (words taken out as quoted or
        pasted).
    """
    check_scored(scored, extra=("seq", "unit_words", "n_words_quoted"))
    scored = _columns(scored, "status", "voice", "doc_id", "seq", "sentence", "unit_words",
                      "n_words_quoted", "n_sentences", "n_words")
    ok = scored[scored["status"] == "scored"]
    rows = []
    for voice in [v for v in VOICES if (ok["voice"] == v).any()]:
        g = ok[ok["voice"] == voice]
        units = g.drop_duplicates(["doc_id", "seq"])
        w = units["unit_words"].to_numpy(dtype=float)
        per_sentence = "sentence" in g.columns and g["sentence"].notna().any()
        n_sent = (g.groupby(["doc_id", "seq"]).size() if per_sentence
                  else units["n_sentences"])
        sent_words = g["n_words"] if per_sentence else pd.Series(dtype=float)
        rows.append({
            "voice": voice, "n_pages": int(units["doc_id"].nunique()), "n_units": len(units),
            "words_min": int(w.min()), "words_q1": float(np.quantile(w, 0.25)),
            "words_median": float(np.median(w)), "words_q3": float(np.quantile(w, 0.75)),
            "words_max": int(w.max()), "sentences_median": float(np.median(n_sent)),
            "sentence_words_median": float(np.median(sent_words)) if len(sent_words) else math.nan,
            "words_quoted": int(units["n_words_quoted"].sum()),
        })
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ which words drive a score


def word_valences(
    text: str, *, lexicon: Mapping[str, float] | None = None
) -> list[tuple[str, float]]:
    """The valence VADER gives each word of one sentence, after its rules.

    Case, degree words, negation and "but" are applied as in VADER's
    ``polarity_scores``; words without valence get 0. The "!"/"?" emphasis
    VADER adds to a whole sentence belongs to no word and is left out.

    Examples
    --------
    >>> [(w, v) for w, v in word_valences("The attack was not good.") if v]
    [('attack', -2.1), ('good', -1.406)]
    >>> [(w, v) for w, v in word_valences("The attack was not good.", lexicon={"attack": 0})
    ...  if v]
    [('good', -1.406)]
    """
    words = _vader(_lexicon_key(lexicon)).polarity_scores(text)["words"]
    return [(w.lower(), round(v, 4)) for w, v in words]


def word_contributions(
    scored: pd.DataFrame,
    *,
    lexicon: Mapping[str, float] | None = None,
    splitter: Callable[[str], list[str]] | None = None,
) -> pd.DataFrame:
    """Which words make up each voice's VADER score: per-word valence summed per voice.

    Every scored row is split into sentences (rows that already are
    sentences are kept whole) and each word's valence after VADER's rules
    (:func:`word_valences`) is summed per voice. ``share`` is the word's part
    of all the valence of its voice, signed (``valence_sum / sum |valence|``
    of the voice), so a few topic words with a large share show that a
    voice's score is about *what* it reports. Scores with a lexicon override
    must be read with the same *lexicon*.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    lexicon : mapping, optional
        The VADER lexicon override the scores were made with.
    splitter : callable, optional
        Sentence splitter (default :func:`corpuslib.analysis.tokens.split_sentences`).

    Returns
    -------
    pandas.DataFrame
        ``voice, word, n, valence_sum, valence_mean, share, per_1k_words``, one
        row per word with non-zero valence, per voice sorted by
        ``|valence_sum|`` descending.
    """
    check_scored(scored)
    scored = _columns(scored, "status", "text", "voice", "sentence")
    ok = scored[(scored["status"] == "scored") & scored["text"].notna()]
    split = splitter if splitter is not None else _default_splitter()
    per_sentence = "sentence" in ok.columns and ok["sentence"].notna().any()
    rows: list[dict[str, Any]] = []
    valenced: dict[str, list[tuple[str, float]]] = {}  # a repeated sentence is scored once
    for voice in [v for v in VOICES if (ok["voice"] == v).any()]:
        texts = ok.loc[ok["voice"] == voice, "text"].astype(str)
        sums: dict[str, list[float]] = {}
        n_words = 0
        for text in texts:
            n_words += len(text.split())
            sentences = [text] if per_sentence else (_sentences(text, split) or [text])
            for sentence in sentences:
                if sentence not in valenced:
                    valenced[sentence] = [
                        (w, v) for w, v in word_valences(sentence, lexicon=lexicon) if v
                    ]
                for w, v in valenced[sentence]:
                    sums.setdefault(w, []).append(v)
        total = math.fsum(abs(v) for vs in sums.values() for v in vs) or 1.0
        part = [
            {"voice": voice, "word": w, "n": len(vs), "valence_sum": round(math.fsum(vs), 4),
             "valence_mean": round(math.fsum(vs) / len(vs), 4),
             "share": math.fsum(vs) / total,
             "per_1k_words": 1000 * math.fsum(vs) / max(1, n_words)}
            for w, vs in sums.items()
        ]
        part.sort(key=lambda r: (-abs(r["valence_sum"]), r["word"]))
        rows += part
    columns = ["voice", "word", "n", "valence_sum", "valence_mean", "share", "per_1k_words"]
    return pd.DataFrame(rows, columns=columns)


def lexicon_table(lexicon: Mapping[str, float]) -> pd.DataFrame:
    """A domain override beside VADER's own valences: what the override changes.

    Returns
    -------
    pandas.DataFrame
        ``word, vader, override, changed`` (``vader`` NaN for a word VADER
        does not know: the entry has no effect), in the override's order.

    Examples
    --------
    >>> lexicon_table({"war": 0.0, "military": 0.0}).values.tolist()
    [['war', -2.9, 0.0, True], ['military', nan, 0.0, False]]
    """
    vader = _vader().lexicon
    rows = [
        {"word": w, "vader": float(vader[w]) if w in vader else math.nan,
         "override": float(v), "changed": w in vader and float(vader[w]) != float(v)}
        for w, v in lexicon.items()
    ]
    return pd.DataFrame(rows, columns=["word", "vader", "override", "changed"])


def lexicon_sensitivity(results: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack :func:`page_differences` tables made with different lexicons, side by side.

    Parameters
    ----------
    results : mapping
        Lexicon label (e.g. ``"VADER as published"``, ``"news-domain override"``)
        -> output of :func:`page_differences`.

    Returns
    -------
    pandas.DataFrame
        The rows of every table with a first column ``lexicon``.
    """
    if not results:
        raise SentimentError("lexicon_sensitivity: no results given")
    return pd.concat(
        [t.assign(lexicon=label) for label, t in results.items()], ignore_index=True
    ).pipe(lambda df: df[["lexicon", *[c for c in df.columns if c != "lexicon"]]])


def _same_column(a: pd.Series, b: pd.Series) -> bool:
    """Equal dtype and values, floats bit for bit (``-0.0`` is not ``0.0``, NaN is NaN)."""
    if a.dtype != b.dtype or len(a) != len(b):
        return False
    if isinstance(a.dtype, np.dtype) and a.dtype.kind in "fc":
        x, y = a.to_numpy(), b.to_numpy()
        return bool(np.array_equal(x.view(np.uint8), y.view(np.uint8)))
    return bool(a.equals(b))


def share_columns(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same tables, each column that equals the first table's held once in memory.

    Score tables of one selection made with different lexicons (:func:`score_segments`)
    differ only in their score columns; the unit columns (ids, voice, status, the text
    of every sentence) are equal. This returns tables equal to *tables* (dtypes, values,
    index, column order) in which every column equal to the first table's column of
    that name (same index, same dtype, same values, floats bit for bit) is that column:
    the unit columns of a sentence table are held once, not once per lexicon. Under
    pandas' copy-on-write a later change to one table does not reach another.

    Parameters
    ----------
    tables : mapping
        Label -> table; the first is the reference.

    Returns
    -------
    dict
        Label -> table, in the order of *tables*.
    """
    items = list(tables.items())
    if not items:
        return {}
    first = items[0][1]
    out = {items[0][0]: first}
    for label, table in items[1:]:
        if (table.columns.has_duplicates or first.columns.has_duplicates
                or not table.index.is_unique or table.index.dtype != first.index.dtype
                or not table.index.equals(first.index)):
            out[label] = table
            continue
        columns = {
            c: (first[c] if c in first.columns and _same_column(table[c], first[c]) else table[c])
            for c in table.columns
        }
        shared = pd.DataFrame(columns, index=table.index, copy=False)
        shared.columns = table.columns
        shared.attrs = dict(table.attrs)
        out[label] = shared
    return out


def describe_page_differences(table: pd.DataFrame, *, ci: float = 0.95) -> str:
    """What the within-page comparison supports, in Markdown, written from the table.

    For every lexicon (or the one table) it states the mean of within-page
    differences with its page-bootstrap interval, the sign-flip p-value, the
    number of pages k and units, the smallest p-value k pages allow
    (``2 / 2**k``), the too-small flag, and the unit-weighted pooled number
    labelled as not the estimand.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`page_differences` or :func:`lexicon_sensitivity`.
    ci : float
        Interval coverage used (for the text).

    Returns
    -------
    str
        Markdown, one bullet per lexicon and a closing sentence.
    """
    if "scope" not in table.columns:
        raise SentimentError("describe_page_differences: pass the output of page_differences")
    table = table if "lexicon" in table.columns else table.assign(lexicon="")
    bullets, notes = [], []
    for lex, t in table.groupby("lexicon", sort=False):
        w = t[t["scope"] == WITHIN_PAGE]
        name = f"**{lex}**: " if lex else ""
        if w.empty:
            bullets.append(f"- {name}no page has scored units of both voices: no comparison.")
            continue
        r = w.iloc[0]
        pooled = t[t["scope"] == POOLED_UNITS].iloc[0]
        bullets.append(
            f"- {name}mean of within-page differences {r['diff']:+.2f}, {ci:.0%} page-bootstrap "
            f"interval [{r['ci_low']:+.2f}, {r['ci_high']:+.2f}], {r['p_method']}: "
            f"p = {r['p']:.2f}; k = {r['n_pages']} pages, n = {r['n_units_author']} author / "
            f"{r['n_units_commenter']} commenter units ({r['n_author']} / {r['n_commenter']} "
            f"scored rows). For comparison, the unit-weighted pooled difference (not the "
            f"estimand) is {pooled['diff']:+.2f} [{pooled['ci_low']:+.2f}, "
            f"{pooled['ci_high']:+.2f}]."
        )
        k = int(r["n_pages"])
        if "exact" in str(r["p_method"]):
            note = (
                f"With k = {k} pages the sign-flip test has 2^{k} = {2**k} sign patterns, so "
                f"the smallest p-value it can give is 2/2^{k} = {r['p_min']:.3g}"
            )
        else:
            note = f"The sign-flip p-value cannot fall below {r['p_min']:.3g}"
        note += (": no result from these pages can reach p < 0.05."
                 if r["p_min"] >= 0.05 else ".")
        if r["too_small"]:
            note += f" Flagged too small: {r['reason']}."
        notes.append(note)
    return "\n".join(bullets) + "\n\n" + " ".join(dict.fromkeys(notes))
