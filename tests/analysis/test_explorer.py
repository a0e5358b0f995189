"""Term explorer data: two groups' counts, positions, z-scores and contexts."""

from __future__ import annotations

import pandas as pd
import pytest

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
