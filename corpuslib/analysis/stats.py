"""Two-sample comparisons for small, clustered samples: intervals, tests, effect sizes.

Generic and reusable: every function takes plain sequences of numbers (and,
optionally, cluster labels) and returns plain values, so any module can compare
two groups of units (authors and commenters, two outlets, two periods) the same
way. Every random draw comes from :class:`numpy.random.Generator` seeded with
PCG64, so the same inputs and seed always give the same numbers.

The functions
-------------
:func:`bootstrap_diff`
    Percentile or BCa bootstrap interval of ``stat(a) - stat(b)``, resampling
    units or, given cluster labels, whole clusters (documents).
:func:`permutation_test`
    Two-sided permutation test of ``stat(a) - stat(b)`` with the +1 correction.
:func:`sign_flip_test`, :func:`sign_flip_min_p`, :func:`bootstrap_mean`
    Paired / one-sample inference on per-cluster differences (one difference
    per page): sign-flip randomisation test, its smallest attainable p-value,
    and a cluster-level percentile bootstrap of the mean.
:func:`cliffs_delta`
    Cliff's ordinal dominance statistic with a magnitude label.
:func:`small_sample_flag`
    Whether a comparison is too small to be read, and why.
:func:`pearson_ci`
    Fisher-z confidence interval of a Pearson correlation.
:func:`adjust_pvalues`
    Holm (family-wise error) or Benjamini-Hochberg (false discovery rate)
    adjusted p-values for a family of comparisons.
:func:`nested_intercepts_reml`
    REML fit of a linear mixed model with page and nested unit random intercepts,
    from per-unit sums.

Resampling (bootstrap replicates, random permutations, sign patterns) is drawn in
blocks of replicates, one index matrix per block, never more than ``_BLOCK`` indices at
once, so memory stays bounded on samples of any size.

References
----------
.. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
   Chapman & Hall. (Percentile interval ch. 13; BCa interval ch. 14.)
.. [2] Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data.
   *Journal of the Royal Statistical Society: Series B*, 69(3), 369-390.
   https://doi.org/10.1111/j.1467-9868.2007.00593.x
.. [3] Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2008). Bootstrap-based
   improvements for inference with clustered errors. *Review of Economics and
   Statistics*, 90(3), 414-427. https://doi.org/10.1162/rest.90.3.414
.. [4] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be
   zero: calculating exact p-values when permutations are randomly drawn.
   *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.
   https://doi.org/10.2202/1544-6115.1585
.. [5] Cliff, N. (1993). Dominance statistics: Ordinal analyses to answer ordinal
   questions. *Psychological Bulletin*, 114(3), 494-509.
   https://doi.org/10.1037/0033-2909.114.3.494
.. [6] Romano, J., Kromrey, J. D., Coraggio, J., & Skowronek, J. (2006).
   Appropriate statistics for ordinal level data: Should we really be using
   t-test and Cohen's d for evaluating group differences on the NSSE and other
   surveys? Annual meeting of the Florida Association of Institutional Research.
.. [7] Fisher, R. A. (1921). On the "probable error" of a coefficient of
   correlation deduced from a small sample. *Metron*, 1, 3-32.
.. [8] Holm, S. (1979). A simple sequentially rejective multiple test
   procedure. *Scandinavian Journal of Statistics*, 6(2), 65-70.
.. [10] Fisher, R. A. (1935). *The Design of Experiments*. Oliver & Boyd.
   (Section 21: the randomisation test of paired differences by sign changes.)
.. [11] Good, P. (2005). *Permutation, Parametric, and Bootstrap Tests of
   Hypotheses* (3rd ed.). Springer. (One-sample sign-flip tests, ch. 3.)
.. [9] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery
   rate: A practical and powerful approach to multiple testing. *Journal of the
   Royal Statistical Society: Series B*, 57(1), 289-300.
   https://doi.org/10.1111/j.2517-6161.1995.tb02031.x
.. [12] Laird, N. M., & Ware, J. H. (1982). Random-effects models for longitudinal
   data. *Biometrics*, 38(4), 963-974.
.. [13] Patterson, H. D., & Thompson, R. (1971). Recovery of inter-block information
   when block sizes are unequal. *Biometrika*, 58(3), 545-554.
.. [14] Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015). Fitting linear
   mixed-effects models using lme4. *Journal of Statistical Software*, 67(1).
   https://doi.org/10.18637/jss.v067.i01
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal, NamedTuple

import numpy as np

from corpuslib.errors import StatsError

__all__ = [
    "ADJUST_METHODS",
    "CLIFF_THRESHOLDS",
    "G2_CRITICAL_05",
    "adjust_pvalues",
    "binomial_up_to",
    "bootstrap_diff",
    "bootstrap_mean",
    "cliffs_delta",
    "g2",
    "pearson_ci",
    "permutation_test",
    "poisson_interval",
    "quasi_poisson_interval",
    "sign_flip_min_p",
    "sign_flip_test",
    "small_sample_flag",
    "wilson_interval",
    "nested_intercepts_reml",
    "BootstrapResult",
    "NestedFit",
    "CliffsDelta",
    "PermutationResult",
    "Stat",
]


Stat = Callable[[np.ndarray], float]


#: Multiple-testing adjustments of :func:`adjust_pvalues` and their display names.
ADJUST_METHODS: dict[str, str] = {"holm": "Holm", "bh": "Benjamini-Hochberg"}


#: Romano et al. (2006) thresholds on ``|delta|``: below 0.147 negligible,
#: below 0.33 small, below 0.474 medium, otherwise large.
CLIFF_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.147, "negligible"),
    (0.33, "small"),
    (0.474, "medium"),
)


@dataclass(frozen=True)
class BootstrapResult:
    """Bootstrap interval of ``stat(a) - stat(b)`` (see :func:`bootstrap_diff`)."""

    estimate: float
    low: float
    high: float
    ci: float
    method: str
    n_boot: int
    n_a: int
    n_b: int
    n_clusters_a: int | None
    n_clusters_b: int | None


@dataclass(frozen=True)
class PermutationResult:
    """Two-sided permutation test of ``stat(a) - stat(b)`` (see :func:`permutation_test`)."""

    statistic: float
    p_value: float
    n_perm: int
    exact: bool


class CliffsDelta(NamedTuple):
    """Cliff's delta and its Romano et al. (2006) magnitude label."""

    delta: float
    magnitude: str


