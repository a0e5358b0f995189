"""Figures of sentiment: score distributions per voice, difference forest, instrument agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corpuslib.analysis.sentiment import (
    INSTRUMENT_LABELS,
    POOLED_UNITS,
    WITHIN_PAGE,
    check_scored,
    instrument_agreement,
)
from corpuslib.corpus.units import VOICES
from corpuslib.errors import SentimentError
from corpuslib.plots.style import GREYS, PALETTE, figure_size, new_axes, rasterize_points

if TYPE_CHECKING:
    pass

import textwrap
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "figure_forest",
    "figure_word_contributions",
    "plot_agreement",
    "plot_forest",
    "plot_page_differences",
    "plot_score_distributions",
]


_VOICE_COLOURS = {"author": "blue", "commenter": "vermillion", "quoted": "green"}

#: Most pages drawn as a row each by :func:`plot_page_differences`; above it, the page
#: differences are one row: a point per page and their box.
MAX_PAGE_ROWS = 20


def _colour(voice: str) -> str:

    return PALETTE[_VOICE_COLOURS.get(voice, "black")]


def _wrap(label: str, width: int = 14) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


#: Fewest points behind a box plot; smaller groups are drawn as points only.
MIN_BOX_N = 10


def plot_score_distributions(
    scored: pd.DataFrame,
    *,
    ax: Axes | None = None,
    measure: str = "compound",
    by: str = "outlet",
    seed: int = 0,
) -> Axes:
    """Jittered points of a score by voice within each outlet, with a box plot where a
    cell has at least :data:`MIN_BOX_N` points (a box of five points suggests a
    distribution that is not there); the n of each cell is written under it.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments`.
    ax : matplotlib.axes.Axes
        Where to draw.
    measure : str
        Score column (both instruments' headline scores are in [-1, 1]).
    by : str
        Grouping column along the x axis.
    seed : int
        Seed of the horizontal jitter (fixed, so figures are byte-identical).

    Returns
    -------
    matplotlib.axes.Axes
        *ax*, drawn on. Groups with no scored unit of a voice are left empty;
        the n of every box is printed under it.
    """
    if ax is None:
        ax = new_axes()

    check_scored(scored, extra=(measure, by))
    scored = scored[list(dict.fromkeys(["status", "voice", by, measure]))]  # not the text
    ok = scored[(scored["status"] == "scored") & scored[measure].notna()]
    groups = sorted(scored[by].dropna().astype(str).unique())
    voices = [v for v in VOICES if (ok["voice"] == v).any()] or ["author"]
    rng = np.random.Generator(np.random.PCG64(seed))
    width = 0.8 / len(voices)
    for j, voice in enumerate(voices):
        offset = (j - (len(voices) - 1) / 2) * width
        colour = _colour(voice)
        for i, g in enumerate(groups):
            values = ok.loc[(ok[by].astype(str) == g) & (ok["voice"] == voice), measure]
            values = values.to_numpy(dtype=float)
            pos = i + offset
            if values.size >= MIN_BOX_N:  # fewer points are shown as points only
                ax.boxplot(
                    values,
                    positions=[pos],
                    widths=width * 0.8,
                    showfliers=False,
                    patch_artist=True,
                    boxprops={"facecolor": "none", "edgecolor": colour},
                    medianprops={"color": colour},
                    whiskerprops={"color": colour},
                    capprops={"color": colour},
                )
            if values.size:
                jitter = rng.uniform(-width * 0.3, width * 0.3, size=values.size)
                ax.scatter(pos + jitter, values, s=6, color=colour, alpha=0.6, linewidths=0,
                           rasterized=rasterize_points(values.size))  # fmt: skip
            ax.annotate(
                f"{values.size}",
                (pos, -1.08),
                ha="center",
                va="top",
                fontsize=6,
                color=colour,
                annotation_clip=False,
            )
        ax.scatter([], [], s=12, color=colour, label=voice)
    ax.axhline(0, color="0.7", linewidth=0.5, zorder=0)
    ax.set_xticks(range(len(groups)), [_wrap(g) for g in groups])
    ax.set_xlim(-0.6, len(groups) - 0.4)
    ax.set_ylim(-1.2, 1.05)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    ax.set_ylabel(f"{INSTRUMENT_LABELS.get(measure, measure)} (-1 to +1)")
    ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=len(voices),
        title="voice (n under boxes)",
        alignment="right",
        borderaxespad=0.2,
    )
    return ax


#: Marker of a forest-plot row by what its interval resamples.
_FOREST_MARKERS = {"units": "o", "page": "s", "pages": "D"}


#: Nice half-widths of the forest plot's x axis (a difference of two [-1, 1] means is in [-2, 2]).
_FOREST_LIMITS = (0.1, 0.25, 0.5, 1.0, 1.5, 2.0)


def _forest_kind(scope: str, page_level: bool) -> str:
    if page_level:
        return "page"
    return "pages" if scope == "pooled" else "units"


def _forest_limit(rows: pd.DataFrame) -> float:
    values = rows[["diff", "ci_low", "ci_high"]].abs().to_numpy(dtype=float)
    reach = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
    return next((lim for lim in _FOREST_LIMITS if reach * 1.05 <= lim), 2.0)


def plot_forest(
    comparison: pd.DataFrame,
    *,
    ax: Axes | None = None,
    measure: str = "compound",
    by: str = "outlet",
    legend: bool = True,
) -> Axes:
    """Forest plot of author-minus-commenter differences with their intervals.

    Each cell of :func:`compare_voices` is a row: the point is the difference
    of means, the bar its bootstrap interval. The marker says what the
    interval resamples: a circle, units of several pages; a square, units of
    one page (``page_level``: the interval omits between-page variation); a
    diamond, whole pages (the pooled cell, drawn last). Cells flagged
    ``too_small`` are drawn hollow and grey. The right margin gives
    ``n author / n commenter`` (and, pooled, the pages of each voice) and
    repeats the flags ("one page", "too small"); cells without commenters
    say so.

    The x axis is symmetric about zero and as wide as the data need, chosen
    from +-0.1, 0.25, 0.5, 1, 1.5 and 2; the label gives the possible range of
    a difference of two means of [-1, 1] scores (-2 to +2) and the range shown.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`compare_voices`.
    ax : matplotlib.axes.Axes
        Where to draw.
    measure : str
        Which measure's rows to draw.
    by : str
        The grouping column used in :func:`compare_voices`.
    legend : bool
        Draw the key to markers and fills above the axes. It lists the kinds
        of row present anywhere in *comparison* (every measure), so panels
        drawn from one table share one key: draw it on one panel only.

    Returns
    -------
    matplotlib.axes.Axes
        *ax*, drawn on.

    Raises
    ------
    SentimentError
        If *comparison* has no rows for *measure*.
    """
    if ax is None:
        ax = new_axes()
    rows = comparison[comparison["measure"] == measure].reset_index(drop=True)
    if rows.empty:
        raise SentimentError(f"measure: no rows for {measure!r} in comparison")
    page = (
        rows["page_level"].fillna(False).astype(bool)
        if "page_level" in rows
        else pd.Series(False, index=rows.index)
    )
    n = len(rows)
    ys = np.arange(n)[::-1].astype(float)
    colour = _colour("author")
    grey = "0.55"
    for y, r, one_page in zip(ys, rows.itertuples(index=False), page, strict=True):
        pooled = r.scope == "pooled"
        small = bool(r.too_small)
        c = grey if small else colour
        marker = _FOREST_MARKERS[_forest_kind(r.scope, bool(one_page))]
        if np.isfinite(r.diff):
            ax.plot([r.ci_low, r.ci_high], [y, y], color=c, linewidth=1.2, solid_capstyle="butt")
            ax.plot(
                [r.diff],
                [y],
                marker=marker,
                markersize=5 if pooled else 4.5,
                markerfacecolor="white" if small else c,
                markeredgecolor=c,
                linestyle="none",
            )
        else:
            missing = "no commenter units" if r.n_commenter == 0 else "no author units"
            ax.annotate(
                missing,
                (0, y),
                ha="center",
                va="center",
                fontsize=6,
                color="0.4",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
        tested = bool(np.isfinite(r.diff))
        flags = [f for f, on in (("one page", bool(one_page)), ("too small", small)) if on]
        note = f"{r.n_author} / {r.n_commenter}"
        if pooled and hasattr(r, "n_docs_author"):
            note += f" ({r.n_docs_author} / {r.n_docs_commenter} pages)"
        note += "".join(f"  {f}" for f in flags) if tested else ""
        ax.annotate(
            note,
            (1.01, y),
            xycoords=("axes fraction", "data"),
            va="center",
            fontsize=6,
            color="0.3",
            annotation_clip=False,
        )
    if (rows["scope"] == "pooled").any() and n > 1:
        ax.axhline(0.5, color="0.8", linewidth=0.5)
    ax.axvline(0, color="0.5", linewidth=0.6, linestyle="--")
    labels = [
        _wrap(v, 22) if s != "pooled" else "Pooled"
        for v, s in zip(rows[by], rows["scope"], strict=True)
    ]
    ax.set_yticks(ys, labels)
    ax.set_ylim(-0.7, n - 0.3)
    limit = _forest_limit(rows)
    ax.set_xlim(-limit, limit)
    label = INSTRUMENT_LABELS.get(measure, measure)
    shown = "" if limit >= 2 else f"; axis shows \u00b1{limit:g}"
    ax.set_xlabel(
        f"Author - commenter, difference of mean {label}\n(possible range \u22122 to +2{shown})"
    )
    ax.annotate(
        "n author / commenter",
        (1.01, 1.0),
        xycoords="axes fraction",
        fontsize=6,
        color="0.3",
        va="bottom",
        annotation_clip=False,
    )
    if legend:
        _forest_legend(comparison, ax, by=by, colour=colour, grey=grey)
    return ax


def _forest_legend(comparison: pd.DataFrame, ax: Any, *, by: str, colour: str, grey: str) -> None:
    """Key to the forest plot's markers and fills, for the kinds of row in *comparison*."""
    from matplotlib.lines import Line2D

    has_diff = comparison["diff"].notna()
    page = (
        comparison["page_level"].fillna(False).astype(bool)
        if "page_level" in comparison
        else pd.Series(False, index=comparison.index)
    )
    kinds = [
        _forest_kind(s, bool(p))
        for s, p in zip(comparison.loc[has_diff, "scope"], page[has_diff], strict=True)
    ]
    texts = {
        "units": f"{by}, several pages: units resampled",
        "page": "one page per voice: units resampled within it",
        "pages": "pooled: whole pages resampled",
    }
    handles = [
        Line2D([], [], color=colour, marker=_FOREST_MARKERS[k], markersize=4.5, label=texts[k])
        for k in ("units", "page", "pages")
        if k in kinds
    ]
    small = comparison.loc[has_diff & comparison["too_small"].astype(bool)]
    if not small.empty:
        first = small.iloc[0]
        kind = _forest_kind(first["scope"], bool(page.loc[small.index[0]]))
        handles.append(
            Line2D(
                [],
                [],
                color=grey,
                marker=_FOREST_MARKERS[kind],
                markersize=4.5,
                markerfacecolor="white",
                label="hollow grey: too small to read (see reason)",
            )
        )
    if handles:
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02),
            ncols=2,
            borderaxespad=0.0,
            handlelength=2.0,
            title="bar = bootstrap interval, point = difference of means",
            alignment="left",
        )


def plot_agreement(
    scored: pd.DataFrame, *, ax: Axes | None = None, agreement: pd.DataFrame | None = None
) -> Axes:
    """Scatter of VADER compound against TextBlob polarity, coloured by voice.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_segments` with ``instrument="both"``.
    ax : matplotlib.axes.Axes
        Where to draw.
    agreement : pandas.DataFrame, optional
        :func:`~corpuslib.analysis.sentiment.instrument_agreement` of *scored*, when the
        caller has it already (notebook 03 reads it from the table cache); computed
        from *scored* otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        *ax*, drawn on. The legend gives n and Pearson's r with its 95%
        Fisher-z interval per voice. When
        TextBlob was not run, the axes say so instead.
    """
    if ax is None:
        ax = new_axes()

    check_scored(scored, extra=("compound", "textblob_polarity"))
    scored = scored[["status", "voice", "doc_id", "compound", "textblob_polarity"]]  # not the text
    ok = scored[
        (scored["status"] == "scored")
        & scored["compound"].notna()
        & scored["textblob_polarity"].notna()
    ]
    if agreement is None:
        agreement = instrument_agreement(scored)
    agreement = agreement.set_index("voice")
    ax.plot([-1, 1], [-1, 1], color="0.8", linewidth=0.6, zorder=0)
    ax.axhline(0, color="0.9", linewidth=0.5, zorder=0)
    ax.axvline(0, color="0.9", linewidth=0.5, zorder=0)
    if ok.empty:
        ax.annotate(
            "both instruments needed (instrument='both')",
            (0, 0),
            ha="center",
            va="center",
            fontsize=7,
        )
    for voice in VOICES:
        sub = ok[ok["voice"] == voice]
        if sub.empty:
            continue
        r, low, high = agreement.loc[voice, ["pearson_r", "pearson_low", "pearson_high"]]
        r_text = "n/a" if not np.isfinite(r) else f"{r:.2f}"
        if np.isfinite(low) and np.isfinite(high):
            r_text += f" [{low:.2f}, {high:.2f}]"
        ax.scatter(
            sub["compound"],
            sub["textblob_polarity"],
            s=8,
            alpha=0.7,
            linewidths=0,
            color=_colour(voice),
            label=f"{voice} (n = {len(sub)}, r = {r_text})",
            rasterized=rasterize_points(len(sub)),
        )
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("VADER compound (-1 to +1)")
    ax.set_ylabel("TextBlob polarity (-1 to +1)")
    if not ok.empty:
        # Above the axes, so it can never hide a point.
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            borderaxespad=0.0,
            title="Pearson r [95% interval]",
            alignment="left",
        )
    return ax


def figure_forest(comparison: pd.DataFrame, *, measures: Sequence[str] | None = None) -> Figure:
    """One forest panel per measure (instrument), stacked, full text width.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`~corpuslib.analysis.sentiment.compare_voices`.
    measures : sequence of str, optional
        Measures to draw, top to bottom; default every measure of *comparison*.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    measures = list(measures) if measures is not None else list(comparison["measure"].unique())
    fig, axes = plt.subplots(
        len(measures), 1, figsize=figure_size(2, height=1.0 + 1.5 * len(measures)), squeeze=False
    )
    for i, (ax, measure) in enumerate(zip(axes[:, 0], measures, strict=True)):
        plot_forest(comparison, ax=ax, measure=measure, legend=i == 0)
    return fig


