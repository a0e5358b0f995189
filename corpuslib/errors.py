"""The one error hierarchy of corpuslib."""

from __future__ import annotations

__all__ = [
    "BusyError",
    "CorpuslibError",
    "DocumentError",
    "EngineError",
    "GoldError",
    "LexiconError",
    "ManifestError",
    "OutputError",
    "RuleTimeoutError",
    "RunConfigError",
    "SegmentsError",
    "SentimentError",
    "StatsError",
]


class CorpuslibError(Exception):
    """Base class: raised for any error corpuslib reports to the user."""


class ManifestError(CorpuslibError):
    """Raised when data/manifest.csv is malformed or disagrees with the raw folder.

    The message names the row (1-based, header = row 1) and/or the file at fault.
    """


class DocumentError(CorpuslibError):
    """Raised when one raw document cannot be read (missing, empty, binary, undecodable).

    The message names the file. The build reports it and goes on with the others.
    """


class RuleTimeoutError(DocumentError):
    """Raised when a layout rule runs past the page's time limit (catastrophic backtracking).

    The message names the rule; the build reports the page and skips it.
    """


class LexiconError(CorpuslibError):
    """Raised when a YAML lexicon (layout rules, aliases, stopwords, frames) is invalid.

    The message names the file and the key at fault.
    """


class RunConfigError(CorpuslibError):
    """Raised when notebooks/runs.yml names an unknown notebook or undeclared parameter."""


class StatsError(CorpuslibError, ValueError):
    """Raised when a statistic gets unusable input (empty sample, bad option).

    The message names the parameter at fault.
    """


class SentimentError(CorpuslibError, ValueError):
    """Raised when sentiment scoring gets an invalid option or input.

    The message names the parameter (and, for texts, the position) at fault.
    """


class GoldError(CorpuslibError):
    """Raised when a gold file (hand-made segmentation facts) is malformed.

    The message names the file and the page at fault.
    """


class BusyError(CorpuslibError):
    """Raised when another corpuslib process is writing the same outputs (a build or run).

    The message names the folder and the other process; nothing was changed.
    """


class OutputError(CorpuslibError):
    """Raised when an output cannot be written (read-only folder, disk full, not a folder).

    The message names the path and the system's reason; the previous outputs are intact.
    """


class SegmentsError(CorpuslibError):
    """Raised when a segments table cannot be read (missing, not parquet, wrong columns).

    The message names the file and, when it is missing, the command that makes it.
    """


class EngineError(CorpuslibError):
    """Raised when the execution engine cannot start (e.g. the Dask scheduler is unreachable).

    The message names the option (``--scheduler``, ``--engine``, ``--jobs``) at fault.
    """
