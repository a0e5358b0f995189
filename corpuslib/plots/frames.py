"""Figures of frames: frame rates per group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.plots.style import new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

__all__ = [
    "plot_frame_heatmap",
]


def plot_frame_heatmap(
    scores: pd.DataFrame,
    *,
    ax: Axes | None = None,
    by: str = "outlet",
    annotate: bool = True,
    small_sample_rule: str = "< 10 text units or < 1,000 tokens",
    note: bool = True,
) -> Axes:
    """Draw a heatmap of frame rates (groups × frames) with intervals annotated.

    Cells show the rate per 1,000 tokens and, below it, the 95 % interval of
    :func:`~corpuslib.analysis.frames.frame_scores` (its ``ci_method``: exact Poisson,
    or a document bootstrap with enough pages); a cell with no hit shows "0 hits" and
    the interval's upper bound ("≤ u"), never a [0, 0] interval. Row labels give the
    group, its token count and "†" when the group is flagged ``small_sample``; a note
    above the plot names the interval and explains both. Frame labels come from the
    table (:func:`~corpuslib.analysis.frames.corrected_rates` adds the measured
    precision or "not validated").

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
    if ax is None:
        ax = new_axes()
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
        methods = sorted(set(s["ci_method"])) if "ci_method" in s.columns else []
        parts = ["Cells: hits per 1,000 tokens"]
        parts[0] += f" [95 % interval: {'; '.join(methods)}]." if methods else "."
        if zero_cells:
            parts.append("0 hits: upper bound of the exact 95 % Poisson interval (≈ 3.7/n tokens).")
        if small.any():
            parts.append(f"† small sample ({small_sample_rule}).")
        ax.set_title("\n".join(parts), fontsize=6, loc="left")
    return ax
