"""Provenance of a run: package versions, source hash, git state and environment.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpuslib import __version__, paths
from corpuslib.files import list_files, sha256_file

__all__ = [
    "environment_info",
    "git_state",
    "package_versions",
    "source_hash",
]


_SOURCE_SUFFIXES = (".py", ".mplstyle", ".yml", ".yaml", ".json", ".txt")


_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def source_hash(package_dir: Path | None = None) -> str:
    """Return one SHA-256 over corpuslib's own source files (``.py``, style and data files).

    Parameters
    ----------
    package_dir : Path, optional
        The package folder (default: the installed ``corpuslib`` folder).

    Returns
    -------
    str
        Changes whenever any source file of the package is added, removed or edited.
    """
    package_dir = Path(package_dir or Path(__file__).resolve().parents[1])
    digest = hashlib.sha256()
    for path in list_files(package_dir):
        if path.suffix not in _SOURCE_SUFFIXES or "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(sha256_file(path).encode("ascii") + b"\n")
    return digest.hexdigest()


def package_versions(names: Iterable[str] | None = None) -> dict[str, str | None]:
    """Return installed versions of the given distributions (``None`` when absent).

    Parameters
    ----------
    names : iterable of str, optional
        Distribution names. Default: ``corpuslib`` and every run-time requirement it
        declares (extras excluded), plus the Jupyter pieces that execute notebooks.

    Returns
    -------
    dict of str to str or None
        Sorted by name.
    """
    if names is None:
        wanted = {"corpuslib", "jupyter-client", "nbclient"}
        try:
            requirements = importlib.metadata.requires("corpuslib") or []
        except importlib.metadata.PackageNotFoundError:
            requirements = []
        for requirement in requirements:
            if "extra ==" in requirement:
                continue
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                wanted.add(match.group(1))
        names = wanted
    versions: dict[str, str | None] = {}
    for name in sorted(set(names), key=str.lower):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(root: Path = paths.PROJECT_ROOT) -> dict[str, Any]:
    """Return the git commit of ``root`` and whether its work tree has changes.

    Parameters
    ----------
    root : Path, optional
        A folder inside a git work tree.

    Returns
    -------
    dict
        ``{"commit": str | None, "dirty": bool | None}``; both ``None`` when git or
        the repository is unavailable.
    """
    state: dict[str, Any] = {"commit": None, "dirty": None}
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        state["commit"] = commit.stdout.strip() or None
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        state["dirty"] = bool(status.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return state


def environment_info() -> dict[str, Any]:
    """Return the Python, platform, package and git facts recorded in ``run.json``.

    Returns
    -------
    dict
        Keys ``python``, ``platform``, ``corpuslib``, ``git`` and ``packages``.
    """

    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "corpuslib": __version__,
        "git": git_state(),
        "packages": package_versions(),
    }
