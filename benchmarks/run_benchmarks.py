"""Scale benchmarks: corpuslib next to a baseline in the same run.

Each stage runs in a fresh subprocess so its peak memory (``ru_maxrss`` of the
process and of its worker processes) is its own. Results go to
``benchmarks/RESULTS.md`` as a markdown table with machine facts.

Stages and baselines
    build       corpuslib build (decode, segment, clean, language)  vs  naive pandas
                str.split("\\n\\n") segmentation of the same files
    count       streaming term counts by outlet and voice            vs  scikit-learn
                CountVectorizer().fit_transform on the same texts
    framing     Fightin' Words + keyness of every outlet vs the rest (no baseline:
                timed on the counts from `count`)
    sentiment   corpuslib sentiment_scores (VADER, per sentence)     vs  plain
                vaderSentiment polarity_scores in a loop
    load        load_segments() on the built corpus (cache hit)
    notebooks   the `default` run of notebooks/runs.yml (all four notebooks, with
                papermill) on the built corpus: does every notebook still work at
                this size, how long it takes, how much memory the kernels use

Usage::

    python benchmarks/run_benchmarks.py --sizes 1000 10000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from corpuslib.corpus.build import corpus_key, load_segments

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpus"
WORK = HERE / "_work"


class TreeMemory:
    """Sample the resident memory of this process and all its descendants.

    Worker processes (forkserver, Dask) are not waited-for children of the stage,
    so ``RUSAGE_CHILDREN`` misses them; a 50 ms sampler over the process tree does not.
    """

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak_total = 0
        self.peak_worker = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = worker = 0
            try:
                kids = self.proc.children(recursive=True)
                total = self.proc.memory_info().rss
                for k in kids:
                    try:
                        rss = k.memory_info().rss
                    except psutil.Error:
                        continue
                    total += rss
                    worker = max(worker, rss)
            except psutil.Error:
                pass
            self.peak_total = max(self.peak_total, total)
            self.peak_worker = max(self.peak_worker, worker)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self.peak_total = max(self.peak_total, own)


def _corpus(size: int) -> tuple[Path, Path]:
    folder = CORPORA / str(size)
    if not (folder / "manifest.csv").exists():
        sys.path.insert(0, str(HERE))
        from make_corpus import write_corpus

        write_corpus(size, folder)
    return folder / "raw", folder / "manifest.csv"


def _built(size: int) -> Path:
    """The build folder the later stages read: the one-process build, else the first other."""
    folders = sorted((WORK / str(size)).glob("j[0-9]*"))
    return next(
        (f for f in folders if f.name == "j1"), folders[0] if folders else WORK / str(size) / "j1"
    )


def _raw_mb(raw: Path) -> float:
    return sum(p.stat().st_size for p in raw.rglob("*") if p.is_file()) / 1e6


def _texts(size: int) -> list[str]:
    from corpuslib.corpus.build import read_segments
    from corpuslib.corpus.units import select_units

    seg = read_segments(_built(size) / "segments.parquet")
    return select_units(seg).text.tolist()


# --------------------------------------------------------------------------- stages


def stage_build(size: int, jobs: int) -> dict:
    from corpuslib.corpus.build import build_corpus

    raw, manifest = _corpus(size)
    out = WORK / str(size) / f"j{jobs}"
    t = time.perf_counter()
    report = build_corpus(raw, manifest, out, jobs=jobs)
    sec = time.perf_counter() - t
    mb = _raw_mb(raw)
    return {
        "seconds": sec,
        "MB": mb,
        "MB/s": mb / sec,
        "pages/s": size / sec,
        "units": report.n_units,
    }


def stage_build_baseline(size: int, jobs: int) -> dict:
    import pandas as pd

    raw, _ = _corpus(size)
    t = time.perf_counter()
    files = sorted(p for p in raw.rglob("*") if p.is_file())
    df = pd.DataFrame(
        {
            "file": [p.name for p in files],
            "text": [p.read_bytes().decode("utf-8", "replace") for p in files],
        }
    )
    units = df.assign(text=df.text.str.split("\n\n")).explode("text")
    units = units[units.text.str.strip().astype(bool)]
    sec = time.perf_counter() - t
    mb = _raw_mb(raw)
    return {"seconds": sec, "MB": mb, "MB/s": mb / sec, "pages/s": size / sec, "units": len(units)}


def stage_count(size: int, jobs: int, method: str = "arrow") -> dict:
    """Streaming counts by outlet x voice. ``arrow``: one process, ``jobs`` polars threads
    (``POLARS_MAX_THREADS``, set by :func:`run_stage`); ``python``: the reference
    tokenizer in ``jobs`` processes (the engine before issue 17)."""
    from corpuslib.analysis.counts import count_terms_parquet

    path = _built(size) / "segments.parquet"
    texts = _texts(size)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    del texts
    t = time.perf_counter()
    counts = count_terms_parquet(path, by=("outlet", "voice"), jobs=jobs, method=method)
    sec = time.perf_counter() - t
    tokens = int(counts.groupby(["outlet", "voice"], observed=True).n_tokens.first().sum())
    return {"seconds": sec, "MB": mb, "MB/s": mb / sec, "tokens/s": tokens / sec, "tokens": tokens}


def stage_count_python(size: int, jobs: int) -> dict:
    return stage_count(size, jobs, method="python")


def stage_count_baseline(size: int, jobs: int) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer

    texts = _texts(size)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    t = time.perf_counter()
    x = CountVectorizer().fit_transform(texts)
    sec = time.perf_counter() - t
    return {
        "seconds": sec,
        "MB": mb,
        "MB/s": mb / sec,
        "tokens/s": int(x.sum()) / sec,
        "tokens": int(x.sum()),
    }


def stage_framing(size: int, jobs: int) -> dict:
    from corpuslib.analysis.counts import count_terms_parquet
    from corpuslib.analysis.keywords import compare_groups

    counts = count_terms_parquet(
        _built(size) / "segments.parquet", by="outlet", stopwords=True, jobs=jobs
    )
    t = time.perf_counter()
    fw = compare_groups(counts, by="outlet")
    kw = compare_groups(counts, by="outlet", statistic="keyness")
    sec = time.perf_counter() - t
    return {"seconds": sec, "terms": int(counts.term.nunique()), "rows": len(fw) + len(kw)}


def stage_sentiment(size: int, jobs: int, cache: str = "off") -> dict:
    """``off``: every text scored (no cache); ``cold``: an empty cache (identical texts
    scored once); ``warm``: the same call again (a notebook rerun on unchanged data)."""
    import shutil

    from corpuslib.analysis.sentiment import sentiment_scores

    texts = _texts(size)
    folder: Path | bool = False
    if cache != "off":
        folder = WORK / str(size) / f"score-cache-j{jobs}"
        if cache == "cold":
            shutil.rmtree(folder, ignore_errors=True)
        else:
            sentiment_scores(texts, instrument="vader", jobs=jobs, cache=folder)
    t = time.perf_counter()
    sentiment_scores(texts, instrument="vader", jobs=jobs, cache=folder)
    sec = time.perf_counter() - t
    return {
        "seconds": sec,
        "units": len(texts),
        "distinct": len(set(texts)),
        "units/s": len(texts) / sec,
    }


def stage_sentiment_cold(size: int, jobs: int) -> dict:
    return stage_sentiment(size, jobs, cache="cold")


def stage_sentiment_rerun(size: int, jobs: int) -> dict:
    return stage_sentiment(size, jobs, cache="warm")


def stage_sentiment_baseline(size: int, jobs: int) -> dict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = _texts(size)
    analyzer = SentimentIntensityAnalyzer()
    t = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    sec = time.perf_counter() - t
    return {"seconds": sec, "units": len(texts), "units/s": len(texts) / sec}


def stage_load(size: int, jobs: int) -> dict:
    from corpuslib import paths

    raw, manifest = _corpus(size)
    paths.PROCESSED_DIR = _built(size)  # the build above is the cache
    corpus_key(raw, manifest, paths.LAYOUT_RULES)  # warm the file-digest memo
    t = time.perf_counter()
    seg = load_segments(raw, manifest, strict=False)
    sec = time.perf_counter() - t
    return {"seconds": sec, "units": len(seg)}


def stage_notebooks(size: int, jobs: int, rerun: bool = False) -> dict:
    """The `default` run of notebooks/runs.yml on the benchmark corpus, built by `build`:
    first with an empty cache (scores and the notebooks' tables), then (``rerun``) again on
    the unchanged corpus, reading both from the cache."""
    import shutil

    raw, manifest = _corpus(size)
    if not rerun:
        shutil.rmtree(_built(size) / "cache", ignore_errors=True)
    # the kernels papermill starts inherit these, so every notebook reads this corpus
    os.environ.update(
        CORPUSLIB_RAW_DIR=str(raw),
        CORPUSLIB_MANIFEST=str(manifest),
        CORPUSLIB_PROCESSED_DIR=str(_built(size)),  # built by the build stage
    )
    from corpuslib.runs.execute import run_notebooks

    t = time.perf_counter()
    result = run_notebooks(
        only="default", force=True, jobs=jobs, out_root=WORK / str(size) / f"outputs-j{jobs}"
    )
    sec = time.perf_counter() - t
    if not result.ok:
        raise RuntimeError(result.summary().replace("\n", " | "))
    notebooks = result.runs[0].notebooks
    slowest = max(notebooks, key=lambda nb: nb.duration_s)
    files = [f for f in result.runs[0].run_dir.rglob("*") if f.is_file()]
    largest = max(files, key=lambda f: f.stat().st_size)
    return {
        "seconds": sec,
        "pages/s": size / sec,
        "notebooks": len(notebooks),
        "slowest": f"{slowest.notebook} {slowest.duration_s:.0f} s",
        "largest": f"{largest.name} {largest.stat().st_size / 1e6:.1f} MB",
    }


def stage_notebooks_rerun(size: int, jobs: int) -> dict:
    return stage_notebooks(size, jobs, rerun=True)


STAGES = {
    "build": stage_build,
    "build_baseline": stage_build_baseline,
    "count": stage_count,
    "count_python": stage_count_python,
    "count_baseline": stage_count_baseline,
    "framing": stage_framing,
    "sentiment": stage_sentiment,
    "sentiment_cold": stage_sentiment_cold,
    "sentiment_rerun": stage_sentiment_rerun,
    "sentiment_baseline": stage_sentiment_baseline,
    "load": stage_load,
    "notebooks": stage_notebooks,
    "notebooks_rerun": stage_notebooks_rerun,
}

PLAN = [  # (stage, jobs values or None for baseline/single)
    ("build", True),
    ("build_baseline", False),
    ("count", True),
    ("count_python", True),
    ("count_baseline", False),
    ("framing", False),
    ("sentiment", True),
    ("sentiment_cold", True),
    ("sentiment_rerun", False),
    ("sentiment_baseline", False),
    ("load", False),
    ("notebooks", True),  # jobs = notebooks run side by side (`corpuslib run --jobs N`)
    ("notebooks_rerun", True),
]


#: ``make bench-large``: 100,000 pages, the stages a researcher waits for at that size
#: (build, counts, a first scoring, loading, the notebooks twice), peak memory < 4 GB.
PLAN_LARGE = [
    ("build", True),
    ("count", True),
    ("sentiment_cold", True),
    ("load", False),
    ("notebooks", False),
    ("notebooks_rerun", False),
]


def run_stage(stage: str, size: int, jobs: int) -> dict:
    """Run one stage in a fresh interpreter and return its measurements."""
    cmd = [sys.executable, __file__, "--stage", stage, "--size", str(size), "--jobs", str(jobs)]
    # polars (the arrow counting engine) uses as many threads as the stage has jobs
    env = {**os.environ, "POLARS_MAX_THREADS": str(jobs)}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        return {
            "error": proc.stderr.strip().splitlines()[-1]
            if proc.stderr.strip()
            else f"exit {proc.returncode}"
        }
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine_facts() -> dict:
    import importlib.metadata as md

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {
        n: md.version(n)
        for n in (
            "corpuslib",
            "pandas",
            "pyarrow",
            "scikit-learn",
            "vaderSentiment",
            "lingua-language-detector",
            "nltk",
        )
    }
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_GiB": round(mem, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if v < 1000 else f"{v:,.0f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def write_results(
    rows: list[dict], facts: dict, path: Path, *, memory_limit_mb: int = 2048
) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run_benchmarks.py` (`make bench`). Each stage ran in a fresh",
        "process; baselines ran in the same invocation on the same corpus. Peak memory is the",
        "summed resident set of the stage process and all its workers (`peak MB`, sampled every",
        "50 ms) and that of its largest worker process (`worker MB`).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in facts.items()],
        "",
        "## Results",
        "",
        "| stage | pages | jobs | seconds | MB/s | pages/s | tokens/s | units/s | peak MB | worker MB | vs baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                _fmt(r.get(k, ""))
                for k in (
                    "stage",
                    "pages",
                    "jobs",
                    "seconds",
                    "MB/s",
                    "pages/s",
                    "tokens/s",
                    "units/s",
                    "peak_MB",
                    "worker_MB",
                    "ratio",
                )
            )
            + " |"
        )
    lines += ["", "## Targets (issue 17)", "", *targets_17(rows)]
    if memory_limit_mb != 2048:  # the large plan: time and memory of every stage
        lines += ["", f"## Time and memory per stage (limit {memory_limit_mb / 1024:.0f} GB)", ""]
        for r in rows:
            if "peak_MB" in r:
                ok = "under" if r["peak_MB"] < memory_limit_mb else "OVER"
                lines.append(
                    f"- {r['pages']:,} pages, {r['stage']} (jobs={r['jobs']}): {r['seconds']:.1f} s, "
                    f"peak memory {r['peak_MB']:,.0f} MB ({ok} the limit)"
                )
    lines += ["", "## Targets (issue 7)", "", *targets(rows)]
    errors = [r for r in rows if "error" in r]
    if errors:
        lines += ["", "## Errors", ""] + [
            f"- {r['stage']} {r['pages']}: {r['error']}" for r in errors
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _get(rows: list[dict], stage: str, pages: int, jobs: int = 1) -> dict | None:
    return next(
        (
            r
            for r in rows
            if r["stage"] == stage and r["pages"] == pages and r["jobs"] == jobs and "seconds" in r
        ),
        None,
    )


def targets_17(rows: list[dict]) -> list[str]:
    """Issue 17: every ratio against its baseline measured in this run, before and after."""
    out = []
    for n in sorted({r["pages"] for r in rows}):
        cv = _get(rows, "count_baseline", n)
        for j, goal in ((1, 2.0), (2, 3.0)):
            arrow, python = _get(rows, "count", n, j), _get(rows, "count_python", n, j)
            if cv and arrow:
                ratio = cv["seconds"] / arrow["seconds"]
                before = (
                    f"; before (reference tokenizer, {j} process{'es' if j > 1 else ''}) {cv['seconds'] / python['seconds']:.2f}x"
                    if python
                    else ""
                )
                out.append(
                    f"- {n:,} pages, count with {j} core{'s' if j > 1 else ''}: arrow engine "
                    f"{arrow['MB/s']:.2f} MB/s = {ratio:.2f}x CountVectorizer ({cv['MB/s']:.2f} MB/s, "
                    f"one process){before}; target >= {goal:.0f}x: {'met' if ratio >= goal else 'NOT met'}"
                )
        loop = _get(rows, "sentiment_baseline", n)
        for j, goal in ((1, 1.0), (2, 1.8)):
            if not loop:
                break
            parts = []
            for stage, label in (
                ("sentiment", "no cache"),
                ("sentiment_cold", "empty cache"),
                ("sentiment_rerun", "rerun, warm cache"),
            ):
                r = _get(rows, stage, n, j)
                if r:
                    parts.append(f"{label} {loop['seconds'] / r['seconds']:.2f}x")
            cold = _get(rows, "sentiment_cold", n, j)
            if parts:
                plain = _get(rows, "sentiment", n, j)
                verdict = [
                    f"{label} {'met' if r and loop['seconds'] / r['seconds'] >= goal else 'NOT met'}"
                    for label, r in (("every text scored", plain), ("empty cache", cold))
                ]
                distinct = (
                    f" ({cold['distinct']:,} distinct of {cold['units']:,} texts: the generated corpus "
                    "repeats paragraphs, so the empty cache wins by scoring each repeat once; on "
                    "distinct texts the 'every text scored' figure applies)"
                    if cold
                    else ""
                )
                out.append(
                    f"- {n:,} pages, sentiment with {j} process{'es' if j > 1 else ''} vs the plain "
                    f"vaderSentiment loop: {', '.join(parts)}; target >= {goal:.1f}x on a first "
                    f"run: {', '.join(verdict)}{distinct}"
                )
        for j in (1, 2):
            nb, nb2 = _get(rows, "notebooks", n, j), _get(rows, "notebooks_rerun", n, j)
            if nb and nb2:
                verdict = (
                    f"targets 120 s / 45 s: {'met' if nb['seconds'] <= 120 else 'NOT met'} / "
                    f"{'met' if nb2['seconds'] <= 45 else 'NOT met'}"
                )
                out.append(
                    f"- {n:,} pages: default notebook run, {j} notebook{'s' if j > 1 else ''} at a "
                    f"time (`corpuslib run --jobs {j}`): {nb['seconds']:.0f} s with an empty cache "
                    f"(scores, tables), {nb2['seconds']:.0f} s rerun on unchanged data; {verdict} "
                    f"(slowest: {nb['slowest']} -> {nb2['slowest']})"
                )
    return out


def targets(rows: list[dict]) -> list[str]:
    """Check the scale targets against the measured rows; one markdown bullet each."""

    def get(stage: str, pages: int, jobs: int = 1) -> dict | None:
        return next(
            (
                r
                for r in rows
                if r["stage"] == stage
                and r["pages"] == pages
                and r["jobs"] == jobs
                and "seconds" in r
            ),
            None,
        )

    out = []
    sizes = sorted({r["pages"] for r in rows})
    for n in sizes:
        cv = get("count_baseline", n)
        jobs = sorted({r["jobs"] for r in rows if r["stage"] == "build" and r["pages"] == n})
        for j in jobs:
            b, c = get("build", n, j), get("count", n, j)
            if b and c and cv:
                ours = b["MB"] / (b["seconds"] + c["seconds"])
                ok = "met" if ours >= cv["MB/s"] else "NOT met"
                out.append(
                    f"- {n:,} pages, jobs={j}: build + tokenize + count {ours:.2f} MB/s vs CountVectorizer "
                    f"{cv['MB/s']:.2f} MB/s ({ours / cv['MB/s']:.2f}x): {ok}; tokenize + count alone "
                    f"{c['MB/s']:.2f} MB/s ({c['MB/s'] / cv['MB/s']:.2f}x)"
                )
        s1, s2 = get("sentiment", n, 1), get("sentiment", n, 2)
        if s1 and s2:
            out.append(
                f"- {n:,} pages: sentiment speed-up with 2 processes {s1['seconds'] / s2['seconds']:.2f}x (linear = 2.00x)"
            )
        peak = max(
            (
                r.get("peak_MB", 0)
                for r in rows
                if r["pages"] == n and "seconds" in r and not r["stage"].startswith("notebooks")
            ),
            default=0,
        )
        out.append(
            f"- {n:,} pages: highest peak memory of the pipeline stages (build, count, framing, "
            f"sentiment, load) {peak:,.0f} MB ({'under' if peak < 2048 else 'OVER'} 2 GB)"
        )
        nbs = next((r for r in rows if r["stage"] == "notebooks" and r["pages"] == n), None)
        if nbs is not None:
            out.append(
                f"- {n:,} pages: notebooks (`default` run, {nbs['notebooks']} notebooks) all ok in "
                f"{nbs['seconds']:.0f} s; slowest {nbs['slowest']}; largest output file {nbs['largest']}; "
                f"peak memory {nbs['peak_MB']:,.0f} MB, largest kernel {nbs['worker_MB']:,.0f} MB "
                f"({'under' if nbs['peak_MB'] < 2048 else 'OVER'} 2 GB)"
                if "seconds" in nbs
                else f"- {n:,} pages: notebooks {'not run in this invocation' if str(nbs.get('error', '')).startswith('not run') else 'FAILED: ' + str(nbs.get('error'))}"
            )
        load = get("load", n)
        if load:
            out.append(
                f"- {n:,} pages: load_segments (cache hit) {load['seconds']:.2f} s ({'under' if load['seconds'] < 1 else 'OVER'} 1 s)"
            )
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        for stage in ("build", "count", "sentiment"):
            a, b = get(stage, lo), get(stage, hi)
            if a and b:
                out.append(
                    f"- memory growth {stage} (jobs=1) {lo:,} -> {hi:,} pages: {a['peak_MB']:,.0f} -> "
                    f"{b['peak_MB']:,.0f} MB ({b['peak_MB'] / a['peak_MB']:.1f}x for {hi / lo:.0f}x the pages)"
                )
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="corpuslib scale benchmarks")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    p.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    p.add_argument("--plan", choices=["standard", "large"], default="standard")
    p.add_argument(
        "--notebooks-max-pages",
        type=int,
        default=None,
        help="skip the notebooks stages above this many pages (they take minutes)",
    )
    p.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    p.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.stage:  # child process
        with TreeMemory() as mem:
            result = STAGES[args.stage](args.size, args.jobs[0])
        result.update(
            peak_MB=round(mem.peak_total / 2**20, 1), worker_MB=round(mem.peak_worker / 2**20, 1)
        )
        print(json.dumps(result))
        return 0
    rows = []
    for size in args.sizes:
        _corpus(size)
        baseline: dict[str, dict] = {}
        for stage, parallel in PLAN if args.plan == "standard" else PLAN_LARGE:
            if (
                stage.startswith("notebooks")
                and args.notebooks_max_pages is not None
                and size > args.notebooks_max_pages
            ):
                rows.append(
                    {
                        "stage": stage,
                        "pages": size,
                        "jobs": 1,
                        "error": "not run (--notebooks-max-pages)",
                    }
                )
                continue
            for jobs in args.jobs if parallel else [1]:
                print(
                    f"[{time.strftime('%H:%M:%S')}] {stage} pages={size} jobs={jobs} ...",
                    flush=True,
                )
                r = {"stage": stage, "pages": size, "jobs": jobs, **run_stage(stage, size, jobs)}
                if stage.endswith("_baseline"):
                    baseline[stage.removesuffix("_baseline")] = r
                rows.append(r)
                print(
                    "   ", {k: r[k] for k in r if k not in ("stage", "pages", "jobs")}, flush=True
                )
        for r in rows:
            base = (
                None if r["stage"].endswith("_baseline") else baseline.get(r["stage"].split("_")[0])
            )
            if r["pages"] == size and base and "seconds" in r and "seconds" in base:
                r["ratio"] = f"{base['seconds'] / r['seconds']:.2f}x baseline speed"
    write_results(
        rows, machine_facts(), args.out, memory_limit_mb=4096 if args.plan == "large" else 2048
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
