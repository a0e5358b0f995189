"""Project paths. No side effects at import time."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
MANIFEST = DATA_DIR / "manifest.csv"
LEXICON_DIR = DATA_DIR / "lexicons"
PROCESSED_DIR = DATA_DIR / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
RUNS_FILE = NOTEBOOKS_DIR / "runs.yml"

LAYOUT_RULES = LEXICON_DIR / "layout.yml"
ALIASES = LEXICON_DIR / "aliases.yml"
STOPWORDS = LEXICON_DIR / "stopwords.yml"
FRAMES = LEXICON_DIR / "frames.yml"
