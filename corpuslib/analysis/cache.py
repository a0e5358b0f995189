"""Results computed once: an on-disk cache keyed by the input's content.

Two kinds of result are kept in ``data/processed/cache`` (derived data: delete the
folder to recompute everything):

* **per unit** (:func:`cached_rows`): numeric rows keyed by each unit's text hash, for
  results that are computed text by text (sentiment scores);
* **per table** (:func:`cached`): the whole result of an analysis function keyed by the
  content hash of its input tables, its other arguments, the corpuslib source (the
  method's version), the lexicon files and the versions of the numeric packages it runs
  on, for results computed from a whole table at once (term counts, bootstraps,
  permutation tests). The stored result is the pickled object the function returned,
  so a cached call returns an object equal to the uncached one down to dtypes,
  ``attrs`` and float bits, and the tables and figures written from it are
  byte-identical.

Per unit: a result that costs real time per unit (a sentiment score) is stored in
``data/processed/cache/<name>-<key>.parquet``, one row per distinct text: the
128-bit BLAKE2b hash of the text and the result's numeric columns. ``<key>`` is
the hash of everything else the result depends on -- the instrument and its
version, the options, the content of any lexicon -- so a changed option or an
upgraded package gets a new file and never reads a stale score; a sidecar
``<name>-<key>.json`` names them for a reader. Identical texts in one call are
computed once too. Writes are atomic (a crashed run leaves the old file) and the
cache is derived data: delete the folder to recompute everything.

Examples
--------
>>> import tempfile, numpy as np
>>> folder = tempfile.mkdtemp()
>>> calls = []
>>> def lengths(texts):
...     calls.extend(texts)
...     return np.array([[len(t)] for t in texts], dtype=float)
>>> rows, n = cached_rows(["ab", "abc", "ab"], lengths, folder=folder, name="demo",
...                       options={"v": 1}, columns=["n"])
>>> rows[:, 0].tolist(), n
([2.0, 3.0, 2.0], 2)
>>> cached_rows(["abc"], lengths, folder=folder, name="demo", options={"v": 1},
...             columns=["n"])[1]
0
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata as md
import json
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from corpuslib import paths
from corpuslib.analysis.memory import release_free_memory
from corpuslib.files import atomic_write, sha256_json, write_json_atomic

__all__ = ["cache_folder", "cache_path", "cached", "cached_rows", "input_key", "text_hash"]

T = TypeVar("T")

#: Packages whose version is part of every table key (their numerics shape the results).
KEY_PACKAGES = ("numpy", "pandas", "polars", "pyarrow", "scipy", "statsmodels", "nltk",
                "simplemma", "vaderSentiment", "textblob")


def cache_folder(folder: str | os.PathLike[str] | bool | None = True) -> Path:
    """The cache folder: *folder*, or ``data/processed/cache`` for ``True``/``None``."""
    if folder is True or folder is None:
        return Path(paths.PROCESSED_DIR) / "cache"
    return Path(folder)  # type: ignore[arg-type]


def text_hash(text: str) -> bytes:
    """16-byte BLAKE2b digest of the UTF-8 text (the cache key of one unit)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def cache_path(folder: str | os.PathLike[str], name: str, options: Mapping[str, Any]) -> Path:
    """``<folder>/<name>-<hash of options>.parquet``."""
    return Path(folder) / f"{name}-{sha256_json(dict(options))[:20]}.parquet"


def _read(path: Path, columns: Sequence[str]) -> tuple[dict[bytes, int], np.ndarray]:
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid):  # absent or unreadable: recompute (derived data)
        return {}, np.empty((0, len(columns)))
    if table.column_names != ["hash", *columns]:
        return {}, np.empty((0, len(columns)))
    hashes = table.column("hash").to_pylist()
    values = np.column_stack(
        [table.column(c).to_numpy(zero_copy_only=False) for c in columns]
    ).astype(float)
    return {h: i for i, h in enumerate(hashes)}, values.reshape(len(hashes), len(columns))


def cached_rows(
    texts: Iterable[str],
    compute: Callable[[list[str]], np.ndarray],
    *,
    folder: str | os.PathLike[str],
    name: str,
    options: Mapping[str, Any],
    columns: Sequence[str],
) -> tuple[np.ndarray, int]:
    """Rows of ``compute`` for *texts*, computing only texts not cached before.

    Parameters
    ----------
    texts : iterable of str
        The units; read once, in one pass (a generator will do: no list of every text
        needs to be in memory).
    compute : callable
        ``list[str] -> array (n, len(columns))`` of floats; called once, with the
        distinct texts that are not in the cache (not called when there are none).
    folder, name, options
        Where the cache lives and what its rows depend on (JSON-serialisable).
    columns : sequence of str
        Names of the result columns.

    Returns
    -------
    (rows, n_computed)
        Array ``(len(texts), len(columns))`` in input order, and how many texts
        ``compute`` was given.
    """
    path = cache_path(folder, name, options)
    index, values = _read(path, columns)
    hashes: list[bytes] = []
    missing: dict[bytes, str] = {}
    for t in texts:
        h = text_hash(t)
        hashes.append(h)
        if h not in index and h not in missing:
            missing[h] = t
    if missing:
        new = np.asarray(compute(list(missing.values())), dtype=float)
        new = new.reshape(len(missing), len(columns))
        start = len(values)
        values = np.vstack([values, new]) if len(values) else new
        for i, h in enumerate(missing):
            index[h] = start + i
        order = sorted(index, key=index.__getitem__)
        table = pa.table(
            {
                "hash": pa.array(order, type=pa.binary(16)),
                **{c: pa.array(values[:, j]) for j, c in enumerate(columns)},
            }
        )
        atomic_write(path, lambda tmp: pq.write_table(table, tmp))
        write_json_atomic(path.with_suffix(".json"), dict(options), sort_keys=True)
    rows = values[[index[h] for h in hashes]] if hashes else np.empty((0, len(columns)))
    return rows, len(missing)


