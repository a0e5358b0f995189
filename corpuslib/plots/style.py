"""One publication style and deterministic, atomic writers for figures and tables.

The style is data: ``corpuslib/corpuslib.mplstyle`` (DejaVu Sans 8 pt, Type 42
fonts, Okabe-Ito colours, fixed ``svg.hashsalt``). Sizes per venue are Python
(:func:`figure_size`). :func:`save_figure` and :func:`save_table` write every
file atomically (temporary file + :func:`os.replace`) and byte-identically for
the same figure or table, in the same or in a fresh process.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> with use_style():
...     fig, ax = plt.subplots(figsize=figure_size(1))
>>> figure_size(2, aspect=0.5)
(7.2, 3.6)
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.files import atomic_write

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

import csv
import functools
import hashlib
import importlib.metadata
import io
import math
import numbers
import os
import pickle
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpuslib.analysis.cache import cache_folder, code_version
from corpuslib.errors import CorpuslibError
from corpuslib.escape import FORMULA_START, csv_cell, escape_latex
from corpuslib.files import sha256_json

__all__ = [
    "CAPTION_SUFFIX",
    "COLUMN_WIDTHS",
    "GREYS",
    "MAX_LATEX_CELL",
    "MAX_LATEX_COLUMNS",
    "PALETTE",
    "RASTERIZE_ABOVE",
    "STYLE_FILE",
    "figure_key",
    "figure_size",
    "new_axes",
    "panel_grid",
    "place_labels",
    "rasterize_points",
    "save_figure",
    "save_table",
    "slugify",
    "use_style",
]


#: The shipped matplotlib style sheet.
STYLE_FILE = Path(__file__).with_name("corpuslib.mplstyle")


#: Suffix of the caption file :func:`save_figure` writes next to a figure
#: (read by :func:`corpuslib.runs.report.caption_for`).
CAPTION_SUFFIX = ".caption.txt"


#: Width in inches of one journal column and of the full text width.
COLUMN_WIDTHS: dict[int, float] = {1: 3.5, 2: 7.2}


_OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "skyblue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}


class _Palette(tuple):
    """A tuple of hex colours that can also be indexed by colour name.

    ``PALETTE[0]`` and ``PALETTE["blue"]`` are the same colour; iterating gives
    the colours in cycle order (the order of the style's ``axes.prop_cycle``).
    """

    names: tuple[str, ...]

    def __new__(cls, mapping: Mapping[str, str]) -> _Palette:
        obj = super().__new__(cls, tuple(mapping.values()))
        obj.names = tuple(mapping)
        return obj

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self.names.index(key))
            except ValueError:
                raise KeyError(f"unknown colour {key!r}; known: {', '.join(self.names)}") from None
        return tuple.__getitem__(self, key)

    def as_dict(self) -> dict[str, str]:
        """Return the palette as ``{name: hex}``."""
        return dict(zip(self.names, self, strict=True))


#: Okabe & Ito (2008) colour-blind-safe palette, in the style's cycle order.
PALETTE = _Palette(_OKABE_ITO)

#: Greys for reference lines, de-emphasised points and annotations (not data series).
GREYS: dict[str, str] = {"light": "#BBBBBB", "mid": "#888888", "dark": "#666666", "text": "#444444"}


#: A scatter layer with more points than this is drawn as an image inside PDF and
#: SVG (at the dpi the file is saved with: 300 in :func:`save_figure`), while axes
#: and text stay vector: a 10,000-page corpus puts 100,000 dots in a plot, a 13 MB
#: SVG that production tools choke on.
RASTERIZE_ABOVE = 2_000


def rasterize_points(n_points: int) -> bool:
    """True when a scatter layer of ``n_points`` should be rasterized (see :data:`RASTERIZE_ABOVE`).

    >>> rasterize_points(150), rasterize_points(100_000)
    (False, True)
    """
    return n_points > RASTERIZE_ABOVE


# Metadata that would otherwise carry a timestamp or a version string.
_METADATA: dict[str, dict[str, Any]] = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


_DETERMINISTIC_RC = {"svg.hashsalt": "corpuslib", "pdf.fonttype": 42, "ps.fonttype": 42}


class _StyleContext:
    """Apply the corpuslib style now; restore the previous rcParams on ``with`` exit."""

    def __init__(self, extra: Mapping[str, Any] | None = None) -> None:
        import matplotlib as mpl
        import matplotlib.style

        self._saved = mpl.rcParams.copy()
        matplotlib.style.use(str(STYLE_FILE))
        if extra:
            mpl.rcParams.update(dict(extra))

    def __enter__(self) -> _StyleContext:
        return self

    def __exit__(self, *exc: object) -> None:
        import matplotlib as mpl

        mpl.rcParams.update(self._saved)


def use_style(*, rc: Mapping[str, Any] | None = None) -> _StyleContext:
    """Apply the corpuslib publication style.

    Call it once (``use_style()``) to set the style for the session, or use it
    as a context manager (``with use_style(): ...``) to restore the previous
    settings afterwards.

    Parameters
    ----------
    rc : mapping, optional
        Extra rcParams applied on top of the style.

    Returns
    -------
    context manager
        Restores the previous rcParams on exit when used in a ``with`` block.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with use_style():
    ...     mpl.rcParams["pdf.fonttype"]
    42
    """
    return _StyleContext(rc)


def figure_size(
    columns: int = 1, aspect: float | None = None, *, height: float | None = None
) -> tuple[float, float]:
    """Return ``(width, height)`` in inches for a figure spanning 1 or 2 columns.

    Parameters
    ----------
    columns : {1, 2}
        1 = single column (3.5 in), 2 = full text width (7.2 in).
    aspect : float, optional
        Height / width. Default 0.62 (about the golden ratio). Ignored when
        *height* is given.
    height : float, optional
        Height in inches.

    Returns
    -------
    tuple of float
        Width and height in inches, rounded to 0.01 in.

    Raises
    ------
    CorpuslibError
        If *columns* is not 1 or 2, or the size is not positive.

    Examples
    --------
    >>> figure_size(1)
    (3.5, 2.17)
    >>> figure_size(2, height=3)
    (7.2, 3.0)
    """
    if columns not in COLUMN_WIDTHS:
        raise CorpuslibError(f"figure_size: columns must be 1 or 2, got {columns!r}")
    width = COLUMN_WIDTHS[columns]
    if height is None:
        ratio = 0.62 if aspect is None else float(aspect)
        height = width * ratio
    if not (height > 0 and math.isfinite(height)):
        raise CorpuslibError(f"figure_size: height must be positive, got {height!r}")
    return (width, round(float(height), 2))


def new_axes(columns: int = 1, aspect: float | None = None, *, height: float | None = None) -> Axes:
    """Return the axes of a new one-panel figure at its final printed size.

    The single-panel ``plot_*`` functions draw here when they are given no ``ax``.

    Parameters
    ----------
    columns, aspect, height
        As in :func:`figure_size`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figure_size(columns, aspect, height=height))
    return ax


