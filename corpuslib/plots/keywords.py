"""Figures of keywords: Fightin' Words scatter and keyness bars.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.plots.style import (
    GREYS,
    PALETTE,
    new_axes,
    panel_grid,
    place_labels,
    rasterize_points,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpuslib.errors import CorpuslibError

__all__ = [
    "figure_fightin_words",
    "figure_keyness",
    "plot_fightin_words",
    "plot_keyness",
]


def _thousands(value: float, _pos: int | None = None) -> str:
    """A count tick label with thousands separators (``12,000``); a module function, so the
    figure pickles and :func:`corpuslib.plots.style.figure_key` can key it."""
    return f"{value:,.0f}"


def plot_fightin_words(
    df: pd.DataFrame,
    *,
    ax: Axes | None = None,
    label_top: int = 10,
    threshold: float = 1.96,
    label_a: str = "group",
    label_b: str = "rest",
    legend: bool = True,
    place: bool = True,
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
    legend : bool
        Add the figure legend (a grid of panels adds one for all).
    place : bool
        Place the labels now; ``False`` leaves them to the caller
        (:func:`fightin_label_items`, then :func:`~corpuslib.plots.style.place_labels`
        once the whole figure is drawn).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    if ax is None:
        ax = new_axes()
    if df.empty:
        raise CorpuslibError(
            "plot_fightin_words: no rows to draw (is the focus group one of the groups?)"
        )
    colors = list(PALETTE)
    d = df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
    x = d["count"].astype(float).to_numpy()
    z = d["z"].to_numpy()
    mid = np.abs(z) <= threshold
    up, down = z > threshold, z < -threshold
    ax.scatter(x[mid], z[mid], s=4, color=GREYS["light"], linewidths=0,
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
    ax.axhline(0, color=GREYS["mid"], linewidth=0.4)
    guides = []
    for sign, va, dy in ((1, "bottom", 1.5), (-1, "top", -1.5)):
        ax.axhline(sign * threshold, color=GREYS["dark"], linewidth=0.5, linestyle=":")
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
                color=GREYS["text"],
            )  # fmt: skip
        )
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_minor_locator(LogLocator(base=10, subs=np.arange(2, 10) * 1.0))
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("total count in both groups (log scale)")
    ax.set_ylabel("z-score of log-odds ratio")
    if legend:
        ax.figure.legend(loc="outside lower center", ncols=3, fontsize=6, handletextpad=0.2,
                         markerscale=1.5)  # fmt: skip
    if place:
        place_labels(ax, fightin_label_items(df, label_top), obstacles=guides)
    return ax


def fightin_label_items(df: pd.DataFrame, label_top: int) -> list[tuple[str, float, float]]:
    """The labels of :func:`plot_fightin_words`, most extreme first: the *label_top* most
    extreme words on each side (coloured or not: on small corpora few words pass the
    threshold); words sharing a point share one label. A word whose uses in the group all
    come from one document (``single_doc``, from ``keyword_documents``) and that favours the
    group is marked ``*``."""
    d = df.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
    top = d[d["z"] > 0].head(label_top)
    bottom = d[d["z"] < 0].tail(label_top)
    labelled = pd.concat([top, bottom])
    single = ((labelled["single_doc"].fillna(False).astype(bool) & (labelled["z"] > 0)) if "single_doc" in labelled
              else [False] * len(labelled))  # the group's own evidence: words that favour it
    points: dict[tuple[float, float], list[str]] = {}
    for term, count, zval, one in zip(labelled["term"], labelled["count"], labelled["z"], single, strict=True):
        points.setdefault((float(count), round(float(zval), 6)), []).append(f"{term}*" if one else str(term))
    ordered = sorted(points.items(), key=lambda kv: (-abs(kv[0][1]), kv[0][0], kv[1]))
    return [
        (", ".join(terms[:3]) + (f" +{len(terms) - 3}" if len(terms) > 3 else ""), cx, cz)
        for (cx, cz), terms in ordered
    ]


def _keyness_legend_handles(color: str, alpha: float) -> list[Any]:
    from matplotlib.patches import Patch

    return [
        Patch(facecolor=color, edgecolor=color, label=f"significant (BH-adjusted p < {alpha:g})"),
        Patch(facecolor="none", edgecolor=color, label="not significant"),
    ]


def plot_keyness(
    df: pd.DataFrame,
    *,
    ax: Axes | None = None,
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
    if ax is None:
        ax = new_axes()
    color = PALETTE[1]
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
                    va="center", ha="left", fontsize=5, color=GREYS["text"])  # fmt: skip
    # the raw count (and the documents holding it) beside each term: a keyword used three
    # times on one page reads differently from one used thirty times on ten
    labels = [
        f"{t} ({int(c)}" + (f"; {int(n)} doc{'s' if n != 1 else ''})" if "n_docs" in d else ")")
        for t, c, n in zip(d["term"], d["count_a"], d["n_docs"] if "n_docs" in d else d["count_a"],
                           strict=True)
    ]
    ax.set_yticks(y, labels=labels, fontsize=6)
    ax.set_ylim(-0.6, max(top_n, 1) - 0.4)
    right = float(g2.max()) if len(g2) else 1.0
    ax.set_xlim(0, right * 1.25)
    ax.tick_params(axis="x", labelsize=6)
    ax.set_xlabel("G² vs rest (number: log ratio, log2; label: count in the group; documents)",
                  fontsize=6)
    if not len(d):
        ax.text(0.5, 0.5, "no keyword", ha="center", va="center", fontsize=6,
                transform=ax.transAxes)  # fmt: skip
    if title:
        ax.set_title(title, fontsize=7)
    if legend:
        ax.legend(handles=_keyness_legend_handles(color, alpha), loc="lower right", fontsize=5.5)
    return ax


def figure_keyness(
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
    fig, axes = panel_grid(len(groups), columns=columns, panel_height=1.7)
    for ax, group in zip(axes, groups, strict=False):
        part = df[df[by].astype(str) == group]
        n_a = int(part["n_a"].iloc[0]) if len(part) else 0
        plot_keyness(part, ax=ax, top_n=top_n, alpha=alpha, legend=False,
                     title=f"{group}\nn = {n_a:,} tokens (stopwords removed)")  # fmt: skip
    for ax in axes[len(groups) :]:
        ax.set_axis_off()
    handles = _keyness_legend_handles(PALETTE[1], alpha)
    if len(axes) > len(groups):
        axes[len(groups)].legend(handles=handles, loc="center", fontsize=6,
                                 title="bars: G²; number: log ratio", title_fontsize=6)  # fmt: skip
    else:
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=6)
    return fig


def figure_fightin_words(
    table: pd.DataFrame,
    *,
    by: str,
    label_top: int = 6,
    threshold: float = 1.96,
    columns: int = 2,
) -> Figure:
    """Fightin' Words for every group against the rest: one panel per group, one legend.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`~corpuslib.analysis.keywords.compare_groups` (log-odds), all groups.
    by : str
        The group column.
    label_top : int
        Words labelled on each side of each panel (labels tied to their points).
    threshold : float
        |z| drawn as a guide and used to colour the points.
    columns : int
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    groups = sorted(table[by].astype(str).unique())
    if not groups:
        raise CorpuslibError("figure_fightin_words: no groups to draw")
    fig, axes = panel_grid(len(groups), columns=columns, panel_height=2.2)
    labels = []
    for ax, group in zip(axes, groups, strict=False):
        rows = table[table[by].astype(str) == group]
        plot_fightin_words(rows, ax=ax, label_top=label_top, threshold=threshold,
                           label_a=group, label_b="the rest", legend=False, place=False)
        labels.append(fightin_label_items(rows, label_top))
        ax.set_title(f"{group} vs the rest\nn = {int(rows['n_a'].iloc[0]):,} vs "
                     f"{int(rows['n_b'].iloc[0]):,} tokens", fontsize=6)
        ax.set_xlabel(ax.get_xlabel(), fontsize=6)
        ax.set_ylabel(ax.get_ylabel(), fontsize=6)
    for ax in axes[len(groups):]:
        ax.set_axis_off()
    handles = [
        axes[0].scatter([], [], s=6, color=GREYS["light"], linewidths=0),
        axes[0].scatter([], [], s=6, color=PALETTE[1], linewidths=0),
        axes[0].scatter([], [], s=6, color=PALETTE[0], linewidths=0),
    ]
    names = [f"|z| ≤ {threshold:g}", "favours the group", "favours the rest"]
    if any("*" in text for items in labels for text, _, _ in items):
        handles.append(axes[0].scatter([], [], s=0, linewidths=0))
        names.append("* all the group's uses in one document")
    fig.legend(handles, names, loc="outside lower center", ncols=len(names), fontsize=6, frameon=False)
    # labels once the whole figure is laid out: one layout pass for every panel
    fig.draw_without_rendering()
    for ax, items in zip(axes, labels, strict=False):
        guides = [t for t in ax.texts if t.get_text().startswith("z =")]
        place_labels(ax, items, obstacles=guides, settle=False)
    return fig
