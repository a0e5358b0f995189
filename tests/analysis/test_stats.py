"""Tests for corpuslib.stats: known answers, determinism, cluster resampling, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.analysis import stats
from corpuslib.analysis.stats import (
    adjust_pvalues,
    bootstrap_diff,
    cliffs_delta,
    pearson_ci,
    permutation_test,
    small_sample_flag,
)
from corpuslib.errors import CorpuslibError

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
samples = st.lists(finite, min_size=1, max_size=40)


# ----------------------------------------------------------------------------- Cliff's delta


def test_cliffs_delta_identical_samples_is_zero() -> None:
    d = cliffs_delta([0.1, 0.5, 0.5, 0.9], [0.1, 0.5, 0.5, 0.9])
    assert d.delta == 0.0
    assert d.magnitude == "negligible"


@pytest.mark.parametrize(("a", "b", "expected"), [([4, 5, 6], [1, 2, 3], 1.0), ([1], [2, 3], -1.0)])
def test_cliffs_delta_fully_separated_is_plus_minus_one(a, b, expected) -> None:
    d = cliffs_delta(a, b)
    assert d.delta == expected
    assert d.magnitude == "large"


def test_cliffs_delta_hand_computed_with_ties() -> None:
    # pairs: (1,1) tie, (1,2) <, (3,1) >, (3,2) > -> (2 - 1) / 4
    assert cliffs_delta([1, 3], [1, 2]).delta == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("delta", "label"),
    [(0.0, "negligible"), (0.146, "negligible"), (0.147, "small"), (-0.32, "small"),
     (0.33, "medium"), (0.473, "medium"), (0.474, "large"), (-1.0, "large")],
)  # fmt: skip
def test_cliff_magnitude_thresholds_romano_2006(delta, label) -> None:
    assert stats._magnitude(delta) == label


@given(samples, samples)
@settings(max_examples=200, deadline=None)
def test_cliffs_delta_antisymmetric_and_bounded(a, b) -> None:
    ab = cliffs_delta(a, b).delta
    ba = cliffs_delta(b, a).delta
    assert ab == -ba
    assert -1.0 <= ab <= 1.0


@given(samples, samples)
@settings(max_examples=100, deadline=None)
def test_cliffs_delta_matches_brute_force(a, b) -> None:
    brute = sum(np.sign(x - y) for x in a for y in b) / (len(a) * len(b))
    assert cliffs_delta(a, b).delta == pytest.approx(brute, abs=1e-12)


# ----------------------------------------------------------------------------- permutation test


def test_permutation_identical_samples_p_is_one() -> None:
    r = permutation_test([1.0, 2.0, 3.0, 4.0, 5.0] * 4, [1.0, 2.0, 3.0, 4.0, 5.0] * 4, n_perm=999)
    assert r.statistic == 0.0
    assert r.p_value == 1.0


def test_permutation_exact_enumeration_known_answer() -> None:
    # Fully separated 4 vs 4: only the observed labelling and its mirror image
    # are as extreme, out of C(8, 4) = 70.
    r = permutation_test([5, 6, 7, 8], [1, 2, 3, 4], n_perm=1000)
    assert r.exact is True
    assert r.n_perm == 70
    assert r.p_value == pytest.approx(2 / 70)


def test_permutation_sampled_uses_plus_one_correction() -> None:
    # Fully separated 30 vs 30: no random relabelling is as extreme, so the
    # corrected p-value is exactly 1 / (n_perm + 1), never 0.
    rng = np.random.default_rng(1)
    a = rng.normal(10, 1, 30)
    b = rng.normal(0, 1, 30)
    r = permutation_test(a, b, n_perm=499, seed=3)
    assert r.exact is False
    assert r.p_value == pytest.approx(1 / 500)


def test_permutation_is_two_sided() -> None:
    a, b = [5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6]
    assert permutation_test(a, b).p_value == pytest.approx(permutation_test(b, a).p_value)


def test_permutation_deterministic_with_seed() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(0.2, 1, 25), rng.normal(0, 1, 25)
    r1 = permutation_test(a, b, n_perm=300, seed=0)
    r2 = permutation_test(a, b, n_perm=300, seed=0)
    r3 = permutation_test(a, b, n_perm=300, seed=1)
    assert r1 == r2
    assert r1.p_value != r3.p_value


# ----------------------------------------------------------------------------- bootstrap


def test_bootstrap_estimate_and_interval_contain_truth() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.normal(1.0, 1, 200), rng.normal(0.0, 1, 200)
    r = bootstrap_diff(a, b, n_boot=1000, seed=0)
    assert r.estimate == pytest.approx(a.mean() - b.mean())
    assert r.low < 1.0 < r.high
    assert r.low < r.estimate < r.high
    # Normal-theory half-width is about 1.96 * sqrt(2 / 200) = 0.196
    assert (r.high - r.low) / 2 == pytest.approx(0.196, rel=0.15)


def test_bootstrap_deterministic_with_seed() -> None:
    a, b = [0.1, 0.5, -0.2, 0.7, 0.3], [0.0, -0.4, 0.2, -0.1]
    assert bootstrap_diff(a, b, seed=5, n_boot=300) == bootstrap_diff(a, b, seed=5, n_boot=300)
    assert bootstrap_diff(a, b, seed=5, n_boot=300) != bootstrap_diff(a, b, seed=6, n_boot=300)


def test_bootstrap_identical_constant_samples_zero_width() -> None:
    r = bootstrap_diff([0.5] * 6, [0.5] * 9, n_boot=200)
    assert (r.estimate, r.low, r.high) == (0.0, 0.0, 0.0)


def test_cluster_bootstrap_resamples_whole_clusters() -> None:
    # Each cluster is constant, so a replicate that resamples whole clusters can
    # only produce means of cluster means weighted by cluster size; a unit
    # bootstrap would produce other values. With a in three clusters of values
    # {0, 10, 20} (sizes 2, 3, 5), every replicate mean of a is a size-weighted
    # mean of three drawn clusters, and every resample has the length of three clusters.
    a = [0.0] * 2 + [10.0] * 3 + [20.0] * 5
    ca = ["x"] * 2 + ["y"] * 3 + ["z"] * 5
    r = bootstrap_diff(a, [0.0, 0.0], clusters_a=ca, clusters_b=["u", "u"], n_boot=200, seed=1)
    assert (r.n_clusters_a, r.n_clusters_b) == (3, 1)
    x = np.asarray(a)
    clusters = stats._as_clusters(ca, x.size, "ca")
    sums = {2: 0.0, 3: 30.0, 5: 100.0}  # cluster size -> sum of its values
    possible = {
        round(sum(sums[s] for s in combo) / sum(combo), 9) for combo in _triples((2, 3, 5))
    }
    means = stats._replicates(x, clusters, np.mean, 200, np.random.default_rng(1))
    assert {round(float(m), 9) for m in means} <= possible
    assert len({round(float(m), 9) for m in means}) > 3  # the draws vary
    # any other statistic sees the resample itself: whole clusters, three of them
    lengths = stats._replicates(x, clusters, len, 200, np.random.default_rng(1))
    assert set(lengths.astype(int).tolist()) <= {sum(combo) for combo in _triples((2, 3, 5))}


def _triples(sizes: tuple[int, ...]) -> list[tuple[int, int, int]]:
    return [(x, y, z) for x in sizes for y in sizes for z in sizes]


def test_cluster_bootstrap_is_wider_for_clustered_data() -> None:
    # Strong cluster effects: 6 documents of 20 near-identical units. Resampling
    # units pretends there are 120 independent values; resampling documents does not.
    rng = np.random.default_rng(4)
    centres = rng.normal(0, 1, 6)
    a = np.repeat(centres, 20) + rng.normal(0, 0.05, 120)
    ca = np.repeat(np.arange(6), 20)
    b = rng.normal(0, 1, 120)
    cb = np.arange(120)
    unit = bootstrap_diff(a, b, n_boot=500, seed=0)
    clus = bootstrap_diff(a, b, clusters_a=ca, clusters_b=cb, n_boot=500, seed=0)
    assert (clus.high - clus.low) > 1.5 * (unit.high - unit.low)


def test_bca_interval_close_to_percentile_for_symmetric_data() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.normal(0.3, 1, 80), rng.normal(0, 1, 80)
    pct = bootstrap_diff(a, b, n_boot=2000, seed=0)
    bca = bootstrap_diff(a, b, n_boot=2000, seed=0, method="bca")
    assert bca.method == "bca"
    assert bca.low == pytest.approx(pct.low, abs=0.05)
    assert bca.high == pytest.approx(pct.high, abs=0.05)


def test_bca_with_clusters_runs() -> None:
    r = bootstrap_diff(
        [1, 2, 3, 4, 5, 6],
        [0, 1, 0, 1],
        clusters_a=[1, 1, 2, 2, 3, 3],
        clusters_b=[7, 7, 8, 8],
        method="bca",
        n_boot=300,
    )
    assert r.low <= r.estimate <= r.high


def test_bootstrap_median_stat() -> None:
    r = bootstrap_diff([1, 2, 100], [0, 0, 0], stat=np.median, n_boot=100)
    assert r.estimate == 2.0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"a": []}, "a is empty"),
        ({"b": [1.0, math.nan]}, "b contains NaN"),
        ({"ci": 1.5}, "ci must be"),
        ({"n_boot": 0}, "n_boot must be"),
        ({"method": "bc"}, "method must be"),
        ({"clusters_a": [1, 2]}, "given together"),
        ({"clusters_a": [1], "clusters_b": [1, 2]}, "clusters_a has 1 labels"),
    ],
)
def test_bootstrap_errors_name_the_parameter(kwargs, fragment) -> None:
    args = {"a": [1.0, 2.0], "b": [1.0, 2.0]}
    args.update(kwargs)
    with pytest.raises(CorpuslibError, match=fragment):
        bootstrap_diff(args.pop("a"), args.pop("b"), **args)


def test_errors_are_also_value_errors() -> None:
    with pytest.raises(ValueError, match="n_perm"):
        permutation_test([1], [2], n_perm=0)


# ----------------------------------------------------------------------------- flags and CIs


def test_small_sample_flag_reasons() -> None:
    assert small_sample_flag(10, 10) == (False, "")
    flag, reason = small_sample_flag(2, 0, labels=("author", "commenter"))
    assert flag
    assert reason == "n_author = 2 < min_n = 5; no commenter units"
    flag, reason = small_sample_flag(
        50, 50, n_clusters_a=4, n_clusters_b=1, cluster_label="document"
    )
    assert flag and "1 b document(s) < min_clusters = 2" in reason


def test_small_sample_flag_rejects_bad_min_n() -> None:
    with pytest.raises(CorpuslibError, match="min_n"):
        small_sample_flag(3, 3, min_n=0)


def test_pearson_ci_fisher_z_known_values() -> None:
    # r = 0.5, n = 28: z = 0.5493, se = 0.2, 95 % -> tanh(0.5493 +- 0.392)
    low, high = pearson_ci(0.5, 28)
    assert low == pytest.approx(math.tanh(math.atanh(0.5) - 1.959964 * 0.2), abs=1e-6)
    assert high == pytest.approx(math.tanh(math.atanh(0.5) + 1.959964 * 0.2), abs=1e-6)
    assert all(math.isnan(v) for v in pearson_ci(0.5, 3))


# ----------------------------------------------------------------------------- multiplicity

# Benjamini & Hochberg (1995), section 4: 15 p-values from a clinical trial. At level 0.05
# the step-up FDR procedure rejects the 4 smallest, Holm's procedure the 3 smallest.
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
           0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]  # fmt: skip


def test_adjust_pvalues_benjamini_hochberg_1995_example() -> None:
    bh = adjust_pvalues(BH_1995, method="bh")
    holm = adjust_pvalues(BH_1995, method="holm")
    assert int((bh < 0.05).sum()) == 4
    assert int((holm < 0.05).sum()) == 3


def test_adjust_pvalues_holm_by_hand_with_nan_and_order() -> None:
    # sorted 0.01, 0.03, 0.04 (m = 3): 3 x 0.01, 2 x 0.03, max(0.06, 1 x 0.04)
    got = adjust_pvalues([0.04, float("nan"), 0.01, 0.03], method="holm")
    assert math.isnan(got[1])
    np.testing.assert_allclose(got[[0, 2, 3]], [0.06, 0.03, 0.06])
    assert adjust_pvalues([0.5, 0.9], method="holm").tolist() == [1.0, 1.0]
    assert np.isnan(adjust_pvalues([float("nan")])).all()
    assert adjust_pvalues([]).size == 0


@pytest.mark.parametrize("bad", [{"method": "bonferroni"}, {"p_values": [1.2]}])
def test_adjust_pvalues_errors(bad) -> None:
    kwargs = {"p_values": [0.1], **bad}
    with pytest.raises(CorpuslibError, match="method|p_values"):
        adjust_pvalues(kwargs.pop("p_values"), **kwargs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=30))
def test_adjust_pvalues_bounds_and_monotone(p) -> None:
    raw = np.asarray(p)
    bh = adjust_pvalues(raw, method="bh")
    holm = adjust_pvalues(raw, method="holm")
    assert np.all(raw <= bh + 1e-12) and np.all(bh <= holm + 1e-12) and np.all(holm <= 1)
    order = np.argsort(raw, kind="mergesort")
    assert np.all(np.diff(bh[order]) >= -1e-12) and np.all(np.diff(holm[order]) >= -1e-12)


@pytest.mark.parametrize("nested", [True, False])
def test_nested_intercepts_reml_equals_statsmodels_mixedlm(nested: bool) -> None:
    # sentences (rows) in units in pages, a page and a unit effect, a row covariate
    import pandas as pd
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(3)
    rows = []
    for p in range(60):
        page_effect = rng.normal(0, 0.3)
        for u in range(rng.integers(2, 8)):
            unit_effect, author = rng.normal(0, 0.2), float(u % 2 == 0)
            for _ in range(rng.integers(1, 5)):
                lw = np.log(rng.integers(3, 30))
                y = page_effect + unit_effect + 0.15 * author + 0.05 * lw + rng.normal(0, 0.4)
                rows.append({"y": y, "author": author, "lw": lw, "page": f"p{p}", "unit": f"{p}#{u}"})
    d = pd.DataFrame(rows)
    vc = {"unit": "0 + C(unit)"} if nested else None
    # statsmodels' default optimiser (its lbfgs diverges on the page-only model here)
    ref = smf.mixedlm("y ~ author + lw", d, groups=d["page"], re_formula="1", vc_formula=vc).fit(
        reml=True
    )
    x = np.column_stack([np.ones(len(d)), d["author"], d["lw"]])
    fit = stats.nested_intercepts_reml(
        d["y"].to_numpy(), x, d["page"].to_numpy(), d["unit"].to_numpy() if nested else None
    )
    assert fit.converged and fit.boundary == ()
    np.testing.assert_allclose(fit.beta, ref.fe_params.to_numpy(), rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(fit.cov)), ref.bse_fe.to_numpy(), rtol=5e-3)
    assert fit.page_var == pytest.approx(float(ref.cov_re.iloc[0, 0]), rel=1e-3)
    assert fit.sigma2 == pytest.approx(float(ref.scale), rel=1e-3)
    if nested:
        assert fit.unit_var == pytest.approx(float(ref.vcomp[0]), rel=1e-3)
    else:
        assert fit.unit_var == 0.0


def test_nested_intercepts_reml_reports_a_variance_at_zero() -> None:
    # no page effect at all: the page variance sits on the boundary
    rng = np.random.default_rng(0)
    page = np.repeat(np.arange(30), 6)
    x = np.column_stack([np.ones(page.size), np.tile([1.0, 0.0], 90)])
    y = 0.2 * x[:, 1] + rng.normal(0, 1, page.size)
    y -= np.bincount(page, y)[page] / 6 - y.mean()  # page means equal: no page variance
    fit = stats.nested_intercepts_reml(y, x, page)
    assert fit.boundary == ("page",) and fit.page_var < 1e-9


def test_permutation_test_with_ties_draws_value_counts_with_the_same_null() -> None:
    # rounded scores: few distinct values, so relabellings are drawn as value counts
    # (multivariate hypergeometric); the p-value must agree with shuffling the units
    # (a statistic that is not np.mean itself takes the shuffling path) within Monte
    # Carlo error, and with the exact enumeration on a tiny sample
    rng = np.random.default_rng(1)
    a = np.round(rng.normal(0.012, 0.3, 3000), 1)
    b = np.round(rng.normal(0.0, 0.3, 2000), 1)
    counts = permutation_test(a, b, n_perm=4999, seed=0)
    shuffled = permutation_test(a, b, stat=lambda x: float(np.mean(x)), n_perm=4999, seed=0)
    assert 0.0005 < counts.p_value < 0.2
    se = math.sqrt(shuffled.p_value * (1 - shuffled.p_value) / 4999)
    assert abs(counts.p_value - shuffled.p_value) < 6 * se + 1e-3
    tiny_a, tiny_b = [0.0, 0.5, 0.5, 1.0, 1.0] * 2, [0.0, 0.0, 0.5, 0.5, 0.0] * 2
    exact = permutation_test(tiny_a, tiny_b, n_perm=10**6)
    sampled = permutation_test(tiny_a, tiny_b, n_perm=20000, seed=2)
    assert exact.exact and not sampled.exact
    assert sampled.p_value == pytest.approx(exact.p_value, abs=0.01)


def test_binomial_up_to_equals_comb_below_the_limit_and_none_above():
    import math

    from corpuslib.analysis.stats import binomial_up_to

    for n in range(40):
        for k in range(-1, n + 2):
            for limit in (1, 5, 99, 999, 4999, 10**6):
                c = math.comb(n, k) if 0 <= k <= n else 0
                assert binomial_up_to(n, k, limit) == (c if c <= limit else None), (n, k, limit)
    assert binomial_up_to(200_000, 100_000, 4999) is None


@pytest.mark.parametrize("block", [7, 64, 2**20])
def test_resampling_in_blocks_gives_the_one_call_draws(monkeypatch, block) -> None:
    """Blocks bound memory only: bootstrap_mean, bootstrap_diff and sign_flip_test give the
    numbers of one index matrix drawn at once, whatever the block size."""
    x = np.random.default_rng(3).normal(size=31)
    rng = np.random.Generator(np.random.PCG64(5))
    means = x[rng.integers(0, x.size, size=(400, x.size))].mean(axis=1)
    expected = tuple(float(v) for v in np.quantile(means, [(1 - 0.95) / 2, 1 - (1 - 0.95) / 2]))
    clusters = np.arange(x.size) // 3
    monkeypatch.setattr(stats, "_BLOCK", 2**20)
    diff = bootstrap_diff(x, -x, n_boot=300, seed=2, clusters_a=clusters, clusters_b=clusters)
    flip = stats.sign_flip_test(x, n_perm=300, seed=4, exact_max=1)
    monkeypatch.setattr(stats, "_BLOCK", block)
    assert stats.bootstrap_mean(x, n_boot=400, seed=5) == expected
    assert bootstrap_diff(x, -x, n_boot=300, seed=2, clusters_a=clusters, clusters_b=clusters) == diff
    assert stats.sign_flip_test(x, n_perm=300, seed=4, exact_max=1) == flip
