"""Peak memory of the notebook kernels on a generated corpus, cell by cell.

Runs notebooks of one named run of ``notebooks/runs.yml`` the way ``corpuslib run
--jobs 1`` does (papermill, one kernel per notebook, one after the other) on a corpus
made by ``make_corpus.py`` and built once, with an empty table and score cache (a
first run) unless ``--warm``. While the kernels run, the resident set of every
process of the tree is sampled every 20 ms; each sample is assigned to the cell that
was executing then (papermill's start and end times in the executed notebook), so
the report gives, per notebook, the kernel's peak RSS and the cells that raised the
peak the most (RSS at the end of the cell against the end of the cell before, and the
highest sample within the cell), plus the runner's own peak.

Usage::

    python benchmarks/profile_notebook.py --pages 10000 --work /tmp/nbmem3
    python benchmarks/profile_notebook.py --pages 1000 --notebook 01_word_frequency \\
        --hashes /tmp/nbmem3/1k-after.sha256

``--hashes FILE`` writes the sha256 of every figure, table and explorer page of the
run's output folder (the executed notebooks and the report are left out: they hold
timings), so two commits can be compared byte for byte with ``diff``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MB = 1024 * 1024


class Sampler:
    """Sample the RSS of this process and each descendant (by pid) every ``interval`` s."""

    def __init__(self, interval: float = 0.02) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.samples: dict[int, list[tuple[float, int]]] = {}
        self.cmdline: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            now = time.time()
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                procs = [self.proc]
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    if "ipykernel" not in self.cmdline.get(p.pid, ""):
                        # read again until it names the kernel: a child seen between
                        # fork and exec still shows its parent's command line
                        self.cmdline[p.pid] = " ".join(p.cmdline())
                except psutil.Error:
                    continue
                self.samples.setdefault(p.pid, []).append((now, rss))
            self._stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def kernel_during(self, start: float, end: float) -> list[tuple[float, int]]:
        """The samples of the largest kernel process seen between *start* and *end*."""
        best: list[tuple[float, int]] = []
        for pid, cmd in self.cmdline.items():
            if "ipykernel" not in cmd:
                continue
            inside = [(t, r) for t, r in self.samples[pid] if start <= t <= end]
            if inside and max(r for _, r in inside) > max((r for _, r in best), default=0):
                best = inside
        return best


def ensure_corpus(pages: int, work: Path, jobs: int) -> tuple[Path, Path, Path]:
    """Generate (``make_corpus.py``) and build the corpus of ``pages`` pages under ``work``."""
    folder = work / f"corpus-{pages}"
    raw, manifest, built = folder / "raw", folder / "manifest.csv", folder / "built"
    if not manifest.exists():
        # in a process of its own: make_corpus reads the bundled corpus, and this process
        # already points corpuslib's paths at the generated one
        bundled = {k: v for k, v in os.environ.items() if not k.startswith("CORPUSLIB_")}
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--pages", str(pages),
                        "--out", str(folder)], env=bundled, check=True)  # fmt: skip
    if not (built / "segments.parquet").exists():
        from corpuslib.corpus.build import build_corpus

        t = time.perf_counter()
        build_corpus(raw, manifest, built, jobs=jobs)
        print(f"built {pages} pages in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return raw, manifest, built


def _stamp(value: str) -> float:
    """Seconds since the epoch of an ISO time stamp (papermill's carry no zone: UTC)."""
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def cell_steps(notebook: Path, samples: list[tuple[float, int]]) -> list[dict]:
    """Per code cell: peak RSS within it, RSS at its end and the change over the cell before."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    steps = []
    before = samples[0][1] if samples else 0
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("papermill", {})
        if cell.cell_type != "code" or not meta.get("start_time") or not meta.get("end_time"):
            continue
        start, end = _stamp(meta["start_time"]), _stamp(meta["end_time"])
        inside = [rss for t, rss in samples if start <= t <= end]
        after = [rss for t, rss in samples if t >= end]
        end_rss = after[0] if after else (inside[-1] if inside else before)
        first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
        steps.append(
            {
                "cell": i,
                "source": first_line[:70],
                "seconds": round(end - start, 1),
                "peak_mb": round(max(inside, default=end_rss) / MB),
                "end_mb": round(end_rss / MB),
                "rise_mb": round((max(inside, default=end_rss) - before) / MB),
                "kept_mb": round((end_rss - before) / MB),
            }
        )
        before = end_rss
    return steps


def hash_outputs(run_dir: Path) -> dict[str, str]:
    """sha256 of every generated file of a run but the executed notebooks and the report."""
    out = {}
    for path in sorted(run_dir.rglob("*")):
        rel = path.relative_to(run_dir).as_posix()
        if (
            not path.is_file()
            or rel.startswith("notebooks/")
            or rel in {"run.json", "index.html", ".corpuslib-run.lock"}
        ):
            continue
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=0, help="generated corpus size (0: bundled corpus)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "corpuslib-profile")
    ap.add_argument("--run", default="default", help="named run of notebooks/runs.yml")
    ap.add_argument("--notebook", action="append", help="only these notebooks (repeatable)")
    ap.add_argument("--warm", action="store_true", help="keep the table and score cache")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the build")
    ap.add_argument("--top", type=int, default=6, help="cells listed per notebook")
    ap.add_argument("--hashes", type=Path, help="write the sha256 of every output file here")
    ap.add_argument("--json", type=Path, help="write the whole report as JSON here")
    args = ap.parse_args(argv)

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.pages:
        # Before corpuslib is imported: paths.py reads these once, kernels inherit them.
        folder = work / f"corpus-{args.pages}"
        os.environ.update(
            CORPUSLIB_RAW_DIR=str(folder / "raw"),
            CORPUSLIB_MANIFEST=str(folder / "manifest.csv"),
            CORPUSLIB_PROCESSED_DIR=str(folder / "built"),
        )
        ensure_corpus(args.pages, work, args.jobs)
    from corpuslib import paths
    from corpuslib.corpus.build import built_folder
    from corpuslib.runs.config import load_runs
    from corpuslib.runs.execute import run_notebooks

    cache = paths.PROCESSED_DIR / "cache"
    if not args.warm and args.pages:
        shutil.rmtree(cache, ignore_errors=True)
    built_folder()  # the bundled corpus is built by the first call; not part of the profile
    if not args.warm and not args.pages:
        shutil.rmtree(cache, ignore_errors=True)
        built_folder()  # built again into an empty cache

    spec = load_runs(paths.RUNS_FILE)[args.run]
    chosen = [n for n in spec.notebooks if not args.notebook or n in args.notebook]
    runs_text = {args.run: {"notebooks": {n: spec.notebooks[n].overrides or None for n in chosen}}}
    with tempfile.TemporaryDirectory(prefix="profile-runs-") as tmp:
        runs_file = Path(tmp) / "runs.yml"
        runs_file.write_text(json.dumps(runs_text), encoding="utf-8")  # JSON is YAML
        out_root = work / "outputs" / (f"{args.pages}" if args.pages else "bundled")
        t = time.perf_counter()
        with Sampler() as sampler:
            result = run_notebooks(
                runs_file, only=args.run, force=True, jobs=1, out_root=out_root,
                notebooks_dir=paths.RUNS_FILE.parent, progress=False,
            )  # fmt: skip
        seconds = time.perf_counter() - t
    outcome = result.runs[0]
    report: dict = {
        "pages": args.pages or "bundled",
        "run": args.run,
        "seconds": round(seconds, 1),
        "ok": result.ok,
        "runner_peak_mb": round(max(r for _, r in sampler.samples[sampler.proc.pid]) / MB),
        "notebooks": [],
    }
    for nb in outcome.notebooks:
        samples = sampler.kernel_during(_stamp(nb.started), _stamp(nb.finished))
        steps = cell_steps(nb.output, samples) if nb.output.is_file() else []
        report["notebooks"].append(
            {
                "notebook": nb.notebook,
                "status": nb.status,
                "seconds": nb.duration_s,
                "peak_mb": round(max((r for _, r in samples), default=0) / MB),
                "top_cells": sorted(steps, key=lambda s: -s["rise_mb"])[: args.top],
            }
        )
    print(f"{report['pages']} pages, run {args.run}: {'ok' if result.ok else 'FAILED'} "
          f"in {report['seconds']} s; runner peak {report['runner_peak_mb']} MB")  # fmt: skip
    for entry in report["notebooks"]:
        print(f"  {entry['notebook']}: kernel peak {entry['peak_mb']} MB, {entry['seconds']:.0f} s")
        for s in entry["top_cells"]:
            print(f"    cell {s['cell']:>3} +{s['rise_mb']:>5} MB peak {s['peak_mb']:>5} "
                  f"(kept {s['kept_mb']:+} MB, {s['seconds']} s)  {s['source']}")  # fmt: skip
    if not result.ok:
        print(result.summary(), file=sys.stderr)
    if args.hashes:
        hashes = hash_outputs(outcome.run_dir)
        args.hashes.write_text("".join(f"{h}  {p}\n" for p, h in hashes.items()), encoding="utf-8")
        print(f"  {len(hashes)} output files hashed into {args.hashes}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