def _page_cloud(
    ax: Axes, table: pd.DataFrame, y: float, lexicons: list, colours: list, step: float
) -> str:
    """One row for many pages: each page's difference a point (fixed jitter), a box per
    lexicon; returns the row's label."""
    pages = table[table["scope"] == "page"]
    jitter = np.random.default_rng(0)
    for j, lex in enumerate(lexicons):
        d = pages.loc[pages["lexicon"] == lex, "diff"].to_numpy(dtype=float)
        d = d[np.isfinite(d)]
        if not d.size:
            continue
        yy = y + (len(lexicons) - 1) / 2 * step - j * step
        c = colours[j % len(colours)]
        # a few dozen pages stay visible as points; thousands become a cloud
        ax.scatter(d, yy + jitter.uniform(-0.3, 0.3, d.size) * step, s=3 if d.size > 500 else 9,
                   color=c, alpha=min(0.8, max(0.2, 40 / d.size)), lw=0, zorder=3,
                   rasterized=rasterize_points(d.size))
        ax.boxplot([d], positions=[yy], orientation="horizontal", widths=0.6 * step, showfliers=False,
                   manage_ticks=False, medianprops={"color": c}, boxprops={"color": c},
                   whiskerprops={"color": c}, capprops={"color": c})
    per_page = pages.drop_duplicates("page")
    n = f"{int(per_page['n_units_author'].sum())} / {int(per_page['n_units_commenter'].sum())} units"
    return f"{len(per_page)} pages, a point each\n(intervals in the table), n = {n}"


