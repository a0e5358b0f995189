"""A static HTML report of one run: every figure, table and executed notebook.

:func:`write_report` turns ``outputs/<run>/`` into ``outputs/<run>/index.html``,
a single page that opens from the file system and loads nothing from the network
(every figure, table and link is a local file):

* every figure in ``figures/`` (files sharing a stem are one figure): the PNG shown
  inline (the SVG when there is no PNG), with links to the PDF, SVG and PNG;
* every table in ``tables/`` rendered from its CSV (the first
  :data:`MAX_TABLE_ROWS` rows), with links to the CSV and the LaTeX file;
* every executed notebook in ``notebooks/`` converted to HTML next to it
  (``notebooks/<name>.html``) and linked, with its status from ``run.json``.
  These converted pages are the one exception to "nothing from the network":
  they load MathJax from a CDN (asynchronously, so they still open at once
  offline, with any formulas shown as raw TeX);
* every interactive page in ``interactive/`` (the term explorer of notebook 01),
  linked by name (each is one self-contained HTML file);
* the run's parameters and provenance (``run.json``).

Every table has a search box (a few lines of inline script; the page still needs
no network) that filters its rows; concordance tables (``concordance*``) show up to
:data:`MAX_SEARCH_ROWS` rows so that the search covers them.

Captions follow one convention, in this order of precedence:

1. a text file ``<name>.caption.txt`` next to the figure or table
   (``figures/keyness-by-outlet.caption.txt``), its whole content, stripped;
2. for a table, the ``\\caption{...}`` of ``<name>.tex``
   (what :func:`corpuslib.plots.style.save_table` writes when given ``caption=``);
3. the file name made readable: ``keyness-by-outlet`` → "Keyness by outlet".

:func:`corpuslib.plots.style.save_figure` writes the caption file when given
``caption=``. On the page a real caption (1 or 2) follows the readable name in
bold and is the figure's alt text; without one the readable name is both.

The page holds no timestamp (those stay in ``run.json`` and the executed notebooks),
so re-rendering the same run gives the same page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from corpuslib.files import write_text_atomic

__all__ = [
    "MAX_SEARCH_ROWS",
    "MAX_TABLE_ROWS",
    "caption_for",
    "notebook_to_html",
    "readable_name",
    "write_report",
]


#: Rows of a table shown inline; the CSV link gives the rest.
MAX_TABLE_ROWS = 50

#: Rows shown (and searchable) of a concordance table (``concordance*``).
MAX_SEARCH_ROWS = 2000

# Filters the rows of each table as the reader types into its search box.
_FILTER_SCRIPT = """<script>
document.querySelectorAll("input.table-filter").forEach(function (box) {
  var rows = document.getElementById(box.getAttribute("data-table")).querySelectorAll("tbody tr");
  var count = document.getElementById(box.getAttribute("data-table") + "-count");
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var on = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.style.display = on ? "" : "none"; n += on ? 1 : 0;
    });
    count.textContent = q ? n + " of " + rows.length + " shown rows match" : "";
  });
});
</script>"""


_FIGURE_FORMATS = ("png", "svg", "pdf")


_TABLE_FORMATS = ("csv", "tex")


_CAPTION_SUFFIX = ".caption.txt"


_LATEX_UNESCAPE = [
    (r"\textbackslash{}", "\\"),
    (r"\textasciitilde{}", "~"),
    (r"\textasciicircum{}", "^"),
    (r"\&", "&"),
    (r"\%", "%"),
    (r"\$", "$"),
    (r"\#", "#"),
    (r"\_", "_"),
    (r"\{", "{"),
    (r"\}", "}"),
]


# nbconvert's "lab" template without anything fetched from a CDN before the page can
# render: no require.js, no widget manager, no Mermaid; MathJax is loaded ``async`` so
# an offline machine shows the page at once (formulas then stay as TeX source).
_OFFLINE_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
            processEscapes: true, processEnvironments: true},
  displayAlign: 'center', messageStyle: 'none'
});
</script>
<script async src="{{ resources.mathjax_url }}"></script>
{%- endblock html_head_js_mathjax -%}
"""


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
nav a { margin-right: 1rem; }
.status-ok { color: #006d2c; font-weight: 600; } .status-failed { color: #b30000; font-weight: 600; }
figure { margin: 1.5rem 0; padding: 0.5rem; border: 1px solid #e5e5e5; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption, .caption { margin-top: 0.4rem; font-size: 0.95rem; }
.links a { margin-right: 0.6rem; font-size: 0.9rem; }
table.data { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
table.data th, table.data td { border-bottom: 1px solid #ddd; padding: 0.15rem 0.6rem; text-align: left; }
table.data th { border-bottom: 2px solid #999; }
.table-wrap { overflow-x: auto; }
pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; font-size: 0.8rem; }
.muted { color: #666; font-size: 0.9rem; }
"""


def readable_name(stem: str) -> str:
    """Turn a file stem into a caption: separators to spaces, first letter upper-case.

    Parameters
    ----------
    stem : str
        File name without extension.

    Returns
    -------
    str

    Examples
    --------
    >>> readable_name("keyness-by-outlet")
    'Keyness by outlet'
    >>> readable_name("top_terms_US")
    'Top terms US'
    """
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def _tex_caption(tex: Path) -> str | None:
    try:
        text = tex.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    start = text.find("\\caption{")
    if start < 0:
        return None
    i = start + len("\\caption{")
    depth, out = 1, []
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        out.append(ch)
        i += 1
    caption = "".join(out)
    for escaped, plain in _LATEX_UNESCAPE:
        caption = caption.replace(escaped, plain)
    return caption.strip() or None


def caption_for(folder: Path, stem: str) -> str:
    """Return the caption of the figure or table ``stem`` in ``folder``.

    See the module docstring for the convention.

    Parameters
    ----------
    folder : Path
        ``figures/`` or ``tables/`` of a run.
    stem : str
        The output's name.

    Returns
    -------
    str
    """
    caption_file = folder / f"{stem}{_CAPTION_SUFFIX}"
    if caption_file.is_file():
        text = caption_file.read_text(encoding="utf-8").strip()
        if text:
            return text
    tex = folder / f"{stem}.tex"
    if tex.is_file():
        caption = _tex_caption(tex)
        if caption:
            return caption
    return readable_name(stem)


def _outputs(folder: Path, formats: tuple[str, ...]) -> dict[str, dict[str, Path]]:
    """Group ``folder``'s visible files by stem: {stem: {format: path}}."""
    found: dict[str, dict[str, Path]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name.endswith(_CAPTION_SUFFIX):
            continue
        fmt = path.suffix.lstrip(".").lower()
        if fmt in formats:
            found.setdefault(path.stem, {})[fmt] = path
    return found


def notebook_to_html(notebook: Path, destination: Path | None = None) -> Path:
    """Convert an executed notebook to an HTML page that renders offline.

    Figures are embedded and no script is needed to show the page; HTML in
    Markdown and outputs is sanitised (no scripts or event handlers). MathJax is
    loaded from a CDN (``async``): without a network the page still opens at once
    and any formulas are shown as raw TeX source.

    Parameters
    ----------
    notebook : Path
        An ``.ipynb`` file.
    destination : Path, optional
        Output file (default: the notebook's path with ``.html``).

    Returns
    -------
    Path
        The page written.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    destination = destination or notebook.with_suffix(".html")
    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"corpuslib_offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="corpuslib_offline.html.j2",
        # Outputs show corpus text written by strangers: a second line of defence
        # behind corpuslib.escape (scripts and event handlers are dropped).
        sanitize_html=True,
    )
    nb = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    return write_text_atomic(destination, body)


def _href(run_dir: Path, path: Path) -> str:
    return quote(path.relative_to(run_dir).as_posix())


def _links(run_dir: Path, files: dict[str, Path], order: tuple[str, ...]) -> str:
    parts = [
        f'<a href="{_href(run_dir, files[fmt])}">{fmt.upper()}</a>' for fmt in order if fmt in files
    ]
    return f'<span class="links">{"".join(parts)}</span>'


def _print_size(png: Path) -> str:
    """A CSS width showing a PNG at its printed size (from its dpi), or '' if unknown."""
    if png.suffix.lower() != ".png":
        return ""
    try:
        from PIL import Image
    except ImportError:
        return ""
    try:
        with Image.open(png) as img:
            width_px = img.size[0]
            dpi = img.info.get("dpi", (0, 0))[0]
    except (OSError, ValueError, Image.DecompressionBombError):
        # A figure too large for Pillow's guard is still linked, just not sized.
        return ""
    if not dpi or dpi <= 0:
        return ""
    return f' style="width: {width_px / float(dpi):.2f}in"'


def _caption_html(folder: Path, stem: str) -> tuple[str, str]:
    """Return (plain caption for alt text, caption HTML), both escaped.

    A real caption (from ``<stem>.caption.txt`` or the TeX file) is shown after
    the output's readable name in bold; without one the bold name stands alone.
    """
    caption = caption_for(folder, stem)
    title = readable_name(stem)
    if caption == title:
        shown = f"<strong>{html.escape(title)}</strong>"
    else:
        shown = f'<strong>{html.escape(title)}.</strong> <span class="text">{html.escape(caption)}</span>'
    return html.escape(caption), f'{shown} <span class="muted">({html.escape(stem)})</span>'


def _figure_html(run_dir: Path, stem: str, files: dict[str, Path]) -> str:
    alt, caption = _caption_html(run_dir / "figures", stem)
    shown = files.get("png") or files.get("svg")
    image = (
        f'<img src="{_href(run_dir, shown)}" alt="{alt}"{_print_size(shown)}>'
        if shown is not None
        else '<p class="muted">(no PNG or SVG to show; see the PDF)</p>'
    )
    return (
        f'<figure id="figure-{html.escape(stem)}">{image}\n'
        f"<figcaption>{caption} "
        f"{_links(run_dir, files, ('pdf', 'svg', 'png'))}</figcaption></figure>"
    )


def _table_html(run_dir: Path, stem: str, files: dict[str, Path]) -> str:
    import pandas as pd

    _, caption = _caption_html(run_dir / "tables", stem)
    body = '<p class="muted">(LaTeX only; see the TeX file)</p>'
    if "csv" in files:
        try:
            df = pd.read_csv(files["csv"], dtype=str, keep_default_na=False)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            body = f'<p class="muted">(could not read the CSV: {html.escape(str(exc))})</p>'
        else:
            n = len(df)
            limit = MAX_SEARCH_ROWS if stem.startswith("concordance") else MAX_TABLE_ROWS
            shown = df.head(limit)
            table_id = f"data-{_slug(stem)}"
            body = shown.to_html(index=False, border=0, classes="data", escape=True, table_id=table_id)
            note = f"{n} rows × {df.shape[1]} columns"
            if n > limit:
                note += f"; the first {limit} shown"
            search = (
                f'<p><input class="table-filter" type="search" data-table="{table_id}" '
                f'placeholder="Search this table" aria-label="search {html.escape(stem)}"> '
                f'<span class="muted" id="{table_id}-count"></span></p>'
            )
            body = f'{search}<div class="table-wrap">{body}</div><p class="muted">{note}</p>'
    return (
        f'<section id="table-{html.escape(stem)}" class="table">'
        f'<p class="caption">{caption} '
        f"{_links(run_dir, files, _TABLE_FORMATS)}</p>\n{body}</section>"
    )


def _slug(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem)


def _interactive_html(run_dir: Path) -> list[str]:
    folder = run_dir / "interactive"
    pages = sorted(p for p in folder.glob("*.html") if p.is_file()) if folder.is_dir() else []
    parts = [f'<h2 id="interactive">Interactive ({len(pages)})</h2>']
    if not pages:
        return [*parts, '<p class="muted">No interactive pages.</p>']
    parts.append("<ul>")
    for page in pages:
        parts.append(
            f'<li><a href="{_href(run_dir, page)}">{html.escape(readable_name(page.stem))}</a> '
            f'<span class="muted">({html.escape(page.name)}: terms of two groups placed by '
            "frequency, a search box, click a term for its contexts)</span></li>"
        )
    return [*parts, "</ul>"]


def _read_record(run_dir: Path) -> dict[str, Any]:
    try:
        record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _took(record: dict[str, Any]) -> str:
    seconds = record.get("wall_time_s")
    return f"took {seconds:.1f} s · " if isinstance(seconds, (int, float)) else ""


def _status(value: str) -> str:
    css = "status-ok" if value == "ok" else "status-failed"
    return f'<span class="{css}">{html.escape(value)}</span>'


def write_report(run_dir: Path) -> Path:
    """Write ``<run_dir>/index.html`` listing every figure, table and notebook of a run.

    Executed notebooks in ``notebooks/`` are converted to ``notebooks/<name>.html``
    on the way. Paths in the page are relative, so the folder can be moved or zipped.

    Parameters
    ----------
    run_dir : Path
        ``outputs/<run>/`` (``figures/``, ``tables/``, ``notebooks/`` and
        ``run.json`` are used when present).

    Returns
    -------
    Path
        The ``index.html`` written (atomically).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "tables").mkdir()
    ...     _ = (Path(d) / "tables" / "top-terms.csv").write_text("term,n\\niran,3\\n")
    ...     page = write_report(Path(d)).read_text()
    >>> "Top terms" in page and "<td>iran</td>" in page
    True
    """
    run_dir = Path(run_dir)
    record = _read_record(run_dir)
    name = record.get("run") or run_dir.name
    figures = _outputs(run_dir / "figures", _FIGURE_FORMATS)
    tables = _outputs(run_dir / "tables", _TABLE_FORMATS)
    notebook_dir = run_dir / "notebooks"
    notebooks = sorted(notebook_dir.glob("*.ipynb")) if notebook_dir.is_dir() else []
    status_by_nb = {
        e.get("notebook"): e for e in record.get("notebooks", []) if isinstance(e, dict)
    }

    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Run {html.escape(name)}: figures, tables and notebooks</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Run <code>{html.escape(name)}</code></h1>",
    ]
    if record.get("description"):
        parts.append(f"<p>{html.escape(record['description'])}</p>")
    if record:
        env = record.get("environment", {})
        git = (env.get("git") or {}).get("commit") or "unknown"
        parts.append(
            f'<p class="muted">Status {_status(str(record.get("status", "?")))} · '
            f"{_took(record)}"
            f"corpuslib {html.escape(str(env.get('corpuslib', '?')))} · "
            f"git {html.escape(str(git)[:12])} · "
            f'<a href="run.json">run.json</a> (inputs, versions, parameters)</p>'
        )
    parts.append(
        '<nav><a href="#notebooks">Notebooks</a><a href="#interactive">Interactive</a>'
        '<a href="#figures">Figures</a><a href="#tables">Tables</a>'
        '<a href="#parameters">Parameters</a></nav>'
    )

    parts.append(f'<h2 id="notebooks">Notebooks ({len(notebooks)})</h2>')
    if notebooks:
        parts.append('<table class="data"><tr><th>notebook</th><th>status</th>')
        parts.append("<th>time</th><th>error</th><th>files</th></tr>")
        for nb_path in notebooks:
            page = notebook_to_html(nb_path)
            entry = status_by_nb.get(nb_path.stem, {})
            status = _status(entry["status"]) if entry.get("status") else ""
            duration = f"{entry['duration_s']:.1f} s" if entry.get("duration_s") is not None else ""
            err = entry.get("error") or {}
            error = (
                html.escape(f"{err.get('ename')}: {err.get('evalue')}")
                + (
                    f" (cell In [{err['execution_count']}])"
                    if err.get("execution_count") is not None
                    else ""
                )
                if err
                else ""
            )
            parts.append(
                f'<tr><td><a href="{_href(run_dir, page)}">{html.escape(nb_path.stem)}</a></td>'
                f"<td>{status}</td><td>{duration}</td><td>{error}</td>"
                f'<td class="links"><a href="{_href(run_dir, page)}">HTML</a>'
                f'<a href="{_href(run_dir, nb_path)}">ipynb</a></td></tr>'
            )
        parts.append("</table>")
    else:
        parts.append('<p class="muted">No executed notebooks.</p>')

    parts += _interactive_html(run_dir)

    parts.append(f'<h2 id="figures">Figures ({len(figures)})</h2>')
    parts += [_figure_html(run_dir, stem, files) for stem, files in figures.items()]
    if not figures:
        parts.append('<p class="muted">No figures.</p>')

    parts.append(f'<h2 id="tables">Tables ({len(tables)})</h2>')
    parts += [_table_html(run_dir, stem, files) for stem, files in tables.items()]
    if not tables:
        parts.append('<p class="muted">No tables.</p>')

    parts.append('<h2 id="parameters">Parameters</h2>')
    params = record.get("parameters") or {}
    if params:
        for nb_name, values in params.items():
            text = json.dumps(values, indent=2, ensure_ascii=False, sort_keys=True)
            parts.append(
                f"<details><summary>{html.escape(str(nb_name))}</summary>"
                f"<pre>{html.escape(text)}</pre></details>"
            )
    else:
        parts.append('<p class="muted">No run.json.</p>')
    parts.append(_FILTER_SCRIPT)
    parts.append("</body></html>\n")
    return write_text_atomic(run_dir / "index.html", "\n".join(parts))
