"""Scores computed once: the on-disk cache of sentiment scores."""

from __future__ import annotations

import pandas as pd
import pytest

from corpuslib.analysis import sentiment
from corpuslib.analysis.cache import cache_path, cached_rows
from corpuslib.analysis.sentiment import score_segments, sentiment_scores
from corpuslib.errors import SentimentError

TEXTS = [
    "The food was GOOD!!! But the service was awful.",
    "US forces headed back to Iraq. Nobody was happy about it.",
    "",
    "The food was GOOD!!! But the service was awful.",
    "A fine plan :)",
]


@pytest.fixture
def vader_calls(monkeypatch) -> list[str]:
    """Every sentence-like text that reaches VADER/TextBlob in this process."""
    calls: list[str] = []
    real = sentiment._score_one

    def counting(text, **kw):
        calls.append(text)
        return real(text, **kw)

    monkeypatch.setattr(sentiment, "_score_one", counting)
    return calls


@pytest.mark.parametrize("unit", ["segment", "sentence"])
def test_cached_scores_equal_uncached(tmp_path, unit):
    plain = sentiment_scores(TEXTS, unit=unit)
    first = sentiment_scores(TEXTS, unit=unit, cache=tmp_path)
    again = sentiment_scores(TEXTS, unit=unit, cache=tmp_path)
    pd.testing.assert_frame_equal(first, plain)
    pd.testing.assert_frame_equal(again, plain)


def test_rerun_scores_nothing_and_repeats_are_scored_once(tmp_path, vader_calls):
    sentiment_scores(TEXTS, cache=tmp_path)
    first = len(vader_calls)
    assert first > 0
    # the repeated text was scored once: the same calls as the distinct texts alone
    vader_calls.clear()
    sentiment_scores(list(dict.fromkeys(TEXTS)), cache=tmp_path / "other")
    assert len(vader_calls) == first
    vader_calls.clear()
    sentiment_scores(TEXTS, cache=tmp_path)
    assert vader_calls == []


def test_new_text_alone_is_scored(tmp_path, vader_calls):
    sentiment_scores(TEXTS, cache=tmp_path, instrument="vader")
    vader_calls.clear()
    out = sentiment_scores([*TEXTS, "Terrible news."], cache=tmp_path, instrument="vader")
    assert vader_calls == ["Terrible news."]
    assert out["compound"].iloc[-1] < 0


@pytest.mark.parametrize(
    "change",
    [
        {"lexicon": {"forces": -2.0}},
        {"instrument": "vader"},
        {"aggregate": "sentence_mean"},
        {"unit": "sentence"},
    ],
)
def test_any_option_or_lexicon_content_is_part_of_the_key(tmp_path, vader_calls, change):
    sentiment_scores(TEXTS, cache=tmp_path)
    vader_calls.clear()
    changed = sentiment_scores(TEXTS, cache=tmp_path, **change)
    assert vader_calls  # scored again, not read from the other options' file
    pd.testing.assert_frame_equal(changed, sentiment_scores(TEXTS, **change))


def test_same_lexicon_content_from_another_mapping_hits(tmp_path, vader_calls):
    sentiment_scores(TEXTS, cache=tmp_path, lexicon={"forces": -2.0, "plan": 0.0})
    vader_calls.clear()
    sentiment_scores(TEXTS, cache=tmp_path, lexicon={"plan": 0, "Forces": -2})
    assert vader_calls == []


def test_score_segments_rerun_as_in_notebook_03_scores_nothing(seed_segments, tmp_path, vader_calls):
    options = dict(voices=["author", "commenter"], instrument="both", unit="sentence", cache=tmp_path)
    lexicons = {"published": None, "domain": {"attack": 0.0, "forces": 0.0}}
    first = {k: score_segments(seed_segments, lexicon=v, **options) for k, v in lexicons.items()}
    assert vader_calls
    vader_calls.clear()
    again = {k: score_segments(seed_segments, lexicon=v, **options) for k, v in lexicons.items()}
    assert vader_calls == []
    for k in lexicons:
        pd.testing.assert_frame_equal(first[k], again[k])
        plain = score_segments(seed_segments, lexicon=lexicons[k], **{**options, "cache": False})
        pd.testing.assert_frame_equal(first[k], plain)


def test_parallel_scoring_fills_the_same_cache(tmp_path):
    one = sentiment_scores(TEXTS, cache=tmp_path / "a")
    two = sentiment_scores(TEXTS, cache=tmp_path / "b", jobs=2, chunk_size=2)
    pd.testing.assert_frame_equal(one, two)


def test_custom_splitter_is_not_cached(tmp_path):
    with pytest.raises(SentimentError, match="splitter"):
        sentiment_scores(TEXTS, cache=tmp_path, splitter=str.splitlines)


def test_corrupt_cache_file_is_recomputed(tmp_path):
    import numpy as np

    def compute(texts):
        return np.array([[len(t)] for t in texts], dtype=float)

    path = cache_path(tmp_path, "demo", {"v": 1})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not parquet")
    rows, n = cached_rows(["ab"], compute, folder=tmp_path, name="demo", options={"v": 1}, columns=["n"])
    assert rows.tolist() == [[2.0]] and n == 1
    assert cached_rows(["ab"], compute, folder=tmp_path, name="demo", options={"v": 1}, columns=["n"])[1] == 0


def test_non_string_text_is_named(tmp_path):
    with pytest.raises(SentimentError, match=r"texts\[1\]"):
        sentiment_scores(["a", None], cache=tmp_path)
