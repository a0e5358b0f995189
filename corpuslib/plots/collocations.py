"""Figures of collocations: the words near each actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.analysis.stats import G2_CRITICAL_05
from corpuslib.plots.style import PALETTE, panel_grid

if TYPE_CHECKING:
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
    columns: int = 3,
) -> Figure:
    """Draw each actor's collocates per group as bars, one panel per (actor, group) that has any.

    Panels flow *columns* to a row (three at full text width, so six outlets never
    squeeze their labels); an (actor, group) pair with no collocate above the thresholds
    gets no empty panel but is named, with its number of mentions, in the note under the
    figure. All panels share one axis label.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`~corpuslib.analysis.collocations.actor_collocates`.
    by : str, default "outlet"
        The group column.
    targets : sequence of str, optional
        Actors in order; default those in ``df``.
    groups : sequence of str, optional
        Groups in order; default those in ``df``. Pass every group analysed so that
        groups without collocates are named in the note.
    top_n : int, default 6
        Collocates per panel.
    mentions : pandas.DataFrame, optional
        Output of :func:`~corpuslib.analysis.collocations.count_mentions`: the number of
        mentions of each actor in each group.
    min_score, min_count : optional
        The thresholds passed to ``actor_collocates``, stated in the note.
    columns : int
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    targets = list(targets) if targets is not None else list(dict.fromkeys(df["target"]))
    if groups is None:
        groups = sorted(df[by].astype(str).unique()) if len(df) else []
    groups = [str(g) for g in groups]
    counts = _mention_counts(df, mentions, by)
    full = [(t, g) for t in targets for g in groups if ((df["target"] == t) & (df[by].astype(str) == g)).any()]
    empty = [(t, g) for t in targets for g in groups if (t, g) not in full]
    columns = max(1, min(columns, len(full) or 1))
    fig, axes = panel_grid(len(full) or 1, columns=columns, panel_height=1.25)
    pmi = len(df) and df["measure"].iloc[0] == "pmi"
    for ax, (target, group) in zip(axes, full, strict=False):
        g = df[(df["target"] == target) & (df[by].astype(str) == group)].sort_values("rank").head(top_n)
        y = top_n - 1 - np.arange(len(g))  # bars from the top, same slot height in every panel
        ax.barh(y, g["score"].to_numpy(), color=PALETTE[2], height=0.7)
        ax.set_ylim(-0.6, top_n - 0.4)
        ax.set_yticks(y, labels=g["term"].tolist(), fontsize=5.5)
        n = int(g["n_target"].iloc[0])
        few = " †" if n < FEW_MENTIONS else ""
        ax.set_title(f"{target} · {group}\nn = {n} mention{'s' if n != 1 else ''}{few}", fontsize=5.5)
        ax.tick_params(axis="x", labelsize=5.5)
        ax.set_xlabel("PMI (bits)" if pmi else "G²", fontsize=5.5, labelpad=1)
    for ax in axes[len(full) :]:
        ax.set_axis_off()
    if not full:
        axes[0].text(0.5, 0.5, "no collocate above the thresholds", ha="center", va="center",
                     transform=axes[0].transAxes, fontsize=6)
    few = any(int(df[(df["target"] == t) & (df[by].astype(str) == g)]["n_target"].iloc[0]) < FEW_MENTIONS
              for t, g in full)
    note = _note(df, empty, counts, pmi, min_score, min_count)
    if few:
        note += f"\n† fewer than {FEW_MENTIONS} mentions: an anecdote, not an association."
    fig.supxlabel(note, fontsize=5.5, wrap=True)
    return fig


#: Panels of actors mentioned fewer times than this in a group are flagged (†).
FEW_MENTIONS = 5


def _mention_counts(df: pd.DataFrame, mentions: pd.DataFrame | None, by: str) -> dict[tuple[str, str], int]:
    if mentions is not None:
        return {(str(t), str(g)): int(n) for t, g, n in
                zip(mentions["target"], mentions[by], mentions["n_target"], strict=True)}
    first = df.drop_duplicates(["target", by])
    return {(str(t), str(g)): int(n) for t, g, n in
            zip(first["target"], first[by], first["n_target"], strict=True)}


def _note(df: pd.DataFrame, empty: list[tuple[str, str]], counts: dict[tuple[str, str], int],
          pmi: bool, min_score: float | None, min_count: int | None) -> str:
    """The shared axis label: the measure, the thresholds and the pairs with no collocate."""
    text = "PMI (bits) of each word near the actor" if pmi else "G² of each word near the actor vs elsewhere"
    rules = []
    if min_score is not None and math.isfinite(min_score):
        name = "PMI" if pmi else "G²"
        extra = " (p < 0.05, 1 df)" if name == "G²" and abs(min_score - G2_CRITICAL_05) < 0.01 else ""
        rules.append(f"{name} ≥ {min_score:g}{extra}")
    if min_count is not None:
        rules.append(f"count near the actor ≥ {min_count}")
    if rules:
        text += "; shown when " + " and ".join(rules)
    if empty:
        listed = "; ".join(
            f"{t} in {g} ({'not mentioned' if counts.get((t, g), 0) == 0 else f'{counts[(t, g)]} mentions'})"
            for t, g in empty)
        text += f".\nNo collocate above the thresholds: {listed}"
    return text + "."
