"""Tests for corpuslib.analysis.collocations: actor collocates and mentions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.analysis.collocations import actor_collocates, collocations
from corpuslib.errors import CorpuslibError
from tests.analysis.framing_data import hand_g2, simple_tokenize


def test_actor_collocates_window_counts_by_hand(segments):
    out = actor_collocates(
        segments, ["Iran"], window=2, by="outlet", min_count=2, min_score=0,
        tokenizer=simple_tokenize,
    )  # fmt: skip
    alpha = out[out["outlet"] == "Alpha"]
    # Windows of "iran" (+-2 tokens, same segment, target positions excluded):
    # and the | us talk | wants oil ; sends troops | sends oil ; oil  -> 11 tokens
    assert alpha["term"].tolist() == ["oil", "sends"]
    assert alpha["count"].tolist() == [3, 2]
    assert (alpha["n_window"] == 11).all() and (alpha["n_tokens"] == 20).all()
    assert (alpha["n_target"] == 5).all()
    # rest = 20 - 11 window - 5 target = 4 tokens, neither word among them
    assert alpha["score"].iloc[0] == pytest.approx(hand_g2(3, 0, 11, 4), rel=1e-10)
    assert alpha["score"].iloc[1] == pytest.approx(hand_g2(2, 0, 11, 4), rel=1e-10)
    assert out[out["outlet"] == "Beta"].empty  # Iran not mentioned there


def test_actor_collocates_pmi_and_multi_token_target(segments):
    out = actor_collocates(
        segments, ["Iran"], window=2, by="outlet", measure="pmi", min_count=2,
        tokenizer=simple_tokenize,
    )  # fmt: skip
    a = out[out["outlet"] == "Alpha"]
    assert a["score"].tolist() == pytest.approx([math.log2((3 / 11) / (3 / 15))] * 2)
    assert a["term"].tolist() == ["oil", "sends"]  # tie on PMI: higher count first
    multi = actor_collocates(
        segments, ["United States"], window=1, by=None, min_count=1, min_score=0,
        tokenizer=simple_tokenize,
    )  # fmt: skip
    assert sorted(multi["term"]) == ["ignores", "the"]
    assert (multi["n_target"] == 1).all()


def test_actor_collocates_errors(segments):
    with pytest.raises(CorpuslibError, match="window"):
        actor_collocates(segments, ["Iran"], window=0, tokenizer=simple_tokenize)
    with pytest.raises(CorpuslibError, match="measure"):
        actor_collocates(segments, ["Iran"], measure="dice", tokenizer=simple_tokenize)  # type: ignore[arg-type]
    with pytest.raises(CorpuslibError, match="'!!' gives no token"):
        actor_collocates(segments, ["!!"], tokenizer=simple_tokenize)


def test_actor_collocates_merges_us_spellings_with_corpus_tokenizer():
    seg = pd.DataFrame(
        {
            "doc_id": ["d"] * 4,
            "outlet": ["A"] * 4,
            "role": ["body"] * 4,
            "voice": ["author"] * 4,
            "lang": ["en"] * 4,
            "text": [
                "The U.S. deployed troops.",
                "The United States deployed troops.",
                "US deployed troops.",
                "Let us talk about oil.",
            ],
        }
    )
    out = actor_collocates(seg, ["US"], window=2, by=None, min_count=1, min_score=0)
    assert (out["n_target"] == 3).all()  # the pronoun "us" is not the country
    row = out.set_index("term").loc["deployed"]
    assert row["count"] == 3
    same = actor_collocates(seg, ["United States"], window=2, by=None, min_count=1, min_score=0)
    pd.testing.assert_frame_equal(out.drop(columns="target"), same.drop(columns="target"))


def test_actor_collocates_default_threshold_is_g2_3_84_for_likelihood_only(segments):
    kw = {"window": 2, "by": "outlet", "min_count": 1, "tokenizer": simple_tokenize}
    everything = actor_collocates(segments, ["Iran"], min_score=0, **kw)
    assert (everything["score"] < 3.84).any()  # the fixture has weak collocates
    default = actor_collocates(segments, ["Iran"], **kw)
    assert (default["score"] >= 3.8414588).all()
    strong = everything[everything["score"] >= 3.8414588206941285]
    assert default["term"].tolist() == strong["term"].tolist()
    pmi = actor_collocates(segments, ["Iran"], measure="pmi", **kw)
    assert (pmi["score"] < 3.84).any()  # no default threshold on PMI
    assert actor_collocates(segments, ["Iran"], min_score=1e9, **kw).empty
    with pytest.raises(CorpuslibError, match="min_score"):
        actor_collocates(segments, ["Iran"], min_score="high", **kw)  # type: ignore[arg-type]


def test_count_mentions_agrees_with_collocates_and_lists_unmentioned_groups(segments):
    from corpuslib.analysis.collocations import count_mentions

    m = count_mentions(segments, ["Iran", "Iraq"], by="outlet", tokenizer=simple_tokenize)
    got = {(o, t): n for o, t, n in m[["outlet", "target", "n_target"]].itertuples(index=False)}
    assert got == {("Alpha", "Iran"): 5, ("Alpha", "Iraq"): 0, ("Beta", "Iran"): 0,
                   ("Beta", "Iraq"): 3}  # fmt: skip
    colloc = actor_collocates(segments, ["Iran"], window=2, min_count=1, min_score=0,
                              tokenizer=simple_tokenize)  # fmt: skip
    assert set(colloc["n_target"]) == {5}


def _units(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d"] * len(texts), "seq": range(len(texts)),
                         "role": ["body"] * len(texts), "quoted": [False] * len(texts),
                         "lang": ["en"] * len(texts), "text": list(texts)})


def test_collocations_do_not_span_removed_stopwords_or_punctuation():
    seg = _units("Trump nixed the White House plan.", "Trump nixed the White House plan.",
                 "Ali Larijani, chairman of parliament.", "Ali Larijani, chairman of parliament.")
    pairs = set(collocations(seg, measure="pmi", min_freq=2, stopwords=True)["collocation"])
    assert {"white house", "trump nixed", "ali larijani"} <= pairs
    assert "nixed white" not in pairs and "larijani chairman" not in pairs
    lifted = collocations(seg, measure="pmi", min_freq=2, stopwords=True,
                          across=("stopwords", "punctuation"))
    assert {"nixed white", "larijani chairman"} <= set(lifted["collocation"])


def test_collocations_do_not_span_sentences_but_keep_us_inside_one():
    seg = _units("Troops left Iraq. Iran moved in.", "Troops left Iraq. Iran moved in.",
                 "The U.S. embassy stayed.", "The U.S. embassy stayed.")
    pairs = set(collocations(seg, measure="pmi", min_freq=2, stopwords=True,
                             aliases=True)["collocation"])
    assert "iraq iran" not in pairs
    assert "US embassy" in pairs  # "U.S." in mid-sentence is not a sentence end


def test_collocation_g2_is_the_2x2_table_of_first_and_second_word():
    seg = _units("white house said", "white house said", "white paper said")
    c = collocations(seg, measure="likelihood", min_freq=1, min_score=-np.inf).set_index("collocation")
    # pairs: white-house 2, house-said 2, white-paper 1, paper-said 1 -> N = 6
    # white house: a = 2 of 3 pairs starting with "white"; b = 0 of the 3 others
    assert c.loc["white house", "score"] == pytest.approx(hand_g2(2, 0, 3, 3), rel=1e-12)


def test_an_actor_is_mentioned_by_its_demonym_capital_and_leaders():
    from corpuslib.analysis.collocations import count_mentions

    seg = _units("Iranian general Soleimani visited Baghdad.", "Tehran denied it.")
    seg["outlet"] = "A"
    mentions = count_mentions(seg, ["Iran", "Iraq", "US"], by="outlet").set_index("target")
    assert mentions.loc["Iran", "n_target"] == 3  # Iranian, Soleimani, Tehran
    assert mentions.loc["Iraq", "n_target"] == 1 and mentions.loc["US", "n_target"] == 0
    near = actor_collocates(seg, ["Iran"], window=2, by=None, measure="pmi", min_count=1)
    assert "general" in set(near["term"])


@pytest.mark.parametrize("by", [None, "voice"])
@pytest.mark.parametrize("window", [2, 3])
def test_collocations_spread_is_a_recount_of_the_kept_pairs_unit_by_unit(seed_segments, by, window):
    """The dispersion of a kept pair is counted in a second pass over its units only:
    it must be what a recount of every unit's pairs gives."""
    from collections import Counter

    from corpuslib.analysis.collocations import _pairs, _run_tokenizer
    from corpuslib.corpus.units import select_units

    opts = {"stopwords": True, "aliases": True}
    table = collocations(seed_segments, measure="likelihood", min_freq=2, window=window,
                         top_n=15, by=by, **opts)
    assert len(table) and table["n_units"].gt(1).any()
    units = select_units(seed_segments).reset_index(drop=True)
    runs = _run_tokenizer(opts, ())
    per_unit: dict[tuple, Counter] = {}
    for r in units.itertuples():
        group = (r.voice,) if by else ()
        for run in runs(r.text):
            for pair in _pairs(run, window):
                per_unit.setdefault((*group, pair), Counter())[(r.doc_id, f"{r.doc_id}:{r.seq}")] += 1
    for row in table.itertuples():
        found = per_unit[((row.voice,) if by else ()) + ((row.w1, row.w2),)]
        top = min(found.items(), key=lambda kv: (-kv[1], kv[0][1]))
        assert row.count == sum(found.values())
        assert row.n_units == len(found) and row.n_docs == len({d for d, _ in found})
        assert row.top_unit == top[0][1]
        assert row.top_unit_share == pytest.approx(top[1] / row.count)


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(st.sampled_from(["Iran and Iraq.", "The U.S. said: Iran", "Iran and Iraq, US",
                                    "US troops in Iraq.", "Iran Iran Iran"]), min_size=1, max_size=20),
    size=st.integers(min_value=1, max_value=6),
    window=st.integers(min_value=0, max_value=3),
)
def test_kwic_in_slices_equals_one_slice(texts, size, window):
    """kwic makes records KWIC_SLICE_UNITS units at a time; any size gives one table."""
    import corpuslib.analysis.collocations as colloc
    from corpuslib.analysis.collocations import kwic

    n = len(texts)
    seg = pd.DataFrame({"doc_id": [f"d{i % 4}" for i in range(n)], "outlet": "A", "role": "body",
                        "seq": range(n), "quoted": False, "lang": "en", "start": 0, "text": texts})
    whole = kwic(seg, ["Iran", "US"], window=window, aliases=True)
    saved = colloc.KWIC_SLICE_UNITS
    try:
        colloc.KWIC_SLICE_UNITS = size
        sliced = kwic(seg, ["Iran", "US"], window=window, aliases=True)
        for max_rows in (1, 3):
            pd.testing.assert_frame_equal(
                kwic(seg, ["Iran", "US"], window=window, aliases=True, max_rows=max_rows),
                whole.head(max_rows))
    finally:
        colloc.KWIC_SLICE_UNITS = saved
    pd.testing.assert_frame_equal(sliced, whole)