def plot_page_differences(
    table: pd.DataFrame, *, ax: Axes | None = None, max_pages: int = MAX_PAGE_ROWS
) -> Axes:
    """Forest of author - commenter differences: each page, then the mean over pages.

    Draws :func:`~corpuslib.analysis.sentiment.page_differences` (or the stacked
    :func:`~corpuslib.analysis.sentiment.lexicon_sensitivity`, one colour and
    offset per lexicon): circles with their within-page interval for each page,
    a diamond with the page-bootstrap interval for the mean of within-page
    differences (its sign-flip p and the smallest possible p beside it), and a
    hollow square for the unit-weighted pooled difference shown for comparison.
    Rows flagged too small (a page or the mean over pages) are drawn hollow. n (pages,
    units) is in the labels.
    With more than *max_pages* pages the pages share one row: each page's
    difference is a point (rasterized when many), with their box plot, and the
    per-page intervals are left to the table.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of ``page_differences`` or ``lexicon_sensitivity``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default a new single-column axes).
    max_pages : int
        Most pages drawn as a row each.

    Returns
    -------
    matplotlib.axes.Axes
    """
    need = ("scope", "page", "diff", "ci_low", "ci_high", "n_units_author", "n_units_commenter")
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise SentimentError(f"plot_page_differences: table lacks column(s) {missing}")
    if ax is None:
        ax = new_axes(2, height=3.2)
    table = table if "lexicon" in table.columns else table.assign(lexicon="")
    lexicons = list(dict.fromkeys(table["lexicon"]))
    colours = [PALETTE[c] for c in ("purple", "orange", "skyblue", "green")]
    keys = list(dict.fromkeys(zip(table["scope"], table["page"])))
    page_keys = [k for k in keys if k[0] == "page"]
    if len(page_keys) > max_pages:
        page_keys = [("pages", "")]
    keys = (page_keys + [k for k in keys if k[0] == WITHIN_PAGE]
            + [k for k in keys if k[0] == POOLED_UNITS])
    step = 0.5 / max(1, len(lexicons))
    labels = []
    for i, (scope, page) in enumerate(keys):
        y = len(keys) - 1 - i
        if scope == "pages":
            labels.append(_page_cloud(ax, table, y, lexicons, colours, step))
            continue
        first = table[(table["scope"] == scope) & (table["page"] == page)].iloc[0]
        n = f"n = {first['n_units_author']} / {first['n_units_commenter']} units"
        if scope == "page":
            outlet = str(first.get("outlet", "") or "")
            name = f"{outlet} ({str(page)[:3]})" if outlet else str(page)
            labels.append(f"{name}\n{n}")
        elif scope == WITHIN_PAGE:
            labels.append(f"mean of page differences\n{first['n_pages']} pages, {n}")
        else:
            labels.append(f"pooled, unit-weighted\n(not the estimand), {n}")
        for j, lex in enumerate(lexicons):
            r = table[(table["scope"] == scope) & (table["page"] == page)
                      & (table["lexicon"] == lex)]
            if r.empty or not np.isfinite(r["diff"].iloc[0]):
                continue
            r = r.iloc[0]
            yy = y + (len(lexicons) - 1) / 2 * step - j * step
            c = colours[j % len(colours)]
            marker = {"page": "o", WITHIN_PAGE: "D"}.get(scope, "s")
            hollow = scope == POOLED_UNITS or bool(r.get("too_small", False))
            ax.errorbar(r["diff"], yy, xerr=[[r["diff"] - r["ci_low"]], [r["ci_high"] - r["diff"]]],
                        fmt=marker, color=c, mfc="white" if hollow else c, ms=4, lw=1, capsize=2)
            if scope == WITHIN_PAGE and np.isfinite(r.get("p", np.nan)):
                ax.annotate(f"p = {r['p']:.2f} (min {r['p_min']:.2f})", (r["ci_high"], yy),
                            xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=6, color=c)
    for j, lex in enumerate(lexicons):
        if lex:
            ax.plot([], [], "o", color=colours[j % len(colours)], ms=4, label=lex)
    grey = GREYS["dark"]
    ax.plot([], [], "o", color=grey, mfc="white", ms=4, label="too small (a page: < 5 units a voice;\nthe mean: too few pages)")
    ax.plot([], [], "s", color=grey, mfc="white", ms=4, label="pooled over units (not the estimand)")
    ax.legend(loc="upper right", frameon=False, fontsize=6, borderaxespad=0.2)
    ax.axvline(0, color="0.6", lw=0.6, zorder=0)
    if len(keys) > 1:
        n_page_rows = sum(k[0] in ("page", "pages") for k in keys)
        ax.axhline(len(keys) - 1 - n_page_rows + 0.5, color="0.85", lw=0.5)
    ax.set_yticks(range(len(keys))[::-1], labels, fontsize=6)
    ax.set_ylim(-0.6, len(keys) - 0.4)
    lim = max(0.25, float(np.nanmax(np.abs(table[["ci_low", "ci_high"]].to_numpy(dtype=float)))))
    ax.set_xlim(-lim * 1.1, lim * 2.2)  # room for the p labels and the key
    ax.set_xlabel("author − commenter, mean VADER compound")
    return ax


