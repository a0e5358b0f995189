"""Tests for corpuslib.framing: statistics against hand-computed values, frames, collocates."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from corpuslib.analysis.collocations import actor_collocates
from corpuslib.analysis.frames import frame_hits, frame_scores, match_frames
from corpuslib.analysis.keywords import compare_groups, keyness, log_odds_dirichlet
from corpuslib.analysis.stats import adjust_pvalues
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import Frame, load_frames
from corpuslib.paths import FRAMES
from corpuslib.plots.style import use_style

DATA = Path(__file__).parent / "data" / "framing"


def simple_tokenize(text: str) -> list[str]:
    """A fixed tokenizer so these tests do not depend on corpuslib.tokens' choices."""
    return re.findall(r"[\w'-]+", text.lower())


@pytest.fixture
def segments() -> pd.DataFrame:
    return pd.read_csv(DATA / "segments_small.csv", dtype={"quoted": bool})


@pytest.fixture
def small_frames() -> dict[str, Frame]:
    return load_frames(DATA / "frames_small.yml")


# ----------------------------------------------------------------------------- log-odds


def _hand_log_odds(ya, yb, alpha, n_a, n_b, alpha0):
    delta = math.log((ya + alpha) / (n_a + alpha0 - ya - alpha)) - math.log(
        (yb + alpha) / (n_b + alpha0 - yb - alpha)
    )
    var = 1 / (ya + alpha) + 1 / (yb + alpha)
    return delta, var, delta / math.sqrt(var)


def test_log_odds_matches_hand_formula_with_zero_counts_and_one_sided_terms():
    a = {"iran": 5, "war": 3}  # "oil" absent from a (count 0)
    b = {"iran": 1, "oil": 4, "war": 3, "talks": 0}
    prior = {"iran": 0.5, "oil": 0.25, "war": 1.0, "talks": 2.0, "extra": 0.25}
    n_a, n_b, alpha0 = 8, 8, 4.0  # "extra" counts in alpha_0, not in the output
    df = log_odds_dirichlet(a, b, prior).set_index("term")
    assert sorted(df.index) == ["iran", "oil", "talks", "war"]
    for term in df.index:
        ya, yb = a.get(term, 0), b.get(term, 0)
        delta, var, z = _hand_log_odds(ya, yb, prior[term], n_a, n_b, alpha0)
        assert df.loc[term, "delta"] == pytest.approx(delta, rel=1e-12)
        assert df.loc[term, "var"] == pytest.approx(var, rel=1e-12)
        assert df.loc[term, "se"] == pytest.approx(math.sqrt(var), rel=1e-12)
        assert df.loc[term, "z"] == pytest.approx(z, rel=1e-12)
        assert df.loc[term, "count_a"] == ya and df.loc[term, "count_b"] == yb
    # Equal counts and equal totals: no difference at all.
    assert df.loc["war", "z"] == pytest.approx(0.0, abs=1e-12)
    assert df.loc["iran", "z"] > 0 > df.loc["oil", "z"]


def test_log_odds_sorted_by_z_then_term():
    a = {"b": 2, "a": 2, "c": 5}
    b = {"b": 2, "a": 2, "c": 1}
    df = log_odds_dirichlet(a, b, {"a": 1, "b": 1, "c": 1})
    assert df["term"].tolist() == ["c", "a", "b"]  # a and b tie on z: alphabetical
    assert list(df.columns[:5]) == ["term", "count_a", "count_b", "count", "n_a"]
    assert {"delta", "z", "se", "var", "alpha"} <= set(df.columns)


def test_log_odds_accepts_series_and_counters():
    from collections import Counter

    df1 = log_odds_dirichlet(Counter(x=3, y=1), pd.Series({"x": 1, "y": 3}), {"x": 1, "y": 1})
    df2 = log_odds_dirichlet({"x": 3, "y": 1}, {"x": 1, "y": 3}, {"x": 1.0, "y": 1.0})
    pd.testing.assert_frame_equal(df1, df2)


