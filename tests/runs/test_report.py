"""Tests for corpuslib.report: the static index.html of a run, and its offline rendering."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from corpuslib.runs.report import (
    _CAPTION_SUFFIX,
    MAX_SEARCH_ROWS,
    MAX_TABLE_ROWS,
    caption_for,
    readable_name,
    write_report,
)

ROOT = Path(__file__).resolve().parents[2]
BROWSER_CHECK = ROOT / "scripts" / "check_report_browser.py"


class _Refs(HTMLParser):
    """Collect every href/src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.refs.append(value)


def refs_of(page: Path) -> list[str]:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def make_png(path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["Iran", "Iraq", "US"], [3, 5, 2], color="#0072B2")
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A hand-made run folder with the awkward cases."""
    run = tmp_path / "demo"
    figures, tables, notebooks = run / "figures", run / "tables", run / "notebooks"
    for folder in (figures, tables, notebooks):
        folder.mkdir(parents=True)
    make_png(figures / "keyness-by-outlet.png")
    (figures / "keyness-by-outlet.pdf").write_bytes(b"%PDF-1.4 stub")
    (figures / "keyness-by-outlet.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (figures / "keyness-by-outlet.caption.txt").write_text("Keyness: <Iran> vs Iraq\n")
    (figures / "svg_only.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"
    )
    (figures / "pdf-only.pdf").write_bytes(b"%PDF-1.4 stub")
    (figures / ".keyness-by-outlet.png.123.tmp").write_bytes(b"half-written")
    (tables / "top-terms.csv").write_text("term,n\nu.s.,12\n<b>iran</b>,3\n", encoding="utf-8")
    (tables / "top-terms.tex").write_text(
        "\\begin{table}\n\\caption{Top terms \\& counts, 5\\% sample}\n\\end{table}\n"
    )
    rows = "\n".join(f"w{i},{i}" for i in range(MAX_TABLE_ROWS + 10))
    (tables / "long_table.csv").write_text(f"term,n\n{rows}\n")
    (tables / "tex-only.tex").write_text("\\begin{tabular}{l}\\end{tabular}\n")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Word frequency\n\nThe odds $\\delta_w$."),
            nbformat.v4.new_code_cell("1 + 1", execution_count=1),
        ]
    )
    nb.cells[1].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    nbformat.write(nb, notebooks / "01_word_frequency.ipynb")
    record = {
        "run": "demo",
        "description": "A <demo> run.",
        "status": "failed",
        "started": "2026-01-01T00:00:00+00:00",
        "finished": "2026-01-01T00:01:00+00:00",
        "environment": {"corpuslib": "0.1.0", "git": {"commit": "abc123"}},
        "parameters": {"01_word_frequency": {"top_n": 20, "out_dir": "outputs/demo"}},
        "notebooks": [
            {
                "notebook": "01_word_frequency",
                "status": "failed",
                "duration_s": 1.5,
                "error": {"ename": "KeyError", "evalue": "'role'", "execution_count": 7},
            }
        ],
    }
    (run / "run.json").write_text(json.dumps(record), encoding="utf-8")
    return run


def test_readable_name_and_caption_convention(run_dir):
    assert readable_name("keyness-by-outlet") == "Keyness by outlet"
    assert caption_for(run_dir / "figures", "keyness-by-outlet") == "Keyness: <Iran> vs Iraq"
    assert caption_for(run_dir / "tables", "top-terms") == "Top terms & counts, 5% sample"
    assert caption_for(run_dir / "figures", "svg_only") == "Svg only"


def test_report_lists_every_figure_table_and_notebook(run_dir):
    index = write_report(run_dir)
    assert index == run_dir / "index.html"
    page = index.read_text(encoding="utf-8")
    refs = refs_of(index)
    local = [r for r in refs if not r.startswith(("#", "http:", "https:"))]
    # every link points at an existing file ...
    assert [r for r in local if not (run_dir / r).is_file()] == []
    # ... and every output is linked
    for sub in ("figures", "tables"):
        for path in (run_dir / sub).iterdir():
            if path.name.startswith(".") or path.name.endswith(".caption.txt"):
                continue
            assert f"{sub}/{path.name}" in refs, path.name
    assert not any(".tmp" in r for r in refs)
    assert '<img src="figures/keyness-by-outlet.png"' in page
    assert 'style="width: 3.00in"' in page  # shown at printed size (300 px at 100 dpi)
    assert '<img src="figures/svg_only.svg"' in page
    # captions, escaped
    assert "Keyness: &lt;Iran&gt; vs Iraq" in page
    assert "Top terms &amp; counts, 5% sample" in page
    assert "Long table" in page and "Tex only" in page and "Pdf only" in page
    # the CSV is rendered as an HTML table, escaped, and long tables are cut
    assert "<td>u.s.</td>" in page and "&lt;b&gt;iran&lt;/b&gt;" in page
    assert f"<td>w{MAX_TABLE_ROWS - 1}</td>" in page and f"<td>w{MAX_TABLE_ROWS}</td>" not in page
    assert f"{MAX_TABLE_ROWS + 10} rows" in page
    # the notebook is converted and linked with its status and error
    assert "notebooks/01_word_frequency.html" in refs
    assert "notebooks/01_word_frequency.ipynb" in refs
    assert "KeyError: &#x27;role&#x27; (cell In [7])" in page
    assert "A &lt;demo&gt; run." in page and "run.json" in refs
    assert "2026-01-01" not in page  # timestamps stay in run.json


def test_report_has_no_external_resources(run_dir):
    write_report(run_dir)
    index = run_dir / "index.html"
    assert [r for r in refs_of(index) if "://" in r] == []
    notebook_page = run_dir / "notebooks" / "01_word_frequency.html"
    text = notebook_page.read_text(encoding="utf-8")
    assert "Word frequency" in text
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"[^>]*>", text)
    blocking = [
        tag
        for tag in re.findall(r"<script[^>]*\bsrc=\"[^\"]+\"[^>]*>", text)
        if " async" not in tag and " defer" not in tag
    ]
    # only MathJax is fetched, asynchronously: the page renders without network
    assert all("mathjax" in s.lower() for s in scripts), scripts
    assert blocking == []
    assert "require.min.js" not in text


def test_report_is_deterministic(run_dir):
    first = write_report(run_dir).read_bytes()
    second = write_report(run_dir).read_bytes()
    assert first == second


def test_report_of_an_empty_folder(tmp_path):
    page = write_report(tmp_path).read_text(encoding="utf-8")
    assert "No figures." in page and "No tables." in page and "No executed notebooks." in page


@pytest.mark.browser
def test_report_renders_in_headless_chromium(run_dir, tmp_path):
    sys.path.insert(0, str(BROWSER_CHECK.parent))
    try:
        import check_report_browser
    finally:
        sys.path.pop(0)
    if check_report_browser.find_chromium() is None:
        pytest.skip("chromium is not installed")
    write_report(run_dir)
    shots = tmp_path / "shots"
    proc = subprocess.run(
        [sys.executable, str(BROWSER_CHECK), str(run_dir), "--notebooks", "--out", str(shots)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in shots.glob("*.png")) == [
        "demo-index.png",
        "demo-notebook-01_word_frequency.png",
    ]


def test_figure_caption_from_save_figure_is_shown_and_is_the_alt_text(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpuslib.plots.style import CAPTION_SUFFIX, figure_size, save_figure, use_style

    assert _CAPTION_SUFFIX == CAPTION_SUFFIX  # one convention on both sides
    figures = tmp_path / "run" / "figures"
    caption = "Rate per 1,000 counted tokens of 284 terms, authors (n = 980) & commenters."
    with use_style():
        fig, ax = plt.subplots(figsize=figure_size(1))
        ax.plot([0, 1], [0, 1])
        save_figure(fig, "rates-authors-vs-commenters", figures, caption=caption)
        save_figure(fig, "fightin-words-antiwar-com", figures, formats=("png",))
        plt.close(fig)
    page = write_report(tmp_path / "run").read_text(encoding="utf-8")
    escaped = "Rate per 1,000 counted tokens of 284 terms, authors (n = 980) &amp; commenters."
    assert f'alt="{escaped}"' in page
    assert (
        f'<strong>Rates authors vs commenters.</strong> <span class="text">{escaped}</span>' in page
    )
    # no caption file: the readable name is both the caption and the alt text
    assert 'alt="Fightin words antiwar com"' in page
    assert "<strong>Fightin words antiwar com</strong> <span" in page
    assert "caption.txt" not in " ".join(refs_of(tmp_path / "run" / "index.html"))


def test_print_size_of_a_figure_beyond_pillows_pixel_guard_is_skipped(tmp_path, monkeypatch):
    """A huge PNG (DecompressionBombError) must not stop the report from being written."""
    from PIL import Image

    from corpuslib.runs.report import _print_size

    png = tmp_path / "big.png"
    Image.new("RGB", (200, 100)).save(png, dpi=(300, 300))
    assert _print_size(png) == ' style="width: 0.67in"'
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    assert _print_size(png) == ""


def test_interactive_pages_are_linked_and_tables_searchable(tmp_path):
    run = tmp_path / "run"
    (run / "interactive").mkdir(parents=True)
    (run / "interactive" / "term-explorer-voice-author-vs-commenter.html").write_text("<html></html>")
    (run / "tables").mkdir()
    rows = "\n".join(f"d{i},left {i},Iran,right" for i in range(MAX_TABLE_ROWS + 30))
    (run / "tables" / "concordance-kwic.csv").write_text("doc_id,left,match,right\n" + rows + "\n")
    page = write_report(run).read_text(encoding="utf-8")
    assert 'href="interactive/term-explorer-voice-author-vs-commenter.html"' in page
    assert 'class="table-filter"' in page and 'data-table="data-concordance-kwic"' in page
    assert f"<td>d{MAX_TABLE_ROWS + 29}</td>" in page  # a concordance is shown whole (up to MAX_SEARCH_ROWS)
    assert MAX_SEARCH_ROWS >= 1000
