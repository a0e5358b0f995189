"""Run configuration: ``notebooks/runs.yml``, named parameter sets checked against the notebooks.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpuslib.errors import RunConfigError
from corpuslib.files import (
    display_path,
)
from corpuslib.lexicons import parse_yaml, read_yaml_text
from corpuslib.runs.parameters import RESERVED_PARAMETERS, Parameter, read_parameters

__all__ = [
    "load_runs",
    "NotebookSpec",
    "RunSpec",
]


_RUN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


_NOTEBOOK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


_RUN_KEYS = frozenset({"description", "notebooks"})


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of a run: where it is, what it declares, what the run overrides.

    Attributes
    ----------
    name : str
        Notebook name without ``.ipynb``.
    path : Path
        The committed notebook.
    overrides : dict
        Parameter values from runs.yml.
    declared : dict of str to Parameter
        What the notebook's parameters cell declares.
    """

    name: str
    path: Path
    overrides: dict[str, Any]
    declared: dict[str, Parameter]

    def effective_parameters(self, out_dir: str) -> dict[str, Any]:
        """Return every declared parameter's value for this run, ``out_dir`` included."""
        values = {
            n: (p.default if p.default is not None or not p.default_source else p.default_source)
            for n, p in self.declared.items()
        }
        values.update(self.overrides)
        values["out_dir"] = out_dir
        return values


@dataclass(frozen=True)
class RunSpec:
    """A named parameter set from runs.yml.

    Attributes
    ----------
    name : str
        Run name; also the folder ``outputs/<name>/``.
    notebooks : dict of str to NotebookSpec
        In the order written in runs.yml.
    description : str
        Free text from runs.yml.
    """

    name: str
    notebooks: dict[str, NotebookSpec]
    description: str = ""


def _available(notebooks_dir: Path) -> str:
    names = sorted(p.stem for p in notebooks_dir.glob("*.ipynb"))
    return ", ".join(names) if names else "none"


def load_runs(path: Path, *, notebooks_dir: Path | None = None) -> dict[str, RunSpec]:
    """Read and validate a runs file against the notebooks it names.

    Every problem is collected and reported at once, before anything runs.

    Parameters
    ----------
    path : Path
        The runs file (``notebooks/runs.yml``).
    notebooks_dir : Path, optional
        Where notebook names are looked up as ``<name>.ipynb`` (default: the runs
        file's folder).

    Returns
    -------
    dict of str to RunSpec
        In file order.

    Raises
    ------
    RunConfigError
        When the file is missing or not YAML, a run or key is duplicated, a run
        name is not a valid folder name, a notebook does not exist, a parameter is
        not declared by the notebook or reserved (``out_dir``), or a value does not
        fit the declared type. The message names the run, notebook and parameter.
    """
    path = Path(path)
    shown = display_path(path)
    if not path.is_file():
        raise RunConfigError(f"{shown}: runs file not found")
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else path.parent
    text = read_yaml_text(path, error=RunConfigError, what="runs")
    data = parse_yaml(text, source=shown, error=RunConfigError)
    if not isinstance(data, dict) or not data:
        raise RunConfigError(f"{shown}: expected a mapping of run names to run definitions")

    problems: list[str] = []
    declared_cache: dict[Path, dict[str, Parameter] | str] = {}
    runs: dict[str, RunSpec] = {}
    for run_name, body in data.items():
        spec = _check_run(run_name, body, notebooks_dir, declared_cache, problems)
        if spec is not None:
            runs[run_name] = spec
    if problems:
        listing = "\n  - ".join(problems)
        raise RunConfigError(f"{shown}: {len(problems)} problem(s):\n  - {listing}")
    return runs


