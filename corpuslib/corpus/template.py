"""Cross-page and within-page repetition: site template lines and repeated paragraphs.

A line that recurs on several pages of the same outlet is site template (menus,
footers, sign-up boxes). Lines are compared by a near-duplicate key: casefolded,
digits folded to ``0`` and punctuation/spacing dropped, so ``© 2019 Site`` and
``© 2020 Site`` or ``12 Comments`` and ``34 Comments`` share a key.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

import regex

__all__ = [
    "count_template_lines",
    "template_key",
]


_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\d+")


@functools.lru_cache(maxsize=8192)  # the segmenter keys each unit several times
def template_key(text: str) -> str:
    """Near-duplicate key of a line or paragraph.

    >>> template_key("© 2019 Gulf Watch, all rights reserved.") == template_key("(c) 2020 gulf watch all rights reserved")
    False
    >>> template_key("12 Comments") == template_key("34  comments")
    True
    """
    return _NON_WORD.sub(" ", _DIGITS.sub("0", text.casefold())).strip()


def count_template_lines(
    pages: Iterable[str], *, min_pages: int = 3, min_share: float = 0.5, min_chars: int = 4
) -> dict[str, int]:
    """Keys of lines found on at least ``min_pages`` pages and ``min_share`` of the pages.

    Parameters
    ----------
    pages : iterable of str
        The decoded texts of one outlet's pages.

    Returns
    -------
    dict
        Template key -> number of pages it occurs on.

    Examples
    --------
    >>> pages = ["Menu\\nStory one.\\n© 2020 Site", "Menu\\nStory two.\\n© 2021 Site", "Menu\\nThree.\\n© 2022 Site"]
    >>> sorted(count_template_lines(pages).items())
    [('0 site', 3), ('menu', 3)]
    """
    counts: Counter[str] = Counter()
    n = 0
    for text in pages:
        n += 1
        keys = {template_key(line) for line in text.splitlines()}
        counts.update(k for k in keys if len(k) >= min_chars)
    need = max(min_pages, min_share * n)
    return {k: c for k, c in counts.items() if c >= need}
