"""Packaging stays consistent: environment.yml matches pyproject, no downloads at run time."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import pytest
import yaml

from corpuslib import paths

ROOT = paths.PROJECT_ROOT


def _name(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_name(s) for s in project["dependencies"])
    for extra in ("dask", "dev"):
        wanted.update(_name(s) for s in project["optional-dependencies"][extra])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    conda = {}
    pip = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip = dep["pip"]
            continue
        name, spec = _name(dep)
        if name not in ("python", "pip"):
            conda[name] = spec
    assert conda == wanted
    assert "-e ." in pip
    py = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert py.replace(" ", "") == "python" + project["requires-python"]


def test_lock_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = {
        _name(line.split("==")[0])[0]
        for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    deps = list(project["dependencies"]) + [d for e in project["optional-dependencies"].values() for d in e]
    missing = {_name(d)[0] for d in deps} - lock
    assert not missing, f"not pinned in requirements-lock.txt: {missing}"


def test_no_runtime_downloads_in_code():
    offenders = []
    for path in list((ROOT / "corpuslib").rglob("*.py")) + list((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for bad in ("nltk.download", "urlopen(", "requests.get", "from_pretrained(", "hf_hub"):
            if bad in text:
                offenders.append(f"{path.name}: {bad}")
    assert not offenders


def test_bundled_seeds_are_unchanged():
    """data/raw holds the five seed pages byte for byte (users may add more)."""
    import hashlib

    seeds_in_tests = sorted(p.name for p in paths.RAW_DIR.iterdir())  # the suite's copy
    assert len(seeds_in_tests) == 5
    project_raw = ROOT / "data" / "raw"
    assert set(seeds_in_tests) <= {p.name for p in project_raw.iterdir()}
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for name in seeds_in_tests:
        assert hashlib.sha256((project_raw / name).read_bytes()).digest() == hashlib.sha256(
            (seeds / name).read_bytes()
        ).digest()


def test_public_api_resolves():
    import corpuslib

    for name in corpuslib.__all__:
        assert getattr(corpuslib, name) is not None, name
