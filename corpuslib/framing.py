"""Framing: which words, frames and actor contexts distinguish outlets and voices.

Four families of tools, all pure functions on plain mappings or DataFrames:

* distinctive words between two groups: :func:`log_odds_dirichlet` (Fightin' Words)
  and :func:`keyness` (Dunning's G² with Hardie's log ratio), and the one-group-vs-rest
  wrapper :func:`compare_groups`;
* a frame dictionary (``data/lexicons/frames.yml``): :func:`load_frames`,
  :func:`match_frames` (on a token list), :func:`frame_hits` (a KWIC table of every
  hit, to validate the dictionary by reading) and :func:`frame_scores` (rates per
  1,000 tokens with bootstrap intervals);
* actor framing: :func:`actor_collocates`, the words found near "Iran", "US", "Iraq";
* plotting helpers for the notebooks: ``plot_*``.

Tokenization is delegated to :func:`corpuslib.tokens.build_tokenizer`; every function
that reads text accepts ``tokenizer=`` to replace it (any ``str -> list[str]``).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicon import parse_yaml
from corpuslib.paths import FRAMES

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "Frame",
    "actor_collocates",
    "compare_groups",
    "count_entries",
    "count_mentions",
    "dominant_frames",
    "frame_hits",
    "frame_scores",
    "keyness",
    "load_frames",
    "log_odds_dirichlet",
    "match_frames",
    "plot_collocate_grid",
    "plot_collocates",
    "plot_fightin_words",
    "plot_frame_heatmap",
    "plot_keyness",
    "plot_keyness_grid",
    "sample_sizes",
    "select_voices",
    "slugify",
]

Tokenizer = Callable[[str], list[str]]

# Upper 5 % point of chi-square with 1 df: G² >= 3.84 is p < 0.05.
_G2_CRITICAL_05 = 3.8414588206941285

# Columns of a tidy counts table that are never the grouping column.
_COUNT_COLUMNS = frozenset({"term", "count", "n_tokens", "rate_per_1000"})


# --------------------------------------------------------------------------------------
# Input checking
# --------------------------------------------------------------------------------------


def _as_counts(counts: Mapping[str, float], name: str) -> dict[str, float]:
    """Return ``counts`` as a plain dict after checking keys and values."""
    if isinstance(counts, pd.Series):
        counts = counts.to_dict()
    if not isinstance(counts, Mapping):
        raise CorpuslibError(
            f"{name}: expected a mapping term -> count, got {type(counts).__name__}"
        )
    out: dict[str, float] = {}
    for term, value in counts.items():
        if not isinstance(term, str):
            raise CorpuslibError(f"{name}: term {term!r} is not a string")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise CorpuslibError(f"{name}: count of {term!r} is not a number: {value!r}") from None
        if not math.isfinite(number) or number < 0:
            raise CorpuslibError(
                f"{name}: count of {term!r} must be a finite number >= 0, got {value!r}"
            )
        out[term] = number
    return out


def _as_prior(prior: Mapping[str, float]) -> dict[str, float]:
    """Return the prior as a dict after checking that every alpha is a number > 0."""
    if isinstance(prior, pd.Series):
        prior = prior.to_dict()
    if not isinstance(prior, Mapping):
        raise CorpuslibError(f"prior: expected a mapping term -> alpha, got {type(prior).__name__}")
    out: dict[str, float] = {}
    for term, value in prior.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not isinstance(term, str) or not (math.isfinite(number) and number > 0):
            raise CorpuslibError(
                f"prior: alpha of term {term!r} must be a finite number > 0, got {value!r}"
            )
        out[term] = number
    return out


def _int_if_whole(values: np.ndarray) -> np.ndarray:
    """Return ``values`` as int64 when every value is whole (counts), else unchanged."""
    if values.size and np.all(np.equal(np.mod(values, 1), 0)):
        return values.astype(np.int64)
    return values


def _name_terms(terms: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(repr(t) for t in terms[:limit])
    more = f" (and {len(terms) - limit} more)" if len(terms) > limit else ""
    return shown + more


# --------------------------------------------------------------------------------------
# Fightin' Words: log-odds ratio with an informative Dirichlet prior
# --------------------------------------------------------------------------------------


def log_odds_dirichlet(
    counts_a: Mapping[str, float],
    counts_b: Mapping[str, float],
    prior: Mapping[str, float],
) -> pd.DataFrame:
    r"""Compare word use in two groups by the log-odds ratio with an informative Dirichlet prior.

    The "Fightin' Words" statistic of Monroe, Colaresi & Quinn (2008, section 3.5).
    With :math:`y_{aw}`, :math:`y_{bw}` the counts of word *w* in groups *a* and *b*,
    :math:`n_a`, :math:`n_b` their totals, :math:`\alpha_w` the prior and
    :math:`\alpha_0 = \sum_w \alpha_w`:

    .. math::

        \delta_w = \log\frac{y_{aw}+\alpha_w}{n_a+\alpha_0-y_{aw}-\alpha_w}
                 - \log\frac{y_{bw}+\alpha_w}{n_b+\alpha_0-y_{bw}-\alpha_w},\qquad
        \sigma^2_w \approx \frac{1}{y_{aw}+\alpha_w} + \frac{1}{y_{bw}+\alpha_w},\qquad
        z_w = \delta_w / \sigma_w .

    Positive *z* means *w* is used more in *a*; :math:`|z| > 1.96` is the usual
    (uncorrected, per-word) threshold.

    Parameters
    ----------
    counts_a, counts_b : Mapping[str, float]
        Term -> count in each group (a dict, a ``collections.Counter`` or a pandas
        Series). A term missing from one mapping has count 0 there.
    prior : Mapping[str, float]
        Term -> :math:`\alpha_w > 0`. It must cover every term of ``counts_a`` and
        ``counts_b`` (we do not invent a pseudo-count for unseen terms: a silent
        default would change every :math:`\alpha_0` and hence every score). Extra
        prior terms, absent from both groups, are not reported but do count in
        :math:`\alpha_0`, as words of the vocabulary that neither group used.
        :func:`compare_groups` builds a prior from the corpus counts.

    Returns
    -------
    pandas.DataFrame
        One row per term of ``counts_a`` ∪ ``counts_b``, columns ``term, count_a,
        count_b, count`` (a + b), ``n_a, n_b`` (group totals), ``alpha``, ``delta``,
        ``var``, ``se``, ``z``; sorted by ``z`` descending, ties by ``term`` ascending.

    Raises
    ------
    CorpuslibError
        If a count is negative or not a number, a term has no prior, an
        :math:`\alpha_w` is not a finite number > 0, or a denominator
        :math:`n+\alpha_0-y_w-\alpha_w` is not > 0 (a prior with a single term).

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372–403. https://doi.org/10.1093/pan/mpn018

    Examples
    --------
    >>> df = log_odds_dirichlet({"war": 8, "oil": 2}, {"war": 2, "oil": 8},
    ...                         prior={"war": 1.0, "oil": 1.0})
    >>> df["term"].tolist()
    ['war', 'oil']
    >>> round(float(df["z"].iloc[0]), 3)
    3.296
    """
    a = _as_counts(counts_a, "counts_a")
    b = _as_counts(counts_b, "counts_b")
    alpha_map = _as_prior(prior)
    vocab = sorted(set(a) | set(b))
    missing = [t for t in vocab if t not in alpha_map]
    if missing:
        raise CorpuslibError(
            f"prior: no alpha for term(s) {_name_terms(missing)}; the prior must cover "
            "every term of counts_a and counts_b (compare_groups builds one from the "
            "corpus counts)"
        )

    ya = np.array([a.get(t, 0.0) for t in vocab], dtype=float)
    yb = np.array([b.get(t, 0.0) for t in vocab], dtype=float)
    alpha = np.array([alpha_map[t] for t in vocab], dtype=float)
    n_a, n_b = float(sum(a.values())), float(sum(b.values()))
    alpha0 = float(math.fsum(alpha_map.values()))

    den_a = n_a + alpha0 - ya - alpha
    den_b = n_b + alpha0 - yb - alpha
    if vocab and (np.any(den_a <= 0) or np.any(den_b <= 0)):
        bad = [t for t, da, db in zip(vocab, den_a, den_b, strict=True) if da <= 0 or db <= 0]
        raise CorpuslibError(
            f"prior: n + alpha_0 - y_w - alpha_w must be > 0 for every term; it is not "
            f"for {_name_terms(bad)} (give the prior at least two terms)"
        )
    delta = np.log((ya + alpha) / den_a) - np.log((yb + alpha) / den_b)
    var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    se = np.sqrt(var)
    df = pd.DataFrame(
        {
            "term": pd.Series(vocab, dtype=object),
            "count_a": _int_if_whole(ya),
            "count_b": _int_if_whole(yb),
            "count": _int_if_whole(ya + yb),
            "n_a": _int_if_whole(np.full(len(vocab), n_a)),
            "n_b": _int_if_whole(np.full(len(vocab), n_b)),
            "alpha": alpha,
            "delta": delta,
            "var": var,
            "se": se,
            "z": delta / se,
        }
    )
    return df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )


# --------------------------------------------------------------------------------------
# Keyness: Dunning's G² and Hardie's log ratio
# --------------------------------------------------------------------------------------


def _xlogx_over(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """Return ``obs * log(obs / exp)`` with the convention 0·log 0 = 0."""
    out = np.zeros_like(obs, dtype=float)
    pos = obs > 0
    out[pos] = obs[pos] * np.log(obs[pos] / exp[pos])
    return out


def _g2(
    a: np.ndarray,
    b: np.ndarray,
    n_a: float | np.ndarray,
    n_b: float | np.ndarray,
    *,
    form: Literal["2x2", "rayson"] = "2x2",
) -> np.ndarray:
    """Log-likelihood G² of counts ``a`` of ``n_a`` vs ``b`` of ``n_b`` (vectorised)."""
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


def _bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg (1995) step-up adjusted p-values (NaN kept as NaN)."""
    from corpuslib.stats import adjust_pvalues

    return adjust_pvalues(np.asarray(p, dtype=float), method="bh")