def _as_sample(x: Any, name: str) -> np.ndarray:
    arr = np.asarray(x, dtype=float).ravel()
    if arr.size == 0:
        raise StatsError(f"{name} is empty: a comparison needs at least one value")
    if not np.all(np.isfinite(arr)):
        raise StatsError(f"{name} contains NaN or infinite values; drop them first")
    return arr


def _as_clusters(labels: Any, n: int, name: str) -> list[np.ndarray]:
    """Return the unit indices of each cluster, clusters in first-seen order."""
    lab = np.asarray(labels, dtype=object).ravel()
    if lab.size != n:
        raise StatsError(f"{name} has {lab.size} labels but the sample has {n} values")
    first: dict[Any, int] = {}
    codes = np.array([first.setdefault(key, len(first)) for key in lab.tolist()], dtype=np.intp)
    order = np.argsort(codes, kind="stable")
    return np.split(order, np.cumsum(np.bincount(codes, minlength=len(first)))[:-1])


def binomial_up_to(n: int, k: int, limit: int) -> int | None:
    """C(n, k) when it is at most *limit*, else ``None``, without computing a huge number.

    Permutation tests enumerate the C(n, k) labellings only when there are few; for a
    large sample ``math.comb`` builds an integer of thousands of digits just to learn
    that it exceeds the number of random permutations. C(n - k + i, i) grows with i, so
    the product stops as soon as it passes *limit*.

    Examples
    --------
    >>> binomial_up_to(10, 3, 1000), binomial_up_to(10, 3, 100), binomial_up_to(5, 0, 1)
    (120, None, 1)
    >>> binomial_up_to(100_000, 50_000, 4999) is None
    True
    """
    k = min(k, n - k)
    if k < 0:
        return 0
    total = 1
    for i in range(1, k + 1):
        total = total * (n - k + i) // i
        if total > limit:
            return None
    return total if total <= limit else None


def _check_ci(ci: float) -> float:
    if not (0 < float(ci) < 1):
        raise StatsError(f"ci must be between 0 and 1 (exclusive), got {ci!r}")
    return float(ci)


