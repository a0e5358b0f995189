"""Shared fixtures: the bundled corpus, built once per session into a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from corpuslib import paths
from corpuslib.lexicons import Frame, load_frames
from tests.analysis.framing_data import DATA as FRAMING_DATA

os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

DATA = Path(__file__).parent / "data"
LAYOUTS = DATA / "layouts"


@pytest.fixture(scope="session")
def seed_segments():
    """The bundled corpus's segments table (built via the cache)."""
    from corpuslib import load_segments

    return load_segments()


@pytest.fixture(scope="session")
def seed_raw() -> dict[str, str]:
    """doc_id -> decoded raw text of the bundled corpus."""
    from corpuslib.corpus.decode import decode_bytes
    from corpuslib.corpus.manifest import read_manifest

    m = read_manifest()
    return {
        row.doc_id: decode_bytes((paths.RAW_DIR / row.file).read_bytes()).text
        for row in m.rows.itertuples()
    }


# The framing analyses' small fixture files (tests/data/framing).


@pytest.fixture
def segments() -> pd.DataFrame:
    return pd.read_csv(FRAMING_DATA / "segments_small.csv", dtype={"quoted": bool})


@pytest.fixture
def small_frames() -> dict[str, Frame]:
    return load_frames(FRAMING_DATA / "frames_small.yml")
