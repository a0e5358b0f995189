"""Scores computed once: the on-disk cache of sentiment scores."""

from __future__ import annotations

import weakref

import pandas as pd
import pytest

from corpuslib import paths
from corpuslib.analysis import sentiment
from corpuslib.analysis.cache import cache_path, cached, cached_rows, input_key
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


# --------------------------------------------------------------------------- per table


def _same(a, b) -> None:
    """Equal down to dtypes, attrs and float bits, and the same CSV text."""
    import pickle

    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        assert a.attrs == b.attrs
        assert a.to_csv() == b.to_csv()
    else:
        assert pickle.dumps(a) == pickle.dumps(b)


def _notebook_calls(segments):
    """Every call the notebooks 01-03 make through ``cached``, on the bundled corpus."""
    from corpuslib.analysis import collocations as co
    from corpuslib.analysis import counts as ct
    from corpuslib.analysis import explorer as ex
    from corpuslib.analysis import frames as fr
    from corpuslib.analysis import keywords as kw
    from corpuslib.analysis import quotes as qu
    from corpuslib.analysis import sentiment as se
    from corpuslib.corpus.units import select_units
    from corpuslib.lexicons import load_frames

    units = select_units(segments, voices=["title", "author", "commenter"], langs=["en"])
    authors = select_units(segments, voices=["author"], langs=["en"]).reset_index(drop=True)
    tok = dict(stopwords=True, aliases=True)
    by_voice = ct.term_counts(units, by="voice", langs=["en"], **tok)
    counts = ct.term_counts(authors, by=("outlet",), langs=["en"], **tok)
    fightin = kw.compare_groups(counts, by="outlet", min_count=2)
    scored = se.score_segments(segments, instrument="both", unit="sentence")
    frames = load_frames(paths.FRAMES)
    return [
        (ct.term_counts, (units,), dict(by="voice", langs=["en"], **tok)),
        (ct.sample_sizes, (units,), dict(by="voice", langs=["en"], **tok)),
        (ct.top_terms, (by_voice,), dict(top_n=5, segments=units, langs=["en"], **tok)),
        (ct.zipf_table, (units,), dict(by="voice", langs=["en"])),
        (co.collocations, (units,), dict(measure="likelihood", min_freq=2, window=2, top_n=10)),
        (co.kwic, (units, ["Iran", "militia"]), dict(window=6, aliases=True)),
        (ex.explorer_terms, (units,), dict(by="voice", a="author", b="commenter", **tok)),
        (ex.explorer_contexts, (units, ["iran", "iraq"]), dict(by="voice", a="author", b="commenter")),
        (kw.keyword_documents, (fightin, authors), dict(by="outlet", seed=0, **tok)),
        (fr.frame_hits, (authors, frames), dict(langs=["en"], rules=False)),
        (fr.frame_scores, (authors, frames), dict(by="outlet", n_boot=50, seed=0)),
        (co.actor_collocates, (authors, ["Iran", "US"]), dict(by="outlet", min_count=2)),
        (co.count_mentions, (authors, ["Iran", "US"]), dict(by="outlet")),
        (qu.find_quotes, (segments,), {}),
        (se.score_segments, (segments,), dict(instrument="both", unit="sentence")),
        (se.page_differences, (scored,), dict(measure="compound", n_boot=50, n_perm=99, seed=0)),
        (se.mixed_model, (scored,), dict(measure="compound")),
        (se.word_contributions, (scored,), {}),
        (se.compare_voices, (scored,), dict(n_boot=50, n_perm=99, seed=0)),
        (se.instrument_agreement, (scored,), {}),
    ]


@pytest.fixture(scope="module")
def notebook_calls(seed_segments):
    return _notebook_calls(seed_segments)


@pytest.mark.parametrize("i", range(20))
def test_cached_table_equals_uncached(notebook_calls, tmp_path, i):
    func, args, kwargs = notebook_calls[i]
    plain = func(*args, **kwargs)
    cold = cached(func, tmp_path)(*args, **kwargs)
    assert len(list(tmp_path.glob(f"{func.__name__}-*.pkl"))) == 1
    warm = cached(func, tmp_path)(*args, **kwargs)
    _same(plain, cold)
    _same(plain, warm)


def test_cached_reads_instead_of_computing(tmp_path):
    calls = []

    def total(table, *, column):
        calls.append(column)
        return table[column].sum()

    t = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    assert cached(total, tmp_path)(t, column="x") == 3
    assert cached(total, tmp_path)(t.copy(), column="x") == 3  # same content, another object
    assert calls == ["x"]
    assert cached(total, tmp_path)(t, column="y") == 7  # another option
    assert cached(total, tmp_path)(t.assign(x=[1, 5]), column="x") == 6  # another content
    assert calls == ["x", "y", "x"]
    assert cached(total, False)(t, column="x") == 3  # cache off: computed
    assert calls == ["x", "y", "x", "x"]


@pytest.mark.parametrize(
    "other",
    [
        lambda t: t.astype({"x": "int32"}),  # dtype
        lambda t: t.astype({"g": "category"}),  # categorical vs object
        lambda t: t.set_axis([5, 6]),  # index
        lambda t: t.rename(columns={"x": "z"}),  # column name
        lambda t: t.iloc[::-1],  # row order
    ],
)
def test_table_key_sees_dtype_index_names_and_order(other):
    t = pd.DataFrame({"x": [1, 2], "g": ["a", "b"]})
    assert input_key(t) != input_key(other(t))
    assert input_key(t) == input_key(t.copy())