def _check_name(name: str) -> str:
    if not name or Path(name).name != name or name.startswith("."):
        raise CorpuslibError(
            f"output name {name!r} must be a plain file stem (no folders, not hidden)"
        )
    return name


def _write_atomic(path: Path, write: Callable[[Path], None]) -> Path:

    return atomic_write(path, write)


def _save_rc() -> dict[str, Any]:
    """The rcParams :func:`save_figure` draws under (fixed SVG salt and Type 42 fonts)."""
    import matplotlib as mpl

    rc = dict(_DETERMINISTIC_RC)
    if mpl.rcParams["svg.hashsalt"] is not None:
        rc.pop("svg.hashsalt")
    return rc


class _FigurePickler(pickle.Pickler):
    """Pickles a figure for its key, leaving out what differs between equal figures.

    A transform lists the transforms that depend on it by their ``id()``, which
    differs from process to process: only the list of those children is kept.
    The figure's pyplot number and its pyplot registration count the figures
    opened before it, and a callback registry's id counter counts its connections
    (and moves on each time it is pickled); none of them draws anything.
    """

    def reducer_override(self, obj: Any) -> Any:
        from matplotlib.cbook import CallbackRegistry
        from matplotlib.figure import Figure
        from matplotlib.transforms import TransformNode

        if isinstance(obj, TransformNode):
            state = obj.__getstate__()
            state["_parents"] = [child for child in state["_parents"].values() if child is not None]
            return (type(obj), (), state)
        if isinstance(obj, CallbackRegistry):
            # its own pickling advances its id counter: keying a figure would change it
            state = {name: value for name, value in vars(obj).items()
                     if name not in ("_cid_gen", "_func_cid_map", "callbacks")}
            state["callbacks"] = {signal: {cid: proxy() for cid, proxy in slots.items() if cid in obj._pickled_cids}
                                  for signal, slots in obj.callbacks.items()}
            return (type(obj), (), state)
        if isinstance(obj, Figure):
            state = obj.__getstate__()
            for name in ("_number", "_restore_to_pylab"):
                state.pop(name, None)
            return (type(obj), (), state)
        return NotImplemented


