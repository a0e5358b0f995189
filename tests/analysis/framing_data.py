"""Shared test data of the framing analyses (keywords, frames, collocations): a fixed tokenizer and small files."""

from __future__ import annotations

import math
import re
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "framing"


def simple_tokenize(text: str) -> list[str]:
    """A fixed tokenizer so these tests do not depend on corpuslib.tokens' choices."""
    return re.findall(r"[\w'-]+", text.lower())


def _xlx(o, e):
    return 0.0 if o == 0 else o * math.log(o / e)


def hand_g2(a, b, n_a, n_b, four_cells=True):
    n = n_a + n_b
    e_a, e_b = n_a * (a + b) / n, n_b * (a + b) / n
    g = _xlx(a, e_a) + _xlx(b, e_b)
    if four_cells:
        c, d = n_a - a, n_b - b
        g += _xlx(c, n_a * (c + d) / n) + _xlx(d, n_b * (c + d) / n)
    return 2 * g
