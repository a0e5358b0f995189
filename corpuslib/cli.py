"""Command-line interface: a thin layer over corpuslib's Python API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpuslib import paths
from corpuslib.errors import CorpuslibError


def _cmd_build(args: argparse.Namespace) -> int:
    from corpuslib.build import build_corpus

    report = build_corpus(
        raw_dir=Path(args.raw),
        manifest=Path(args.manifest),
        out_dir=Path(args.out),
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.summary())
    return 0 if report.manifest_ok else 1


def _cmd_run(args: argparse.Namespace) -> int:
    from corpuslib.batch import run_notebooks

    result = run_notebooks(
        runs_file=Path(args.runs),
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        out_root=Path(args.out),
    )
    print(result.summary())
    return 0 if result.ok else 1


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for the ``corpuslib`` command."""
    parser = argparse.ArgumentParser(
        prog="corpuslib",
        description="Build the segmented corpus and run the analysis notebooks.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="segment data/raw into data/processed/*.parquet")
    b.add_argument("--raw", default=str(paths.RAW_DIR), help="folder of raw pages")
    b.add_argument("--manifest", default=str(paths.MANIFEST), help="manifest CSV")
    b.add_argument("--out", default=str(paths.PROCESSED_DIR), help="output folder")
    b.add_argument("--jobs", type=int, default=1, help="worker processes")
    b.add_argument("--engine", choices=["local", "dask"], default="local", help="execution engine")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (engine=dask)")
    b.set_defaults(func=_cmd_build)

    r = sub.add_parser("run", help="execute the notebooks for each parameter set")
    r.add_argument("--runs", default=str(paths.RUNS_FILE), help="runs.yml")
    r.add_argument("--only", default=None, help="run only this named parameter set")
    r.add_argument("--jobs", type=int, default=1, help="notebooks in parallel")
    r.add_argument("--force", action="store_true", help="rerun even if inputs are unchanged")
    r.add_argument("--out", default=str(paths.OUTPUTS_DIR), help="outputs root")
    r.set_defaults(func=_cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``corpuslib`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpuslibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
