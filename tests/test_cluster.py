"""A Dask cluster the user already runs: `dask scheduler` and `dask worker` started from
their command-line tools, and `corpuslib build/count/sentiment --scheduler` pointed at it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

LAYOUTS = Path(__file__).parent / "data" / "layouts"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``dask scheduler`` + ``dask worker`` (2 processes) on 127.0.0.1, a random free port."""
    from distributed import Client

    if not (BIN / "dask").exists():
        pytest.skip("the dask command-line tool is not installed")
    work = tmp_path_factory.mktemp("cluster")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(work / name, "w") for name in ("scheduler.log", "worker.log")]  # noqa: SIM115
    procs = [
        subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"],
            stdout=logs[0], stderr=subprocess.STDOUT, cwd=work,
        ),
    ]
    try:
        deadline = time.monotonic() + 60
        while True:  # the scheduler listens before workers can join
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or procs[0].poll() is not None:
                    pytest.fail(f"dask scheduler did not start: {(work / 'scheduler.log').read_text()}")
                time.sleep(0.2)
        procs.append(
            subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nworkers", "2", "--nthreads", "1",
                 "--no-dashboard", "--local-directory", str(work / "worker-space")],
                stdout=logs[1], stderr=subprocess.STDOUT, cwd=work,
            )
        )
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in logs:
            log.close()


def _tasks_done(address: str) -> int:
    """Task transitions the scheduler has made so far (grows when the cluster works)."""
    from distributed import Client

    with Client(address, timeout=30) as client:
        return client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)


def _cli(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(BIN / "corpuslib"), *args], capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_build_count_sentiment_on_a_running_cluster_equal_one_process(cluster, tmp_path):
    from corpuslib.corpus.build import read_segments

    raw = tmp_path / "raw"
    shutil.copytree(LAYOUTS / "raw", raw)
    manifest = str(LAYOUTS / "manifest.csv")
    local, remote = tmp_path / "local", tmp_path / "remote"
    _cli("build", "--raw", str(raw), "--manifest", manifest, "--out", str(local))
    before = _tasks_done(cluster)
    _cli("build", "--raw", str(raw), "--manifest", manifest, "--out", str(remote),
         "--scheduler", cluster, "--jobs", "2")
    assert _tasks_done(cluster) > before  # the build ran on the cluster
    pd.testing.assert_frame_equal(read_segments(local / "segments.parquet"),
                                  read_segments(remote / "segments.parquet"))
    pd.testing.assert_frame_equal(pd.read_parquet(local / "docs.parquet"),
                                  pd.read_parquet(remote / "docs.parquet"))

    seg = str(local / "segments.parquet")
    for name, extra in (("local", []), ("remote", ["--scheduler", cluster])):
        before = _tasks_done(cluster)
        _cli("count", "--segments", seg, "--out", str(tmp_path / f"counts-{name}.csv"),
             "--stopwords", "--aliases", "--exclude", "-", *extra)
        middle = _tasks_done(cluster)
        _cli("sentiment", "--segments", seg, "--out", str(tmp_path / f"scores-{name}.parquet"),
             "--exclude", "-", *extra)
        after = _tasks_done(cluster)
        assert (before < middle < after) == bool(extra), name  # remote only when asked
    counts = pd.read_csv(tmp_path / "counts-local.csv")
    assert len(counts) > 100
    pd.testing.assert_frame_equal(counts, pd.read_csv(tmp_path / "counts-remote.csv"))
    scores = pd.read_parquet(tmp_path / "scores-local.parquet")
    assert (scores["status"] == "scored").sum() > 10
    pd.testing.assert_frame_equal(scores, pd.read_parquet(tmp_path / "scores-remote.parquet"))


def test_environment_variable_sends_library_calls_to_the_cluster(cluster, seed_segments, monkeypatch):
    """CORPUSLIB_SCHEDULER (how notebooks reach a cluster): the default engine runs there."""
    from corpuslib.analysis.counts import term_counts
    from corpuslib.analysis.sentiment import sentiment_scores

    texts = seed_segments[seed_segments.role == "comment"].text
    local_scores, local_counts = sentiment_scores(texts), term_counts(seed_segments, by="outlet")
    monkeypatch.setenv("CORPUSLIB_SCHEDULER", cluster)
    before = _tasks_done(cluster)
    pd.testing.assert_frame_equal(sentiment_scores(texts, chunk_size=20), local_scores)
    middle = _tasks_done(cluster)
    pd.testing.assert_frame_equal(term_counts(seed_segments, by="outlet", chunk_size=50), local_counts)
    assert before < middle < _tasks_done(cluster)
