"""Data for the interactive term explorer: two groups' term frequencies and each term's contexts.

After scattertext (Kessler 2017): every term is a point placed by its frequency in
group *a* (x) and in group *b* (y), as dense-rank percentiles so that the many rare
terms do not pile up in a corner; its colour is the Fightin' Words z-score
(:func:`~corpuslib.analysis.keywords.log_odds_dirichlet`). The page itself is drawn
by :mod:`corpuslib.plots.explorer`; this module only computes tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from corpuslib.analysis.collocations import _scan, _scan_terms, _token_matcher, _unit_matches
from corpuslib.analysis.counts import term_counts
from corpuslib.analysis.keywords import log_odds_dirichlet
from corpuslib.analysis.tokens import tokenizers_by_language
from corpuslib.corpus.units import select_units
from corpuslib.errors import CorpuslibError

__all__ = ["explorer_contexts", "explorer_terms"]


def explorer_terms(
    units: pd.DataFrame,
    *,
    by: str,
    a: str,
    b: str,
    min_count: int = 2,
    prior_scale: float = 0.1,
    counts: pd.DataFrame | None = None,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Terms of two groups of units with their counts, rates, positions and z-scores.

    Parameters
    ----------
    units : pandas.DataFrame
        Selected units (:func:`~corpuslib.corpus.units.select_units`) with column *by*.
    by : str
        The column holding the groups (``outlet``, ``voice``, ``period`` …).
    a, b : str
        The two groups compared.
    min_count : int
        Keep terms seen at least this often in both groups together.
    prior_scale : float
        Informative Dirichlet prior: ``prior_scale`` × the term's count in *a* + *b*.
    counts : pandas.DataFrame, optional
        A :func:`~corpuslib.analysis.counts.term_counts` table of these *units* by *by*
        with these tokenizer options, when the caller has one already (notebook 01's
        counts by voice): its rows of *a* and *b* are used instead of counting again.
    **tokenize_options
        As for :func:`~corpuslib.analysis.counts.term_counts`.

    Returns
    -------
    pandas.DataFrame
        ``term, count_a, count_b, rate_a, rate_b`` (per 1,000 counted tokens),
        ``pos_a, pos_b`` (dense-rank percentile of the count in [0, 1]), ``z``;
        sorted by ``z`` descending (positive: more in *a*). ``attrs`` holds
        ``n_a``, ``n_b`` (counted tokens) and ``docs_a``, ``docs_b``.

    Raises
    ------
    CorpuslibError
        If *by* is missing or *a*/*b* is not one of its values.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["d1", "d2"], "lang": ["en", "en"], "seq": [0, 0],
    ...     "role": ["body", "comment"], "voice": ["author", "commenter"],
    ...     "text": ["Iran Iran Iraq", "Iraq Iraq Iran"]})
    >>> explorer_terms(units, by="voice", a="author", b="commenter", min_count=1)[["term", "count_a", "count_b"]].to_dict("records")
    [{'term': 'iran', 'count_a': 2, 'count_b': 1}, {'term': 'iraq', 'count_a': 1, 'count_b': 2}]
    """
    if by not in units.columns:
        raise CorpuslibError(f"explorer: by={by!r}: no such column in the units")
    groups = set(units[by].astype(str))
    missing = [g for g in (a, b) if g not in groups]
    if missing:
        raise CorpuslibError(f"explorer: {by} {missing} not in the units; known: {sorted(groups)}")
    chosen = units[units[by].astype(str).isin([a, b])].copy()
    chosen[by] = chosen[by].astype(str)
    if counts is None:
        counts = term_counts(chosen, by=by, langs=None, **tokenize_options)
    else:
        counts = counts[counts[by].astype(str).isin([a, b])].astype({by: str})
    wide = counts.pivot_table(index="term", columns=by, values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[a, b], fill_value=0)
    totals = counts.groupby(by)["n_tokens"].first().reindex([a, b]).fillna(0).astype(int)
    wide = wide[(wide[a] + wide[b]) >= min_count]
    table = pd.DataFrame({"term": wide.index.astype(str), "count_a": wide[a].to_numpy(dtype=np.int64),
                          "count_b": wide[b].to_numpy(dtype=np.int64)})  # fmt: skip
    n_a, n_b = int(totals[a]), int(totals[b])
    table["rate_a"] = (1000 * table["count_a"] / max(n_a, 1)).round(3)
    table["rate_b"] = (1000 * table["count_b"] / max(n_b, 1)).round(3)
    for col, pos in (("count_a", "pos_a"), ("count_b", "pos_b")):
        ranks = table[col].rank(method="dense")
        table[pos] = ((ranks - 1) / max(ranks.max() - 1, 1)).round(4) if len(table) else ranks
    if len(table):
        prior = dict(zip(table["term"], prior_scale * (table["count_a"] + table["count_b"])))
        z = log_odds_dirichlet(dict(zip(table["term"], table["count_a"])),
                               dict(zip(table["term"], table["count_b"])), prior)  # fmt: skip
        table["z"] = table["term"].map(z.set_index("term")["z"]).round(3)
    else:
        table["z"] = pd.Series(dtype=float)
    table = table.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
    table = table.reset_index(drop=True)
    table.attrs.update(n_a=n_a, n_b=n_b,
                       docs_a=int(chosen.loc[chosen[by] == a, "doc_id"].nunique()),
                       docs_b=int(chosen.loc[chosen[by] == b, "doc_id"].nunique()))  # fmt: skip
    return table


