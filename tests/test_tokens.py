"""Tests for corpuslib.tokens: a table of real-artefact cases, properties, lexicons."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib import tokens
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.paths import RAW_DIR
from corpuslib.tokens import (
    analyze,
    build_tokenizer,
    load_aliases,
    load_stopwords,
    split_sentences,
    tokenize,
)

DATA = Path(__file__).parent / "data" / "tokens"


def _cases() -> list[tuple[str, dict, list[str]]]:
    rows = []
    for line in (DATA / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, opts, expected = line.split("\t")
        rows.append((text, json.loads(opts), json.loads(expected)))
    return rows


@pytest.mark.parametrize(("text", "options", "expected"), _cases())
def test_tokenize_table(text: str, options: dict, expected: list[str]) -> None:
    if "ngrams" in options and isinstance(options["ngrams"], list):
        options["ngrams"] = tuple(options["ngrams"])
    assert tokenize(text, **options) == expected


def test_us_country_never_becomes_pronoun() -> None:
    toks = tokenize("Let us hope the US and U.S. and United States agree", aliases=True)
    assert toks.count("US") == 3
    assert toks.count("us") == 1
    assert "us" not in tokenize("Let us hope the US agrees", stopwords=True)
    assert "US" in tokenize("Let us hope the US agrees", stopwords=True)


def test_case_kept_when_lowercase_false() -> None:
    assert tokenize("The U.S. and Iran’s Teheran", lowercase=False, aliases=True) == [
        "The",
        "US",
        "and",
        "Iran",
        "Tehran",
    ]


def test_stopwords_apply_case_insensitively_without_lowercasing() -> None:
    assert tokenize("The troops", lowercase=False, stopwords=True) == ["troops"]


def test_extra_and_explicit_stopwords() -> None:
    assert tokenize("Iraq and the troops", stopwords=["troops"]) == ["iraq", "and", "the"]
    assert tokenize("Iraq and the troops", stopwords=True, extra_stopwords=["iraq"]) == ["troops"]


def test_stopword_rewritten_by_alias_warns() -> None:
    with pytest.warns(UserWarning, match="Teheran"):
        build_tokenizer(stopwords=["Teheran"], aliases=True)
    with pytest.warns(UserWarning, match="not one token"):
        build_tokenizer(stopwords=["United States"])


def test_default_lexicons_are_consistent() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        build_tokenizer(stopwords=True, aliases=True, lemmatize=True)


def test_multiword_alias_beats_single_token() -> None:
    table = {"ISIS": ["Islamic State"], "State": ["state"]}
    assert tokenize("the Islamic State and the state", aliases=table) == [
        "the",
        "ISIS",
        "and",
        "the",
        "state",
    ]


def test_alias_mapping_conflict_names_variant() -> None:
    with pytest.raises(LexiconError, match="Teheran"):
        tokenize("x", aliases={"Tehran": ["Teheran"], "Other": ["Teheran"]})


def test_alias_file_errors_name_file(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.yml"
    bad.write_text("aliases:\n  US: U.S.\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"aliases\.yml.*US"):
        load_aliases(bad)
    bad.write_text("aliases: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_aliases(bad)
    with pytest.raises(LexiconError, match="not found"):
        load_aliases(tmp_path / "missing.yml")


def test_stopword_file(tmp_path: Path) -> None:
    f = tmp_path / "stop.yml"
    f.write_text("en:\n  base: none\n  add: [iraq]\n", encoding="utf-8")
    assert load_stopwords(f) == frozenset({"iraq"})
    assert tokenize("Iraq and Iran", stopwords=f) == ["and", "iran"]
    f.write_text("en:\n  base: nltk\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"stop\.yml: en\.base"):
        load_stopwords(f)


def test_packaged_stopwords() -> None:
    words = load_stopwords()
    assert {"the", "us", "don't", "said"} <= words
    assert "war" not in words and "state" not in words
    assert len(load_stopwords(lang="ar")) > 50


def test_invalid_options() -> None:
    with pytest.raises(CorpuslibError, match="numbers"):
        tokenize("x", numbers="no")
    with pytest.raises(CorpuslibError, match="ngrams"):
        tokenize("x", ngrams=(2, 1))
    with pytest.raises(CorpuslibError, match="min_length"):
        tokenize("x", min_length=0)
    with pytest.raises(CorpuslibError, match="expected str"):
        tokenize(None)  # type: ignore[arg-type]


def test_analyze_offsets_point_into_text() -> None:
    text = "In the U.S., Iran’s allies met al-Qaeda in the United States."
    for tok in analyze(text, aliases=True):
        assert 0 <= tok.start < tok.end <= len(text)
    spans = [(t.text, text[t.start : t.end]) for t in analyze(text, aliases=True)]
    assert ("US", "U.S.") in spans
    assert ("US", "United States") in spans
    assert ("iran", "Iran’s") in spans


def test_split_sentences_keeps_abbreviations() -> None:
    assert split_sentences("Mr. Kerry met Gen. Milley in the U.S. capital. He left.") == [
        "Mr. Kerry met Gen. Milley in the U.S. capital.",
        "He left.",
    ]
    text = "U.S. officials met U.N. staff in the U.S. embassy on Jan. 5 with Sen. Graham."
    assert split_sentences(text) == [text]
    assert len(split_sentences("Iraq voted. The U.S. said no. Iran agreed.")) == 3


def test_raw_corpus_tokens_per_paragraph() -> None:
    files = sorted(RAW_DIR.glob("*.txt"))
    assert files, "bundled corpus missing"
    tok = build_tokenizer(aliases=True, stopwords=True)
    counts: dict[str, int] = {}
    for f in files:
        for para in f.read_text(encoding="utf-8").split("\n"):
            for t in tok(para):
                counts[t] = counts.get(t, 0) + 1
    assert counts["US"] > 50
    assert "us" not in counts
    assert counts["tehran"] >= 3  # Teheran in file 004
    assert not any(t.endswith("'s") for t in counts)
    assert not any(t.startswith(("http", "www")) for t in counts)


def test_speed_is_reasonable() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt")))
    paras = [p for p in text.split("\n") if p] * 10
    tok = build_tokenizer(aliases=True, stopwords=True)
    start = time.perf_counter()
    for p in paras:
        tok(p)
    elapsed = time.perf_counter() - start
    assert len(text) * 10 / elapsed > 300_000  # characters per second; ~1.5 MB/s measured


def test_build_tokenizer_is_cached() -> None:
    assert build_tokenizer(stopwords=True) is build_tokenizer(stopwords=True)
    assert build_tokenizer(stopwords=["a"]) is build_tokenizer(stopwords=["a"])


_PIECES = [*"abcXYZ US.'’-@/:, \n\t0129", "ال", "ش", "é", "\u00ad", "https://", "www.", ".com"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_property_never_crashes_and_no_empty_tokens(text: str) -> None:
    for opts in ({}, {"aliases": True, "stopwords": True}, {"urls": "keep", "lowercase": False}):
        toks = tokenize(text, **opts)
        assert all(isinstance(t, str) and t and not t.isspace() for t in toks)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_property_tokens_come_from_the_text(text: str) -> None:
    norm = tokens.normalize_chars(text).replace("\u00ad", "")
    folded = norm.casefold()
    for t in analyze(text):
        assert t.text.replace(".", "").replace("\u00ad", "").casefold() in folded.replace(".", "")
        assert 0 <= t.start < t.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_property_lowercase_keeps_only_acronyms_upper(text: str) -> None:
    for t in tokenize(text):
        assert t == t.lower() or tokens._is_acronym(t)