@functools.cache
def _drawing_key() -> str:
    """What draws and encodes a figure besides matplotlib: the fonts it can choose from
    (file, family, size and modification time of each), FreeType, and the versions of
    the packages that lay out, subset fonts and compress (kiwisolver, fontTools,
    Pillow, NumPy, zlib)."""
    import zlib

    from matplotlib import font_manager, ft2font

    def stamp(path: str) -> list[float]:
        try:
            info = os.stat(path)
        except OSError:
            return [-1, -1]
        return [info.st_size, info.st_mtime_ns]

    fonts = sorted([entry.fname, entry.name, entry.style, entry.weight, *stamp(entry.fname)]
                   for entry in font_manager.fontManager.ttflist)
    versions = {name: _version(name) for name in ("kiwisolver", "fonttools", "pillow", "numpy")}
    return sha256_json({"fonts": fonts, "freetype": ft2font.__freetype_version__,
                        "zlib": zlib.ZLIB_RUNTIME_VERSION, **versions})


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def figure_key(
    fig: Any, *, formats: Iterable[str] = ("pdf", "svg", "png"), dpi: int = 300
) -> str | None:
    """Key of the files :func:`save_figure` writes for *fig*, or None when it has none.

    The key hashes what the files' bytes depend on: the figure's whole state (its
    pickle, which holds every artist, its data and properties), the rcParams in
    force, the fonts matplotlib can choose from, the versions of matplotlib,
    FreeType, kiwisolver, fontTools, Pillow, NumPy and zlib, the corpuslib code
    (:func:`corpuslib.analysis.cache.code_version`), the formats in order and the
    dpi. Two figures built the same way from the same tables, in one process or in
    two, get the same key, and keying changes nothing in the figure; a difference
    in what is drawn gives another key. A figure that cannot be pickled (an artist
    holding a lambda) has no key and is always drawn.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, keyed as it is now.
    formats : iterable of str
        The formats to be written, in order.
    dpi : int
        The resolution they are written at.

    Returns
    -------
    str or None
        32 hex digits.
    """
    import matplotlib as mpl

    buffer = io.BytesIO()
    try:
        _FigurePickler(buffer, protocol=5).dump(fig)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    digest = hashlib.blake2b(buffer.getvalue(), digest_size=16)
    digest.update(sha256_json({
        "matplotlib": mpl.__version__,
        "rcParams": {name: repr(value) for name, value in sorted(mpl.rcParams.items())},
        "save_rc": {name: repr(value) for name, value in _save_rc().items()},
        "metadata": {fmt: repr(_METADATA.get(fmt)) for fmt in formats},
        "formats": list(formats),
        "dpi": dpi,
        "drawing": _drawing_key(),
        "code": code_version(),
    }).encode())
    return digest.hexdigest()