def test_code_version_changes_the_key(tmp_path, monkeypatch):
    from corpuslib.analysis import cache as cache_module

    calls = []

    def one(table):
        calls.append(1)
        return len(table)

    t = pd.DataFrame({"x": [1]})
    cached(one, tmp_path)(t)
    monkeypatch.setattr(cache_module, "code_version", lambda: "another version")
    cached(one, tmp_path)(t)
    assert calls == [1, 1]


def test_corrupt_table_file_is_recomputed(tmp_path):
    t = pd.DataFrame({"x": [1, 2]})
    cached(len, tmp_path)(t)
    (path,) = tmp_path.glob("len-*.pkl")
    path.write_bytes(b"not a pickle")
    assert cached(len, tmp_path)(t) == 2
    assert cached(len, tmp_path)(t) == 2


class _Probe:
    """A result that notes, when read back from the cache, whether the computed one is alive."""

    computed: weakref.ref | None = None
    computed_alive_at_load: bool | None = None

    def __init__(self) -> None:
        self.value = 1

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        _Probe.computed_alive_at_load = _Probe.computed is not None and _Probe.computed() is not None


def _make_probe() -> _Probe:
    probe = _Probe()
    _Probe.computed = weakref.ref(probe)
    return probe


def test_first_call_reads_back_after_dropping_the_computed_result(tmp_path):
    # one copy of a large result in memory at a time: the computed object is gone before
    # the object returned (the one a warm call reads) is unpickled
    got = cached(_make_probe, tmp_path)()
    assert isinstance(got, _Probe) and got.value == 1
    assert _Probe.computed_alive_at_load is False
    _Probe.computed_alive_at_load = None
    again = cached(_make_probe, tmp_path)()  # warm: read, not computed
    assert again.value == 1 and _Probe.computed_alive_at_load is False


@pytest.mark.parametrize("step", [1, 3, 50_000])
def test_table_key_hashed_by_slices_of_rows_is_the_whole_table_hash(monkeypatch, step):
    import hashlib

    import numpy as np

    from corpuslib.analysis import cache

    t = pd.DataFrame({"text": pd.Series(["a b", "c", "a b", None, "d"] * 3, dtype="str"),
                      "n": np.arange(15), "x": np.linspace(0, 1, 15),
                      "g": pd.Categorical(list("xyzxy") * 3)}, index=np.arange(15)[::-1])
    t.attrs["note"] = "kept"
    # the digest as it was computed before: every row hashed at once
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr([(str(c), repr(d)) for c, d in t.dtypes.items()]).encode())
    digest.update(repr((type(t).__name__, t.shape, list(t.index.names))).encode())
    digest.update(repr(sorted(t.attrs.items(), key=str)).encode())
    digest.update(np.ascontiguousarray(
        pd.util.hash_pandas_object(t, index=True, categorize=True).to_numpy()).tobytes())
    monkeypatch.setattr(cache, "HASH_ROWS", step)
    assert cache._table_digest(t) == digest.hexdigest()
    assert cache._table_digest(t.iloc[:0]) == cache._table_digest(t.iloc[:0].copy())
    unhashable = pd.DataFrame({"v": [[1], [2], [3], [4]]})
    assert cache._table_digest(unhashable) == cache._table_digest(unhashable.copy())


def test_cached_scores_of_a_column_read_in_slices(tmp_path, monkeypatch):
    # the texts of a Series become Python strings a slice at a time: the same scores,
    # index and errors as reading the whole column at once
    monkeypatch.setattr(sentiment, "TEXT_SLICE", 2)
    texts = pd.Series(["Good.", "Bad!", "Good.", "Meh", "", "Great, truly."], index=[5, 3, 9, 1, 0, 7],
                      dtype="str")
    plain = sentiment_scores(texts.tolist(), unit="sentence")
    cold = sentiment_scores(texts, unit="sentence", cache=tmp_path)
    warm = sentiment_scores(texts, unit="sentence", cache=tmp_path)
    pd.testing.assert_frame_equal(cold, plain.set_axis(texts.index), check_exact=True)
    pd.testing.assert_frame_equal(warm, cold, check_exact=True)
    with pytest.raises(SentimentError, match=r"texts\[4\] is NoneType"):
        sentiment_scores(pd.Series(["a", "b", "c", "d", None], dtype=object), cache=tmp_path)


def test_text_slices_of_a_masked_column(monkeypatch):
    # score_segments passes the scored rows of its text column this way, slice by slice
    monkeypatch.setattr(sentiment, "TEXT_SLICE", 2)
    texts = pd.Series(["a", "b", "c", "d", "e"], dtype="str")
    mask = pd.array([True, False, False, True, True], dtype=bool).to_numpy()
    assert list(sentiment._text_slices(texts, mask)) == ["a", "d", "e"]
    assert list(sentiment._text_slices(texts)) == ["a", "b", "c", "d", "e"]
    assert list(sentiment._text_slices(iter(["x", "y"]))) == ["x", "y"]