# --------------------------------------------------------------------------- per table


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of every corpuslib source file, the lexicon files and key package versions.

    The "version" of every cached table: any change to the code, to a lexicon in
    ``data/lexicons`` or to a numeric package gives new keys (computed once per process).
    """
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for folder, pattern in ((package, "*.py"), (Path(paths.LEXICON_DIR), "*")):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    for name in KEY_PACKAGES:
        try:
            digest.update(f"{name}={md.version(name)}".encode())
        except md.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def _table_digest(table: pd.DataFrame | pd.Series) -> str:
    """Content hash of a table: column names, dtypes (with categories), index, values, attrs."""
    digest = hashlib.blake2b(digest_size=16)
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    digest.update(repr([(str(c), repr(t)) for c, t in frame.dtypes.items()]).encode())
    digest.update(repr((type(table).__name__, table.shape, list(frame.index.names))).encode())
    digest.update(repr(sorted(table.attrs.items(), key=str)).encode())
    rows_digest = digest.copy()
    try:
        # the row hashes of a slice of rows at a time: the same bytes as all rows at once,
        # without the Python objects of a whole text column (a sentence table) in memory
        for lo in range(0, len(frame), HASH_ROWS):
            rows = pd.util.hash_pandas_object(frame.iloc[lo : lo + HASH_ROWS], index=True, categorize=True)
            rows_digest.update(np.ascontiguousarray(rows.to_numpy()).tobytes())
    except TypeError:  # unhashable cells (lists, dicts): hash the pickled table
        digest.update(pickle.dumps(frame, protocol=5))
        return digest.hexdigest()
    return rows_digest.hexdigest()


#: Rows hashed at once by :func:`_table_digest`.
HASH_ROWS = 50_000


def input_key(value: Any) -> Any:
    """A JSON-serialisable stand-in for one argument: tables by their content hash.

    Examples
    --------
    >>> input_key({"b": (1, 2.5), "a": None})
    {'a': None, 'b': [1, 2.5]}
    >>> input_key(pd.DataFrame({"x": [1]}))["table"] == input_key(pd.DataFrame({"x": [1]}))["table"]
    True
    """
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return {"table": _table_digest(value)}
    if isinstance(value, Mapping):
        return {str(k): input_key(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [input_key(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((input_key(v) for v in value), key=repr)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return value.item()
    if isinstance(value, os.PathLike):
        return {"path": os.fspath(value)}
    # anything else (a dataclass of options, an array): by its pickled bytes
    return {"object": type(value).__qualname__,
            "pickle": hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()}


def _pickle_to(value: Any, path: Path) -> None:
    with open(path, "wb") as handle:
        pickle.dump(value, handle, protocol=5)


def cached(
    func: Callable[..., T], folder: str | os.PathLike[str] | bool | None = True
) -> Callable[..., T]:
    """``func`` with its results kept on disk, keyed by the content of its arguments.

    The key is ``func``'s module and name, :func:`input_key` of every argument (a table
    by the hash of its content) and :func:`code_version`; the result is pickled to
    ``<folder>/<func name>-<key>.pkl`` with a JSON sidecar naming the key's parts. Use
    it for deterministic functions only (a random one takes its seed as an argument).
    The file is written by this process and read back only from the cache folder, so
    keep that folder yours: unpickling runs code.

    Parameters
    ----------
    func : callable
        A pure function of its arguments (tables, options, seeds).
    folder : path, bool or None
        The cache folder (``True``/``None``: ``data/processed/cache``); ``False``:
        return ``func`` itself (nothing cached).

    Returns
    -------
    callable
        Same signature and result as ``func``.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> calls = []
    >>> def total(table, *, column):
    ...     calls.append(column)
    ...     return table[column].sum()
    >>> t = pd.DataFrame({"x": [1, 2]})
    >>> int(cached(total, folder)(t, column="x")), int(cached(total, folder)(t, column="x")), calls
    (3, 3, ['x'])
    """
    if folder is False:
        return func
    where = cache_folder(folder)

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> T:
        key = {
            "function": f"{func.__module__}.{func.__qualname__}",
            "code": code_version(),
            "args": input_key(list(args)),
            "kwargs": input_key(kwargs),
        }
        path = where / f"{func.__name__}-{sha256_json(key)[:24]}.pkl"
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            pass  # absent or unreadable: recompute (derived data)
        result = func(*args, **kwargs)
        atomic_write(path, functools.partial(_pickle_to, result))
        # Streamed to the file and read back once the computed object is gone: one copy
        # of a large result is in memory at a time, not the object, its pickled bytes
        # and the object read back from them.
        del result
        release_free_memory()  # what the computation dropped, before the result is read back
        write_json_atomic(path.with_suffix(".json"), json.loads(json.dumps(key, default=str)),
                          sort_keys=True)
        with open(path, "rb") as handle:
            return pickle.load(handle)  # the object a warm call returns, not one sharing memory

    return call