def save_figure(
    fig: Any,
    name: str,
    out_dir: str | os.PathLike[str],
    *,
    caption: str | None = None,
    formats: Iterable[str] = ("pdf", "svg", "png"),
    dpi: int = 300,
    cache: str | os.PathLike[str] | bool | None = None,
) -> dict[str, Path]:
    """Write *fig* as ``name.pdf``, ``name.svg`` and ``name.png`` into *out_dir*.

    Output is byte-identical for the same figure: timestamps and version strings
    are removed from the metadata, the SVG hash salt is fixed, and the figure is
    saved at exactly its set size (``bbox_inches=None``). Each file is written
    to a temporary name and moved into place, so readers never see half a file.

    With *caption*, the caption is also written to ``name.caption.txt`` (UTF-8,
    one line ending in ``\n``), the file :func:`corpuslib.runs.report.write_report`
    shows under the figure and uses as its alt text. Say in one sentence what
    is plotted, in which units, and on how many tokens/units (n).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save.
    name : str
        File stem, named by content (``"top-terms-by-role"``).
    out_dir : path-like
        Folder; created if missing.
    caption : str, optional
        Caption written to ``name.caption.txt`` (whitespace runs, including
        newlines, become single spaces). Without it no caption file is written
        and an existing one is left as it is.
    formats : iterable of {"pdf", "svg", "png"}
        Formats to write.
    dpi : int
        Resolution of the PNG (and of rasterised parts of vector files).
    cache : path, bool or None
        Keep the written files in ``<cache>/figures`` (``True``: the project cache,
        ``data/processed/cache``), keyed by :func:`figure_key`. A figure whose key
        was saved before is copied from there instead of drawn again: the same
        bytes, without the second or so each format costs to draw. ``None`` or
        ``False`` (the default): always draw.

    Returns
    -------
    dict
        Format -> path written, plus ``"caption"`` -> the caption file when
        *caption* was given.

    Raises
    ------
    CorpuslibError
        If *name* is not a plain file stem, a format is unsupported or
        *caption* is empty or not a string.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=figure_size(1))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = save_figure(fig, "rates", d, formats=("png",),
    ...                         caption="Term rates per 1,000 tokens (n = 982).")
    ...     print(sorted(paths), paths["caption"].read_text(), end="")
    ['caption', 'png'] Term rates per 1,000 tokens (n = 982).
    >>> plt.close(fig)
    """
    import matplotlib as mpl

    _check_name(name)
    if caption is not None:
        if not isinstance(caption, str) or not caption.strip():
            raise CorpuslibError(
                f"save_figure({name!r}): caption must be a non-empty string, got {caption!r}"
            )
        caption = " ".join(caption.split())
    out = Path(out_dir)
    formats = tuple(formats)
    for fmt in formats:
        if fmt not in _METADATA:
            raise CorpuslibError(
                f"save_figure: unsupported format {fmt!r} for {name!r}; use pdf, svg or png"
            )
    rc = _save_rc()
    key = figure_key(fig, formats=formats, dpi=dpi) if cache not in (None, False) else None
    kept = cache_folder(cache) / "figures" if key else None
    written: dict[str, Path] = {}
    if kept is not None and all((kept / f"{key}.{fmt}").is_file() for fmt in formats):
        for fmt in formats:
            source = kept / f"{key}.{fmt}"
            written[fmt] = _write_atomic(
                out / f"{name}.{fmt}", lambda tmp, source=source: shutil.copyfile(source, tmp)
            )
    else:
        # Every format is drawn, in order, even when some are kept: a file's bytes
        # may depend on the draws before it, and a kept file must equal a drawn one.
        for fmt in formats:

            def _write(tmp: Path, fmt: str = fmt) -> None:
                with mpl.rc_context(rc):
                    fig.savefig(
                        tmp, format=fmt, dpi=dpi, metadata=dict(_METADATA[fmt]), bbox_inches=None
                    )

            written[fmt] = _write_atomic(out / f"{name}.{fmt}", _write)
            if kept is not None:
                _write_atomic(
                    kept / f"{key}.{fmt}",
                    lambda tmp, source=written[fmt]: shutil.copyfile(source, tmp),
                )
    if caption is not None:
        text = caption + "\n"
        written["caption"] = _write_atomic(
            out / f"{name}{CAPTION_SUFFIX}", lambda p: p.write_text(text, "utf-8", newline="\n")
        )
    return written


_latex_escape = escape_latex


def _format_cell(value: Any, float_format: str) -> str:
    if type(value) is str:  # most cells of a large table: no test below applies to them
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return float_format % float(value)
    return str(value)


def _csv_value(value: Any, float_format: str) -> str:
    """A CSV cell: numbers as formatted, text neutralised against formula injection."""
    text = _format_cell(value, float_format)
    if isinstance(value, (numbers.Number, bool)) or value is None or value is pd.NA:
        return text
    return csv_cell(text)


def _csv_column(column: pd.Series, float_format: str) -> list[str]:
    """The CSV cells of one column, as :func:`_csv_value` writes each cell (a column of
    one NumPy dtype is formatted in one pass: large tables are written column-wise)."""
    values = column.tolist()
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else None
    if kind in ("i", "u", "b"):
        return [str(v) for v in values]
    if kind == "f":
        return ["" if v != v else float_format % v for v in values]
    # csv_cell only where a text starts like a formula: most cells need no call at all
    return [
        (csv_cell(v) if v.startswith(FORMULA_START) else v) if type(v) is str
        else _csv_value(v, float_format)
        for v in values
    ]


#: Rows of a table that :func:`save_table` turns into CSV cells at a time: the cells of a
#: large table (every one a Python string) are never all held at once.
CSV_SLICE_ROWS = 20_000


