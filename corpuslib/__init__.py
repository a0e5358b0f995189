"""corpuslib: segment scraped news pages into author and commenter units and analyse them.

The public API is re-exported here lazily, so ``import corpuslib`` stays cheap
(no language models or plotting libraries are loaded until used).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # corpus build
    "load_segments": "corpuslib.build",
    "load_docs": "corpuslib.build",
    "build_corpus": "corpuslib.build",
    "read_manifest": "corpuslib.manifest",
    "segment_text": "corpuslib.segment",
    "decode_bytes": "corpuslib.decode",
    # tokens and counts
    "tokenize": "corpuslib.tokens",
    "build_tokenizer": "corpuslib.tokens",
    "split_sentences": "corpuslib.tokens",
    "add_voice": "corpuslib.frequency",
    "term_counts": "corpuslib.frequency",
    "collocations": "corpuslib.frequency",
    "kwic": "corpuslib.frequency",
    # framing
    "log_odds_dirichlet": "corpuslib.framing",
    "keyness": "corpuslib.framing",
    "compare_groups": "corpuslib.framing",
    "load_frames": "corpuslib.framing",
    "frame_scores": "corpuslib.framing",
    "frame_hits": "corpuslib.framing",
    "actor_collocates": "corpuslib.framing",
    # sentiment
    "sentiment_scores": "corpuslib.sentiment",
    "score_segments": "corpuslib.sentiment",
    "compare_voices": "corpuslib.sentiment",
    "instrument_agreement": "corpuslib.sentiment",
    # figures
    "save_figure": "corpuslib.figures",
    "save_table": "corpuslib.figures",
    "use_style": "corpuslib.figures",
    "figure_size": "corpuslib.figures",
    # batch runs
    "run_notebooks": "corpuslib.batch",
    "write_report": "corpuslib.report",
    # errors
    "CorpuslibError": "corpuslib.errors",
    "ManifestError": "corpuslib.errors",
    "DocumentError": "corpuslib.errors",
    "LexiconError": "corpuslib.errors",
    "RunConfigError": "corpuslib.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'corpuslib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
