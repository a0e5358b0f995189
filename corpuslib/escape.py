"""Escaping for every format corpus text reaches: Markdown, HTML, LaTeX and CSV.

Outlet names, titles, commenter names and comment text are written by strangers.
Whatever of them reaches a report goes through one of these functions, chosen
by the format of the file (or notebook output) it lands in:

* :func:`escape_markdown` — Markdown cells and ``IPython.display.Markdown`` outputs
  (which Jupyter and nbconvert render as HTML, raw HTML included);
* :func:`escape_html` — hand-written HTML (``index.html``);
* :func:`escape_latex` — ``.tex`` tables and captions;
* :func:`csv_cell` — CSV cells (formula injection, OWASP "CSV Injection").

SVG, PDF and PNG figures are written by matplotlib, which escapes text itself.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "csv_cell",
    "escape_html",
    "escape_latex",
    "escape_markdown",
]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~$#!])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def escape_markdown(text: object) -> str:
    """Return ``text`` as literal Markdown: no markup, no raw HTML, no math, one line.

    HTML's ``& < >`` become entities (Markdown passes raw HTML through, so a
    ``<script>`` would be live in the rendered page); Markdown punctuation and
    ``$`` (MathJax) are backslash-escaped; line breaks become spaces, so a value
    cannot start a heading or a list.

    Examples
    --------
    >>> escape_markdown("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape_markdown("*Fox* [News](javascript:x) $5")
    '\\\\*Fox\\\\* \\\\[News\\\\](javascript:x) \\\\$5'
    >>> escape_markdown("a\\n# b")
    'a \\\\# b'
    """
    value = _LINE_BREAKS.sub(" ", str(text))
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_html(text: object) -> str:
    """Return ``text`` escaped for HTML element content and quoted attributes.

    >>> escape_html('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(text), quote=True)


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\r": " ",
    "\n": " ",
}


#: :data:`_LATEX_SPECIALS` for ``str.translate``: one pass in C over a cell (tables of
#: 45,000 quoted spans have 360,000 cells).
_LATEX_TABLE = str.maketrans(_LATEX_SPECIALS)


def escape_latex(text: object) -> str:
    r"""Return ``text`` as literal LaTeX (text mode): every special character escaped.

    Line breaks become spaces (a blank line would end a table row's paragraph).

    >>> escape_latex(r"\input{/etc/passwd} 50% & $x")
    '\\textbackslash{}input\\{/etc/passwd\\} 50\\% \\& \\$x'
    """
    return str(text).translate(_LATEX_TABLE)


# OWASP "CSV Injection": cells starting with these are read as formulas by
# spreadsheets (LibreOffice, Excel, Google Sheets).
#: First characters that make a spreadsheet read a text cell as a formula (:func:`csv_cell`).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|nan)", re.IGNORECASE)


def csv_cell(text: str) -> str:
    """Neutralise a *text* CSV cell that a spreadsheet would run as a formula.

    A cell starting with ``= + - @``, a tab or a carriage return (or their
    full-width forms) gets a leading apostrophe, as OWASP advises, unless the
    whole cell is a plain number (``-1.5`` stays numeric). Apply it to text
    cells only; numbers formatted by the writer never need it.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(\\"http://evil\\")"), csv_cell("-0.25"), csv_cell("Fox")
    ('\\'=HYPERLINK("http://evil")', '-0.25', 'Fox')
    >>> csv_cell("@SUM(A1)"), csv_cell("-1+2")
    ("'@SUM(A1)", "'-1+2")
    """
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
