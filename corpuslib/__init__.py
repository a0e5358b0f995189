"""corpuslib: segment scraped news pages into author and commenter units and analyse them.

The public API is re-exported here lazily, so ``import corpuslib`` stays cheap
(no language models or plotting libraries are loaded until used).
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # corpus build
    "load_segments": "corpuslib.corpus.build",
    "load_docs": "corpuslib.corpus.build",
    "build_corpus": "corpuslib.corpus.build",
    "read_manifest": "corpuslib.corpus.manifest",
    "segment_text": "corpuslib.corpus.segment",
    "decode_bytes": "corpuslib.corpus.decode",
    # tokens and counts
    "tokenize": "corpuslib.analysis.tokens",
    "build_tokenizer": "corpuslib.analysis.tokens",
    "split_sentences": "corpuslib.analysis.tokens",
    "add_voice": "corpuslib.corpus.units",
    "select_units": "corpuslib.corpus.units",
    "term_counts": "corpuslib.analysis.counts",
    "document_feature_matrix": "corpuslib.analysis.matrix",
    "write_matrix": "corpuslib.analysis.matrix",
    "collocations": "corpuslib.analysis.collocations",
    "kwic": "corpuslib.analysis.collocations",
    # framing
    "log_odds_dirichlet": "corpuslib.analysis.keywords",
    "keyness": "corpuslib.analysis.keywords",
    "compare_groups": "corpuslib.analysis.keywords",
    "load_frames": "corpuslib.lexicons",
    "frame_scores": "corpuslib.analysis.frames",
    "frame_hits": "corpuslib.analysis.frames",
    "actor_collocates": "corpuslib.analysis.collocations",
    # sentiment
    "sentiment_scores": "corpuslib.analysis.sentiment",
    "score_segments": "corpuslib.analysis.sentiment",
    "compare_voices": "corpuslib.analysis.sentiment",
    "instrument_agreement": "corpuslib.analysis.sentiment",
    # figures
    "save_figure": "corpuslib.plots.style",
    "save_table": "corpuslib.plots.style",
    "use_style": "corpuslib.plots.style",
    "figure_size": "corpuslib.plots.style",
    # batch runs
    "run_notebooks": "corpuslib.runs.execute",
    "write_report": "corpuslib.runs.report",
    # errors
    "CorpuslibError": "corpuslib.errors",
    "ManifestError": "corpuslib.errors",
    "DocumentError": "corpuslib.errors",
    "LexiconError": "corpuslib.errors",
    "RunConfigError": "corpuslib.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

# Modules of release 0.1 and where their names live now: ``from corpuslib import framing``
# keeps working for one release (with a DeprecationWarning); new code imports the new homes.
_LEGACY_MODULES = {
    "batch": ("runs.execute", "runs.config", "runs.parameters"),
    "build": ("corpus.build",),
    "clean": ("corpus.clean",),
    "decode": ("corpus.decode",),
    "figures": ("plots.style", "plots.counts"),
    "framing": (
        "analysis.frames", "analysis.keywords", "analysis.collocations", "corpus.units",
        "lexicons", "plots.keywords", "plots.frames", "plots.collocations", "plots.style",
    ),
    "frequency": ("analysis.counts", "analysis.collocations", "corpus.units"),
    "language": ("corpus.language",),
    "layout": ("lexicons",),
    "lexicon": ("lexicons",),
    "manifest": ("corpus.manifest",),
    "overview": ("analysis.overview", "plots.overview"),
    "provenance": ("files", "runs.provenance"),
    "report": ("runs.report",),
    "segment": ("corpus.segment",),
    "sentiment": ("analysis.sentiment", "plots.sentiment", "errors"),
    "stats": ("analysis.stats", "errors"),
    "tokens": ("analysis.tokens", "lexicons"),
}


class _LegacyModule:
    """A release-0.1 module name whose attributes are looked up in their new homes."""

    def __init__(self, name: str, homes: tuple[str, ...]) -> None:
        self._name = name
        self._homes = homes

    def __getattr__(self, attr: str) -> Any:
        for home in self._homes:
            module = importlib.import_module(f"corpuslib.{home}")
            if hasattr(module, attr):
                return getattr(module, attr)
        raise AttributeError(f"corpuslib.{self._name} (old module) has no attribute {attr!r}")


def __getattr__(name: str) -> Any:
    if name in _LEGACY_MODULES:
        warnings.warn(
            f"corpuslib.{name} was split up in 0.2; import from "
            + ", ".join(f"corpuslib.{h}" for h in _LEGACY_MODULES[name]),
            DeprecationWarning,
            stacklevel=2,
        )
        return _LegacyModule(name, _LEGACY_MODULES[name])
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'corpuslib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
