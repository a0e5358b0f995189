"""Project paths. No side effects at import time.

The corpus locations can be pointed elsewhere with environment variables
(read here, nothing else is loaded): ``CORPUSLIB_RAW_DIR``,
``CORPUSLIB_MANIFEST`` and ``CORPUSLIB_PROCESSED_DIR``. The test suite uses them
to run on a private copy of the bundled corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ACTORS",
    "ALIASES",
    "CODED_FRAME_HITS",
    "DATA_DIR",
    "EXCLUDE",
    "FRAMES",
    "LAYOUT_RULES",
    "LEXICON_DIR",
    "MANIFEST",
    "NOTEBOOKS_DIR",
    "OUTPUTS_DIR",
    "PROCESSED_DIR",
    "PROJECT_ROOT",
    "RAW_DIR",
    "RUNS_FILE",
    "SENTIMENT_DOMAIN",
    "STOPWORDS",
    "VALIDATION_DIR",
    "output_dirs",
    "project_path",
]


PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = Path(os.environ.get("CORPUSLIB_RAW_DIR") or DATA_DIR / "raw")
MANIFEST = Path(os.environ.get("CORPUSLIB_MANIFEST") or DATA_DIR / "manifest.csv")
LEXICON_DIR = DATA_DIR / "lexicons"
PROCESSED_DIR = Path(os.environ.get("CORPUSLIB_PROCESSED_DIR") or DATA_DIR / "processed")
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
RUNS_FILE = NOTEBOOKS_DIR / "runs.yml"

LAYOUT_RULES = LEXICON_DIR / "layout.yml"
ALIASES = LEXICON_DIR / "aliases.yml"
STOPWORDS = LEXICON_DIR / "stopwords.yml"
FRAMES = LEXICON_DIR / "frames.yml"
ACTORS = LEXICON_DIR / "actors.yml"
SENTIMENT_DOMAIN = LEXICON_DIR / "sentiment_domain.yml"
EXCLUDE = DATA_DIR / "exclude.yml"
VALIDATION_DIR = DATA_DIR / "validation"
CODED_FRAME_HITS = VALIDATION_DIR / "frame-hits-coded.csv"


def output_dirs(out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(figures, tables)`` folders of a notebook's ``out_dir`` parameter.

    A relative ``out_dir`` is taken from the project root, whatever the
    working directory.

    >>> figures, tables = output_dirs("outputs/interactive")
    >>> figures == PROJECT_ROOT / "outputs" / "interactive" / "figures"
    True
    """
    out = Path(out_dir)
    out = out if out.is_absolute() else PROJECT_ROOT / out
    return out / "figures", out / "tables"


def project_path(value: str | os.PathLike[str] | None, default: Path) -> Path:
    """Resolve a path parameter: empty means *default*, a relative path is taken from the project root.

    >>> project_path("", RAW_DIR) == RAW_DIR
    True
    >>> project_path("data/exclude.yml", EXCLUDE) == PROJECT_ROOT / "data" / "exclude.yml"
    True
    """
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path