def _write_csv(table: pd.DataFrame, path: Path, float_format: str) -> None:
    """Write *table* as CSV into *path*, :data:`CSV_SLICE_ROWS` rows at a time."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([csv_cell(str(c)) for c in table.columns])
        for lo in range(0, len(table), CSV_SLICE_ROWS):
            part = table.iloc[lo : lo + CSV_SLICE_ROWS]
            columns = [_csv_column(part.iloc[:, j], float_format) for j in range(part.shape[1])]
            writer.writerows(zip(*columns) if columns else [[]] * len(part))


def _to_latex(
    df: pd.DataFrame, *, caption: str | None, label: str | None, float_format: str
) -> str:
    align = "".join(
        "r"
        if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        else "l"
        for c in df.columns
    )
    lines = ["\\begin{table}[htbp]", "\\centering"]
    if caption:
        lines.append(f"\\caption{{{_latex_escape(caption)}}}")
    if label:
        lines.append(f"\\label{{{label}}}")
    lines += [f"\\begin{{tabular}}{{{align}}}", "\\toprule"]
    lines.append(" & ".join(_latex_escape(str(c)) for c in df.columns) + " \\\\")
    lines.append("\\midrule")
    for row in df.itertuples(index=False, name=None):
        cells = [_latex_escape(_format_cell(v, float_format)) for v in row]
        lines.append(" & ".join(cells) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}", ""]
    return "\n".join(lines)


def save_table(
    df: pd.DataFrame,
    name: str,
    out_dir: str | os.PathLike[str],
    *,
    latex: bool = True,
    caption: str | None = None,
    label: str | None = None,
    float_format: str = "%.4g",
    index: bool = False,
    latex_columns: Sequence[str] | None = None,
) -> dict[str, Path]:
    """Write *df* as ``name.csv`` (and ``name.tex``, a booktabs table) into *out_dir*.

    The CSV has every column. The LaTeX table is made to fit a page: at most
    :data:`MAX_LATEX_COLUMNS` columns and no prose (a text column with a cell over
    :data:`MAX_LATEX_CELL` characters is left out); its caption names the columns
    that are only in the CSV. *latex_columns* chooses the columns instead.

    Both files are deterministic (fixed float format, ``\\n`` line endings,
    UTF-8, no timestamps) and written atomically. The LaTeX needs
    ``\\usepackage{booktabs}``. Corpus text is escaped for each format: LaTeX
    specials in the ``.tex`` file, and text cells a spreadsheet would run as a
    formula (starting with ``= + - @``, tab or CR) get a leading ``'`` in the CSV
    (:func:`corpuslib.escape.csv_cell`; numbers stay numbers).

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    name : str
        File stem, named by content (``"top-terms-by-outlet"``).
    out_dir : path-like
        Folder; created if missing.
    latex : bool
        Also write the LaTeX table.
    caption, label : str, optional
        LaTeX caption and label.
    float_format : str
        ``%``-format for floats in both files.
    index : bool
        Keep the DataFrame index as leading column(s).
    latex_columns : sequence of str, optional
        Columns of the LaTeX table (at most :data:`MAX_LATEX_COLUMNS`).

    Returns
    -------
    dict
        ``{"csv": path, "tex": path}`` (``"tex"`` only when *latex*).

    Raises
    ------
    CorpuslibError
        If *name* is not a plain file stem or *df* is not a DataFrame.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = save_table(pd.DataFrame({"term": ["iran"], "rate": [1.5]}), "t", d)
    ...     print(paths["csv"].read_text(), end="")
    term,rate
    iran,1.5
    """
    _check_name(name)
    if not isinstance(df, pd.DataFrame):
        raise CorpuslibError(f"save_table({name!r}): expected a DataFrame, got {type(df).__name__}")
    table = df.reset_index() if index else df
    out = Path(out_dir)

    written = {"csv": _write_atomic(out / f"{name}.csv", lambda p: _write_csv(table, p, float_format))}
    if latex:
        shown = _latex_columns(table, latex_columns)
        rest = [str(c) for c in table.columns if c not in shown]
        note = f"Further columns in {name}.csv: {', '.join(rest)}." if rest else ""
        head = (caption or "").rstrip()
        if head and note and not head.endswith((".", "?", "!")):
            head += "."
        tex = _to_latex(table[shown], caption=" ".join(x for x in (head, note) if x) or None,
                        label=label, float_format=float_format)
        written["tex"] = _write_atomic(
            out / f"{name}.tex", lambda p: p.write_text(tex, "utf-8", newline="\n")
        )
    return written


#: Widest LaTeX table :func:`save_table` writes (columns), and the longest text cell it keeps.
MAX_LATEX_COLUMNS = 8
MAX_LATEX_CELL = 40


def _latex_columns(table: pd.DataFrame, chosen: Sequence[str] | None) -> list:
    if chosen is not None:
        chosen = list(chosen)
        if len(chosen) > MAX_LATEX_COLUMNS:
            raise CorpuslibError(f"latex_columns: at most {MAX_LATEX_COLUMNS} columns, got {len(chosen)}")
        return chosen
    prose = [c for c in table.columns
             if (table[c].dtype == object or pd.api.types.is_string_dtype(table[c]))
             and table[c].astype(str).str.len().max() > MAX_LATEX_CELL]
    return [c for c in table.columns if c not in prose][:MAX_LATEX_COLUMNS]


def slugify(text: str) -> str:
    """Return a file-name stem for ``text``: lower case ASCII letters, digits and ``-``.

    Used to name outputs by content (``fightin-words-antiwar-com``).

    Examples
    --------
    >>> slugify("Antiwar.com")
    'antiwar-com'
    >>> slugify("Just World News (Helena Cobban)")
    'just-world-news-helena-cobban'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return stem or "group"