@pytest.mark.parametrize(
    ("prior", "fragment"),
    [
        ({"x": 1.0}, "no alpha for term(s) 'y'"),
        ({"x": 1.0, "y": 0.0}, "prior: alpha of term 'y' must be a finite number > 0"),
        ({"x": 1.0, "y": -2.0}, "prior: alpha of term 'y' must be a finite number > 0"),
        ({"x": 1.0, "y": float("nan")}, "prior: alpha of term 'y' must be a finite number > 0"),
        ({"x": 1.0, "y": "a lot"}, "prior: alpha of term 'y' must be a finite number > 0"),
    ],
)
def test_log_odds_rejects_bad_prior(prior, fragment):
    with pytest.raises(CorpuslibError, match=re.escape(fragment)):
        log_odds_dirichlet({"x": 1}, {"y": 2}, prior)


def test_log_odds_rejects_negative_counts():
    with pytest.raises(CorpuslibError, match=r"counts_a: count of 'x'"):
        log_odds_dirichlet({"x": -1}, {"x": 2}, {"x": 1, "y": 1})


# ----------------------------------------------------------------------------- keyness


def _xlx(o, e):
    return 0.0 if o == 0 else o * math.log(o / e)


def _hand_g2(a, b, n_a, n_b, four_cells=True):
    n = n_a + n_b
    e_a, e_b = n_a * (a + b) / n, n_b * (a + b) / n
    g = _xlx(a, e_a) + _xlx(b, e_b)
    if four_cells:
        c, d = n_a - a, n_b - b
        g += _xlx(c, n_a * (c + d) / n) + _xlx(d, n_b * (c + d) / n)
    return 2 * g


