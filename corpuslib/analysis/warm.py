"""Preloaded by the forkserver of the scoring worker pool: load the scorers once.

:func:`corpuslib.parallel.map_ordered` starts worker processes with the
``forkserver`` method; :func:`corpuslib.analysis.sentiment.sentiment_scores` names
this module as the forkserver's preload, so the forkserver imports the scoring
module, NLTK's Punkt splitter and VADER's lexicon before it forks, and every worker
shares them (copy-on-write) instead of loading its own. Importing this module
anywhere else only costs that time. A failure here is ignored: the workers then load
what they need lazily, as before.
"""

from __future__ import annotations

import contextlib

from corpuslib.analysis import sentiment as _sentiment
from corpuslib.analysis.tokens import split_sentences

__all__ = []  # nothing public: imported by the forkserver for its effect

with contextlib.suppress(Exception):  # never break the pool: workers fall back to lazy loading
    split_sentences("Warm. Up.")
    _sentiment._vader()
