"""Command-line interface: a thin layer over corpuslib's Python API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpuslib import paths
from corpuslib.corpus.units import load_exclusions
from corpuslib.errors import CorpuslibError


def _cmd_build(args: argparse.Namespace) -> int:
    from corpuslib.corpus.build import build_corpus

    report = build_corpus(
        raw_dir=Path(args.raw),
        manifest=Path(args.manifest),
        out_dir=Path(args.out),
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        force=args.force,
        rules=Path(args.layout) if args.layout else None,
    )
    errors = set(report.errors)
    warnings = [p for p in report.problems if p not in errors]
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    shown = warnings if args.max_warnings < 0 else warnings[: args.max_warnings]
    for problem in shown:
        print(f"warning: {problem}", file=sys.stderr)
    if len(shown) < len(warnings):
        print(
            f"... and {len(warnings) - len(shown):,} more warning(s), not shown; every one is in "
            f"{Path(args.out) / 'build.json'} and in notebook 00's build-warnings table "
            "(--max-warnings -1 prints all)",
            file=sys.stderr,
        )
    print(report.summary())
    return 0 if report.manifest_ok else 1


def _cmd_run(args: argparse.Namespace) -> int:
    from corpuslib.runs.execute import run_notebooks

    result = run_notebooks(
        runs_file=Path(args.runs),
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        out_root=Path(args.out),
    )
    print(result.summary())
    return 0 if result.ok else 1


def _cmd_count(args: argparse.Namespace) -> int:
    from corpuslib.analysis.counts import count_terms_parquet
    from corpuslib.plots.style import save_table

    counts = count_terms_parquet(
        Path(args.segments),
        by=[c for c in args.by.split(",") if c],
        **_selection(args),
        min_count=args.min_count,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        stopwords=args.stopwords,
        aliases=args.aliases,
        lemmatize=args.lemmatize,
    )
    out = Path(args.out)
    save_table(counts, out.stem, out.parent, latex=False)
    print(f"{len(counts)} rows -> {out.with_suffix('.csv')}")
    return 0


def _cmd_sentiment(args: argparse.Namespace) -> int:
    from corpuslib.analysis.sentiment import score_segments
    from corpuslib.corpus.build import read_segments
    from corpuslib.files import write_bytes_atomic

    scored = score_segments(
        read_segments(Path(args.segments)),
        **{**_selection(args), "langs": _list(args.langs) or ["en"]},
        unit=args.unit,
        instrument=args.instrument,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    out = Path(args.out)
    write_bytes_atomic(out, scored.to_parquet(index=False))
    counts = scored["status"].value_counts().to_dict()
    print(f"{len(scored)} units ({counts}) -> {out}")
    return 0


def _selection(args: argparse.Namespace) -> dict[str, object]:
    """The unit selection of ``count`` and ``sentiment`` (as :func:`select_units`)."""
    voices = _list(args.voices)
    if getattr(args, "include_quoted", False) and "quoted" not in voices:
        voices.append("quoted")
    langs = None if getattr(args, "all_languages", False) else _list(args.langs) or None
    return {
        "voices": voices,
        "langs": langs,
        "outlets": _list(args.outlets) or None,
        "exclude": load_exclusions(args.exclude or None) if args.exclude != "-" else None,
    }


def _list(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _add_selection(p: argparse.ArgumentParser, *, voices: str) -> None:
    """The one unit-selection vocabulary (voices, langs, outlets, exclude)."""
    p.add_argument("--voices", default=voices,
                   help=f"comma-separated voices: title, author, quoted, commenter (default {voices})")
    p.add_argument("--langs", default="en", help="comma-separated language codes (default en)")
    p.add_argument("--outlets", default="", help="comma-separated outlets (default: all)")
    p.add_argument("--exclude", default="",
                   help="YAML of excluded units with reasons (default data/exclude.yml; - for none)")


def _add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, default=1, help="worker processes (or Dask workers)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="execution engine")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (engine=dask)")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from corpuslib.corpus.evaluate import (
        evaluate_segments,
        format_evaluation,
        load_gold,
        load_raw_texts,
    )

    gold_path = Path(args.gold)
    gold = load_gold(gold_path)
    raw = load_raw_texts(gold, Path(args.raw) if args.raw else gold_path.parent / "raw")
    evaluation = evaluate_segments(pd.read_parquet(args.segments), gold, raw)
    text = format_evaluation(evaluation, max_failed=args.max_failed)
    print(text.splitlines()[0] if args.summary else text)
    return 0


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
    b.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")
    b.add_argument(
        "--max-warnings",
        type=int,
        default=20,
        metavar="N",
        help="print at most N page warnings (default 20; -1: all); errors are always printed",
    )
    b.add_argument("--layout", default=None,
                   help="layout override rules YAML (default data/lexicons/layout.yml; "
                        "an empty file measures the general mechanisms alone)")
    _add_engine(b)
    b.set_defaults(func=_cmd_build)

    e = sub.add_parser("evaluate", help="score a build against hand-made gold facts")
    e.add_argument("--gold", required=True, help="gold.yml of a layout set")
    e.add_argument("--segments", default=str(paths.PROCESSED_DIR / "segments.parquet"),
                   help="segments.parquet to score")
    e.add_argument("--raw", default=None, help="raw folder of the set (default: beside the gold file)")
    e.add_argument("--max-failed", type=int, default=None, help="list at most N failed facts")
    e.add_argument("--summary", action="store_true", help="print only the fact-accuracy line")
    e.set_defaults(func=_cmd_evaluate)

    segments = str(paths.PROCESSED_DIR / "segments.parquet")
    c = sub.add_parser("count", help="term counts per group from a built segments.parquet")
    c.add_argument("--segments", default=segments, help="segments.parquet (from corpuslib build)")
    c.add_argument("--by", default="outlet,voice", help="comma-separated grouping columns")
    c.add_argument("--out", default="outputs/counts/term-counts.csv", help="CSV to write")
    c.add_argument("--min-count", type=int, default=1)
    c.add_argument("--stopwords", action="store_true", help="drop stopwords")
    c.add_argument("--aliases", action="store_true", help="merge spelling variants (aliases.yml)")
    c.add_argument("--lemmatize", action="store_true")
    c.add_argument("--all-languages", action="store_true", help="count every language (as --langs '')")
    _add_selection(c, voices="title,author,quoted,commenter")
    _add_engine(c)
    c.set_defaults(func=_cmd_count)

    s = sub.add_parser("sentiment", help="score every unit (VADER and TextBlob) by voice")
    s.add_argument("--segments", default=segments, help="segments.parquet (from corpuslib build)")
    s.add_argument("--out", default="outputs/sentiment/scores.parquet", help="parquet to write")
    s.add_argument("--unit", choices=["segment", "sentence"], default="segment")
    s.add_argument("--instrument", choices=["both", "vader", "textblob"], default="both")
    s.add_argument("--include-quoted", action="store_true", help="deprecated: add quoted to --voices")
    _add_selection(s, voices="author,commenter")
    _add_engine(s)
    s.set_defaults(func=_cmd_sentiment)

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
