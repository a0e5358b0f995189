"""Within-page author-commenter comparison, mixed model, domain lexicon, driving words."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.analysis import stats
from corpuslib.analysis.sentiment import (
    POOLED_UNITS,
    WITHIN_PAGE,
    describe_page_differences,
    lexicon_sensitivity,
    lexicon_table,
    mixed_model,
    page_differences,
    score_segments,
    sentiment_scores,
    unit_lengths,
    word_contributions,
    word_valences,
)
from corpuslib.errors import LexiconError, StatsError
from corpuslib.lexicons import load_sentiment_domain, parse_sentiment_domain


def _scored(pages: dict[str, tuple[list[float], list[float]]]) -> pd.DataFrame:
    """A scored table: per page, author scores and commenter scores (one unit each)."""
    rows = []
    for doc, (a, b) in pages.items():
        seq = 0
        for voice, values in (("author", a), ("commenter", b)):
            for v in values:
                rows.append({"doc_id": doc, "outlet": doc.upper(), "seq": seq, "voice": voice,
                             "status": "scored", "compound": v, "n_words": 10,
                             "sentence": pd.NA, "text": "x"})
                seq += 1
    return pd.DataFrame(rows)


def test_within_page_mean_is_not_the_unit_weighted_pooled_difference() -> None:
    # page A: many authors, high; page B: many commenters, low; within each page no difference
    scored = _scored({
        "a": ([0.5] * 8 + [0.4, 0.6], [0.5, 0.5]),
        "b": ([-0.5, -0.5], [-0.5] * 8 + [-0.4, -0.6]),
    })
    table = page_differences(scored, n_boot=200)
    within = table[table["scope"] == WITHIN_PAGE].iloc[0]
    pooled = table[table["scope"] == POOLED_UNITS].iloc[0]
    assert within["diff"] == pytest.approx(0.0, abs=1e-12)
    assert pooled["diff"] == pytest.approx(0.5 * 10 / 12 - 0.5 * 2 / 12 + 0.5 * 10 / 12 - 0.5 * 2 / 12)
    assert pooled["diff"] > 0.5  # pages, not voices
    assert (within["n_pages"], within["n_units_author"], within["n_units_commenter"]) == (2, 12, 12)
    assert within["p_min"] == 0.5 and within["too_small"]
    assert "2 page(s)" in within["reason"]
    assert math.isnan(pooled["p"]) and "not the estimand" in pooled["p_method"]


def test_pages_without_both_voices_do_not_enter() -> None:
    scored = _scored({"a": ([0.3], [0.1]), "b": ([0.2, 0.2], [])})
    table = page_differences(scored, n_boot=50)
    assert table.loc[table["scope"] == "page", "page"].tolist() == ["a"]
    assert table.loc[table["scope"] == WITHIN_PAGE, "diff"].item() == pytest.approx(0.2)


def test_sign_flip_is_exact_over_pages_and_reports_the_minimum() -> None:
    diffs = [0.3, 0.1, 0.2, 0.25, 0.15, 0.05]
    scored = _scored({f"p{i}": ([d, d], [0.0, 0.0]) for i, d in enumerate(diffs)})
    within = page_differences(scored, n_boot=500, min_pages=5)
    row = within[within["scope"] == WITHIN_PAGE].iloc[0]
    assert row["p"] == pytest.approx(2 / 64) == row["p_min"]  # every page positive
    assert "exact (64 patterns)" in row["p_method"] and not row["too_small"]
    assert row["ci_low"] > 0
    text = describe_page_differences(within)
    assert "k = 6 pages" in text and "2/2^6 = 0.0312" in text


def test_sign_flip_test_and_bootstrap_mean() -> None:
    assert stats.sign_flip_test([1.0, -1.0]).p_value == 1.0
    big = stats.sign_flip_test(np.ones(20), n_perm=999, exact_max=2**10)
    assert not big.exact and big.p_value == pytest.approx(1 / 1000)
    assert stats.sign_flip_min_p(10) == pytest.approx(2 / 1024)
    low, high = stats.bootstrap_mean([0.0, 1.0, 2.0], n_boot=500)
    assert 0.0 <= low < 1.0 < high <= 2.0
    with pytest.raises(StatsError):
        stats.sign_flip_test([])
    with pytest.raises(StatsError):
        stats.sign_flip_min_p(0)


def test_mixed_model_recovers_a_within_page_difference() -> None:
    rng = np.random.default_rng(1)
    pages = {}
    for i in range(8):
        shift = rng.normal(0, 0.5)  # page effect
        pages[f"p{i}"] = (list(shift + 0.3 + rng.normal(0, 0.05, 6)),
                          list(shift + rng.normal(0, 0.05, 6)))
    fit = mixed_model(_scored(pages), length=False)
    r = fit.iloc[0]
    assert r["estimate"] == pytest.approx(0.3, abs=0.05)
    assert r["ci_low"] < 0.3 < r["ci_high"] and r["p"] < 0.001
    assert (r["n_pages"], r["n_units"], r["n_rows"]) == (8, 96, 96)
    assert r["page_sd"] > 0.1  # page effects were drawn with sd 0.5
    one = mixed_model(_scored({"a": ([0.1], [0.2])}))
    assert math.isnan(one["estimate"].item()) and "no model" in one["note"].item()


def test_domain_lexicon_loads_and_neutralises_event_words() -> None:
    domain = load_sentiment_domain()
    for word in ("war", "attack", "offensive", "killed", "military", "enemy", "battle"):
        assert domain[word] == 0.0
    text = "Iraqi forces began the Tikrit offensive against the enemy."
    plain = sentiment_scores([text], instrument="vader", unit="sentence")["compound"].item()
    neutral = sentiment_scores([text], instrument="vader", unit="sentence",
                               lexicon=domain)["compound"].item()
    assert plain < -0.5 and neutral == 0.0
    # the override is keyed by content: the published lexicon is untouched afterwards
    again = sentiment_scores([text], instrument="vader", unit="sentence")["compound"].item()
    assert again == plain
    table = lexicon_table(domain)
    assert table.loc[table["word"] == "military", "changed"].item() is False  # VADER lacks it
    assert table.loc[table["word"] == "war", "vader"].item() == -2.9


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"neutral": "war"}, "must be a list"),
        ({"neutral": ["two words"]}, "not a single word"),
        ({"valence": {"ally": 9}}, r"\[-4, 4\]"),
        ({"neutral": ["war"], "valence": {"War": 1}}, "listed twice"),
        ({"other": []}, "top level"),
    ],
)
def test_domain_lexicon_rejects_bad_entries(data, match) -> None:
    with pytest.raises(LexiconError, match=match):
        parse_sentiment_domain(data, "f.yml")


def test_word_contributions_sum_word_valences_per_voice() -> None:
    seg = pd.DataFrame({
        "doc_id": ["d"] * 3, "outlet": "O", "seq": [0, 1, 2], "role": ["body", "body", "comment"],
        "quoted": False, "lang": "en",
        "text": ["The war was a great success. The war ended.", "A good plan.", "Bad, bad idea."],
    })
    scored = score_segments(seg, instrument="vader")
    words = word_contributions(scored)
    author = words[words["voice"] == "author"].set_index("word")
    assert author.loc["war", "n"] == 2 and author.loc["war", "valence_sum"] == pytest.approx(-5.8)
    assert words.loc[words["voice"] == "commenter", "word"].tolist() == ["bad"]
    assert words.groupby("voice")["share"].apply(lambda s: s.abs().sum()).round(6).eq(1).all()
    neutral = word_contributions(scored, lexicon={"war": 0})
    assert "war" not in set(neutral["word"])
    assert dict(word_valences("A great war.")) == {"a": 0.0, "great": 3.1, "war": -2.9}


def test_bundled_corpus_within_page_and_lengths(seed_segments) -> None:
    scored = score_segments(seed_segments, instrument="vader", unit="sentence")
    table = page_differences(scored, n_boot=200)
    pages = table[table["scope"] == "page"]
    assert len(pages) == 3  # the three pages with comments
    within = table[table["scope"] == WITHIN_PAGE].iloc[0]
    assert within["diff"] == pytest.approx(pages["diff"].mean())
    assert within["p_min"] == 0.25 and within["too_small"]
    lengths = unit_lengths(scored).set_index("voice")
    # the pasted press release is out: no commenter unit is longer than 250 own words
    assert lengths.loc["commenter", "words_max"] < 250
    assert lengths.loc["commenter", "words_quoted"] > 450
    both = lexicon_sensitivity({"a": table, "b": table})
    assert both.columns[0] == "lexicon" and len(both) == 2 * len(table)


def test_page_figures_draw_and_are_byte_identical(tmp_path, seed_segments) -> None:
    import matplotlib.pyplot as plt

    from corpuslib.plots.sentiment import figure_word_contributions, plot_page_differences
    from corpuslib.plots.style import new_axes, save_figure, use_style

    scored = score_segments(seed_segments, instrument="vader", unit="sentence")
    table = lexicon_sensitivity({"published": page_differences(scored, n_boot=100)})
    words = word_contributions(scored)
    outs = []
    for name in ("a", "b"):
        with use_style():
            ax = new_axes(2, height=3.2)
            plot_page_differences(table, ax=ax)
            labels = [t.get_text() for t in ax.get_yticklabels()]
            assert any("Just World News" in t for t in labels)
            assert any("not the estimand" in t for t in labels)
            save_figure(ax.figure, "pages", tmp_path / name, caption="n = 3 pages; test")
            # above max_pages the pages share one row: a point per page and their box
            ax = new_axes(2, height=3.2)
            plot_page_differences(table, ax=ax, max_pages=2)
            labels = [t.get_text() for t in ax.get_yticklabels()]
            assert len(labels) == 3 and labels[0].startswith("3 pages, a point each")
            assert not any("Just World News" in t for t in labels)
            clouds = [c for c in ax.collections if len(c.get_offsets()) == 3]
            assert clouds and clouds[0].get_alpha() >= 0.5  # three pages are three visible points
            save_figure(ax.figure, "pages-cloud", tmp_path / name, caption="n = 3 pages; test")
            fig = figure_word_contributions(words, k=5, neutral=["war"])
            assert [a.get_title("left") or a.get_title() for a in fig.axes] == ["author", "commenter"]
            save_figure(fig, "words", tmp_path / name, caption="n = 3 pages; test")
            plt.close("all")
        outs.append(tmp_path / name)
    for f in sorted(p.name for p in outs[0].iterdir()):
        assert (outs[0] / f).read_bytes() == (outs[1] / f).read_bytes(), f


def test_page_estimates_read_only_their_columns_and_do_not_copy_the_text() -> None:
    # the rows filtered and sorted per page carry the columns the estimates read, not the
    # text of a sentence table; the results do not depend on the other columns
    from corpuslib.analysis.sentiment import _both_voices

    rng = np.random.default_rng(3)
    n = 400
    scored = pd.DataFrame({
        "doc_id": rng.choice([f"p{i}" for i in range(9)], n), "seq": rng.integers(0, 6, n),
        "voice": rng.choice(["author", "commenter", "quoted"], n),
        "status": rng.choice(["scored", "scored", "empty"], n),
        "compound": np.where(rng.random(n) < 0.05, np.nan, rng.normal(size=n).round(4)),
        "n_words": rng.integers(1, 40, n), "sentence": pd.array(rng.integers(0, 3, n), dtype="Int64"),
        "text": [f"sentence {i} " * 5 for i in range(n)], "lang": "en", "role": "body",
    })
    scored["outlet"] = scored["doc_id"].str.upper()
    both = _both_voices(scored, "compound", "doc_id")
    assert "text" not in both.columns and "lang" not in both.columns
    lean = scored[["doc_id", "seq", "voice", "status", "compound", "n_words", "sentence", "outlet"]]
    reordered = scored[scored.columns[::-1]]
    for func in (lambda t: page_differences(t, n_boot=200, n_perm=99, min_pages=3),
                 lambda t: mixed_model(t, measure="compound")):
        full = func(scored)
        pd.testing.assert_frame_equal(full, func(lean))
        pd.testing.assert_frame_equal(full, func(reordered))


def _buffers(column: pd.Series) -> list[int]:
    """Addresses of the memory behind a column (numpy data or Arrow buffers)."""
    values = column.array
    if hasattr(values, "_pa_array"):
        return [b.address for chunk in values._pa_array.chunks for b in chunk.buffers() if b is not None]
    if hasattr(values, "_data") and hasattr(values, "_mask"):
        return [values._data.ctypes.data, values._mask.ctypes.data]
    return [column.to_numpy().ctypes.data]


def test_share_columns_holds_the_unit_columns_of_two_lexicons_once(seed_segments) -> None:
    from corpuslib.analysis.sentiment import share_columns

    sel = seed_segments.head(120)
    tables = {name: score_segments(sel, unit="sentence", lexicon=lex)
              for name, lex in (("published", None), ("domain", load_sentiment_domain()))}
    shared = share_columns(tables)
    assert list(shared) == list(tables)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(shared[name], table, check_exact=True)
        assert shared[name].attrs == table.attrs
    assert shared["published"] is tables["published"]
    first, second = shared["published"], shared["domain"]
    assert _buffers(second["text"]) == _buffers(first["text"])  # one copy of every sentence
    assert _buffers(second["doc_id"]) == _buffers(first["doc_id"])
    differ = [c for c in first.columns if not first[c].equals(tables["domain"][c])]
    assert differ and all(_buffers(second[c]) != _buffers(first[c]) for c in differ)
    second.loc[0, "n_words"] = -1  # copy-on-write: the other table keeps its value
    assert first.loc[0, "n_words"] != -1


@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.sampled_from([0.0, -0.0, 1.5, float("nan")]), min_size=1, max_size=6),
    flip=st.lists(st.booleans(), min_size=6, max_size=6),
    words=st.lists(st.sampled_from(["", "a", "b", None]), min_size=6, max_size=6),
)
def test_share_columns_returns_equal_tables(a, flip, words) -> None:
    from corpuslib.analysis.sentiment import share_columns

    n = len(a)
    one = pd.DataFrame({"x": a, "w": pd.Series(words[:n], dtype="str"),
                        "k": pd.array([1, None, 3, 4, 5, 6][:n], dtype="Int64")})
    other = one.copy()
    other["x"] = [(-v if f else v) for v, f in zip(a, flip, strict=False)]  # -0.0 differs from 0.0
    if flip[0]:
        other["w"] = other["w"].astype(object)  # same values, another dtype
    got = share_columns({"one": one, "other": other})
    pd.testing.assert_frame_equal(got["other"], other, check_exact=True)
    assert np.array_equal(got["other"]["x"].to_numpy().view(np.uint8), other["x"].to_numpy().view(np.uint8))
    assert got["other"]["w"].dtype == other["w"].dtype


def _extreme_units_before(scored: pd.DataFrame, k: int, measure: str, max_chars: int | None) -> pd.DataFrame:
    """extreme_units as it was before it ranked without the text column."""
    ok = scored[(scored["status"] == "scored") & scored[measure].notna()].copy()
    ok = ok.sort_values([c for c in ("doc_id", "seq", "sentence") if c in ok.columns], kind="mergesort")
    parts = []
    for end, ascending in (("most negative", True), ("most positive", False)):
        top = ok.sort_values(measure, ascending=ascending, kind="mergesort").head(k)
        parts.append(top.assign(end=end, rank=range(1, len(top) + 1), score=top[measure]))
    out = pd.concat(parts, ignore_index=True)
    if max_chars is not None:
        out["text"] = [t if len(t) <= max_chars else t[: max_chars - 3].rstrip() + "..." for t in out["text"]]
    cols = [c for c in ("end", "rank", "score", "voice", "outlet", "doc_id", "seq", "sentence", "text")
            if c in out.columns and not (c == "sentence" and out[c].isna().all())]
    return out[cols].reset_index(drop=True)


@pytest.mark.parametrize("unit", ["sentence", "segment"])
def test_voice_tables_read_only_their_columns(seed_segments, unit) -> None:
    # compare_voices, instrument_agreement, unit_lengths and extreme_units filter only the columns they
    # read: the same tables as before, whatever other columns the scored table has
    from corpuslib.analysis.sentiment import compare_voices, extreme_units, instrument_agreement

    scored = score_segments(seed_segments, unit=unit)
    padded = scored.assign(extra=np.arange(len(scored)), note="x")[["extra", *scored.columns[::-1], "note"]]
    for func in (lambda t: compare_voices(t, n_boot=200, n_perm=99),
                 instrument_agreement, unit_lengths):
        pd.testing.assert_frame_equal(func(scored), func(padded), check_exact=True)
    for k, max_chars in ((5, 300), (3, None), (10**6, 40)):
        old = _extreme_units_before(scored, k, "compound", max_chars)
        pd.testing.assert_frame_equal(extreme_units(scored, k=k, max_chars=max_chars), old, check_exact=True)
        pd.testing.assert_frame_equal(extreme_units(padded, k=k, max_chars=max_chars), old, check_exact=True)


def test_unit_key_is_one_integer_per_unit() -> None:
    from corpuslib.analysis.sentiment import _unit_key

    rows = pd.DataFrame({"doc_id": ["a", "a", "b", "a", "b", "a#1"],
                         "seq": [1, 1, 1, 2, 1, 1]})
    key = _unit_key(rows)
    assert key.dtype.kind == "i"
    assert key[0] == key[1] and key[2] == key[4]
    assert len({key[0], key[2], key[3], key[5]}) == 4
