"""Read and validate ``data/manifest.csv`` (one row per raw file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import regex

from corpuslib import paths
from corpuslib.errors import ManifestError

__all__ = [
    "COLUMNS",
    "OPTIONAL",
    "REQUIRED",
    "list_raw_files",
    "read_manifest",
    "resolve_raw_file",
    "valid_date",
    "Manifest",
]


REQUIRED = ("doc_id", "file", "outlet")


OPTIONAL = ("title", "published", "url", "author", "comments_start")


COLUMNS = REQUIRED + OPTIONAL


_DOC_ID = regex.compile(r"[A-Za-z0-9_.\-]+")


_DATE = regex.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Manifest:
    """A validated manifest.

    Attributes
    ----------
    rows : pandas.DataFrame
        Valid rows, columns :data:`COLUMNS` (string dtype, missing = NA).
    problems : list of str
        Row-level errors; each names the row and/or file. Rows with a problem
        that makes them unusable are left out of ``rows``.
    unlisted : list of str
        Raw files that have no manifest row.
    """

    rows: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)

    def raise_for_problems(self) -> None:
        """Raise :class:`ManifestError` listing every problem, if there is any."""
        if self.problems:
            raise ManifestError("; ".join(self.problems))


def valid_date(value: str) -> bool:
    """True for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date.

    >>> valid_date("2012-01-30"), valid_date("2020-01"), valid_date("2007-02-30"), valid_date("Jan 2007")
    (True, True, False, False)
    """
    m = _DATE.fullmatch(value)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def resolve_raw_file(raw_dir: Path, file: str) -> Path:
    """The real path of a manifest ``file``, checked to be a regular file inside ``raw_dir``.

    Symlinks are followed: a name that leads outside the raw folder (``/etc/passwd``,
    ``../../x``, a link to another folder) is refused, whatever its spelling.

    Raises
    ------
    ManifestError
        Naming the file: absolute, outside the raw folder, missing, or not a
        regular file (a folder, FIFO, device).
    """
    root = Path(raw_dir).resolve()
    if Path(file).is_absolute() or Path(file).drive:
        raise ManifestError(
            f"file {file!r} is an absolute path; give it relative to the raw folder {raw_dir}"
        )
    joined = Path(raw_dir) / file
    plain = _plain_path(root, file)
    if plain is not None:  # no link below the root: its real path, checked and stat'ed
        real, st = plain
        if not stat.S_ISREG(st.st_mode):
            raise ManifestError(f"file {file!r} is {_kind(st.st_mode)}, not a regular file")
        return real
    try:
        real = joined.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # symlink loop
        raise ManifestError(f"file {file!r} cannot be resolved: {exc}") from None
    if not _inside(real, root):
        how = "is a symlink leading" if joined.is_symlink() else "lies"
        raise ManifestError(
            f"file {file!r} {how} outside the raw folder {raw_dir} (to {real}); not read"
        )
    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise ManifestError(f"file {file!r} not found in {raw_dir}") from None
    except OSError as exc:
        raise ManifestError(f"file {file!r} cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ManifestError(f"file {file!r} is {_kind(st.st_mode)}, not a regular file")
    return real


def _plain_path(root: Path, file: str) -> tuple[Path, os.stat_result] | None:
    """``(root / file, its stat)`` when every part of *file* is a plain name and none
    below *root* (a real path) is a symbolic link: then that path is its real path and
    lies inside *root*. ``None`` otherwise (``..``, ``.``, a link, a missing part):
    the caller resolves the path in full. One ``lstat`` per part of *file*, instead of
    resolving every part of the whole path."""
    parts = Path(file).parts
    if not parts or any(p in ("", ".", "..") for p in parts):
        return None
    path = root
    st = None
    for part in parts:
        path = path / part
        try:
            st = os.lstat(path)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            return None
    return path, st


def list_raw_files(raw_dir: Path) -> list[str]:
    """Relative paths (POSIX) of the regular files under ``raw_dir``, sorted.

    Hidden files are skipped, and so is anything that is not a regular file or
    (through a symlink) lies outside ``raw_dir``: such a file is never read.
    """
    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    found: list[str] = []
    folders = [(os.fspath(raw_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # unreadable or gone: nothing in it is read
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            with contextlib.suppress(OSError, RuntimeError):
                if entry.is_symlink():
                    # followed to a regular file inside raw_dir; a linked folder is not walked
                    if os.path.isfile(entry.path) and _inside(Path(entry.path).resolve(), root):
                        found.append(prefix + entry.name)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    # below raw_dir through real folders only: inside it without resolving
                    found.append(prefix + entry.name)
    return sorted(found)


def _escaping_links(raw_dir: Path) -> list[str]:
    """Symlinks under ``raw_dir`` that lead outside it (reported, never read)."""
    root = raw_dir.resolve()
    found = []
    for p in raw_dir.rglob("*"):
        rel = p.relative_to(raw_dir)
        if p.is_symlink() and not any(part.startswith(".") for part in rel.parts):
            with contextlib.suppress(OSError, RuntimeError):
                if not _inside(p.resolve(), root):
                    found.append(rel.as_posix())
    return sorted(found)


def _read_csv(path: Path) -> pd.DataFrame:
    """The manifest as strings, with stripped column names and every column of :data:`COLUMNS`."""
    if path.is_dir():
        raise ManifestError(f"{path}: is a folder; --manifest must name the manifest CSV file")
    if path.exists() and not path.is_file():
        raise ManifestError(
            f"{path}: not a regular file; --manifest must name the manifest CSV file"
        )
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ManifestError(f"{path}: manifest not found") from exc
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc.strerror or exc}") from exc
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ManifestError(f"{path}: not a readable UTF-8 CSV: {exc}") from exc
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ManifestError(
            f"{path}: missing required column(s) {missing}; header is {list(df.columns)}"
        )
    return df


def _doc_id_problem(doc_id: str, seen: dict[str, int]) -> str | None:
    """Why ``doc_id`` is unusable (empty, bad characters, already on row ``seen[doc_id]``)."""
    if not doc_id:
        return "empty doc_id"
    if not _DOC_ID.fullmatch(doc_id):
        return f"doc_id {doc_id!r} may only contain letters, digits, '_', '.', '-'"
    if doc_id in seen:
        return f"duplicate doc_id {doc_id!r} (first on row {seen[doc_id]})"
    return None


def _file_problem(
    file: str, raw_dir: Path, files_seen: dict[Path, int]
) -> tuple[Path | None, str | None]:
    """The resolved raw file of a row, or why it is unusable."""
    if not file:
        return None, "empty file"
    try:
        real = resolve_raw_file(raw_dir, file)
    except ManifestError as exc:
        return None, str(exc)
    if real in files_seen:
        return None, (
            f"file {file!r} names the same raw file as row "
            f"{files_seen[real]} (each file is listed once)"
        )
    return real, None


def _unlisted(raw_dir: Path, files_seen: dict[Path, int]) -> list[str]:
    """Raw files (relative POSIX paths) that no manifest row names."""
    if not raw_dir.is_dir():
        raise ManifestError(f"{raw_dir}: raw folder not found")
    return [f for f in list_raw_files(raw_dir) if (raw_dir / f).resolve() not in files_seen]


def read_manifest(path: str | Path | None = None, raw_dir: str | Path | None = None) -> Manifest:
    """Read the manifest and check it against the raw folder.

    Parameters
    ----------
    path : path, optional
        The manifest CSV (default ``data/manifest.csv``).
    raw_dir : path, optional
        The raw folder (default ``data/raw``).

    Returns
    -------
    Manifest
        Valid rows plus every row-level problem (missing file, duplicate id,
        bad id, missing outlet, bad date) and every raw file without a row
        (also reported as a problem).

    Raises
    ------
    ManifestError
        If the file cannot be read as CSV or lacks a required column, or the raw
        folder does not exist.
    """
    path = Path(path) if path is not None else paths.MANIFEST
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.RAW_DIR
    df = _read_csv(path)
    unknown = [c for c in df.columns if c not in COLUMNS]
    problems: list[str] = []
    if unknown:
        problems.append(f"{path}: unknown column(s) {unknown} (expected {list(COLUMNS)})")
    for col in OPTIONAL:
        if col not in df.columns:
            df[col] = ""
    df = df[list(COLUMNS)].apply(lambda s: s.str.strip() if s.name != "comments_start" else s)

    keep = []
    seen: dict[str, int] = {}
    files_seen: dict[Path, int] = {}
    files, published = df["file"].tolist(), df["published"].tolist()  # set once, not per row
    for i, row in enumerate(df.itertuples(index=False), start=2):
        where = f"{path.name} row {i}"
        row_problems = []
        id_problem = _doc_id_problem(row.doc_id, seen)
        if id_problem:
            row_problems.append(id_problem)
        else:
            seen[row.doc_id] = i
        real, file_problem = _file_problem(row.file, raw_dir, files_seen)
        if file_problem:
            row_problems.append(file_problem)
        else:
            files_seen[real] = i
            files[i - 2] = posixpath.normpath(row.file.replace(os.sep, "/"))
        if not row.outlet:
            row_problems.append("empty outlet (required)")
        problems.extend(f"{where}: {p}" for p in row_problems)
        keep.append(not row_problems)
        if row.published and not valid_date(row.published):
            problems.append(
                f"{where}: published {row.published!r} is not a date as YYYY, YYYY-MM or"
                " YYYY-MM-DD (stored as unknown)"
            )
            published[i - 2] = ""
    df = df.assign(file=pd.Series(files, index=df.index, dtype=df["file"].dtype),
                   published=pd.Series(published, index=df.index, dtype=df["published"].dtype))
    rows = df[keep].reset_index(drop=True).replace("", pd.NA).astype("string")
    unlisted = _unlisted(raw_dir, files_seen)
    problems.extend(f"{raw_dir / f}: raw file has no row in {path.name}" for f in unlisted)
    problems.extend(
        f"{raw_dir / f}: symlink leading outside the raw folder; never read"
        for f in _escaping_links(raw_dir)
    )
    return Manifest(rows=rows, problems=problems, unlisted=unlisted)