def figure_word_contributions(
    contributions: pd.DataFrame,
    *,
    k: int = 10,
    neutral: Sequence[str] = (),
    voices: Sequence[str] = ("author", "commenter"),
) -> Figure:
    """The words that contribute most to each voice's VADER score, one panel per voice.

    Horizontal bars of each word's summed valence (after VADER's rules) in the
    voice, the *k* largest in absolute value; words in *neutral* (the domain
    override) are drawn grey and hatched, so topic words that drive a score
    are visible.

    Parameters
    ----------
    contributions : pandas.DataFrame
        Output of :func:`~corpuslib.analysis.sentiment.word_contributions`.
    k : int
        Words per voice.
    neutral : sequence of str
        Words the domain override sets to 0.
    voices : sequence of str
        Voices to draw, left to right (those absent are skipped).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    need = ("voice", "word", "valence_sum", "n")
    missing = [c for c in need if c not in contributions.columns]
    if missing:
        raise SentimentError(f"figure_word_contributions: table lacks column(s) {missing}")
    voices = [v for v in voices if (contributions["voice"] == v).any()] or list(voices[:1])
    fig, axes = plt.subplots(1, len(voices), figsize=figure_size(2, height=0.6 + 0.17 * k),
                             squeeze=False)
    neutral = {w.lower() for w in neutral}
    lim = 0.0
    for ax, voice in zip(axes[0], voices, strict=True):
        top = contributions[contributions["voice"] == voice].head(k).iloc[::-1]
        colour = _colour(voice)
        grey = GREYS["light"]
        for y, r in enumerate(top.itertuples(index=False)):
            off = r.word in neutral
            ax.barh(y, r.valence_sum, color=grey if off else colour, height=0.7,
                    hatch="////" if off else None, edgecolor="white" if off else colour, lw=0)
        ax.set_yticks(range(len(top)), [f"{w} ({n})" for w, n in zip(top["word"], top["n"])],
                      fontsize=6)
        ax.axvline(0, color="0.6", lw=0.6)
        ax.set_title(f"{voice}", fontsize=8)
        ax.set_xlabel("summed valence (VADER)")
        if len(top):
            lim = max(lim, float(top["valence_sum"].abs().max()))
    for ax in axes[0]:
        ax.set_xlim(-lim * 1.1 - 0.1, lim * 1.1 + 0.1)
    if neutral:
        from matplotlib.patches import Patch

        fig.legend(handles=[Patch(facecolor=GREYS["light"], hatch="////", edgecolor="white",
                                  label="neutral (0) in the domain lexicon")],
                   loc="upper right", frameon=False, fontsize=6)
    return fig
