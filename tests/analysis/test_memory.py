"""Tests for corpuslib.analysis.memory: freed memory handed back, live objects untouched."""

from __future__ import annotations

import platform

import numpy as np
import pandas as pd
import psutil
import pytest

from corpuslib.analysis import memory


def test_release_keeps_live_tables_and_returns_dropped_memory() -> None:
    live = pd.DataFrame({"text": pd.array([f"unit {i}" for i in range(50_000)], dtype="str"),
                         "x": np.arange(50_000, dtype=float)})
    before = live.copy(deep=True)
    dropped = pd.Series([f"a dropped sentence {i} " * 3 for i in range(400_000)], dtype="str")
    del dropped
    rss = psutil.Process().memory_info().rss
    memory.release_free_memory()
    assert psutil.Process().memory_info().rss <= rss
    pd.testing.assert_frame_equal(live, before)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_malloc_trim_is_found_on_linux() -> None:
    assert memory._malloc_trim() is not None
