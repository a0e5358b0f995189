"""Command-line interface: a thin layer over corpuslib's Python API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from corpuslib import paths
from corpuslib.analysis.counts import count_terms_parquet
from corpuslib.analysis.matrix import add_docvars, document_feature_matrix, write_matrix
from corpuslib.analysis.sentiment import score_segments
from corpuslib.corpus.build import build_corpus, read_segments
from corpuslib.corpus.evaluate import (
    evaluate_segments,
    format_evaluation,
    load_gold,
    load_raw_texts,
)
from corpuslib.corpus.units import load_exclusions, select_units
from corpuslib.errors import BusyError, CorpuslibError
from corpuslib.files import write_bytes_atomic
from corpuslib.lexicons import load_sentiment_domain
from corpuslib.plots.style import save_table
from corpuslib.runs.execute import run_notebooks

__all__ = [
    "EXIT_BUSY",
    "EXIT_ERROR",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "build_parser",
    "main",
]


def _cmd_build(args: argparse.Namespace) -> int:

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
    counts = add_docvars(counts, _docs_beside(Path(args.segments)))
    out = Path(args.out)
    save_table(counts, out.stem, out.parent, latex=False)
    print(f"{len(counts)} rows -> {out.with_suffix('.csv')}")
    return 0


def _docs_beside(segments: Path) -> pd.DataFrame | None:
    """The docs.parquet of the build that wrote *segments* (None when there is none)."""
    docs = segments.parent / "docs.parquet"
    return pd.read_parquet(docs.resolve()) if docs.is_file() else None


def _cmd_dfm(args: argparse.Namespace) -> int:

    units = select_units(read_segments(Path(args.segments)), **_selection(args))
    dfm = document_feature_matrix(
        units,
        by=[c for c in args.by.split(",") if c],
        docs=_docs_beside(Path(args.segments)),
        min_count=args.min_count,
        stopwords=args.stopwords,
        aliases=args.aliases,
        lemmatize=args.lemmatize,
    )
    written = write_matrix(dfm, Path(args.out))
    rows, cols = dfm.matrix.shape
    print(f"{rows} rows x {cols} features ({dfm.matrix.nnz} non-zero) -> "
          + ", ".join(str(p) for p in written.values()))
    return 0


def _cmd_sentiment(args: argparse.Namespace) -> int:

    scored = score_segments(
        read_segments(Path(args.segments)),
        **{**_selection(args), "langs": _list(args.langs) or ["en"]},
        unit=args.unit,
        instrument=args.instrument,
        quotes=args.quotes,
        lexicon=None if args.domain == "none" else load_sentiment_domain(args.domain or None),
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
    p.add_argument("--scheduler", default=None,
                   help="address of a running Dask scheduler (tcp://host:8786); implies --engine dask")


def _cmd_evaluate(args: argparse.Namespace) -> int:

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
    parser.add_argument(
        "--debug", action="store_true", help="show the Python traceback of an error"
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
    b.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the Python traceback of an error")
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
    c.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the Python traceback of an error")
    c.set_defaults(func=_cmd_count)

    d = sub.add_parser("dfm", help="document-feature matrix (.npz, .mtx, features, docvars) for R/Python")
    d.add_argument("--segments", default=segments, help="segments.parquet (from corpuslib build)")
    d.add_argument("--by", default="doc_id",
                   help="comma-separated row key (default doc_id; e.g. doc_id,voice or outlet)")
    d.add_argument("--out", default="outputs/dfm/dfm",
                   help="file stem: writes STEM.npz, STEM.mtx, STEM-features.txt, STEM-docvars.csv")
    d.add_argument("--min-count", type=int, default=1, help="drop features seen fewer times")
    d.add_argument("--stopwords", action="store_true", help="drop stopwords")
    d.add_argument("--aliases", action="store_true", help="merge spelling variants (aliases.yml)")
    d.add_argument("--lemmatize", action="store_true")
    d.add_argument("--all-languages", action="store_true", help="count every language (as --langs '')")
    _add_selection(d, voices="title,author,quoted,commenter")
    d.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the Python traceback of an error")
    d.set_defaults(func=_cmd_dfm)

    s = sub.add_parser("sentiment", help="score every unit (VADER and TextBlob) by voice")
    s.add_argument("--segments", default=segments, help="segments.parquet (from corpuslib build)")
    s.add_argument("--out", default="outputs/sentiment/scores.parquet", help="parquet to write")
    s.add_argument("--unit", choices=["segment", "sentence"], default="segment",
                   help="score whole units (paragraphs, comments; default) or each sentence on its own"
                        " (notebook 03 scores sentences)")
    s.add_argument("--instrument", choices=["both", "vader", "textblob"], default="both",
                   help="VADER, TextBlob or both (default)")
    s.add_argument("--include-quoted", action="store_true", help="deprecated: add quoted to --voices")
    s.add_argument("--quotes", choices=["remove", "keep"], default="remove",
                   help="quoted and pasted text inside a unit: left out of its voice (default) or kept")
    s.add_argument("--domain", default="",
                   help="sentiment domain override YAML (default data/lexicons/sentiment_domain.yml; "
                        "none: VADER as published)")
    _add_selection(s, voices="author,commenter")
    _add_engine(s)
    s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the Python traceback of an error")
    s.set_defaults(func=_cmd_sentiment)

    r = sub.add_parser("run", help="execute the notebooks for each parameter set")
    r.add_argument("--runs", default=str(paths.RUNS_FILE), help="runs.yml")
    r.add_argument("--only", default=None, help="run only this named parameter set")
    r.add_argument("--jobs", type=int, default=1, help="notebooks in parallel")
    r.add_argument("--force", action="store_true", help="rerun even if inputs are unchanged")
    r.add_argument("--out", default=str(paths.OUTPUTS_DIR), help="outputs root")
    r.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the Python traceback of an error")
    r.set_defaults(func=_cmd_run)
    return parser


#: Exit codes of every command (documented in README.md).
EXIT_OK = 0
EXIT_PARTIAL = 1  # build: manifest row errors (valid rows built); run: a notebook failed
EXIT_ERROR = 2  # a named error: nothing (more) was done; the message names the file/option
EXIT_BUSY = 3  # another corpuslib process is writing the same outputs
EXIT_INTERNAL = 4  # an unexpected error (a bug): one line, the traceback with --debug
EXIT_INTERRUPTED = 130  # Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``corpuslib`` console script.

    Every failure is one line on stderr naming the file, row or option at
    fault, with the exit codes :data:`EXIT_ERROR` (named error), :data:`EXIT_BUSY`
    (outputs in use) or :data:`EXIT_INTERNAL` (unexpected); ``--debug`` adds the
    traceback.
    """
    args = build_parser().parse_args(argv)
    if getattr(args, "scheduler", None) and getattr(args, "engine", None) == "local":
        args.engine = "dask"  # an address names the cluster to run on
    debug = bool(getattr(args, "debug", False))
    try:
        return args.func(args)
    except BusyError as exc:
        _report(exc, debug)
        return EXIT_BUSY
    except CorpuslibError as exc:
        _report(exc, debug)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted; rerun the command to finish (nothing half-done is kept)",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # disk full, read-only folder, ... outside the named cases
        where = f"{exc.filename}: " if exc.filename else ""
        _report(f"{where}{exc.strerror or exc}", debug, exc)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        _report(
            f"unexpected {type(exc).__name__}: {exc} (a bug in corpuslib; rerun with --debug "
            "for the traceback and report it)",
            debug,
            exc,
        )
        return EXIT_INTERNAL


def _report(message: object, debug: bool, exc: BaseException | None = None) -> None:
    if debug:
        import traceback

        error = exc if exc is not None else message
        if isinstance(error, BaseException):
            traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    print(f"error: {message}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
