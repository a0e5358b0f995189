"""Tests for corpuslib.figures: formats, determinism (as matplotlib's test_determinism), fonts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PIL import Image  # noqa: E402

from corpuslib.errors import CorpuslibError  # noqa: E402
from corpuslib.plots.counts import figure_term_bars, plot_rank_frequency, plot_rate_scatter
from corpuslib.plots.style import (
    PALETTE,
    STYLE_FILE,
    figure_key,
    figure_size,
    save_figure,
    save_table,
    use_style,
)

_DRAW = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from corpuslib.plots.style import use_style, figure_size, save_figure, PALETTE
with use_style():
    fig, ax = plt.subplots(figsize=figure_size(1))
    ax.bar(["US", "iraq", "إيران"], [3, 2, 1], color=PALETTE[:3])
    ax.plot([0, 1, 2], [1, 3, 2], marker="o")
    ax.set_xlabel("term")
    ax.set_ylabel("occurrences per 1,000 tokens")
    ax.set_title("Determinism ü")
    paths = save_figure(fig, "det", OUT)
    plt.close(fig)
"""


def _draw(out: Path) -> dict[str, Path]:
    scope: dict = {"OUT": out}
    exec(_DRAW, scope)  # noqa: S102 - the same code is run in a fresh process below
    return scope["paths"]


def test_three_formats_written(tmp_path: Path) -> None:
    paths = _draw(tmp_path)
    assert sorted(paths) == ["pdf", "png", "svg"]
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert paths["png"].read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in paths["svg"].read_bytes()
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


def test_byte_identical_same_process(tmp_path: Path) -> None:
    a, b = _draw(tmp_path / "a"), _draw(tmp_path / "b")
    for fmt in a:
        assert a[fmt].read_bytes() == b[fmt].read_bytes(), fmt


def test_byte_identical_fresh_process(tmp_path: Path) -> None:
    here = _draw(tmp_path / "here")
    code = f"from pathlib import Path\nOUT = Path({str(tmp_path / 'there')!r})\n" + textwrap.dedent(
        _DRAW
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    for fmt, path in here.items():
        assert path.read_bytes() == (tmp_path / "there" / path.name).read_bytes(), fmt


def _bars(title: str = "Determinism ü", heights=(3, 2, 1)):
    with use_style():
        fig, ax = plt.subplots(figsize=figure_size(1))
        ax.bar(["US", "iraq", "إيران"], list(heights), color=PALETTE[:3])
        ax.set_xlabel("term")
        ax.set_ylabel("occurrences per 1,000 tokens")
        ax.set_title(title)
    return fig


def test_kept_figure_is_copied_not_drawn_and_equals_a_drawn_one(tmp_path, monkeypatch) -> None:
    drawn = save_figure(_bars(), "bars", tmp_path / "drawn")
    save_figure(_bars(), "bars", tmp_path / "first", cache=tmp_path / "cache")
    assert len(list((tmp_path / "cache" / "figures").iterdir())) == 3

    def no_drawing(*args, **kwargs):
        raise AssertionError("a kept figure was drawn again")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", no_drawing)
    copied = save_figure(_bars(), "bars", tmp_path / "second", cache=tmp_path / "cache")
    for fmt, path in drawn.items():
        assert copied[fmt].read_bytes() == path.read_bytes(), fmt
    with pytest.raises(AssertionError, match="drawn again"):
        save_figure(_bars(title="Another title"), "bars", tmp_path / "third", cache=tmp_path / "cache")
    plt.close("all")


def test_a_missing_kept_format_draws_every_format_again(tmp_path, monkeypatch) -> None:
    save_figure(_bars(), "bars", tmp_path / "first", cache=tmp_path / "cache")
    next((tmp_path / "cache" / "figures").glob("*.svg")).unlink()
    calls = []
    savefig = matplotlib.figure.Figure.savefig
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig",
                        lambda fig, *a, **k: calls.append(k["format"]) or savefig(fig, *a, **k))
    save_figure(_bars(), "bars", tmp_path / "second", cache=tmp_path / "cache")
    assert calls == ["pdf", "svg", "png"]
    assert len(list((tmp_path / "cache" / "figures").iterdir())) == 3
    plt.close("all")