def _check_count(value: int, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise StatsError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


#: Most indices drawn at once (replicates x units or clusters): bounds the memory of a
#: resampling block (32 MB of int64) whatever the sample size. A generator draws the same
#: numbers in blocks as in one call, so blocks change no bootstrap result.
_BLOCK = 2**22


def _replicates(
    x: np.ndarray,
    clusters: list[np.ndarray] | None,
    stat: Stat,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``stat`` of *n_boot* bootstrap resamples of *x*: units, or whole clusters, drawn
    with replacement, in blocks of replicates (one index matrix per block).

    For the mean, a cluster replicate is ``sum of the drawn clusters' sums / sum of their
    sizes`` -- the mean of the concatenated clusters without building it; any other
    statistic is applied to each resample in turn.
    """
    width = x.size if clusters is None else len(clusters)
    rows = max(1, _BLOCK // width)
    out = np.empty(n_boot, dtype=float)
    mean = stat is np.mean
    if clusters is not None and mean:
        sums = np.array([x[c].sum() for c in clusters], dtype=float)
        sizes = np.array([c.size for c in clusters], dtype=float)
    for start in range(0, n_boot, rows):
        stop = min(n_boot, start + rows)
        picks = rng.integers(0, width, size=(stop - start, width))
        if mean and clusters is None:
            out[start:stop] = x[picks].mean(axis=1)
        elif mean:
            out[start:stop] = sums[picks].sum(axis=1) / sizes[picks].sum(axis=1)
        elif clusters is None:
            out[start:stop] = [stat(x[row]) for row in picks]
        else:
            out[start:stop] = [stat(x[np.concatenate([clusters[k] for k in row])]) for row in picks]
    return out


def _jackknife(x: np.ndarray, clusters: list[np.ndarray] | None, stat: Stat) -> np.ndarray:
    """Leave-one-unit-out (or leave-one-cluster-out) values of ``stat``."""
    if clusters is None:
        if x.size < 2:
            return np.array([], dtype=float)
        return np.array([stat(np.delete(x, i)) for i in range(x.size)], dtype=float)
    if len(clusters) < 2:
        return np.array([], dtype=float)
    return np.array([stat(np.delete(x, idx)) for idx in clusters], dtype=float)


def bootstrap_diff(
    a: Sequence[float] | np.ndarray,
    b: Sequence[float] | np.ndarray,
    *,
    stat: Stat = np.mean,
    n_boot: int = 2000,
    seed: int = 0,
    clusters_a: Sequence[Any] | None = None,
    clusters_b: Sequence[Any] | None = None,
    ci: float = 0.95,
    method: Literal["percentile", "bca"] = "percentile",
) -> BootstrapResult:
    """Bootstrap confidence interval of the difference ``stat(a) - stat(b)``.

    The two samples are resampled independently (a stratified two-sample
    bootstrap). Without cluster labels each replicate draws ``len(a)`` units of
    *a* and ``len(b)`` units of *b* with replacement. With cluster labels
    (e.g. the document each unit comes from) each replicate draws whole
    clusters with replacement -- as many clusters as the sample has -- and
    keeps every unit of a drawn cluster: the cluster (pairs) bootstrap of
    Field & Welsh (2007) [2]_ and Cameron, Gelbach & Miller (2008) [3]_, which
    respects the dependence of units from the same document. Units from the
    same cluster appearing in both samples are resampled independently in
    each, which is conservative when their values are positively correlated.

    The interval is the percentile interval or the bias-corrected and
    accelerated (BCa) interval of Efron & Tibshirani (1993) [1]_, with the
    acceleration estimated by the jackknife (leave one unit, or one cluster,
    out of each sample in turn).

    Parameters
    ----------
    a, b : array-like of float
        The two samples (non-empty, finite).
    stat : callable
        Statistic of one 1-D sample, e.g. :func:`numpy.mean` or
        :func:`numpy.median`.
    n_boot : int
        Number of bootstrap replicates.
    seed : int
        Seed of the PCG64 generator; the same seed gives the same interval.
    clusters_a, clusters_b : array-like, optional
        Cluster label of each unit of *a* / *b*. Give both or neither.
    ci : float
        Coverage of the interval, e.g. 0.95.
    method : {"percentile", "bca"}
        Interval construction.

    Returns
    -------
    BootstrapResult
        ``estimate`` (the observed difference), ``low``, ``high``, and the
        settings and sample sizes (``n_clusters_a/b`` are None without clusters).

    Raises
    ------
    StatsError
        If a sample is empty or not finite, the labels do not match the
        samples, or an option is out of range.

    Notes
    -----
    With a single cluster in a sample, every cluster replicate of that sample
    is the sample itself, so the interval reflects only the other sample:
    check ``n_clusters_a``/``n_clusters_b`` (:func:`small_sample_flag` does).

    Examples
    --------
    >>> r = bootstrap_diff([1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 2.0], n_boot=500, seed=1)
    >>> r.estimate
    1.5
    >>> r.low < r.estimate < r.high
    True
    """
    xa = _as_sample(a, "a")
    xb = _as_sample(b, "b")
    n_boot = _check_count(n_boot, "n_boot")
    ci = _check_ci(ci)
    if method not in ("percentile", "bca"):
        raise StatsError(f"method must be 'percentile' or 'bca', got {method!r}")
    if (clusters_a is None) != (clusters_b is None):
        raise StatsError("clusters_a and clusters_b must be given together (or neither)")
    ca = None if clusters_a is None else _as_clusters(clusters_a, xa.size, "clusters_a")
    cb = None if clusters_b is None else _as_clusters(clusters_b, xb.size, "clusters_b")

    estimate = float(stat(xa) - stat(xb))
    rng = np.random.Generator(np.random.PCG64(seed))
    reps_a = _replicates(xa, ca, stat, n_boot, rng)
    reps = reps_a - _replicates(xb, cb, stat, n_boot, rng)

    alpha = (1.0 - ci) / 2.0
    quantiles = np.array([alpha, 1.0 - alpha])
    if method == "bca":
        quantiles = _bca_quantiles(reps, estimate, xa, xb, ca, cb, stat, quantiles)
    low, high = np.quantile(reps, quantiles)
    return BootstrapResult(
        estimate=estimate,
        low=float(low),
        high=float(high),
        ci=ci,
        method=method,
        n_boot=n_boot,
        n_a=int(xa.size),
        n_b=int(xb.size),
        n_clusters_a=None if ca is None else len(ca),
        n_clusters_b=None if cb is None else len(cb),
    )


def _bca_quantiles(
    reps: np.ndarray,
    estimate: float,
    xa: np.ndarray,
    xb: np.ndarray,
    ca: list[np.ndarray] | None,
    cb: list[np.ndarray] | None,
    stat: Stat,
    quantiles: np.ndarray,
) -> np.ndarray:
    """Adjusted quantile levels of the BCa interval (Efron & Tibshirani 1993, eq. 14.9-14.15)."""
    from scipy.stats import norm

    prop = (np.sum(reps < estimate) + 0.5 * np.sum(reps == estimate)) / reps.size
    if prop <= 0 or prop >= 1:
        return quantiles  # degenerate bootstrap distribution: fall back to percentile
    z0 = norm.ppf(prop)
    sb = stat(xb)
    sa = stat(xa)
    # Jackknife influence values of the difference, one sample at a time.
    jack = np.concatenate([_jackknife(xa, ca, stat) - sb, sa - _jackknife(xb, cb, stat)])
    if jack.size < 3:
        return quantiles
    dev = jack.mean() - jack
    denom = 6.0 * np.sum(dev**2) ** 1.5
    accel = float(np.sum(dev**3) / denom) if denom > 0 else 0.0
    z = norm.ppf(quantiles)
    adjusted = norm.cdf(z0 + (z0 + z) / (1 - accel * (z0 + z)))
    return np.clip(adjusted, 0.0, 1.0)


def permutation_test(
    a: Sequence[float] | np.ndarray,
    b: Sequence[float] | np.ndarray,
    *,
    stat: Stat = np.mean,
    n_perm: int = 9999,
    seed: int = 0,
) -> PermutationResult:
    """Two-sided permutation test of ``stat(a) - stat(b)`` (null: labels exchangeable).

    The group labels are shuffled ``n_perm`` times; the p-value is
    ``(1 + #{|T*| >= |T|}) / (n_perm + 1)``, the +1 correction of Phipson &
    Smyth (2010) [4]_ that keeps a sampled permutation p-value exact (valid)
    and never zero. When the samples are so small that there are at most
    *n_perm* distinct relabellings, all of them are enumerated instead and the
    p-value is exact: ``#{|T*| >= |T|} / C(n_a + n_b, n_a)`` (the identity is
    one of them). For the mean of a sample with many ties (at most a quarter as
    many distinct values as units) a random relabelling is drawn as the number of
    copies of each distinct value that fall in *a* (multivariate hypergeometric):
    the same reference distribution at a cost that grows with the distinct values.

    Parameters
    ----------
    a, b : array-like of float
        The two samples (non-empty, finite).
    stat : callable
        Statistic of one 1-D sample (default mean).
    n_perm : int
        Number of random relabellings.
    seed : int
        Seed of the PCG64 generator.

    Returns
    -------
    PermutationResult
        ``statistic`` (observed ``stat(a) - stat(b)``), ``p_value``, ``n_perm``
        (relabellings used) and ``exact`` (True when enumerated).

    Raises
    ------
    StatsError
        If a sample is empty or not finite or *n_perm* < 1.

    Notes
    -----
    Units are assumed exchangeable under the null. With units clustered in
    documents this is optimistic; prefer the cluster bootstrap interval of
    :func:`bootstrap_diff` for inference on clustered data.

    Examples
    --------
    >>> permutation_test([1, 2, 3], [1, 2, 3]).p_value
    1.0
    >>> r = permutation_test([5, 6, 7, 8], [1, 2, 3, 4])
    >>> r.exact, round(r.p_value, 4)  # 2 of the C(8, 4) = 70 labellings are as extreme
    (True, 0.0286)
    """
    xa = _as_sample(a, "a")
    xb = _as_sample(b, "b")
    n_perm = _check_count(n_perm, "n_perm")
    pooled = np.concatenate([xa, xb])
    n_a, n = xa.size, pooled.size
    observed = float(stat(xa) - stat(xb))
    # Tolerance so that relabellings equal to the observed value up to rounding count.
    tol = 1e-12 * max(1.0, abs(observed))
    target = abs(observed) - tol

    n_labellings = binomial_up_to(n, n_a, n_perm)
    if n_labellings is not None:
        hits = 0
        all_idx = np.arange(n)
        for combo in combinations(range(n), n_a):
            mask = np.zeros(n, dtype=bool)
            mask[list(combo)] = True
            t = stat(pooled[mask]) - stat(pooled[all_idx[~mask]])
            hits += abs(t) >= target
        return PermutationResult(observed, float(hits / n_labellings), n_labellings, True)

    rng = np.random.Generator(np.random.PCG64(seed))
    if stat is np.mean:
        values, counts = np.unique(pooled, return_counts=True)
        if values.size * 4 <= n:  # many ties: draw value counts instead of shuffling units
            hits = _hypergeometric_hits(values, counts, n_a, n_perm, target, rng)
            return PermutationResult(observed, float((hits + 1) / (n_perm + 1)), n_perm, False)
    hits = 0
    rows = max(1, _BLOCK // n)
    for start in range(0, n_perm, rows):
        # one block of random relabellings: each row a uniform random permutation
        block = rng.permuted(np.broadcast_to(pooled, (min(rows, n_perm - start), n)), axis=1)
        if stat is np.mean:
            t = block[:, :n_a].mean(axis=1) - block[:, n_a:].mean(axis=1)
        else:
            t = np.array([stat(row[:n_a]) - stat(row[n_a:]) for row in block])
        hits += int(np.sum(np.abs(t) >= target))
    return PermutationResult(observed, float((hits + 1) / (n_perm + 1)), n_perm, False)


def _hypergeometric_hits(
    values: np.ndarray,
    counts: np.ndarray,
    n_a: int,
    n_perm: int,
    target: float,
    rng: np.random.Generator,
) -> int:
    """Random relabellings, as value counts: how many give ``|mean_a - mean_b| >= target``.

    Under a uniformly random relabelling of the pooled sample, the number of copies of
    each distinct value that land in *a* follows the multivariate hypergeometric
    distribution (``counts`` of each value, ``n_a`` drawn without replacement), so
    drawing those counts gives the same reference distribution of the difference of
    means as shuffling the units, at a cost that grows with the distinct values
    instead of the units (scores are rounded, so sentences share values).
    """
    n_b = int(counts.sum()) - n_a
    hits = 0
    rows = max(1, _BLOCK // values.size)
    for start in range(0, n_perm, rows):
        k = rng.multivariate_hypergeometric(
            counts, n_a, size=min(rows, n_perm - start), method="marginals"
        )
        t = (k @ values) / n_a - ((counts - k) @ values) / n_b
        hits += int(np.sum(np.abs(t) >= target))
    return hits


def _magnitude(delta: float) -> str:
    size = abs(delta)
    for threshold, label in CLIFF_THRESHOLDS:
        if size < threshold:
            return label
    return "large"


def cliffs_delta(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> CliffsDelta:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs, with a magnitude label.

    Cliff (1993) [5]_: ``delta = (#{a_i > b_j} - #{a_i < b_j}) / (n_a n_b)``,
    in [-1, 1]; 0 when the samples are identical, +1 when every value of *a*
    exceeds every value of *b*. Computed in ``O((n_a + n_b) log n_b)`` by
    sorting. The magnitude uses the thresholds of Romano et al. (2006) [6]_
    on ``|delta|``: < 0.147 negligible, < 0.33 small, < 0.474 medium, else large.

    Parameters
    ----------
    a, b : array-like of float
        The two samples (non-empty, finite).

    Returns
    -------
    CliffsDelta
        Named tuple ``(delta, magnitude)``.

    Raises
    ------
    StatsError
        If a sample is empty or not finite.

    Examples
    --------
    >>> cliffs_delta([1, 2, 3], [1, 2, 3])
    CliffsDelta(delta=0.0, magnitude='negligible')
    >>> cliffs_delta([4, 5], [1, 2, 3]).delta
    1.0
    """
    xa = _as_sample(a, "a")
    xb = np.sort(_as_sample(b, "b"))
    below = np.searchsorted(xb, xa, side="left")  # b values strictly below each a
    above = xb.size - np.searchsorted(xb, xa, side="right")  # b values strictly above
    delta = float((below.sum() - above.sum()) / (xa.size * xb.size))
    return CliffsDelta(delta, _magnitude(delta))


def sign_flip_min_p(k: int) -> float:
    """Smallest two-sided p-value an exact sign-flip test on *k* differences can give.

    The 2**k sign patterns include the observed one and its mirror image,
    which are always at least as extreme, so ``p >= 2 / 2**k``: with 3 pages
    no result can be "significant" at 0.05, whatever the data.

    Examples
    --------
    >>> sign_flip_min_p(3), sign_flip_min_p(5)
    (0.25, 0.0625)
    """
    if k < 1:
        raise StatsError(f"k must be >= 1, got {k!r}")
    return min(1.0, 2.0 / 2.0**k)


def sign_flip_test(
    d: Sequence[float] | np.ndarray,
    *,
    n_perm: int = 9999,
    seed: int = 0,
    exact_max: int = 2**16,
) -> PermutationResult:
    """Two-sided sign-flip (randomisation) test that the mean of *d* is zero.

    *d* holds one difference per independent cluster (page): under the null
    of no systematic difference each difference is as likely to have either
    sign (symmetry), so flipping signs gives the reference distribution of
    the mean (Fisher 1935 [10]_; Good 2005 [11]_). When ``2**k <= exact_max``
    every sign pattern is enumerated and the p-value is exact,
    ``#{|mean*| >= |mean|} / 2**k``, never below :func:`sign_flip_min_p`;
    otherwise *n_perm* random patterns with the +1 correction of Phipson &
    Smyth (2010) [4]_.

    Parameters
    ----------
    d : array-like of float
        One difference per cluster (non-empty, finite).
    n_perm : int
        Random sign patterns when not enumerated.
    seed : int
        Seed of the PCG64 generator.
    exact_max : int
        Enumerate when ``2**k`` is at most this.

    Returns
    -------
    PermutationResult
        ``statistic`` (mean of *d*), ``p_value``, ``n_perm`` (patterns used),
        ``exact``.

    Examples
    --------
    >>> r = sign_flip_test([0.4, -0.1, 0.02])
    >>> r.exact, r.n_perm, r.p_value  # 8 patterns; 6 as extreme as observed
    (True, 8, 0.75)
    >>> sign_flip_test([1.0, 2.0, 3.0]).p_value  # the minimum, 2/2**3
    0.25
    """
    x = _as_sample(d, "d")
    n_perm = _check_count(n_perm, "n_perm")
    k = x.size
    observed = float(x.mean())
    target = abs(observed) - 1e-12 * max(1.0, abs(observed))
    if 2**k <= exact_max:
        signs = ((np.arange(2**k)[:, None] >> np.arange(k)) & 1) * -2 + 1
        means = (signs * x).mean(axis=1)
        return PermutationResult(observed, float((np.abs(means) >= target).mean()), 2**k, True)
    rng = np.random.Generator(np.random.PCG64(seed))
    hits = 0
    rows = max(1, _BLOCK // k)
    for start in range(0, n_perm, rows):
        signs = rng.choice((-1.0, 1.0), size=(min(rows, n_perm - start), k))
        hits += int(np.sum(np.abs((signs * x).mean(axis=1)) >= target))
    return PermutationResult(observed, float((hits + 1) / (n_perm + 1)), n_perm, False)


def bootstrap_mean(
    d: Sequence[float] | np.ndarray,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of *d* (one value per cluster).

    Resamples the values themselves, i.e. whole clusters (pages) when *d*
    holds one difference per page (Field & Welsh 2007 [2]_). With k values
    there are at most C(2k-1, k) distinct resamples (10 for k = 3): the
    interval is then coarse and too narrow, and should be read with the
    number of clusters beside it.

    Examples
    --------
    >>> bootstrap_mean([1.0, 1.0, 1.0])
    (1.0, 1.0)
    """
    x = _as_sample(d, "d")
    n_boot = _check_count(n_boot, "n_boot")
    alpha = 1 - _check_ci(ci)
    rng = np.random.Generator(np.random.PCG64(seed))
    means = _replicates(x, None, np.mean, n_boot, rng)
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def small_sample_flag(
    n_a: int,
    n_b: int,
    *,
    min_n: int = 5,
    n_clusters_a: int | None = None,
    n_clusters_b: int | None = None,
    min_clusters: int = 2,
    labels: tuple[str, str] = ("a", "b"),
    cluster_label: str = "cluster",
) -> tuple[bool, str]:
    """Say whether a two-group comparison is too small to read, and why.

    Parameters
    ----------
    n_a, n_b : int
        Units in each group.
    min_n : int
        Fewest units per group for a comparison to be read.
    n_clusters_a, n_clusters_b : int, optional
        Clusters (documents) per group when a cluster bootstrap is used.
    min_clusters : int
        Fewest clusters per group for a cluster interval to be read. With very
        few clusters the cluster bootstrap under-covers (Cameron, Gelbach &
        Miller 2008 [3]_); with one cluster it reflects no between-cluster
        variation at all.
    labels : tuple of str
        Names of the groups used in the reason.
    cluster_label : str
        What a cluster is (``"document"``, ``"segment"``), used in the reason.

    Returns
    -------
    tuple of (bool, str)
        ``(too_small, reason)``; *reason* is ``""`` when not too small and
        otherwise lists every problem, separated by ``"; "``.

    Raises
    ------
    StatsError
        If a count is negative or *min_n* / *min_clusters* < 1.

    Examples
    --------
    >>> small_sample_flag(12, 3, min_n=5, labels=("author", "commenter"))
    (True, 'n_commenter = 3 < min_n = 5')
    >>> small_sample_flag(12, 0, labels=("author", "commenter"))
    (True, 'no commenter units')
    >>> small_sample_flag(12, 9)
    (False, '')
    >>> small_sample_flag(40, 30, n_clusters_a=5, n_clusters_b=1, cluster_label="document")
    (True, '1 b document(s) < min_clusters = 2: cluster interval unreliable')
    """
    _check_count(min_n, "min_n")
    _check_count(min_clusters, "min_clusters")
    reasons: list[str] = []
    for n, k, label, kname in (
        (n_a, n_clusters_a, labels[0], "n_clusters_a"),
        (n_b, n_clusters_b, labels[1], "n_clusters_b"),
    ):
        if n < 0:
            raise StatsError(f"n_{label} must be >= 0, got {n!r}")
        if n == 0:
            reasons.append(f"no {label} units")
            continue
        if n < min_n:
            reasons.append(f"n_{label} = {n} < min_n = {min_n}")
        if k is not None:
            if k < 0:
                raise StatsError(f"{kname} must be >= 0, got {k!r}")
            if k < min_clusters:
                reasons.append(
                    f"{k} {label} {cluster_label}(s) < min_clusters = {min_clusters}: "
                    "cluster interval unreliable"
                )
    return (bool(reasons), "; ".join(reasons))


def pearson_ci(r: float, n: int, *, ci: float = 0.95) -> tuple[float, float]:
    """Confidence interval of a Pearson correlation by Fisher's z transform.

    ``z = artanh(r)`` is approximately normal with standard error
    ``1 / sqrt(n - 3)`` (Fisher 1921 [7]_); the interval is back-transformed
    with ``tanh``.

    Parameters
    ----------
    r : float
        Sample correlation in [-1, 1].
    n : int
        Number of pairs.
    ci : float
        Coverage.

    Returns
    -------
    tuple of float
        ``(low, high)``; ``(nan, nan)`` when ``n < 4`` or *r* is NaN.

    Raises
    ------
    StatsError
        If *ci* is outside (0, 1).

    Examples
    --------
    >>> low, high = pearson_ci(0.5, 50)
    >>> round(low, 3), round(high, 3)
    (0.257, 0.683)
    """
    ci = _check_ci(ci)
    if n < 4 or not np.isfinite(r):
        return (math.nan, math.nan)
    from scipy.stats import norm

    r = float(np.clip(r, -1.0, 1.0))
    if abs(r) == 1.0:
        return (r, r)
    z = math.atanh(r)
    half = float(norm.ppf(0.5 + ci / 2.0)) / math.sqrt(n - 3)
    return (math.tanh(z - half), math.tanh(z + half))


def adjust_pvalues(
    p_values: Sequence[float] | np.ndarray, *, method: Literal["holm", "bh"] = "holm"
) -> np.ndarray:
    """Adjust a family of p-values for multiple comparisons.

    ``method="holm"``: Holm's (1979) [8]_ step-down procedure, which controls
    the family-wise error rate (the chance of any false positive) under any
    dependence between the tests. With the *m* p-values sorted,
    ``p_(1) <= ... <= p_(m)``, the adjusted values are
    ``max_{j <= i} min(1, (m - j + 1) p_(j))``.

    ``method="bh"``: the Benjamini-Hochberg (1995) [9]_ step-up procedure,
    which controls the false discovery rate (valid for independent or
    positively dependent tests): ``min_{j >= i} min(1, m p_(j) / j)``.

    NaN entries (comparisons that could not be made) are returned as NaN and
    are not counted in *m*. An adjusted p-value is compared with the nominal
    level (e.g. 0.05) directly.

    Parameters
    ----------
    p_values : array-like of float
        The family's p-values in [0, 1]; NaN for a missing test.
    method : {"holm", "bh"}
        Adjustment (see above).

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, same order and shape as the input (1-D), each at
        least as large as the raw value and at most 1.

    Raises
    ------
    StatsError
        If *method* is unknown or a p-value lies outside [0, 1].

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03, float("nan")]).round(4).tolist()
    [0.03, 0.06, 0.06, nan]
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="bh").round(4).tolist()
    [0.03, 0.04, 0.04]
    """
    if method not in ADJUST_METHODS:
        options = ", ".join(repr(m) for m in ADJUST_METHODS)
        raise StatsError(f"method must be one of {options}; got {method!r}")
    p = np.asarray(p_values, dtype=float).ravel()
    finite = np.isfinite(p)
    if np.any((p[finite] < 0) | (p[finite] > 1)):
        raise StatsError("p_values must lie in [0, 1] (NaN for a missing test)")
    out = np.full(p.shape, np.nan)
    idx = np.flatnonzero(finite)
    m = idx.size
    if m == 0:
        return out
    order = idx[np.argsort(p[idx], kind="mergesort")]
    ranked = p[order]
    ranks = np.arange(1, m + 1, dtype=float)
    if method == "holm":
        adjusted = np.maximum.accumulate(np.minimum(1.0, (m - ranks + 1) * ranked))
    else:
        adjusted = np.minimum.accumulate((m * ranked / ranks)[::-1])[::-1]
        adjusted = np.minimum(adjusted, 1.0)
    out[order] = adjusted
    return out


#: Upper 5 % point of chi-square with 1 df: G² >= 3.84 is p < 0.05.
G2_CRITICAL_05 = 3.8414588206941285


def _xlogx_over(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """Return ``obs * log(obs / exp)`` with the convention 0·log 0 = 0."""
    out = np.zeros_like(obs, dtype=float)
    pos = obs > 0
    out[pos] = obs[pos] * np.log(obs[pos] / exp[pos])
    return out


def g2(
    a: np.ndarray,
    b: np.ndarray,
    n_a: float | np.ndarray,
    n_b: float | np.ndarray,
    *,
    form: Literal["2x2", "rayson"] = "2x2",
) -> np.ndarray:
    """Dunning's (1993) log-likelihood G² of counts ``a`` of ``n_a`` against ``b`` of ``n_b``.

    The one G² of corpuslib: keyness (:func:`~corpuslib.analysis.keywords.keyness`),
    collocations and actor collocates all call it, and :data:`G2_CRITICAL_05` is the one
    threshold. ``form="2x2"`` is the full contingency table (Dunning 1993); ``"rayson"``
    the two-cell form of Rayson & Garside (2000). Vectorised over arrays.

    Parameters
    ----------
    a, b : array-like
        Counts of the term (or pair) in the two samples.
    n_a, n_b : float or array-like
        Sizes of the two samples.
    form : {"2x2", "rayson"}
        Four cells or two.

    Returns
    -------
    numpy.ndarray
        G² >= 0, compared against chi-square with 1 df.

    Examples
    --------
    >>> float(g2(10, 0, 100, 100).round(4))
    14.3895
    >>> bool(g2(30, 4, 1000, 1000) > G2_CRITICAL_05)
    True
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n_a = np.broadcast_to(np.asarray(n_a, dtype=float), a.shape)
    n_b = np.broadcast_to(np.asarray(n_b, dtype=float), a.shape)
    total = n_a + n_b
    with np.errstate(divide="ignore", invalid="ignore"):
        share_a = np.where(total > 0, n_a / total, 0.0)
        share_b = np.where(total > 0, n_b / total, 0.0)
        e_a = (a + b) * share_a
        e_b = (a + b) * share_b
        g = _xlogx_over(a, e_a) + _xlogx_over(b, e_b)
        if form == "2x2":
            rest_a, rest_b = n_a - a, n_b - b
            rest = rest_a + rest_b
            g = g + _xlogx_over(rest_a, rest * share_a) + _xlogx_over(rest_b, rest * share_b)
    # Rounding can leave -1e-15 for a term used exactly in proportion.
    return np.maximum(2.0 * g, 0.0)


def wilson_interval(successes: int, n: int, *, ci: float = 0.95) -> tuple[float, float]:
    """Wilson (1927) score interval of a proportion ``successes / n``.

    Unlike the Wald interval it stays inside [0, 1] and keeps its coverage for small n
    and proportions near 0 or 1 (Brown, Cai & DasGupta 2001), as with hand-coded
    samples of a few hits per dictionary entry.

    Parameters
    ----------
    successes, n : int or float
        Successes and trials (a float *n* is an effective sample size).
    ci : float
        Coverage.

    Returns
    -------
    (float, float)
        The interval; ``(nan, nan)`` when ``n == 0``.

    Examples
    --------
    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    from scipy.stats import norm

    _check_ci(ci)
    if n <= 0:
        return (math.nan, math.nan)
    z = float(norm.ppf(0.5 + ci / 2))
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def poisson_interval(count: int, *, ci: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood 1936) interval of a Poisson mean from one observed *count*.

    Bounds come from the chi-square quantiles, ``chi2(a/2, 2k)/2`` and
    ``chi2(1-a/2, 2k+2)/2``; both are monotone in the count, and the lower bound of 0
    events is 0.

    Parameters
    ----------
    count : int
        Observed events (hits).
    ci : float
        Coverage.

    Returns
    -------
    (float, float)
        Interval of the expected count; divide by the exposure (tokens) for a rate.

    Examples
    --------
    >>> [round(x, 2) for x in poisson_interval(10)]
    [4.8, 18.39]
    >>> [round(x, 3) for x in poisson_interval(0)]
    [0.0, 3.689]
    """
    from scipy.stats import chi2

    _check_ci(ci)
    _check_count(count, "count", minimum=0)
    alpha = 1 - ci
    low = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count) / 2)
    high = float(chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)
    return (low, high)


