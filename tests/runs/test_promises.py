"""Each named run in notebooks/runs.yml does what its description promises.

Runs the project's own runs file on the test corpus (a private copy of the bundled pages)
and reads what the run wrote.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpuslib import paths
from corpuslib.runs.config import load_runs
from corpuslib.runs.execute import run_notebooks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("promises")
    # One pool over the three runs' six notebooks: two kernels stay busy throughout.
    only = "authors_only,with_quotations,lemmatized"
    result = run_notebooks(paths.RUNS_FILE, only=only, out_root=out, jobs=2, progress=False)
    assert result.ok, result.summary()
    return out


def _tables(run_dir: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_csv(p) for p in sorted((run_dir / "tables").glob("*.csv"))}


def _captions(run_dir: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted((run_dir / "figures").glob("*.caption.txt"))
    }


def test_every_run_has_a_description():
    specs = load_runs(paths.RUNS_FILE)
    assert {"default", "authors_only", "with_quotations", "lemmatized"} <= set(specs)
    assert all(spec.description for spec in specs.values())


def test_authors_only_has_no_quoted_or_commenter_unit_anywhere(runs):
    tables = _tables(runs / "authors_only")
    with_voice = {name: t for name, t in tables.items() if "voice" in t.columns}
    assert "sample-size-by-voice" in with_voice and "top-terms-by-voice" in with_voice
    for name, table in with_voice.items():
        assert set(table["voice"].dropna()) <= {"author"}, name
    sizes = tables["framing-sample-sizes"]
    assert "voices: author" in (runs / "authors_only" / "tables" / "framing-sample-sizes.tex").read_text()
    assert sizes["units"].sum() == with_voice["sample-size-by-voice"]["units"].sum()


def test_with_quotations_makes_quoted_a_voice_in_every_notebook(runs):
    tables = _tables(runs / "with_quotations")
    assert "quoted" in set(tables["sample-size-by-voice"]["voice"])  # 01
    assert "quoted" in set(tables["framing-sample-sizes"]["voice"])  # 02, grouped by voice
    assert "quoted" in set(tables["frame-scores"]["voice"])
    counts = tables["sentiment-unit-counts"]  # 03
    quoted = counts[counts["voice"] == "quoted"]
    assert quoted["scored"].sum() > 0 and quoted["excluded_quoted"].sum() == 0


def test_lemmatized_captions_say_so(runs):
    captions = _captions(runs / "lemmatized")
    assert any(name.startswith("zipf") for name in captions), captions
    for name, text in captions.items():
        assert "lemmas" in text, name