def test_figure_key_follows_what_is_drawn() -> None:
    same = {figure_key(_bars()) for _ in range(2)}
    assert len(same) == 1 and None not in same
    fig = _bars()
    assert figure_key(fig) == figure_key(fig) == next(iter(same))  # keying changes nothing
    others = {figure_key(_bars(title="Determinism u")), figure_key(_bars(heights=(3, 2, 1.5)))}
    assert len(others | same) == 3
    key = same.pop()
    assert figure_key(_bars(), formats=("png",)) != key
    assert figure_key(_bars(), dpi=600) != key
    with matplotlib.rc_context({"pdf.compression": 9}):  # read when the PDF is written
        assert figure_key(_bars()) != key
    plt.close("all")


def test_figure_key_is_the_same_in_a_fresh_process() -> None:
    code = textwrap.dedent("""
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from corpuslib.plots.style import PALETTE, figure_key, figure_size, use_style
        with use_style():
            fig, ax = plt.subplots(figsize=figure_size(1))
            ax.bar(["US", "iraq", "إيران"], [3, 2, 1], color=PALETTE[:3])
            ax.set_xlabel("term")
            ax.set_ylabel("occurrences per 1,000 tokens")
            ax.set_title("Determinism ü")
        print(figure_key(fig))
    """)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120,
                           capture_output=True, text=True).stdout.strip()
    assert there == figure_key(_bars())
    plt.close("all")


def test_a_figure_that_cannot_be_pickled_is_drawn_and_not_kept(tmp_path) -> None:
    fig = _bars()
    fig.axes[0].yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    assert figure_key(fig) is None
    paths = save_figure(fig, "bars", tmp_path / "out", cache=tmp_path / "cache")
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "cache" / "figures").exists()
    plt.close(fig)


def test_pdf_embeds_truetype_not_type3(tmp_path: Path) -> None:
    pdf = _draw(tmp_path)["pdf"].read_bytes()
    assert b"/FontType 3" not in pdf and b"/Subtype /Type3" not in pdf
    assert b"FontFile2" in pdf
    assert b"CreationDate" not in pdf and b"Producer" not in pdf


def test_png_is_300_dpi_at_set_size(tmp_path: Path) -> None:
    png = _draw(tmp_path)["png"]
    with Image.open(png) as im:
        dpi = im.info["dpi"]
        assert round(dpi[0]) == 300 and round(dpi[1]) == 300
        w, h = figure_size(1)
        assert im.size == (round(w * 300), round(h * 300))
        assert "Software" not in im.info


