"""The tokenizer every analysis uses, built from small replaceable stages.

Pipeline (each stage is a plain function of the previous stage's tokens):

1. **normalise characters** – curly/modifier apostrophes become ``'`` and
   Unicode hyphens ``-`` (one character for one, so offsets stay valid);
2. **split** with one compiled :mod:`regex` pattern into URLs, e-mail addresses,
   @handles, dotted acronyms (``U.S.`` → ``US``), lower-case abbreviations
   (``e.g.``) and words in any script (Latin, Arabic, …);
3. **words**: inner apostrophes and hyphens stay inside a word (``Shi'ite``,
   ``al-Qaeda``, ``long-term`` and ``al-Qaeda-inspired`` are one token each; the
   alias table can merge spellings); a possessive ``'s`` is removed
   (``Iran’s`` → ``Iran``) except in contractions (``it's``, ``let's``, …);
4. **aliases** – spellings merged into one canonical term (``data/lexicons/aliases.yml``);
   multi-word aliases (``United States``) are matched before single tokens,
   longest first;
5. **case** – lower-cased, except all-caps tokens of two or more letters
   (``US``, ``ISIS``, ``AP``, ``UAE``), so the country ``US`` never becomes the
   pronoun ``us``. In an *all-caps unit* (a shouted headline, "US FORCES HEADED
   BACK") only acronyms listed in the alias file (``acronyms:``) or produced by an
   alias stay upper-case; every other word is lower-cased. Choice for the edge
   case: an all-caps "US" is always read as the country (this corpus is about the
   US; "LET US" in a shouted headline is rarer than "US TROOPS");
6. **stopwords** – packaged English list (scikit-learn's) edited by
   ``data/lexicons/stopwords.yml``; acronyms are compared case-sensitively, so
   the stopword ``us`` never removes ``US``;
7. **lemmas** – :mod:`simplemma` (offline); acronyms and alias terms are kept;
8. **filters** – numbers, URLs, minimum length; then **n-grams** joined by a space.

:func:`build_tokenizer` builds the pipeline once (lexicons are loaded and
cached by path) and returns a fast ``str -> list[str]`` callable;
:func:`tokenize` is the one-call form. Tokenize one unit (paragraph, comment)
at a time, never a whole corpus as one string.

Examples
--------
>>> tokenize("The U.S. and Iran’s allies, said al-Qaeda.")
['the', 'US', 'and', 'iran', 'allies', 'said', 'al-qaeda']
>>> tokenize("Let us go to the US.", stopwords=True)
['let', 'US']
>>> tokenize("Hizballah and Hezbollah met in Teheran", aliases=True)
['hezbollah', 'and', 'hezbollah', 'met', 'in', 'tehran']
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import regex

from corpuslib import paths
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import (
    AliasTable,
    file_stamp,
    is_acronym,
    load_aliases,
    load_stopwords,
    ordinary_words,
    parse_aliases,
    word_tags,
)

__all__ = [
    "ABBREVIATIONS",
    "CONTRACTIONS_S",
    "SENTENCE_STARTERS",
    "analyze",
    "build_tokenizer",
    "normalize_chars",
    "split_sentences",
    "text_or_empty",
    "tokenize",
    "tokenizers_by_language",
    "Token",
    "Tokenizer",
]


_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark (the usual curly apostrophe)
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\uff07": "'",  # fullwidth apostrophe
        "\u0060": "'",  # grave accent used as apostrophe
        "\u00b4": "'",  # acute accent used as apostrophe
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)


_CHAR_PAIRS = tuple((chr(k), v) for k, v in _CHAR_MAP.items())


def normalize_chars(text: str) -> str:
    """Map apostrophe and hyphen variants to ``'`` and ``-`` (same length).

    Examples
    --------
    >>> normalize_chars("Shi\u2019ite al\u2011Qaeda")
    "Shi'ite al-Qaeda"
    """
    # One str.replace per variant present: same result as ``text.translate(_CHAR_MAP)``
    # (each variant maps to one character that is not itself a variant), ~20x faster.
    for variant, plain in _CHAR_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


_TLDS = "com|org|net|edu|gov|mil|int|info|biz|io|co|uk|us|de|fr|ir|iq|il|ru|cn|ca|au|eu|me|tv|ly"


_W = r"[\p{L}\p{M}\p{N}\u00ad\u200c\u200d]"  # word character (incl. soft hyphen, ZWNJ/ZWJ)


_URL_END = r"""[^\s<>"“”.,;:!?'()\[\]{}]"""


# The main pattern has only branches that fail on their first character, so it runs
# at plain-regex speed; rarer shapes that begin like a word (bare domains, e-mail
# addresses, dotted acronyms) are tried by _SPECIAL only where a word is followed by
# "." or "@".
_PATTERN = regex.compile(
    rf"""
    (?P<url>(?:https?://|ftp://|www\.)[^\s<>"“”]*{_URL_END})
  | (?P<handle>(?<![\p{{L}}\p{{N}}_])@[\p{{L}}\p{{N}}_]{{1,50}})
  | (?P<word>\p{{N}}+(?:[.,:/]\p{{N}}+)+{_W}*    # 1,700  3.5  9/11  6:20
            | {_W}+(?:['-]{_W}+)*)               # Shi'ite  al-Qaeda  Iran's
    """,
    regex.VERBOSE | regex.VERSION1,
)


_SPECIAL = regex.compile(
    rf"""
    (?P<email>[\p{{L}}\p{{N}}._%+-]+@[\p{{L}}\p{{N}}-]+(?:\.[\p{{L}}\p{{N}}-]+)+)
  | (?P<url>(?:[\p{{L}}\p{{N}}-]+\.)+(?:{_TLDS})(?:/[^\s<>"“”]*{_URL_END})?(?![\p{{L}}\p{{N}}@]))
  | (?P<acronym>\p{{Lu}}(?:\.\p{{Lu}})+\.?(?:'s)?(?![\p{{L}}\p{{N}}]))
  | (?P<abbrev>\p{{Ll}}(?:\.\p{{Ll}})+\.(?![\p{{L}}\p{{N}}]))
    """,
    regex.VERBOSE | regex.VERSION1,
)


# The same pattern without named groups, for ``findall`` (the fast path of the tokenizer:
# the kind of a match is read from its first characters, see _key_token).
_TOKENS = regex.compile(
    _PATTERN.pattern.replace("(?P<url>", "(?:")
    .replace("(?P<handle>", "(?:")
    .replace("(?P<word>", "(?:"),
    regex.VERBOSE | regex.VERSION1,
)


_URL_PREFIXES = ("https://", "http://", "ftp://", "www.")


# A _SPECIAL match at a word followed by one of ".@_+" always goes on with one of these
# characters right after that ".@_+": a text without this pair has no special token.
_MAYBE_SPECIAL = regex.compile(r"[.@_+][\p{L}\p{N}._%+@-]")


_RUN = regex.compile(r"\S*")  # forward to the end of a run of non-space characters


_RUN_BACK = regex.compile(r"(?r)\S*")  # backward to its start


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _bmp_class(prop: str) -> str:
    """The characters below U+10000 of :mod:`regex` set *prop*, as an :mod:`re` set body."""
    bmp = "".join(map(chr, range(0x10000)))
    parts = []
    for m in regex.finditer(prop + "+", bmp, flags=regex.VERSION1):
        first, last = re.escape(bmp[m.start()]), re.escape(bmp[m.end() - 1])
        parts.append(first if m.end() - m.start() == 1 else f"{first}-{last}")
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def _bmp_tokens() -> re.Pattern[str]:
    """:data:`_TOKENS` for texts without astral characters, in :mod:`re` (twice as fast).

    Same branches, with every ``\\p{..}``/``\\s`` set spelled out as the code points
    :mod:`regex` puts in it, so both give the same matches on such texts.
    """
    w = _bmp_class(_W)
    ln = _bmp_class(r"[\p{L}\p{N}_]")
    n = _bmp_class(r"\p{N}")
    sp = _bmp_class(r"\s")
    url_end = _URL_END.replace("\\s", sp)
    return re.compile(
        rf"""(?:https?://|ftp://|www\.)[^{sp}<>"“”]*{url_end}"""
        rf"|(?<![{ln}])@[{ln}]{{1,50}}"
        rf"|[{n}]+(?:[.,:/][{n}]+)+[{w}]*|[{w}]+(?:['-][{w}]+)*"
    )


_HAS_LETTER = regex.compile(r"\p{L}")


#: Contractions whose ``'s`` is not a possessive (kept whole, so they can be stopwords).
CONTRACTIONS_S = frozenset(
    "it's that's there's here's he's she's what's who's where's when's why's how's let's".split()
)


class Token(NamedTuple):
    """One token with its place in the (unit) text.

    Attributes
    ----------
    text : str
        The normalised token (after aliases, case and lemma stages).
    start, end : int
        Character offsets of the source span in the input text.
    kind : str
        ``word``, ``number``, ``acronym``, ``abbrev``, ``alias``, ``url``,
        ``email`` or ``handle``.
    """

    text: str
    start: int
    end: int
    kind: str


def _special_at(text: str, start: int, end: int) -> Any:
    """The :data:`_SPECIAL` match for the word ``text[start:end]``, or None."""
    if text[end : end + 1] in (".", "@", "_", "+") and end < len(text):
        sm = _SPECIAL.match(text, start)
        if sm is not None and (
            sm.lastgroup not in ("acronym", "abbrev") or text[start - 1 : start] != "."
        ):
            return sm
    return None


def _special_token(sm: Any) -> tuple[str, str]:
    """``(text, kind)`` of a :data:`_SPECIAL` match (e-mail, bare URL, acronym, abbreviation)."""
    kind = sm.lastgroup or "url"
    tok = sm.group()
    if kind == "acronym":
        tok = tok[:-2] if tok.endswith("'s") else tok
        tok = tok.replace(".", "")
    elif kind == "abbrev":
        tok = tok.lower()
    return tok, kind


def _word_token(tok: str) -> tuple[str, str]:
    """``(text, kind)`` of a ``word`` match: soft hyphens out, possessive ``'s`` off."""
    if "\u00ad" in tok:
        tok = tok.replace("\u00ad", "")
    if len(tok) > 2 and tok[-2] == "'" and tok[-1] in "sS":
        if tok.lower() not in CONTRACTIONS_S:
            tok = tok[:-2]
    if not tok.isalpha() and _HAS_LETTER.search(tok) is None:
        return tok, "number"
    return tok, "word"


def _split(text: str) -> list[Token]:
    """Split normalised *text* into raw tokens (stage 2-3: no aliases, no case)."""
    out: list[Token] = []
    append = out.append
    skip_until = -1
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        if start < skip_until:
            continue
        kind = m.lastgroup or "word"
        tok = m.group()
        if kind == "word":
            sm = _special_at(text, start, end)
            if sm is not None:
                tok, kind = _special_token(sm)
                end = skip_until = sm.end()
                append(Token(tok, start, end, kind))
                continue
            tok, kind = _word_token(tok)
        append(Token(tok, start, end, kind))
    return out


#: A key of the fast path: the matched string (kind read from it by :func:`_key_token`)
#: or, for special and alias tokens, the pair ``(text, kind)``.
_Key = str | tuple[str, str]


def _split_keys(text: str) -> list[_Key]:
    """:func:`_split` without offsets: one key per token, for :func:`_key_token`.

    No match of :data:`_PATTERN` or :data:`_SPECIAL` holds white space, and
    their look-arounds read white space and the ends of the text alike, so the
    text is cut at white space: the runs of non-space characters holding a
    possible special token go through the loop of :func:`_split`, the rest
    through one ``findall`` per stretch.
    """
    findall = _TOKENS.findall if _ASTRAL.search(text) else _bmp_tokens().findall
    out: list[_Key] = []
    pos = 0
    m = _MAYBE_SPECIAL.search(text)
    while m is not None:
        p = m.start()
        start = _RUN_BACK.search(text, pos, p).start()  # type: ignore[union-attr]
        end = _RUN.match(text, p).end()  # type: ignore[union-attr]
        if start > pos:
            out += findall(text, pos, start)
        out += _split_run_keys(text[start:end])
        pos = end
        m = _MAYBE_SPECIAL.search(text, pos)
    if pos == 0:
        return findall(text)
    out += findall(text, pos)
    return out


def _split_run_keys(text: str) -> list[_Key]:
    """The loop of :func:`_split` on a run that may hold a special token."""
    out: list[_Key] = []
    append = out.append
    skip_until = -1
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        if start < skip_until:
            continue
        if m.lastgroup == "word":
            sm = _special_at(text, start, end)
            if sm is not None:
                skip_until = sm.end()
                append(_special_token(sm))
                continue
        append(m.group())
    return out


def _key_token(key: _Key) -> tuple[str, str]:
    """``(text, kind)`` of a key from :func:`_split_keys`, as :func:`_split` gives it."""
    if type(key) is tuple:
        return key
    if key[0] == "@":  # only the handle branch starts with "@"
        return key, "handle"
    if key.startswith(_URL_PREFIXES):  # a word match has no ":" or "." outside digits
        return key, "url"
    return _word_token(key)


@functools.lru_cache(maxsize=8)
def _lemmatizer(lang: str) -> Callable[[str], str] | None:
    import simplemma

    try:
        simplemma.lemmatize("test", lang=lang)
    except ValueError:
        return None

    @functools.lru_cache(maxsize=200_000)
    def lemma(tok: str) -> str:
        return simplemma.lemmatize(tok, lang=lang)

    return lemma


@dataclass(frozen=True)
class _Options:
    lowercase: bool
    stopwords: frozenset[str] | None
    lemmatize: bool
    min_length: int
    ngrams: tuple[int, int]
    numbers: str
    urls: str
    aliases: AliasTable | None
    acronyms: frozenset[str]
    lang: str


def _case_flag(text: str, kind: str) -> int:
    """0: not a word of two letters or more; 1: a word with lower-case letters; 2: an
    all-caps word (``US``)."""
    if kind != "word" or len(text) < 2:
        return 0
    return 2 if is_acronym(text) else 1


# Penn tags after which an all-caps "US" is the pronoun (verbs, prepositions, "to").
_PRONOUN_AFTER = ("VB", "IN", "TO")

# Sentence ends for the per-sentence shouting test (cheap; Punkt is not needed here).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentence_parts(text: str) -> list[tuple[int, str]]:
    """``(offset, part)`` of each sentence-like part of *text* (split after . ! ?)."""
    parts, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        parts.append((start, text[start : m.start()]))
        start = m.end()
    parts.append((start, text[start:]))
    return parts


def _is_shouting(n_lower: int, n_caps: int) -> bool:
    """A shouted text: >= 3 words, >= 60 % of them all-caps."""
    n_words = n_lower + n_caps
    return n_words >= 3 and n_caps >= 0.6 * n_words


#: Per-pipeline memo size above which it is emptied (bounds memory on huge vocabularies).
_MEMO_MAX = 500_000


class _Pipeline:
    """The compiled stages for one set of options.

    :meth:`analyze` runs the stages on :class:`Token` lists (with offsets).
    Calling the pipeline gives the same strings by a fast path: the unit is
    split into keys (:func:`_split_keys`), aliases are merged on keys, and every
    other stage depends on the token alone, so its result is memoised per key
    (word forms repeat: Zipf); only the all-caps-unit test looks at the unit.
    """

    def __init__(self, opts: _Options) -> None:
        self.opts = opts
        self.lemma = _lemmatizer(opts.lang) if opts.lemmatize else None
        self.ordinary = ordinary_words(opts.lang)
        # alias lookup: key tuple -> canonical; two dicts (exact / case-folded)
        self.exact: dict[tuple[str, ...], str] = {}
        self.folded: dict[tuple[str, ...], str] = {}
        self.max_len = 0
        if opts.aliases is not None:
            for canon, variants in opts.aliases.canonical.items():
                canon_norm = normalize_chars(canon)
                for v in variants:
                    key = _variant_key(v)
                    if not key:
                        continue
                    self.max_len = max(self.max_len, len(key))
                    if all(is_acronym(t) for t in key):
                        self.exact[key] = canon_norm
                    else:
                        self.folded[key] = canon_norm
        self.first_exact = {k[0] for k in self.exact}
        self.first_folded = {k[0] for k in self.folded}
        self.stop = self._normalise_stopwords(opts.stopwords) if opts.stopwords else frozenset()
        # first token of a variant -> lengths of the variants it starts (in self.exact, self.folded)
        self.lengths_exact: dict[str, set[int]] = {}
        self.lengths_folded: dict[str, set[int]] = {}
        for keys, lengths in ((self.exact, self.lengths_exact), (self.folded, self.lengths_folded)):
            for k in keys:
                lengths.setdefault(k[0], set()).add(len(k))
        # second tokens of multi-word variants
        self.second_exact = {k[1] for k in self.exact if len(k) > 1}
        self.second_folded = {k[1] for k in self.folded if len(k) > 1}
        # key -> (case flag, output in a normal unit, output in an all-caps unit); None = dropped
        self._memo: dict[_Key, tuple[int, str | None, str | None]] = {}
        # key -> (raw, mixed, folded, mergeable, lengths of the variants it may start,
        #         may be the second token of a variant)
        self._alias_memo: dict[_Key, tuple[str, str, str, bool, tuple[int, ...], bool]] = {}

    @functools.cached_property
    def tags(self) -> dict[str, str]:
        """Penn tags of words, read when a shouted sentence first needs them."""
        return word_tags(self.opts.lang)

    # -- stages ------------------------------------------------------------
    def merge_aliases(self, toks: list[Token]) -> list[Token]:
        """Replace alias variants by their canonical term, longest match first.

        All-caps variants (``US``, ``ISIL``) match only as written; the others
        match in any case (``Teheran``, ``teheran``, ``TEHERAN``).
        """
        if not self.max_len:
            return toks
        raw = [t.text for t in toks]
        folds = [r.casefold() for r in raw]
        mixed = [r if is_acronym(r) else f for r, f in zip(raw, folds, strict=True)]
        mergeable = [t.kind in ("word", "acronym") for t in toks]
        exact, folded = self.exact, self.folded
        out: list[Token] = []
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if mergeable[i] and (
                raw[i] in self.first_exact
                or mixed[i] in self.first_folded
                or folds[i] in self.first_folded
            ):
                for length in range(min(self.max_len, n - i), 0, -1):
                    j = i + length
                    if not all(mergeable[i:j]):
                        continue
                    canon = (
                        exact.get(tuple(raw[i:j]))
                        or folded.get(tuple(mixed[i:j]))
                        or folded.get(tuple(folds[i:j]))
                    )
                    if canon is not None:
                        out.append(Token(canon, t.start, toks[j - 1].end, "alias"))
                        i = j
                        break
                else:
                    out.append(t)
                    i += 1
            else:
                out.append(t)
                i += 1
        return out

    def apply_case(self, toks: list[Token], shouting: bool | None = None) -> list[Token]:
        """Lower-case, keeping acronyms (see module docstring for all-caps units).

        *shouting* (an all-caps unit) is computed from *toks* unless given.
        """
        if not self.opts.lowercase:
            return toks
        if shouting is None:
            flags = [_case_flag(t.text, t.kind) for t in toks]
            shouting = _is_shouting(flags.count(1), flags.count(2))
        out: list[Token] = []
        for t in toks:
            kind = t.kind
            if kind in ("url", "email", "handle"):
                out.append(t)
            elif kind == "acronym" or (kind == "alias" and is_acronym(t.text)):
                out.append(t)
            elif kind == "word" and is_acronym(t.text) and self._keeps_caps(t.text, shouting):
                out.append(t._replace(kind="acronym"))
            else:
                low = t.text.lower()
                out.append(t if low == t.text else t._replace(text=low))
        return out

    def _keeps_caps(self, text: str, shouting: bool) -> bool:
        """Whether an all-caps word stays upper-case: a known acronym (``acronyms:`` of the
        alias file; a shouted pronoun "US" was lower-cased by :meth:`unshout`) or, outside
        shouting, an all-caps word that is no ordinary word (UNAMI, IRGC). An ordinary word
        in capitals ("GOOD") and any unlisted word of a shouted sentence are lower-cased."""
        if text in self.opts.acronyms:
            return True
        return not (shouting or text.lower() in self.ordinary)

    def unshout(self, keys: list[_Key]) -> list[_Key]:
        """In a shouted sentence, a listed acronym that is also an ordinary word is that word
        when a verb or a preposition precedes it ("GET US OUT", "TOLD US", "FOR US"; Penn
        tags from :func:`~corpuslib.lexicons.word_tags`); "US FORCES" and "THE US" stay the
        country. Its key is lower-cased before aliases are merged."""
        out: list[_Key] = []
        before = ""
        for key in keys:
            text, kind = _key_token(key)
            if (kind == "word" and text in self.opts.acronyms and "." not in text
                    and text.lower() in self.ordinary
                    and self.tags.get(before.lower(), "").startswith(_PRONOUN_AFTER)):
                key = text.lower()
            out.append(key)
            before = text if kind == "word" else ""
        return out

    def apply_lemmas(self, toks: list[Token]) -> list[Token]:
        """Replace words by their lemma (acronyms and alias terms are kept)."""
        if self.lemma is None:
            return toks
        lemma = self.lemma
        out = []
        for t in toks:
            if t.kind == "word" and not is_acronym(t.text):
                lem = lemma(t.text)
                if lem != t.text:
                    lem = lem if not self.opts.lowercase else lem.lower()
                    t = t._replace(text=lem)
            out.append(t)
        return out

    def _stop_key(self, tok: str) -> str:
        return tok if is_acronym(tok) else tok.casefold()

    def _normalise_stopwords(self, words: frozenset[str]) -> frozenset[str]:
        """Run stopwords through the split/case stages; warn when they cannot match."""
        keys: set[str] = set()
        multi: list[str] = []
        aliased: list[str] = []
        for w in sorted(words):
            toks = _split(normalize_chars(w))
            if not toks:  # punctuation in a packaged list: never a token, harmless
                continue
            if len(toks) > 1:
                multi.append(w)
                continue
            tok = toks[0].text
            keys.add(self._stop_key(tok))
            if self.max_len:
                key = (tok,) if is_acronym(tok) else (tok.casefold(),)
                canon = self.exact.get(key) or self.folded.get(key)
                if canon is not None and self._stop_key(canon) != self._stop_key(tok):
                    aliased.append(f"{w} -> {canon}")
        if multi:
            warnings.warn(
                "stopwords that are not one token can never match and are ignored: "
                + ", ".join(repr(w) for w in multi[:20]),
                UserWarning,
                stacklevel=4,
            )
        if aliased:
            warnings.warn(
                "stopwords merged into another term by the alias table before stopword "
                "removal, so they never match (remove them from the stopwords or the "
                "aliases): " + ", ".join(aliased[:20]),
                UserWarning,
                stacklevel=4,
            )
        return frozenset(keys)

    def analyze(self, text: str) -> list[Token]:
        """Stages 1-5 and 7: split, aliases, case, lemmas (no filtering).

        The reference path of :meth:`__call__`: a text with capitals that is not shouted
        as a whole is read sentence by sentence (token offsets stay those of *text*).
        """
        text = normalize_chars(text)
        toks = self._analyze_part(_split(text), whole=True)
        if toks is None:
            toks = []
            for start, part in _sentence_parts(text):
                got = self._analyze_part(_split(part), whole=False) or []
                toks += [t._replace(start=t.start + start, end=t.end + start) for t in got]
        return self.apply_lemmas(toks) if self.lemma is not None else toks

    def _analyze_part(self, toks: list[Token], *, whole: bool) -> list[Token] | None:
        shouting = False
        if self.opts.lowercase:
            flags = [_case_flag(t.text, t.kind) for t in toks]
            n_caps = flags.count(2)
            shouting = n_caps >= 2 and _is_shouting(flags.count(1), n_caps)
            if n_caps and not shouting and whole:
                return None
        if shouting:
            keys = self.unshout([(t.text, t.kind) for t in toks])
            toks = [t._replace(text=k[0] if isinstance(k, tuple) else k)
                    for t, k in zip(toks, keys, strict=True)]
        toks = self.merge_aliases(toks)
        return self.apply_case(toks, shouting)

    def keep(self, t: Token) -> bool:
        """Stage 6 and 8: the filter applied to each analysed token."""
        o = self.opts
        kind = t.kind
        if kind in ("url", "email", "handle"):
            return o.urls == "keep"
        if kind == "number":
            return o.numbers == "keep" and len(t.text) >= o.min_length
        if len(t.text) < o.min_length:
            return False
        if self.stop and self._stop_key(t.text) in self.stop:
            return False
        return True

    # -- fast path ---------------------------------------------------------
    def _alias_info(self, key: _Key) -> tuple[str, str, str, bool, tuple[int, ...], bool]:
        text, kind = _key_token(key)
        fold = text.casefold()
        mixed = text if is_acronym(text) else fold
        mergeable = kind in ("word", "acronym")
        lengths: tuple[int, ...] = ()
        if mergeable:
            empty: set[int] = set()
            found = (
                self.lengths_exact.get(text, empty)
                | self.lengths_folded.get(mixed, empty)
                | self.lengths_folded.get(fold, empty)
            )
            lengths = tuple(sorted(found, reverse=True))
        second = mergeable and (
            text in self.second_exact or mixed in self.second_folded or fold in self.second_folded
        )
        info = (text, mixed, fold, mergeable, lengths, second)
        if len(self._alias_memo) >= _MEMO_MAX:
            self._alias_memo.clear()
        self._alias_memo[key] = info
        return info

    def merge_keys(self, keys: list[_Key]) -> list[_Key]:
        """:meth:`merge_aliases` on keys; a merged span becomes ``(canonical, "alias")``.

        Only the lengths of variants that start with the token are tried (longest
        first), and lengths > 1 only when the next token can be a second token:
        any other length cannot match.
        """
        memo = self._alias_memo
        infos = [memo.get(k) or self._alias_info(k) for k in keys]
        starts = [i for i, info in enumerate(infos) if info[4]]
        if not starts:
            return keys
        exact, folded = self.exact, self.folded
        out: list[_Key] = []
        pos, n = 0, len(keys)  # keys[:pos] are done
        for i in starts:
            if i < pos:  # inside a merged span
                continue
            for length in infos[i][4]:
                if length > n - i or (length > 1 and not infos[i + 1][5]):
                    continue
                window = infos[i : i + length]
                if not all(info[3] for info in window):
                    continue
                canon = (
                    exact.get(tuple(info[0] for info in window))
                    or folded.get(tuple(info[1] for info in window))
                    or folded.get(tuple(info[2] for info in window))
                )
                if canon is not None:
                    out += keys[pos:i]
                    out.append((canon, "alias"))
                    pos = i + length
                    break
        if not pos:
            return keys
        out += keys[pos:]
        return out

    def _outputs(self, key: _Key) -> tuple[int, str | None, str | None]:
        """Memoise the per-token stages for *key*: the same methods :meth:`analyze` uses."""
        text, kind = _key_token(key)
        flag = _case_flag(text, kind)
        outs: list[str | None] = []
        # apply_case reads *shouting* only for an all-caps word: other tokens come
        # out the same either way
        for shouting in (False, True) if kind == "word" and is_acronym(text) else (False,):
            toks = [Token(text, 0, 0, kind)]
            toks = self.apply_case(toks, shouting)
            if self.lemma is not None:
                toks = self.apply_lemmas(toks)
            outs.append(toks[0].text if self.keep(toks[0]) else None)
        result = (flag, outs[0], outs[-1])
        if len(self._memo) >= _MEMO_MAX:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _words(self, text: str, sentence: bool = False) -> list[str] | None:
        """Tokens of *text*, or ``None`` for a unit with capitals that is not shouted whole
        (its sentences are then read one by one). A shouted *text* (>= 2 all-caps words,
        most cased words all-caps) has its ordinary words lower-cased."""
        keys = _split_keys(text)
        memo = self._memo
        try:
            infos = [memo[k] for k in keys]
        except KeyError:
            infos = [memo.get(k) or self._outputs(k) for k in keys]
        shouting = False
        if self.opts.lowercase:
            flags = [info[0] for info in infos]
            n_caps = flags.count(2)
            shouting = n_caps >= 2 and _is_shouting(flags.count(1), n_caps)
            if n_caps and not shouting and not sentence:
                return None
        if shouting:
            keys = self.unshout(keys)
        if self.max_len:
            keys = self.merge_keys(keys)
        if shouting or self.max_len:
            infos = [memo.get(k) or self._outputs(k) for k in keys]
        column = 2 if shouting else 1
        return [w for info in infos if (w := info[column]) is not None]

    def __call__(self, text: str) -> list[str]:
        if not isinstance(text, str):
            raise CorpuslibError(f"tokenize: expected str, got {type(text).__name__}")
        text = normalize_chars(text)
        words = self._words(text)
        if words is None:  # capitals in a mixed unit: shouting is decided per sentence
            words = [w for _, part in _sentence_parts(text) for w in self._words(part, True)]
        lo, hi = self.opts.ngrams
        if (lo, hi) == (1, 1):
            return words
        out = []
        for n in range(lo, hi + 1):
            if n == 1:
                out.extend(words)
            else:
                out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return out


def _variant_key(variant: str) -> tuple[str, ...]:
    """Matching key of a variant: exact for all-caps tokens, case-folded otherwise."""
    toks = [t.text for t in _split(normalize_chars(variant))]
    return tuple(t if is_acronym(t) else t.casefold() for t in toks)


def _resolve_aliases(aliases: Any) -> AliasTable | None:
    if aliases is False or aliases is None:
        return None
    if aliases is True:
        return load_aliases()
    if isinstance(aliases, AliasTable):
        return aliases
    if isinstance(aliases, (str, os.PathLike)):
        return load_aliases(aliases)
    if isinstance(aliases, Mapping):
        return parse_aliases({"aliases": dict(aliases)}, "<aliases mapping>")
    raise CorpuslibError(
        f"tokenize: aliases must be a bool, a mapping or a YAML path, got {type(aliases).__name__}"
    )


def _resolve_stopwords(stopwords: Any, extra: Iterable[str], lang: str) -> frozenset[str] | None:
    if stopwords is True:
        base = set(load_stopwords(lang=lang))
    elif stopwords is False or stopwords is None:
        base = set()
    elif isinstance(stopwords, (str, os.PathLike)):
        if isinstance(stopwords, str) and not stopwords.endswith((".yml", ".yaml")):
            raise CorpuslibError(
                f"tokenize: stopwords={stopwords!r}: give True, a list of words or a .yml path"
            )
        base = set(load_stopwords(stopwords, lang=lang))
    else:
        base = {str(w) for w in stopwords}
    base |= {str(w) for w in extra}
    return frozenset(base) or None


def _ngram_range(ngrams: int | tuple[int, int]) -> tuple[int, int]:
    if isinstance(ngrams, int):
        lo = hi = ngrams
    else:
        try:
            lo, hi = (int(x) for x in ngrams)
        except (TypeError, ValueError):
            raise CorpuslibError(f"tokenize: ngrams={ngrams!r}: give n or (min_n, max_n)") from None
    if not 1 <= lo <= hi:
        raise CorpuslibError(f"tokenize: ngrams={ngrams!r}: need 1 <= min_n <= max_n")
    return lo, hi


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return ("mapping", tuple(sorted((str(k), _freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_freeze(v) for v in value]
        return (
            tuple(sorted(items, key=repr)) if isinstance(value, (set, frozenset)) else tuple(items)
        )
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def build_tokenizer(
    *,
    lowercase: bool = True,
    stopwords: bool | Iterable[str] | str | os.PathLike[str] = False,
    extra_stopwords: Iterable[str] = (),
    lemmatize: bool = False,
    min_length: int = 1,
    ngrams: int | tuple[int, int] = 1,
    numbers: Literal["keep", "drop"] = "keep",
    urls: Literal["drop", "keep"] = "drop",
    aliases: bool | Mapping[str, Sequence[str]] | str | os.PathLike[str] = False,
    lang: str = "en",
) -> Callable[[str], list[str]]:
    """Build the tokenizer once and return it as a ``str -> list[str]`` callable.

    Lexicons are loaded (and cached by path) here, not per call, so the result
    can be applied to every unit of a large corpus. Built tokenizers are cached
    per option set, so calling this repeatedly is cheap.

    Parameters
    ----------
    lowercase : bool
        Lower-case words, keeping all-caps acronyms (``US``, ``ISIS``).
    stopwords : bool, iterable of str, or path
        ``True``: the packaged list edited by ``data/lexicons/stopwords.yml``;
        a list: exactly those words; a ``.yml`` path: that lexicon file.
    extra_stopwords : iterable of str
        Words added to *stopwords* (e.g. from a notebook parameter).
    lemmatize : bool
        Replace words by their :mod:`simplemma` lemma for *lang*.
    min_length : int
        Drop tokens shorter than this many characters.
    ngrams : int or (int, int)
        n, or the range (min_n, max_n), of word n-grams, built after filtering
        (as scikit-learn does) and joined with a space.
    numbers : {"keep", "drop"}
        Keep or drop tokens made only of digits (``2003``, ``1,700``).
    urls : {"drop", "keep"}
        Drop, or keep whole, URLs, e-mail addresses and @handles.
    aliases : bool, mapping or path
        ``True``: ``data/lexicons/aliases.yml``; a mapping canonical -> variants;
        a YAML path.
    lang : str
        ISO 639-1 code used for stopwords and lemmas.

    Returns
    -------
    callable
        ``tokenizer(text) -> list[str]``; its ``analyze(text)`` attribute
        returns unfiltered :class:`Token` objects with character offsets.

    Raises
    ------
    CorpuslibError
        On an invalid option value.
    LexiconError
        On an invalid lexicon file.

    Warns
    -----
    UserWarning
        When a stopword can never be produced by the earlier stages (it is not
        one token, or the alias table rewrites it first).

    Examples
    --------
    >>> tok = build_tokenizer(stopwords=True, aliases=True)
    >>> tok("The United States and the U.S.A. are the US.")
    ['US', 'US', 'US']
    >>> build_tokenizer(ngrams=(1, 2))("Islamic State fighters")
    ['islamic', 'state', 'fighters', 'islamic state', 'state fighters']
    """
    if numbers not in ("keep", "drop"):
        raise CorpuslibError(f"tokenize: numbers={numbers!r}: use 'keep' or 'drop'")
    if urls not in ("keep", "drop"):
        raise CorpuslibError(f"tokenize: urls={urls!r}: use 'keep' or 'drop'")
    if not isinstance(min_length, int) or min_length < 1:
        raise CorpuslibError(f"tokenize: min_length={min_length!r}: need an integer >= 1")
    if not isinstance(lang, str) or not lang:
        raise CorpuslibError(f"tokenize: lang={lang!r}: need an ISO 639-1 code")
    if isinstance(extra_stopwords, str):
        extra_stopwords = [extra_stopwords]
    key = (
        bool(lowercase),
        _freeze(
            stopwords
            if isinstance(stopwords, (bool, str, os.PathLike)) or stopwords is None
            else frozenset(stopwords)
        ),
        _freeze(frozenset(extra_stopwords)),
        bool(lemmatize),
        min_length,
        _ngram_range(ngrams),
        numbers,
        urls,
        _freeze(aliases),
        lang,
        # lexicon files may change on disk: include their mtimes in the key
        file_stamp(paths.ALIASES),
        file_stamp(paths.STOPWORDS),
    )
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if len(_PIPELINES) >= 64:
            _PIPELINES.pop(next(iter(_PIPELINES)))
        pipeline = _build(key, stopwords, tuple(extra_stopwords), aliases)
        _PIPELINES[key] = pipeline
    return pipeline


_PIPELINES: dict[tuple[Any, ...], _Pipeline] = {}


def _build(key: tuple[Any, ...], stopwords: Any, extra: Any, aliases: Any) -> _Pipeline:
    (lowercase, _, _, lemmatize, min_length, ngram_range, numbers, urls, _, lang, *_rest) = key
    table = _resolve_aliases(aliases)
    if table is not None:
        acronyms = table.acronyms
    else:
        try:
            acronyms = load_aliases().acronyms
        except LexiconError:
            acronyms = frozenset()
    opts = _Options(
        lowercase=lowercase,
        stopwords=_resolve_stopwords(stopwords, extra, lang),
        lemmatize=lemmatize,
        min_length=min_length,
        ngrams=ngram_range,
        numbers=numbers,
        urls=urls,
        aliases=table,
        acronyms=acronyms,
        lang=lang,
    )
    return _Pipeline(opts)


def tokenizers_by_language(options: dict[str, Any]) -> Callable[[str], Callable[[str], list[str]]]:
    """Return ``lang -> tokenizer`` built with *options*; a fixed ``lang`` option overrides the unit's language."""
    fixed = options.get("lang")
    cache: dict[str, Callable[[str], list[str]]] = {}

    def get(lang: Any) -> Callable[[str], list[str]]:
        code = fixed or (lang if isinstance(lang, str) and lang not in ("", "und") else "en")
        if code not in cache:
            cache[code] = build_tokenizer(**{**options, "lang": code})
        return cache[code]

    return get


def tokenize(text: str, **options: Any) -> list[str]:
    """Split *text* into normalised tokens; the tokenizer every analysis uses.

    Parameters
    ----------
    text : str
        One unit (paragraph, comment, title). Tokenize unit by unit.
    **options
        Keyword options of :func:`build_tokenizer` (``lowercase``,
        ``stopwords``, ``extra_stopwords``, ``lemmatize``, ``min_length``,
        ``ngrams``, ``numbers``, ``urls``, ``aliases``, ``lang``).

    Returns
    -------
    list of str

    Raises
    ------
    CorpuslibError
        If *text* is not a string or an option is invalid.

    Examples
    --------
    >>> tokenize("Shi’ite and Shiite militias near Tehran; see https://x.org/a?b=1")
    ["shi'ite", 'and', 'shiite', 'militias', 'near', 'tehran', 'see']
    >>> tokenize("Shi’ite and Shiite militias", aliases=True)
    ['shia', 'and', 'shia', 'militias']
    >>> tokenize("The troops were leaving", lemmatize=True, stopwords=True)
    ['troop', 'leave']
    >>> tokenize("مرحبا بالعالم")
    ['مرحبا', 'بالعالم']
    """
    return build_tokenizer(**options)(text)


def analyze(text: str, **options: Any) -> list[Token]:
    """Return unfiltered :class:`Token` objects (text, start, end, kind) for *text*.

    The same stages as :func:`tokenize` up to lemmas, without stopword, number,
    URL and length filters; offsets point into *text*. Used by concordances.

    Examples
    --------
    >>> [(t.text, t.start, t.end) for t in analyze("In the U.S. today")]
    [('in', 0, 2), ('the', 3, 6), ('US', 7, 11), ('today', 12, 17)]
    """
    return build_tokenizer(**options).analyze(text)  # type: ignore[attr-defined]


#: Abbreviations (lower case, no final period) that do not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.s.a u.n u.k u.a.e e.u d.c e.g i.e etc vs v cf al approx fig
    mr mrs ms dr prof rev hon messrs mmes sr jr st mt ft
    gen lt col maj capt cpt sgt cpl pvt adm cmdr brig cdr gov sen rep pres amb sec supt insp
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc ltd co corp dept univ assn bros est
    a.m p.m
    """.split()
)


SENTENCE_STARTERS: frozenset[str] = frozenset(
    "a an and but he her his however i in it its meanwhile she that the there these "
    "they this those we what when while yet you".split()
)


@functools.lru_cache(maxsize=8)
def _sentence_splitter(extra: frozenset[str]) -> Any:
    """Punkt with :data:`ABBREVIATIONS` (and *extra*) and :data:`SENTENCE_STARTERS`.

    Punkt decides each candidate break (a ``.?!`` and what follows it) from a short
    context: the word before it, the mark and the next token. With fixed parameters
    that decision is a pure function of the context string, so it is made once per
    distinct context (contexts repeat: "said. The"); the spans are Punkt's own.
    """
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class _DecidedOnce(PunktSentenceTokenizer):
        def __init__(self, params: PunktParameters) -> None:
            super().__init__(params)
            self._decided: dict[str, bool] = {}

        def text_contains_sentbreak(self, text: str) -> bool:
            got = self._decided.get(text)
            if got is None:
                if len(self._decided) >= _MEMO_MAX:
                    self._decided.clear()
                got = self._decided[text] = super().text_contains_sentbreak(text)
            return got

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS | extra)
    # After an abbreviation, a capitalised frequent sentence starter opens a new
    # sentence ("... in the U.S. He left."), as in Kiss & Strunk (2006), sec. 4.
    params.sent_starters = set(SENTENCE_STARTERS)
    return _DecidedOnce(params)


def split_sentences(text: str, *, abbreviations: Iterable[str] = ()) -> list[str]:
    """Split *text* into sentences offline (NLTK Punkt with known abbreviations).

    Punkt is given :data:`ABBREVIATIONS` (``U.S.``, ``Mr.``, ``Gen.``, months,
    …) so that "U.S." inside a sentence never ends it. Limitation: a sentence
    that really ends with an abbreviation ("… in the U.S. He left.") is not
    split there.

    Parameters
    ----------
    text : str
        One unit of text.
    abbreviations : iterable of str
        Extra abbreviations, lower case, without the final period (``"lt.gen"``).

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_sentences("Mr. Kerry met Gen. Milley in the U.S. capital. He left.")
    ['Mr. Kerry met Gen. Milley in the U.S. capital.', 'He left.']
    >>> split_sentences("They stayed in the U.S. He left. The plan was GOOD!!!")
    ['They stayed in the U.S.', 'He left.', 'The plan was GOOD!!!']
    """
    if not isinstance(text, str):
        raise CorpuslibError(f"split_sentences: expected str, got {type(text).__name__}")
    extra = frozenset(a.lower().rstrip(".") for a in abbreviations)
    tokenizer = _sentence_splitter(extra)
    sentences: list[str] = []
    last_end = 0
    for start, end in tokenizer.span_tokenize(text):
        if sentences and not any(ch.isalnum() for ch in text[start:end]):
            sentences[-1] += text[last_end:end]
        else:
            sentences.append(text[start:end])
        last_end = end
    return sentences


Tokenizer = Callable[[str], list[str]]


def text_or_empty(value: Any) -> str:
    """Return ``value`` if it is a string, else ``""`` (missing text: NA, None, NaN)."""
    return value if isinstance(value, str) else ""


def _default_tokenizer(**options: Any) -> Tokenizer:

    return build_tokenizer(**options)
