"""Preloaded by the forkserver of the build's worker pool: load the language models once.

:func:`corpuslib.parallel.map_ordered` starts worker processes with the
``forkserver`` method; the build names this module as the forkserver's preload, so the
forkserver imports the build's modules, loads the language detector's models of the
default layout rules and compiles the segmenter's locale patterns before it forks, and
every worker shares them (copy-on-write) instead of loading its own. Importing this module anywhere else only costs that time.
A failure here is ignored: the workers then load what they need lazily, as before.
"""

from __future__ import annotations

import contextlib

from corpuslib.corpus import build as _build  # noqa: F401  (imported for the workers)
from corpuslib.corpus.language import load_models
from corpuslib.corpus.signals import compile_patterns
from corpuslib.lexicons import load_rules

__all__ = []  # nothing public: imported by the forkserver for its effect

with contextlib.suppress(Exception):  # never break the pool: workers fall back to lazy loading
    load_models(load_rules().language_candidates)
with contextlib.suppress(Exception):
    compile_patterns()