def keyness(
    counts_a: Mapping[str, float],
    counts_b: Mapping[str, float],
    *,
    min_count: int = 2,
    correction: Literal["fdr_bh"] | None = "fdr_bh",
    form: Literal["2x2", "rayson"] = "2x2",
) -> pd.DataFrame:
    r"""Keywords of group *a* against group *b*: Dunning's G² and Hardie's log ratio.

    For each term with counts *a*, *b* out of totals :math:`n_a`, :math:`n_b`, the
    log-likelihood statistic (Dunning 1993) is :math:`G^2 = 2\sum O\log(O/E)` with
    expected values :math:`E = \text{row total}\times\text{column total}/N`
    (Rayson & Garside 2000) and :math:`0\log 0 = 0`. By default (``form="2x2"``)
    the sum runs over the four cells of the 2×2 table (term / other terms × a / b),
    which is the statistic with a :math:`\chi^2_1` reference distribution; with
    ``form="rayson"`` it runs over the two cells of the term only, as in Rayson &
    Garside's (2000) frequency-profiling tables and the UCREL log-likelihood
    calculator (nearly equal for rare terms).

    ``p`` is the upper tail of :math:`\chi^2_1` at G²; ``p_adj`` the
    Benjamini–Hochberg (1995) false-discovery-rate adjustment over the terms
    reported (after the frequency filter).

    The effect size is Hardie's (2014) log ratio
    :math:`\log_2\frac{a/n_a}{b/n_b}`, where a zero count is replaced by 0.5 (and
    only a zero count), so a term found in one group only gets a finite value.

    G² is unsigned; ``direction`` says which group uses the term relatively more
    (``"a"``, ``"b"`` or ``"="``) and ``g2_signed`` is G² with the sign of the
    log ratio (positive = overused in *a*).

    Parameters
    ----------
    counts_a, counts_b : Mapping[str, float]
        Term -> count in each group; a term missing from one mapping counts 0 there.
    min_count : int, default 2
        Keep terms with ``count_a + count_b >= min_count`` (G² is unreliable for
        very rare terms; the totals :math:`n_a`, :math:`n_b` always count every term).
    correction : {"fdr_bh", None}, default "fdr_bh"
        Multiple-testing adjustment written to ``p_adj``; ``None`` copies ``p``.
    form : {"2x2", "rayson"}, default "2x2"
        Four-cell (Dunning) or two-cell (Rayson & Garside) sum, see above.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, count_a, count_b, n_a, n_b, rate_a, rate_b`` (per 1,000),
        ``g2, g2_signed, direction, log_ratio, p, p_adj``; sorted by ``g2_signed``
        descending (keywords of *a* first, of *b* last), ties by ``term``.

    Raises
    ------
    CorpuslibError
        On negative or non-numeric counts, or an unknown ``correction`` / ``form``.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics*, 19(1), 61–74.

    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    In *Proceedings of the Workshop on Comparing Corpora* (pp. 1–6). ACL.
    https://doi.org/10.3115/1117729.1117730

    Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for
    Corpus Approaches to Social Science (CASS), Lancaster University.

    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: A
    practical and powerful approach to multiple testing. *Journal of the Royal
    Statistical Society: Series B*, 57(1), 289–300.

    Examples
    --------
    >>> k = keyness({"iran": 30, "the": 70}, {"iran": 10, "the": 90}, min_count=1)
    >>> k[["term", "direction"]].values.tolist()
    [['iran', 'a'], ['the', 'b']]
    >>> round(float(k["log_ratio"].iloc[0]), 3)
    1.585
    """
    if correction not in ("fdr_bh", None):
        raise CorpuslibError(f"correction: expected 'fdr_bh' or None, got {correction!r}")
    if form not in ("2x2", "rayson"):
        raise CorpuslibError(f"form: expected '2x2' or 'rayson', got {form!r}")
    from scipy.stats import chi2

    a = _as_counts(counts_a, "counts_a")
    b = _as_counts(counts_b, "counts_b")
    n_a, n_b = float(sum(a.values())), float(sum(b.values()))
    vocab = sorted(t for t in set(a) | set(b) if a.get(t, 0) + b.get(t, 0) >= min_count)
    ya = np.array([a.get(t, 0.0) for t in vocab], dtype=float)
    yb = np.array([b.get(t, 0.0) for t in vocab], dtype=float)
    g2 = _g2(ya, yb, n_a, n_b, form=form)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = 1000.0 * ya / n_a if n_a else np.full(len(vocab), np.nan)
        rate_b = 1000.0 * yb / n_b if n_b else np.full(len(vocab), np.nan)
        log_ratio = np.log2((np.where(ya > 0, ya, 0.5) / n_a) / (np.where(yb > 0, yb, 0.5) / n_b))
    # Direction from the raw relative frequencies (a*n_b vs b*n_a avoids division).
    cross = ya * n_b - yb * n_a
    direction = np.where(cross > 0, "a", np.where(cross < 0, "b", "="))
    sign = np.sign(cross)
    p = chi2.sf(g2, df=1)
    p_adj = _bh_adjust(p) if correction == "fdr_bh" else p.copy()
    df = pd.DataFrame(
        {
            "term": pd.Series(vocab, dtype=object),
            "count_a": _int_if_whole(ya),
            "count_b": _int_if_whole(yb),
            "n_a": _int_if_whole(np.full(len(vocab), n_a)),
            "n_b": _int_if_whole(np.full(len(vocab), n_b)),
            "rate_a": rate_a,
            "rate_b": rate_b,
            "g2": g2,
            "g2_signed": sign * g2,
            "direction": pd.Series(direction, dtype=object),
            "log_ratio": log_ratio,
            "p": p,
            "p_adj": p_adj,
        }
    )
    return df.sort_values(
        ["g2_signed", "term"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


# --------------------------------------------------------------------------------------
# One group against the rest of the corpus
# --------------------------------------------------------------------------------------


def _counts_by_group(
    counts_by_group: pd.DataFrame | Mapping[str, Mapping[str, float]], by: str | None
) -> tuple[str, dict[str, dict[str, float]]]:
    """Normalise the input of :func:`compare_groups` to ``(by, {group: {term: count}})``."""
    if isinstance(counts_by_group, pd.DataFrame):
        df = counts_by_group
        for col in ("term", "count"):
            if col not in df.columns:
                raise CorpuslibError(f"counts_by_group: missing column {col!r}")
        if by is None:
            candidates = [c for c in df.columns if c not in _COUNT_COLUMNS]
            if len(candidates) != 1:
                raise CorpuslibError(
                    "counts_by_group: cannot tell the group column among "
                    f"{candidates}; pass by='<column>'"
                )
            by = str(candidates[0])
        if by not in df.columns:
            raise CorpuslibError(f"by: column {by!r} not in counts_by_group")
        groups: dict[str, dict[str, float]] = {}
        summed = df.groupby([by, "term"], sort=True, observed=True)["count"].sum()
        for (group, term), count in summed.items():
            groups.setdefault(str(group), {})[str(term)] = float(count)
        return by, groups
    if isinstance(counts_by_group, Mapping):
        return by or "group", {
            str(g): _as_counts(c, f"counts_by_group[{g!r}]")
            for g, c in sorted(counts_by_group.items(), key=lambda kv: str(kv[0]))
        }
    raise CorpuslibError(
        "counts_by_group: expected a tidy DataFrame (group, term, count) or a mapping "
        f"group -> {{term: count}}, got {type(counts_by_group).__name__}"
    )


def compare_groups(
    counts_by_group: pd.DataFrame | Mapping[str, Mapping[str, float]],
    *,
    by: str | None = None,
    statistic: Literal["log_odds", "keyness"] = "log_odds",
    prior_scale: float = 1.0,
    min_count: int = 2,
    correction: Literal["fdr_bh"] | None = "fdr_bh",
) -> pd.DataFrame:
    r"""Compare each group (an outlet, a voice) with the rest of the corpus.

    For every group *g*, group *a* is *g* and group *b* the sum of all other groups.

    With ``statistic="log_odds"`` the comparison is :func:`log_odds_dirichlet` with
    the informative prior of Monroe, Colaresi & Quinn (2008, sec. 3.5.2) built from
    the whole corpus: with :math:`y_w` the corpus count of *w* and *N* the corpus
    size,

    .. math:: \alpha_w = \texttt{prior\_scale}\cdot y_w, \qquad
              \alpha_0 = \texttt{prior\_scale}\cdot N ,

    i.e. the prior mean is the corpus distribution and ``prior_scale`` says how many
    corpora's worth of pseudo-counts it carries. ``prior_scale=1`` (the default, as in
    common implementations that pass the background counts as the prior) shrinks
    rare words strongly; smaller values shrink less. Every term in the data has
    :math:`y_w \geq 1`, so :math:`\alpha_w > 0`.

    With ``statistic="keyness"`` it is :func:`keyness` (G², log ratio, BH-adjusted
    p-values within each group's comparison).

    Parameters
    ----------
    counts_by_group : DataFrame or Mapping
        A tidy table with a group column, ``term`` and ``count`` (for example
        :func:`corpuslib.frequency.term_counts` output; extra columns ``n_tokens`` and
        ``rate_per_1000`` are ignored), or a mapping group -> {term: count}.
    by : str, optional
        The group column. Default: the only column other than ``term``, ``count``,
        ``n_tokens`` and ``rate_per_1000`` (for a mapping: ``"group"``).
    statistic : {"log_odds", "keyness"}, default "log_odds"
        Which comparison to run.
    prior_scale : float, default 1.0
        Strength of the corpus prior for ``"log_odds"`` (must be > 0).
    min_count, correction
        Passed to :func:`keyness` for ``"keyness"``; with ``"log_odds"`` terms with
        a corpus count below ``min_count`` are dropped from the output (they still
        count in the totals and the prior).

    Returns
    -------
    pandas.DataFrame
        The columns of the chosen statistic preceded by the group column (named
        ``by``) and followed by ``rank`` (1 = most distinctive of the group), groups
        in sorted order.

    Raises
    ------
    CorpuslibError
        If there are fewer than two groups, ``prior_scale`` is not > 0, the table
        lacks columns, or ``statistic`` is unknown.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372–403.

    Examples
    --------
    >>> counts = {"x": {"war": 9, "oil": 1}, "y": {"war": 1, "oil": 9}}
    >>> out = compare_groups(counts, by="outlet", min_count=1)
    >>> out[out["rank"] == 1][["outlet", "term"]].values.tolist()
    [['x', 'war'], ['y', 'oil']]
    """
    if statistic not in ("log_odds", "keyness"):
        raise CorpuslibError(f"statistic: expected 'log_odds' or 'keyness', got {statistic!r}")
    if not (
        isinstance(prior_scale, int | float) and prior_scale > 0 and math.isfinite(prior_scale)
    ):
        raise CorpuslibError(f"prior_scale: must be a number > 0, got {prior_scale!r}")
    by, groups = _counts_by_group(counts_by_group, by)
    if len(groups) < 2:
        raise CorpuslibError(
            f"compare_groups: need at least two groups in column {by!r}, found "
            f"{sorted(groups)}; include more outlets/voices"
        )
    corpus: Counter[str] = Counter()
    for counts in groups.values():
        corpus.update(counts)
    frames = []
    for group in sorted(groups):
        mine = groups[group]
        rest: Counter[str] = Counter()
        for other, counts in groups.items():
            if other != group:
                rest.update(counts)
        if statistic == "log_odds":
            prior = {t: prior_scale * c for t, c in corpus.items() if c > 0}
            mine_pos = {t: c for t, c in mine.items() if corpus[t] > 0}
            rest_pos = {t: c for t, c in rest.items() if corpus[t] > 0}
            res = log_odds_dirichlet(mine_pos, rest_pos, prior)
            res = res[res["count"] >= min_count].reset_index(drop=True)
        else:
            res = keyness(mine, rest, min_count=min_count, correction=correction)
        res.insert(0, by, group)
        res["rank"] = np.arange(1, len(res) + 1)
        frames.append(res)
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------------------
# Segments: voices, languages, tokenizers
# --------------------------------------------------------------------------------------


def select_voices(
    segments: pd.DataFrame,
    *,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
) -> pd.DataFrame:
    """Return the segments of the given voices and languages, with a ``voice`` column.

    The voice of a segment is ``author`` (body, not quoted), ``quoted`` (a quotation
    inside the article), ``commenter``, ``title`` or ``boilerplate``, as defined by
    :func:`corpuslib.frequency.add_voice`, which adds the column when it is absent.
    The selection is :func:`corpuslib.frequency.select_units` (so every analysis
    selects units the same way): boilerplate and rows without text are always
    dropped.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments as returned by :func:`corpuslib.load_segments`.
    voices : Sequence[str], optional
        Voices to keep; ``None`` keeps all.
    langs : Sequence[str], optional
        Languages (column ``lang``) to keep; ``None`` keeps all. The default keeps
        English: the word lists and the tokenizer are English.

    Returns
    -------
    pandas.DataFrame
        The selected rows in their original order (index reset).

    Raises
    ------
    CorpuslibError
        If a needed column is missing or a voice is unknown.
    """
    from corpuslib.frequency import select_units

    return select_units(segments, voices=voices, langs=langs).reset_index(drop=True)


def _text(value: Any) -> str:
    """Return ``value`` if it is a string, else ``""`` (missing text: NA, None, NaN)."""
    return value if isinstance(value, str) else ""


def _default_tokenizer(**options: Any) -> Tokenizer:
    from corpuslib.tokens import build_tokenizer

    return build_tokenizer(**options)


def _as_by(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _check_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise CorpuslibError(f"{what}: segments lack column(s) {missing}")


# --------------------------------------------------------------------------------------
# Frame dictionary
# --------------------------------------------------------------------------------------

_FRAME_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAME_KEYS = {"label", "description", "words", "phrases"}
_WORD = re.compile(r"^[^\s*]+\*?$")


@dataclass(frozen=True)
class Frame:
    """One frame of the dictionary.

    Attributes
    ----------
    name : str
        Key in the YAML file (``military``).
    label : str
        Human-readable name used in figures.
    description : str
        What the frame means, for readers of the tables.
    entries : tuple[str, ...]
        Words and phrases as written in the file; a word ending in ``*`` matches
        every token starting with the text before the ``*``.
    source : str
        File the frame came from (for error messages).
    """

    name: str
    label: str
    description: str
    entries: tuple[str, ...]
    source: str = "<memory>"


def load_frames(path: str | Path = FRAMES) -> dict[str, Frame]:
    """Load and validate a frame dictionary (YAML).

    The format is described at the top of ``data/lexicons/frames.yml``::

        frames:
          diplomacy:
            label: Diplomacy / negotiation
            description: Talks, deals and relations between governments.
            words: [diplomat*, negotiat*, talks]
            phrases: [grand bargain, diplomatic relations]

    ``words`` are single words, ``phrases`` two or more words separated by spaces.
    In either, a word may end with ``*`` (prefix wildcard: ``negotiat*`` matches
    negotiate, negotiation, negotiators); ``*`` anywhere else is an error.
    Matching is case-insensitive and on tokens (see :func:`match_frames`).

    Parameters
    ----------
    path : str or Path, default ``data/lexicons/frames.yml``
        The YAML file.

    Returns
    -------
    dict[str, Frame]
        Frames by name, in file order.

    Raises
    ------
    LexiconError
        If the file is missing or not YAML, has no ``frames`` mapping, a frame name
        is not ``[a-z][a-z0-9_]*``, a frame has an unknown key, no label, no entries,
        an entry that is empty, a "word" with a space, a one-word "phrase", a ``*``
        that is not at the end of a word, or a duplicate entry. The message names
        the file, the frame and the entry.

    Examples
    --------
    >>> frames = load_frames()
    >>> "diplomacy" in frames and "negotiat*" in frames["diplomacy"].entries
    True
    """

    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{where}: frame dictionary not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{where}: cannot read frame dictionary ({exc})") from None
    data = parse_yaml(text, source=where)
    if not isinstance(data, Mapping) or not isinstance(data.get("frames"), Mapping):
        raise LexiconError(f"{where}: expected a top-level key 'frames' holding a mapping")
    if not data["frames"]:
        raise LexiconError(f"{where}: 'frames' is empty")
    frames: dict[str, Frame] = {}
    for name, spec in data["frames"].items():
        at = f"{where}: frame {name!r}"
        if not isinstance(name, str) or not _FRAME_NAME.match(name):
            raise LexiconError(f"{at}: name must match [a-z][a-z0-9_]* (lower case, digits, _)")
        if not isinstance(spec, Mapping):
            raise LexiconError(f"{at}: expected a mapping with label, description, words, phrases")
        unknown = sorted(set(map(str, spec)) - _FRAME_KEYS)
        if unknown:
            raise LexiconError(f"{at}: unknown key(s) {unknown}; allowed: {sorted(_FRAME_KEYS)}")
        label = spec.get("label")
        if not isinstance(label, str) or not label.strip():
            raise LexiconError(f"{at}: 'label' must be a non-empty string")
        description = spec.get("description", "")
        if not isinstance(description, str):
            raise LexiconError(f"{at}: 'description' must be a string")
        entries: list[str] = []
        seen: dict[str, str] = {}
        for key in ("words", "phrases"):
            items = spec.get(key) or []
            if not isinstance(items, list):
                raise LexiconError(f"{at}: '{key}' must be a list")
            for item in items:
                if not isinstance(item, str) or not item.strip():
                    raise LexiconError(f"{at}: {key} entry {item!r} must be a non-empty string")
                entry = " ".join(item.split())
                words = entry.split(" ")
                if key == "words" and len(words) != 1:
                    raise LexiconError(
                        f"{at}: words entry {item!r} has a space; put it under 'phrases'"
                    )
                if key == "phrases" and len(words) < 2:
                    raise LexiconError(
                        f"{at}: phrases entry {item!r} is a single word; put it under 'words'"
                    )
                for word in words:
                    if not _WORD.match(word) or word == "*":
                        raise LexiconError(
                            f"{at}: {key} entry {item!r}: '*' is allowed only at the end "
                            "of a word, after at least one character"
                        )
                folded = entry.casefold()
                if folded in seen:
                    raise LexiconError(f"{at}: duplicate entry {item!r}")
                seen[folded] = entry
                entries.append(entry)
        if not entries:
            raise LexiconError(f"{at}: no words or phrases")
        frames[name] = Frame(name, label.strip(), description.strip(), tuple(entries), where)
    return frames


# A compiled pattern: a tuple of elements, each ("=", token) or ("^", prefix).
_Pattern = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Compiled:
    frame: str
    entry: str
    pattern: _Pattern


def _compile_frames(frames: Mapping[str, Frame], tokenizer: Tokenizer) -> list[_Compiled]:
    """Turn each entry into a token pattern with the same tokenizer as the text."""
    compiled: list[_Compiled] = []
    for name, frame in frames.items():
        for entry in frame.entries:
            pattern: list[tuple[str, str]] = []
            for word in entry.split(" "):
                if word.endswith("*"):
                    # A stem with inner punctuation ("shi'ite*") may be several tokens
                    # for this tokenizer: all but the last must match exactly.
                    stem = word[:-1]
                    parts = [t.casefold() for t in tokenizer(stem)]
                    if len(parts) > 1:
                        pattern.extend(("=", t) for t in parts[:-1])
                        pattern.append(("^", parts[-1]))
                    else:
                        pattern.append(("^", stem.casefold()))
                else:
                    toks = tokenizer(word)
                    if not toks:
                        raise LexiconError(
                            f"{frame.source}: frame {name!r}: entry {entry!r}: word "
                            f"{word!r} gives no token with this tokenizer (a stopword "
                            "or punctuation?)"
                        )
                    pattern.extend(("=", t.casefold()) for t in toks)
            compiled.append(_Compiled(name, entry, tuple(pattern)))
    return compiled


class _Matcher:
    """Longest-match, non-overlapping (per frame) matching of compiled entries."""

    def __init__(self, compiled: list[_Compiled]) -> None:
        self.exact: dict[str, list[_Compiled]] = {}
        self.prefix: list[_Compiled] = []
        for c in compiled:
            kind, value = c.pattern[0]
            if kind == "=":
                self.exact.setdefault(value, []).append(c)
            else:
                self.prefix.append(c)

    @staticmethod
    def _matches_at(pattern: _Pattern, tokens: Sequence[str], i: int) -> bool:
        if i + len(pattern) > len(tokens):
            return False
        for k, (kind, value) in enumerate(pattern):
            tok = tokens[i + k]
            if kind == "=":
                if tok != value:
                    return False
            elif not tok.startswith(value):
                return False
        return True

    def find(self, tokens: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """Return ``(frame, entry, start, end)`` hits, in token order then frame order."""
        folded = [t.casefold() for t in tokens]
        best: dict[tuple[str, int], tuple[int, str]] = {}  # (frame, start) -> (len, entry)
        for i, tok in enumerate(folded):
            candidates = self.exact.get(tok, [])
            if self.prefix:
                candidates = candidates + [
                    c for c in self.prefix if tok.startswith(c.pattern[0][1])
                ]
            for c in candidates:
                if self._matches_at(c.pattern, folded, i):
                    key = (c.frame, i)
                    length = len(c.pattern)
                    if key not in best or length > best[key][0]:
                        best[key] = (length, c.entry)
        hits: list[tuple[str, str, int, int]] = []
        last_end: dict[str, int] = {}
        for (frame, start), (length, entry) in sorted(best.items(), key=lambda kv: kv[0][1]):
            if start >= last_end.get(frame, 0):
                hits.append((frame, entry, start, start + length))
                last_end[frame] = start + length
        return hits


def _resolve_frames(frames: Mapping[str, Frame] | str | Path | None) -> dict[str, Frame]:
    if frames is None:
        return load_frames()
    if isinstance(frames, str | Path):
        return load_frames(frames)
    if not frames:
        raise CorpuslibError("frames: empty frame dictionary")
    return dict(frames)


def _frame_tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    # Keep every token (stopwords, no lemmas, no aliases): phrases such as "boots on
    # the ground" need their function words, and rates are per running token.
    if tokenizer is not None:
        return tokenizer
    return _default_tokenizer(lowercase=True, stopwords=False, lemmatize=False, aliases=False)


def match_frames(
    tokens: Sequence[str],
    frames: Mapping[str, Frame],
    *,
    tokenizer: Tokenizer | None = None,
) -> list[tuple[str, str, int, int]]:
    """Find the frame entries in a list of tokens.

    Matching rules: case-insensitive (both sides case-folded); each word of an entry
    is first passed through ``tokenizer`` so that entries and text are split the same
    way (``U.S. troops`` matches whatever tokens the text gives for it); a phrase
    matches consecutive tokens; a word ending in ``*`` matches any token beginning
    with the text before it. Within a frame, hits do not overlap: at each position
    the longest entry wins and scanning resumes after it ("regime change" is one hit,
    not also "regime"). The same tokens may count for several frames.

    Parameters
    ----------
    tokens : Sequence[str]
        Tokens of one text unit.
    frames : Mapping[str, Frame]
        From :func:`load_frames`.
    tokenizer : callable, optional
        Used to split the entries' words; default the corpus tokenizer with all
        tokens kept (no stopword removal, lemmas or aliases).

    Returns
    -------
    list of (frame, entry, start, end)
        Token span ``[start, end)`` of each hit, in text order.

    Examples
    --------
    >>> fr = {"d": Frame("d", "Diplomacy", "", ("negotiat*", "grand bargain", "talks"))}
    >>> match_frames("a Grand Bargain needs negotiators".split(), fr, tokenizer=str.split)
    [('d', 'grand bargain', 1, 3), ('d', 'negotiat*', 4, 5)]
    """
    tok = _frame_tokenizer(tokenizer)
    return _Matcher(_compile_frames(frames, tok)).find(tokens)


def frame_hits(
    segments: pd.DataFrame,
    frames: Mapping[str, Frame] | str | Path | None = None,
    *,
    context: int = 8,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """List every frame hit with its context, to validate the dictionary by reading.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (columns ``doc_id, outlet, role, text`` at least).
    frames : mapping, path or None
        Frames from :func:`load_frames`, a path to a YAML file, or ``None`` for the
        bundled ``data/lexicons/frames.yml``.
    context : int, default 8
        Tokens shown left and right of the match.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, outlet, role, voice, seq`` (when present), ``frame, entry,
        left, match, right`` (tokens joined by spaces), one row per hit, in
        segment and text order.
    """
    frames = _resolve_frames(frames)
    _check_columns(segments, ("doc_id", "outlet", "role", "text"), "frame_hits")
    df = select_voices(segments, voices=voices, langs=langs)
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    meta_cols = [c for c in ("doc_id", "outlet", "role", "voice", "seq") if c in df.columns]
    rows: list[dict[str, Any]] = []
    for rec in df[meta_cols + ["text"]].itertuples(index=False):
        values = dict(zip(meta_cols + ["text"], rec, strict=True))
        tokens = tok(_text(values.pop("text")))
        for frame, entry, start, end in matcher.find(tokens):
            rows.append(
                {
                    **values,
                    "frame": frame,
                    "entry": entry,
                    "left": " ".join(tokens[max(0, start - context) : start]),
                    "match": " ".join(tokens[start:end]),
                    "right": " ".join(tokens[end : end + context]),
                }
            )
    columns = meta_cols + ["frame", "entry", "left", "match", "right"]
    return pd.DataFrame(rows, columns=columns)


def count_entries(hits: pd.DataFrame) -> pd.DataFrame:
    """Count hits per frame entry, to see which entries drive each frame.

    Parameters
    ----------
    hits : pandas.DataFrame
        Output of :func:`frame_hits`.

    Returns
    -------
    pandas.DataFrame
        ``frame, entry, hits, n_docs, share_of_frame``: ``share_of_frame`` is the
        entry's hits over all hits of its frame (an entry with a large share drives
        the frame: read its hits first). Sorted by hits descending, then frame and
        entry.
    """
    if hits.empty:
        return pd.DataFrame(columns=["frame", "entry", "hits", "n_docs", "share_of_frame"])
    out = (
        hits.groupby(["frame", "entry"], sort=True)
        .agg(hits=("match", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    out["share_of_frame"] = out["hits"] / out.groupby("frame")["hits"].transform("sum")
    return out.sort_values(
        ["hits", "frame", "entry"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def sample_sizes(
    segments: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "outlet",
    tokenizer: Tokenizer | None = None,
    content_tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """Documents, text units and tokens per group: the n behind every comparison.

    Two token counts, because the analyses count differently: frame rates are per
    running token (``n_tokens``, function words included, as :func:`frame_scores`
    counts), while word comparisons (:func:`compare_groups` on
    ``term_counts(..., stopwords=True, aliases=True)``) and collocates count the
    tokens left after stopword removal (``n_tokens_no_stopwords``; "United States"
    is one token there). Report the column that matches the statistic.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, text`` and the ``by`` columns).
    by : str or sequence of str, default "outlet"
        Grouping columns.
    tokenizer : callable, optional
        For ``n_tokens``. Default: the corpus tokenizer keeping every token (as
        :func:`frame_scores`).
    content_tokenizer : callable, optional
        For ``n_tokens_no_stopwords``. Default: the corpus tokenizer with stopwords
        removed and aliases merged (as :func:`actor_collocates` and
        ``frequency.term_counts(stopwords=True, aliases=True)``).

    Returns
    -------
    pandas.DataFrame
        ``*by, n_docs, n_units, n_tokens, n_tokens_no_stopwords``, groups sorted.
    """
    by_cols = _as_by(by)
    _check_columns(segments, ["doc_id", "text", *by_cols], "sample_sizes")
    tok = _frame_tokenizer(tokenizer)
    content = _collocate_tokenizer(content_tokenizer)
    texts = [_text(t) for t in segments["text"].tolist()]
    df = segments.assign(_n=[len(tok(t)) for t in texts], _c=[len(content(t)) for t in texts])
    columns = ["n_docs", "n_units", "n_tokens", "n_tokens_no_stopwords"]
    if not by_cols:
        return pd.DataFrame(
            [[df["doc_id"].nunique(), len(df), int(df["_n"].sum()), int(df["_c"].sum())]],
            columns=columns,
        ).astype("int64")
    out = (
        df.groupby(by_cols, sort=True, observed=True)
        .agg(
            n_docs=("doc_id", "nunique"),
            n_units=("_n", "size"),
            n_tokens=("_n", "sum"),
            n_tokens_no_stopwords=("_c", "sum"),
        )
        .reset_index()
    )
    return out.astype(dict.fromkeys(columns, "int64"))


def _overlap(top: pd.Series, second: pd.Series | None) -> bool | None:
    """Whether two rows' intervals overlap; None when there is no interval to compare."""
    if second is None:
        return None
    low, high = top.get("ci_low", np.nan), second.get("ci_high", np.nan)
    if not (np.isfinite(low) and np.isfinite(high)):
        return None
    return bool(low <= high)


def dominant_frames(scores: pd.DataFrame, *, by: str | Sequence[str] = "outlet") -> pd.DataFrame:
    """The frame with the highest rate in each group, and how clearly it leads.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores`.
    by : str or sequence of str, default "outlet"
        The group columns used in :func:`frame_scores`.

    Returns
    -------
    pandas.DataFrame
        ``*by, frame, label, rate, ci_low, ci_high, hits, runner_up, runner_up_rate,
        overlaps_runner_up, small_sample``. Ties go to the frame listed first in the
        dictionary. ``overlaps_runner_up`` is True when the leader's lower bound is
        below the runner-up's upper bound (the lead is not clear), None without
        intervals.
    """
    by_cols = _as_by(by)
    _check_columns(scores, [*by_cols, "frame", "rate"], "dominant_frames")
    rows = []
    order = {f: i for i, f in enumerate(dict.fromkeys(scores["frame"]))}
    grouped = scores.groupby(by_cols, sort=True) if by_cols else [((), scores)]
    for key, part in grouped:
        ranked = part.assign(_o=part["frame"].map(order)).sort_values(
            ["rate", "_o"], ascending=[False, True], kind="mergesort"
        )
        top = ranked.iloc[0]
        second = ranked.iloc[1] if len(ranked) > 1 else None
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            {
                **dict(zip(by_cols, key, strict=True)),
                "frame": top["frame"],
                "label": top.get("label", top["frame"]),
                "rate": top["rate"],
                "ci_low": top.get("ci_low", np.nan),
                "ci_high": top.get("ci_high", np.nan),
                "hits": top.get("hits", np.nan),
                "runner_up": None if second is None else second["frame"],
                "runner_up_rate": np.nan if second is None else second["rate"],
                "overlaps_runner_up": _overlap(top, second),
                "small_sample": bool(top.get("small_sample", False)),
            }
        )
    return pd.DataFrame(rows)


def _group_seed(seed: int, key: tuple[Any, ...]) -> np.random.Generator:
    """A generator that depends only on ``seed`` and the group key (order-free)."""
    digest = zlib.crc32(repr(tuple(str(k) for k in key)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence([int(seed), digest]))


def _bootstrap_rates(
    hits: np.ndarray,
    tokens: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of 1000·Σhits/Σtokens, resampling rows (units) with replacement."""
    n_units, n_frames = hits.shape
    if n_boot <= 0 or n_units == 0:
        nan = np.full(n_frames, np.nan)
        return nan, nan.copy()
    chunk = max(1, min(n_boot, 4_000_000 // max(n_units, 1)))
    rates = np.empty((n_boot, n_frames))
    probs = np.full(n_units, 1.0 / n_units)
    done = 0
    while done < n_boot:
        size = min(chunk, n_boot - done)
        # Multinomial weights = how often each unit is drawn in a resample of size n.
        weights = rng.multinomial(n_units, probs, size=size).astype(float)
        h = weights @ hits
        t = weights @ tokens
        with np.errstate(divide="ignore", invalid="ignore"):
            rates[done : done + size] = 1000.0 * h / t[:, None]
        done += size
    tail = (1.0 - ci) / 2.0 * 100.0
    with np.errstate(all="ignore"):
        if np.all(np.isnan(rates)):
            nan = np.full(n_frames, np.nan)
            return nan, nan.copy()
        low = np.nanpercentile(rates, tail, axis=0)
        high = np.nanpercentile(rates, 100.0 - tail, axis=0)
    return low, high


def frame_scores(
    segments: pd.DataFrame,
    frames: Mapping[str, Frame] | str | Path | None = None,
    *,
    by: str | Sequence[str] | None = ("outlet", "voice"),
    unit: str | Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    min_units: int = 10,
    min_tokens: int = 1000,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    r"""Frame rates per group, with bootstrap percentile intervals.

    For each group and frame: ``hits`` (non-overlapping matches, see
    :func:`match_frames`), ``n_tokens`` (all tokens of the group, function words
    included), ``rate`` = 1000 · hits / n_tokens, and a percentile bootstrap
    interval (Efron & Tibshirani 1993, ch. 13) of that ratio, obtained by
    resampling the group's *units* with replacement ``n_boot`` times.

    A unit is one segment (a paragraph, a comment) by default, or, with
    ``unit="doc_id"``, a whole document (cluster bootstrap). Segments of one page are
    not independent, so the segment-level interval is optimistic; the document
    interval is honest but has no width when a group has one document (as each
    outlet of the bundled corpus has). Groups with fewer than ``min_units`` units or
    ``min_tokens`` tokens are flagged ``small_sample``: read their rates as
    descriptions, not estimates.

    A frame with no hit in a group has a degenerate bootstrap interval [0, 0],
    which would claim certainty; its interval is instead [0, u] with
    :math:`u = 1000\cdot(-\ln(1-\text{ci}))/n_{tokens}`, the one-sided upper
    bound for zero events in *n* trials (≈ 3/n for 95 %: the "rule of three",
    Hanley & Lippman-Hand 1983), treating tokens as independent. Column
    ``ci_method`` says which interval a row has.

    Each group's random stream is derived from ``seed`` and the group's key only,
    so results are identical across runs and do not change when other groups are
    added or removed.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, outlet, role, text``; ``voice`` is added if needed).
    frames : mapping, path or None
        From :func:`load_frames`, a YAML path, or ``None`` for the bundled file.
    by : str or sequence of str, default ("outlet", "voice")
        Grouping columns (``None`` or ``()``: one group for the whole corpus).
    unit : str or sequence of str, optional
        Column(s) defining a resampling unit; default each row.
    n_boot : int, default 1000
        Bootstrap resamples (0: no bootstrap interval; zero-hit rows still get the
        rule-of-three bound).
    seed : int, default 0
        Random seed.
    ci : float, default 0.95
        Interval coverage.
    min_units, min_tokens : int, default 10 and 1000
        Thresholds of the ``small_sample`` flag.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.

    Returns
    -------
    pandas.DataFrame
        One row per group and frame (frames in dictionary order, groups sorted):
        ``*by, frame, label, hits, n_tokens, rate, ci_low, ci_high, ci_method,
        n_units, n_docs, small_sample``; ``ci_method`` is ``"bootstrap"``,
        ``"rule of three"`` (zero hits) or ``"none"``.

    Raises
    ------
    CorpuslibError
        On missing columns or ``ci`` outside (0, 1).

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    Chapman & Hall/CRC.

    Hanley, J. A., & Lippman-Hand, A. (1983). If nothing goes wrong, is everything
    all right? Interpreting zero numerators. *JAMA*, 249(13), 1743–1745.
    """
    if not 0 < ci < 1:
        raise CorpuslibError(f"ci: must be in (0, 1), got {ci!r}")
    frames = _resolve_frames(frames)
    by_cols = _as_by(by)
    unit_cols = _as_by(unit)
    _check_columns(segments, ("doc_id", "text"), "frame_scores")
    df = select_voices(segments, voices=voices, langs=langs)
    _check_columns(df, by_cols + unit_cols, "frame_scores (by/unit)")
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    names = list(frames)
    index = {n: i for i, n in enumerate(names)}

    hit_rows = np.zeros((len(df), len(names)))
    n_tok = np.zeros(len(df))
    for r, text in enumerate(df["text"].tolist()):
        tokens = tok(_text(text))
        n_tok[r] = len(tokens)
        for frame, _entry, _s, _e in matcher.find(tokens):
            hit_rows[r, index[frame]] += 1

    out_rows: list[dict[str, Any]] = []
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    members: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(key_list):
        members.setdefault(key, []).append(i)
    if not by_cols:
        members.setdefault((), [])
    for key in sorted(members):
        mask = np.zeros(len(df), bool)
        mask[members[key]] = True
        sub = df[mask]
        h, t = hit_rows[mask], n_tok[mask]
        if unit_cols:
            codes = sub[unit_cols].astype(str).agg("\x1f".join, axis=1)
            uniq, inverse = np.unique(codes.to_numpy(), return_inverse=True)
            h_u = np.zeros((len(uniq), len(names)))
            t_u = np.zeros(len(uniq))
            np.add.at(h_u, inverse, h)
            np.add.at(t_u, inverse, t)
        else:
            h_u, t_u = h, t
        low, high = _bootstrap_rates(h_u, t_u, n_boot=n_boot, ci=ci, rng=_group_seed(seed, key))
        total_tokens = int(t.sum())
        n_units = int(len(t_u))
        n_docs = int(sub["doc_id"].nunique())
        small = n_units < min_units or total_tokens < min_tokens
        for j, name in enumerate(names):
            hits = int(h[:, j].sum())
            ci_low, ci_high = float(low[j]), float(high[j])
            method = "bootstrap" if np.isfinite(ci_low) else "none"
            if hits == 0 and total_tokens > 0:
                ci_low, ci_high = 0.0, 1000.0 * -math.log1p(-ci) / total_tokens
                method = "rule of three"
            out_rows.append(
                {
                    **dict(zip(by_cols, key, strict=True)),
                    "frame": name,
                    "label": frames[name].label,
                    "hits": hits,
                    "n_tokens": total_tokens,
                    "rate": 1000.0 * hits / total_tokens if total_tokens else np.nan,
                    "ci_low": ci_low,
                    "ci_high": ci_high,
                    "ci_method": method,
                    "n_units": n_units,
                    "n_docs": n_docs,
                    "small_sample": bool(small),
                }
            )
    columns = by_cols + [
        "frame", "label", "hits", "n_tokens", "rate", "ci_low", "ci_high", "ci_method",
        "n_units", "n_docs", "small_sample",
    ]  # fmt: skip
    return pd.DataFrame(out_rows, columns=columns)


# --------------------------------------------------------------------------------------
# Actor framing: collocates of Iran / US / Iraq
# --------------------------------------------------------------------------------------


def _target_starts(tokens: Sequence[str], ttoks: tuple[str, ...]) -> list[int]:
    """Start positions of the token sequence ``ttoks`` in ``tokens`` (exact match)."""
    k = len(ttoks)
    return [s for s in range(len(tokens) - k + 1) if tuple(tokens[s : s + k]) == ttoks]


def _target_tokens(targets: Sequence[str], tok: Tokenizer) -> list[tuple[str, tuple[str, ...]]]:
    if isinstance(targets, str):
        targets = [targets]
    out: list[tuple[str, tuple[str, ...]]] = []
    for target in targets:
        toks = tuple(tok(target))
        if not toks:
            raise CorpuslibError(
                f"targets: {target!r} gives no token with this tokenizer (a stopword?)"
            )
        out.append((target, toks))
    return out


def count_mentions(
    segments: pd.DataFrame,
    targets: Sequence[str] = ("Iran", "US", "Iraq"),
    *,
    by: str | Sequence[str] | None = "outlet",
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """Count the mentions of each actor per group, as :func:`actor_collocates` finds them.

    The n behind each collocate list, also for groups where no collocate passes the
    thresholds (or the actor is never mentioned: ``n_target`` 0).

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``text`` and the ``by`` columns).
    targets : Sequence[str]
        Actors, matched as in :func:`actor_collocates`.
    by, voices, langs, tokenizer
        As in :func:`actor_collocates`.

    Returns
    -------
    pandas.DataFrame
        ``*by, target, n_target, n_tokens``: every group × target (groups sorted,
        targets in the order given); ``n_tokens`` is the group's token count with
        this tokenizer.

    Raises
    ------
    CorpuslibError
        If a target gives no token or a column is missing.
    """
    tok = _collocate_tokenizer(tokenizer)
    target_toks = _target_tokens(targets, tok)
    by_cols = _as_by(by)
    _check_columns(segments, ("text",), "count_mentions")
    df = select_voices(segments, voices=voices, langs=langs)
    _check_columns(df, by_cols, "count_mentions (by)")
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    mentions: dict[tuple[str, ...], Counter[str]] = {}
    sizes: Counter[tuple[str, ...]] = Counter()
    for key, text in zip(key_list, df["text"].tolist(), strict=True):
        tokens = tok(_text(text))
        sizes[key] += len(tokens)
        found = mentions.setdefault(key, Counter())
        for target, ttoks in target_toks:
            found[target] += len(_target_starts(tokens, ttoks))
    rows = [
        {
            **dict(zip(by_cols, key, strict=True)),
            "target": target,
            "n_target": int(mentions[key][target]),
            "n_tokens": int(sizes[key]),
        }
        for key in sorted(mentions)
        for target, _t in target_toks
    ]
    return pd.DataFrame(rows, columns=[*by_cols, "target", "n_target", "n_tokens"])


def _collocate_tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    if tokenizer is not None:
        return tokenizer
    return _default_tokenizer(lowercase=True, stopwords=True, lemmatize=False, aliases=True)


def actor_collocates(
    segments: pd.DataFrame,
    targets: Sequence[str] = ("Iran", "US", "Iraq"),
    *,
    window: int = 5,
    by: str | Sequence[str] | None = "outlet",
    measure: Literal["likelihood", "pmi"] = "likelihood",
    min_count: int = 2,
    min_score: float | None = None,
    top_n: int = 15,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    r"""Words found near each actor, per group, ranked by association.

    Each target is tokenized with the same tokenizer as the text and matched as that
    token sequence, exactly (no extra case folding). By default the tokenizer merges
    aliases and removes stopwords, so "US", "U.S." and "United States" all give the
    token ``US`` (kept apart from the pronoun "us", a stopword) and the collocates
    are content words. The *window* of a target occurrence is the ``window`` tokens on
    each side within the same text unit (never across segments). For each group and
    target, token positions in any window form the window sample (a position is
    counted once even if two occurrences' windows overlap); the target's own
    positions are excluded everywhere; all other positions of the group form the
    rest. For each word *w* with *a* occurrences in windows (``count``) and *b* in
    the rest:

    * ``measure="likelihood"``: G² of the 2×2 table window/rest × w/other words
      (Dunning 1993), keeping words more frequent in windows than in the rest;
    * ``measure="pmi"``: pointwise mutual information
      :math:`\log_2 \frac{a/n_{window}}{(a+b)/N}` (Church & Hanks 1990), unstable
      for rare words, hence ``min_count``.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, outlet, role, text``).
    targets : Sequence[str], default ("Iran", "US", "Iraq")
        Actors as the user writes them; multi-token targets match consecutive tokens.
    window : int, default 5
        Tokens on each side.
    by : str or sequence of str, default "outlet"
        Grouping columns (``None``: the whole corpus).
    measure : {"likelihood", "pmi"}
        Association score.
    min_count : int, default 2
        Minimum co-occurrence count of a collocate.
    min_score : float, optional
        Keep collocates with ``score >= min_score``. Default (``None``): 3.84 for
        ``"likelihood"`` (G² ≥ 3.84 is p < 0.05 against :math:`\chi^2_1`,
        uncorrected), no threshold for ``"pmi"`` (rely on ``min_count``). Pass
        ``0`` (likelihood) or ``-inf`` to keep every attracted word.
    top_n : int, default 15
        Collocates kept per group and target.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer with aliases, no stopwords.

    Returns
    -------
    pandas.DataFrame
        ``*by, target, rank, term, count, count_group, n_window, n_tokens, n_target,
        score, measure``: ``count_group`` is the word's count in the group,
        ``n_window`` the window sample size, ``n_tokens`` the group's tokens and
        ``n_target`` the target's occurrences. Sorted by group, target (in the
        order given), rank (score descending, then count descending, then term).

    Raises
    ------
    CorpuslibError
        If ``window < 1``, ``measure`` is unknown or a target gives no token.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics*, 19(1), 61–74.

    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information,
    and lexicography. *Computational Linguistics*, 16(1), 22–29.
    """
    if window < 1:
        raise CorpuslibError(f"window: must be >= 1, got {window!r}")
    if measure not in ("likelihood", "pmi"):
        raise CorpuslibError(f"measure: expected 'likelihood' or 'pmi', got {measure!r}")
    if min_score is None:
        min_score = _G2_CRITICAL_05 if measure == "likelihood" else -math.inf
    try:
        min_score = float(min_score)
    except (TypeError, ValueError):
        raise CorpuslibError(f"min_score: expected a number, got {min_score!r}") from None
    if math.isnan(min_score):
        raise CorpuslibError("min_score: must be a number, got NaN")
    tok = _collocate_tokenizer(tokenizer)
    target_toks = _target_tokens(targets, tok)
    by_cols = _as_by(by)
    _check_columns(segments, ("text",), "actor_collocates")
    df = select_voices(segments, voices=voices, langs=langs)
    _check_columns(df, by_cols, "actor_collocates (by)")

    # Tokens are compared as the tokenizer returns them (no case folding here: the
    # corpus tokenizer keeps the country "US" apart from the pronoun "us").
    tokenized = [tok(_text(text)) for text in df["text"].tolist()]
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(key_list):
        groups.setdefault(key, []).append(i)

    rows: list[dict[str, Any]] = []
    for key in sorted(groups):
        idx = groups[key]
        group_counts: Counter[str] = Counter()
        for i in idx:
            group_counts.update(tokenized[i])
        n_group = sum(group_counts.values())
        for target, ttoks in target_toks:
            k = len(ttoks)
            win: Counter[str] = Counter()
            excluded: Counter[str] = Counter()  # target positions' tokens
            n_occ = 0
            for i in idx:
                tokens = tokenized[i]
                starts = _target_starts(tokens, ttoks)
                if not starts:
                    continue
                n_occ += len(starts)
                target_pos: set[int] = set()
                for s in starts:
                    target_pos.update(range(s, s + k))
                window_pos: set[int] = set()
                for s in starts:
                    window_pos.update(range(max(0, s - window), s))
                    window_pos.update(range(s + k, min(len(tokens), s + k + window)))
                window_pos -= target_pos
                win.update(tokens[p] for p in window_pos)
                excluded.update(tokens[p] for p in target_pos)
            if n_occ == 0:
                continue
            n_window = sum(win.values())
            n_rest = n_group - n_window - sum(excluded.values())
            terms = sorted(t for t, c in win.items() if c >= min_count)
            if not terms:
                continue
            a = np.array([win[t] for t in terms], dtype=float)
            b = np.array([group_counts[t] - win[t] - excluded[t] for t in terms], dtype=float)
            if measure == "likelihood":
                score = _g2(a, b, n_window, n_rest)
                keep = a * n_rest > b * n_window  # attracted to the target
            else:
                with np.errstate(divide="ignore"):
                    score = np.log2((a / n_window) / ((a + b) / (n_window + n_rest)))
                keep = np.ones(len(terms), bool)
            keep &= score >= min_score
            cand = [(float(score[j]), int(a[j]), terms[j]) for j in range(len(terms)) if keep[j]]
            # Round the score in the sort key so float noise cannot break ties.
            cand.sort(key=lambda x: (-round(x[0], 9), -x[1], x[2]))
            for rank, (sc, cnt, term) in enumerate(cand[:top_n], start=1):
                rows.append(
                    {
                        **dict(zip(by_cols, key, strict=True)),
                        "target": target,
                        "rank": rank,
                        "term": term,
                        "count": cnt,
                        "count_group": int(group_counts[term]),
                        "n_window": int(n_window),
                        "n_tokens": int(n_group),
                        "n_target": int(n_occ),
                        "score": sc,
                        "measure": measure,
                    }
                )
    columns = by_cols + [
        "target", "rank", "term", "count", "count_group", "n_window", "n_tokens",
        "n_target", "score", "measure",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------
# Plots (for the notebooks; draw on a given Axes so the caller controls size/saving)
# --------------------------------------------------------------------------------------


def _palette() -> list[str]:
    try:
        from corpuslib.figures import PALETTE

        return list(PALETTE)
    except (ImportError, AttributeError):  # figures not available: Okabe & Ito (2008)
        return ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]


def _place_labels(
    ax: Axes,
    items: Sequence[tuple[str, float, float]],
    *,
    fontsize: float = 5.5,
    obstacles: Sequence[Any] = (),
    pad: float = 1.0,
) -> list[str]:
    """Label points without overlap: a deterministic greedy placement.

    Items are placed in the order given (put the most important first). For each,
    a fixed list of offsets around the point is tried; the first whose text box,
    measured with the figure's renderer, lies inside the axes and overlaps neither
    an earlier label nor an ``obstacles`` artist is kept. A label that fits nowhere
    is left out. Call it after the axes' final size is set (constrained layout is
    run first); the labels are excluded from the layout so they do not move it.

    Returns the texts placed, in order.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout so the boxes are final
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken: list[Bbox] = [a.get_window_extent(renderer).expanded(1.0, 1.0) for a in obstacles]
    # (dx, dy) in points and horizontal alignment, nearest positions first.
    offsets = [
        (3, 0, "left"), (-3, 0, "right"), (3, 5, "left"), (3, -5, "left"),
        (-3, 5, "right"), (-3, -5, "right"), (0, 7, "center"), (0, -7, "center"),
        (3, 10, "left"), (3, -10, "left"),
    ]  # fmt: skip
    placed: list[str] = []
    for text, x, y in items:
        for dx, dy, ha in offsets:
            ann = ax.annotate(
                text, (x, y), xytext=(dx, dy), textcoords="offset points",
                fontsize=fontsize, ha=ha, va="center",
            )  # fmt: skip
            ann.set_in_layout(False)
            box = ann.get_window_extent(renderer)
            inside = (
                box.x0 >= frame.x0 and box.x1 <= frame.x1
                and box.y0 >= frame.y0 and box.y1 <= frame.y1
            )  # fmt: skip
            padded = box.expanded(1.0, 1.0).padded(pad)
            if inside and not any(padded.overlaps(other) for other in taken):
                taken.append(padded)
                placed.append(text)
                break
            ann.remove()
    return placed


def plot_fightin_words(
    df: pd.DataFrame,
    ax: Axes,
    *,
    label_top: int = 10,
    threshold: float = 1.96,
    label_a: str = "group",
    label_b: str = "rest",
) -> Axes:
    """Draw the Fightin' Words plot: z-score against word frequency (log scale).

    As in Monroe, Colaresi & Quinn (2008, fig. 5): every word a point at
    (total count, z); words beyond ±``threshold`` are coloured by the group they
    favour, and the ``label_top`` most extreme words on each side are labelled
    whether or not they pass it (words sharing a point share a label). Labels are
    placed without overlap (most extreme first); a label with no free space is
    left out, so read the table for the full list. Draw at the final figure size:
    the placement measures the text.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`log_odds_dirichlet` (or one group of :func:`compare_groups`).
    ax : matplotlib.axes.Axes
        Where to draw.
    label_top : int, default 10
        Words labelled on each side.
    threshold : float, default 1.96
        |z| beyond which words are coloured; the lines at ±threshold are labelled.
    label_a, label_b : str
        Names of the two groups for the legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    from corpuslib.figures import rasterize_points

    if df.empty:
        raise CorpuslibError(
            "plot_fightin_words: no rows to draw (is the focus group one of the groups?)"
        )
    colors = _palette()
    d = df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
    x = d["count"].astype(float).to_numpy()
    z = d["z"].to_numpy()
    mid = np.abs(z) <= threshold
    up, down = z > threshold, z < -threshold
    ax.scatter(x[mid], z[mid], s=4, color="#BBBBBB", linewidths=0,
               label=f"|z| ≤ {threshold:g}", rasterized=rasterize_points(int(mid.sum())))  # fmt: skip
    if up.any():
        ax.scatter(x[up], z[up], s=6, color=colors[1], linewidths=0, label=f"favours {label_a}",
                   rasterized=rasterize_points(int(up.sum())))  # fmt: skip
    if down.any():
        ax.scatter(x[down], z[down], s=6, color=colors[0], linewidths=0,
                   label=f"favours {label_b}", rasterized=rasterize_points(int(down.sum())))  # fmt: skip
    ax.set_xscale("log")
    lim = max(threshold * 1.15, float(np.nanmax(np.abs(z))) * 1.1 if len(z) else 0.0)
    ax.set_ylim(-lim, lim)
    ax.set_xlim(x.min() / 1.3, x.max() * 1.3)
    ax.axhline(0, color="#888888", linewidth=0.4)
    guides = []
    for sign, va, dy in ((1, "bottom", 1.5), (-1, "top", -1.5)):
        ax.axhline(sign * threshold, color="#666666", linewidth=0.5, linestyle=":")
        guides.append(
            ax.annotate(
                f"z = {sign * threshold:+g}".replace("-", "−"),
                (1.0, sign * threshold),
                xycoords=ax.get_yaxis_transform(),
                xytext=(-1, dy),
                textcoords="offset points",
                ha="right",
                va=va,
                fontsize=5.5,
                color="#444444",
            )  # fmt: skip
        )
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_minor_locator(LogLocator(base=10, subs=np.arange(2, 10) * 1.0))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("total count in both groups (log scale)")
    ax.set_ylabel("z-score of log-odds ratio")
    ax.figure.legend(loc="outside lower center", ncols=3, fontsize=6, handletextpad=0.2,
                     markerscale=1.5)  # fmt: skip
    # Label the most extreme words on each side (coloured or not: on small corpora
    # few words pass the threshold). Words sharing a point share one label.
    top = d[d["z"] > 0].head(label_top)
    bottom = d[d["z"] < 0].tail(label_top)
    labelled = pd.concat([top, bottom])
    points: dict[tuple[float, float], list[str]] = {}
    for term, count, zval in zip(labelled["term"], labelled["count"], labelled["z"], strict=True):
        points.setdefault((float(count), round(float(zval), 6)), []).append(str(term))
    ordered = sorted(points.items(), key=lambda kv: (-abs(kv[0][1]), kv[0][0], kv[1]))
    items = [
        (", ".join(terms[:3]) + (f" +{len(terms) - 3}" if len(terms) > 3 else ""), cx, cz)
        for (cx, cz), terms in ordered
    ]
    _place_labels(ax, items, obstacles=guides)
    return ax


def _keyness_legend_handles(color: str, alpha: float) -> list[Any]:
    from matplotlib.patches import Patch

    return [
        Patch(facecolor=color, edgecolor=color, label=f"significant (BH-adjusted p < {alpha:g})"),
        Patch(facecolor="none", edgecolor=color, label="not significant"),
    ]


def plot_keyness(
    df: pd.DataFrame,
    ax: Axes,
    *,
    top_n: int = 10,
    alpha: float = 0.05,
    title: str | None = None,
    legend: bool = True,
) -> Axes:
    """Draw horizontal bars of G² for the top keywords of group *a*, log ratio annotated.

    Bars are the ``top_n`` terms with the largest ``g2_signed`` (overused in *a*),
    longest at the top, so bar order and bar length agree with the table's rank.
    The number after each bar is Hardie's log ratio (log2 of the ratio of relative
    frequencies: 1 = twice as frequent as in the rest). Bars with
    ``p_adj >= alpha`` are hollow.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`keyness` (or one group of ``compare_groups(...,
        statistic="keyness")``).
    ax : matplotlib.axes.Axes
        Where to draw.
    top_n : int, default 10
        Number of terms.
    alpha : float, default 0.05
        Threshold on ``p_adj`` for a filled bar.
    title : str, optional
        Panel title.
    legend : bool, default True
        Explain filled / hollow bars in a legend on the axes
        (:func:`plot_keyness_grid` draws one for the whole figure instead).

    Returns
    -------
    matplotlib.axes.Axes
    """
    color = _palette()[1]
    d = (
        df[df["g2_signed"] > 0]
        .sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
        .head(top_n)
    )
    y = np.arange(len(d))[::-1]  # first (largest) at the top
    g2 = d["g2"].to_numpy(dtype=float)
    sig = (d["p_adj"] < alpha).to_numpy()
    ax.barh(y[sig], g2[sig], color=color, edgecolor=color, height=0.7)
    ax.barh(y[~sig], g2[~sig], facecolor="none", edgecolor=color, height=0.7)
    for yi, value, lr in zip(y, g2, d["log_ratio"].to_numpy(dtype=float), strict=True):
        ax.annotate(f"{lr:.1f}", (value, yi), xytext=(2, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=5, color="#444444")  # fmt: skip
    ax.set_yticks(y, labels=d["term"].tolist(), fontsize=6)
    ax.set_ylim(-0.6, max(top_n, 1) - 0.4)
    right = float(g2.max()) if len(g2) else 1.0
    ax.set_xlim(0, right * 1.25)
    ax.tick_params(axis="x", labelsize=6)
    ax.set_xlabel("G² vs rest (number: log ratio, log2)", fontsize=6)
    if not len(d):
        ax.text(0.5, 0.5, "no keyword", ha="center", va="center", fontsize=6,
                transform=ax.transAxes)  # fmt: skip
    if title:
        ax.set_title(title, fontsize=7)
    if legend:
        ax.legend(handles=_keyness_legend_handles(color, alpha), loc="lower right", fontsize=5.5)
    return ax


def plot_frame_heatmap(
    scores: pd.DataFrame,
    ax: Axes,
    *,
    by: str = "outlet",
    annotate: bool = True,
    small_sample_rule: str = "< 10 text units or < 1,000 tokens",
    note: bool = True,
) -> Axes:
    """Draw a heatmap of frame rates (groups × frames) with intervals annotated.

    Cells show the rate per 1,000 tokens and, below it, the interval of
    :func:`frame_scores` (95 % bootstrap by default); a cell with no hit shows
    "0 hits" and the upper bound of its rule-of-three interval ("≤ u"), never a
    [0, 0] interval. Row labels give the group, its token count and "†" when the
    group is flagged ``small_sample``; a note above the plot explains both.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores` grouped by one column.
    ax : matplotlib.axes.Axes
        Where to draw.
    by : str, default "outlet"
        The group column (rows).
    annotate : bool, default True
        Write the numbers in the cells.
    small_sample_rule : str
        How the † flag was set, for the note (match ``min_units``/``min_tokens``
        of :func:`frame_scores`).
    note : bool, default True
        Write the explanatory note as the axes title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    s = scores.assign(**{by: scores[by].astype(str)})
    frames = list(dict.fromkeys(s["frame"]))
    labels = list(dict.fromkeys(s["label"]))
    groups = sorted(s[by].unique())

    def grid(column: str) -> np.ndarray:
        table = s.pivot(index=by, columns="frame", values=column)
        return table.reindex(index=groups, columns=frames).to_numpy(dtype=float)

    values = grid("rate")
    im = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    small = s.groupby(by)["small_sample"].any()
    n_tok = s.groupby(by)["n_tokens"].first()
    ax.set_yticks(
        range(len(groups)),
        labels=[
            f"{g}{' †' if small.get(g, False) else ''}\nn = {int(n_tok[g]):,} tokens"
            for g in groups
        ],
        fontsize=6,
    )
    ax.set_xticks(range(len(frames)), labels=labels, rotation=35, ha="right", fontsize=6)
    ax.tick_params(length=0)
    zero_cells = False
    if annotate:
        lo, hi, hits = grid("ci_low"), grid("ci_high"), grid("hits")
        vmax = np.nanmax(values) if np.isfinite(values).any() else 1.0
        for i in range(len(groups)):
            for j in range(len(frames)):
                v = values[i, j]
                if not np.isfinite(v):
                    continue
                if hits[i, j] == 0:
                    zero_cells = True
                    text = "0 hits"
                    if np.isfinite(hi[i, j]):
                        text += f"\n≤ {hi[i, j]:.1f}"
                else:
                    text = f"{v:.1f}"
                    if np.isfinite(lo[i, j]):
                        text += f"\n[{lo[i, j]:.1f}, {hi[i, j]:.1f}]"
                ax.text(
                    j, i, text, ha="center", va="center", fontsize=5,
                    color="white" if vmax and v > 0.6 * vmax else "black",
                )  # fmt: skip
    ax.figure.colorbar(im, ax=ax, label="hits per 1,000 tokens", shrink=0.8)
    if note:
        methods = set(s["ci_method"]) if "ci_method" in s.columns else {"bootstrap"}
        parts = ["Cells: hits per 1,000 tokens"]
        parts[0] += " [95 % bootstrap interval over text units]." if "bootstrap" in methods else "."
        if zero_cells:
            parts.append("0 hits: 95 % upper bound by the rule of three (≈ 3/n tokens).")
        if small.any():
            parts.append(f"† small sample ({small_sample_rule}).")
        ax.set_title("\n".join(parts), fontsize=6, loc="left")
    return ax


def pick_focus(table: pd.DataFrame, *, by: str, focus: str = "") -> str:
    """The group a single-group figure shows: *focus*, or the first group when empty.

    Raises
    ------
    CorpuslibError
        If *focus* is not a group of *table*; the message lists the groups.

    Examples
    --------
    >>> pick_focus(pd.DataFrame({"outlet": ["B", "A"]}), by="outlet")
    'A'
    """
    groups = sorted(table[by].astype(str).unique())
    if not groups:
        raise CorpuslibError(f"pick_focus: no {by} groups to choose from")
    if not focus:
        return groups[0]
    if focus not in groups:
        raise CorpuslibError(f"focus group {focus!r} is not a {by} here; choose one of {groups}")
    return focus


def slugify(text: str) -> str:
    """Return a file-name stem for ``text``: lower case ASCII letters, digits and ``-``.

    Used to name outputs by content (``fightin-words-antiwar-com``).

    Examples
    --------
    >>> slugify("Antiwar.com")
    'antiwar-com'
    >>> slugify("Just World News (Helena Cobban)")
    'just-world-news-helena-cobban'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return stem or "group"


def _grid(n_panels: int, *, columns: int, panel_height: float) -> tuple[Figure, list[Axes]]:
    import matplotlib.pyplot as plt

    try:
        from corpuslib.figures import figure_size

        width = figure_size(2)[0]
    except ImportError:  # pragma: no cover - figures is part of the package
        width = 7.2
    n = max(n_panels, 1)
    rows = math.ceil(n / columns)
    fig, axes = plt.subplots(
        rows, columns, figsize=(width, panel_height * rows + 0.3), squeeze=False
    )
    return fig, list(axes.ravel())


def plot_keyness_grid(
    df: pd.DataFrame,
    *,
    by: str = "outlet",
    top_n: int = 8,
    columns: int = 3,
    alpha: float = 0.05,
) -> Figure:
    """Draw one :func:`plot_keyness` panel per group (keywords of the group vs the rest).

    Panel titles give the group and its size in tokens after stopword removal
    (``n_a`` of the comparison); one legend explains filled and hollow bars (in a
    spare panel when there is one, else below the panels).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of ``compare_groups(..., statistic="keyness")``.
    by : str, default "outlet"
        The group column.
    top_n : int, default 8
        Terms per panel.
    columns : int, default 3
        Panels per row.
    alpha : float, default 0.05
        ``p_adj`` threshold for filled bars (hollow bars: not significant).

    Returns
    -------
    matplotlib.figure.Figure
        Full text width, one row of panels per ``columns`` groups.
    """
    groups = sorted(df[by].astype(str).unique())
    fig, axes = _grid(len(groups), columns=columns, panel_height=1.7)
    for ax, group in zip(axes, groups, strict=False):
        part = df[df[by].astype(str) == group]
        n_a = int(part["n_a"].iloc[0]) if len(part) else 0
        plot_keyness(part, ax, top_n=top_n, alpha=alpha, legend=False,
                     title=f"{group}\nn = {n_a:,} tokens (stopwords removed)")  # fmt: skip
    for ax in axes[len(groups) :]:
        ax.set_axis_off()
    handles = _keyness_legend_handles(_palette()[1], alpha)
    if len(axes) > len(groups):
        axes[len(groups)].legend(handles=handles, loc="center", fontsize=6,
                                 title="bars: G²; number: log ratio", title_fontsize=6)  # fmt: skip
    else:
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=6)
    return fig


def plot_collocate_grid(
    df: pd.DataFrame,
    *,
    by: str = "outlet",
    targets: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    top_n: int = 6,
    mentions: pd.DataFrame | None = None,
    min_score: float | None = None,
    min_count: int | None = None,
) -> Figure:
    """Draw collocates as bars: one row of panels per target, one column per group.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`actor_collocates`.
    by : str, default "outlet"
        The group column.
    targets : sequence of str, optional
        Targets (rows) in order; default those in ``df``.
    groups : sequence of str, optional
        Groups (columns) in order; default those in ``df``. Pass every group analysed
        so that a group without any collocate above the threshold still gets a panel.
    top_n : int, default 6
        Collocates per panel.
    mentions : pandas.DataFrame, optional
        Output of :func:`count_mentions` (same ``by``): gives every panel its number
        of mentions, also when no collocate passed the thresholds.
    min_score, min_count : optional
        The thresholds passed to :func:`actor_collocates`, stated in a note below the
        panels when given.

    Returns
    -------
    matplotlib.figure.Figure
        Panel titles give the group and the number of mentions of the target (n);
        empty panels say that no collocate passed the threshold.
    """
    targets = list(targets) if targets is not None else list(dict.fromkeys(df["target"]))
    if groups is None:
        groups = sorted(df[by].astype(str).unique()) if len(df) else []
    groups = [str(g) for g in groups]
    columns = max(len(groups), 1)
    fig, axes = _grid(columns * max(len(targets), 1), columns=columns, panel_height=1.2)
    for r, target in enumerate(targets):
        row_axes = axes[r * columns : (r + 1) * columns]
        plot_collocates(
            df, row_axes, by=by, target=target, top_n=top_n, groups=groups, mentions=mentions
        )
        if row_axes:
            row_axes[0].set_ylabel(target, fontsize=7)
    measure = str(df["measure"].iloc[0]) if len(df) else None
    rules = []
    if min_score is not None and math.isfinite(min_score):
        name = "PMI" if measure == "pmi" else "G²"
        extra = (
            " (p < 0.05, 1 df)" if name == "G²" and abs(min_score - _G2_CRITICAL_05) < 0.01 else ""
        )
        rules.append(f"{name} ≥ {min_score:g}{extra}")
    if min_count is not None:
        rules.append(f"count near the actor ≥ {min_count}")
    if rules:
        fig.supxlabel("Collocates shown when " + " and ".join(rules) + ".", fontsize=6)
    return fig


def plot_collocates(
    df: pd.DataFrame,
    axes: Sequence[Axes] | np.ndarray,
    *,
    by: str = "outlet",
    target: str,
    top_n: int = 6,
    groups: Sequence[str] | None = None,
    mentions: pd.DataFrame | None = None,
) -> None:
    """Draw, for one target, a panel per group with its top collocates as bars.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`actor_collocates`.
    axes : sequence of Axes
        One per group (in ``groups`` order); spare axes are switched off.
    by : str, default "outlet"
        The group column.
    target : str
        Which target to draw.
    top_n : int, default 6
        Collocates per panel.
    groups : sequence of str, optional
        Groups in order; default the sorted groups of ``df``.
    mentions : pandas.DataFrame, optional
        Output of :func:`count_mentions`, for the number of mentions in each title.
    """
    color = _palette()[2]
    axes = list(np.ravel(axes))
    d = df[df["target"] == target]
    if groups is None:
        groups = sorted(df[by].astype(str).unique()) if len(df) else []
    n_mentions: dict[str, int] = {}
    if mentions is not None:
        m = mentions[mentions["target"] == target]
        n_mentions = dict(zip(m[by].astype(str), m["n_target"].astype(int), strict=True))
    for ax, group in zip(axes, groups, strict=False):
        g = d[d[by].astype(str) == str(group)].sort_values("rank").head(top_n)
        # Bars from the top, fixed slot height, so panels with few bars stay comparable.
        y = top_n - 1 - np.arange(len(g))
        ax.barh(y, g["score"].to_numpy(), color=color, height=0.7)
        ax.set_ylim(-0.6, top_n - 0.4)
        ax.set_yticks(y, labels=g["term"].tolist(), fontsize=5.5)
        n = int(g["n_target"].iloc[0]) if len(g) else n_mentions.get(str(group))
        n_text = "" if n is None else f"n = {n} mention{'s' if n != 1 else ''}"
        ax.set_title(f"{group}\n{n_text}" if n_text else str(group), fontsize=5.5)
        ax.tick_params(axis="x", labelsize=5.5)
        if len(g):
            pmi = g["measure"].iloc[0] == "pmi"
            ax.set_xlabel("PMI (bits)" if pmi else "G² (near actor vs elsewhere)", fontsize=5.5)
        else:
            ax.set_xticks([])
            empty = "not mentioned" if n == 0 else "no collocate\nabove threshold"
            ax.text(0.5, 0.5, empty, ha="center", va="center",
                    fontsize=5.5, transform=ax.transAxes)  # fmt: skip
    for ax in axes[len(groups) :]:
        ax.set_axis_off()