def explorer_contexts(
    units: pd.DataFrame,
    terms: Iterable[str],
    *,
    by: str,
    a: str,
    b: str,
    window: int = 8,
    per_group: int = 6,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Contexts (key word in context) of *terms* in groups *a* and *b*.

    At most *per_group* lines per term and group, evenly spread over the matches
    (first and last kept), in document order.

    Returns
    -------
    pandas.DataFrame
        ``term, group, doc_id, voice, left, match, right``.
    """
    terms = sorted(set(terms))
    chosen = units[units[by].astype(str).isin([a, b])]
    options = {k: v for k, v in tokenize_options.items() if k in ("aliases", "lemmatize", "lowercase")}
    cols = ["term", "group", "doc_id", "voice", "left", "match", "right"]
    if not terms or chosen.empty:
        return pd.DataFrame(columns=cols)
    # What kwic(chosen, terms, langs=None) would match, in two passes: the terms each
    # unit holds (no contexts), then the contexts of the units of the kept matches only.
    df = select_units(chosen, langs=None)
    get = tokenizers_by_language(options)
    matcher = _token_matcher(terms, get("en"), terms)
    key = dict(zip(zip(chosen["doc_id"].astype(str), chosen["seq"].astype(int)), chosen[by].astype(str)))
    hits = []  # (row position, its group, the terms it matched)
    totals: Counter[tuple[str, str]] = Counter()
    for pos, rec, found in _unit_matches(df, get, lambda words, _: _scan_terms(words, matcher)):
        group = key.get((str(rec["doc_id"]), int(rec["seq"])))
        if group is None:
            continue
        hits.append((pos, group, found))
        totals.update((term, group) for term in found)
    if not hits:
        return pd.DataFrame(columns=cols)
    wanted = {  # per (term, group): which of its matches, in document order, are shown
        pair: (set(range(n)) if n <= per_group
               else set(np.unique(np.linspace(0, n - 1, per_group).round().astype(int)).tolist()))
        for pair, n in totals.items()
    }  # fmt: skip
    seen: Counter[tuple[str, str]] = Counter()
    picks: dict[int, tuple[str, list[int]]] = {}  # row position -> group, match numbers
    for pos, group, found in hits:
        for j, term in enumerate(found):
            if seen[(term, group)] in wanted[(term, group)]:
                picks.setdefault(pos, (group, []))[1].append(j)
            seen[(term, group)] += 1
    rows = sorted(picks)
    data: dict[str, list[Any]] = {c: [] for c in cols}
    scan = lambda words, text: list(_scan(words, text, matcher, window))  # noqa: E731
    for pos, rec, found in _unit_matches(df.iloc[rows], get, scan):
        group, numbers = picks[rows[pos]]
        for j in numbers:
            row = found[j]
            for c, v in (("term", row["term"]), ("group", group), ("doc_id", rec["doc_id"]),
                         ("voice", rec["voice"]), ("left", row["left"]), ("match", row["match"]),
                         ("right", row["right"])):  # fmt: skip
                data[c].append(v)
    return pd.DataFrame(data) if data["term"] else pd.DataFrame(columns=cols)