def _check_run(
    run_name: Any, body: Any, notebooks_dir: Path,
    declared_cache: dict[Path, dict[str, Parameter] | str], problems: list[str],
) -> RunSpec | None:
    """One run's definition, its problems appended to *problems*; None when unusable."""
    where = f"run {run_name!r}"
    if not isinstance(run_name, str) or not _RUN_NAME.match(run_name):
        problems.append(f"{where}: run names must match [A-Za-z0-9][A-Za-z0-9_.-]*")
        return None
    if not isinstance(body, dict):
        problems.append(f"{where}: expected a mapping with a 'notebooks' key")
        return None
    unknown = sorted(str(k) for k in set(body) - _RUN_KEYS)
    if unknown:
        problems.append(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: description, notebooks)"
        )
    description = body.get("description") or ""
    if not isinstance(description, str):
        problems.append(f"{where}: 'description' must be text")
        description = str(description)
    listed = body.get("notebooks")
    if isinstance(listed, list) and all(isinstance(n, str) for n in listed):
        if len(set(listed)) != len(listed):
            problems.append(f"{where}: a notebook is listed twice")
        listed = {n: {} for n in listed}
    if not isinstance(listed, dict) or not listed:
        problems.append(f"{where}: 'notebooks' must be a non-empty mapping of notebook names")
        return None
    specs: dict[str, NotebookSpec] = {}
    for nb_key, overrides in listed.items():
        spec = _check_notebook(where, nb_key, overrides, notebooks_dir, specs, declared_cache,
                               problems)
        if spec is not None:
            specs[spec.name] = spec
    return RunSpec(run_name, specs, description.strip())


def _check_notebook(
    where: str, nb_key: Any, overrides: Any, notebooks_dir: Path, specs: dict[str, NotebookSpec],
    declared_cache: dict[Path, dict[str, Parameter] | str], problems: list[str],
) -> NotebookSpec | None:
    """One notebook of a run: a bare name of an existing notebook and declared parameters."""
    nb_name = str(nb_key).removesuffix(".ipynb")
    nb_where = f"{where}, notebook {nb_name!r}"
    if not isinstance(nb_key, str) or not _NOTEBOOK_NAME.match(nb_name):
        # A path here would make the executed copy land elsewhere, even
        # over the committed notebook: only bare names are accepted.
        problems.append(
            f"{nb_where}: notebook keys are bare names of notebooks in "
            f"{display_path(notebooks_dir)} (letters, digits, '_', '.', '-'; no folder), "
            f"available: {_available(notebooks_dir)}"
        )
        return None
    nb_path = notebooks_dir / f"{nb_name}.ipynb"
    if nb_name in specs:
        problems.append(f"{nb_where}: listed twice")
        return None
    if not nb_path.is_file():
        problems.append(
            f"{nb_where}: unknown notebook, no {display_path(nb_path)} "
            f"(available: {_available(notebooks_dir)})"
        )
        return None
    overrides = {} if overrides is None else overrides
    if not isinstance(overrides, dict):
        problems.append(f"{nb_where}: expected a mapping of parameter names to values")
        return None
    if nb_path not in declared_cache:
        try:
            declared_cache[nb_path] = read_parameters(nb_path)
        except RunConfigError as exc:
            declared_cache[nb_path] = str(exc)
    declared = declared_cache[nb_path]
    if isinstance(declared, str):
        problems.append(f"{nb_where}: {declared}")
        return None
    for pname, value in overrides.items():
        problem = _parameter_problem(pname, value, declared)
        if problem:
            problems.append(f"{nb_where}, parameter {pname!r}: {problem}")
    return NotebookSpec(nb_name, nb_path, dict(overrides), declared)


def _parameter_problem(pname: Any, value: Any, declared: dict[str, Parameter]) -> str:
    """Why an override cannot be used ("" when it can)."""
    if pname in RESERVED_PARAMETERS:
        return "is set by the runner and cannot be overridden"
    if pname not in declared:
        close = difflib.get_close_matches(str(pname), list(declared), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return (f"not declared in the notebook's parameters cell "
                f"({hint}declared: {', '.join(declared) or 'none'})")
    if not declared[pname].accepts(value):
        return (f"expected {declared[pname].annotation or 'the default type'}, "
                f"got {type(value).__name__} {value!r}")
    return ""