def test_keyness_matches_hand_computed_g2_log_ratio_and_p():
    a = {"iran": 20, "oil": 0, "the": 60, "war": 20}  # n_a = 100
    b = {"iran": 5, "oil": 15, "the": 150, "war": 30}  # n_b = 200
    df = keyness(a, b, min_count=1, correction=None).set_index("term")
    for term in ["iran", "oil", "the", "war"]:
        ca, cb = a[term], b[term]
        g2 = _hand_g2(ca, cb, 100, 200)
        assert df.loc[term, "g2"] == pytest.approx(g2, rel=1e-10)
        # chi-square(1) upper tail = erfc(sqrt(x / 2))
        assert df.loc[term, "p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-8)
        lr = math.log2(((ca or 0.5) / 100) / ((cb or 0.5) / 200))
        assert df.loc[term, "log_ratio"] == pytest.approx(lr, rel=1e-12)
    assert df.loc["oil", "log_ratio"] == pytest.approx(math.log2(0.005 / 0.075))
    assert df.loc["iran", "direction"] == "a" and df.loc["oil", "direction"] == "b"
    assert df.loc["war", "direction"] == "a"  # 20/100 > 30/200
    assert (df["p_adj"] == df["p"]).all()  # correction=None
    signs = np.sign(df["g2_signed"]) == np.where(df["direction"] == "a", 1, -1)
    assert signs.all()


def test_keyness_rayson_two_cell_form():
    df = keyness({"x": 7, "y": 93}, {"x": 1, "y": 199}, min_count=1, form="rayson")
    row = df.set_index("term").loc["x"]
    assert row["g2"] == pytest.approx(_hand_g2(7, 1, 100, 200, four_cells=False), rel=1e-10)


def test_keyness_equal_use_is_zero_and_order_is_signed():
    df = keyness({"a": 10, "b": 10, "c": 30}, {"a": 20, "b": 20, "c": 10}, min_count=1)
    assert df["term"].tolist()[0] == "c" and df["term"].tolist()[-1] in {"a", "b"}
    even = keyness({"x": 5, "y": 5}, {"x": 10, "y": 10}, min_count=1)
    assert (even["g2"] == 0).all() and (even["direction"] == "=").all()
    assert (even["p"] == 1).all()


def test_keyness_min_count_filters_but_totals_keep_every_term():
    df = keyness({"x": 1, "y": 9}, {"x": 0, "y": 10}, min_count=2)
    assert df["term"].tolist() == ["y"]
    assert int(df["n_a"].iloc[0]) == 10


def test_keyness_rejects_unknown_options():
    with pytest.raises(CorpuslibError, match="correction"):
        keyness({"x": 1}, {"x": 1}, correction="bonferroni")  # type: ignore[arg-type]
    with pytest.raises(CorpuslibError, match="form"):
        keyness({"x": 1}, {"x": 1}, form="3x3")  # type: ignore[arg-type]


def test_keyness_p_adj_is_bh_of_p():
    # The BH procedure itself is tested in tests/test_stats.py; keyness must use it.
    a = {f"w{i}": i + 1 for i in range(12)}
    b = {f"w{i}": 12 - i for i in range(12)}
    df = keyness(a, b, min_count=1)
    np.testing.assert_allclose(df["p_adj"], adjust_pvalues(df["p"].to_numpy(), method="bh"))


# ----------------------------------------------------------------------------- compare_groups


def test_compare_groups_uses_scaled_corpus_prior():
    groups = {"A": {"iran": 6, "oil": 1, "war": 3}, "B": {"iran": 1, "oil": 5}, "C": {"war": 4}}
    out = compare_groups(groups, by="outlet", prior_scale=0.5, min_count=1)
    corpus = {"iran": 7, "oil": 6, "war": 7}
    prior = {t: 0.5 * c for t, c in corpus.items()}
    rest_a = {"iran": 1, "oil": 5, "war": 4}
    expected = log_odds_dirichlet(groups["A"], rest_a, prior)
    got = out[out["outlet"] == "A"].drop(columns=["outlet", "rank"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert out["outlet"].unique().tolist() == ["A", "B", "C"]
    assert out.groupby("outlet")["rank"].min().eq(1).all()


def test_compare_groups_tidy_dataframe_and_keyness():
    tidy = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "term": ["iran", "oil", "iran", "oil"],
            "count": [8, 2, 2, 8],
            "n_tokens": [10, 10, 10, 10],
            "rate_per_1000": [800.0, 200.0, 200.0, 800.0],
        }
    )
    lo = compare_groups(tidy, min_count=1)
    assert lo.columns[0] == "outlet"
    assert lo[lo["rank"] == 1][["outlet", "term"]].values.tolist() == [["A", "iran"], ["B", "oil"]]
    k = compare_groups(tidy, statistic="keyness", min_count=1)
    expected = keyness({"iran": 8, "oil": 2}, {"iran": 2, "oil": 8}, min_count=1)
    got = k[k["outlet"] == "A"].drop(columns=["outlet", "rank"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_compare_groups_errors():
    with pytest.raises(CorpuslibError, match="at least two groups"):
        compare_groups({"A": {"x": 1}})
    with pytest.raises(CorpuslibError, match="prior_scale"):
        compare_groups({"A": {"x": 1}, "B": {"x": 2}}, prior_scale=0)
    with pytest.raises(CorpuslibError, match="pass by="):
        compare_groups(pd.DataFrame({"g": ["A"], "h": ["B"], "term": ["x"], "count": [1]}))


# ----------------------------------------------------------------------------- frames


def test_bundled_frames_load():
    frames = load_frames(FRAMES)
    expected = {"military", "diplomacy", "sovereignty", "sectarian", "economy",
                "us_politics", "iran_threat", "humanitarian"}  # fmt: skip
    assert set(frames) == expected
    for frame in frames.values():
        assert frame.label and frame.description and frame.entries


def test_match_phrases_wildcards_case_and_longest_match(small_frames):
    text = (
        "A GRAND bargain, then negotiators Negotiate; renegotiate nothing. grand new bargain. "
        "Military action and regime change, boots on the ground; the Deal and the deals."
    )
    hits = match_frames(simple_tokenize(text), small_frames, tokenizer=simple_tokenize)
    got = [(f, e) for f, e, _s, _t in hits]
    assert got == [
        ("diplomacy", "grand bargain"),
        ("diplomacy", "negotiat*"),
        ("diplomacy", "negotiat*"),
        ("military", "military action"),  # longest entry wins, "military" not counted again
        ("military", "regime change"),
        ("regime", "regime"),  # another frame may count the same token
        ("military", "boots on the ground"),
        ("diplomacy", "Deal"),  # case-insensitive; "deals" is not "deal"
    ]
    tokens = simple_tokenize(text)
    f, e, s, t = hits[0]
    assert tokens[s:t] == ["grand", "bargain"]


def test_wildcard_with_inner_punctuation_follows_the_tokenizer():
    frames = {"s": Frame("s", "Sectarian", "", ("shi'ite*", "u.s. troops"))}

    def split_punct(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    toks = split_punct("The Shi'ites met U.S. troops")
    hits = match_frames(toks, frames, tokenizer=split_punct)
    assert [(e, toks[s:t]) for _f, e, s, t in hits] == [
        ("shi'ite*", ["shi", "ites"]),
        ("u.s. troops", ["u", "s", "troops"]),
    ]


LOADER_CASES = [
    ("frames: [a, b]\n", "expected a top-level key 'frames'"),
    ("nothing: 1\n", "expected a top-level key 'frames'"),
    ("frames: {}\n", "'frames' is empty"),
    ("frames:\n  Bad-Name:\n    label: X\n    words: [a]\n", "frame 'Bad-Name': name must"),
    ("frames:\n  f:\n    label: X\n    wrods: [a]\n", "frame 'f': unknown key(s) ['wrods']"),
    ("frames:\n  f:\n    words: [a]\n", "frame 'f': 'label' must be a non-empty string"),
    ("frames:\n  f:\n    label: X\n", "frame 'f': no words or phrases"),
    (
        "frames:\n  f:\n    label: X\n    words: [two words]\n",
        "words entry 'two words' has a space",
    ),
    ("frames:\n  f:\n    label: X\n    phrases: [alone]\n", "phrases entry 'alone' is a single"),
    ("frames:\n  f:\n    label: X\n    words: ['ne*go']\n", "'*' is allowed only at the end"),
    ("frames:\n  f:\n    label: X\n    words: ['*ation']\n", "'*' is allowed only at the end"),
    ("frames:\n  f:\n    label: X\n    words: [Oil, oil]\n", "frame 'f': duplicate entry 'oil'"),
    ("frames:\n  f:\n    label: X\n    words: [1, a]\n", "words entry 1 must be a non-empty"),
    ("frames:\n  f:\n    label: X\n    words: a\n", "'words' must be a list"),
    ("frames:\n  f: [a]\n", "frame 'f': expected a mapping"),
    ("frames: {f: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("text", "fragment"), LOADER_CASES)
def test_load_frames_errors_name_file_frame_and_entry(tmp_path, text, fragment):
    path = tmp_path / "bad_frames.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_frames(path)
    message = str(info.value)
    assert str(path) in message
    assert fragment in message


def test_load_frames_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_frames(tmp_path / "nope.yml")


def test_entry_that_tokenizes_to_nothing_is_a_lexicon_error(small_frames):
    with pytest.raises(LexiconError, match=r"frame 'diplomacy'.*'talks'"):
        match_frames(["x"], small_frames, tokenizer=lambda s: [] if s == "talks" else [s])


def test_frame_hits_kwic(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil", "oil money"))}
    hits = frame_hits(segments, frames, context=2, tokenizer=simple_tokenize)
    assert list(hits.columns) == [
        "doc_id", "outlet", "role", "voice", "seq", "frame", "entry", "left", "match", "right",
    ]  # fmt: skip
    # Arabic row (lang ar) is excluded by default; 5 English oil mentions.
    assert len(hits) == 4
    row = hits.iloc[1]
    assert (row["entry"], row["left"], row["match"], row["right"]) == (
        "oil money",
        "iran sends",
        "oil money",
        "",
    )
    only_authors = frame_hits(segments, frames, voices=["author"], tokenizer=simple_tokenize)
    assert set(only_authors["voice"]) == {"author"}


def test_frame_scores_counts_rates_and_flags(segments, small_frames):
    frames = {"e": Frame("e", "Economy", "", ("oil",)), "m": Frame("m", "Mil", "", ("troop*",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=200, tokenizer=simple_tokenize)
    s = scores.set_index(["outlet", "frame"])
    # Alpha: 8 + 9 + 3 tokens; oil 3 times, troops once.
    assert s.loc[("Alpha", "e"), "hits"] == 3 and s.loc[("Alpha", "e"), "n_tokens"] == 20
    assert s.loc[("Alpha", "e"), "rate"] == pytest.approx(150.0)
    assert s.loc[("Alpha", "m"), "hits"] == 1
    # Beta (English rows only): 10 + 7 tokens, oil once.
    assert s.loc[("Beta", "e"), "n_tokens"] == 17 and s.loc[("Beta", "e"), "hits"] == 1
    assert (scores["n_units"] == [3, 3, 2, 2]).all() and (scores["n_docs"] == 1).all()
    assert scores["small_sample"].all()
    assert (scores["ci_low"] <= scores["rate"] + 1e-9).all()
    assert (scores["rate"] <= scores["ci_high"] + 1e-9).all()
    assert list(scores.columns) == [
        "outlet", "frame", "label", "hits", "n_tokens", "rate", "ci_low", "ci_high",
        "ci_method", "n_units", "n_docs", "small_sample",
    ]  # fmt: skip


def test_frame_scores_bootstrap_is_deterministic_and_group_independent(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    kw = {"by": "outlet", "n_boot": 300, "tokenizer": simple_tokenize}
    one = frame_scores(segments, frames, seed=7, **kw)
    two = frame_scores(segments, frames, seed=7, **kw)
    pd.testing.assert_frame_equal(one, two)
    rng = np.random.default_rng(0)
    many = pd.DataFrame(
        {
            "doc_id": [f"d{i % 4}" for i in range(40)],
            "outlet": ["A"] * 40,
            "role": ["body"] * 40,
            "voice": ["author"] * 40,
            "lang": ["en"] * 40,
            "text": [" ".join(["oil"] * k + ["word"] * 5) for k in rng.integers(0, 4, 40)],
        }
    )
    seven = frame_scores(many, frames, seed=7, **kw)
    pd.testing.assert_frame_equal(seven, frame_scores(many, frames, seed=7, **kw))
    eight = frame_scores(many, frames, seed=8, **kw)
    assert not seven[["ci_low", "ci_high"]].equals(eight[["ci_low", "ci_high"]])
    alone = frame_scores(segments[segments["outlet"] == "Alpha"], frames, seed=7, **kw)
    pd.testing.assert_frame_equal(alone, one[one["outlet"] == "Alpha"].reset_index(drop=True))


def test_bootstrap_interval_collapses_when_every_unit_has_the_same_rate():
    seg = pd.DataFrame(
        {
            "doc_id": ["d"] * 12,
            "outlet": ["A"] * 12,
            "role": ["body"] * 12,
            "voice": ["author"] * 12,
            "lang": ["en"] * 12,
            "text": ["oil and water"] * 12,
        }
    )
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    s = frame_scores(seg, frames, by="outlet", tokenizer=simple_tokenize, min_tokens=30)
    row = s.iloc[0]
    assert row["rate"] == pytest.approx(1000 / 3)
    assert row["ci_low"] == pytest.approx(1000 / 3) and row["ci_high"] == pytest.approx(1000 / 3)
    assert not row["small_sample"]  # 12 units >= 10 and 36 tokens >= 30
    no_boot = frame_scores(seg, frames, by=None, n_boot=0, tokenizer=simple_tokenize)
    assert np.isnan(no_boot["ci_low"].iloc[0]) and no_boot["hits"].iloc[0] == 12


def test_frame_scores_document_units(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    s = frame_scores(segments, frames, by="outlet", unit="doc_id", tokenizer=simple_tokenize)
    # one document per outlet: a cluster bootstrap has no spread
    assert (s["n_units"] == 1).all()
    assert (s["ci_low"] == s["ci_high"]).all()


# ----------------------------------------------------------------------------- collocates


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
    assert alpha["score"].iloc[0] == pytest.approx(_hand_g2(3, 0, 11, 4), rel=1e-10)
    assert alpha["score"].iloc[1] == pytest.approx(_hand_g2(2, 0, 11, 4), rel=1e-10)
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


# ----------------------------------------------------------------------------- with the corpus tokenizer


def test_bundled_frames_with_corpus_tokenizer():
    frames = load_frames(FRAMES)
    from corpuslib.analysis.tokens import tokenize

    text = "The Shi’ite clerics negotiated; U.S. troops, boots on the ground, and a grand bargain."
    hits = match_frames(tokenize(text), frames)
    got = {(f, e) for f, e, _s, _t in hits}
    assert {
        ("sectarian", "shi'ite*"),
        ("sectarian", "cleric*"),
        ("diplomacy", "negotiat*"),
        ("military", "troop*"),
        ("military", "boots on the ground"),
        ("diplomacy", "grand bargain"),
    } <= got


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


# ----------------------------------------------------------------------------- helpers and plots


def test_dominant_frames_and_count_entries(segments):
    from corpuslib.analysis.frames import count_entries, dominant_frames

    frames = {
        "e": Frame("e", "Economy", "", ("oil", "money")),
        "m": Frame("m", "Mil", "", ("troop*",)),
    }
    scores = frame_scores(segments, frames, by="outlet", n_boot=100, tokenizer=simple_tokenize)
    dom = dominant_frames(scores, by="outlet").set_index("outlet")
    assert dom.loc["Alpha", "frame"] == "e" and dom.loc["Alpha", "hits"] == 4
    assert dom.loc["Alpha", "runner_up"] == "m"
    assert dom.loc["Beta", "frame"] == "e"
    entries = count_entries(frame_hits(segments, frames, tokenizer=simple_tokenize))
    assert entries.values.tolist() == [
        ["e", "oil", 4, 2, 0.8],
        ["e", "money", 1, 1, 0.2],
        ["m", "troop*", 1, 1, 1.0],
    ]


def test_plots_draw_the_expected_artists(segments):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpuslib.plots.collocations import figure_collocates
    from corpuslib.plots.frames import plot_frame_heatmap
    from corpuslib.plots.keywords import figure_keyness, plot_fightin_words

    groups = {"A": {"iran": 30, "oil": 2, "war": 10}, "B": {"iran": 3, "oil": 20, "war": 10}}
    # Fightin' Words for A: iran favours A, oil favours B (the rest), war is neither
    fw = compare_groups(groups, by="outlet", min_count=1)
    fig, ax = plt.subplots()
    plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=2)
    points = {c.get_label(): c.get_offsets().tolist() for c in ax.collections}
    assert set(points) == {"|z| ≤ 1.96", "favours group", "favours rest"}
    assert [p[0] for p in points["favours group"]] == [33.0]  # iran: 30 + 3
    assert [p[0] for p in points["favours rest"]] == [22.0]  # oil: 2 + 20
    assert [p[0] for p in points["|z| ≤ 1.96"]] == [20.0]  # war: 10 + 10
    texts = [t.get_text() for t in ax.texts]
    assert texts[:2] == ["z = +1.96", "z = −1.96"] and sorted(texts[2:]) == ["iran", "oil", "war"]
    assert ax.get_xlabel() == "total count in both groups (log scale)"
    assert ax.get_ylabel() == "z-score of log-odds ratio" and ax.get_xscale() == "log"
    with pytest.raises(CorpuslibError, match="focus group"):
        plot_fightin_words(fw[fw["outlet"] == "Z"], ax=ax)
    # keyness grid: one panel per group (+ a spare legend panel), one bar per keyword
    fig = figure_keyness(compare_groups(groups, by="outlet", statistic="keyness", min_count=1))
    panels = [a for a in fig.axes if a.axison]
    assert [a.get_title() for a in panels] == [
        "A\nn = 42 tokens (stopwords removed)",
        "B\nn = 33 tokens (stopwords removed)",
    ]
    bars = [[t.get_text() for t in a.get_yticklabels()] for a in panels]
    assert bars == [["iran"], ["oil", "war"]]
    assert [len(a.patches) for a in panels] == [1, 2]
    assert {a.get_xlabel() for a in panels} == {"G² vs rest (number: log ratio, log2)"}
    assert len(fig.axes) == 3 and fig.axes[2].get_legend() is not None
    # frame heatmap: groups × frames cells, each annotated with rate and interval
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=20, tokenizer=simple_tokenize)
    fig, ax = plt.subplots()
    plot_frame_heatmap(scores, ax=ax, by="outlet")
    assert ax.images[0].get_array().shape == (2, 1)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Economy"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Alpha †\nn = 20 tokens",
        "Beta †\nn = 17 tokens",
    ]
    assert [t.get_text().split("\n")[0] for t in ax.texts] == ["150.0", "58.8"]
    assert fig.axes[-1].get_ylabel() == "hits per 1,000 tokens"  # the colour bar
    # collocate grid: one panel per group, one bar per collocate, target as row label
    colloc = actor_collocates(
        segments, ["Iran"], window=2, min_count=1, min_score=0, top_n=3, tokenizer=simple_tokenize
    )
    fig = figure_collocates(colloc, targets=["Iran"])
    (panel,) = fig.axes
    assert panel.get_title() == "Alpha\nn = 5 mentions" and panel.get_ylabel() == "Iran"
    assert [t.get_text() for t in panel.get_yticklabels()] == colloc["term"].tolist()
    assert len(panel.patches) == len(colloc) == 3
    assert panel.get_xlabel() == "G² (near actor vs elsewhere)"
    plt.close("all")


def test_slugify():
    from corpuslib.plots.style import slugify

    assert slugify("Antiwar.com") == "antiwar-com"
    assert slugify("Just World News (Helena Cobban)") == "just-world-news-helena-cobban"
    assert slugify("  Café Übersee ") == "cafe-ubersee"  # accents folded to ASCII
    assert slugify("!!") == "group" and slugify("") == "group"  # nothing left: a fallback


# ----------------------------------------------------------------------------- review fixes


def test_zero_hit_frames_get_a_rule_of_three_bound_not_a_zero_interval(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil",)), "x": Frame("x", "None", "", ("zebra",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=50, tokenizer=simple_tokenize)
    zero = scores[scores["frame"] == "x"]
    assert (zero["hits"] == 0).all() and (zero["ci_method"] == "rule of three").all()
    assert (zero["ci_low"] == 0).all()
    # 95 %: -ln(0.05) / n tokens ~ 3 / n (Hanley & Lippman-Hand 1983), per 1,000 tokens
    expected = 1000 * -math.log(0.05) / zero["n_tokens"]
    assert zero["ci_high"].to_numpy() == pytest.approx(expected.to_numpy())
    assert zero["ci_high"].iloc[0] == pytest.approx(3000 / 20, rel=0.01)  # Alpha: 20 tokens
    assert (scores.loc[scores["frame"] == "e", "ci_method"] == "bootstrap").all()
    no_boot = frame_scores(segments, frames, by="outlet", n_boot=0, tokenizer=simple_tokenize)
    assert set(no_boot["ci_method"]) == {"none", "rule of three"}


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


def test_bundled_us_politics_frame_skips_democratic_iraq():
    from corpuslib.analysis.tokens import tokenize

    frames = load_frames(FRAMES)

    def us(text):
        return [e for f, e, _s, _t in match_frames(tokenize(text), frames) if f == "us_politics"]

    assert us("a long term security relationship with democratic Iraq") == []
    assert us("Democrats and Republicans in Congress") == ["democrats", "republican*", "congress*"]
    assert us("the democratic wing of the Democratic Party") == [
        "democratic wing", "democratic party",
    ]  # fmt: skip


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


@pytest.fixture
def mpl():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt



    with use_style():
        yield plt
    plt.close("all")


def test_keyness_bars_are_g2_in_decreasing_order_with_a_legend(mpl):
    from corpuslib.plots.keywords import figure_keyness

    groups = {
        "A": {"iran": 30, "oil": 2, "war": 10, "talks": 6, "deal": 5, "x": 40},
        "B": {"iran": 3, "oil": 20, "war": 10, "talks": 1, "deal": 4, "x": 60},
    }
    key = compare_groups(groups, by="outlet", statistic="keyness", min_count=1)
    fig = figure_keyness(key, top_n=5, columns=3)
    ax = fig.axes[0]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())  # top to bottom
    widths = [p.get_width() for p in bars]
    assert widths == sorted(widths, reverse=True)
    a = key[(key["outlet"] == "A") & (key["g2_signed"] > 0)]
    assert widths == pytest.approx(sorted(a["g2"], reverse=True))
    assert "G²" in ax.get_xlabel() and "log ratio" in ax.get_xlabel()
    assert "tokens" in ax.get_title(loc="left")
    legends = [a.get_legend() for a in fig.axes if a.get_legend()] + fig.legends
    labels = [t.get_text() for lg in legends for t in lg.get_texts()]
    assert any("significant" in t for t in labels) and "not significant" in labels


def test_fightin_words_labels_do_not_overlap_and_axes_are_labelled(mpl):
    from corpuslib.plots.keywords import plot_fightin_words

    counts = {
        "A": {f"w{i}": 2 + (i % 7) for i in range(40)} | {"iran": 40, "oil": 3},
        "B": {f"w{i}": 2 + (i % 5) for i in range(40)} | {"iran": 10, "oil": 30},
    }
    fw = compare_groups(counts, by="outlet", min_count=1)
    fig, ax = mpl.subplots(figsize=(3.5, 3.0))
    plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=10, label_a="A")
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if not t.get_text().startswith("z =")]
    assert labels
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    for i, b1 in enumerate(boxes):
        for b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2)
    assert {"z = +1.96", "z = −1.96"} <= {t.get_text() for t in ax.texts}
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    visible = [v for v in ax.get_xticks() if ax.get_xlim()[0] <= v <= ax.get_xlim()[1]]
    assert len(visible) >= 3 and len(ticks) >= 3
    assert "log scale" in ax.get_xlabel() and "z-score" in ax.get_ylabel()
    assert fig.legends  # the legend is in the figure


def test_fightin_words_label_placement_is_deterministic(mpl, tmp_path):
    from corpuslib.plots.keywords import plot_fightin_words
    from corpuslib.plots.style import save_figure

    counts = {
        "A": {f"w{i}": 2 + i % 4 for i in range(30)},
        "B": {f"w{i}": 2 + i % 3 for i in range(30)},
    }
    fw = compare_groups(counts, by="outlet", min_count=1)
    out = []
    for k in range(2):
        fig, ax = mpl.subplots(figsize=(3.5, 3.0))
        plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=8)
        out.append(save_figure(fig, f"fw{k}", tmp_path, formats=("png",))["png"].read_bytes())
    assert out[0] == out[1]


def test_frame_heatmap_explains_dagger_and_zero_cells(segments, mpl):
    from corpuslib.plots.frames import plot_frame_heatmap

    frames = {"e": Frame("e", "Economy", "", ("oil",)), "x": Frame("x", "None", "", ("zebra",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=50, tokenizer=simple_tokenize)
    fig, ax = mpl.subplots()
    plot_frame_heatmap(scores, ax=ax, by="outlet")
    cells = [t.get_text() for t in ax.texts]
    assert not any("[0.0, 0.0]" in c for c in cells)
    assert sum(c.startswith("0 hits") for c in cells) == 2
    assert "0 hits\n≤ 149.8" in cells  # Alpha: 20 tokens, 1000 * -ln(0.05) / 20
    note = ax.get_title(loc="left")
    assert "†" in note and "rule of three" in note
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Alpha †\nn = 20 tokens", "Beta †\nn = 17 tokens"]


def test_collocate_grid_says_why_a_panel_is_empty(segments, mpl):
    from corpuslib.analysis.collocations import count_mentions
    from corpuslib.plots.collocations import figure_collocates

    colloc = actor_collocates(segments, ["Iran"], window=2, min_count=1, tokenizer=simple_tokenize)
    mentions = count_mentions(segments, ["Iran"], by="outlet", tokenizer=simple_tokenize)
    fig = figure_collocates(colloc, targets=["Iran"], groups=["Alpha", "Beta"],
                              mentions=mentions, min_score=3.84, min_count=1)  # fmt: skip
    texts = _texts(fig)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert "Alpha\nn = 5 mentions" in titles and "Beta\nn = 0 mentions" in titles
    assert "not mentioned" in texts
    assert any("G² ≥ 3.84" in t.get_text() for t in [fig._supxlabel] if t is not None)
