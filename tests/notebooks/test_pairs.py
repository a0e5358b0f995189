"""Each notebook and its jupytext percent script (notebooks/jupytext.toml) are in step.

Pull requests review notebook changes in the ``.py`` twin. After editing a notebook
outside JupyterLab-with-jupytext, run ``make sync-notebooks``.
"""

from __future__ import annotations

import nbformat
import pytest

from corpuslib.paths import NOTEBOOKS_DIR

jupytext = pytest.importorskip("jupytext")

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", []))) for c in nb.cells]


def test_every_notebook_is_paired():
    scripts = {p.stem for p in NOTEBOOKS_DIR.glob("*.py")}
    assert {p.stem for p in NOTEBOOKS} <= scripts, "run `make sync-notebooks`"
    assert scripts <= {p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb")}, "a script without its notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_script_hold_the_same_cells(path):
    script = jupytext.read(path.with_suffix(".py"))
    notebook = nbformat.read(path, as_version=4)
    assert cells(script) == cells(notebook), (
        f"{path.name} and {path.with_suffix('.py').name} differ: run `make sync-notebooks` "
        "(jupytext --sync keeps the newer of the two)"
    )
