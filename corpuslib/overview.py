"""Corpus overview tables and the cleaning audit (used by notebook 00).

Every table is a tidy DataFrame computed from ``segments`` / ``docs``; plotting
helpers draw on a given Axes and return it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ROLE_ORDER = ["title", "body", "comment", "boilerplate"]


def docs_per_outlet(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents per outlet with their date range and comment counts.

    Parameters
    ----------
    docs : DataFrame
        The docs table (:func:`corpuslib.build.load_docs`).

    Returns
    -------
    DataFrame
        Columns ``outlet, n_docs, n_skipped, first_published, last_published, n_comments``.
    """
    d = docs.assign(skipped=docs["status"].eq("skipped"))
    out = d.groupby("outlet", sort=True).agg(
        n_docs=("doc_id", "size"),
        n_skipped=("skipped", "sum"),
        first_published=("published", "min"),
        last_published=("published", "max"),
        n_comments=("n_comments", "sum"),
    )
    return out.reset_index()


def units_by_role(
    segments: pd.DataFrame, *, tokenizer: Callable[[str], list[str]] | None = None
) -> pd.DataFrame:
    """Units, characters and tokens per role (and per quoted flag for body).

    Parameters
    ----------
    segments : DataFrame
        The segments table.
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`corpuslib.tokens.tokenize` with its defaults.

    Returns
    -------
    DataFrame
        Columns ``role, quoted, n_units, n_chars, n_tokens`` in role order.
    """
    if tokenizer is None:
        from corpuslib.tokens import build_tokenizer

        tokenizer = build_tokenizer()
    s = segments.assign(
        n_chars=segments["text"].str.len().astype("int64"),
        n_tokens=[len(tokenizer(t)) for t in segments["text"]],
    )
    out = (
        s.groupby(["role", "quoted"], sort=False)
        .agg(n_units=("text", "size"), n_chars=("n_chars", "sum"), n_tokens=("n_tokens", "sum"))
        .reset_index()
    )
    out["role"] = pd.Categorical(out["role"], categories=ROLE_ORDER, ordered=True)
    return out.sort_values(["role", "quoted"]).reset_index(drop=True).astype({"role": "string"})


def units_per_document(segments: pd.DataFrame) -> pd.DataFrame:
    """Number of units per document and role (wide: one column per role)."""
    table = segments.groupby(["doc_id", "outlet", "role"]).size().unstack("role", fill_value=0)
    return table.reindex(columns=ROLE_ORDER, fill_value=0).reset_index()


def comments_per_page(segments: pd.DataFrame) -> pd.DataFrame:
    """Comments per document: count, named commenters, and median comment length.

    Pages without comments appear with zeros.
    """
    docs = segments[["doc_id", "outlet"]].drop_duplicates()
    c = segments[segments["role"] == "comment"]
    agg = c.groupby("doc_id").agg(
        n_comments=("text", "size"),
        n_named_commenters=("commenter", "nunique"),
        median_chars=("text", lambda t: float(t.str.len().median())),
    )
    out = docs.merge(agg, on="doc_id", how="left")
    out[["n_comments", "n_named_commenters"]] = (
        out[["n_comments", "n_named_commenters"]].fillna(0).astype("int64")
    )
    return out.sort_values("doc_id").reset_index(drop=True)


def language_table(segments: pd.DataFrame) -> pd.DataFrame:
    """Units per language and role (``und`` = undetermined)."""
    t = segments.groupby(["lang", "role"]).size().unstack("role", fill_value=0)
    t = t.reindex(columns=[r for r in ROLE_ORDER if r in t.columns])
    t["total"] = t.sum(axis=1)
    return t.sort_values("total", ascending=False).reset_index()


def cleaning_audit(segments: pd.DataFrame) -> pd.DataFrame:
    """Every unit set aside as boilerplate, with the rule that did it and where.

    Returns
    -------
    DataFrame
        Columns ``doc_id, seq, start, end, rule, text``: read it to check that
        nothing of the article or the comments was removed.
    """
    b = segments[segments["role"] == "boilerplate"]
    return b[["doc_id", "seq", "start", "end", "rule", "text"]].reset_index(drop=True)


def audit_summary(segments: pd.DataFrame) -> pd.DataFrame:
    """Per document: boilerplate units, their characters and share of all characters."""
    s = segments.assign(n_chars=segments["text"].str.len().astype("int64"))
    total = s.groupby("doc_id")["n_chars"].sum()
    boiler = (
        s[s["role"] == "boilerplate"]
        .groupby("doc_id")
        .agg(n_boilerplate=("text", "size"), boilerplate_chars=("n_chars", "sum"))
    )
    out = pd.DataFrame({"total_chars": total}).join(boiler).fillna(0)
    out = out.astype({"n_boilerplate": "int64", "boilerplate_chars": "int64"})
    out["boilerplate_share"] = (out["boilerplate_chars"] / out["total_chars"]).round(4)
    return out.reset_index()


#: Most documents drawn one bar each by :func:`plot_units_by_document` (20 bars make
#: a full-width figure about 9.4 in tall, the height of a journal page); a larger
#: corpus is drawn as a distribution per role.
MAX_DOCUMENT_BARS = 20


