"""Where a build spends its CPU: the segmenter against the build's other steps, per page.

Builds the generated benchmark corpus (``benchmarks/corpus/<pages>``, written by
``make_corpus.py`` when missing) twice in this process, one worker: the first build
loads the language models and fills the caches, the second is measured. Each step of
the build (the functions :mod:`corpuslib.corpus.build` calls by name) is wrapped in a
CPU timer (``time.process_time``); a step's time excludes the wrapped steps it calls
(the template pass decodes its pages through ``decode_bytes``). What no wrapper
covers is the rest: rows, parquet, text files, scheduling.

Usage::

    PYTHONPATH=$PWD python benchmarks/profile_build.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: Steps of the build, by the names corpuslib.corpus.build calls them.
STEPS = (
    "segment_text",
    "segment_page",
    "decode_bytes",
    "detect_languages",
    "extract_html",
    "count_template_lines",
    "_read_raw",
    "read_manifest",
    "_write_text",
    "load_rules",
    "corpus_key",
)
SEGMENTER = ("segment_text", "segment_page")


def _timed(name: str, func: Callable[..., Any], spent: Counter, stack: list[float]) -> Callable:
    """*func* with its exclusive CPU time added to ``spent[name]``."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        stack.append(0.0)
        try:
            return func(*args, **kwargs)
        finally:
            took = time.process_time() - start
            spent[name] += took - stack.pop()
            if stack:
                stack[-1] += took

    return run


def profile_build(pages: int) -> tuple[float, Counter]:
    """CPU seconds of a warm one-worker build of *pages* generated pages, and per step."""
    from corpuslib.corpus import build

    sys.path.insert(0, str(HERE))
    from run_benchmarks import _corpus

    raw, manifest = _corpus(pages)
    spent: Counter = Counter()
    stack: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        build.build_corpus(raw, manifest, Path(tmp) / "warm", jobs=1)
        for name in STEPS:
            if hasattr(build, name):
                setattr(build, name, _timed(name, getattr(build, name), spent, stack))
        start = time.process_time()
        build.build_corpus(raw, manifest, Path(tmp) / "measured", jobs=1)
        total = time.process_time() - start
        shutil.rmtree(Path(tmp) / "warm", ignore_errors=True)
    return total, spent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=1000)
    args = p.parse_args(argv)
    total, spent = profile_build(args.pages)
    per = 1000 / args.pages  # seconds -> ms per page
    seg = sum(spent[n] for n in SEGMENTER)
    print(
        f"{args.pages} pages, warm, one worker: {total * per:.2f} ms CPU per page; "
        f"segmenter {seg * per:.2f} ({100 * seg / total:.0f} %), "
        f"the rest {(total - seg) * per:.2f} ms"
    )
    for name, sec in spent.most_common():
        if name not in SEGMENTER:
            print(f"  {name}: {sec * per:.3f} ms")
    print(f"  rows, parquet, text files, scheduling: {(total - sum(spent.values())) * per:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
