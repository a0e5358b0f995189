"""Tests for corpuslib.frequency on a tiny hand-counted segments table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from corpuslib import frequency as F
from corpuslib.errors import CorpuslibError

DATA = Path(__file__).parent / "data" / "tokens"


@pytest.fixture
def seg() -> pd.DataFrame:
    df = pd.read_csv(DATA / "segments_small.csv", dtype={"comment_id": "Int64"})
    return df.astype({"quoted": bool})


def test_add_voice(seg: pd.DataFrame) -> None:
    v = F.add_voice(seg)
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
        F.add_voice(seg.assign(role="footer"))


def test_term_counts_match_hand_counts(seg: pd.DataFrame) -> None:
    c = F.term_counts(seg, by="doc_id", stopwords=True, aliases=True)
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
        c = F.term_counts(seg, by=by, stopwords=True)
        sums = c.groupby(list(by))["rate_per_1000"].sum() if by else c["rate_per_1000"].sum()
        assert np.allclose(sums, 1000.0)
        assert list(c.columns) == [*by, "term", "count", "n_tokens", "rate_per_1000"]


def test_boilerplate_only_when_asked(seg: pd.DataFrame) -> None:
    default = F.term_counts(seg, by=None)
    assert "share" not in set(default["term"])
    with_bp = F.term_counts(seg, by=None, roles=["boilerplate"])
    assert with_bp.set_index("term")["count"]["iraq"] == 3


def test_langs_filter(seg: pd.DataFrame) -> None:
    assert "العراق" not in set(F.term_counts(seg, by=None)["term"])
    allc = F.term_counts(seg, by=None, langs=None, stopwords=True)
    assert "العراق" in set(allc["term"])


def test_voices_filter_and_min_count(seg: pd.DataFrame) -> None:
    c = F.term_counts(seg, by="voice", voices=["commenter"], min_count=2, stopwords=True)
    assert set(c["voice"].astype(str)) == {"commenter"}
    assert c["count"].min() >= 2
    with pytest.raises(CorpuslibError, match="unknown voice"):
        F.term_counts(seg, voices=["reader"])
    with pytest.raises(CorpuslibError, match="nope"):
        F.term_counts(seg, by="nope")


def test_ngrams_option_passes_through(seg: pd.DataFrame) -> None:
    c = F.term_counts(seg, by=None, ngrams=2, stopwords=True, aliases=True)
    assert "US troops" in set(c["term"])


def test_document_frequency(seg: pd.DataFrame) -> None:
    d = F.document_frequency(seg, stopwords=True, aliases=True).set_index("term")
    assert d.loc["iraq", "df"] == 2 and d.loc["iraq", "n_units"] == 2
    assert d.loc["troops", "df"] == 1 and d.loc["troops", "share"] == 0.5


def test_tfidf_terms(seg: pd.DataFrame) -> None:
    t = F.tfidf_terms(seg, by="doc_id", top_n=2, stopwords=True, aliases=True)
    assert t.groupby("doc_id")["rank"].max().tolist() == [2, 2]
    top = t.loc[t["rank"] == 1].set_index("doc_id")["term"].to_dict()
    assert top == {"d1": "troops", "d2": "middle east"} or top["d1"] in {"troops", "iraq"}
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
    d = F.dispersion(seg).set_index("term")
    # x: 2 of 4 tokens in each part, parts equal -> perfectly even
    assert d.loc["x", "dp"] == pytest.approx(0.0)
    assert d.loc["x", "juilland_d"] == pytest.approx(1.0)
    # y only in part a: DP = 0.5 * (|1 - .5| + |0 - .5|) = 0.5, DPnorm = 0.5 / (1 - 0.5) = 1
    assert d.loc["y", "dp"] == pytest.approx(0.5)
    assert d.loc["y", "dp_norm"] == pytest.approx(1.0)
    assert d.loc["y", "juilland_d"] == pytest.approx(0.0)
    assert d.loc["y", "range"] == 1


def test_zipf_table(seg: pd.DataFrame) -> None:
    z = F.zipf_table(seg)
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
    c = F.collocations(seg, measure="likelihood", min_freq=2, top_n=10)
    pairs = {(r.w1, r.w2): r.count for r in c.itertuples()}
    assert pairs[("white", "house")] == 2
    assert ("said", "white") not in pairs  # "said" + next unit's "white" never counted
    p = F.collocations(seg, measure="pmi", min_freq=1, window=3)
    assert set(p.columns) >= {"rank", "w1", "w2", "collocation", "count", "score", "measure"}
    with pytest.raises(CorpuslibError, match="measure"):
        F.collocations(seg, measure="mutual")


def test_kwic_windows(seg: pd.DataFrame) -> None:
    k = F.kwic(seg, "troops", window=2)
    assert list(k.columns[:6]) == ["doc_id", "outlet", "role", "voice", "seq", "start"]
    rows = k[["left", "match", "right"]].to_dict("records")
    assert rows[0] == {"left": "US", "match": "troops", "right": "in Iraq"}
    assert rows[1] == {"left": "U.S. sent", "match": "troops", "right": "to Iraq"}
    assert rows[2] == {"left": "to the", "match": "troops", "right": ""}
    assert rows[3] == {"left": "need the", "match": "troops", "right": '," the minister'}
    assert k["voice"].astype(str).tolist() == ["title", "author", "author", "quoted"]
    assert len(k) == 4


def test_kwic_aliases_phrases_and_regex(seg: pd.DataFrame) -> None:
    us = F.kwic(seg, "US", window=1, aliases=True)
    assert sorted(us["match"]) == ["U.S.", "US", "United States"]
    pair = F.kwic(seg, "the troops", window=1)
    assert len(pair) == 2
    rx = F.kwic(seg, r"ira[nq]", regex=True, window=0)
    assert set(rx["match"]) == {"Iraq", "Iran"}
    assert F.kwic(seg, ["iran", "tehran"], window=0)["term"].tolist() == [
        "iran",
        "iran",
        "tehran",
    ]
    assert len(F.kwic(seg, "iraq", max_rows=2)) == 2


def test_compare_rates_and_counter(seg: pd.DataFrame) -> None:
    c = F.term_counts(seg, by="voice", stopwords=True, aliases=True)
    r = F.compare_rates(c, by="voice", a="author", b="commenter").set_index("term")
    assert r.loc["iran", "count_a"] == 0 and r.loc["iran", "count_b"] == 2
    assert r.loc["troops", "rate_b"] == 0
    ctr = F.counter_of(c, by="voice", group="author")
    assert ctr["troops"] == 2


def test_empty_selection_returns_empty_frames(seg: pd.DataFrame) -> None:
    empty = seg.iloc[0:0]
    assert F.term_counts(empty).empty
    assert F.zipf_table(empty).empty
    assert F.collocations(empty).empty
    assert F.kwic(empty, "x").empty
