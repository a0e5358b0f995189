"""The Dask engine gives the same tables as the single-process path (real LocalCluster)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpuslib.corpus.build import build_corpus, read_segments

pytest.importorskip("distributed")

LAYOUTS = Path(__file__).parent / "data" / "layouts"

pytestmark = [pytest.mark.slow, pytest.mark.heavy]  # tests/test_cluster.py checks a real cluster in make test


def test_dask_build_matches_local(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(LAYOUTS / "raw", raw)
    manifest = LAYOUTS / "manifest.csv"
    local = build_corpus(raw, manifest, tmp_path / "local")
    dask = build_corpus(raw, manifest, tmp_path / "dask", engine="dask", jobs=2)
    assert local.problems == dask.problems
    pd.testing.assert_frame_equal(
        read_segments(tmp_path / "local" / "segments.parquet"),
        read_segments(tmp_path / "dask" / "segments.parquet"),
    )
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "local" / "docs.parquet"),
        pd.read_parquet(tmp_path / "dask" / "docs.parquet"),
    )


def test_dask_counts_and_sentiment_match_local(seed_segments):
    from corpuslib.analysis.counts import term_counts
    from corpuslib.analysis.sentiment import sentiment_scores

    texts = seed_segments[seed_segments.role == "comment"].text
    pd.testing.assert_frame_equal(
        sentiment_scores(texts), sentiment_scores(texts, engine="dask", jobs=2, chunk_size=5)
    )
    pd.testing.assert_frame_equal(
        term_counts(seed_segments, by="outlet", stopwords=True),
        term_counts(seed_segments, by="outlet", stopwords=True, engine="dask", jobs=2, chunk_size=10),
    )
