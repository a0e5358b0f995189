"""The column-wise counting engine gives exactly the reference tokenizer's counts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.analysis.columnar import count_units, covers
from corpuslib.analysis.counts import count_terms_parquet, term_counts
from corpuslib.analysis.tokens import tokenizers_by_language
from corpuslib.errors import CorpuslibError

OPTIONS = [
    {},
    {"stopwords": True},
    {"stopwords": True, "aliases": True},
    {"stopwords": True, "aliases": True, "lemmatize": True, "numbers": "drop", "min_length": 3},
    {"lowercase": False, "urls": "keep"},
    {"aliases": True, "urls": "keep"},
]


def _reference(texts, langs, groups, options):
    get = tokenizers_by_language(options)
    counts: dict[int, Counter] = {}
    totals: dict[int, int] = {}
    for text, lang, g in zip(texts, langs, groups, strict=True):
        tokens = get(lang)(text)
        counts.setdefault(g, Counter()).update(tokens)
        totals[g] = totals.get(g, 0) + len(tokens)
    return counts, totals


def _assert_equal(texts, langs=None, groups=None, options=None):
    langs = langs or ["en"] * len(texts)
    groups = groups or [i % 3 for i in range(len(texts))]
    got = count_units(texts, langs, groups, options or {})
    want = _reference(texts, langs, groups, options or {})
    # a group whose units have no token gives no row in either table
    assert {g: c for g, c in got[0].items() if c} == {g: c for g, c in want[0].items() if c}
    assert {g: n for g, n in got[1].items() if n} == {g: n for g, n in want[1].items() if n}


# Pieces on which the domain rules turn: US / us / U.S., apostrophes and possessives,
# URLs, handles, e-mail, multi-word aliases, shouting, sentence ends, odd white space.
PIECES = [
    "U.S.", "US", "us", "Us", "U.S.A.", "the", "The", "States", "United", "united",
    "Islamic", "State", "of", "Iraq", "and", "Syria", "al", "Qaeda", "al-Qaeda",
    "Iran’s", "Iran's", "it's", "IT'S", "let's", "Shi’ite", "Shi‘a", "don't",
    "GOOD", "HEADED", "BACK", "FORCES", "GET", "OUT", "TOLD", "ISIS", "NATO", "UNAMI",
    "http://www.x.org/a?b=1", "www.y.com.", "a@b.org", "@handle", "(@WSJ)", "e.g.,",
    "i.e.", "J.H.,", "p.m.:", "1,700", "3.5", "9/11", "2003", "Teheran", "Hizballah",
    "Iraq...again.", "1990s.They", "x_y", "a+b", "soft\u00adhyphen", "\u2010", "-",
    ".", "!", "?", "...", "!!!", ",", ";", "“", "”", "—", "مرحبا", "بالعالم", "Ünïcödé",
    "\U0001f600", "\U00010400x", "\u0558", "ǅ", "İstanbul",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", "  ", "\t", "\u00a0", "\x1c", ""]


@st.composite
def unit_texts(draw) -> str:
    words = draw(st.lists(st.sampled_from(PIECES), max_size=30))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(unit_texts(), min_size=1, max_size=8),
    st.sampled_from(range(len(OPTIONS))),
)
def test_equal_to_reference_on_generated_units(texts, which):
    _assert_equal(texts, options=OPTIONS[which])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5))
def test_equal_to_reference_on_any_text(texts):
    _assert_equal(texts)
    _assert_equal(texts, options={"aliases": True, "stopwords": True})


def test_shouting_units_and_sentences():
    texts = [
        "US FORCES HEADED BACK TO IRAQ",
        "They said: GET US OUT NOW. The US stayed.",
        "The plan was GOOD!!! The US and UNAMI agreed.",
        "United States. United States of America",
        "Iran’s US-backed allies met the UN in the U.S. capital.",
    ]
    for options in OPTIONS:
        _assert_equal(texts, options=options)


SHOUTY = ["GET", "US", "OUT", "NOW", "NATO", "UN", "GOOD", "A1", "x", "and", "the", "us", "U.S.",
          "and/or", "www.x.org", "@WSJ", "1,5ab", "AB'CD", "NATO-led", "!", ".", "?", "—", "İS"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SHOUTY), max_size=12), min_size=1, max_size=6),
       st.sampled_from(SEPARATORS[:5]))
def test_equal_to_reference_on_shouting_texts(units, sep):
    """Mostly all-caps units, whole or in one sentence: the pre-filter (_may_shout) must
    send every unit the reference reads as shouted to the detailed path."""
    _assert_equal([sep.join(words) for words in units])


def test_may_shout_prefilter():
    import polars as pl

    from corpuslib.analysis.columnar import _may_shout

    texts = {
        "US FORCES HEADED BACK": True,
        "GET US OUT": True,
        "GOOD bad GOOD": True,  # one ordinary word between two all-caps words
        "NATO/UN": True,  # two words in one run
        "NATO and the UN": False,  # two ordinary words between
        "the US and the UN met": False,
        "NATO": False,
    }
    got = pl.Series(list(texts)).str.contains(_may_shout()).to_list()
    assert dict(zip(texts, got, strict=True)) == texts


def test_languages_are_tokenized_with_their_own_options():
    texts = ["The troops were leaving", "Les troupes partaient", "Die Truppen gingen"]
    _assert_equal(texts, langs=["en", "fr", None], options={"stopwords": True, "lemmatize": True})


def test_ngrams_fall_back_to_the_reference():
    assert not covers({"ngrams": (1, 2)})
    _assert_equal(["Islamic State fighters and the US"], options={"ngrams": (1, 2)})


def test_bundled_corpus_counts_equal(seed_segments):
    for options in OPTIONS:
        a = term_counts(seed_segments, by=("outlet", "voice"), method="arrow", **options)
        b = term_counts(seed_segments, by=("outlet", "voice"), method="python", **options)
        assert a.equals(b), options


def test_unit_level_groups_equal_reference(seed_segments):
    # top_terms counts unit by unit: every unit its own group
    for options in OPTIONS[:3]:
        a = term_counts(seed_segments, by=("doc_id", "seq"), method="arrow", **options)
        b = term_counts(seed_segments, by=("doc_id", "seq"), method="python", **options)
        assert a.equals(b), options


def test_work_items_do_not_grow_with_the_number_of_groups():
    import polars as pl

    from corpuslib.analysis.columnar import _pieces

    frame = pl.DataFrame({"_g": range(5000), "text": ["a b"] * 5000})
    assert len(_pieces(frame)) <= 2 * pl.thread_pool_size()
    assert pl.concat(_pieces(frame)).equals(frame)


def test_parquet_counts_equal_with_jobs(seed_segments, tmp_path):
    path = tmp_path / "segments.parquet"
    seed_segments.to_parquet(path)
    a = count_terms_parquet(
        path, by="outlet", method="arrow", jobs=2, chunk_size=40, stopwords=True
    )
    b = count_terms_parquet(path, by="outlet", method="python", stopwords=True)
    assert a.equals(b)


def test_unknown_method_is_named():
    with pytest.raises(CorpuslibError, match="method"):
        term_counts(__import__("pandas").DataFrame({"text": []}), by=None, method="rust")


@pytest.mark.slow
def test_generated_1k_corpus_counts_equal(tmp_path):
    """The 1,000-page benchmark corpus (benchmarks/make_corpus.py), built and counted both ways."""
    from corpuslib.corpus.build import build_corpus, read_segments

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from make_corpus import write_corpus

    folder = write_corpus(1000, tmp_path / "corpus")
    build_corpus(folder / "raw", folder / "manifest.csv", tmp_path / "out", jobs=2)
    path = tmp_path / "out" / "segments.parquet"
    segments = read_segments(path)
    for options in OPTIONS:
        a = count_terms_parquet(path, by=("outlet", "voice"), method="arrow", **options)
        b = count_terms_parquet(path, by=("outlet", "voice"), method="python", **options)
        assert a.equals(b), options
    assert len(segments) > 10_000
