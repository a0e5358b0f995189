"""Packaging stays consistent: environment.yml matches pyproject, no downloads at run time."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

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


def test_raw_data_is_the_bundled_seeds():
    import hashlib

    seeds = ROOT.parent / "shared" / "seeds"
    raw = sorted(p.name for p in paths.RAW_DIR.iterdir())
    assert raw == [
        "000_f3a5e988c5b38aa5.txt", "001_29d5292359f1c05b.txt", "002_caf795c3bb6e4b4d.txt",
        "003_02c660931d4fc233.txt", "004_eea85f3324e328e6.txt",
    ]
    if seeds.is_dir():
        for name in raw:
            assert hashlib.sha256((paths.RAW_DIR / name).read_bytes()).digest() == hashlib.sha256(
                (seeds / name).read_bytes()
            ).digest()


def test_public_api_resolves():
    import corpuslib

    for name in corpuslib.__all__:
        assert getattr(corpuslib, name) is not None, name
