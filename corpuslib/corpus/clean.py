"""Cleaning steps: small pure ``str -> str`` functions composed into one pipeline.

Each step does one thing and is tested with pairs of real scraping artefacts.
``clean_text`` (:func:`make_pipeline` of the default steps) cleans one paragraph of raw lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

import regex

__all__ = [
    "DEFAULT_STEPS",
    "clean_text",
    "collapse_whitespace",
    "join_paragraphs",
    "make_pipeline",
    "normalize_spaces",
    "normalize_unicode",
    "reflow",
    "remove_zero_width",
    "strip_list_marker",
    "Step",
]


# Zero-width space, word joiner, stray BOM and soft hyphen are layout artefacts. The
# zero-width non-joiner and joiner (U+200C, U+200D) are spelling: Persian می‌گوید,
# Urdu, Indic scripts and emoji sequences need them, so they are never removed.
_ZERO_WIDTH = regex.compile(r"[\u200b\u2060\ufeff\u00ad]")


_ODD_SPACES = regex.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")


_MULTI_SPACE = regex.compile(r" {2,}")


_LINE_BREAK = regex.compile(r"[ ]*(?:\r\n|\r|\n|\u2028|\u2029)[ ]*")


# A line ending in a hyphen inside a word: scraped pages wrap at spaces, so the
# hyphen belongs to the word ("long-\nsuffering" is "long-suffering") and is kept.
_HYPHEN_WRAP = regex.compile(r"(?<=\p{L})-[ \t]*\n[ \t]*(?=\p{L})")


def normalize_unicode(text: str) -> str:
    """Compose characters to Unicode NFC.

    >>> normalize_unicode("Teheran\\u0301") == "Teheran\\u0301".replace("n\\u0301", "ń")
    True
    """
    return unicodedata.normalize("NFC", text)


def remove_zero_width(text: str) -> str:
    """Drop zero-width spaces, word joiners, soft hyphens and stray BOMs (keep ZWNJ/ZWJ).

    >>> remove_zero_width("Shi\\u200bite")
    'Shiite'
    >>> remove_zero_width("\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f") == "\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f"
    True
    """
    return _ZERO_WIDTH.sub("", text)


def normalize_spaces(text: str) -> str:
    """Turn no-break, thin and other odd spaces (and tabs) into plain spaces.

    >>> normalize_spaces("U.S.\\u00a0troops")
    'U.S. troops'
    """
    return _ODD_SPACES.sub(" ", text)


def reflow(text: str) -> str:
    """Join hard-wrapped lines into one line (a hyphenated word split at a wrap is rejoined).

    >>> reflow("the decisionmakers in\\nTeheran– some of whom")
    'the decisionmakers in Teheran– some of whom'
    >>> reflow("long-\\nsuffering al-\\nQaeda")
    'long-suffering al-Qaeda'
    """
    text = _HYPHEN_WRAP.sub("-", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _LINE_BREAK.sub(" ", text)


def collapse_whitespace(text: str) -> str:
    """Collapse runs of spaces and strip the ends.

    >>> collapse_whitespace("  Iran.  (Hiltermann  ")
    'Iran. (Hiltermann'
    """
    return _MULTI_SPACE.sub(" ", text).strip()


def strip_list_marker(text: str) -> str:
    """Remove a leading bullet or list number left by the page layout.

    >>> strip_list_marker("• dearieme")
    'dearieme'
    >>> strip_list_marker("  3. The Ghadaffi regime")
    'The Ghadaffi regime'
    >>> strip_list_marker("2003 was the year")
    '2003 was the year'
    """
    return regex.sub(r"^\s*(?:[•·▪◦*\-–]|\d{1,4}[.)])\s+", "", text, count=1)


Step = Callable[[str], str]


DEFAULT_STEPS: tuple[Step, ...] = (
    normalize_unicode,
    remove_zero_width,
    normalize_spaces,
    reflow,
    collapse_whitespace,
)


def make_pipeline(steps: Iterable[Step] = DEFAULT_STEPS) -> Step:
    """Compose cleaning steps left to right into one ``str -> str`` function.

    >>> make_pipeline([str.strip, str.upper])("  iraq ")
    'IRAQ'
    """
    steps = tuple(steps)

    def pipeline(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return pipeline


clean_text: Step = make_pipeline()


"""The default pipeline: NFC, zero-width removal, odd spaces, reflow, whitespace."""


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Join already-cleaned paragraphs of one unit with a blank line, dropping empties.

    >>> join_paragraphs(["First.", "", "Second."])
    'First.\\n\\nSecond.'
    """
    return "\n\n".join(p for p in paragraphs if p)
