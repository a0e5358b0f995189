"""Keywords: which terms distinguish two groups of texts.

:func:`log_odds_dirichlet` (Fightin' Words, Monroe, Colaresi & Quinn 2008), :func:`keyness`
(Dunning's G² with Hardie's log ratio) and the one-group-against-the-rest wrapper
:func:`compare_groups`. Pure functions on mappings of term counts or tidy count tables.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from corpuslib.analysis.cache import input_key
from corpuslib.analysis.counts import term_counts
from corpuslib.analysis.stats import adjust_pvalues, binomial_up_to, g2
from corpuslib.errors import CorpuslibError
from corpuslib.escape import escape_markdown
from corpuslib.files import sha256_json

__all__ = [
    "compare_groups",
    "describe_disagreement",
    "describe_document_test",
    "keyness",
    "keyword_documents",
    "log_odds_dirichlet",
    "pick_focus",
]


# Columns of a tidy counts table that are never the grouping column.
_COUNT_COLUMNS = frozenset({"term", "count", "n_tokens", "rate_per_1000"})


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
    g2_values = g2(ya, yb, n_a, n_b, form=form)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = 1000.0 * ya / n_a if n_a else np.full(len(vocab), np.nan)
        rate_b = 1000.0 * yb / n_b if n_b else np.full(len(vocab), np.nan)
        log_ratio = np.log2((np.where(ya > 0, ya, 0.5) / n_a) / (np.where(yb > 0, yb, 0.5) / n_b))
    # Direction from the raw relative frequencies (a*n_b vs b*n_a avoids division).
    cross = ya * n_b - yb * n_a
    direction = np.where(cross > 0, "a", np.where(cross < 0, "b", "="))
    sign = np.sign(cross)
    p = chi2.sf(g2_values, df=1)
    p_adj = adjust_pvalues(p, method="bh") if correction == "fdr_bh" else p.copy()
    df = pd.DataFrame(
        {
            "term": pd.Series(vocab, dtype=object),
            "count_a": _int_if_whole(ya),
            "count_b": _int_if_whole(yb),
            "n_a": _int_if_whole(np.full(len(vocab), n_a)),
            "n_b": _int_if_whole(np.full(len(vocab), n_b)),
            "rate_a": rate_a,
            "rate_b": rate_b,
            "g2": g2_values,
            "g2_signed": sign * g2_values,
            "direction": pd.Series(direction, dtype=object),
            "log_ratio": log_ratio,
            "p": p,
            "p_adj": p_adj,
        }
    )
    return df.sort_values(
        ["g2_signed", "term"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


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
        :func:`corpuslib.analysis.counts.term_counts` output; extra columns ``n_tokens`` and
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


def keyword_documents(
    table: pd.DataFrame,
    units: pd.DataFrame,
    *,
    by: str,
    n_perm: int = 999,
    seed: int = 0,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Add how many documents carry each keyword, and a test that treats documents as the unit.

    A term can top a keyness or log-odds table because one page repeats it ("ally" 3
    times against 0, all on one page). For each row of *table* this adds ``n_docs``
    (documents of the group that contain the term), ``docs_in_group``, ``single_doc``
    (True when one document holds all the group's uses) and ``p_docs``: a two-sided
    permutation test of the group-minus-rest difference in relative frequency that
    shuffles whole documents between the group and the rest (exact enumeration when
    the assignments are fewer than *n_perm*). With k documents in the group and m in
    the rest the smallest possible ``p_docs`` is 1 / C(k + m, k) (2 / C when k = m), so a
    group of one page among five can never reach p < 0.2: ``p_docs_min`` says so
    instead of hiding it.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`compare_groups` (columns *by* and ``term``).
    units : pandas.DataFrame
        The units counted (with ``doc_id`` and the *by* column).
    by : str
        The group column.
    n_perm : int
        Random permutations when exact enumeration is too large.
    seed : int
        Seed of the permutations.
    **tokenize_options
        The options the counts of *table* were made with.

    Returns
    -------
    pandas.DataFrame
        *table* plus ``n_docs, docs_in_group, single_doc, p_docs`` and ``p_docs_min``
        (the smallest ``p_docs`` the row's group can reach).
    """
    per_doc = _document_counts(units, by, tokenize_options)
    docs = units.groupby("doc_id")[by].first().astype(str)
    tokens = per_doc.tokens.reindex(docs.index).fillna(0)
    # only the table's terms, as a sparse documents x terms matrix: a dense one (let alone
    # documents x vocabulary) does not fit at 100,000 pages
    terms = pd.Index(pd.unique(table["term"].to_numpy()))
    wanted = np.isin(per_doc.term_codes, per_doc.vocabulary.get_indexer(terms))
    counts = sparse.csc_matrix(
        (per_doc.counts[wanted],
         (docs.index.get_indexer(per_doc.doc_ids[per_doc.doc_codes[wanted]]),
          terms.get_indexer(per_doc.vocabulary[per_doc.term_codes[wanted]]))),
        shape=(len(docs), len(terms)),
    )  # duplicate (document, term) pairs are summed
    out = table.copy()
    out["docs_in_group"] = out[by].astype(str).map(docs.value_counts()).fillna(0).astype("int64")
    n_docs = np.zeros(len(out), dtype="int64")
    p_docs = np.full(len(out), math.nan)
    rng = np.random.default_rng(seed)
    groups = out[by].astype(str).to_numpy()
    columns = terms.get_indexer(out["term"])
    n_tokens = tokens.to_numpy(float)
    for group in dict.fromkeys(groups):  # groups in table order: the random draws follow it
        rows = np.flatnonzero(groups == group)
        in_group = (docs == group).to_numpy()
        matrix = counts[:, columns[rows]]
        n_docs[rows] = (matrix > 0).T @ in_group.astype("int64")
        p_docs[rows] = _doc_permutation_p(matrix, n_tokens, in_group, n_perm, rng)
    out["n_docs"] = n_docs
    out["single_doc"] = out["n_docs"] == 1
    out["p_docs"] = p_docs
    out["p_docs_min"] = [
        _smallest_p(len(docs), int(k), n_perm) for k in out["docs_in_group"].to_numpy()
    ]
    return out


