"""Per-unit results computed once: an on-disk cache keyed by the unit's text.

A result that costs real time per unit (a sentiment score) is stored in
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

import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpuslib import paths
from corpuslib.files import atomic_write, sha256_json, write_json_atomic

__all__ = ["cache_folder", "cache_path", "cached_rows", "text_hash"]


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
    texts: Sequence[str],
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
    texts : sequence of str
        The units.
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
    hashes = [text_hash(t) for t in texts]
    missing: dict[bytes, str] = {}
    for h, t in zip(hashes, texts, strict=True):
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
