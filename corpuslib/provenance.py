"""Provenance of a batch run: content hashes, package versions, git commit, atomic JSON.

Everything here is a small pure-ish helper used by :mod:`corpuslib.batch` to write
``outputs/<run>/run.json`` and to decide whether a run's inputs changed since the
last time it ran.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from corpuslib import paths

_CHUNK = 1 << 20
_SOURCE_SUFFIXES = (".py", ".mplstyle", ".yml", ".yaml", ".json", ".txt")
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Parameters
    ----------
    path : Path
        File to hash; read in 1 MiB chunks.

    Returns
    -------
    str
        64 lowercase hex digits.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_json(value: Any) -> str:
    """Return the SHA-256 of a JSON-serialisable value, independent of key order.

    Parameters
    ----------
    value : Any
        Plain Python data (dicts, lists, strings, numbers, booleans, None).

    Returns
    -------
    str
        64 lowercase hex digits.

    Examples
    --------
    >>> sha256_json({"b": 1, "a": [1, 2]}) == sha256_json({"a": [1, 2], "b": 1})
    True
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def display_path(path: Path, *, root: Path = paths.PROJECT_ROOT) -> str:
    """Return ``path`` relative to ``root`` in POSIX form when it lies inside it.

    Parameters
    ----------
    path : Path
        Any path.
    root : Path, optional
        Folder to express the path against (default: the project root).

    Returns
    -------
    str
        The relative POSIX path, or the absolute one when ``path`` is outside ``root``.

    Examples
    --------
    >>> from corpuslib import paths
    >>> display_path(paths.PROJECT_ROOT / "data" / "raw" / "a.txt")
    'data/raw/a.txt'
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class FileDigests:
    """SHA-256 of files, remembered across calls and processes while a file's size and mtime stay.

    The build (:func:`corpuslib.build.corpus_key`) and ``corpuslib run`` both hash
    the raw pages; with one index, a corpus hashed by either is not read again by
    the other. The index is JSON, ``{resolved path: [size, mtime_ns, sha256]}``.

    Parameters
    ----------
    index_path : Path, optional
        Default ``<processed dir>/cache/file-digests.json``.
    """

    def __init__(self, index_path: Path | None = None) -> None:
        self.index_path = (
            index_path
            if index_path is not None
            else paths.PROCESSED_DIR / "cache" / "file-digests.json"
        )
        try:
            self._index: dict[str, list] = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}
        self._changed = False

    def __call__(self, path: Path) -> str:
        """Hex SHA-256 of the bytes of ``path``."""
        st = path.stat()
        key = str(Path(path).resolve())
        hit = self._index.get(key)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        digest = sha256_file(path)
        self._index[key] = [st.st_size, st.st_mtime_ns, digest]
        self._changed = True
        return digest

    def save(self) -> None:
        """Write the index if anything was hashed anew, forgetting files that are gone.

        A read-only checkout still works, it only hashes again next time.
        """
        if not self._changed:
            return
        self._index = {k: v for k, v in self._index.items() if os.path.exists(k)}
        try:
            write_json_atomic(self.index_path, self._index, sort_keys=True)
        except OSError:
            return
        self._changed = False


def hash_files(
    files: Iterable[Path],
    *,
    root: Path = paths.PROJECT_ROOT,
    digests: Callable[[Path], str] = sha256_file,
) -> dict[str, str]:
    """Hash files into a ``{display path: sha256}`` mapping sorted by path.

    Parameters
    ----------
    files : iterable of Path
        Files to hash; entries that are not regular files are ignored.
    root : Path, optional
        Paths in the result are relative to this folder when inside it.
    digests : callable, optional
        ``Path -> sha256``, e.g. a :class:`FileDigests` that remembers them.

    Returns
    -------
    dict of str to str
    """
    hashes = {display_path(f, root=root): digests(Path(f)) for f in files if Path(f).is_file()}
    return dict(sorted(hashes.items()))


def list_files(folder: Path, *, patterns: Iterable[str] = ("*",)) -> list[Path]:
    """List the regular files under ``folder`` (recursively) matching any pattern.

    Hidden files and folders (name starting with ``.``) are skipped.

    Parameters
    ----------
    folder : Path
        Folder to walk; a missing folder gives an empty list.
    patterns : iterable of str, optional
        Glob patterns matched against file names.

    Returns
    -------
    list of Path
        Sorted paths.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found: set[Path] = set()
    for pattern in patterns:
        for path in folder.rglob(pattern):
            rel = path.relative_to(folder).parts
            if path.is_file() and not any(part.startswith(".") for part in rel):
                found.add(path)
    return sorted(found)


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
    package_dir = Path(package_dir or Path(__file__).resolve().parent)
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
    from corpuslib import __version__

    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "corpuslib": __version__,
        "git": git_state(),
        "packages": package_versions(),
    }


def write_json_atomic(path: Path, data: Mapping[str, Any], *, sort_keys: bool = False) -> Path:
    """Write ``data`` as indented UTF-8 JSON to ``path`` atomically.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` with :func:`os.replace`, so readers never see a half-written file.

    Parameters
    ----------
    path : Path
        Destination; its folder is created when missing.
    data : mapping
        JSON-serialisable data.
    sort_keys : bool
        Sort mapping keys (stable output for data whose key order is incidental).

    Returns
    -------
    Path
        ``path``.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"
    return write_text_atomic(path, text)


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (temporary file + :func:`os.replace`).

    Parameters
    ----------
    path : Path
        Destination; its folder is created when missing.
    text : str
        Content.

    Returns
    -------
    Path
        ``path``.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary file next to ``path``, then move it into place.

    The one atomic writer of corpuslib: readers never see a half-written file,
    and a failed write leaves the old file (if any) untouched. The temporary
    file is created by ``write`` itself, so it gets the usual permissions
    (:func:`tempfile.mkstemp` would force 0600).

    Parameters
    ----------
    path : Path
        Destination; its folder is created when missing.
    write : callable
        Writes the complete content to the path it is given.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same folder, so os.replace stays on one file system and is atomic.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    return atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