class _DocumentCounts(NamedTuple):
    """``term_counts(units, by=[by, "doc_id"])`` as arrays: row *i* of that table is
    ``doc_ids[doc_codes[i]]``, ``vocabulary[term_codes[i]]``, ``counts[i]``; ``tokens`` is
    its ``n_tokens`` of each document's first row. A table of (group, document, term)
    rows held as a pandas frame took 390 MB at 10,000 pages; these arrays about a fifth."""

    tokens: pd.Series
    doc_ids: pd.Index
    doc_codes: np.ndarray
    vocabulary: pd.Index
    term_codes: np.ndarray
    counts: np.ndarray


#: The last document-level counts of :func:`_document_counts` and their key: notebook
#: 02 tests a log-odds and a keyness table of the same units one after the other.
_LAST_DOCUMENT_COUNTS: dict[str, _DocumentCounts] = {}


def _document_counts(units: pd.DataFrame, by: str, options: Mapping[str, Any]) -> _DocumentCounts:
    """``term_counts(units, by=[by, "doc_id"])`` as arrays, remembered for the same units
    and options.

    Keyed by the units' content hash (:func:`corpuslib.analysis.cache.input_key`); only
    the last counts are kept. The caller must not modify them.
    """
    key = sha256_json({"units": input_key(units), "by": by, "options": input_key(dict(options))})
    if key not in _LAST_DOCUMENT_COUNTS:
        _LAST_DOCUMENT_COUNTS.clear()
        _LAST_DOCUMENT_COUNTS[key] = _count_documents(units, by, options)
    return _LAST_DOCUMENT_COUNTS[key]


#: Documents counted by one :func:`term_counts` call in :func:`_document_counts`: the table
#: of (group, document, term) rows is made slice by slice, never for the whole corpus.
DOCUMENT_SLICE = 2000


def _document_slices(units: pd.DataFrame, by: str) -> list[np.ndarray]:
    """Row positions of *units* per slice of :data:`DOCUMENT_SLICE` (group, document)
    pairs, the pairs in the order ``term_counts(by=[by, "doc_id"])`` sorts its rows."""
    pairs = units[[by, "doc_id"]].reset_index(drop=True)
    first = pairs.drop_duplicates().sort_values([by, "doc_id"], kind="mergesort")
    if len(first) <= DOCUMENT_SLICE:
        return [np.arange(len(units))]
    order = pd.Series(np.arange(len(first)) // DOCUMENT_SLICE,
                      index=pd.MultiIndex.from_frame(first))  # fmt: skip
    which = order.reindex(pd.MultiIndex.from_frame(pairs)).to_numpy()
    return [np.flatnonzero(which == i) for i in range(int(order.max()) + 1)]


def _joined(parts: list[pd.Index]) -> pd.Index:
    """The indexes one after the other, in the dtype of the first (``append`` would infer one)."""
    return pd.Index(np.concatenate([p.to_numpy(dtype=object) for p in parts]), dtype=parts[0].dtype,
                    name=parts[0].name)  # fmt: skip


