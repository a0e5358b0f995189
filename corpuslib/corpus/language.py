"""Offline, deterministic language identification of units (ISO 639-1 codes).

Uses lingua (its models ship inside the package) restricted to the candidate
languages in ``data/lexicons/layout.yml``. Short or uncertain units borrow the
language of their document when written in the same script, so a two-word
English comment is ``en`` rather than a low-confidence guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import regex

__all__ = [
    "load_models",
    "MIN_VOTE_WORDS",
    "SAMPLE_CHARS",
    "UNDETERMINED",
    "VOTE_MARGIN",
    "VOTE_SHARE",
    "detect_languages",
    "guess_language",
    "script_of",
]


UNDETERMINED = "und"


# Characters of a unit given to the detector: the language of a paragraph is
# settled by its first few sentences, and detection time grows with length.
SAMPLE_CHARS = 400


_LETTER = regex.compile(r"\p{L}")


_WORD = regex.compile(r"\p{L}+")


# Text whose letters are all ASCII (most English units, curly quotes and dashes
# allowed) takes cheaper equivalents of the two above. Whether a non-ASCII letter
# occurs is decided by the same engine and Unicode tables as _LETTER.
_NON_ASCII_LETTER = regex.compile(r"[[^\x00-\x7F]&&\p{L}]", regex.V1)


_ASCII_WORD = re.compile(r"[A-Za-z]+")


_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


# Stopword vote (a fast path before the statistical detector): a unit of at least
# MIN_VOTE_WORDS words whose share of one candidate's function words is at least
# VOTE_SHARE, and VOTE_MARGIN above any other candidate's, is taken to be in that
# language. Function-word profiles are the classic cheap language identifier
# (Grefenstette 1995, "Comparing two language identification schemes", JADT).
MIN_VOTE_WORDS = 12


VOTE_SHARE = 0.30


VOTE_MARGIN = 0.15


@lru_cache(maxsize=4)
def _function_words(candidates: tuple[str, ...]) -> dict[str, frozenset[str]]:
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    lists = {}
    for code in candidates:
        if code in LANGUAGE_MAPPING:
            lists[code] = frozenset(w.casefold() for w in get_stop_words(code))
    return lists


@lru_cache(maxsize=4)
def _function_word_index(candidates: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """word -> the candidate languages whose function-word list holds it."""
    index: dict[str, list[str]] = {}
    for code, words in _function_words(candidates).items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


def _vote(sample: str, candidates: tuple[str, ...]) -> str | None:
    if _letters_are_ascii(sample):
        words = _ASCII_WORD.findall(sample.lower())
    else:
        words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < MIN_VOTE_WORDS:
        return None
    index = _function_word_index(candidates)
    hits = Counter(chain.from_iterable(filter(None, map(index.get, words))))
    if not hits:
        return None
    (code, best), *rest = hits.most_common(2) + [("", 0)]
    runner_up = rest[0][1]
    n = len(words)
    return code if best / n >= VOTE_SHARE and (best - runner_up) / n >= VOTE_MARGIN else None


@lru_cache(maxsize=4096)
def _script_of_char(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


@lru_cache(maxsize=4)
def _detector(candidates: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in candidates]
    if len(languages) == 1:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()


def load_models(candidates: Sequence[str] = ("en",)) -> None:
    """Load the detector's models for *candidates* now instead of at the first unit.

    Worker pools call it in their forkserver (:mod:`corpuslib.corpus.warm`) so the
    workers forked from it share the loaded models (copy-on-write) instead of each
    loading its own. Sequential detection only: no lingua thread pool is started.
    """
    candidates = tuple(candidates)
    _function_word_index(candidates)
    detector = _detector(candidates)
    if detector is not None:
        detector.compute_language_confidence_values("The models load on the first text.")


def script_of(text: str) -> str | None:
    """Return the majority Unicode script of the letters in ``text`` (e.g. ``LATIN``).

    >>> script_of("Iran and Iraq")
    'LATIN'
    >>> script_of("ثلاثة أخطاء إيرانية")
    'ARABIC'
    >>> script_of("2007 -- !!") is None
    True
    """
    return _majority_script(_LETTER.findall(text[: 4 * SAMPLE_CHARS]))


def _letters_are_ascii(sample: str) -> bool:
    """True when every letter of ``sample`` is ASCII (curly quotes and dashes allowed)."""
    return sample.isascii() or _NON_ASCII_LETTER.search(sample) is None


def _letters_and_script(sample: str) -> tuple[int, str | None]:
    """Number of letters in ``sample`` and their majority script."""
    if _letters_are_ascii(sample):
        n = len(sample.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
        return n, ("LATIN" if n else None)
    letters = _LETTER.findall(sample)
    return len(letters), _majority_script(letters)


def guess_language(text: str, *, candidates: Sequence[str] = ("en",)) -> tuple[str, float]:
    """Best language guess for ``text`` and its confidence in [0, 1].

    Returns ``("und", 0.0)`` for text without letters.
    """
    return _guesses([text], tuple(candidates))[0]


def _guesses(texts: Sequence[str], candidates: tuple[str, ...]) -> list[tuple[str, float]]:
    detector = _detector(candidates)
    samples = [t[:SAMPLE_CHARS] for t in texts]
    has_letters = [_LETTER.search(t) is not None for t in samples]
    if detector is None:
        return [(candidates[0], 1.0) if ok else (UNDETERMINED, 0.0) for ok in has_letters]
    votes = [_vote(t, candidates) if ok else None for t, ok in zip(samples, has_letters)]
    todo = [t for t, ok, v in zip(samples, has_letters, votes) if ok and v is None]
    # Deliberately sequential: lingua's *_in_parallel methods start a Rust thread
    # pool, and a process forked after that (ProcessPoolExecutor, Dask) deadlocks.
    results = iter([detector.compute_language_confidence_values(t) for t in todo])
    out = []
    for ok, vote in zip(has_letters, votes):
        if not ok:
            out.append((UNDETERMINED, 0.0))
            continue
        if vote is not None:
            out.append((vote, 1.0))
            continue
        values = next(results)
        if not values or values[0].value <= 0:
            out.append((UNDETERMINED, 0.0))
        else:
            out.append((values[0].language.iso_code_639_1.name.lower(), float(values[0].value)))
    return out


def detect_languages(
    texts: Sequence[str],
    *,
    candidates: Sequence[str] = ("en",),
    min_letters: int = 40,
    min_confidence: float = 0.6,
) -> list[str]:
    """ISO 639-1 code for each unit of one document.

    Parameters
    ----------
    texts : sequence of str
        The units of one document, in order. Only the first
        :data:`SAMPLE_CHARS` characters of each unit are given to the detector.
    candidates : sequence of str
        Languages the detector may choose from.
    min_letters, min_confidence : int, float
        A unit with fewer letters, or a less confident guess, takes the
        document's language when its script matches the document's; otherwise
        it keeps its own guess (or ``und`` when it has no letters).

    Returns
    -------
    list of str
        One code per text; ``und`` when unknown.
    """
    candidates = tuple(candidates)
    measured = [_letters_and_script(t[: 4 * SAMPLE_CHARS]) for t in texts]
    letters = [n for n, _ in measured]
    scripts_ = [script for _, script in measured]
    long_units = [i for i, n in enumerate(letters) if n >= min_letters]
    guesses: dict[int, tuple[str, float]] = dict(
        zip(long_units, _guesses([texts[i] for i in long_units], candidates))
    )
    weight: Counter[str] = Counter()
    scripts: dict[str, Counter[str]] = {}
    for i, (lang, conf) in guesses.items():
        if lang != UNDETERMINED and conf >= min_confidence:
            weight[lang] += letters[i]
            scripts.setdefault(lang, Counter())[scripts_[i] or ""] += letters[i]
    doc_lang = weight.most_common(1)[0][0] if weight else None
    doc_script = scripts[doc_lang].most_common(1)[0][0] if doc_lang else None
    # Short units in the document's script take its language without asking the
    # detector (its guess on a few words would be overruled anyway).
    short = [
        i
        for i, n in enumerate(letters)
        if 0 < n < min_letters and not (doc_lang is not None and scripts_[i] == doc_script)
    ]
    guesses.update(zip(short, _guesses([texts[i] for i in short], candidates)))
    out = []
    for i, n in enumerate(letters):
        if not n:
            out.append(UNDETERMINED)
            continue
        if i not in guesses:  # short, same script as the document
            out.append(doc_lang)
            continue
        lang, conf = guesses[i]
        if lang == UNDETERMINED:
            out.append(UNDETERMINED)
        elif conf < min_confidence and doc_lang is not None and scripts_[i] == doc_script:
            out.append(doc_lang)
        else:
            out.append(lang)
    return out


def _majority_script(letters: list[str]) -> str | None:
    counts = Counter(map(_script_of_char, letters[:200]))
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else None
