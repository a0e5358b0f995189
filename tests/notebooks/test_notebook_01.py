"""Execute notebooks/01_word_frequency.ipynb with papermill on non-default parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from corpuslib.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "01_word_frequency.ipynb"

pytestmark = pytest.mark.slow


def test_parameters_cell_declares_the_word_frequency_parameters() -> None:
    # Generic hygiene (no outputs, one `parameters` cell of literals, no functions) is
    # tested for every notebook in tests/test_notebooks.py; here only this notebook's names.
    papermill = pytest.importorskip("papermill")
    names = set(papermill.inspect_notebook(str(NOTEBOOK)))
    assert {
        "voices",
        "langs",
        "outlets",
        "exclude",
        "group_by",
        "top_n",
        "ngram",
        "lemmatize",
        "extra_stopwords",
        "aliases",
        "min_count",
        "concordance_per_doc",
        "kwic_terms",
        "kwic_window",
        "explorer_by",
        "explorer_a",
        "explorer_b",
        "explorer_periods",
        "out_dir",
        "raw_dir",
        "manifest",
    } <= names


def test_notebook_runs_and_writes_outputs(tmp_path: Path) -> None:
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "run"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(tmp_path / "01_word_frequency.ipynb"),
        parameters={
            "out_dir": str(out),
            "group_by": "doc_id",
            "top_n": 5,
            "lemmatize": True,
            "extra_stopwords": ["iraq"],
            "voices": ["author", "quoted", "commenter"],
            "min_count": 1,
            "concordance_per_doc": 2,
            "kwic_terms": ["Kerry", "Shia"],
            "kwic_window": 3,
            "explorer_by": "period",
            "explorer_a": "2007-2012",
            "explorer_b": "2013-2020",
            "explorer_periods": [[2007, 2012], [2013, 2020]],
        },
        kernel_name="python3",
        cwd=str(PROJECT_ROOT),
        progress_bar=False,
    )
    figures = {p.name for p in (out / "figures").iterdir()}
    for stem in (
        "top-terms-by-voice",
        "top-terms-by-doc-id",
        "rates-authors-vs-commenters",
        "zipf-rank-frequency-by-voice",
    ):
        assert {f"{stem}.pdf", f"{stem}.svg", f"{stem}.png"} <= figures, stem
        # every figure has a one-sentence caption stating its n
        caption = (out / "figures" / f"{stem}.caption.txt").read_text(encoding="utf-8")
        assert caption.endswith(".\n") and caption.count("\n") == 1, stem
        assert "n = " in caption and "tokens" in caption, stem
    tables = {p.name for p in (out / "tables").iterdir()}
    assert {
        "top-terms-by-voice.csv",
        "top-terms-by-voice.tex",
        "collocations.csv",
        "concordance-top-terms.csv",
        "sample-size-by-voice.csv",
    } <= tables
    top = (out / "tables" / "top-terms-by-voice.csv").read_text(encoding="utf-8")
    assert "iraq" not in top.split()  # extra stopword applied
    assert not any(line.startswith("title,") for line in top.splitlines())  # voices applied

    # sample sizes: raw and counted tokens per voice; the rates' n is the counted one
    sizes = pd.read_csv(out / "tables" / "sample-size-by-voice.csv").set_index("voice")
    assert list(sizes.columns) == ["documents", "units", "tokens", "counted_tokens", "excluded_other_language"]
    assert (sizes["counted_tokens"] < sizes["tokens"]).all()
    top_df = pd.read_csv(out / "tables" / "top-terms-by-voice.csv")
    n_by_voice = top_df.groupby("voice")["n_tokens"].first()
    assert (n_by_voice == sizes.loc[n_by_voice.index, "counted_tokens"]).all()
    # dispersion columns on the top terms and the collocations; G² floor applied
    for table in (top_df, pd.read_csv(out / "tables" / "collocations.csv")):
        assert {"n_docs", "n_units", "top_unit", "top_unit_share", "concentrated"} <= set(table)
    colloc = pd.read_csv(out / "tables" / "collocations.csv")
    assert (colloc["score"] >= 3.84).all()
    # the concordance is a stratified sample: at most concordance_per_doc lines per document
    conc = pd.read_csv(out / "tables" / "concordance-top-terms.csv")
    assert conc.groupby("doc_id").size().max() <= 2 and conc["doc_id"].nunique() >= 2

    # the full concordance of kwic_terms with kwic_window tokens each side
    kwic = pd.read_csv(out / "tables" / "concordance-kwic.csv")
    assert set(kwic["term"]) == {"kerry", "shia"} and kwic["doc_id"].nunique() >= 2
    assert kwic["left"].dropna().str.split().str.len().max() <= 5  # 3 tokens (punctuation is one), not the default 8
    # the term explorer of two periods, self-contained
    page = (out / "interactive" / "term-explorer-period-2007-2012-vs-2013-2020.html").read_text(encoding="utf-8")
    assert "2007-2012" in page and 'id="search"' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
