"""The package's shape: data flows one way, analyses never draw, every module declares __all__."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "corpuslib"
# Layers, lowest first: a module may import its own layer and the layers below it.
LAYERS = {
    "errors": 0, "paths": 0,
    "files": 1, "lexicons": 1, "parallel": 1, "escape": 1,
    "corpus": 2, "analysis": 3, "plots": 4, "runs": 5, "cli": 6,
}  # fmt: skip
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if parts[0] == "corpuslib" and len(parts) > 1 else None


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _imports(tree: ast.Module) -> list[tuple[str, int, bool]]:
    """(module, line, at top level) of every corpuslib import."""
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("corpuslib"):
            names = [node.module] if node.module != "corpuslib" else [f"corpuslib.{a.name}" for a in node.names]
            found += [(n, node.lineno, id(node) in top) for n in names]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in top) for a in node.names if a.name.startswith("corpuslib")]
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_upward_import(path):
    me = _layer(_name(path))
    for module, line, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        other = _layer(module)
        assert other is None or me is None or other <= me, f"{_name(path)}:{line} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_corpuslib_imports_sit_at_the_top(path):
    inner = [(m, line) for m, line, top in _imports(ast.parse(path.read_text(encoding="utf-8"))) if not top]
    assert not inner, f"{_name(path)} imports inside functions: {inner}"


@pytest.mark.parametrize("folder", ["analysis", "corpus"])
def test_analysis_and_corpus_never_draw(folder):
    for path in (PACKAGE / folder).rglob("*.py"):
        assert "matplotlib" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_module_declares_all_and_it_names_real_public_things(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = next(
        (ast.literal_eval(n.value) for n in tree.body
         if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__"),
        None,
    )  # fmt: skip
    assert declared is not None, f"{_name(path)} has no __all__"
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)} | {
        t.id for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)
    }  # fmt: skip
    assert set(declared) <= defined and not any(d.startswith("_") for d in declared)


def test_public_api_of_the_design_is_importable():
    import corpuslib

    for name in ("load_segments", "tokenize", "log_odds_dirichlet", "keyness", "select_units",
                 "sentiment_scores"):  # fmt: skip
        assert callable(getattr(corpuslib, name)), name
