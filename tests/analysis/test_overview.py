"""Overview tables and notebook 00 under papermill."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import papermill as pm
import pytest

from corpuslib import paths
from corpuslib.analysis import overview
from corpuslib.analysis.overview import (
    audit_summary,
    build_warnings,
    cleaning_audit,
    comments_per_page,
    language_table,
    units_by_role,
)
from corpuslib.corpus.units import ROLES, voice_of
from corpuslib.plots.overview import (
    MAX_DOCUMENT_BARS,
    figure_units_by_document,
    units_by_document_caption,
)


def test_units_by_role_counts(seed_segments):
    t = units_by_role(seed_segments, tokenizer=str.split)
    assert t.n_units.sum() == len(seed_segments)
    assert t.role.tolist()[0] == "title"
    comment = t[t.role == "comment"].iloc[0]
    assert comment.n_units == 23
    assert comment.n_tokens == sum(len(x.split()) for x in seed_segments[seed_segments.role == "comment"].text)


def test_comments_per_page_keeps_pages_without_comments(seed_segments):
    c = comments_per_page(seed_segments).set_index("doc_id")
    assert len(c) == 5
    assert c.loc["002_caf795c3bb6e4b4d", "n_comments"] == 0
    assert c.loc["000_f3a5e988c5b38aa5", "n_named_commenters"] == 5


def test_cleaning_audit_lists_every_boilerplate_unit(seed_segments):
    audit = cleaning_audit(seed_segments)
    assert len(audit) == (seed_segments.role == "boilerplate").sum()
    assert audit.rule.notna().all()
    summary = audit_summary(seed_segments)
    assert summary.boilerplate_share.between(0, 1).all()


def test_language_table(seed_segments):
    t = language_table(seed_segments).set_index("lang")
    assert t.loc["ar", "comment"] == 1


@pytest.mark.slow
def test_notebook_00_runs_under_papermill(tmp_path):
    out = tmp_path / "run"
    pm.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "00_corpus_overview.ipynb"),
        str(tmp_path / "00.ipynb"),
        parameters={"out_dir": str(out), "max_audit_rows": 5},
        kernel_name="python3",
        cwd=str(paths.PROJECT_ROOT),
        progress_bar=False,
    )
    for ext in ("pdf", "svg", "png"):
        assert (out / "figures" / f"corpus-units-by-document.{ext}").stat().st_size > 0
    audit = pd.read_csv(out / "tables" / "cleaning-audit.csv")
    assert "Related Content" in set(audit.text)
    assert (out / "tables" / "corpus-units-by-role.tex").exists()


def test_build_warnings_name_the_comment_count_claim():
    from corpuslib.corpus.build import load_docs

    warned = build_warnings(load_docs()).set_index("doc_id")
    assert "comment header says 8" in warned.loc["004_eea85f3324e328e6", "warnings"]


def _per_doc(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "doc_id": [f"{i:05d}" for i in range(n)],
            "outlet": "O",
            "title": 1,
            "body": rng.integers(3, 20, n),
            "comment": rng.integers(0, 12, n),
            "boilerplate": rng.integers(0, 4, n),
        }
    )


def test_units_by_document_figure_compat_draws_one_bar_per_document_and_role_for_a_small_corpus():
    fig, caption = figure_units_by_document(_per_doc(5)), units_by_document_caption(_per_doc(5), n_units=123)
    ax = fig.axes[0]
    assert len(ax.patches) == 5 * len(ROLES)
    assert caption.startswith("Units per document and role (123 units in 5 documents)")
    plt.close(fig)


def test_units_by_document_figure_compat_stays_page_sized_for_a_large_corpus():
    """10,000 documents once made a 600-inch figure; now a box per role, fixed size."""
    table = _per_doc(10_000)
    table.loc[17, "comment"] = 400  # a page far beyond the rest must still be visible
    fig, caption = figure_units_by_document(table), units_by_document_caption(table, n_units=99)
    small, _ = figure_units_by_document(_per_doc(MAX_DOCUMENT_BARS + 1)), units_by_document_caption(_per_doc(MAX_DOCUMENT_BARS + 1), n_units=1)
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == tuple(small.get_size_inches())
    assert fig.get_size_inches()[1] < 4
    assert [t.get_text() for t in ax.get_yticklabels()] == list(ROLES)
    assert "10,000 documents" in ax.get_xlabel()
    fliers = [line for line in ax.lines if line.get_marker() == "o"]  # one per role, in order
    assert len(fliers) == len(ROLES)
    assert 400 in fliers[ROLES.index("comment")].get_xdata()
    assert caption.startswith("Distribution of units per document, by role")
    assert "points: documents beyond the whiskers" in caption and "10,000 documents" in caption
    plt.close(fig)
    plt.close(small)


def test_units_by_document_bars_fit_a_journal_page_at_the_most_bars():
    fig, _ = figure_units_by_document(_per_doc(MAX_DOCUMENT_BARS)), units_by_document_caption(_per_doc(MAX_DOCUMENT_BARS), n_units=1)
    assert len(fig.axes[0].patches) == MAX_DOCUMENT_BARS * len(ROLES)
    assert fig.get_size_inches()[1] <= 9.45  # 240 mm, the tallest figure journals print
    plt.close(fig)


def test_notebook_and_readme_state_the_bar_limit_the_code_uses():
    import json

    n = MAX_DOCUMENT_BARS
    nb = json.loads((paths.NOTEBOOKS_DIR / "00_corpus_overview.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert f"Up to {n} pages get a bar each" in text
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Above {n} pages, notebook 00 shows units per page as a distribution" in readme.replace("\n", " ")


def test_repeated_and_low_confidence_units_one_call_each():
    import pandas as pd

    from corpuslib.analysis.overview import low_confidence_units, repeated_units

    seg = pd.DataFrame({
        "doc_id": ["a", "a", "a"], "seq": [0, 1, 2], "role": ["body", "comment", "comment"],
        "rule": ["prose:good", "comment_record:stacked", "comment_record:stacked"],
        "confidence": [0.9, 0.5, 0.7], "text": ["x", "same text", "same text"],
        "duplicate_of": pd.array([None, None, 1], dtype="Int64"),
    })
    rep = repeated_units(seg)
    assert rep[["seq", "duplicate_of", "original_role"]].values.tolist() == [[2, 1, "comment"]]
    assert low_confidence_units(seg)["seq"].tolist() == [1]
    nb = (paths.NOTEBOOKS_DIR / "00_corpus_overview.ipynb").read_text(encoding="utf-8")
    assert "overview.low_confidence_units(segments)" in nb and "overview.repeated_units(segments)" in nb


def test_selection_summary_counts_from_the_voice_and_document_columns(seed_segments) -> None:
    from corpuslib.corpus.units import select_units

    selected = select_units(seed_segments, voices=["author", "commenter"], langs=["en"])
    got = overview.selection_summary(seed_segments, selected)
    # the same counts from tables holding only what is counted, and from the whole tables
    lean = overview.selection_summary(seed_segments[["doc_id", "role", "quoted", "text"]],
                                      selected[["doc_id", "voice"]])
    pd.testing.assert_frame_equal(got, lean)
    every = seed_segments.assign(voice=voice_of(seed_segments))
    for voice in ("author", "commenter"):
        row = got[got["voice"] == voice].iloc[0]
        mine = every[every["voice"] == voice]
        kept = selected[selected["voice"] == voice]
        assert (row["documents"], row["units"]) == (mine["doc_id"].nunique(), len(mine))
        assert (row["selected_documents"], row["selected_units"]) == (kept["doc_id"].nunique(), len(kept))


def test_sample_and_comment_tables_read_only_their_columns(seed_segments) -> None:
    # describe_sample and comments_per_page filter the comments' needed columns only;
    # the same results as from the whole rows (the formulas before the change)
    seg = seed_segments
    c = seg[seg["role"] == "comment"]
    agg = c.groupby("doc_id").agg(
        n_comments=("text", "size"), n_named_commenters=("commenter", "nunique"),
        median_chars=("text", lambda t: float(t.str.len().median())),
    )
    old = seg[["doc_id", "outlet"]].drop_duplicates().merge(agg, on="doc_id", how="left")
    old[["n_comments", "n_named_commenters"]] = old[["n_comments", "n_named_commenters"]].fillna(0).astype("int64")
    old = old.sort_values("doc_id").reset_index(drop=True)
    # the median is now one grouped median of the lengths: plain float64 (the per-group
    # lambda gave pandas' arrow double for an arrow text column), the same values
    old["median_chars"] = old["median_chars"].astype("float64")
    pd.testing.assert_frame_equal(comments_per_page(seg), old, check_exact=True)
    text = overview.describe_sample(seg)
    assert f"{c['doc_id'].nunique():,} page" in text and f"{len(c):,} comment" in text
    assert overview.describe_sample(seg[seg.columns[::-1]]) == text
