"""The interactive term explorer: one self-contained HTML page (inline data and script).

Why not scattertext or altair: scattertext pulls in spaCy and gensim and pins an older
numpy; altair's pages load Vega from a CDN unless a renderer bundle is installed as
well. The explorer needs one scatter, a search box and a list of contexts, which is
a few hundred lines of plain SVG and JavaScript: no dependency, nothing fetched, the
page opens from the file system offline and its bytes depend only on the data.

``page.html#term=iran`` opens the page on a term. Corpus text is never put into the page as markup or script: the data sit
HTML-escaped in a hidden ``<textarea>`` (text only, never run) and the script
writes them into the page with ``textContent``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from corpuslib.files import write_text_atomic

__all__ = ["explorer_html", "save_explorer"]

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       margin: 1rem auto; max-width: 78rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.3rem; margin: 0.2rem 0; } .muted { color: #666; font-size: 0.85rem; }
#wrap { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
#plot { border: 1px solid #ddd; background: #fff; }
#side { flex: 1; min-width: 22rem; }
#search { width: 100%; font-size: 1rem; padding: 0.3rem; box-sizing: border-box; }
.lists { display: flex; gap: 1rem; } .lists ol { padding-left: 1.4rem; margin: 0.3rem 0; font-size: 0.85rem; }
.lists li, .term-link { cursor: pointer; } .lists li:hover { text-decoration: underline; }
circle { cursor: pointer; } circle.hit { stroke: #000; stroke-width: 2; }
text.label { font-size: 10px; pointer-events: none; fill: #333; }
#contexts { font-size: 0.85rem; max-height: 30rem; overflow-y: auto; }
#contexts p { margin: 0.25rem 0; border-bottom: 1px solid #eee; }
#contexts b { background: #ffe08a; } .grp { color: #555; font-size: 0.75rem; margin-right: 0.4rem; }
</style></head><body>
<h1>__TITLE__</h1>
<p class="muted">__NOTE__</p>
<div id="wrap">
<svg id="plot" width="620" height="620" viewBox="0 0 620 620" role="img" aria-label="term scatter"></svg>
<div id="side">
<input id="search" type="search" placeholder="Search a term (e.g. iran)" aria-label="search terms">
<div id="found" class="muted"></div>
<h2 id="term-title" style="font-size:1.05rem">Click a term to see its contexts</h2>
<div id="term-stats" class="muted"></div>
<div id="contexts"></div>
<div class="lists"><div><strong id="head-a"></strong><ol id="list-a"></ol></div>
<div><strong id="head-b"></strong><ol id="list-b"></ol></div></div>
</div></div>
<textarea id="data" hidden readonly aria-hidden="true">__DATA__</textarea>
<script>
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").value);
  var NS = "http://www.w3.org/2000/svg", W = 620, M = 50, S = W - 2 * M;
  var svg = document.getElementById("plot");
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function x(p) { return M + p * S; } function y(p) { return W - M - p * S; }
  function colour(z) {
    var t = Math.max(-1, Math.min(1, z / 4)), r, g, b;
    if (t >= 0) { r = 255 - 200 * t; g = 255 - 150 * t; b = 255 - 30 * t; }
    else { r = 255 + 20 * t; g = 255 + 140 * t; b = 255 + 200 * t; }
    return "rgb(" + Math.round(r) + "," + Math.round(g) + "," + Math.round(b) + ")";
  }
  el("rect", {x: M, y: M, width: S, height: S, fill: "none", stroke: "#ccc"}, svg);
  el("line", {x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#bbb", "stroke-dasharray": "4 4"}, svg);
  var xl = el("text", {x: W / 2, y: W - 12, "text-anchor": "middle"}, svg);
  xl.textContent = "frequency among " + D.label_a + " (rank percentile) \u2192";
  var yl = el("text", {x: 14, y: W / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + W / 2 + ")"}, svg);
  yl.textContent = "frequency among " + D.label_b + " (rank percentile) \u2192";
  var dots = {};
  D.terms.forEach(function (t) {
    var c = el("circle", {cx: x(t[4]).toFixed(1), cy: y(t[5]).toFixed(1), r: 4,
                          fill: colour(t[6]), stroke: "#777", "stroke-width": 0.4, "fill-opacity": 0.85}, svg);
    var tip = el("title", {}, c);
    tip.textContent = t[0] + ": " + t[1] + " / " + t[2] + "  (z = " + t[6] + ")";
    c.addEventListener("click", function () { show(t[0]); });
    dots[t[0]] = c;
  });
  D.labels.forEach(function (name) {
    var c = dots[name]; if (!c) return;
    var l = el("text", {x: +c.getAttribute("cx") + 5, y: +c.getAttribute("cy") - 4, "class": "label"}, svg);
    l.textContent = name;
  });
  var byTerm = {}; D.terms.forEach(function (t) { byTerm[t[0]] = t; });
  document.getElementById("head-a").textContent = "More among " + D.label_a;
  document.getElementById("head-b").textContent = "More among " + D.label_b;
  function fill(id, rows) {
    var ol = document.getElementById(id);
    rows.forEach(function (t) {
      var li = document.createElement("li");
      li.textContent = t[0] + " (" + t[1] + " / " + t[2] + ", z " + t[6] + ")";
      li.addEventListener("click", function () { show(t[0]); });
      ol.appendChild(li);
    });
  }
  fill("list-a", D.terms.slice(0, D.n_list).filter(function (t) { return t[6] > 0; }));
  fill("list-b", D.terms.slice().reverse().slice(0, D.n_list).filter(function (t) { return t[6] < 0; }));
  var current = null;
  function show(term) {
    var t = byTerm[term]; if (!t) return;
    if (current && dots[current]) dots[current].classList.remove("hit");
    current = term; dots[term].classList.add("hit");
    document.getElementById("term-title").textContent = term;
    document.getElementById("term-stats").textContent =
      D.label_a + ": " + t[1] + " (" + t[7] + " per 1,000) \u00b7 " + D.label_b + ": " + t[2] +
      " (" + t[8] + " per 1,000) \u00b7 z = " + t[6];
    var box = document.getElementById("contexts"); box.textContent = "";
    var rows = D.contexts[term] || [];
    if (!rows.length) { box.textContent = "No contexts stored for this term (only the " + D.n_context_terms + " most distinctive and frequent terms carry contexts)."; }
    rows.forEach(function (r) {
      var p = document.createElement("p"), g = document.createElement("span"), b = document.createElement("b");
      g.className = "grp"; g.textContent = r[0] + " \u00b7 " + r[1];
      b.textContent = r[3];
      p.appendChild(g); p.appendChild(document.createTextNode(r[2] + " ")); p.appendChild(b);
      p.appendChild(document.createTextNode(" " + r[4])); box.appendChild(p);
    });
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase(), n = 0, first = null;
    D.terms.forEach(function (t) {
      var on = q && t[0].toLowerCase().indexOf(q) >= 0;
      dots[t[0]].setAttribute("r", on ? 7 : 4);
      dots[t[0]].setAttribute("fill-opacity", !q || on ? 0.85 : 0.15);
      if (on) { n++; if (first === null || t[0].toLowerCase() === q) first = t[0]; }
    });
    document.getElementById("found").textContent = q ? n + " term(s) match" : "";
    if (first) show(first);
  });
  search.addEventListener("keydown", function (e) { if (e.key === "Enter" && byTerm[search.value.trim()]) show(search.value.trim()); });
  var wanted = decodeURIComponent(location.hash.replace(/^#term=/, ""));  // link to a term: page.html#term=iran
  if (byTerm[wanted]) { search.value = wanted; show(wanted); }
  else if (D.start && byTerm[D.start]) show(D.start);
})();
</script>
</body></html>
"""


