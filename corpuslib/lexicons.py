"""Lexicons: every ``data/lexicons/*.yml`` loader, and the strict YAML parser they share.

Each loader validates its file and raises :class:`~corpuslib.errors.LexiconError` naming
the file and the entry at fault. Loaders are cached by path and modification time.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex
import yaml

from corpuslib import paths
from corpuslib.errors import CorpuslibError, LexiconError, RuleTimeoutError
from corpuslib.paths import FRAMES

__all__ = [
    "MAX_YAML_CHARS",
    "PAGE_RULE_SECONDS",
    "file_stamp",
    "is_acronym",
    "load_actors",
    "load_aliases",
    "load_frames",
    "load_rules",
    "load_sentiment_domain",
    "load_stopwords",
    "ordinary_words",
    "parse_aliases",
    "parse_rules",
    "parse_sentiment_domain",
    "parse_yaml",
    "read_yaml_text",
    "rule_time_limit",
    "word_tags",
    "Actor",
    "AliasTable",
    "EntryRule",
    "Frame",
    "LayoutRules",
    "Rule",
    "TimedPattern",
]


class _DuplicateKeyError(yaml.YAMLError):
    pass


class _AliasError(yaml.YAMLError):
    pass


#: Largest YAML text :func:`parse_yaml` accepts (characters). Lexicons and run
#: files are hand-written; anything larger is refused before parsing.
MAX_YAML_CHARS = 2_000_000


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate mapping keys and anchors/aliases.

    Anchors and aliases are refused outright: nothing in corpuslib's files needs
    them, and nested aliases ("billion laughs") expand a few hundred bytes into
    gigabytes.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _AliasError(
                f"alias *{event.anchor} on line {event.start_mark.line + 1}: anchors and aliases"
                " are not allowed (write the value out)"
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _AliasError(
                f"anchor &{anchor} on line {event.start_mark.line + 1}: anchors and aliases"
                " are not allowed (write the value out)"
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self.flatten_mapping(node)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKeyError(
                    f"duplicate key {key!r} on line {line} (first on line {seen[key]})"
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping
)


def parse_yaml(
    text: str, *, source: str, error: type[CorpuslibError] = LexiconError
) -> Any:
    """Parse YAML ``text``; duplicate keys and syntax errors raise ``error`` naming ``source``.

    Hostile input is bounded: a text longer than :data:`MAX_YAML_CHARS` and any
    anchor or alias (``&a`` / ``*a``, the "billion laughs" bomb) are refused.

    Examples
    --------
    >>> parse_yaml("frames:\\n  a: 1\\n", source="f.yml")
    {'frames': {'a': 1}}
    >>> parse_yaml("a: 1\\na: 2\\n", source="f.yml")
    Traceback (most recent call last):
    corpuslib.errors.LexiconError: f.yml: duplicate key 'a' on line 2 (first on line 1)
    >>> parse_yaml("a: &x [1]\\nb: *x\\n", source="f.yml")
    Traceback (most recent call last):
    corpuslib.errors.LexiconError: f.yml: anchor &x on line 1: anchors and aliases are not allowed (write the value out)
    """
    if len(text) > MAX_YAML_CHARS:
        raise error(
            f"{source}: {len(text):,} characters, more than the {MAX_YAML_CHARS:,} a YAML file may have"
        )
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except (_DuplicateKeyError, _AliasError) as exc:
        raise error(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: not valid YAML: {exc}") from None


def read_yaml_text(path: Path, *, error: type[CorpuslibError] = LexiconError, what: str = "lexicon") -> str:
    """Read a YAML file's text for :func:`parse_yaml`, refusing huge or non-regular files.

    Raises ``error`` naming the file when it is missing, not a regular file (a
    folder, a FIFO), larger than :data:`MAX_YAML_CHARS` bytes, unreadable or not UTF-8.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise error(f"{path}: {what} file not found") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what} file: {exc.strerror or exc}") from None
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        raise error(f"{path}: not a regular file (a {what} file must be a YAML file)")
    if st.st_size > MAX_YAML_CHARS:
        raise error(f"{path}: {st.st_size:,} bytes, more than the {MAX_YAML_CHARS:,} a YAML file may have")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8: {exc}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what} file: {exc.strerror or exc}") from None


def _read_yaml(path: Path) -> Any:
    return parse_yaml(read_yaml_text(path), source=str(path))


def file_stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1.0


@dataclass(frozen=True)
class AliasTable:
    """A parsed alias lexicon.

    Attributes
    ----------
    canonical : dict
        Canonical term -> tuple of its variants (as written in the file).
    acronyms : frozenset
        All-caps terms that stay upper-case even in an all-caps unit.
    source : str
        Where the table came from (file path or ``"<mapping>"``), for messages.
    """

    canonical: Mapping[str, tuple[str, ...]]
    acronyms: frozenset[str]
    source: str = "<mapping>"


_UPPER_WORD = regex.compile(r"^(?=(?:\P{L}*\p{Lu}){2})[^\p{Ll}\p{Lt}]+$")  # ≥2 capitals, no lower


def is_acronym(tok: str) -> bool:
    """True for an all-caps token with at least two capital letters (``US``, ``UAE``...)."""
    return tok.isupper() and len(tok) >= 2 and _UPPER_WORD.match(tok) is not None


