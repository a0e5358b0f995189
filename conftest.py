"""Run the tests on a private copy of the bundled corpus.

Users add their own pages to data/raw; the tests must still see exactly the
five seed pages, and must not write caches into the project. The environment
variables are inherited by the notebook kernels papermill starts.
"""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SEEDS = (
    "000_f3a5e988c5b38aa5.txt",
    "001_29d5292359f1c05b.txt",
    "002_caf795c3bb6e4b4d.txt",
    "003_02c660931d4fc233.txt",
    "004_eea85f3324e328e6.txt",
)


def _seed_corpus() -> None:
    work = Path(tempfile.mkdtemp(prefix="corpuslib-tests-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    raw = work / "raw"
    raw.mkdir()
    for name in SEEDS:
        shutil.copy2(ROOT / "data" / "raw" / name, raw / name)
    with open(ROOT / "data" / "manifest.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, [r for r in reader if r["file"] in SEEDS]
    with open(work / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    os.environ["CORPUSLIB_RAW_DIR"] = str(raw)
    os.environ["CORPUSLIB_MANIFEST"] = str(work / "manifest.csv")
    os.environ["CORPUSLIB_PROCESSED_DIR"] = str(work / "processed")


if "CORPUSLIB_RAW_DIR" not in os.environ:
    _seed_corpus()