def _count_documents(units: pd.DataFrame, by: str, options: Mapping[str, Any]) -> _DocumentCounts:
    """``term_counts(units, by=[by, "doc_id"])`` as arrays, counted slice by slice of
    documents (:func:`_document_slices`): the same rows in the same order, with the codes
    of documents and terms in order of first appearance as :func:`pandas.factorize` of
    the whole table gives them."""
    slices = _document_slices(units, by)
    if len(slices) == 1:
        table = term_counts(units, by=[by, "doc_id"], langs=None, **options)
        doc_codes, doc_ids = pd.factorize(table["doc_id"])
        term_codes, vocabulary = pd.factorize(table["term"])
        return _DocumentCounts(
            tokens=table.groupby("doc_id")["n_tokens"].first(),
            doc_ids=pd.Index(doc_ids), doc_codes=doc_codes,
            vocabulary=pd.Index(vocabulary), term_codes=term_codes,
            counts=table["count"].to_numpy(float),
        )  # fmt: skip
    docs: dict[Any, int] = {}
    terms: dict[Any, int] = {}
    new_docs: list[pd.Index] = []
    new_terms: list[pd.Index] = []
    doc_parts, term_parts, count_parts, token_parts = [], [], [], []
    for rows in slices:
        table = term_counts(units.iloc[rows], by=[by, "doc_id"], langs=None, **options)
        if table.empty:
            continue
        for column, seen, fresh, parts in (("doc_id", docs, new_docs, doc_parts),
                                           ("term", terms, new_terms, term_parts)):  # fmt: skip
            local, uniques = pd.factorize(table[column])
            uniques = pd.Index(uniques)
            before = len(seen)  # codes go on from here, in order of first appearance
            codes = np.fromiter((seen.setdefault(u, len(seen)) for u in uniques.tolist()),
                                dtype=np.intp, count=len(uniques))  # fmt: skip
            fresh.append(uniques[codes >= before])
            parts.append(codes[local])
        count_parts.append(table["count"].to_numpy(float))
        token_parts.append(table[["doc_id", "n_tokens"]].drop_duplicates("doc_id"))
        del table
    if not count_parts:  # nothing counted: the empty table's arrays
        return _count_documents(units.iloc[:0], by, options)
    tokens = pd.concat(token_parts, ignore_index=True)
    return _DocumentCounts(
        tokens=tokens.groupby("doc_id")["n_tokens"].first(),
        doc_ids=_joined(new_docs), doc_codes=np.concatenate(doc_parts),
        vocabulary=_joined(new_terms), term_codes=np.concatenate(term_parts),
        counts=np.concatenate(count_parts),
    )  # fmt: skip


def _smallest_p(n: int, k: int, n_perm: int) -> float:
    """The smallest ``p_docs`` that *k* documents of *n* can reach: one over the number of
    assignments when they are enumerated (two when the group is half the documents: the
    swapped assignment is as extreme under the two-sided test), 1 / (n_perm + 1) when
    they are drawn."""
    if not 0 < k < n:
        return math.nan
    total = binomial_up_to(n, k, n_perm)
    if total is None:
        return 1 / (n_perm + 1)
    return (2 if 2 * k == n else 1) / total


def describe_document_test(table: pd.DataFrame, *, top_n: int = 10) -> str:
    """One sentence on the document-level evidence of the top keywords of each group.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`keyword_documents` (columns ``rank, single_doc, docs_in_group,
        p_docs, p_docs_min``).
    top_n : int
        Keywords per group considered.

    Returns
    -------
    str
        How many top keywords sit on one page of their group, and the smallest ``p_docs``
        the smallest group could reach next to the smallest observed.

    Examples
    --------
    >>> t = pd.DataFrame({"rank": [1, 2], "single_doc": [True, False], "docs_in_group": [1, 1],
    ...     "p_docs": [0.4, 0.2], "p_docs_min": [0.2, 0.2]})
    >>> print(describe_document_test(t))
    1 of the 2 top keywords occur on one page of their group only; with 1 page(s) in the smallest group the smallest possible p_docs is 0.20 (smallest observed: 0.20).
    """
    top = table[table["rank"] <= top_n]
    if top.empty:
        return "No keywords to test at the document level."
    smallest = top.loc[top["docs_in_group"].idxmin()]
    return (
        f"{int(top['single_doc'].sum())} of the {len(top)} top keywords occur on one page of"
        f" their group only; with {int(smallest['docs_in_group'])} page(s) in the smallest"
        f" group the smallest possible p_docs is {float(smallest['p_docs_min']):.2f}"
        f" (smallest observed: {float(top['p_docs'].min()):.2f})."
    )


#: Most document indicators held at once (assignments x documents) by keyword_documents.
_BLOCK = 2**22