def explorer_html(
    terms: pd.DataFrame,
    contexts: pd.DataFrame,
    *,
    label_a: str,
    label_b: str,
    title: str = "Term explorer",
    note: str = "",
    n_labels: int = 20,
    n_list: int = 25,
) -> str:
    """The explorer page for :func:`~corpuslib.analysis.explorer.explorer_terms` and its contexts.

    Parameters
    ----------
    terms : pandas.DataFrame
        ``term, count_a, count_b, rate_a, rate_b, pos_a, pos_b, z`` (sorted by z).
    contexts : pandas.DataFrame
        ``term, group, doc_id, left, match, right`` (:func:`~corpuslib.analysis.explorer.explorer_contexts`).
    label_a, label_b : str
        Names of the two groups (axis labels and lists).
    title, note : str
        Heading and a line under it (sample sizes, limits).
    n_labels : int
        Terms labelled on the plot: the most distinctive of each side and the most frequent.
    n_list : int
        Terms in each side's list.

    Returns
    -------
    str
        A complete HTML page; nothing in it is fetched from the network.

    Examples
    --------
    >>> t = pd.DataFrame({"term": ["iran"], "count_a": [2], "count_b": [1], "rate_a": [1.0],
    ...     "rate_b": [0.5], "pos_a": [1.0], "pos_b": [0.0], "z": [0.4]})
    >>> c = pd.DataFrame({"term": ["iran"], "group": ["a"], "doc_id": ["d"], "left": ["<b>"],
    ...     "match": ["Iran"], "right": ["</script>"]})
    >>> page = explorer_html(t, c, label_a="authors", label_b="commenters")
    >>> "<b>" in page, page.count("</script>")
    (False, 1)
    """
    # one row per term: [term, count_a, count_b, total, pos_a, pos_b, z, rate_a, rate_b]
    rows = [
        [str(r.term), int(r.count_a), int(r.count_b), int(r.count_a) + int(r.count_b),
         round(float(r.pos_a), 4), round(float(r.pos_b), 4), round(float(r.z), 3),
         round(float(r.rate_a), 3), round(float(r.rate_b), 3)]
        for r in terms.itertuples()
    ]  # fmt: skip
    frequent = sorted(rows, key=lambda r: (-r[3], r[0]))[: n_labels // 2]
    half = max(1, n_labels // 4)
    labels = sorted({r[0] for r in rows[:half] + rows[-half:] + frequent}) if rows else []
    ctx: dict[str, list[list[str]]] = {}
    for r in contexts.itertuples():
        ctx.setdefault(str(r.term), []).append(
            [str(r.group), str(r.doc_id), str(r.left), str(r.match), str(r.right)]
        )
    data = {
        "label_a": label_a, "label_b": label_b, "terms": rows, "labels": labels,
        "contexts": ctx, "n_list": n_list, "n_context_terms": len(ctx),
        "start": frequent[0][0] if frequent else None,
    }  # fmt: skip
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        _TEMPLATE.replace("__TITLE__", html.escape(title))
        .replace("__NOTE__", html.escape(note))
        .replace("__DATA__", html.escape(payload, quote=False))
    )


def save_explorer(page: str, name: str, folder: str | Path) -> Path:
    """Write an explorer page as ``<folder>/<name>.html`` (atomically) and return its path."""
    return write_text_atomic(Path(folder) / f"{name}.html", page)