def _textblob_file(name: str) -> str:
    """A data file shipped inside the ``textblob`` package, read without importing it
    (importing textblob imports nltk and scipy.stats: seconds in a fresh worker)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("textblob is not installed (it ships the English word lists)")
    return (Path(next(iter(spec.submodule_search_locations))) / name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def ordinary_words(lang: str = "en") -> frozenset[str]:
    """Ordinary lower-case words of *lang*, to tell a shouted word from an acronym.

    English: the ~29,000 words of TextBlob's spelling model (``en-spelling.txt``, from
    Norvig's corpus), installed with the ``textblob`` dependency; other languages: empty.

    Examples
    --------
    >>> words = ordinary_words()
    >>> "good" in words, "us" in words, "unami" in words, "nato" in words
    (True, True, False, False)
    """
    if lang != "en":
        return frozenset()
    text = _textblob_file("en/en-spelling.txt")
    return frozenset(
        line.split(" ", 1)[0] for line in text.splitlines() if line and not line.startswith(";")
    )


@lru_cache(maxsize=4)
def word_tags(lang: str = "en") -> dict[str, str]:
    """The most frequent part-of-speech tag of each word (Penn tags; English only).

    From Brill's (1992) tagger lexicon, trained on the Brown corpus and the Penn
    Treebank, as shipped with the ``textblob`` dependency (``en-lexicon.txt``); other
    languages: empty.

    Examples
    --------
    >>> tags = word_tags()
    >>> tags["get"], tags["the"], tags["us"]
    ('VB', 'DT', 'PRP')
    """
    if lang != "en":
        return {}
    text = _textblob_file("en/en-lexicon.txt")
    tags: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith(";"):
            word, _, rest = line.partition(" ")
            tags.setdefault(word, rest.split(" ", 1)[0])
    return tags


def parse_aliases(data: Any, source: str) -> AliasTable:
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise LexiconError(f"{source}: top level must be a mapping with key 'aliases'")
    unknown = set(data) - {"aliases", "acronyms"}
    if unknown:
        raise LexiconError(f"{source}: unknown top-level key(s) {sorted(unknown)}")
    table = data.get("aliases") or {}
    if not isinstance(table, Mapping):
        raise LexiconError(f"{source}: key 'aliases' must map a canonical term to a list")
    canonical: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for canon, variants in table.items():
        if not isinstance(canon, str) or not canon.strip():
            raise LexiconError(f"{source}: aliases: canonical term {canon!r} must be a string")
        if variants is None:
            variants = []
        if isinstance(variants, str) or not isinstance(variants, Sequence):
            raise LexiconError(f"{source}: aliases.{canon}: variants must be a list of strings")
        clean: list[str] = []
        for v in [canon, *variants]:
            if not isinstance(v, str) or not v.strip():
                raise LexiconError(f"{source}: aliases.{canon}: variant {v!r} is not a string")
            key = " ".join(v.split()) if is_acronym(v.replace(".", "")) else " ".join(v.casefold().split())
            if key in owner and owner[key] != canon:
                raise LexiconError(
                    f"{source}: aliases: variant {v!r} is listed under both "
                    f"{owner[key]!r} and {canon!r}"
                )
            owner[key] = canon
            clean.append(v)
        canonical[canon] = tuple(clean)
    acr = data.get("acronyms") or []
    if isinstance(acr, str) or not isinstance(acr, Sequence):
        raise LexiconError(f"{source}: key 'acronyms' must be a list of strings")
    for a in acr:
        if not isinstance(a, str) or not is_acronym(a.replace(".", "")):
            raise LexiconError(f"{source}: acronyms: {a!r} is not an all-caps term")
    acronyms = frozenset(a.replace(".", "") for a in acr) | frozenset(
        c for c in canonical if is_acronym(c)
    )
    return AliasTable(canonical=canonical, acronyms=acronyms, source=source)


@functools.lru_cache(maxsize=32)
def _load_aliases_cached(path: str, mtime: float) -> AliasTable:
    return parse_aliases(_read_yaml(Path(path)), path)


def load_aliases(path: str | os.PathLike[str] | None = None) -> AliasTable:
    """Load and validate an alias lexicon (cached by path and modification time).

    Parameters
    ----------
    path : path-like, optional
        YAML file; default ``data/lexicons/aliases.yml``.

    Returns
    -------
    AliasTable

    Raises
    ------
    LexiconError
        If the file is missing, not YAML, or a variant is listed twice.

    Examples
    --------
    >>> load_aliases().canonical["Tehran"]
    ('Tehran', 'Teheran')
    """
    p = Path(path) if path is not None else paths.ALIASES
    return _load_aliases_cached(str(p.resolve()), file_stamp(p))


def _stopword_lists(lang: str) -> list[str]:
    import stop_words

    try:
        return list(stop_words.get_stop_words(lang))
    except Exception:  # stop_words raises its own StopWordError for unknown languages
        return []


def _parse_stopwords(data: Any, source: str, lang: str) -> frozenset[str]:
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise LexiconError(f"{source}: top level must map a language code to settings")
    section = data.get(lang)
    if section is None:
        section = {"base": "stop-words"}
    if not isinstance(section, Mapping):
        raise LexiconError(f"{source}: {lang}: must be a mapping with base/add/remove")
    unknown = set(section) - {"base", "add", "remove"}
    if unknown:
        raise LexiconError(f"{source}: {lang}: unknown key(s) {sorted(unknown)}")
    base = section.get("base", "sklearn")
    if base == "sklearn":
        if lang != "en":
            raise LexiconError(f"{source}: {lang}.base: 'sklearn' has English only")
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        words = set(ENGLISH_STOP_WORDS)
    elif base == "stop-words":
        words = set(_stopword_lists(lang))
    elif base in (None, "none"):
        words = set()
    else:
        raise LexiconError(
            f"{source}: {lang}.base: {base!r} is not one of 'sklearn', 'stop-words', 'none'"
        )
    for key in ("add", "remove"):
        items = section.get(key) or []
        if isinstance(items, str) or not isinstance(items, Sequence):
            raise LexiconError(f"{source}: {lang}.{key}: must be a list of strings")
        for w in items:
            if not isinstance(w, str) or not w.strip():
                raise LexiconError(f"{source}: {lang}.{key}: {w!r} is not a string")
        if key == "add":
            words |= {w.strip() for w in items}
        else:
            words -= {w.strip() for w in items}
    return frozenset(words)


@functools.lru_cache(maxsize=32)
def _load_stopwords_cached(path: str, mtime: float, lang: str) -> frozenset[str]:
    p = Path(path)
    data = _read_yaml(p) if mtime != -1.0 else None
    return _parse_stopwords(data, path, lang)


def load_stopwords(
    path: str | os.PathLike[str] | None = None, *, lang: str = "en"
) -> frozenset[str]:
    """Return the stopword list for *lang*: packaged list edited by the YAML file.

    Parameters
    ----------
    path : path-like, optional
        YAML file; default ``data/lexicons/stopwords.yml``. A missing default
        file means "packaged list only".
    lang : str
        ISO 639-1 code. English uses scikit-learn's list unless the file says
        otherwise; other languages use the ``stop-words`` package (empty if it
        has none).

    Returns
    -------
    frozenset of str
        Stopwords as written (not yet normalised by the tokenizer).

    Raises
    ------
    LexiconError
        If the file is invalid.

    Examples
    --------
    >>> "the" in load_stopwords()
    True
    """
    p = Path(path) if path is not None else paths.STOPWORDS
    if path is not None and not p.exists():
        raise LexiconError(f"{p}: stopword file not found")
    return _load_stopwords_cached(str(p.resolve()), file_stamp(p), lang)


_FRAME_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

# Keys allowed for a frame and for an entry given as a mapping.
_FRAME_KEYS = {"label", "description", "words", "phrases", "anchor"}
_ENTRY_KEYS = {"entry", "anchor", "require", "exclude", "shared"}
_ANCHOR_KEYS = {"actors", "within"}

# One word of an entry: no space, ``*`` only at the end.
_WORD = re.compile(r"^[^\s*]+\*?$")


@dataclass(frozen=True)
class EntryRule:
    """When a dictionary match counts as a frame hit (``anchor``, ``require``, ``exclude``).

    Attributes
    ----------
    actors : tuple[str, ...]
        The match counts only if one of these actors (``data/lexicons/actors.yml``) is
        named within *within*; empty: no anchor.
    within : int or "sentence"
        Tokens between the match and the actor's name, or ``"sentence"``: the same
        sentence.
    require : tuple[str, ...]
        Words (``*`` = prefix) of which one must occur in the match's sentence.
    exclude : tuple[str, ...]
        Words (``*`` = prefix) that veto the match when they occur in its sentence.
    """

    actors: tuple[str, ...] = ()
    within: int | str = "sentence"
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """True when the rule can reject a match."""
        return bool(self.actors or self.require or self.exclude)


@dataclass(frozen=True)
class Frame:
    """One frame of the dictionary.

    Attributes
    ----------
    name : str
        Key in the YAML file (``military``).
    label : str
        Human-readable name used in figures.
    description : str
        What the frame means, for readers of the tables.
    entries : tuple[str, ...]
        Words and phrases as written in the file; a word ending in ``*`` matches
        every token starting with the text before the ``*``.
    source : str
        File the frame came from (for error messages).
    rules : Mapping[str, EntryRule]
        Per-entry rules (anchor to an actor, required or excluded context).
    anchor : EntryRule
        The frame's default rule, for entries without their own.
    shared : frozenset[str]
        Entries (case-folded) declared ``shared``: they may also stand in another frame.
    """

    name: str
    label: str
    description: str
    entries: tuple[str, ...]
    source: str = "<memory>"
    rules: Mapping[str, EntryRule] = field(default_factory=dict)
    anchor: EntryRule = EntryRule()
    shared: frozenset[str] = frozenset()

    def rule_for(self, entry: str) -> EntryRule:
        """The rule that decides whether a match of *entry* counts."""
        return self.rules.get(entry, self.anchor)


def _words_list(value: Any, at: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{at}: '{key}' must be a list of words")
    for v in value:
        if not _WORD.match(v.strip()):
            raise LexiconError(f"{at}: {key} word {v!r}: one word, '*' only at its end")
    return tuple(v.strip().casefold() for v in value)


def _parse_anchor(value: Any, at: str, actors: Mapping[str, Actor] | None) -> EntryRule:
    if value in (None, "none"):
        return EntryRule()
    if not isinstance(value, Mapping):
        raise LexiconError(f"{at}: 'anchor' must be a mapping with actors and within, or none")
    unknown = sorted(set(map(str, value)) - _ANCHOR_KEYS)
    if unknown:
        raise LexiconError(f"{at}: anchor: unknown key(s) {unknown}; allowed: actors, within")
    names = value.get("actors")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise LexiconError(f"{at}: anchor: 'actors' must be a non-empty list of actor names")
    if actors is not None:
        missing = [n for n in names if n not in actors]
        if missing:
            raise LexiconError(
                f"{at}: anchor: actor(s) {missing} not in the actors lexicon; known: {sorted(actors)}"
            )
    within = value.get("within", "sentence")
    if within != "sentence" and not (isinstance(within, int) and within >= 0):
        raise LexiconError(f"{at}: anchor: 'within' must be 'sentence' or a number of tokens")
    return EntryRule(actors=tuple(names), within=within)


def _parse_entry(
    item: Any, key: str, at: str, default: EntryRule, actors: Mapping[str, Actor] | None
) -> tuple[str, EntryRule | None, bool]:
    """``(entry, its own rule or None, shared)`` of one item of ``words``/``phrases``."""
    rule: EntryRule | None = None
    shared = False
    if isinstance(item, Mapping):
        unknown = sorted(set(map(str, item)) - _ENTRY_KEYS)
        if unknown:
            raise LexiconError(f"{at}: {key} entry {dict(item)!r}: unknown key(s) {unknown}")
        where = f"{at}: {key} entry {item.get('entry')!r}"
        base = _parse_anchor(item["anchor"], where, actors) if "anchor" in item else default
        rule = EntryRule(
            actors=base.actors,
            within=base.within,
            require=_words_list(item.get("require"), where, "require"),
            exclude=_words_list(item.get("exclude"), where, "exclude"),
        )
        shared = bool(item.get("shared", False))
        item = item.get("entry")
    if not isinstance(item, str) or not item.strip():
        raise LexiconError(f"{at}: {key} entry {item!r} must be a non-empty string")
    entry = " ".join(item.split())
    words = entry.split(" ")
    if key == "words" and len(words) != 1:
        raise LexiconError(f"{at}: words entry {item!r} has a space; put it under 'phrases'")
    if key == "phrases" and len(words) < 2:
        raise LexiconError(f"{at}: phrases entry {item!r} is a single word; put it under 'words'")
    for word in words:
        if not _WORD.match(word) or word == "*":
            raise LexiconError(
                f"{at}: {key} entry {item!r}: '*' is allowed only at the end "
                "of a word, after at least one character"
            )
    return entry, rule, shared


def _parse_frame(
    name: Any, spec: Any, where: str, actors: Mapping[str, Actor] | None
) -> Frame:
    at = f"{where}: frame {name!r}"
    if not isinstance(name, str) or not _FRAME_NAME.match(name):
        raise LexiconError(f"{at}: name must match [a-z][a-z0-9_]* (lower case, digits, _)")
    if not isinstance(spec, Mapping):
        raise LexiconError(f"{at}: expected a mapping with label, description, words, phrases")
    unknown = sorted(set(map(str, spec)) - _FRAME_KEYS)
    if unknown:
        raise LexiconError(f"{at}: unknown key(s) {unknown}; allowed: {sorted(_FRAME_KEYS)}")
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        raise LexiconError(f"{at}: 'label' must be a non-empty string")
    description = spec.get("description", "")
    if not isinstance(description, str):
        raise LexiconError(f"{at}: 'description' must be a string")
    anchor = _parse_anchor(spec.get("anchor"), at, actors)
    entries: list[str] = []
    rules: dict[str, EntryRule] = {}
    shared: set[str] = set()
    seen: set[str] = set()
    for key in ("words", "phrases"):
        items = spec.get(key) or []
        if not isinstance(items, list):
            raise LexiconError(f"{at}: '{key}' must be a list")
        for item in items:
            entry, rule, is_shared = _parse_entry(item, key, at, anchor, actors)
            if entry.casefold() in seen:
                raise LexiconError(f"{at}: duplicate entry {entry!r}")
            seen.add(entry.casefold())
            entries.append(entry)
            if rule is not None:
                rules[entry] = rule
            if is_shared:
                shared.add(entry.casefold())
    if not entries:
        raise LexiconError(f"{at}: no words or phrases")
    return Frame(name, label.strip(), description.strip(), tuple(entries), where, rules,
                 anchor, frozenset(shared))


def _check_one_frame_per_entry(frames: Mapping[str, Frame], where: str) -> None:
    """An entry stands in one frame unless every frame that lists it declares it shared."""
    owners: dict[str, list[Frame]] = {}
    for frame in frames.values():
        for entry in frame.entries:
            owners.setdefault(entry.casefold(), []).append(frame)
    for entry, frames_of in owners.items():
        if len(frames_of) > 1 and not all(entry in f.shared for f in frames_of):
            names = [f.name for f in frames_of]
            raise LexiconError(
                f"{where}: entry {entry!r} stands in frames {names}; an entry belongs to one "
                "frame unless each of them lists it with `shared: true`"
            )


def load_frames(
    path: str | Path = FRAMES, *, actors: str | Path | Mapping[str, Actor] | None = None
) -> dict[str, Frame]:
    """Load and validate a frame dictionary (YAML).

    The format is described at the top of ``data/lexicons/frames.yml``::

        frames:
          iran_threat:
            label: Iran as threat
            anchor: {actors: [Iran], within: sentence}   # default rule of its entries
            words:
              - nuclear
              - {entry: regime, anchor: {actors: [Iran], within: 3}, exclude: [soviet*]}
            phrases:
              - {entry: regime change, shared: true, anchor: none}

    ``words`` are single words, ``phrases`` two or more words separated by spaces.
    In either, a word may end with ``*`` (prefix wildcard: ``negotiat*`` matches
    negotiate, negotiation, negotiators); ``*`` anywhere else is an error. An entry may
    be a mapping with ``entry`` and its own ``anchor`` (an actor named within *within*
    tokens or the same sentence), ``require`` and ``exclude`` (context words of its
    sentence) and ``shared`` (it may also stand in another frame; otherwise an entry
    belongs to one frame).

    Parameters
    ----------
    path : str or Path, default ``data/lexicons/frames.yml``
        The YAML file.
    actors : path or mapping, optional
        The actors lexicon anchors are checked against; default
        ``data/lexicons/actors.yml``.

    Returns
    -------
    dict[str, Frame]
        Frames by name, in file order.

    Raises
    ------
    LexiconError
        If the file is missing or not YAML, has no ``frames`` mapping, a frame name
        is not ``[a-z][a-z0-9_]*``, a frame or entry has an unknown key, no label, no
        entries, an entry that is empty, a "word" with a space, a one-word "phrase", a
        ``*`` that is not at the end of a word, a duplicate entry, an entry in two
        frames that is not shared, or an anchor naming an unknown actor. The message
        names the file, the frame and the entry.

    Examples
    --------
    >>> frames = load_frames()
    >>> "diplomacy" in frames and "negotiat*" in frames["diplomacy"].entries
    True
    """
    path = Path(path)
    where = str(path)
    text = read_yaml_text(path, what="frame dictionary")
    data = parse_yaml(text, source=where)
    if not isinstance(data, Mapping) or not isinstance(data.get("frames"), Mapping):
        raise LexiconError(f"{where}: expected a top-level key 'frames' holding a mapping")
    if not data["frames"]:
        raise LexiconError(f"{where}: 'frames' is empty")
    known = actors if isinstance(actors, Mapping) else load_actors(actors or paths.ACTORS)
    frames = {name: _parse_frame(name, spec, where, known) for name, spec in data["frames"].items()}
    _check_one_frame_per_entry(frames, where)
    return frames


@dataclass(frozen=True)
class Actor:
    """One actor of ``data/lexicons/actors.yml``: the names that mention it.

    Attributes
    ----------
    name : str
        The actor (``Iran``).
    names : tuple[str, ...]
        Every name, demonym, capital, institution and leader that mentions it, as
        written in running text (``Iranian``, ``Tehran``, ``Islamic Republic``).
    """

    name: str
    names: tuple[str, ...]


def load_actors(path: str | Path | None = None) -> dict[str, Actor]:
    """Load the actors lexicon: each actor with the names that mention it.

    Format::

        actors:
          Iran:
            names: [Iran, Iranian, Iranians, Tehran, Islamic Republic, Khamenei]

    Parameters
    ----------
    path : str or Path, optional
        Default ``data/lexicons/actors.yml``.

    Returns
    -------
    dict[str, Actor]
        Actors by name, in file order; the actor's own name is always one of its names.

    Raises
    ------
    LexiconError
        If the file is missing, an actor has no names, or a name is listed under two
        actors.

    Examples
    --------
    >>> actors = load_actors()
    >>> {"Iranian", "Tehran"} <= set(actors["Iran"].names)
    True
    """
    p = Path(path) if path else paths.ACTORS
    data = _read_yaml(p)
    if not isinstance(data, Mapping) or not isinstance(data.get("actors"), Mapping):
        raise LexiconError(f"{p}: expected a top-level key 'actors' holding a mapping")
    out: dict[str, Actor] = {}
    owner: dict[str, str] = {}
    for name, spec in data["actors"].items():
        at = f"{p}: actor {name!r}"
        names = spec.get("names") if isinstance(spec, Mapping) else None
        if not isinstance(name, str) or not isinstance(names, list) or not names:
            raise LexiconError(f"{at}: expected a mapping with a non-empty list 'names'")
        clean = [" ".join(str(n).split()) for n in [name, *names]]
        for n in clean:
            if owner.setdefault(n.casefold(), name) != name:
                raise LexiconError(f"{at}: name {n!r} is also listed under {owner[n.casefold()]!r}")
        out[name] = Actor(name, tuple(dict.fromkeys(clean)))
    return out


@dataclass(frozen=True)
class Rule:
    """One named line pattern.

    Attributes
    ----------
    name : str
        Rule name, shown in the cleaning audit.
    pattern : TimedPattern
        Compiled pattern, matched against a whole stripped line under the page's
        time limit (:func:`rule_time_limit`).
    scope : str
        ``line`` or ``rest`` (boilerplate rules only).
    where : str
        ``any`` or ``head`` (boilerplate rules only).
    date_line : TimedPattern or None
        For comment headers: a line that may follow the header and belongs to it.
    confirm : bool
        For comment-section starts: open the section only if a comment header follows.
    sites : tuple of str
        The sites the rule is written for (outlet names or URL hosts, see
        :func:`site_matches`); empty = every page.
    """

    name: str
    pattern: TimedPattern
    scope: str = "line"
    where: str = "any"
    date_line: TimedPattern | None = None
    confirm: bool = False
    sites: tuple[str, ...] = ()

    def match(self, line: str) -> regex.Match | None:
        """Return the full match of the stripped ``line``, or None."""
        return self.pattern.fullmatch(line.strip())


@dataclass(frozen=True)
class LayoutRules:
    """All layout knowledge the segmenter uses (compiled from YAML)."""

    boilerplate: tuple[Rule, ...]
    section_start: tuple[Rule, ...]
    section_end: tuple[Rule, ...]
    headers: tuple[Rule, ...]
    widgets: tuple[Rule, ...]
    head_lines: int = 3
    confirm_lines: int = 12
    confirm_prose_chars: int = 40
    name_max_chars: int = 80
    name_max_words: int = 8
    title_max_line: int = 8
    min_quoted_share: float = 0.6
    tweet_attribution: TimedPattern | None = None
    speech_intro: TimedPattern | None = None
    max_quote_paragraphs: int = 3
    title_max_chars: int = 200
    reflow_max_width: int = 100
    reflow_min_median: int = 40
    language_candidates: tuple[str, ...] = ("en",)
    language_min_letters: int = 40
    language_min_confidence: float = 0.6
    sha256: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def for_site(self, outlet: str | None = None, url: str | None = None) -> LayoutRules:
        """The rules that apply to one page: those without ``sites`` and those whose
        ``sites`` name the page's outlet or URL host (:func:`site_matches`).

        Site rules are overrides written for the pages of one site; on another
        site's pages a pattern that fits a line by chance would misplace it.
        """
        if not any(r.sites for group in _RULE_GROUPS for r in getattr(self, group)):
            return self
        return _rules_for_site(self, _site_key(outlet), _url_host(url))

    @functools.cached_property
    def boilerplate_anywhere(self) -> tuple[Rule, ...]:
        """The boilerplate rules that apply on every line (``where: any``), in order."""
        return tuple(r for r in self.boilerplate if r.where == "any")

    @functools.cached_property
    def chrome(self) -> tuple[Rule, ...]:
        """Boilerplate, widget and section-end rules, in that order: lines of page chrome."""
        return self.boilerplate + self.widgets + self.section_end


#: The rule groups of :class:`LayoutRules` (the fields that hold :class:`Rule` tuples).
_RULE_GROUPS = ("boilerplate", "section_start", "section_end", "headers", "widgets")


def _site_key(name: str | None) -> str:
    return " ".join(str(name or "").split()).casefold()


def _url_host(url: str | None) -> str:
    host = urlsplit(str(url or "").strip()).hostname or ""
    return host.removeprefix("www.")


def site_matches(site: str, outlet: str | None = None, url: str | None = None) -> bool:
    """Whether a layout rule's ``sites`` entry names this page's site.

    An entry matches the manifest's ``outlet`` (ignoring case and spacing) or the
    host of its ``url`` (the host itself or a subdomain of it). A ``www.`` in front,
    and a scheme and path around the host (an entry copied from a page's URL), are
    ignored on both sides.

    Examples
    --------
    >>> site_matches("The Atlantic", outlet="the  atlantic")
    True
    >>> site_matches("antiwar.com", url="https://news.antiwar.com/2015/03/02/x")
    True
    >>> site_matches("www.theatlantic.com", url="https://theatlantic.com/x")
    True
    >>> site_matches("war.com", url="https://news.antiwar.com/x")
    False
    """
    return _names_site(_site_entry(site), _site_key(outlet), _url_host(url))


def _site_entry(site: str) -> tuple[str, str]:
    """A ``sites`` entry as (outlet key, host)."""
    key = _site_key(site)
    host = _url_host(site) if "://" in site else key.removeprefix("www.")
    return key, host


def _names_site(entry: tuple[str, str], outlet: str, host: str) -> bool:
    key, site_host = entry
    if key and key == outlet:
        return True
    return bool(site_host) and bool(host) and (host == site_host or host.endswith("." + site_host))


@lru_cache(maxsize=256)  # one entry per site of a corpus
def _rules_for_site(rules: LayoutRules, outlet: str, host: str) -> LayoutRules:
    def keep(group: tuple[Rule, ...]) -> tuple[Rule, ...]:
        return tuple(
            r for r in group
            if not r.sites or any(_names_site(_site_entry(s), outlet, host) for s in r.sites)
        )  # fmt: skip

    return replace(rules, **{group: keep(getattr(rules, group)) for group in _RULE_GROUPS})


#: Seconds all layout rules together may spend matching on one page (see :func:`rule_time_limit`).
PAGE_RULE_SECONDS = 5.0


class _Budget:
    """Seconds of rule matching left on the page being segmented."""

    __slots__ = ("left",)

    def __init__(self, seconds: float) -> None:
        self.left = seconds


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "corpuslib_rule_budget", default=None
)


@contextlib.contextmanager
def rule_time_limit(seconds: float | None = None) -> Iterator[None]:
    """Give the layout rules matched inside the block ``seconds`` of matching in all
    (default :data:`PAGE_RULE_SECONDS`).

    The build wraps each page in it. Only the time spent inside rule matches counts,
    measured as this thread's CPU time, so the rest of the segmenter's work and other
    processes on a busy machine do not use it up. (A single match is stopped by the
    ``regex`` module's own timeout, set to what is left of the budget, which counts the
    CPU time of the whole process: other busy threads of the same process can end a
    match sooner.) A rule still running when the budget is spent raises
    :class:`~corpuslib.errors.RuleTimeoutError` naming the rule (a pattern such as
    ``(a|a)+$`` backtracks exponentially on some lines), and the page is reported and
    skipped. Outside any block each match gets the whole budget.
    """
    limit = PAGE_RULE_SECONDS if seconds is None else seconds
    token = _BUDGET.set(_Budget(limit))
    try:
        yield
    finally:
        _BUDGET.reset(token)


@contextlib.contextmanager
def _charged() -> Iterator[None]:
    """Charge the CPU time of the block to the page's rule budget."""
    start = time.thread_time()
    try:
        yield
    finally:
        budget = _BUDGET.get()
        if budget is not None:
            budget.left -= time.thread_time() - start


class TimedPattern:
    """A compiled layout-rule pattern whose every match runs under a time limit.

    Behaves like :class:`regex.Pattern` for ``match``, ``fullmatch``, ``search``,
    ``finditer``, ``findall``, ``sub`` and ``split`` (plus ``pattern``,
    ``groupindex``, ``groups``, ``flags``), passing the ``regex`` module's
    ``timeout=`` from the page's remaining budget (:func:`rule_time_limit`).

    Parameters
    ----------
    compiled : regex.Pattern
        The pattern.
    rule : str
        Where it comes from (file and rule name), for the error message.
    """

    __slots__ = ("compiled", "rule")

    def __init__(self, compiled: regex.Pattern, rule: str) -> None:
        self.compiled = compiled
        self.rule = rule

    def __repr__(self) -> str:
        return f"TimedPattern({self.compiled.pattern!r}, rule={self.rule!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TimedPattern) and other.compiled == self.compiled

    def __hash__(self) -> int:
        return hash(self.compiled)

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled.groupindex

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def flags(self) -> int:
        return self.compiled.flags

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        if budget <= 0:
            raise RuleTimeoutError(
                f"layout rule {self.rule}: the page's time limit for layout rules ({PAGE_RULE_SECONDS:g} s)"
                " ran out before it could run (this or an earlier rule may backtrack catastrophically)"
            )
        try:
            with _charged():
                result = getattr(self.compiled, method)(*args, timeout=budget, **kwargs)
                return list(result) if method == "finditer" else result
        except TimeoutError:
            raise RuleTimeoutError(
                f"layout rule {self.rule} ({self.compiled.pattern!r}) hit the time limit"
                " (catastrophic backtracking?); simplify the pattern"
            ) from None

    def match(self, *args: Any, **kwargs: Any) -> regex.Match | None:
        return self._call("match", *args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> regex.Match | None:
        return self._call("fullmatch", *args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> regex.Match | None:
        return self._call("search", *args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[regex.Match]:
        return iter(self._call("finditer", *args, **kwargs))

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._call("findall", *args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> str:
        return self._call("sub", *args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[str]:
        return self._call("split", *args, **kwargs)


def _budget() -> float:
    budget = _BUDGET.get()
    return PAGE_RULE_SECONDS if budget is None else budget.left


# A pattern that refers to a group by number or name, recurses, or switches on
# verbose mode (a ``#`` comment would swallow the closing parenthesis) is not put
# into a combined screen: its meaning could change there.
_NOT_COMBINABLE = regex.compile(
    r"\\[1-9]|\\g<|\\k<|\(\?P[=>]|\(\?&|\(\?R|\(\?[+-]?[0-9]|\(\?[a-zA-Z-]*x"
)

_SCREENS: dict[int, tuple[tuple[Rule, ...], regex.Pattern | None]] = {}


def _screen(rules: tuple[Rule, ...]) -> regex.Pattern | None:
    """One pattern that fully matches a stripped line exactly when some rule of
    ``rules`` does (None when they cannot be combined or there are fewer than two)."""
    cached = _SCREENS.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    screen = None
    if len(rules) > 1 and not any(_NOT_COMBINABLE.search(r.pattern.pattern) for r in rules):
        parts = [
            f"(?{'i' if r.pattern.flags & regex.IGNORECASE else '-i'}:{r.pattern.pattern})"
            for r in rules
        ]
        try:
            screen = regex.compile("|".join(parts), regex.VERSION1)
        except regex.error:
            screen = None
    if len(_SCREENS) >= 1024:
        _SCREENS.clear()
    _SCREENS[id(rules)] = (rules, screen)  # holds the tuple, so its id is not reused
    return screen


def matches_any(rules: tuple[Rule, ...], line: str) -> bool:
    """Whether some rule of ``rules`` may fully match the stripped ``line``: False
    only when none does (a cheap test before a loop over the rules)."""
    screen = _screen(rules)
    if screen is None:
        return bool(rules)
    return _screen_accepts(screen, line.strip())


@functools.lru_cache(maxsize=65536)  # menus, footers and header lines recur across pages
def _screen_accepts(screen: regex.Pattern, line: str) -> bool:
    budget = _budget()
    if budget <= 0:
        return True
    try:
        with _charged():
            return screen.fullmatch(line, timeout=budget / 2) is not None
    except TimeoutError:
        return True


def first_match(rules: tuple[Rule, ...], line: str) -> tuple[Rule, regex.Match] | None:
    """The first rule of ``rules`` that fully matches the stripped ``line``, with
    its match, or None.

    Most lines match no rule; they are decided by one combined pattern of all the
    rules instead of one match per rule. A line the combined pattern accepts is
    then matched rule by rule, so the answer is the one of :meth:`Rule.match` in
    order. Runs under the page's time limit (:func:`rule_time_limit`); when the
    combined pattern takes half of what is left, the rules run one by one, so
    that the error names the rule that hangs.
    """
    if not matches_any(rules, line):
        return None
    for rule in rules:
        m = rule.match(line)
        if m is not None:
            return rule, m
    return None


def _compile(pattern: Any, *, where: str, case: bool = False) -> TimedPattern:
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: 'pattern' must be a non-empty string")
    flags = regex.VERSION1 | (0 if case else regex.IGNORECASE)
    try:
        return TimedPattern(regex.compile(pattern, flags), where)
    except regex.error as exc:
        raise LexiconError(f"{where}: invalid pattern {pattern!r}: {exc}") from exc


def _sites(value: Any, *, where: str) -> tuple[str, ...]:
    """A rule's ``sites``: a non-empty list of outlet names or URL hosts."""
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s.strip() for s in value):
        raise LexiconError(f"{where}: sites must be a non-empty list of outlet names or URL hosts")
    return tuple(" ".join(s.split()) for s in value)


def _rules(items: Any, *, where: str, kind: str) -> tuple[Rule, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise LexiconError(f"{where}: expected a list of rules")
    rules = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise LexiconError(f"{at}: each rule is a mapping with 'name' and 'pattern'")
        name = item.get("name")
        if isinstance(name, str) and name:
            at = f"{where} rule {name!r}"
        keys = {"name", "pattern", "scope", "where", "case", "date_line", "confirm", "sites"}
        unknown = set(item) - keys
        if unknown:
            raise LexiconError(f"{at}: unknown key(s) {sorted(unknown)}")
        if not isinstance(name, str) or not name:
            raise LexiconError(f"{at}: every rule needs a 'name'")
        scope = item.get("scope", "line")
        if scope not in ("line", "rest"):
            raise LexiconError(f"{at}: scope must be 'line' or 'rest', not {scope!r}")
        position = item.get("where", "any")
        if position not in ("any", "head"):
            raise LexiconError(f"{at}: where must be 'any' or 'head', not {position!r}")
        pattern = _compile(item.get("pattern"), where=at, case=bool(item.get("case", False)))
        if kind == "headers" and not ({"name", "rest"} & set(pattern.groupindex)):
            if "num" not in pattern.groupindex:
                raise LexiconError(
                    f"{at}: a header pattern needs a (?P<name>…) or (?P<rest>…) group"
                )
        date_line = item.get("date_line")
        sites = _sites(item["sites"], where=at) if "sites" in item else ()
        rules.append(
            Rule(
                name=name,
                pattern=pattern,
                scope=scope,
                where=position,
                date_line=_compile(date_line, where=f"{at} date_line") if date_line else None,
                confirm=bool(item.get("confirm", False)),
                sites=sites,
            )
        )
    return tuple(rules)


def parse_rules(text: str, *, source: str = "<string>") -> LayoutRules:
    """Parse and validate layout rules from YAML text.

    Parameters
    ----------
    text : str
        YAML content in the format documented in ``data/lexicons/layout.yml``.
    source : str
        File name used in error messages.

    Returns
    -------
    LayoutRules

    Raises
    ------
    LexiconError
        If the YAML is invalid or a rule is malformed; the message names the rule.
    """
    data = parse_yaml(text, source=source) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: top level must be a mapping")
    section = data.get("comment_section") or {}
    quotation = data.get("quotation") or {}
    reflow = data.get("reflow") or {}
    language = data.get("language") or {}
    title = data.get("title") or {}
    candidates = tuple(str(c).lower() for c in language.get("candidates", ["en"]))
    _check_languages(candidates, source=source)
    try:
        return LayoutRules(
            boilerplate=_rules(
                data.get("boilerplate"), where=f"{source}: boilerplate", kind="boilerplate"
            ),
            section_start=_rules(
                section.get("start"), where=f"{source}: comment_section.start", kind="start"
            ),
            section_end=_rules(
                section.get("end"), where=f"{source}: comment_section.end", kind="end"
            ),
            headers=_rules(
                section.get("headers"), where=f"{source}: comment_section.headers", kind="headers"
            ),
            widgets=_rules(
                section.get("widgets"), where=f"{source}: comment_section.widgets", kind="widgets"
            ),
            head_lines=int(data.get("head_lines", 3)),
            confirm_lines=int(data.get("confirm_lines", 12)),
            confirm_prose_chars=int(data.get("confirm_prose_chars", 40)),
            name_max_chars=int(section.get("name_max_chars", 80)),
            name_max_words=int(section.get("name_max_words", 8)),
            title_max_line=int(title.get("max_line", 8)),
            min_quoted_share=float(quotation.get("min_quoted_share", 0.6)),
            tweet_attribution=_compile(
                quotation["tweet_attribution"], where=f"{source}: quotation.tweet_attribution"
            )
            if quotation.get("tweet_attribution")
            else None,
            speech_intro=_compile(
                quotation["speech_intro"], where=f"{source}: quotation.speech_intro"
            )
            if quotation.get("speech_intro")
            else None,
            max_quote_paragraphs=int(quotation.get("max_paragraphs", 3)),
            title_max_chars=int(title.get("max_chars", 200)),
            reflow_max_width=int(reflow.get("max_width", 100)),
            reflow_min_median=int(reflow.get("min_median", 40)),
            language_candidates=candidates,
            language_min_letters=int(language.get("min_letters", 40)),
            language_min_confidence=float(language.get("min_confidence", 0.6)),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            source=source,
        )
    except (TypeError, ValueError) as exc:
        raise LexiconError(f"{source}: bad numeric setting: {exc}") from exc


def _check_languages(codes: tuple[str, ...], *, source: str) -> None:
    from lingua import IsoCode639_1

    for code in codes:
        if not hasattr(IsoCode639_1, code.upper()):
            raise LexiconError(
                f"{source}: language.candidates: {code!r} is not an ISO 639-1 code the detector knows"
            )


@lru_cache(maxsize=8)
def _load_cached(path: str, digest: str) -> LayoutRules:
    return parse_rules(read_yaml_text(Path(path), what="layout rules"), source=path)


def load_rules(path: str | Path | None = None) -> LayoutRules:
    """Load layout rules from ``path`` (default ``data/lexicons/layout.yml``).

    Cached by file content, so editing the file takes effect on the next call.

    Raises
    ------
    LexiconError
        If the file is missing or invalid.
    """
    path = Path(path) if path is not None else paths.LAYOUT_RULES
    text = read_yaml_text(path, what="layout rules")
    return _load_cached(str(path), hashlib.sha256(text.encode("utf-8")).hexdigest())


_SENTIMENT_WORD = re.compile(r"^[^\s]+$")


def parse_sentiment_domain(data: Any, source: str) -> dict[str, float]:
    """Validate a sentiment domain override: word -> VADER valence that replaces VADER's.

    The file holds ``neutral:`` (a list of words set to valence 0) and, optionally,
    ``valence:`` (a mapping word -> valence in VADER's range -4 to +4). Words are single
    tokens, matched as VADER matches its lexicon (lowercase); a word may appear once.

    Examples
    --------
    >>> parse_sentiment_domain({"neutral": ["war", "Attack"], "valence": {"ally": 1.0}}, "f.yml")
    {'war': 0.0, 'attack': 0.0, 'ally': 1.0}
    >>> parse_sentiment_domain({"neutral": ["war", "war"]}, "f.yml")
    Traceback (most recent call last):
    corpuslib.errors.LexiconError: f.yml: 'war' is listed twice
    """
    if data is None:
        return {}
    if not isinstance(data, Mapping) or set(data) - {"neutral", "valence"}:
        raise LexiconError(f"{source}: top level must be a mapping with keys 'neutral' and/or 'valence'")
    out: dict[str, float] = {}

    def add(word: Any, value: Any, where: str) -> None:
        if not isinstance(word, str) or not _SENTIMENT_WORD.match(word.strip()):
            raise LexiconError(f"{source}: {where}: {word!r} is not a single word")
        key = word.strip().lower()
        if key in out:
            raise LexiconError(f"{source}: {key!r} is listed twice")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -4 <= value <= 4:
            raise LexiconError(f"{source}: {where}: valence of {key!r} must be a number in [-4, 4]")
        out[key] = float(value)

    neutral = data.get("neutral") or []
    if not isinstance(neutral, list):
        raise LexiconError(f"{source}: 'neutral' must be a list of words")
    for w in neutral:
        add(w, 0.0, "neutral")
    valence = data.get("valence") or {}
    if not isinstance(valence, Mapping):
        raise LexiconError(f"{source}: 'valence' must be a mapping word: number")
    for w, v in valence.items():
        add(w, v, "valence")
    return out


def load_sentiment_domain(path: str | os.PathLike[str] | None = None) -> dict[str, float]:
    """Load the sentiment domain override (``data/lexicons/sentiment_domain.yml``).

    Parameters
    ----------
    path : path-like, optional
        YAML file; default (``None`` or empty) ``data/lexicons/sentiment_domain.yml``; a
        relative path is taken from the project root.

    Returns
    -------
    dict
        word -> valence replacing VADER's (0.0 for the words listed as ``neutral``).

    Raises
    ------
    LexiconError
        If the file is missing, not YAML, or an entry is invalid.

    Examples
    --------
    >>> load_sentiment_domain()["offensive"]
    0.0
    """
    p = paths.project_path(path, paths.SENTIMENT_DOMAIN)
    return parse_sentiment_domain(_read_yaml(p), str(p))