def quasi_poisson_interval(
    counts: Sequence[float], exposures: Sequence[float], *, ci: float = 0.95
) -> tuple[float, float, float]:
    """Rate interval that puts the documents back in: quasi-Poisson across documents.

    The rate ``sum(counts) / sum(exposures)`` is the Poisson maximum-likelihood rate;
    its standard error is inflated by the Pearson dispersion ``phi`` of the documents
    around it (McCullagh & Nelder 1989, sec. 6.2), never deflated (``phi >= 1``), and
    the interval is formed on the log scale with a *t* quantile on ``k - 1`` degrees of
    freedom, so two to four documents give a wide, honest interval. With zero events
    the lower bound is 0 and the upper bound the exact Poisson bound times ``phi``.

    Parameters
    ----------
    counts, exposures : sequence of float
        Events and exposure (tokens) of each document, k >= 2.
    ci : float
        Coverage.

    Returns
    -------
    (float, float, float)
        Lower and upper bound of the rate (per unit of exposure), and ``phi``.

    Examples
    --------
    >>> low, high, phi = quasi_poisson_interval([1, 9], [1000, 1000])
    >>> round(phi, 2), bool(low < 0.005 < high)
    (6.4, True)
    """
    from scipy.stats import t as t_dist

    _check_ci(ci)
    y = np.asarray(counts, dtype=float)
    e = np.asarray(exposures, dtype=float)
    if y.size < 2 or (e <= 0).any():
        raise StatsError("quasi_poisson_interval: need >= 2 documents with positive exposure")
    rate = y.sum() / e.sum()
    expected = rate * e
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = np.where(expected > 0, (y - expected) ** 2 / expected, 0.0)
    phi = max(1.0, float(pearson.sum() / (y.size - 1)))
    if y.sum() == 0:
        return (0.0, poisson_interval(0, ci=ci)[1] * phi / e.sum(), phi)
    se_log = math.sqrt(phi / y.sum())
    q = float(t_dist.ppf(0.5 + ci / 2, y.size - 1))
    return (rate * math.exp(-q * se_log), rate * math.exp(q * se_log), phi)


