"""Memory that the allocators keep after a large step, handed back to the system.

A step that builds and drops large tables (scoring every sentence, counting every
unit) leaves its freed memory with the allocators: Arrow's memory pool keeps the
buffers of dropped string columns, and the C library's ``malloc`` keeps the pages
of many freed Python objects. Both hold that memory for reuse, so the resident size
of a notebook kernel after such a step is well above what its tables need, and the
next step's peak starts from there. :func:`release_free_memory` asks both to return
what they do not use; it changes no object and no result.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable

import pyarrow as pa

__all__ = ["release_free_memory"]


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> None:
    """Return the memory that Arrow's pool and ``malloc`` keep unused to the system.

    Call it after a step that dropped large intermediate tables. Objects still in use
    are untouched, so every result is the same; only the resident size goes down.

    Examples
    --------
    >>> release_free_memory()
    """
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
