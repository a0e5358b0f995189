"""Tests for corpuslib.analysis.frames and the frame dictionary loader."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from corpuslib.analysis.frames import frame_hits, frame_scores, match_frames
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import Frame, load_frames
from corpuslib.paths import FRAMES
from tests.analysis.framing_data import simple_tokenize


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
        "hit_id", "doc_id", "outlet", "role", "voice", "seq", "frame", "entry", "start", "left",
        "match", "right",
    ]  # fmt: skip
    assert hits["hit_id"].is_unique and (hits["hit_id"].str.len() == 12).all()
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
        "ci_method", "qp_low", "qp_high", "dispersion", "n_units", "n_docs", "small_sample",
    ]  # fmt: skip
    # one page per outlet: exact Poisson (Garwood) interval of the count, per 1,000 tokens
    assert set(scores["ci_method"]) == {"exact Poisson (Garwood)"}
    assert s.loc[("Alpha", "e"), "ci_high"] == pytest.approx(1000 * 8.7673 / 20, rel=1e-4)


def _pages(n_docs: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "doc_id": [f"d{i % n_docs}" for i in range(40)], "outlet": ["A"] * 40,
        "role": ["body"] * 40, "voice": ["author"] * 40, "lang": ["en"] * 40,
        "text": [" ".join(["oil"] * k + ["word"] * 5) for k in rng.integers(0, 4, 40)],
    })  # fmt: skip


def test_frame_scores_bootstrap_over_documents_is_deterministic_and_group_independent(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    kw = {"by": "outlet", "n_boot": 300, "tokenizer": simple_tokenize}
    one = frame_scores(segments, frames, seed=7, **kw)
    pd.testing.assert_frame_equal(one, frame_scores(segments, frames, seed=7, **kw))
    # pages with very different rates: the document bootstrap is wider than the exact interval
    many = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(8)], "outlet": ["A"] * 8, "role": ["body"] * 8,
        "voice": ["author"] * 8, "lang": ["en"] * 8,
        "text": [" ".join(["oil"] * (6 * i) + ["word"] * 40) for i in range(8)],
    })  # fmt: skip
    seven = frame_scores(many, frames, seed=7, **kw)
    assert seven["ci_method"].iloc[0] == "document bootstrap (>= exact Poisson)"
    pd.testing.assert_frame_equal(seven, frame_scores(many, frames, seed=7, **kw))
    eight = frame_scores(many, frames, seed=8, **kw)
    assert not seven[["ci_low", "ci_high"]].equals(eight[["ci_low", "ci_high"]])
    alone = frame_scores(segments[segments["outlet"] == "Alpha"], frames, seed=7, **kw)
    pd.testing.assert_frame_equal(alone, one[one["outlet"] == "Alpha"].reset_index(drop=True))


def test_no_interval_is_narrower_than_the_exact_poisson_interval():
    from corpuslib.analysis.stats import poisson_interval

    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    for n_docs in (1, 3, 8):
        s = frame_scores(_pages(n_docs), frames, by="outlet", tokenizer=simple_tokenize).iloc[0]
        low, high = (1000 * b / s["n_tokens"] for b in poisson_interval(int(s["hits"])))
        assert s["ci_low"] <= low + 1e-9 and s["ci_high"] >= high - 1e-9, n_docs
        assert s["n_docs"] == n_docs
        # 2-4 pages: a quasi-Poisson interval across the pages as well
        assert np.isfinite(s["qp_low"]) == (2 <= n_docs < 5)


def test_interval_bounds_are_monotone_in_the_count():
    """A frame with 1 hit never gets a lower upper bound than a frame with 0 hits."""
    frames = {f"f{k}": Frame(f"f{k}", f"F{k}", "", (f"w{k}",)) for k in range(4)}
    text = " ".join(["w1"] + ["w2"] * 2 + ["w3"] * 3 + ["filler"] * 94)
    seg = pd.DataFrame({"doc_id": ["d"], "outlet": ["A"], "role": ["body"], "voice": ["author"],
                        "lang": ["en"], "text": [text]})
    s = frame_scores(seg, frames, by="outlet", tokenizer=simple_tokenize)
    assert s["hits"].tolist() == [0, 1, 2, 3]
    assert s["ci_high"].is_monotonic_increasing and s["ci_low"].is_monotonic_increasing


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


def test_zero_hit_frames_get_the_exact_upper_bound_not_a_zero_interval(segments):
    frames = {"e": Frame("e", "Economy", "", ("oil",)), "x": Frame("x", "None", "", ("zebra",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=50, tokenizer=simple_tokenize)
    zero = scores[scores["frame"] == "x"]
    assert (zero["hits"] == 0).all() and (zero["ci_low"] == 0).all()
    # exact Poisson upper bound of 0 events: -ln(0.025) = 3.689 (two-sided 95 %)
    expected = 1000 * 3.6889 / zero["n_tokens"]
    assert zero["ci_high"].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-4)


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



def test_anchor_keeps_a_threat_word_only_near_its_actor():
    from corpuslib.lexicons import Actor, EntryRule

    actors = {"Iran": Actor("Iran", ("Iran", "Iranian", "Tehran"))}
    threat = EntryRule(actors=("Iran",), within="sentence")
    frames = {"t": Frame("t", "Threat", "", ("threat*", "regime"), anchor=threat,
                         rules={"regime": EntryRule(actors=("Iran",), within=2)})}
    seg = pd.DataFrame({"doc_id": ["d"] * 3, "outlet": ["A"] * 3, "role": ["body"] * 3,
                        "seq": [0, 1, 2], "voice": ["author"] * 3, "lang": ["en"] * 3,
                        "text": ["Trump threatened to sanction the Iraqi economy.",
                                 "Tehran threatens the region. The Soviet regime fell.",
                                 "The Iranian regime is a threat."]})
    kept = frame_hits(seg, frames, actors=actors)
    assert kept[["seq", "entry"]].values.tolist() == [[1, "threat*"], [2, "regime"], [2, "threat*"]]
    every = frame_hits(seg, frames, actors=actors, rules=False).set_index(["seq", "entry"])
    assert every.loc[(0, "threat*"), "reason"] == "no Iran in its sentence"
    assert every.loc[(1, "regime"), "reason"] == "no Iran within 2 tokens"
    rates = frame_scores(seg, frames, by=None, actors=actors)
    assert rates["hits"].item() == 3


def test_an_entry_belongs_to_one_frame_unless_shared(tmp_path):
    body = """frames:
  a: {label: A, phrases: [regime change]}
  b: {label: B, words: [regime, {entry: change, shared: true}]}
  c: {label: C, words: [{entry: change, shared: true}]}
