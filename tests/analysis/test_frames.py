"""Tests for corpuslib.analysis.frames and the frame dictionary loader."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from corpuslib.analysis.frames import frame_hits, frame_scores, match_frames
from corpuslib.errors import LexiconError
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