def plot_units_by_document(table: pd.DataFrame, ax: Axes, *, max_bars: int = MAX_DOCUMENT_BARS) -> Axes:
    """Units per role for each document, or their distribution for a large corpus.

    With at most ``max_bars`` documents: stacked horizontal bars, one per
    document. With more: one horizontal box per role over the documents
    (median and quartiles; whiskers at the 5th and 95th percentiles), with
    every document beyond the whiskers drawn as a point, so that pages whose
    comments were not found or whose article became boilerplate still stand out.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`units_per_document`.
    ax : matplotlib Axes
    max_bars : int
        Most documents drawn as bars.

    Returns
    -------
    matplotlib Axes
    """
    import numpy as np

    from corpuslib.figures import PALETTE, rasterize_points

    if len(table) > max_bars:
        data = [table[role].to_numpy(dtype=float) for role in ROLE_ORDER]
        boxes = ax.boxplot(
            data,
            orientation="horizontal",
            whis=(5, 95),
            patch_artist=True,
            widths=0.6,
            medianprops={"color": "black"},
            flierprops={"marker": "o", "markersize": 2, "markeredgewidth": 0, "alpha": 0.5},
        )
        for patch, fliers, colour in zip(boxes["boxes"], boxes["fliers"], PALETTE):
            patch.set_facecolor(colour)
            fliers.set_markerfacecolor(colour)
            fliers.set_rasterized(rasterize_points(len(fliers.get_xdata())))
        ax.set_yticks(range(1, len(ROLE_ORDER) + 1), ROLE_ORDER)
        ax.invert_yaxis()
        ax.set_xlabel(f"Units per document (n = {len(table):,} documents)")
        return ax
    labels = [f"{d[:12]} ({o})" for d, o in zip(table["doc_id"], table["outlet"])]
    y = list(range(len(table)))
    left = np.zeros(len(table))
    for colour, role in zip(PALETTE, ROLE_ORDER):
        values = table[role].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, label=role, height=0.7)
        left += values
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("Units (paragraphs, comments, boilerplate lines)")
    ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return ax


def units_by_document_figure(
    table: pd.DataFrame, *, n_units: int, max_bars: int = MAX_DOCUMENT_BARS
) -> tuple[Figure, str]:
    """The units-per-document figure of notebook 00, full text width, and its caption.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`units_per_document`.
    n_units : int
        Units in the corpus (named in the caption).
    max_bars : int
        As in :func:`plot_units_by_document`.

    Returns
    -------
    (matplotlib Figure, str)
        The figure, at most as tall as a journal page whatever the corpus size,
        and a caption saying what is drawn.
    """
    import matplotlib.pyplot as plt

    from corpuslib.figures import figure_size

    bars = len(table) <= max_bars
    aspect = 0.1 + 0.06 * len(table) if bars else 0.4
    fig, ax = plt.subplots(figsize=figure_size(2, aspect=aspect))
    plot_units_by_document(table, ax, max_bars=max_bars)
    what = (
        "Units per document and role"
        if bars
        else "Distribution of units per document, by role (box: quartiles and median; "
        "whiskers: 5th and 95th percentiles; points: documents beyond the whiskers; "
        "every document is listed in the table corpus-units-by-document)"
    )
    caption = (
        f"{what} ({n_units:,} units in {len(table):,} documents): body paragraphs, comments, "
        "titles and boilerplate lines."
    )
    return fig, caption


def build_warnings(docs: pd.DataFrame) -> pd.DataFrame:
    """Pages the build skipped or warned about, with the reason (one row per page).

    Returns
    -------
    DataFrame
        Columns ``doc_id, file, status, warnings``; empty when every page built cleanly.
    """
    flagged = docs[docs["warnings"].notna() | docs["status"].ne("ok")]
    return flagged[["doc_id", "file", "status", "warnings"]].reset_index(drop=True)


def describe_sample(segments: pd.DataFrame) -> str:
    """One sentence on what the corpus can support, computed from ``segments``.

    Notebooks print it instead of writing corpus facts into their narrative,
    so the text stays true when pages are added.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"],
    ...                     "role": ["body", "comment", "body"]})
    >>> describe_sample(seg)
    '2 pages from 2 outlets; 1 page with reader comments (1 comment, 1 site); 2 of 2 outlets rest on a single page, so an outlet comparison is a comparison of pages.'
    """
    pages = segments["doc_id"].nunique()
    per_outlet = segments.groupby("outlet", observed=True)["doc_id"].nunique()
    comments = segments[segments["role"] == "comment"]
    with_comments = comments["doc_id"].nunique()
    sites = comments["outlet"].nunique()
    single = int((per_outlet == 1).sum())

    def n(k: int, word: str) -> str:
        return f"{k:,} {word}" + ("" if k == 1 else "s")

    text = (
        f"{n(pages, 'page')} from {n(len(per_outlet), 'outlet')}; "
        f"{n(with_comments, 'page')} with reader comments "
        f"({n(len(comments), 'comment')}, {n(sites, 'site')})"
    )
    if single:
        text += (
            f"; {single} of {len(per_outlet)} outlets rest on a single page, so an outlet "
            "comparison is a comparison of pages"
        )
    return text + "."
