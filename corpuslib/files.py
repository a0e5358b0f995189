"""Files: atomic writes, content hashing and the file-digest memo.

Every write of a derived file goes through :func:`atomic_write` (a temporary file in
the same folder, then :func:`os.replace`), so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpuslib import paths
from corpuslib.errors import BusyError

__all__ = [
    "atomic_write",
    "display_path",
    "exclusive_lock",
    "hash_files",
    "list_files",
    "remove_stale_temporaries",
    "sha256_file",
    "sha256_json",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_parquet_atomic",
    "write_text_atomic",
    "FileDigests",
]


_CHUNK = 1 << 20


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

    The build (:func:`corpuslib.corpus.build.corpus_key`) and ``corpuslib run`` both hash
    the raw pages; with one index, a corpus hashed by either is not read again by
    the other. The index is JSON, ``{resolved path: [size, mtime_ns, ctime_ns, inode,
    device, sha256, hashed_at_ns]}``; see :meth:`__call__` for when it is trusted.

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
        self._folders: dict[str, str] = {}

    #: Assumed timestamp resolution of the file system (FAT: 2 s; most others finer).
    #: A digest taken less than this after the file's last change is not trusted later.
    RESOLUTION_NS = 2_000_000_000

    def __call__(self, path: str | os.PathLike[str]) -> str:
        """Hex SHA-256 of the bytes of ``path``.

        The remembered digest is used only when it is certain: same size,
        mtime, ctime, inode and device as when it was taken (restoring the old
        mtime after an edit, as ``touch -d`` or ``rsync -t`` do, still changes
        the ctime), and it was taken more than :attr:`RESOLUTION_NS` after the
        file's last change (a later same-size write within the same timestamp
        tick would be invisible, git's "racy" case). Otherwise the file is read.
        """
        name = os.fspath(path)  # paths as strings: Path objects were most of a remembered corpus's cost
        st = os.lstat(name)
        if stat.S_ISLNK(st.st_mode):
            st, key = os.stat(name), str(Path(name).resolve())
        else:
            key = self._key(name)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
        hit = self._index.get(key)
        if (
            isinstance(hit, list)
            and len(hit) == 7
            and hit[:5] == stamp
            and hit[6] - max(st.st_mtime_ns, st.st_ctime_ns) > self.RESOLUTION_NS
        ):
            return hit[5]
        hashed_at = time.time_ns()
        digest = sha256_file(Path(name))
        self._index[key] = [*stamp, digest, hashed_at]
        self._changed = True
        return digest

    def _key(self, name: str) -> str:
        """``str(Path(name).resolve())`` of a file that is not a symlink, resolving each
        folder once: a corpus's pages share a few folders, and resolving every page's
        whole path took half of hashing a corpus whose digests were all remembered."""
        folder, base = os.path.split(name)
        if base in ("", ".", ".."):
            return str(Path(name).resolve())
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = str(Path(folder or ".").resolve())
        return os.path.join(real, base)

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


def write_parquet_atomic(path: Path, schema: pa.Schema, batches: Iterable[list[dict]]) -> int:
    n = 0

    def write(tmp: Path) -> None:
        nonlocal n
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for rows in batches:
                if rows:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    n += len(rows)
            if n == 0:
                writer.write_table(schema.empty_table())

    atomic_write(path, write)
    return n


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the ``.<name>.<pid>.<id>.tmp`` files :func:`atomic_write` leaves when killed.

    Call it only while holding the folder's lock (:func:`exclusive_lock`), so no
    live writer's temporary file is taken. Returns the files removed.
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for tmp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
                removed.append(tmp)
    return removed


@contextlib.contextmanager
def exclusive_lock(path: Path, *, what: str, wait: float = 0.0) -> Iterator[Path]:
    """Hold an exclusive, non-blocking lock on ``path`` for the duration of the block.

    The lock is an OS file lock (``flock``), so it is released when its process
    dies, even by ``kill -9``: a killed build or run never leaves a stale lock.
    The file records the holder's pid and start time for the message.

    Parameters
    ----------
    path : Path
        The lock file (created if missing; left in place).
    what : str
        What the lock protects, for the message (``"outputs/default"``).
    wait : float
        Seconds to keep trying before giving up (default 0: give up at once).

    Raises
    ------
    BusyError
        When another process holds the lock; names ``what`` and the holder.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the block
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fh) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise BusyError(
                f"{what} is in use by another corpuslib command ({holder}); "
                f"wait for it to finish (lock file {path})"
            )
        fh.seek(0)
        fh.truncate()
        fh.write(
            f"pid {os.getpid()}, started "
            f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime())}\n"
        )
        fh.flush()
        yield path
    finally:
        fh.close()  # releases the lock


def _try_lock(fh: Any) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
