"""Term explorer data: two groups' counts, positions, z-scores and contexts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuslib.analysis.explorer import explorer_contexts, explorer_terms
from corpuslib.analysis.keywords import log_odds_dirichlet
from corpuslib.corpus.units import select_units
from corpuslib.errors import CorpuslibError


def test_terms_counts_positions_and_z(seed_segments):
    units = select_units(seed_segments, voices=["author", "commenter"])
    t = explorer_terms(units, by="voice", a="author", b="commenter", stopwords=True)
    assert t.attrs["n_a"] > 0 and t.attrs["docs_b"] == 3
    assert ((t["count_a"] + t["count_b"]) >= 2).all()
    assert t["pos_a"].between(0, 1).all() and t["pos_b"].max() == 1.0
    assert list(t["z"]) == sorted(t["z"], reverse=True)
    iran = t.set_index("term").loc["iran"]
    assert iran["rate_a"] == pytest.approx(1000 * iran["count_a"] / t.attrs["n_a"], abs=1e-3)
    # z is Fightin' Words with the prior 0.1 x (count_a + count_b)
    prior = dict(zip(t["term"], 0.1 * (t["count_a"] + t["count_b"])))
    ref = log_odds_dirichlet(dict(zip(t["term"], t["count_a"])), dict(zip(t["term"], t["count_b"])), prior)
    assert ref.set_index("term").loc["iran", "z"] == pytest.approx(iran["z"], abs=1e-3)


def test_contexts_per_group_and_errors(seed_segments):
    units = select_units(seed_segments, voices=["author", "commenter"])
    c = explorer_contexts(units, ["iran", "nosuchword"], by="voice", a="author", b="commenter", per_group=3)
    assert set(c["term"]) == {"iran"} and set(c["group"]) == {"author", "commenter"}
    assert c.groupby("group").size().max() <= 3
    assert c["match"].str.lower().str.startswith("iran").all()
    with pytest.raises(CorpuslibError, match="not in the units"):
        explorer_terms(units, by="voice", a="author", b="martian")
    with pytest.raises(CorpuslibError, match="no such column"):
        explorer_terms(units, by="period", a="x", b="y")


@pytest.mark.parametrize("voices", [["author", "commenter"], ["title", "author", "commenter"]])
def test_given_counts_give_the_same_table(seed_segments, voices):
    from corpuslib.analysis.counts import term_counts

    units = select_units(seed_segments, voices=voices, langs=["en"])
    opts = dict(stopwords=True, aliases=True, numbers="drop")
    counted = explorer_terms(units, by="voice", a="author", b="commenter", **opts)
    by_voice = term_counts(units, by="voice", langs=["en"], **opts)
    given = explorer_terms(units, by="voice", a="author", b="commenter", counts=by_voice, **opts)
    pd.testing.assert_frame_equal(given, counted, check_exact=True)
    assert given.attrs == counted.attrs


def _contexts_in_one_pass(units, terms, *, by, a, b, window=8, per_group=6, **options):
    """explorer_contexts as it was before its two passes: every context of every term
    by kwic, then the evenly spread sample per (term, group): the reference."""
    import numpy as np

    from corpuslib.analysis.collocations import kwic

    terms = sorted(set(terms))
    chosen = units[units[by].astype(str).isin([a, b])]
    cols = ["term", "group", "doc_id", "voice", "left", "match", "right"]
    matches = kwic(chosen, terms, window=window, langs=None, **options)
    if matches.empty:
        return pd.DataFrame(columns=cols)
    key = dict(zip(zip(chosen["doc_id"].astype(str), chosen["seq"].astype(int)), chosen[by].astype(str)))
    matches = matches.assign(group=[key.get((str(d), int(s))) for d, s in zip(matches["doc_id"], matches["seq"])])
    keep = []
    for _, grp in matches.groupby(["term", "group"], sort=True):
        idx = grp.index.to_numpy()
        if len(idx) > per_group:
            idx = idx[np.unique(np.linspace(0, len(idx) - 1, per_group).round().astype(int))]
        keep.extend(idx)
    return matches.loc[matches.index.isin(keep)][cols].reset_index(drop=True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picked=st.lists(st.sampled_from(["iran", "iraq", "US", "militia", "war", "shia", "the",
                                     "nosuchword", "prime minister"]), min_size=1, max_size=5),
    per_group=st.integers(min_value=1, max_value=9),
    window=st.integers(min_value=0, max_value=4),
    slice_units=st.sampled_from([1, 3, 50, 10_000]),
    aliases=st.booleans(),
)
def test_contexts_in_two_passes_equal_one_pass(seed_segments, monkeypatch, picked, per_group,
                                               window, slice_units, aliases):
    """Finding the hits first and reading only the kept units' contexts gives the table
    of every context sampled afterwards, whatever the slice of units made at a time."""
    import corpuslib.analysis.collocations as colloc

    units = select_units(seed_segments, voices=["author", "commenter", "title"])
    monkeypatch.setattr(colloc, "KWIC_SLICE_UNITS", slice_units)
    got = explorer_contexts(units, picked, by="voice", a="author", b="commenter",
                            per_group=per_group, window=window, aliases=aliases)
    want = _contexts_in_one_pass(units, picked, by="voice", a="author", b="commenter",
                                 per_group=per_group, window=window, aliases=aliases)
    pd.testing.assert_frame_equal(got, want)