def test_svg_has_no_date(tmp_path: Path) -> None:
    svg = _draw(tmp_path)["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_style_is_applied_and_restored() -> None:
    before = matplotlib.rcParams["font.size"]
    with use_style():
        assert matplotlib.rcParams["pdf.fonttype"] == 42
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert matplotlib.rcParams["svg.hashsalt"] == "corpuslib"
    assert matplotlib.rcParams["font.size"] == before
    assert STYLE_FILE.is_file()


def test_figure_size() -> None:
    assert figure_size(1)[0] == 3.5
    assert figure_size(2)[0] == 7.2
    assert figure_size(2, 0.5) == (7.2, 3.6)
    assert figure_size(1, height=2.0) == (3.5, 2.0)
    with pytest.raises(CorpuslibError, match="columns"):
        figure_size(3)


def test_palette_okabe_ito() -> None:
    assert PALETTE[0] == PALETTE["blue"] == "#0072B2"
    assert len(PALETTE) == 8 and len(set(PALETTE)) == 8
    with pytest.raises(KeyError, match="unknown colour"):
        PALETTE["red"]


def test_bad_names_rejected(tmp_path: Path) -> None:
    fig = plt.figure()
    with pytest.raises(CorpuslibError, match="plain file stem"):
        save_figure(fig, "../x", tmp_path)
    with pytest.raises(CorpuslibError, match="unsupported format"):
        save_figure(fig, "x", tmp_path, formats=("jpg",))
    plt.close(fig)


def test_save_table_csv_and_booktabs(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {"term": ["US", "al_qaeda", "100%"], "count": [3, 2, 1], "rate": [1 / 3, 0.25, None]}
    )
    a = save_table(df, "top", tmp_path / "a", caption="Top & terms", label="tab:top")
    b = save_table(df, "top", tmp_path / "b", caption="Top & terms", label="tab:top")
    for k in ("csv", "tex"):
        assert a[k].read_bytes() == b[k].read_bytes()
    assert a["csv"].read_text(encoding="utf-8") == (
        "term,count,rate\nUS,3,0.3333\nal_qaeda,2,0.25\n100%,1,\n"
    )
    tex = a["tex"].read_text(encoding="utf-8")
    for piece in (
        "\\toprule",
        "\\midrule",
        "\\bottomrule",
        "{lrr}",
        "al\\_qaeda",
        "100\\%",
        "Top \\& terms",
        "\\label{tab:top}",
    ):
        assert piece in tex
    only_csv = save_table(df, "plain", tmp_path, latex=False)
    assert set(only_csv) == {"csv"}


def test_plot_helpers_draw(tmp_path: Path) -> None:
    counts = pd.DataFrame(
        {
            "voice": ["author"] * 3 + ["commenter"] * 2,
            "term": ["US", "iraq", "iran", "US", "shia"],
            "count": [5, 4, 1, 3, 2],
            "n_tokens": [10, 10, 10, 5, 5],
        }
    ).assign(rate_per_1000=lambda d: 1000 * d["count"] / d["n_tokens"])
    rates = pd.DataFrame(
        {
            "term": ["US", "iraq", "shia"],
            "count_a": [5, 4, 0],
            "count_b": [3, 0, 2],
            "rate_a": [500.0, 400.0, 0.0],
            "rate_b": [600.0, 0.0, 400.0],
            "n_a": 10,
            "n_b": 5,
        }
    )
    zipf = pd.DataFrame({"rank": [1, 2, 3], "count": [5, 4, 1]})
    with use_style():
        for name, fig in {
            "bars": figure_term_bars(counts, facet="voice", top_n=3),
            "scatter": plot_rate_scatter(rates, label_a="authors", label_b="commenters").figure,
            "zipf": plot_rank_frequency(zipf).figure,
        }.items():
            png = save_figure(fig, name, tmp_path, formats=("png",))["png"]
            w, h = fig.get_size_inches()
            plt.close(fig)
            # saved at the figure's own size (no tight bbox) and 300 dpi, recorded in pHYs
            with Image.open(png) as im:
                assert im.format == "PNG"
                assert im.size == (round(w * 300), round(h * 300)), name
                assert im.info["dpi"] == pytest.approx((300, 300), abs=0.01), name


def test_caption_file_written_atomically_and_deterministically(tmp_path: Path) -> None:
    from corpuslib.plots.style import CAPTION_SUFFIX
    from corpuslib.runs.report import caption_for

    with use_style():
        fig, ax = plt.subplots(figsize=figure_size(1))
        ax.plot([0, 1], [0, 1])
        caption = "Rate of each term per 1,000 counted tokens\n  (n = 980)."
        paths = save_figure(fig, "rates", tmp_path, formats=("png",), caption=caption)
        first = paths["caption"].read_bytes()
        again = save_figure(fig, "rates", tmp_path, formats=("png",), caption=caption)
        # without a caption nothing is written and an existing caption file is kept
        plain = save_figure(fig, "rates", tmp_path, formats=("png",))
        with pytest.raises(CorpuslibError, match="caption"):
            save_figure(fig, "rates", tmp_path, formats=("png",), caption="  ")
        plt.close(fig)
    assert paths["caption"] == tmp_path / f"rates{CAPTION_SUFFIX}"
    assert first == b"Rate of each term per 1,000 counted tokens (n = 980).\n"
    assert again["caption"].read_bytes() == first
    assert "caption" not in plain and paths["caption"].read_bytes() == first
    assert not list(tmp_path.glob(".*.tmp"))
    assert caption_for(tmp_path, "rates") == "Rate of each term per 1,000 counted tokens (n = 980)."


def test_rate_scatter_labels_stay_inside_and_apart() -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    n = 300
    count_a, count_b = rng.zipf(1.6, n).clip(0, 60), rng.zipf(1.6, n).clip(0, 60)
    count_a[:40], count_b[40:80] = 0, 0
    rates = pd.DataFrame(
        {
            "term": [f"term{i:03d}" for i in range(n)],
            "count_a": count_a,
            "count_b": count_b,
            "n_a": 1000,
            "n_b": 900,
        }
    ).assign(rate_a=lambda d: d["count_a"] * 1.0, rate_b=lambda d: d["count_b"] * 1000 / 900)
    with use_style():
        fig = plot_rate_scatter(rates, label_a="authors", label_b="commenters", n_labels=15,
                                unit="counted tokens").figure  # fmt: skip
        fig.draw_without_rendering()
        ax = fig.axes[0]
        frame = ax.get_window_extent()
        boxes = [t.get_window_extent() for t in ax.texts]
        plt.close(fig)
    assert 5 <= len(boxes) <= 15
    assert "counted tokens" in ax.get_xlabel()
    for k, a in enumerate(boxes):
        assert frame.x0 - 1 <= a.x0 and a.x1 <= frame.x1 + 1, "label outside the axes"
        assert frame.y0 - 1 <= a.y0 and a.y1 <= frame.y1 + 1, "label outside the axes"
        for b in boxes[k + 1 :]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_x <= 1 or overlap_y <= 1, "labels overlap"


@pytest.mark.parametrize("columns", [1, 2])
def test_rate_scatter_axis_labels_fit_the_figure_for_a_large_corpus(columns) -> None:
    """A 10,000-page corpus (n in the millions) once pushed the y label off the figure."""
    rates = pd.DataFrame(
        {"term": ["iran", "iraq"], "count_a": [50, 10], "count_b": [40, 30],
         "n_a": 1_552_830, "n_b": 2_177_808}
    ).assign(rate_a=lambda d: d["count_a"] * 1000 / d["n_a"],
             rate_b=lambda d: d["count_b"] * 1000 / d["n_b"])  # fmt: skip
    with use_style():
        fig = plot_rate_scatter(rates, label_a="authors", label_b="commenters", columns=columns,
                                unit="counted tokens").figure  # fmt: skip
        fig.draw_without_rendering()
        page = fig.bbox
        ax = fig.axes[0]
        for label in (ax.xaxis.label, ax.yaxis.label):
            box = label.get_window_extent()
            assert page.y0 <= box.y0 and box.y1 <= page.y1, label.get_text()
            assert page.x0 <= box.x0 and box.x1 <= page.x1, label.get_text()
        plt.close(fig)


def _scatter_rates(n_terms: int) -> pd.DataFrame:
    import numpy as np

    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 50, n_terms), rng.integers(0, 50, n_terms)
    return pd.DataFrame(
        {"term": [f"t{i}" for i in range(n_terms)], "count_a": a, "count_b": b,
         "n_a": 10_000, "n_b": 10_000, "rate_a": a / 10.0, "rate_b": b / 10.0}
    )  # fmt: skip


