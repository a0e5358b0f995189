"""Score a build against a layout set's gold.

Usage::

    python tests/data/layouts/score.py /tmp/devset-build/segments.parquet tests/data/layouts/dev [--markdown]

Prints corpuslib.corpus.evaluate.format_evaluation (or Markdown tables with --markdown).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from corpuslib.corpus.evaluate import (
    evaluate_segments,
    format_evaluation,
    load_gold,
    load_raw_texts,
)


def to_markdown(ev) -> str:
    roles = ev.roles.copy()
    out = [f"Fact accuracy: **{ev.fact_accuracy:.3f}** ({int(ev.facts['ok'].sum())}/{len(ev.facts)} facts)", "",
           "| role | precision | recall | F1 | gold chars | predicted chars |", "|---|---|---|---|---|---|"]
    for r in roles.itertuples():
        out.append(f"| {r.role} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} | {r.gold_chars} | {r.predicted_chars} |")
    kinds = ev.facts.assign(kind=ev.facts["fact"].str.replace(r"^comment \d+ ", "comment ", regex=True)
                            .str.replace(r"^no leak: .*", "no leak", regex=True))
    out += ["", "| fact kind | n | accuracy |", "|---|---|---|"]
    for kind, g in kinds.groupby("kind", sort=False):
        out.append(f"| {kind} | {len(g)} | {g['ok'].mean():.3f} |")
    out += ["", "| page | layout | facts | ok | accuracy |", "|---|---|---|---|---|"]
    for p in ev.pages.itertuples():
        out.append(f"| {p.doc_id} | {p.layout.split(':')[0].split(';')[0]} | {p.facts} | {p.ok} | {p.accuracy:.2f} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    segments_path, set_dir = Path(argv[0]), Path(argv[1])
    gold = load_gold(set_dir / "gold.yml")
    raw = load_raw_texts(gold, set_dir / "raw")
    ev = evaluate_segments(pd.read_parquet(segments_path), gold, raw)
    print(to_markdown(ev) if "--markdown" in argv else format_evaluation(ev))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
