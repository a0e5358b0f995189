"""Lexicons: every ``data/lexicons/*.yml`` loader, and the strict YAML parser they share.

Each loader validates its file and raises :class:`~corpuslib.errors.LexiconError` naming
the file and the entry at fault. Loaders are cached by path and modification time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from corpuslib import paths
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.paths import FRAMES

__all__ = [
    "file_stamp",
    "is_acronym",
    "load_aliases",
    "load_frames",
    "load_rules",
    "load_sentiment_domain",
    "load_stopwords",
    "parse_aliases",
    "parse_rules",
    "parse_sentiment_domain",
    "parse_yaml",
    "AliasTable",
    "Frame",
    "LayoutRules",
    "Rule",
]


class _DuplicateKeyError(yaml.YAMLError):
    pass


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate mapping keys instead of keeping the last."""

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

    Examples
    --------
    >>> parse_yaml("frames:\\n  a: 1\\n", source="f.yml")
    {'frames': {'a': 1}}
    >>> parse_yaml("a: 1\\na: 2\\n", source="f.yml")
    Traceback (most recent call last):
    corpuslib.errors.LexiconError: f.yml: duplicate key 'a' on line 2 (first on line 1)
    """
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKeyError as exc:
        raise error(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: not valid YAML: {exc}") from None


def _read_yaml(path: Path) -> Any:

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file not found") from None
    return parse_yaml(text, source=str(path))


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


_FRAME_KEYS = {"label", "description", "words", "phrases"}


_WORD = re.compile(r"^[^\s*]+\*?$")


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
    """

    name: str
    label: str
    description: str
    entries: tuple[str, ...]
    source: str = "<memory>"


def load_frames(path: str | Path = FRAMES) -> dict[str, Frame]:
    """Load and validate a frame dictionary (YAML).

    The format is described at the top of ``data/lexicons/frames.yml``::

        frames:
          diplomacy:
            label: Diplomacy / negotiation
            description: Talks, deals and relations between governments.
            words: [diplomat*, negotiat*, talks]
            phrases: [grand bargain, diplomatic relations]

    ``words`` are single words, ``phrases`` two or more words separated by spaces.
    In either, a word may end with ``*`` (prefix wildcard: ``negotiat*`` matches
    negotiate, negotiation, negotiators); ``*`` anywhere else is an error.
    Matching is case-insensitive and on tokens (see :func:`match_frames`).

    Parameters
    ----------
    path : str or Path, default ``data/lexicons/frames.yml``
        The YAML file.

    Returns
    -------
    dict[str, Frame]
        Frames by name, in file order.

    Raises
    ------
    LexiconError
        If the file is missing or not YAML, has no ``frames`` mapping, a frame name
        is not ``[a-z][a-z0-9_]*``, a frame has an unknown key, no label, no entries,
        an entry that is empty, a "word" with a space, a one-word "phrase", a ``*``
        that is not at the end of a word, or a duplicate entry. The message names
        the file, the frame and the entry.

    Examples
    --------
    >>> frames = load_frames()
    >>> "diplomacy" in frames and "negotiat*" in frames["diplomacy"].entries
    True
    """

    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{where}: frame dictionary not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{where}: cannot read frame dictionary ({exc})") from None
    data = parse_yaml(text, source=where)
    if not isinstance(data, Mapping) or not isinstance(data.get("frames"), Mapping):
        raise LexiconError(f"{where}: expected a top-level key 'frames' holding a mapping")
    if not data["frames"]:
        raise LexiconError(f"{where}: 'frames' is empty")
    frames: dict[str, Frame] = {}
    for name, spec in data["frames"].items():
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
        entries: list[str] = []
        seen: dict[str, str] = {}
        for key in ("words", "phrases"):
            items = spec.get(key) or []
            if not isinstance(items, list):
                raise LexiconError(f"{at}: '{key}' must be a list")
            for item in items:
                if not isinstance(item, str) or not item.strip():
                    raise LexiconError(f"{at}: {key} entry {item!r} must be a non-empty string")
                entry = " ".join(item.split())
                words = entry.split(" ")
                if key == "words" and len(words) != 1:
                    raise LexiconError(
                        f"{at}: words entry {item!r} has a space; put it under 'phrases'"
                    )
                if key == "phrases" and len(words) < 2:
                    raise LexiconError(
                        f"{at}: phrases entry {item!r} is a single word; put it under 'words'"
                    )
                for word in words:
                    if not _WORD.match(word) or word == "*":
                        raise LexiconError(
                            f"{at}: {key} entry {item!r}: '*' is allowed only at the end "
                            "of a word, after at least one character"
                        )
                folded = entry.casefold()
                if folded in seen:
                    raise LexiconError(f"{at}: duplicate entry {item!r}")
                seen[folded] = entry
                entries.append(entry)
        if not entries:
            raise LexiconError(f"{at}: no words or phrases")
        frames[name] = Frame(name, label.strip(), description.strip(), tuple(entries), where)
    return frames


@dataclass(frozen=True)
class Rule:
    """One named line pattern.

    Attributes
    ----------
    name : str
        Rule name, shown in the cleaning audit.
    pattern : regex.Pattern
        Compiled pattern, matched against a whole stripped line.
    scope : str
        ``line`` or ``rest`` (boilerplate rules only).
    where : str
        ``any`` or ``head`` (boilerplate rules only).
    date_line : regex.Pattern or None
        For comment headers: a line that may follow the header and belongs to it.
    confirm : bool
        For comment-section starts: open the section only if a comment header follows.
    """

    name: str
    pattern: regex.Pattern
    scope: str = "line"
    where: str = "any"
    date_line: regex.Pattern | None = None
    confirm: bool = False

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
    tweet_attribution: regex.Pattern | None = None
    speech_intro: regex.Pattern | None = None
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


def _compile(pattern: Any, *, where: str, case: bool = False) -> regex.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: 'pattern' must be a non-empty string")
    flags = regex.VERSION1 | (0 if case else regex.IGNORECASE)
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise LexiconError(f"{where}: invalid pattern {pattern!r}: {exc}") from exc


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
        unknown = set(item) - {"name", "pattern", "scope", "where", "case", "date_line", "confirm"}
        if unknown:
            raise LexiconError(f"{at}: unknown key(s) {sorted(unknown)}")
        name = item.get("name")
        if not isinstance(name, str) or not name:
            raise LexiconError(f"{at}: every rule needs a 'name'")
        at = f"{where} rule {name!r}"
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
        rules.append(
            Rule(
                name=name,
                pattern=pattern,
                scope=scope,
                where=position,
                date_line=_compile(date_line, where=f"{at} date_line") if date_line else None,
                confirm=bool(item.get("confirm", False)),
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
    return parse_rules(Path(path).read_text(encoding="utf-8"), source=path)


def load_rules(path: str | Path | None = None) -> LayoutRules:
    """Load layout rules from ``path`` (default ``data/lexicons/layout.yml``).

    Cached by file content, so editing the file takes effect on the next call.

    Raises
    ------
    LexiconError
        If the file is missing or invalid.
    """
    path = Path(path) if path is not None else paths.LAYOUT_RULES
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read layout rules: {exc}") from exc
    return _load_cached(str(path), hashlib.sha256(data).hexdigest())


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
