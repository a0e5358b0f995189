"""Figures of collocations: the words near each actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.analysis.stats import G2_CRITICAL_05
from corpuslib.plots.style import PALETTE, panel_grid

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

__all__ = [
    "figure_collocates",
]


def figure_collocates(
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
    fig, axes = panel_grid(columns * max(len(targets), 1), columns=columns, panel_height=1.2)
    for r, target in enumerate(targets):
        row_axes = axes[r * columns : (r + 1) * columns]
        _draw_collocates(
            df, row_axes, by=by, target=target, top_n=top_n, groups=groups, mentions=mentions
        )
        if row_axes:
            row_axes[0].set_ylabel(target, fontsize=7)
    measure = str(df["measure"].iloc[0]) if len(df) else None
    rules = []
    if min_score is not None and math.isfinite(min_score):
        name = "PMI" if measure == "pmi" else "G²"
        extra = (
            " (p < 0.05, 1 df)" if name == "G²" and abs(min_score - G2_CRITICAL_05) < 0.01 else ""
        )
        rules.append(f"{name} ≥ {min_score:g}{extra}")
    if min_count is not None:
        rules.append(f"count near the actor ≥ {min_count}")
    if rules:
        fig.supxlabel("Collocates shown when " + " and ".join(rules) + ".", fontsize=6)
    return fig


def _draw_collocates(
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
    color = PALETTE[2]
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
