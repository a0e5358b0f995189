"""Execute notebooks/02_framing.ipynb with papermill on non-default parameters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpuslib import paths

NOTEBOOK = paths.NOTEBOOKS_DIR / "02_framing.ipynb"
SMALL_FRAMES = Path(__file__).parents[1] / "data" / "framing" / "frames_small.yml"

FIGURES = ["fightin-words-by-voice", "keyness-by-voice", "frame-heatmap", "actor-collocates"]
TABLES = [
    "frame-validation",
    "frame-coding-sheet",
    "frame-matches-dropped-by-rules",
    "framing-sample-sizes",
    "fightin-words-by-voice",
    "keyness-by-voice",
    "frame-scores",
    "frame-dominant",
    "frame-hits",
    "frame-entries",
    "actor-collocates",
]

pytestmark = pytest.mark.slow


def _run(out_dir: Path, **parameters) -> Path:
    papermill = pytest.importorskip("papermill")
    executed = out_dir / "02_framing.ipynb"
    out_dir.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={"out_dir": str(out_dir), **parameters},
        kernel_name="python3",
        cwd=str(paths.PROJECT_ROOT),
        progress_bar=False,
    )
    return executed


def test_parameters_cell_declares_the_framing_parameters():
    # Generic hygiene (no outputs, one `parameters` cell of literals, no functions) is
    # tested for every notebook in tests/test_notebooks.py; here only this notebook's names.
    papermill = pytest.importorskip("papermill")
    names = set(papermill.inspect_notebook(str(NOTEBOOK)))
    assert {"group_by", "periods", "prior_scale", "frames_file", "targets", "window",
            "min_count", "collocate_min_g2", "voices", "out_dir", "raw_dir",
            "manifest"} <= names  # fmt: skip


def test_notebook_runs_with_non_default_parameters(tmp_path):
    out = tmp_path / "voice-run"
    params = {
        "group_by": "voice",
        "voices": ["author", "quoted", "commenter"],
        "prior_scale": 0.5,
        "min_count": 1,
        "top_n": 5,
        "frames_file": str(SMALL_FRAMES),
        "n_boot": 50,
        "seed": 3,
        "targets": ["Iran", "United States"],
        "window": 3,
        "measure": "pmi",
    }
    executed = _run(out, **params)
    assert executed.exists()
    for name in FIGURES:
        for ext in ("pdf", "svg", "png"):
            path = out / "figures" / f"{name}.{ext}"
            assert path.exists() and path.stat().st_size > 0, path
    for name in TABLES:
        assert (out / "tables" / f"{name}.csv").exists(), name
    assert (out / "tables" / "frame-scores.tex").exists()

    scores = pd.read_csv(out / "tables" / "frame-scores.csv")
    assert set(scores["frame"]) == {"diplomacy", "military", "regime"}  # the small file
    assert set(scores["voice"]) == {"author", "quoted", "commenter"}
    colloc = pd.read_csv(out / "tables" / "actor-collocates.csv")
    assert set(colloc["measure"]) == {"pmi"}
    assert set(colloc["target"]) <= {"Iran", "United States"}
    sizes = pd.read_csv(out / "tables" / "framing-sample-sizes.csv")
    assert list(sizes.columns) == [
        "voice", "documents", "units", "tokens", "counted_tokens",
    ]  # fmt: skip
    _check_sample_sizes_agree(out, "voice")


def _check_sample_sizes_agree(out: Path, by: str) -> None:
    """The n of every statistic is a column of the sample-size table."""
    sizes = pd.read_csv(out / "tables" / "framing-sample-sizes.csv").set_index(by)
    for table in (f"keyness-by-{by}", f"fightin-words-by-{by}"):
        n_a = pd.read_csv(out / "tables" / f"{table}.csv").groupby(by)["n_a"].first()
        assert n_a.to_dict() == sizes.loc[n_a.index, "counted_tokens"].to_dict(), table
    scores = pd.read_csv(out / "tables" / "frame-scores.csv")
    n_tok = scores.groupby(by)["n_tokens"].first()
    assert n_tok.to_dict() == sizes.loc[n_tok.index, "tokens"].to_dict()
    zero = scores[scores["hits"] == 0]
    assert (zero["ci_low"] == 0).all() and (zero["ci_high"] > 0).all()  # exact upper bound, not [0, 0]


@pytest.fixture(scope="module")
def default_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nb02")
    _run(out, n_boot=100)
    return out


def test_notebook_default_outputs(default_run):
    assert any(default_run.joinpath("figures").iterdir())
    assert (default_run / "figures" / "fightin-words-by-outlet.pdf").exists()
    _check_sample_sizes_agree(default_run, "outlet")
    colloc = pd.read_csv(default_run / "tables" / "actor-collocates.csv")
    assert set(colloc["measure"]) == {"likelihood"} and (colloc["score"] >= 3.84).all()


@pytest.mark.heavy  # byte identity of whole runs: tests/notebooks/test_notebook_03.py and tests/runs
def test_notebook_default_outputs_are_byte_identical_across_runs(default_run, tmp_path):
    second = tmp_path / "b"
    _run(second, n_boot=100)
    files = sorted(p.relative_to(default_run) for p in default_run.rglob("*") if p.is_file())
    files = [f for f in files if f.parts[0] in {"figures", "tables"}]
    assert any(f.parts[0] == "figures" for f in files)
    for rel in files:
        assert (default_run / rel).read_bytes() == (second / rel).read_bytes(), rel
