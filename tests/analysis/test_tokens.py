"""Tests for corpuslib.tokens: a table of real-artefact cases, properties, lexicons."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.analysis.tokens import (
    _ASTRAL,
    _CHAR_MAP,
    _TOKENS,
    _bmp_tokens,
    _key_token,
    _split,
    _split_keys,
    analyze,
    build_tokenizer,
    normalize_chars,
    split_sentences,
    tokenize,
)
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import is_acronym, load_aliases, load_stopwords
from corpuslib.paths import RAW_DIR

DATA = Path(__file__).parents[1] / "data" / "tokens"


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


def test_split_sentences_is_punkts_own_split() -> None:
    """Deciding each break context once gives Punkt's spans, on repeated contexts too."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from corpuslib.analysis.tokens import ABBREVIATIONS, SENTENCE_STARTERS, _sentence_splitter

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    punkt = PunktSentenceTokenizer(params)
    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt"))]
    texts += ["They stayed in the U.S. He left. The plan was GOOD!!! (Sure.) Fine?! Yes."] * 2
    paragraphs = [p for text in texts for p in text.split("\n\n")]
    assert len(paragraphs) > 50
    ours = _sentence_splitter(frozenset())
    for paragraph in paragraphs:
        assert list(ours.span_tokenize(paragraph)) == list(punkt.span_tokenize(paragraph))


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
    norm = normalize_chars(text).replace("\u00ad", "")
    folded = norm.casefold()
    for t in analyze(text):
        assert t.text.replace(".", "").replace("\u00ad", "").casefold() in folded.replace(".", "")
        assert 0 <= t.start < t.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_property_lowercase_keeps_only_acronyms_upper(text: str) -> None:
    for t in tokenize(text):
        assert t == t.lower() or is_acronym(t)


# ---------------------------------------------------------------------------
# The fast path of the tokenizer (memoised, no Token objects) equals the stages on Tokens

_EQUIV_OPTIONS = [
    {},
    {"stopwords": True},
    {"stopwords": True, "aliases": True},
    {"lemmatize": True},
    {"ngrams": 2},
    {"ngrams": (1, 3), "aliases": True},
    {"lowercase": False},
    {"lowercase": False, "aliases": True, "stopwords": True},
    {"numbers": "drop", "urls": "keep"},
    {"min_length": 3, "stopwords": True, "lemmatize": True},
    {"lang": "ar", "stopwords": True},
]
_EQUIV_PIECES = [
    *_PIECES,
    *"._+%@'-‘`´‐‑",
    "U.S.", "U.S.'s", "e.g.", "x@y.com", "iraq.com", "www.x.org/a", "http://t.co/x.", "@a_b",
    "a_1@b.com", "x@1.com", "a_1@2.3", "ab.1x.com", "y+2@z.org", "i.e.", "A.B",
    "3.5", "1,700", "9/11", "Ⅻ", "it's ", "Iran's ", "ISIS ", "US ", "TROOPS ", "LET ",
    "Teheran ", "United States ", "the Islamic State ", "al-Qaeda ", "Shi’ite ", "Hizballah ",
    "\u00a0", "\u2028", "\x1c", "\u200b", "\u200d", "\u0301", "𝐀", "𝟙", " ", "\n",
]  # fmt: skip
_EQUIV_TEXT = st.lists(st.sampled_from(_EQUIV_PIECES), max_size=50).map("".join) | st.text(
    max_size=80
)


def _slow_tokens(tok, text: str) -> list[str]:
    """The reference: stages on Token objects (analyze + keep), then n-grams."""
    words = [t.text for t in tok.analyze(text) if tok.keep(t)]
    lo, hi = tok.opts.ngrams
    out: list[str] = []
    for n in range(lo, hi + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


@settings(max_examples=300, deadline=None)
@given(_EQUIV_TEXT)
def test_property_fast_path_equals_token_stages(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for opts in _EQUIV_OPTIONS:
            tok = build_tokenizer(**opts)
            assert tok(text) == _slow_tokens(tok, text), opts


def test_fast_path_equals_token_stages_on_corpus() -> None:
    paras = [
        p
        for f in sorted(RAW_DIR.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    assert len(paras) > 50
    text = "\n".join(paras)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for opts in _EQUIV_OPTIONS:
            tok = build_tokenizer(**opts)
            for p in [*paras, *(q.upper() for q in paras[:30]), text]:
                assert tok(p) == _slow_tokens(tok, p), (opts, p[:60])


@settings(max_examples=300, deadline=None)
@given(_EQUIV_TEXT | st.text(st.characters(max_codepoint=0xFFFF), max_size=80))
def test_property_split_helpers_match_regex_module(text: str) -> None:
    assert normalize_chars(text) == text.translate(_CHAR_MAP)
    if not _ASTRAL.search(text):
        assert _bmp_tokens().findall(text) == _TOKENS.findall(text)
    norm = normalize_chars(text)
    assert [_key_token(k) for k in _split_keys(norm)] == [
        (t.text, t.kind) for t in _split(norm)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GET US OUT OF IRAQ!", ["get", "us", "out", "of", "iraq"]),  # shouted pronoun
        ("THEY NEVER TOLD US THE TRUTH", ["they", "never", "told", "us", "the", "truth"]),
        ("US FORCES HEADED BACK TO IRAQ?", ["US", "forces", "headed", "back", "to", "iraq"]),
        ("THE IRANIAN REGIME AND THE US", ["the", "iranian", "regime", "and", "the", "US"]),
        ("The plan was GOOD.", ["the", "plan", "was", "good"]),  # ordinary word in capitals
        ("UNAMI and the US met.", ["UNAMI", "and", "the", "US", "met"]),  # acronyms kept
        ("Fine. GET US OUT NOW! The U.S. must go.",  # a shouted sentence in a calm unit
         ["fine", "get", "us", "out", "now", "the", "US", "must", "go"]),
    ],
)
def test_case_keeps_acronyms_and_reads_shouting_as_words(text, expected):
    assert tokenize(text, aliases=True) == expected
    tok = build_tokenizer(aliases=True)
    assert _slow_tokens(tok, text) == expected
