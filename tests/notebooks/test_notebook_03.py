"""Execute notebooks/03_sentiment.ipynb with papermill on non-default parameters."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from corpuslib.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOK = NOTEBOOKS_DIR / "03_sentiment.ipynb"

FIGURES = (
    "sentiment-within-page",
    "sentiment-driving-words",
    "sentiment-by-voice",
    "sentiment-difference-forest",
    "instrument-agreement",
)
TABLES = (
    "sentiment-excluded-units",
    "sentiment-quoted-spans",
    "sentiment-unit-counts",
    "sentiment-unit-lengths",
    "sentiment-within-page",
    "sentiment-mixed-model",
    "sentiment-driving-words",
    "sentiment-domain-lexicon",
    "sentiment-author-commenter",
    "instrument-agreement",
    "sentiment-extreme-units",
)
OUTLETS = ["Antiwar.com", "Just World News", "The Atlantic"]

pytestmark = pytest.mark.slow


def _params(out_dir: Path, jobs: int = 1) -> dict:
    return {
        "instrument": "both",
        "unit": "sentence",
        "voices": ["author", "quoted", "commenter"],
        "outlets": OUTLETS,
        "n_boot": 200,
        "n_perm": 199,
        "min_n": 3,
        "seed": 7,
        "jobs": jobs,
        "out_dir": str(out_dir),  # absolute: kept as is by PROJECT_ROOT / out_dir
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> list[Path]:
    papermill = pytest.importorskip("papermill")
    root = tmp_path_factory.mktemp("nb03")
    outs = []
    # the rerun passes jobs=2 through the notebook (its outputs must still be byte-identical);
    # parallel scoring over several chunks is compared with serial in test_dask/test_parallel
    for name, jobs in (("a", 1), ("b", 2)):
        out = root / name
        papermill.execute_notebook(
            str(NOTEBOOK),
            str(root / f"{name}.ipynb"),
            parameters=_params(out, jobs),
            kernel_name="python3",
            cwd=str(PROJECT_ROOT),
            progress_bar=False,
        )
        outs.append(out)
    return outs


def test_parameters_are_literals_papermill_can_read() -> None:
    papermill = pytest.importorskip("papermill")
    params = papermill.inspect_notebook(str(NOTEBOOK))
    expected = {
        "instrument",
        "unit",
        "quotes",
        "domain_lexicon",
        "use_domain_lexicon",
        "min_pages",
        "voices",
        "langs",
        "exclude",
        "outlets",
        "n_boot",
        "n_perm",
        "min_n",
        "seed",
        "jobs",
        "cache",
        "out_dir",
        "raw_dir",
        "manifest",
    }
    assert set(params) == expected
    assert all(p["help"] for p in params.values())
    assert params["out_dir"]["default"] == '"outputs/interactive"'
    assert params["unit"]["default"] == '"sentence"'
    assert params["quotes"]["default"] == '"remove"'


def test_within_page_headline_and_lexicon_sensitivity(runs: list[Path]) -> None:
    tables = runs[0] / "tables"
    pages = pd.read_csv(tables / "sentiment-within-page.csv")
    assert set(pages["lexicon"]) == {"VADER as published", "news-domain override"}
    within = pages[pages["scope"] == "mean of within-page differences"]
    assert len(within) == 2
    # Antiwar.com, Just World News and The American Interest (not selected) -> 2 pages
    assert (within["n_pages"] == 2).all() and (within["p_min"] == 0.5).all()
    assert within["too_small"].all()
    for _, r in within.iterrows():
        page_rows = pages[(pages["lexicon"] == r["lexicon"]) & (pages["scope"] == "page")]
        assert r["diff"] == pytest.approx(page_rows["diff"].mean(), abs=2e-4)  # CSV rounds
    assert (pages["scope"] == "pooled over units (unit-weighted)").sum() == 2
    texts = _outputs(runs[0].parent / "a.ipynb")
    told = [t for t in texts if "smallest p-value it can give is 2/2^2 = 0.5" in t]
    assert len(told) == 1
    model = pd.read_csv(tables / "sentiment-mixed-model.csv")
    assert set(model["lexicon"]) == set(pages["lexicon"]) and (model["n_pages"] == 2).all()
    words = pd.read_csv(tables / "sentiment-driving-words.csv")
    assert {"author", "commenter"} <= set(words["voice"])
    quoted = pd.read_csv(tables / "sentiment-quoted-spans.csv")
    assert "pasted_statement" in set(quoted["kind"])
    lengths = pd.read_csv(tables / "sentiment-unit-lengths.csv").set_index("voice")
    assert lengths.loc["commenter", "words_max"] < 250  # the press release is out


def test_writes_figures_and_tables(runs: list[Path]) -> None:
    out = runs[0]
    for name in FIGURES:
        for ext in ("pdf", "svg", "png"):
            path = out / "figures" / f"{name}.{ext}"
            assert path.is_file() and path.stat().st_size > 0, path
    for name in TABLES:
        for ext in ("csv", "tex"):
            assert (out / "tables" / f"{name}.{ext}").is_file()


def test_parameters_reach_the_analysis(runs: list[Path]) -> None:
    tables = runs[0] / "tables"
    comp = pd.read_csv(tables / "sentiment-author-commenter.csv")
    assert set(comp.loc[comp["scope"] != "pooled", "outlet"]) == set(OUTLETS)
    assert set(comp["measure"]) == {"compound", "textblob_polarity"}
    # unit="sentence": per-outlet intervals resample segments
    ok = comp[(comp["scope"] != "pooled") & comp["diff"].notna()]
    assert ok["ci_method"].str.startswith("cluster bootstrap by segment").all()
    atlantic = comp[comp["outlet"] == "The Atlantic"].iloc[0]
    assert atlantic["too_small"] and atlantic["reason"] == "no commenter units"
    counts = pd.read_csv(tables / "sentiment-unit-counts.csv")
    assert "quoted" in set(counts["voice"])  # voices include quoted
    assert counts["excluded_quoted"].sum() == 0
    # multiplicity and page-level flags reach the table
    tested = comp["p_perm"].notna()
    assert (comp.loc[tested, "p_adj"] >= comp.loc[tested, "p_perm"]).all()
    assert comp.loc[tested, "p_adj_method"].str.startswith("Holm").all()
    one_page = (comp["n_docs_author"] == 1) | (comp["n_docs_commenter"] == 1)
    assert comp["page_level"].eq(one_page & comp["diff"].notna()).all()
    executed = nbformat.read(runs[0].parent / "a.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "n_boot = 200" in injected[0].source


def test_rerun_is_byte_identical(runs: list[Path]) -> None:
    """Same inputs, same bytes, with jobs=1 and with jobs=2 passed to the notebook."""
    first, second = runs
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def _outputs(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts.append(data.get("text/markdown") or data.get("text/plain") or out.get("text", ""))
    return texts


def test_no_object_reprs_and_narrative_follows_table(runs: list[Path]) -> None:
    texts = _outputs(runs[0].parent / "a.ipynb")
    assert not any("_StyleContext" in t or "object at 0x" in t for t in texts)
    comp = pd.read_csv(runs[0] / "tables" / "sentiment-author-commenter.csv")
    narrative = [t for t in texts if "Page-level cells" in t or "rests on a single page" in t]
    assert len(narrative) == 1
    flagged = comp.loc[comp["page_level"], "outlet"].unique()
    for outlet in flagged:
        assert outlet in narrative[0]
    assert "between pages" in narrative[0] or not len(flagged)
    for _, r in comp[comp["scope"] == "pooled"].iterrows():
        assert f"{r['instrument']}: {r['diff']:+.2f}" in narrative[0]


def test_extremes_table_has_no_all_na_column(runs: list[Path]) -> None:
    extremes = pd.read_csv(runs[0] / "tables" / "sentiment-extreme-units.csv")
    assert not extremes.isna().all().any()


def test_rerun_on_unchanged_data_scores_nothing(tmp_path, monkeypatch) -> None:
    """Notebook 03 twice on the same corpus with the score cache (its default): the
    second run finds every score in data/processed/cache, so it writes no cache file
    (the cache is rewritten whenever one text is scored) and gives the same bytes."""
    papermill = pytest.importorskip("papermill")
    processed = tmp_path / "processed"
    monkeypatch.setenv("CORPUSLIB_PROCESSED_DIR", str(processed))  # the kernels inherit it

    def run(name: str) -> Path:
        out = tmp_path / name
        params = {**_params(out), "n_boot": 50, "n_perm": 49}
        papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / f"{name}.ipynb"),
                                   parameters=params, kernel_name="python3",
                                   cwd=str(PROJECT_ROOT), progress_bar=False)
        return out

    first = run("a")
    cache = {p: p.stat().st_mtime_ns for p in (processed / "cache").glob("sentiment-*")}
    assert len(cache) == 4  # two lexicons: a parquet file and its key sidecar each
    second = run("b")
    assert {p: p.stat().st_mtime_ns for p in (processed / "cache").glob("sentiment-*")} == cache
    for rel in sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file()):
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
