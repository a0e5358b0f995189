"""jobs > 1 and streaming give the same results as the serial path."""

from __future__ import annotations

import pandas as pd
import pytest

from corpuslib.analysis.counts import count_terms_parquet, term_counts
from corpuslib.errors import CorpuslibError
from corpuslib.parallel import chunked, map_ordered


def _square(x: int) -> int:
    return x * x


def test_map_ordered_keeps_order_across_processes():
    assert list(map_ordered(_square, iter(range(20)), jobs=2)) == [x * x for x in range(20)]
    assert list(map_ordered(_square, range(5))) == [0, 1, 4, 9, 16]


def test_bad_engine_and_jobs():
    with pytest.raises(CorpuslibError, match="engine must be one of"):
        list(map_ordered(_square, [1], engine="spark"))
    with pytest.raises(CorpuslibError, match="jobs must be a positive integer"):
        list(map_ordered(_square, [1], jobs=0))


def test_chunked():
    assert chunked(list(range(5)), 2) == [[0, 1], [2, 3], [4]]


def test_term_counts_parallel_and_chunked_match_serial(seed_segments):
    serial = term_counts(seed_segments, by=("outlet", "voice"), stopwords=True, aliases=True)
    small_chunks = term_counts(seed_segments, by=("outlet", "voice"), stopwords=True, aliases=True, chunk_size=3)
    parallel = term_counts(seed_segments, by=("outlet", "voice"), stopwords=True, aliases=True, jobs=2, chunk_size=10)
    pd.testing.assert_frame_equal(serial, small_chunks)
    pd.testing.assert_frame_equal(serial, parallel)


def test_count_terms_parquet_streams_to_the_same_counts(seed_segments, tmp_path):
    path = tmp_path / "segments.parquet"
    seed_segments.to_parquet(path)
    expected = term_counts(seed_segments, by="outlet", stopwords=True)
    streamed = count_terms_parquet(path, by="outlet", stopwords=True, batch_rows=7, chunk_size=4)
    pd.testing.assert_frame_equal(expected.astype({"outlet": str}), streamed.astype({"outlet": str}))


def test_sentiment_parallel_matches_serial(seed_segments):
    from corpuslib.analysis.sentiment import score_segments

    serial = score_segments(seed_segments)
    parallel = score_segments(seed_segments, jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_forkserver_preload_reaches_the_workers(tmp_path):
    """The build's forkserver imports corpuslib.corpus.warm (language models loaded) before
    it forks: the workers find the module, and the loaded detector, already there."""
    import subprocess
    import sys

    script = tmp_path / "preload.py"
    script.write_text(
        "import sys\n"
        "from corpuslib.parallel import map_ordered\n"
        "def loaded(name):\n"
        "    from corpuslib.corpus import language\n"
        "    return name in sys.modules, language._detector.cache_info().currsize\n"
        "if __name__ == '__main__':\n"
        "    got = list(map_ordered(loaded, ['corpuslib.corpus.warm'] * 2, jobs=2,\n"
        "                           preload=('corpuslib.corpus.warm',)))\n"
        "    print(got)\n",
        encoding="utf-8",
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    assert out.strip() == "[(True, 1), (True, 1)]"


def test_scoring_forkserver_preload_reaches_the_workers(tmp_path):
    """sentiment_scores' forkserver imports corpuslib.analysis.warm (VADER built, Punkt
    loaded) before it forks: the workers find the analyzer already there."""
    import subprocess
    import sys

    script = tmp_path / "preload.py"
    script.write_text(
        "from corpuslib.parallel import map_ordered\n"
        "def loaded(_):\n"
        "    from corpuslib.analysis import sentiment, tokens\n"
        "    return (sentiment._vader.cache_info().currsize,\n"
        "            tokens._sentence_splitter.cache_info().currsize)\n"
        "if __name__ == '__main__':\n"
        "    print(list(map_ordered(loaded, [0, 1], jobs=2,\n"
        "                           preload=('corpuslib.analysis.warm',))))\n",
        encoding="utf-8",
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    assert out.strip() == "[(1, 1), (1, 1)]"
