"""Figures of word counts: top terms per group, rates of two groups, rank–frequency.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corpuslib.plots.style import PALETTE, figure_size, new_axes, rasterize_points

if TYPE_CHECKING:
    pass

import math
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from corpuslib.errors import CorpuslibError

__all__ = [
    "figure_term_bars",
    "plot_rank_frequency",
    "plot_rate_scatter",
]


def figure_term_bars(
    counts: pd.DataFrame,
    *,
    facet: str,
    top_n: int = 10,
    value: str = "rate_per_1000",
    columns: int = 2,
    ncols: int | None = None,
    xlabel: str = "occurrences per 1,000 tokens",
    n_label: str = "tokens",
    min_n: int = 0,
    shared_scale: bool = False,
) -> Figure:
    """Horizontal bar charts of the top terms, one panel per value of *facet*.

    A group with fewer than *min_n* tokens gets no panel (its top terms would be a
    handful of words used once); the figure says which groups were left out.

    Parameters
    ----------
    counts : pandas.DataFrame
        A :func:`corpuslib.analysis.counts.term_counts` table grouped by *facet*.
    facet : str
        Column whose values get one panel each (``"voice"``, ``"outlet"``).
    top_n : int
        Bars per panel (most frequent first, at the top).
    value : str
        Column drawn (default the rate per 1,000 tokens).
    columns : {1, 2}
        Figure width in journal columns.
    ncols : int, optional
        Panels per row; default 2 for a two-column figure, else 1.
    xlabel : str
        Label of the value axis, with units.
    n_label : str
        What the *n* in each panel title counts (``"counted tokens"``).
    min_n : int
        Fewest tokens (``n_tokens``) for a group to get a panel.
    shared_scale : bool
        One value axis for every panel, so bar lengths compare across groups.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    sizes = counts.groupby(counts[facet].astype(str), sort=False)["n_tokens"].first()
    groups = [g for g in pd.unique(counts[facet].astype(str)) if sizes.get(g, 0) >= min_n]
    left_out = [g for g in pd.unique(counts[facet].astype(str)) if g not in groups]
    if not groups:  # too little text everywhere: say so in the figure rather than fail the run
        ax = new_axes(columns, 0.3)
        ax.set_axis_off()
        ax.text(0.5, 0.5, f"No {facet} has at least {min_n:,} {n_label}: no top terms drawn "
                f"({', '.join(left_out)}).", ha="center", va="center", fontsize=7, wrap=True)
        return ax.figure
    ncols = ncols or (2 if columns == 2 else 1)
    ncols = min(ncols, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    panel_h = 0.25 + 0.13 * top_n
    fig, axes = plt.subplots(
        nrows, ncols, figsize=figure_size(columns, height=panel_h * nrows + 0.3), squeeze=False,
        sharex=shared_scale,
    )
    for k, (ax, group) in enumerate(zip(axes.flat, groups, strict=False)):
        sub = counts.loc[counts[facet].astype(str) == group].head(top_n)
        n = int(sub["n_tokens"].iloc[0]) if "n_tokens" in sub and len(sub) else 0
        ax.barh(range(len(sub))[::-1], sub[value], color=PALETTE[k % len(PALETTE)], height=0.7)
        ax.set_yticks(range(len(sub))[::-1], sub["term"].astype(str))
        ax.set_title(f"{group} (n = {n:,} {n_label})")
        ax.set_xlabel(xlabel)
        ax.tick_params(axis="y", length=0)
    for ax in list(axes.flat)[len(groups) :]:
        ax.set_visible(False)
    if shared_scale:
        for ax in list(axes.flat)[: len(groups)]:
            ax.xaxis.set_tick_params(labelbottom=True)
    if left_out:
        fig.supxlabel(f"Not drawn (fewer than {min_n:,} {n_label}): {', '.join(left_out)}.",
                      fontsize=6)
    return fig


def _plain_number(value: float, _pos: int | None = None) -> str:
    """A tick label without exponent (``100``, ``0.5``); a module function, so the figure
    pickles and :func:`corpuslib.plots.style.figure_key` can key it."""
    return f"{value:g}"


def plot_rate_scatter(
    rates: pd.DataFrame,
    *,
    label_a: str,
    label_b: str,
    n_labels: int = 15,
    columns: int = 1,
    unit: str = "tokens",
    ax: Axes | None = None,
) -> Axes:
    """Rate-rate scatter of two groups with the most frequent terms labelled.

    Parameters
    ----------
    rates : pandas.DataFrame
        A :func:`corpuslib.analysis.counts.compare_rates` table (``rate_a``, ``rate_b``,
        ``count_a``, ``count_b``, ``n_a``, ``n_b``).
    label_a, label_b : str
        Names of the groups (axis labels).
    n_labels : int
        Label this many terms: the most frequent overall plus those furthest from
        the diagonal.
    columns : {1, 2}
        Width in journal columns of the figure drawn when *ax* is not given.
    unit : str
        What the rates are per 1,000 of (``"counted tokens"``); axis labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Labels are placed greedily at the final size: each goes to the first of
    the four corners around its dot (right of it first, left of it first in
    the right quarter of the axes) where it stays inside the axes and does
    not overlap a label already placed; a term with no free corner is skipped.
    Both axes are symmetric-log (linear below 1 per 1,000) so a term absent
    from one group (rate 0) is still shown, on the axis. Terms with the same two
    rates (frequent with small counts) share one point whose area grows with their
    number (legend "terms at a point").
    """
    if rates.empty:
        raise CorpuslibError("plot_rate_scatter: no terms to plot")
    if ax is None:
        ax = new_axes(columns, 0.9 if columns == 1 else 0.6)
    fig = ax.figure
    # Counts are small integers, so many terms share a position: draw each position once,
    # its area proportional to the number of terms there, instead of a lattice of overplots.
    spots = rates.groupby(["rate_a", "rate_b"], sort=True).size().rename("n").reset_index()
    ax.scatter(spots["rate_a"], spots["rate_b"], s=5 * spots["n"], color=PALETTE[0], alpha=0.55,
               linewidths=0, rasterized=rasterize_points(len(spots)))  # fmt: skip
    if spots["n"].max() > 1:
        sizes = sorted({1, int(spots["n"].median()), int(spots["n"].max())})
        handles = [ax.scatter([], [], s=5 * k, color=PALETTE[0], alpha=0.55, linewidths=0)
                   for k in sizes]
        ax.legend(handles, [f"{k} term{'s' if k > 1 else ''}" for k in sizes], loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), borderaxespad=0,  # beside the axes: never over a point
                  fontsize=5.5, frameon=False, title="terms at\na point", title_fontsize=5.5)
    top = float(max(rates["rate_a"].max(), rates["rate_b"].max())) * 1.3
    ax.plot([0, top], [0, top], color=PALETTE["black"], linewidth=0.5, linestyle="--")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_yscale("symlog", linthresh=1)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    plain = FuncFormatter(_plain_number)  # 1, 10, 100 rather than 10⁰, 10¹, 10²
    ax.xaxis.set_major_formatter(plain)
    ax.yaxis.set_major_formatter(plain)
    n_a, n_b = int(rates["n_a"].iloc[0]), int(rates["n_b"].iloc[0])
    # n on a line of its own: a large corpus's n would push the label off the figure
    ax.set_xlabel(f"{label_a}: per 1,000 {unit}\n(n = {n_a:,})")
    ax.set_ylabel(f"{label_b}: per 1,000 {unit}\n(n = {n_b:,})")
    total = rates["count_a"] + rates["count_b"]
    gap = (np.log1p(rates["rate_a"]) - np.log1p(rates["rate_b"])).abs()
    half = max(1, n_labels // 2)
    chosen = list(dict.fromkeys([*total.nlargest(half).index, *gap.nlargest(3 * n_labels).index]))
    # greedy, at the final layout: the first corner where the drawn label fits
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    corners = ((2, 1, "left", "bottom"), (2, -1, "left", "top"),
               (-2, 1, "right", "bottom"), (-2, -1, "right", "top"))  # fmt: skip
    boxes: list[Any] = []
    for i in chosen:
        if len(boxes) >= n_labels:
            break
        row = rates.loc[i]
        x = ax.transData.transform((row["rate_a"], row["rate_b"]))[0]
        near_right = x > frame.x0 + 0.75 * frame.width  # there, labels go left of their dot first
        for dx, dy, ha, va in corners[2:] + corners[:2] if near_right else corners:
            text = ax.annotate(
                str(row["term"]),
                (row["rate_a"], row["rate_b"]),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=6.5,
                color=PALETTE["vermillion"],
            )
            box = text.get_window_extent(renderer)
            inside = (
                frame.x0 <= box.x0
                and box.x1 <= frame.x1
                and frame.y0 <= box.y0
                and box.y1 <= frame.y1
            )
            if inside and not any(box.overlaps(b) for b in boxes):
                boxes.append(box)
                break
            text.remove()
    return ax


def plot_rank_frequency(
    zipf: pd.DataFrame, *, by: str | None = None, columns: int = 1, ax: Axes | None = None
) -> Axes:
    """Zipf plot: log rank against log frequency, one line per group.

    Parameters
    ----------
    zipf : pandas.DataFrame
        A :func:`corpuslib.analysis.counts.zipf_table` (``rank``, ``count``).
    by : str, optional
        Grouping column, one line each.
    columns : {1, 2}
        Width in journal columns of the figure drawn when *ax* is not given.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        ax = new_axes(columns, 0.75)
    groups = [(None, zipf)] if by is None else list(zipf.groupby(by, observed=True, sort=True))
    for k, (name, sub) in enumerate(groups):
        ax.plot(
            sub["rank"],
            sub["count"],
            marker="o",
            markersize=1.5,
            linewidth=0.8,
            color=PALETTE[k % len(PALETTE)],
            label=None if name is None else str(name),
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rank (1 = most frequent term)")
    ax.set_ylabel("occurrences (count)")
    if by is not None:
        ax.legend()
    return ax