@dataclass(frozen=True)
class NestedFit:
    """REML fit of :func:`nested_intercepts_reml`."""

    beta: np.ndarray  #: fixed effects, in the order of the columns of X
    cov: np.ndarray  #: their covariance, ``sigma2 * (X' V^-1 X)^-1`` (V scaled by sigma2)
    page_var: float  #: variance of the page intercepts
    unit_var: float  #: variance of the unit intercepts (0 when not modelled)
    sigma2: float  #: residual variance
    converged: bool
    boundary: tuple[str, ...]  #: variance components estimated at zero


def _nested_reml_parts(
    log_ratios: np.ndarray,
    n_unit: np.ndarray,
    sx_unit: np.ndarray,
    sy_unit: np.ndarray,
    page_of_unit: np.ndarray,
    n_pages: int,
    sxx: np.ndarray,
    sxy: np.ndarray,
    syy: float,
) -> tuple[float, np.ndarray, np.ndarray, float]:
    """-2 x profiled REML log-likelihood (without constant), beta, (X'H^-1 X), sigma2."""
    rho_a, rho_b = np.exp(log_ratios)
    # unit level: H_u = I + rho_b 11', H_u^-1 = I - c 11', H_u^-1 1 = w 1
    c = rho_b / (1.0 + n_unit * rho_b)
    w = 1.0 / (1.0 + n_unit * rho_b)
    a = sxx - (c[:, None] * sx_unit).T @ sx_unit
    b = sxy - (c * sy_unit) @ sx_unit
    q = syy - float(c @ sy_unit**2)
    # page level (Sherman-Morrison): H_p^-1 = W - g (W1)(W1)', g = rho_a / (1 + rho_a 1'W1)
    t = np.bincount(page_of_unit, weights=n_unit * w, minlength=n_pages)
    u = np.stack(
        [np.bincount(page_of_unit, weights=w * col, minlength=n_pages) for col in sx_unit.T], axis=1
    )
    v = np.bincount(page_of_unit, weights=w * sy_unit, minlength=n_pages)
    g = rho_a / (1.0 + rho_a * t)
    a = a - (g[:, None] * u).T @ u
    b = b - (g * v) @ u
    q = q - float(g @ v**2)
    beta = np.linalg.solve(a, b)
    dof = float(n_unit.sum()) - a.shape[0]
    sigma2 = max((q - float(b @ beta)) / dof, 1e-300)
    log_det_h = float(np.log1p(n_unit * rho_b).sum() + np.log1p(rho_a * t).sum())
    sign, log_det_a = np.linalg.slogdet(a)
    return dof * math.log(sigma2) + log_det_h + log_det_a, beta, a, sigma2


