"""Layout rules: load and validate ``data/lexicons/layout.yml``.

The rules describe page chrome, comment sections and quotations (see the
comments at the top of the YAML file). They are compiled once per file content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from corpuslib import paths
from corpuslib.errors import LexiconError
from corpuslib.lexicon import parse_yaml


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