"""
    path = tmp_path / "f.yml"
    path.write_text(body, encoding="utf-8")
    frames = load_frames(path)
    seg = pd.DataFrame({"doc_id": ["d"], "outlet": ["A"], "role": ["body"], "seq": [0],
                        "voice": ["author"], "lang": ["en"], "text": ["They want regime change."]})
    hits = frame_hits(seg, frames, rules=False)
    reasons = dict(zip(hits["frame"] + ":" + hits["entry"], hits["reason"], strict=True))
    assert reasons["a:regime change"] == "" and reasons["b:regime"] == "inside 'regime change' (a)"
    assert reasons["b:change"] == "" and reasons["c:change"] == ""  # declared shared
    path.write_text(body.replace("{entry: change, shared: true}]}\n  c", "change]}\n  c"), encoding="utf-8")
    with pytest.raises(LexiconError, match="stands in frames"):
        load_frames(path)


def test_unknown_anchor_actor_is_named(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text("frames:\n  a: {label: A, anchor: {actors: [Narnia]}, words: [x]}\n",
                    encoding="utf-8")
    with pytest.raises(LexiconError, match="Narnia"):
        load_frames(path)


def test_precision_is_stratified_by_entry_with_wilson_intervals(tmp_path):
    from corpuslib.analysis.frames import frame_precision, read_coding, sample_hits

    hits = pd.DataFrame({"hit_id": [f"h{i}" for i in range(30)], "frame": ["f"] * 30,
                         "entry": ["a"] * 20 + ["b"] * 10, "doc_id": "d", "seq": range(30),
                         "voice": "author", "left": "", "match": "", "right": ""})
    sheet = sample_hits(hits, per_entry=10, seed=1)
    assert sheet.groupby("entry").size().to_dict() == {"a": 10, "b": 10}
    pd.testing.assert_frame_equal(sheet, sample_hits(hits, per_entry=10, seed=1))
    sheet["code"] = [1] * 8 + [0] * 2 + [1] * 5 + [0] * 5  # a: 8/10, b: 5/10 (all of b)
    sheet.to_csv(tmp_path / "coded.csv", index=False)
    entries, frames = frame_precision(read_coding(tmp_path / "coded.csv"), hits)
    e = entries.set_index("entry")
    assert e.loc["a", "precision"] == pytest.approx(0.8)
    assert (e.loc["a", "ci_low"], e.loc["a", "ci_high"]) == pytest.approx((0.490, 0.943), abs=1e-3)
    f = frames.iloc[0]
    assert f["precision"] == pytest.approx(20 / 30 * 0.8 + 10 / 30 * 0.5)
    assert f["ci_low"] < f["precision"] < f["ci_high"] and f["coverage"] == 1.0
    (tmp_path / "bad.csv").write_text("hit_id,frame,entry,code\nx,f,a,yes\n", encoding="utf-8")
    with pytest.raises(CorpuslibError, match="row 2: code 'yes'"):
        read_coding(tmp_path / "bad.csv")


def test_hit_ids_survive_a_new_segmentation(segments):
    """Hand codes are keyed by hit_id: it must not depend on unit numbers or positions."""
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    first = frame_hits(segments, frames, tokenizer=simple_tokenize)
    renumbered = segments.assign(seq=segments["seq"] + 100)
    again = frame_hits(renumbered, frames, tokenizer=simple_tokenize)
    assert first["hit_id"].tolist() == again["hit_id"].tolist()


def test_every_bundled_frame_hit_is_hand_coded(seed_segments):
    from corpuslib import paths
    from corpuslib.analysis.frames import read_coding
    from corpuslib.corpus.units import select_units

    matches = frame_hits(select_units(seed_segments).reset_index(drop=True), rules=False)
    coded = read_coding(paths.CODED_FRAME_HITS)
    assert set(matches["hit_id"]) <= set(coded["hit_id"]), "re-code or migrate the coded sample"


def test_dominant_frames_by_precision_corrected_rate():
    from corpuslib.analysis.frames import describe_dominant, dominant_frames

    scores = pd.DataFrame({
        "outlet": ["A", "A", "A"], "frame": ["military", "domestic", "unvalidated"],
        "rate": [27.0, 28.1, 40.0], "ci_low": [20.0, 21.0, 30.0], "ci_high": [35.0, 36.0, 50.0],
        "rate_corrected": [26.0, 11.5, np.nan], "corrected_low": [18.0, 7.0, np.nan],
        "corrected_high": [34.0, 16.0, np.nan], "hits": [30, 31, 44], "n_tokens": [1100] * 3,
    })
    raw = dominant_frames(scores, by="outlet")
    assert raw["frame"].tolist() == ["unvalidated"] and raw["measure"].tolist() == ["rate"]
    corrected = dominant_frames(scores, by="outlet", rate="rate_corrected").iloc[0]
    assert (corrected["frame"], corrected["runner_up"], corrected["rate"]) == ("military", "domestic", 26.0)
    assert not corrected["overlaps_runner_up"]  # 18.0 > 16.0
    text = describe_dominant(dominant_frames(scores, by="outlet", rate="rate_corrected"), by="outlet")
    assert "precision-corrected 26.0 [18.0, 34.0]" in text and "clearly ahead of domestic" in text
    with pytest.raises(CorpuslibError):
        dominant_frames(scores, by="outlet", rate="hits")