def nested_intercepts_reml(
    y: np.ndarray,
    x: np.ndarray,
    page: np.ndarray,
    unit: np.ndarray | None = None,
) -> NestedFit:
    """REML fit of ``y = X beta + a_page + b_unit + e`` with nested random intercepts.

    The linear mixed model of Laird & Ware (1982) [12]_ with a random intercept per page
    and, when *unit* is given, one per unit nested in its page (sentences in a paragraph
    or comment), fitted by restricted maximum likelihood (Patterson & Thompson 1971 [13]_).
    The covariance of a page is ``sigma2 (I + rho_b Z Z' + rho_a 11')``: its inverse and
    determinant follow in closed form from the Sherman-Morrison formula, unit by unit and
    then page by page, so the likelihood needs only per-unit sums (rows, sum of X, sum of
    y) and the overall cross-products -- one pass over the data instead of one matrix per
    page. ``sigma2`` is profiled out; the two variance ratios are found by L-BFGS-B on
    their logarithms (bounded below at e^-30; a component below 1e-8 times ``sigma2`` is
    estimated at zero and named in ``boundary``). The fixed effects' covariance is ``sigma2 (X' H^-1 X)^-1``, as in
    lme4 (Bates et al. 2015 [14]_).

    Parameters
    ----------
    y : array of float, shape (n,)
    x : array of float, shape (n, p)
        Fixed-effect design including the intercept column.
    page, unit : arrays of labels, shape (n,)
        Page of each row; unit of each row (unique across pages), or None for a page
        intercept alone.

    Returns
    -------
    NestedFit
    """
    from scipy.optimize import minimize

    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    page_codes, _ = _codes(page)
    nested = unit is not None
    unit_codes, n_units = _codes(unit) if nested else (np.arange(y.size), y.size)
    n_unit = np.bincount(unit_codes, minlength=n_units).astype(float)
    sy_unit = np.bincount(unit_codes, weights=y, minlength=n_units)
    sx_unit = np.stack([np.bincount(unit_codes, weights=col, minlength=n_units) for col in x.T], 1)
    page_of_unit = np.zeros(n_units, dtype=np.intp)
    page_of_unit[unit_codes] = page_codes
    n_pages = int(page_codes.max()) + 1
    args = (n_unit, sx_unit, sy_unit, page_of_unit, n_pages, x.T @ x, x.T @ y, float(y @ y))
    low = -30.0
    if nested:
        def objective(theta: np.ndarray) -> float:
            return _nested_reml_parts(theta, *args)[0]
        start, bounds = np.zeros(2), [(low, 15.0), (low, 15.0)]
    else:  # no unit component: its ratio stays at (effectively) zero
        def objective(theta: np.ndarray) -> float:
            return _nested_reml_parts(np.array([theta[0], -np.inf]), *args)[0]
        start, bounds = np.zeros(1), [(low, 15.0)]
    best = minimize(objective, start, method="L-BFGS-B", bounds=bounds)
    theta = best.x if nested else np.array([best.x[0], -np.inf])
    _, beta, a, sigma2 = _nested_reml_parts(theta, *args)
    at_zero = tuple(
        name for name, value in zip(("page", "unit"), theta, strict=True)
        if np.isfinite(value) and value < math.log(1e-8)
    )
    rho = np.exp(theta)
    return NestedFit(
        beta=beta,
        cov=sigma2 * np.linalg.inv(a),
        page_var=float(rho[0] * sigma2),
        unit_var=float(rho[1] * sigma2),
        sigma2=float(sigma2),
        converged=bool(best.success),
        boundary=at_zero,
    )


def _codes(labels: Any) -> tuple[np.ndarray, int]:
    """Integer code of each label (first-seen order) and the number of distinct labels."""
    first: dict[Any, int] = {}
    codes = [first.setdefault(key, len(first)) for key in np.asarray(labels, dtype=object).tolist()]
    return np.asarray(codes, dtype=np.intp), len(first)
