"""The term explorer page: self-contained, corpus text never markup, same data -> same bytes."""

from __future__ import annotations

import html
import json
import re

import pandas as pd

from corpuslib.plots.explorer import explorer_html, save_explorer

TERMS = pd.DataFrame({"term": ["iran", "</script><img src=x onerror=alert(1)>"], "count_a": [3, 0],
                      "count_b": [1, 2], "rate_a": [3.0, 0.0], "rate_b": [1.0, 2.0], "pos_a": [1.0, 0.0],
                      "pos_b": [0.0, 1.0], "z": [1.2, -1.1]})  # fmt: skip
CONTEXTS = pd.DataFrame({"term": ["iran"], "group": ["author"], "doc_id": ["d"],
                         "left": ["<b>bold</b> & co"], "match": ["Iran"], "right": ["</script>"]})  # fmt: skip


def test_page_is_self_contained_and_escapes_corpus_text(tmp_path):
    page = explorer_html(TERMS, CONTEXTS, label_a="authors", label_b="commenters", note="n = 4")
    assert not re.search(r"<(script|link|img)[^>]*\b(src|href)=", page)
    assert page.count("</script>") == 1 and page.count("<script") == 1  # nothing injected
    assert "<b>bold" not in page and "xss" not in page.lower()
    data = json.loads(html.unescape(re.search(r'<textarea id="data"[^>]*>(.*?)</textarea>', page, re.S).group(1)))
    assert data["contexts"]["iran"][0] == ["author", "d", "<b>bold</b> & co", "Iran", "</script>"]
    assert data["terms"][0][:4] == ["iran", 3, 1, 4] and data["labels"]
    path = save_explorer(page, "explorer", tmp_path)
    again = save_explorer(explorer_html(TERMS, CONTEXTS, label_a="authors", label_b="commenters",
                                        note="n = 4"), "again", tmp_path)  # fmt: skip
    assert path.read_bytes() == again.read_bytes()
