"""Tests for corpuslib.frequency on a tiny hand-counted segments table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuslib.analysis.collocations import collocations, kwic
from corpuslib.analysis.counts import (
    compare_rates,
    counter_of,
    dispersion,
    document_frequency,
    term_counts,
    tfidf_terms,
    top_terms,
    zipf_table,
)
from corpuslib.analysis.stats import G2_CRITICAL_05
from corpuslib.corpus.units import add_voice
from corpuslib.errors import CorpuslibError

DATA = Path(__file__).parents[1] / "data" / "tokens"


@pytest.fixture
def seg() -> pd.DataFrame:
    df = pd.read_csv(DATA / "segments_small.csv", dtype={"comment_id": "Int64"})
    return df.astype({"quoted": bool})


def test_add_voice(seg: pd.DataFrame) -> None:
    v = add_voice(seg)
    assert v["voice"].astype(str).tolist() == [
        "title",
        "author",
        "quoted",
        "boilerplate",
        "commenter",
        "commenter",
        "author",
        "commenter",
    ]
    assert "voice" not in seg.columns  # input untouched
    with pytest.raises(CorpuslibError, match="unknown role"):
        add_voice(seg.assign(role="footer"))


def test_term_counts_match_hand_counts(seg: pd.DataFrame) -> None:
    c = term_counts(seg, by="doc_id", stopwords=True, aliases=True)
    d1 = c.loc[c["doc_id"] == "d1"].set_index("term")["count"].to_dict()
    # title: US troops Iraq | body: US sent troops Iraq Iraq troops | quoted: need troops minister
    # comment (en): Iran Iraq neighbours Iran wins ; boilerplate and Arabic comment excluded
    assert d1 == {
        "iraq": 4,
        "troops": 4,
        "US": 2,
        "iran": 2,
        "minister": 1,
        "need": 1,
        "neighbours": 1,
        "sent": 1,
        "wins": 1,
    }
    d2 = c.loc[c["doc_id"] == "d2"].set_index("term")["count"].to_dict()
    assert d2 == {
        "tehran": 2,
        "US": 1,
        "talk": 1,
        "iraq": 1,
        "middle east": 2,
        "burning": 1,
        "oil": 1,
    }
    assert (c.groupby("doc_id")["count"].sum() == c.groupby("doc_id")["n_tokens"].first()).all()


def test_rates_sum_to_1000_per_group(seg: pd.DataFrame) -> None:
    for by in (("outlet",), ("voice",), ("outlet", "role"), ()):
        c = term_counts(seg, by=by, stopwords=True)
        sums = c.groupby(list(by))["rate_per_1000"].sum() if by else c["rate_per_1000"].sum()
        assert np.allclose(sums, 1000.0)
        assert list(c.columns) == [*by, "term", "count", "n_tokens", "rate_per_1000"]


def test_boilerplate_only_when_asked(seg: pd.DataFrame) -> None:
    default = term_counts(seg, by=None)
    assert "share" not in set(default["term"])
    with_bp = term_counts(seg, by=None, roles=["boilerplate"])
    assert with_bp.set_index("term")["count"]["iraq"] == 3


def test_langs_filter(seg: pd.DataFrame) -> None:
    assert "العراق" not in set(term_counts(seg, by=None)["term"])
    allc = term_counts(seg, by=None, langs=None, stopwords=True)
    assert "العراق" in set(allc["term"])


def test_voices_filter_and_min_count(seg: pd.DataFrame) -> None:
    c = term_counts(seg, by="voice", voices=["commenter"], min_count=2, stopwords=True)
    assert set(c["voice"].astype(str)) == {"commenter"}
    assert c["count"].min() >= 2
    with pytest.raises(CorpuslibError, match="unknown voice"):
        term_counts(seg, voices=["reader"])
    with pytest.raises(CorpuslibError, match="nope"):
        term_counts(seg, by="nope")


def test_ngrams_option_passes_through(seg: pd.DataFrame) -> None:
    c = term_counts(seg, by=None, ngrams=2, stopwords=True, aliases=True)
    assert "US troops" in set(c["term"])


def test_document_frequency(seg: pd.DataFrame) -> None:
    d = document_frequency(seg, stopwords=True, aliases=True).set_index("term")
    assert d.loc["iraq", "df"] == 2 and d.loc["iraq", "n_units"] == 2
    assert d.loc["troops", "df"] == 1 and d.loc["troops", "share"] == 0.5


def test_tfidf_terms(seg: pd.DataFrame) -> None:
    t = tfidf_terms(seg, by="doc_id", top_n=2, stopwords=True, aliases=True)
    assert t.groupby("doc_id")["rank"].max().tolist() == [2, 2]
    top = t.loc[t["rank"] == 1].set_index("doc_id")["term"].to_dict()
    # d1: troops is in d1 only, iraq in both; d2: "middle east" and "tehran" tie, the
    # tie is broken by term in alphabetical order
    assert top == {"d1": "troops", "d2": "middle east"}
    assert (t["tfidf"] <= 1).all()


def test_dispersion_hand_values() -> None:
    seg = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "role": ["body", "body"],
            "quoted": [False, False],
            "lang": ["en", "en"],
            "text": ["x x y y", "x x z z"],
        }
    )
    d = dispersion(seg).set_index("term")
    # x: 2 of 4 tokens in each part, parts equal -> perfectly even
    assert d.loc["x", "dp"] == pytest.approx(0.0)
    assert d.loc["x", "juilland_d"] == pytest.approx(1.0)
    # y only in part a: DP = 0.5 * (|1 - .5| + |0 - .5|) = 0.5, DPnorm = 0.5 / (1 - 0.5) = 1
    assert d.loc["y", "dp"] == pytest.approx(0.5)
    assert d.loc["y", "dp_norm"] == pytest.approx(1.0)
    assert d.loc["y", "juilland_d"] == pytest.approx(0.0)
    assert d.loc["y", "range"] == 1


def test_zipf_table(seg: pd.DataFrame) -> None:
    z = zipf_table(seg)
    assert z["rank"].tolist() == list(range(1, len(z) + 1))
    assert z["count"].is_monotonic_decreasing
    assert z["rel_freq"].sum() == pytest.approx(1.0)


def test_collocations_do_not_cross_units() -> None:
    seg = pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "role": ["body"] * 3,
            "quoted": [False] * 3,
            "lang": ["en"] * 3,
            "text": ["white house said", "white house said", "said white"],
        }
    )
    c = collocations(seg, measure="likelihood", min_freq=2, top_n=10)
    pairs = {(r.w1, r.w2): r.count for r in c.itertuples()}
    assert pairs[("white", "house")] == 2
    assert ("said", "white") not in pairs  # "said" + next unit's "white" never counted
    p = collocations(seg, measure="pmi", min_freq=1, window=3)
    assert set(p.columns) >= {"rank", "w1", "w2", "collocation", "count", "score", "measure"}
    with pytest.raises(CorpuslibError, match="measure"):
        collocations(seg, measure="mutual")


def test_kwic_windows(seg: pd.DataFrame) -> None:
    k = kwic(seg, "troops", window=2)
    assert list(k.columns[:6]) == ["doc_id", "outlet", "role", "voice", "seq", "start"]
    rows = k[["left", "match", "right"]].to_dict("records")
    assert rows[0] == {"left": "US", "match": "troops", "right": "in Iraq"}
    assert rows[1] == {"left": "U.S. sent", "match": "troops", "right": "to Iraq"}
    assert rows[2] == {"left": "to the", "match": "troops", "right": ""}
    assert rows[3] == {"left": "need the", "match": "troops", "right": '," the minister'}
    assert k["voice"].astype(str).tolist() == ["title", "author", "author", "quoted"]
    assert len(k) == 4


def test_kwic_aliases_phrases_and_regex(seg: pd.DataFrame) -> None:
    us = kwic(seg, "US", window=1, aliases=True)
    assert sorted(us["match"]) == ["U.S.", "US", "United States"]
    pair = kwic(seg, "the troops", window=1)
    assert len(pair) == 2
    rx = kwic(seg, r"ira[nq]", regex=True, window=0)
    assert set(rx["match"]) == {"Iraq", "Iran"}
    assert kwic(seg, ["iran", "tehran"], window=0)["term"].tolist() == [
        "iran",
        "iran",
        "tehran",
    ]
    assert len(kwic(seg, "iraq", max_rows=2)) == 2


def test_compare_rates_and_counter(seg: pd.DataFrame) -> None:
    c = term_counts(seg, by="voice", stopwords=True, aliases=True)
    r = compare_rates(c, by="voice", a="author", b="commenter").set_index("term")
    assert r.loc["iran", "count_a"] == 0 and r.loc["iran", "count_b"] == 2
    assert r.loc["troops", "rate_b"] == 0
    ctr = counter_of(c, by="voice", group="author")
    assert ctr["troops"] == 2


def test_empty_selection_returns_empty_frames(seg: pd.DataFrame) -> None:
    empty = seg.iloc[0:0]
    assert term_counts(empty).empty
    assert zipf_table(empty).empty
    assert collocations(empty).empty
    assert kwic(empty, "x").empty


# --- dispersion of listed terms and pairs, G² floor, stratified concordance samples


@pytest.fixture
def advert() -> pd.DataFrame:
    """One long comment repeats a name (a pasted advert); the other units do not."""
    texts = [
        ("a", 0, "body", "Iraq and Iran met. Prime minister Maliki spoke."),
        ("a", 1, "comment", "Middle East Report, Middle East Report, Middle East Report on Iraq."),
        ("a", 2, "comment", "Iraq again. The prime minister left."),
        ("b", 0, "body", "Iraq, Iran. A prime minister came."),
        ("b", 1, "comment", "Iraq and the Middle East."),
    ]
    return pd.DataFrame(
        {
            "doc_id": [t[0] for t in texts],
            "seq": [t[1] for t in texts],
            "role": [t[2] for t in texts],
            "quoted": False,
            "lang": "en",
            "text": [t[3] for t in texts],
        }
    )


def test_top_terms_dispersion_flags_one_unit_terms(advert: pd.DataFrame) -> None:
    opts = dict(stopwords=True, aliases=True)
    counts = term_counts(advert, by="voice", **opts)
    top = top_terms(counts, top_n=5, segments=advert, **opts)
    assert top_terms(counts, top_n=5).columns.tolist() == counts.columns.tolist()
    com = top.loc[top["voice"] == "commenter"].set_index("term")
    # "middle east" is 4 times in the commenters' words, 3 of them in one comment
    assert com.loc["middle east", ["count", "n_docs", "n_units"]].tolist() == [4, 2, 2]
    assert com.loc["middle east", "top_unit"] == "a:1"
    assert com.loc["middle east", "top_unit_share"] == pytest.approx(0.75)
    assert bool(com.loc["middle east", "concentrated"])
    assert com.loc["iraq", ["count", "n_docs", "n_units"]].tolist() == [3, 2, 3]
    assert not bool(com.loc["iraq", "concentrated"])
    # counts made with other options than the recount: a clear error, not silent nonsense
    with pytest.raises(CorpuslibError, match="recounting"):
        top_terms(counts, top_n=5, segments=advert, stopwords=True, aliases=False)


def test_top_terms_dispersion_with_repeated_texts() -> None:
    """Each distinct (text, lang) is counted once: every unit holding it still counts,
    in its own voice and document, and the same text in another language is not merged."""
    rows = [
        ("a", 0, "body", "en", "Basra port reopened. Basra traders returned."),
        ("a", 1, "comment", "en", "Basra port reopened. Basra traders returned."),
        ("b", 0, "body", "en", "Basra port reopened. Basra traders returned."),
        ("b", 1, "comment", "en", "Traders in Basra."),
        ("c", 0, "comment", "de", "Basra port reopened. Basra traders returned."),
    ]
    seg = pd.DataFrame({"doc_id": [r[0] for r in rows], "seq": [r[1] for r in rows],
                        "role": [r[2] for r in rows], "quoted": False,
                        "lang": [r[3] for r in rows], "text": [r[4] for r in rows]})
    opts = dict(stopwords=True, langs=None)
    counts = term_counts(seg, by="voice", **opts)
    top = top_terms(counts, top_n=3, segments=seg, **opts).set_index(["voice", "term"])
    assert top.loc[("author", "basra"), ["count", "n_docs", "n_units"]].tolist() == [4, 2, 2]
    assert top.loc[("author", "basra"), "top_unit"] == "a:0"
    assert top.loc[("commenter", "basra"), ["count", "n_docs", "n_units"]].tolist() == [5, 3, 3]
    assert top.loc[("commenter", "basra"), "top_unit"] == "a:1"
    assert top.loc[("commenter", "traders"), ["count", "n_docs", "n_units"]].tolist() == [3, 3, 3]


def test_collocations_dispersion_and_g2_floor(advert: pd.DataFrame) -> None:
    c = collocations(advert, measure="likelihood", min_freq=2, top_n=50, stopwords=True)
    assert (c["score"] >= G2_CRITICAL_05).all()
    pairs = c.set_index("collocation")
    assert pairs.loc["east report", ["count", "n_docs", "n_units"]].tolist() == [3, 1, 1]
    assert bool(pairs.loc["east report", "concentrated"])
    assert pairs.loc["prime minister", ["n_docs", "n_units"]].tolist() == [2, 3]
    assert not bool(pairs.loc["prime minister", "concentrated"])
    # no floor: near-zero associations come back; an explicit floor is honoured
    everything = collocations(advert, measure="likelihood", min_freq=1, min_score=-np.inf)
    floored = collocations(advert, measure="likelihood", min_freq=1)
    assert len(everything) > len(floored) and (everything["score"] < G2_CRITICAL_05).any()
    high = collocations(advert, measure="likelihood", min_freq=2, min_score=1e9)
    assert high.empty and "concentrated" in high.columns
    # the floor is for G² only
    assert (collocations(advert, measure="pmi", min_freq=1)["score"] < G2_CRITICAL_05).any()
    with pytest.raises(CorpuslibError, match="min_score"):
        collocations(advert, measure="likelihood", min_score=float("nan"))


def test_kwic_per_doc_is_a_stratified_deterministic_sample(advert: pd.DataFrame) -> None:
    every = kwic(advert, "iraq", window=1)
    assert every["doc_id"].tolist() == ["a", "a", "a", "b", "b"]
    sample = kwic(advert, "iraq", window=1, per_doc=2)
    # both documents, first and last match of each, document order
    assert list(zip(sample["doc_id"], sample["seq"], strict=True)) == [
        ("a", 0),
        ("a", 2),
        ("b", 0),
        ("b", 1),
    ]
    assert sample.equals(kwic(advert, "iraq", window=1, per_doc=2))
    assert kwic(advert, "iraq", per_doc=1)["doc_id"].tolist() == ["a", "b"]
    assert len(kwic(advert, "iraq", per_doc=2, max_rows=3)) == 3
    with pytest.raises(CorpuslibError, match="per_doc"):
        kwic(advert, "iraq", per_doc=0)


def test_auxiliaries_are_stopwords() -> None:
    from corpuslib.analysis.tokens import tokenize

    text = "Did they? He does, doing it, having done it; shall we? We ought to. Iran did."
    assert tokenize(text, stopwords=True) == ["iran"]


def test_sample_sizes_match_the_counts_they_describe(seed_segments):
    from corpuslib.analysis.counts import sample_sizes, term_counts

    tok = {"stopwords": True, "numbers": "drop"}
    sizes = sample_sizes(seed_segments, by="voice", **tok).set_index("voice")
    counted = term_counts(seed_segments, by="voice", **tok).groupby("voice", observed=True)["n_tokens"].first()
    every = term_counts(seed_segments, by="voice").groupby("voice", observed=True)["n_tokens"].first()
    assert (sizes["counted_tokens"] == counted.reindex(sizes.index)).all()
    assert (sizes["tokens"] == every.reindex(sizes.index)).all()
    assert sizes.loc["commenter", "excluded_other_language"] == 1  # the Arabic comment
    assert sizes.loc["commenter", "documents"] == 3


def test_describe_concentrated_names_the_unit(seed_segments):
    from corpuslib.analysis.counts import describe_concentrated, term_counts, top_terms

    counts = term_counts(seed_segments, by="voice", stopwords=True, aliases=True)
    table = top_terms(counts, top_n=15, segments=seed_segments, stopwords=True, aliases=True)
    text = describe_concentrated(table, seed_segments)
    assert "commenter *shia*" in text and "comment `004_eea85f3324e328e6:" in text
    assert describe_concentrated(table.assign(concentrated=False), seed_segments) == "none"


def test_top_terms_dispersion_is_the_same_counted_in_slices(seed_segments, monkeypatch) -> None:
    """top_terms recounts a slice of units at a time (memory); slicing must not change it."""
    opts = {"stopwords": True, "aliases": True}
    counts = term_counts(seed_segments, by="voice", **opts)
    whole = top_terms(counts, top_n=15, segments=seed_segments, **opts)
    import corpuslib.analysis.counts as counts_module

    monkeypatch.setattr(counts_module, "_UNITS_PER_SLICE", 7)
    sliced = top_terms(counts, top_n=15, segments=seed_segments, **opts)
    pd.testing.assert_frame_equal(sliced, whole)
    assert whole["n_units"].gt(1).any() and len(seed_segments) > 7 * 5


@pytest.mark.parametrize("size", [1, 2, 7, 100])
@pytest.mark.parametrize("by", ["voice", ("outlet", "voice"), ("voice", "doc_id", "seq")])
def test_term_counts_in_slices_equal_one_pass(seed_segments, monkeypatch, size, by) -> None:
    """The arrow method counts ARROW_SLICE_UNITS units per polars pass (memory); any slice
    size gives the table of one pass over every unit, and the reference's table."""
    import corpuslib.analysis.counts as counts_module

    opts = {"stopwords": True, "aliases": True, "numbers": "drop"}
    monkeypatch.setattr(counts_module, "ARROW_SLICE_UNITS", 10**9)
    whole = term_counts(seed_segments, by=by, **opts)
    monkeypatch.setattr(counts_module, "ARROW_SLICE_UNITS", size)
    sliced = term_counts(seed_segments, by=by, **opts)
    pd.testing.assert_frame_equal(sliced, whole)
    reference = term_counts(seed_segments, by=by, method="python", **opts)
    pd.testing.assert_frame_equal(sliced, reference)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.sampled_from(["Iran and Iraq.", "The U.S. and US troops", "IRAN IRAN IRAN now!",
                         "Tehran's militia, the militia.", "", "Washington says no"])
        | st.text(alphabet="abc IRN.,'’US", max_size=30),
        min_size=1, max_size=12,
    ),
    size=st.integers(min_value=1, max_value=5),
)
def test_term_counts_slices_hypothesis(monkeypatch, texts, size) -> None:
    """Open-ended texts (shouting, aliases, apostrophes, empty units): sliced = one pass."""
    import corpuslib.analysis.counts as counts_module

    n = len(texts)
    seg = pd.DataFrame({
        "doc_id": [f"d{i % 3}" for i in range(n)], "outlet": ["A", "B"] * (n // 2) + ["A"] * (n % 2),
        "role": ["body", "comment"] * (n // 2) + ["body"] * (n % 2), "seq": range(n),
        "quoted": [False] * n, "lang": ["en"] * n, "text": texts,
    })  # fmt: skip
    monkeypatch.setattr(counts_module, "ARROW_SLICE_UNITS", 10**9)
    whole = term_counts(seg, by=("outlet", "voice"), stopwords=True, aliases=True)
    monkeypatch.setattr(counts_module, "ARROW_SLICE_UNITS", size)
    sliced = term_counts(seg, by=("outlet", "voice"), stopwords=True, aliases=True)
    pd.testing.assert_frame_equal(sliced, whole)
