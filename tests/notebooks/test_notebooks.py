"""Committed notebooks: no outputs, one `parameters` cell of typed literals, no function definitions."""

from __future__ import annotations

import ast

import nbformat
import pytest

from corpuslib import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = {"00_corpus_overview.ipynb", "01_word_frequency.ipynb", "02_framing.ipynb", "03_sentiment.ipynb"}


def test_all_notebooks_present():
    assert EXPECTED <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert not cell.get("outputs"), f"{path.name}: outputs committed"
        assert cell.get("execution_count") is None, f"{path.name}: execution count committed"
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
    tree = ast.parse(params[0].source)
    names = set()
    for node in tree.body:
        assert isinstance(node, ast.AnnAssign), f"{path.name}: parameters must be `name: type = value`"
        ast.literal_eval(node.value)  # literals only
        names.add(node.target.id)
    assert {"out_dir", "raw_dir", "manifest"} <= names
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, ast.FunctionDef | ast.ClassDef), f"{path.name}: define functions in corpuslib"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_rebinds_a_parameter(path):
    """A later cell that assigns a parameter's name silently replaces what papermill injected
    (notebook 00 once overwrote ``langs`` with a table before selecting units by it)."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = next(c for c in code if "parameters" in c.metadata.get("tags", []))
    declared = {n.target.id for n in ast.parse(params.source).body}
    for cell in code:
        if cell is params:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For) else []
            for target in targets:
                for name in ast.walk(target):
                    assert not (isinstance(name, ast.Name) and name.id in declared), (
                        f"{path.name}: a cell rebinds the parameter {name.id!r}"
                    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_papermill_reads_every_parameter_with_help(path):
    import papermill as pm

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    declared = [n.target.id for n in ast.parse(cell.source).body]
    inspected = pm.inspect_notebook(str(path))
    assert list(inspected) == declared
    assert all(p["help"] for p in inspected.values()), "every parameter needs a `# help` comment"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_caption(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "save_figure":
                assert any(k.arg == "caption" for k in node.keywords), f"{path.name}: save_figure without caption"