@pytest.mark.parametrize("n_terms, raster", [(200, False), (20_000, True)])
def test_dense_scatter_layers_are_rasterized_in_vector_formats(tmp_path, n_terms, raster) -> None:
    from corpuslib.plots.style import RASTERIZE_ABOVE

    assert (n_terms > RASTERIZE_ABOVE) is raster
    sizes = []
    for run in ("a", "b"):
        with use_style():
            fig = plot_rate_scatter(_scatter_rates(n_terms), label_a="a", label_b="b").figure
            paths = save_figure(fig, "scatter", tmp_path / run)
            plt.close(fig)
        svg = paths["svg"].read_text(encoding="utf-8")
        pdf = paths["pdf"].read_bytes()
        assert ("<image" in svg) is raster
        assert (b"/Subtype /Image" in pdf) is raster
        assert b"/FontFile2" in pdf  # the axis labels are still embedded text, not pixels
        assert svg.count("<path") > 20  # axes, ticks and glyphs stay vector paths
        sizes.append(paths["svg"].stat().st_size)
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
               for f in ("scatter.svg", "scatter.pdf", "scatter.png"))  # fmt: skip
    if raster:
        assert sizes[0] < 1_500_000  # 20,000 vector dots would be several MB


def test_latex_tables_fit_a_page_and_keep_prose_in_the_csv(tmp_path):
    wide = pd.DataFrame({f"c{k}": [1.0, 2.0] for k in range(10)})
    wide["text"] = ["a very long sentence of prose that belongs in the CSV only", "short"]
    paths = save_table(wide, "wide", tmp_path, caption="Wide")
    tex = paths["tex"].read_text(encoding="utf-8")
    header = next(line for line in tex.splitlines() if line.startswith("c0"))
    assert header.count("&") == 7  # 8 columns
    assert "prose" not in tex and "Further columns in wide.csv: c8, c9, text." in tex
    assert "prose" in paths["csv"].read_text(encoding="utf-8")