def panel_grid(n_panels: int, *, columns: int, panel_height: float) -> tuple[Figure, list[Axes]]:
    import matplotlib.pyplot as plt

    try:

        width = figure_size(2)[0]
    except ImportError:  # pragma: no cover - figures is part of the package
        width = 7.2
    n = max(n_panels, 1)
    rows = math.ceil(n / columns)
    fig, axes = plt.subplots(
        rows, columns, figsize=(width, panel_height * rows + 0.3), squeeze=False
    )
    return fig, list(axes.ravel())


def place_labels(
    ax: Axes,
    items: Sequence[tuple[str, float, float]],
    *,
    fontsize: float = 5.5,
    obstacles: Sequence[Any] = (),
    pad: float = 1.0,
    settle: bool = True,
) -> list[str]:
    """Label points without overlap: a deterministic greedy placement.

    Items are placed in the order given (put the most important first). For each,
    a fixed list of offsets around the point is tried; the first whose text box,
    measured with the figure's renderer, lies inside the axes and overlaps neither
    an earlier label nor an ``obstacles`` artist is kept. A label that fits nowhere
    is left out. Call it after the axes' final size is set (constrained layout is
    run first, unless ``settle=False`` says the caller has just drawn the figure); the
    labels are excluded from the layout so they do not move it.

    Returns the texts placed, in order.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    if settle:
        fig.draw_without_rendering()  # settle the layout so the boxes are final
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken: list[Bbox] = [a.get_window_extent(renderer).expanded(1.0, 1.0) for a in obstacles]
    # (dx, dy) in points and horizontal alignment, nearest positions first; beyond the
    # first ring a thin leader line ties the label to its point.
    offsets = [
        (3, 0, "left"), (-3, 0, "right"), (3, 5, "left"), (3, -5, "left"),
        (-3, 5, "right"), (-3, -5, "right"), (0, 7, "center"), (0, -7, "center"),
        (8, 10, "left"), (8, -10, "left"), (-8, 10, "right"), (-8, -10, "right"),
        (12, 16, "left"), (12, -16, "left"), (-12, 16, "right"), (-12, -16, "right"),
    ]  # fmt: skip
    placed: list[str] = []
    for text, x, y in items:
        for dx, dy, ha in offsets:
            far = dy != 0  # only a label level with its point needs no leader line
            ann = ax.annotate(
                text, (x, y), xytext=(dx, dy), textcoords="offset points",
                fontsize=fontsize, ha=ha, va="center",
                arrowprops={"arrowstyle": "-", "lw": 0.3, "color": GREYS["mid"],
                            "shrinkA": 0, "shrinkB": 1.5} if far else None,
            )  # fmt: skip
            ann.set_in_layout(False)
            box = ann.get_window_extent(renderer)
            inside = (
                box.x0 >= frame.x0 and box.x1 <= frame.x1
                and box.y0 >= frame.y0 and box.y1 <= frame.y1
            )  # fmt: skip
            padded = box.expanded(1.0, 1.0).padded(pad)
            if inside and not any(padded.overlaps(other) for other in taken):
                taken.append(padded)
                placed.append(text)
                break
            ann.remove()
    return placed
