"""Tests for corpuslib.analysis.keywords: log-odds and keyness against hand-computed values."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from corpuslib.analysis.counts import term_counts
from corpuslib.analysis.keywords import (
    compare_groups,
    keyness,
    keyword_documents,
    log_odds_dirichlet,
)
from corpuslib.analysis.stats import adjust_pvalues
from corpuslib.errors import CorpuslibError
from tests.analysis.framing_data import hand_g2


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




def test_keyness_matches_hand_computed_g2_log_ratio_and_p():
    a = {"iran": 20, "oil": 0, "the": 60, "war": 20}  # n_a = 100
    b = {"iran": 5, "oil": 15, "the": 150, "war": 30}  # n_b = 200
    df = keyness(a, b, min_count=1, correction=None).set_index("term")
    for term in ["iran", "oil", "the", "war"]:
        ca, cb = a[term], b[term]
        g2 = hand_g2(ca, cb, 100, 200)
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
    assert row["g2"] == pytest.approx(hand_g2(7, 1, 100, 200, four_cells=False), rel=1e-10)


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


def _doc_units(groups: list[str], texts: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)], "role": ["body"] * n, "seq": [0] * n,
        "quoted": [False] * n, "lang": ["en"] * n, "g": groups, "text": texts,
    })


def test_keyword_documents_exact_floor_for_one_page_among_five():
    from corpuslib.analysis.keywords import describe_document_test, keyword_documents

    units = _doc_units(["A", "B", "B", "B", "B"],
                       ["ally ally ally oil", "oil war", "oil war", "oil war", "oil war"])
    table = pd.DataFrame({"g": ["A", "A"], "term": ["ally", "oil"], "rank": [1, 2]})
    out = keyword_documents(table, units, by="g")
    ally = out.set_index("term").loc["ally"]
    assert (ally["n_docs"], ally["docs_in_group"], bool(ally["single_doc"])) == (1, 1, True)
    # five assignments of one page among five, enumerated: the observed one is the most extreme
    assert ally["p_docs"] == pytest.approx(0.2) and ally["p_docs_min"] == pytest.approx(0.2)
    assert (out["p_docs"] >= out["p_docs_min"] - 1e-12).all()
    assert "smallest possible p_docs is 0.20" in describe_document_test(out)


def test_keyword_documents_drawn_assignments_floor_is_one_over_n_perm_plus_one():
    from corpuslib.analysis.keywords import keyword_documents

    groups = ["A"] * 7 + ["B"] * 7  # C(14, 7) = 3432 assignments > 999: drawn, not enumerated
    texts = ["ally oil"] * 7 + ["war oil"] * 7
    out = keyword_documents(pd.DataFrame({"g": ["A"], "term": ["ally"], "rank": [1]}),
                            _doc_units(groups, texts), by="g", n_perm=999, seed=1)
    assert out["p_docs_min"].iloc[0] == pytest.approx(1 / 1000)
    assert 1 / 1000 <= out["p_docs"].iloc[0] <= 3 / 1000  # few drawn assignments are as extreme


def test_keyword_documents_even_split_floor_counts_the_swapped_assignment():
    from corpuslib.analysis.keywords import keyword_documents

    units = _doc_units(["A"] * 3 + ["B"] * 3, ["ally oil"] * 3 + ["war oil"] * 3)
    out = keyword_documents(pd.DataFrame({"g": ["A"], "term": ["ally"], "rank": [1]}), units, by="g")
    # C(6, 3) = 20 assignments, enumerated; A and B swapped is as extreme (two-sided)
    assert out["p_docs"].iloc[0] == pytest.approx(0.1) == out["p_docs_min"].iloc[0]


def test_document_counts_kept_as_arrays_give_back_the_table(seed_segments):
    """keyword_documents remembers the document-level counts as codes and arrays (memory);
    they must be exactly the rows of term_counts(by=[by, "doc_id"])."""
    from corpuslib.analysis import keywords
    from corpuslib.analysis.counts import term_counts
    from corpuslib.corpus.units import select_units

    units = select_units(seed_segments, voices=["author", "commenter"])
    options = {"stopwords": True, "aliases": True}
    table = term_counts(units, by=["voice", "doc_id"], langs=None, **options)
    kept = keywords._document_counts(units, "voice", options)
    assert list(kept.doc_ids[kept.doc_codes]) == list(table["doc_id"])
    assert list(kept.vocabulary[kept.term_codes]) == list(table["term"])
    assert kept.counts.tolist() == table["count"].astype(float).tolist()
    pd.testing.assert_series_equal(kept.tokens, table.groupby("doc_id")["n_tokens"].first())
    assert keywords._document_counts(units, "voice", options) is kept  # remembered


@pytest.mark.parametrize("by", ["voice", "outlet"])
@pytest.mark.parametrize("size", [1, 2])
def test_document_counts_in_slices_equal_the_whole_table(seed_segments, monkeypatch, by, size):
    """Counted slice by slice of documents (memory), the arrays are those of the one
    term_counts table: same rows, order, codes, vocabulary and token totals."""
    from corpuslib.analysis import keywords
    from corpuslib.corpus.units import select_units

    units = select_units(seed_segments, voices=["author", "commenter"])
    options = {"stopwords": True, "aliases": True}
    whole = keywords._count_documents(units, by, options)
    assert len(keywords._document_slices(units, by)) == 1
    monkeypatch.setattr(keywords, "DOCUMENT_SLICE", size)
    assert len(keywords._document_slices(units, by)) > 1
    sliced = keywords._count_documents(units, by, options)
    pd.testing.assert_index_equal(sliced.doc_ids, whole.doc_ids, exact=True)
    pd.testing.assert_index_equal(sliced.vocabulary, whole.vocabulary, exact=True)
    assert np.array_equal(sliced.doc_codes, whole.doc_codes)
    assert np.array_equal(sliced.term_codes, whole.term_codes)
    assert np.array_equal(sliced.counts, whole.counts)
    pd.testing.assert_series_equal(sliced.tokens, whole.tokens, check_exact=True)
    # and the tables keyword_documents makes from them
    table = compare_groups(term_counts(units, by=[by], stopwords=True, aliases=True), by=by)
    keywords._LAST_DOCUMENT_COUNTS.clear()
    small = keyword_documents(table, units, by=by, stopwords=True, aliases=True)
    monkeypatch.setattr(keywords, "DOCUMENT_SLICE", 10**6)
    keywords._LAST_DOCUMENT_COUNTS.clear()
    pd.testing.assert_frame_equal(small, keyword_documents(table, units, by=by, stopwords=True, aliases=True),
                                  check_exact=True)