def test_top_terms_skip_small_groups_and_can_share_a_scale():
    counts = pd.DataFrame({"voice": ["a", "a", "b"], "term": ["x", "y", "z"],
                           "rate_per_1000": [10.0, 5.0, 500.0], "n_tokens": [400, 400, 2]})
    with use_style():
        fig = figure_term_bars(counts, facet="voice", min_n=100, shared_scale=True)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert len(shown) == 1 and "Not drawn (fewer than 100 tokens): b." in fig._supxlabel.get_text()
    plt.close(fig)


def test_top_terms_say_so_when_no_group_has_enough_tokens():
    counts = pd.DataFrame({"voice": ["a"], "term": ["x"], "rate_per_1000": [10.0], "n_tokens": [5]})
    with use_style():
        fig = figure_term_bars(counts, facet="voice", min_n=100)
    assert "No voice has at least 100 tokens" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(-(2**40), 2**40),
            st.floats(allow_nan=True, allow_infinity=True),
            st.booleans(),
            st.one_of(st.none(), st.text(max_size=8), st.integers(-5, 5), st.floats(allow_nan=True)),
        ),
        max_size=12,
    )
)
def test_save_table_writes_each_cell_as_the_cell_formatter_does(rows, tmp_path_factory) -> None:
    """The column-wise CSV writer gives, cell for cell, what ``_csv_value`` gives (numbers
    formatted, NaN empty, text guarded against formulas), whatever the column dtypes."""
    import csv
    import io

    from corpuslib.plots.style import _csv_value

    df = pd.DataFrame(rows, columns=["i", "f", "b", "mixed"])
    df = df.astype({"i": "int64", "f": "float64", "b": "bool"}) if rows else df
    df["s"] = pd.Series([None if m is None else str(m) for m in df["mixed"]], dtype="string")
    out = tmp_path_factory.mktemp("csv")
    path = save_table(df, "t", out)["csv"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(df.columns))
    for row in df.itertuples(index=False, name=None):
        writer.writerow([_csv_value(v, "%.4g") for v in row])
    assert path.read_bytes().decode("utf-8") == buf.getvalue()  # no newline translation


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(-5, 5), st.floats(allow_nan=True), st.one_of(st.none(), st.text(max_size=6))),
        max_size=9,
    ),
    size=st.integers(min_value=1, max_value=4),
)
def test_save_table_in_row_slices_writes_the_same_bytes(rows, size, tmp_path_factory) -> None:
    """save_table turns CSV_SLICE_ROWS rows into cells at a time; any slice size gives
    the file of one slice."""
    import corpuslib.plots.style as style

    df = pd.DataFrame(rows, columns=["i", "f", "s"])
    out = tmp_path_factory.mktemp("slices")
    whole = save_table(df, "whole", out, latex=False)["csv"].read_bytes()
    saved = style.CSV_SLICE_ROWS
    try:
        style.CSV_SLICE_ROWS = size
        sliced = save_table(df, "sliced", out, latex=False)["csv"].read_bytes()
    finally:
        style.CSV_SLICE_ROWS = saved
    assert sliced == whole
