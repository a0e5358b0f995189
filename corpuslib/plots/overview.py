"""Figures of the corpus overview: units per document and role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.corpus.units import ROLES
from corpuslib.plots.style import PALETTE, new_axes, rasterize_points

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

from typing import TYPE_CHECKING

import pandas as pd

__all__ = [
    "MAX_DOCUMENT_BARS",
    "figure_units_by_document",
    "plot_units_by_document",
    "units_by_document_caption",
]


#: Most documents drawn one bar each by :func:`plot_units_by_document` (20 bars make
#: a full-width figure about 9.4 in tall, the height of a journal page); a larger
#: corpus is drawn as a distribution per role.
MAX_DOCUMENT_BARS = 20


def plot_units_by_document(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    max_bars: int = MAX_DOCUMENT_BARS,
) -> Axes:
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
    if ax is None:
        ax = new_axes()
    import numpy as np


    if len(table) > max_bars:
        data = [table[role].to_numpy(dtype=float) for role in ROLES]
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
        ax.set_yticks(range(1, len(ROLES) + 1), ROLES)
        ax.invert_yaxis()
        ax.set_xlabel(f"Units per document (n = {len(table):,} documents)")
        return ax
    labels = [f"{d[:12]} ({o})" for d, o in zip(table["doc_id"], table["outlet"])]
    y = list(range(len(table)))
    left = np.zeros(len(table))
    for colour, role in zip(PALETTE, ROLES):
        values = table[role].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, label=role, height=0.7)
        left += values
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("Units (paragraphs, comments, boilerplate lines)")
    ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return ax


def figure_units_by_document(table: pd.DataFrame, *, max_bars: int = MAX_DOCUMENT_BARS) -> Figure:
    """The units-per-document figure of notebook 00, full text width.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~corpuslib.analysis.overview.units_per_document`.
    max_bars : int
        As in :func:`plot_units_by_document`.

    Returns
    -------
    matplotlib.figure.Figure
        At most as tall as a journal page whatever the corpus size.
    """
    bars = len(table) <= max_bars
    ax = new_axes(2, 0.1 + 0.06 * len(table) if bars else 0.4)
    plot_units_by_document(table, ax=ax, max_bars=max_bars)
    return ax.figure


def units_by_document_caption(
    table: pd.DataFrame, *, n_units: int, max_bars: int = MAX_DOCUMENT_BARS
) -> str:
    """The caption of :func:`figure_units_by_document`: what is drawn, and its n.

    Examples
    --------
    >>> units_by_document_caption(pd.DataFrame({"doc_id": ["a", "b"]}), n_units=7)
    'Units per document and role (7 units in 2 documents): body paragraphs, comments, titles and boilerplate lines.'
    """
    what = (
        "Units per document and role"
        if len(table) <= max_bars
        else "Distribution of units per document, by role (box: quartiles and median; "
        "whiskers: 5th and 95th percentiles; points: documents beyond the whiskers; "
        "every document is listed in the table corpus-units-by-document)"
    )
    return (
        f"{what} ({n_units:,} units in {len(table):,} documents): body paragraphs, comments, "
        "titles and boilerplate lines."
    )