def _assignment_blocks(
    n: int, k: int, n_perm: int, rng: np.random.Generator
) -> tuple[bool, list[np.ndarray]]:
    """Document-to-group assignments with *k* of *n* in the group, in blocks of rows: all
    of them (exact, when there are at most *n_perm*), or *n_perm* random ones."""
    if 0 < k < n and binomial_up_to(n, k, n_perm) is not None:
        rows = [np.isin(np.arange(n), c) for c in itertools.combinations(range(n), k)]
        return True, [np.array(rows, dtype=bool)]
    per_block = max(1, _BLOCK // max(1, n))
    blocks = []
    for start in range(0, n_perm, per_block):
        size = min(per_block, n_perm - start)
        blocks.append(np.array([rng.permutation(n) < k for _ in range(size)], dtype=bool))
    return False, blocks


def _doc_permutation_p(
    counts: sparse.csc_matrix, tokens: np.ndarray, in_group: np.ndarray, n_perm: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Two-sided permutation p-value of each column of *counts* (sparse documents x terms): the
    group-minus-rest difference of relative frequency, documents reassigned as wholes.
    Exact (no +1) only when every assignment was enumerated; otherwise the +1 correction
    of Phipson & Smyth (2010)."""
    exact, blocks = _assignment_blocks(len(in_group), int(in_group.sum()), n_perm, rng)
    if in_group.all() or not in_group.any():
        return np.full(counts.shape[1], math.nan)
    counts_t = counts.T.tocsr()  # terms x documents: sparse @ dense assignments

    # The rest's counts and tokens are the totals minus the group's: one sparse product
    # per assignment instead of two. Counts and tokens are whole numbers, so every sum is
    # exact in float64 and the rates are the same bits as counting the rest directly.
    term_totals = np.asarray(counts_t.sum(axis=1), dtype=float).ravel()
    token_total = float(tokens.sum())

    def difference(indicators: np.ndarray) -> np.ndarray:
        """Group-minus-rest relative frequency of every term, one row per 0/1 assignment."""
        inside = np.asarray(counts_t @ indicators.T).T
        inside_tokens = (indicators @ tokens)[:, None]
        return inside / inside_tokens - (term_totals - inside) / (token_total - inside_tokens)

    with np.errstate(divide="ignore", invalid="ignore"):
        m = in_group[None, :].astype(float)
        observed = np.abs(difference(m)[0])
        hits = np.zeros(counts.shape[1])
        n = 0
        for masks in blocks:
            diffs = np.abs(difference(masks.astype(float)))
            hits += np.sum(diffs >= observed - 1e-12, axis=0)
            n += len(masks)
    if exact:
        return hits / n
    return (1 + hits) / (1 + n)


def describe_disagreement(
    keyness_table: pd.DataFrame, log_odds_table: pd.DataFrame, *, by: str, top_n: int = 10
) -> str:
    """Explain where Dunning's G² and Fightin' Words disagree on the top terms.

    G² tests each term's counts as if every token were an independent draw;
    log-odds with an informative prior (Monroe et al. 2008) shrinks rare terms toward
    the corpus rate. A term significant by G² (``p_adj`` < 0.05) but with |z| < 1.96 is
    usually rare (the prior pulls it in) or carried by one page (``single_doc``); the
    sentence names them so the two tables are read together, not side by side.

    Examples
    --------
    >>> k = pd.DataFrame({"g": ["A", "A"], "term": ["ally", "oil"], "p_adj": [0.01, 0.01],
    ...     "rank": [1, 2], "count_a": [3, 40], "single_doc": [True, False]})
    >>> f = pd.DataFrame({"g": ["A", "A"], "term": ["ally", "oil"], "z": [1.79, 4.1]})
    >>> print(describe_disagreement(k, f, by="g"))
    A: *ally* (3 uses, all on one page) is significant by G² but not by log-odds (z = 1.79): G² counts every use as an independent draw, the prior shrinks a term this rare. The other top terms agree.
    """
    z = log_odds_table.set_index([by, "term"])["z"]
    parts = []
    for group, part in keyness_table[keyness_table["rank"] <= top_n].groupby(by, sort=True):
        notes = []
        for r in part.itertuples():
            zz = z.get((group, r.term), math.nan)
            if r.p_adj < 0.05 and not abs(zz) >= 1.96:
                where = ", all on one page" if getattr(r, "single_doc", False) else ""
                notes.append(f"*{escape_markdown(r.term)}* ({int(r.count_a)} uses{where}) is significant by G² but "
                             f"not by log-odds (z = {zz:.2f}): G² counts every use as an "
                             "independent draw, the prior shrinks a term this rare")
            elif not r.p_adj < 0.05 and abs(zz) >= 1.96:
                notes.append(f"*{escape_markdown(r.term)}* has |z| = {abs(zz):.2f} by log-odds but G² p_adj = "
                             f"{r.p_adj:.2f} after the FDR adjustment over every term")
        if notes:
            parts.append(f"{escape_markdown(group)}: " + "; ".join(notes) + ". The other top terms agree.")
    return " ".join(parts) or "G² and log-odds agree on every top term (both significant or both not)."
