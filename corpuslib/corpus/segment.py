"""Segment one decoded page into title, body, comment and boilerplate units.

The segmenter is driven entirely by :mod:`corpuslib.lexicons` rules (YAML) plus two
per-document facts from the manifest (the title and an optional
``comments_start`` anchor). It never changes the text it is given: every unit
carries ``[start, end)`` offsets into it, and the units tile the text: spans are
ordered, disjoint, and every non-whitespace character lies in exactly one.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from corpuslib.corpus import article as _article
from corpuslib.corpus import records as _records
from corpuslib.corpus import signals
from corpuslib.corpus.clean import clean_text, join_paragraphs
from corpuslib.corpus.template import template_key
from corpuslib.errors import ManifestError
from corpuslib.lexicons import LayoutRules, Rule, first_match, load_rules, matches_any

__all__ = [
    "classify_lines",
    "mark_duplicates",
    "mark_quotations",
    "mark_quotations_by_structure",
    "paragraph_spans",
    "quoted_share",
    "refine_article",
    "segment_text",
    "split_lines",
    "Unit",
]


_NEWLINE = regex.compile(r"\r\n|\r|\n")


_OPEN_QUOTES = "“„«‹"


_CLOSE_QUOTES = "”»›"


_LEADING_PUNCT = "([{—–-… \t"


_ANY_QUOTE = regex.compile("[" + regex.escape(_OPEN_QUOTES + _CLOSE_QUOTES + '"') + "]")


@dataclass
class Unit:
    """One text unit of a page.

    Attributes
    ----------
    role : str
        ``title``, ``body``, ``comment`` or ``boilerplate``.
    start, end : int
        Character offsets in the decoded text, ``text[start:end]`` is the source.
    text : str
        Cleaned text (NFC, reflowed, whitespace tidied; markers and headers removed).
    commenter : str or None
        Commenter display name, where the page gives one.
    comment_id : int or None
        1, 2, … for comments in page order.
    quoted : bool
        A standalone quotation inside the article (not the author's own voice).
    rule : str or None
        The evidence that placed the unit: a layout rule name (override) or a general
        mechanism (``prose``, ``outside_article``, ``comment_record:stacked`` ...).
    reply_to, depth : int or None
        For comments: the parent's ``comment_id`` and the nesting depth (0 = top level).
    duplicate_of : int or None
        Index (seq) of an earlier unit of the page with the same text.
    confidence : float
        How sure the evidence is, in [0, 1]; the cleaning audit lists low values.
    """

    role: str
    start: int
    end: int
    text: str
    commenter: str | None = None
    comment_id: int | None = None
    quoted: bool = False
    rule: str | None = None
    reply_to: int | None = None
    depth: int | None = None
    duplicate_of: int | None = None
    confidence: float = 0.9


@dataclass
class _Line:
    start: int  # first non-whitespace character
    end: int  # one past the last non-whitespace character
    block: int  # blank-line separated block number
    content: str  # text[start:end]


@dataclass
class _Item:
    kind: str  # para | boiler | start | end | header | header_date | attrib
    lines: list[_Line]
    zone: str  # article | comments | after
    rule: str | None = None
    name: str | None = None  # commenter display name (header)
    body_start: int | None = None  # where inline comment text starts (header with rest)
    paras: list[tuple[int, int]] = field(default_factory=list)  # (start, end) pieces for text
    weak: bool = False  # placed only by a `scope: rest` rule reaching this far

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def split_lines(text: str, *, split_at: int | None = None) -> list[_Line]:
    """Split ``text`` into non-blank lines with stripped offsets and block numbers.

    ``split_at`` (an offset) additionally breaks the line containing it there,
    so a ``comments_start`` anchor in mid-line starts a line of its own.
    """
    lines: list[_Line] = []
    block = 0
    pos = 0
    pieces = []
    for m in _NEWLINE.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    for a, b in pieces:
        if split_at is not None and a < split_at < b:
            parts = [(a, split_at), (split_at, b)]
        else:
            parts = [(a, b)]
        blank = True
        for pa, pb in parts:
            s, e = _strip_span(text, pa, pb)
            if s < e:
                if (
                    blank
                    and lines
                    and lines[-1].block == block
                    and _blank_between(text, lines[-1].end, s)
                ):
                    block += 1
                lines.append(_Line(s, e, block, text[s:e]))
                blank = False
        if blank:
            block += 1
    return lines


def _blank_between(text: str, a: int, b: int) -> bool:
    return text[a:b].count("\n") + text[a:b].count("\r") - text[a:b].count("\r\n") > 1


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _plausible_name(name: str, rules: LayoutRules) -> bool:
    name = name.strip()
    stamp = signals.split_time_line(name)
    return (
        not (stamp is not None and not stamp[0])  # "• 5 hours ago" is a time, not a name
        and 0 < len(name) <= rules.name_max_chars
        and len(name.split()) <= rules.name_max_words
        and not name.endswith(("?", "!", ":", ","))
    )


def _header_follows(lines: list[_Line], i: int, rules: LayoutRules) -> bool:
    """True when a comment header follows within ``confirm_lines`` lines, before
    another section start or a line of ordinary prose."""
    for line in lines[i + 1 : i + 1 + rules.confirm_lines]:
        if first_match(rules.section_start, line.content):
            return False
        candidates = rules.headers if matches_any(rules.headers, line.content) else ()  # one screen first
        for rule in candidates:
            m = rule.match(line.content)
            if m is None:
                continue
            groups = m.groupdict()
            if groups.get("name") is not None and not _plausible_name(groups["name"], rules):
                continue
            if groups.get("num") is not None and int(groups["num"]) != 1:
                continue
            return True
        if len(line.content) > rules.confirm_prose_chars and not first_match(rules.chrome, line.content):
            return False
    return False


@dataclass
class _Reader:
    """What :func:`classify_lines` remembers from line to line."""

    zone: str = "article"  # article | comments | after
    rest_boiler: str | None = None  # a `scope: rest` rule runs until the comment section
    header_style: str | None = None  # the first header rule that matched; the others are off
    last_num: int = 0  # last number of a numbered header
    expect_date: Rule | None = None  # the header just read has a date line after it
    title_key: str | None = None  # the manifest title, until found


def classify_lines(
    lines: list[_Line],
    rules: LayoutRules,
    *,
    anchor_line: int | None = None,
    title: str | None = None,
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[_Item]:
    """Tag each line and group ordinary lines into runs (items) in page order.

    Lines in ``skip`` (claimed by a comment section found by structure) become
    ``skip`` items that end runs and are left to the caller.
    """
    items: list[_Item] = []
    state = _Reader(title_key=_norm(title) if title else None)
    for i, line in enumerate(lines):
        if i in skip:
            items.append(_Item("skip", [line], state.zone))
            continue
        if anchor_line is not None and i == anchor_line:
            state.zone, state.rest_boiler = "comments", None
        if state.zone == "after":
            rule = items[-1].rule if items else "after_comments"
            item = _Item("boiler", [line], "after", rule=rule)
        elif state.zone == "comments":
            item = _comment_zone_item(line, rules, state)
        else:
            item = _article_zone_item(lines, i, rules, state)
        if item is not None:
            items.append(item)
        else:
            _extend_run(items, line, state.zone)
    return items


def _extend_run(items: list[_Item], line: _Line, zone: str) -> None:
    """An ordinary line joins the current run when in the same block, else starts one."""
    prev = items[-1] if items else None
    if (
        prev is not None
        and prev.kind in ("para", "header")
        and prev.lines[-1].block == line.block
        and prev.zone == zone
        and (prev.kind == "para" or prev.body_start is not None)
    ):
        prev.lines.append(line)
    else:
        items.append(_Item("para", [line], zone))


def _comment_zone_item(line: _Line, rules: LayoutRules, state: _Reader) -> _Item | None:
    """A line inside a rule-opened comment section: date line, end, header, widget, or text (None)."""
    content = line.content
    if state.expect_date is not None:
        rule, state.expect_date = state.expect_date, None
        if rule.date_line is not None and rule.date_line.fullmatch(content):
            return _Item("header_date", [line], "comments", rule=rule.name)
    hit = first_match(rules.section_end, content)
    if hit:
        state.zone = "after"
        return _Item("end", [line], "comments", rule=hit[0].name)
    header = _match_header(content, rules, state)
    if header is not None:
        return _header_item(line, header, state)
    hit = (
        first_match(rules.widgets, content)
        or first_match(rules.boilerplate_anywhere, content)
        or first_match(rules.section_start, content)
    )
    if hit:
        return _Item("boiler", [line], "comments", rule=hit[0].name)
    return None


def _match_header(content: str, rules: LayoutRules, state: _Reader) -> tuple[Rule, regex.Match] | None:
    """The first header rule matching ``content`` in the page's header style, numbered
    headers in sequence and names of a plausible length."""
    if not matches_any(rules.headers, content):
        return None
    for rule in rules.headers:
        if state.header_style is not None and rule.name != state.header_style:
            continue  # one header style per page
        m = rule.match(content)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("num") is not None:
            num = int(groups["num"])
            if num != state.last_num + 1 and not (state.last_num == 0 and state.header_style is None):
                continue  # "3." after "1." is a list item, not the next comment
            state.last_num = num
        if groups.get("name") is not None and not _plausible_name(groups["name"], rules):
            continue
        return rule, m
    return None


def _header_item(line: _Line, header: tuple[Rule, regex.Match], state: _Reader) -> _Item:
    """A comment header item; text on the header line itself (``rest``) starts the comment."""
    rule, m = header
    state.header_style = rule.name
    groups = m.groupdict()
    body_start = None
    if groups.get("rest") is not None:
        body_start = line.start + (len(line.content) - len(line.content.lstrip())) + m.start("rest")
    state.expect_date = rule if rule.date_line is not None else None
    name = clean_text(groups["name"]) if groups.get("name") else None
    return _Item("header", [line], "comments", rule=rule.name, name=name, body_start=body_start)


def _article_zone_item(lines: list[_Line], i: int, rules: LayoutRules, state: _Reader) -> _Item | None:
    """A line before any comment section: section start, chrome by rule, title, tweet
    attribution, or text (None)."""
    line = lines[i]
    content = line.content
    hit = first_match(rules.section_start, content)
    if hit and (not hit[0].confirm or _header_follows(lines, i, rules)):
        state.zone, state.rest_boiler = "comments", None
        return _Item("start", [line], "article", rule=hit[0].name)
    hit = first_match(rules.section_end, content)
    if hit:
        return _Item("boiler", [line], "article", rule=hit[0].name)
    hit = first_match(rules.boilerplate if i < rules.head_lines else rules.boilerplate_anywhere, content)
    if hit is not None:
        rule = hit[0]
        if rule.scope == "rest":
            state.rest_boiler = rule.name
        return _Item("boiler", [line], "article", rule=rule.name)
    if state.rest_boiler is not None:  # weak: a comment section found by structure overrides it
        return _Item("boiler", [line], "article", rule=state.rest_boiler, weak=True)
    if state.title_key and i < rules.title_max_line and _norm(content) == state.title_key:
        state.title_key = None
        return _Item("title", [line], "article", rule="manifest_title")
    if rules.tweet_attribution is not None and rules.tweet_attribution.fullmatch(content):
        return _Item("attrib", [line], "article", rule="tweet_attribution")
    return None


def _uses_blank_lines(lines: list[_Line]) -> bool:
    """True when the page separates paragraphs with blank lines (so single newlines may be wraps)."""
    if len(lines) < 3:
        return True
    blocks = len({line.block for line in lines})
    return blocks >= 2 and blocks >= 0.1 * len(lines)


def paragraph_spans(item: _Item, rules: LayoutRules, *, blank_mode: bool) -> list[tuple[int, int]]:
    """Split a run of lines into paragraph spans, joining hard-wrapped lines.

    Only pages that separate paragraphs with blank lines have hard wraps. A menu-like
    line or a line longer than ``reflow.max_width`` is a paragraph of its own and
    cuts the run into stretches; each stretch is judged on its own
    (:func:`_wrapped_stretch`), so one such line never disables reflow for the whole
    run. A wrapped stretch becomes one paragraph.
    """
    lines = item.lines
    starts = [item.body_start if item.body_start is not None else lines[0].start]
    starts += [line.start for line in lines[1:]]
    if len(lines) < 2 or not blank_mode:
        return [(s, line.end) for s, line in zip(starts, lines)]
    spans: list[tuple[int, int]] = []
    for stretch in _stretches(lines, rules):
        if _wrapped_stretch([lines[k] for k in stretch], rules):
            tail = _label_after_sentence(lines[stretch[-2]].content, lines[stretch[-1]].content)
            body = stretch[:-1] if tail else stretch
            spans.append((starts[body[0]], lines[body[-1]].end))
            spans += [(starts[stretch[-1]], lines[stretch[-1]].end)] if tail else []
        else:
            spans += [(starts[k], lines[k].end) for k in stretch]
    return spans


def _label_after_sentence(previous: str, last: str) -> bool:
    """True when the last line of a wrapped stretch is a label set under its paragraph, not
    its end: up to five words, capitalised, ending no sentence, under a line that ends one
    (``... to our representatives.`` / ``Report a policy violation``, ``Attachments``). A
    paragraph's own last line ends its sentence. A name (a byline under a standfirst) and a
    ``Label: value`` line stay with the paragraph, as the article reader judges them there.

    >>> _label_after_sentence("Every name will be delivered to them.", "Report a violation")
    True
    >>> _label_after_sentence("Every name will be delivered to the", "United Nations.")
    False
    """
    return (signals.ends_sentence(previous) and not signals.ends_sentence(last) and ":" not in last
            and 1 <= len(last.split()) <= 5 and last.lstrip()[:1].isupper() and not _article.byline_shaped(last))


def _breaks_wrap(line: _Line, rules: LayoutRules) -> bool:
    """A line no hard wrap produced: longer than the wrap width, a menu, a list item
    (``1. ...``, ``• ...``: a list of short items is no wrapped paragraph) or a bare date
    (``6 January 2020`` under a headline is a dateline, not the headline's last words)."""
    return (line.end - line.start > rules.reflow_max_width or signals.menu_like(line.content)
            or signals.navigation_line(line.content) or bool(signals.LIST_ITEM.match(line.content))
            or _bare_date(line.content))


_NUMERIC_DATE = regex.compile(r"\d[:./]\d")  # "29.01.24", "08:47"
_SPACED_SEPARATOR = regex.compile(r"\s[|·•]\s")


def _bare_date(text: str) -> bool:
    """True for a short dateline: one timestamp and nothing else (``6 January 2020``), or a
    numeric date or clock time set off by a separator (``Ann Lee | updated: 29.01.24, 08:47``)."""
    text = text.strip()
    if not 6 <= len(text) <= 60 or signals.ends_sentence(text) or not text[:1].isalnum():
        return False
    spans = signals.find_times(text)
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return True
    return any(_NUMERIC_DATE.search(text[a:b]) for a, b in spans) and _SPACED_SEPARATOR.search(text) is not None


# A rule or a heading's underline: one mark repeated ("-----", "=====", "* * *").
_RULE_LINE = regex.compile(r"([-=_*~#.·•])(?:\s?\1){2,}")


def _stretches(lines: list[_Line], rules: LayoutRules) -> list[list[int]]:
    """Indices of ``lines`` cut at wrap-breaking lines (each of those alone). A rule is one
    of them, and so is the line it underlines (a Markdown or plain-text heading)."""
    out: list[list[int]] = []
    for k, line in enumerate(lines):
        underlined = k + 1 < len(lines) and lines[k + 1].block == line.block and _RULE_LINE.fullmatch(lines[k + 1].content)
        if _breaks_wrap(line, rules) or underlined or _RULE_LINE.fullmatch(line.content):
            out += [[k]]
        elif out and not _breaks_wrap(lines[out[-1][-1]], rules) and not _RULE_LINE.fullmatch(lines[out[-1][-1]].content):
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _wrapped_stretch(lines: list[_Line], rules: LayoutRules) -> bool:
    """Hard-wrapped: 80 % of the lines but the last are of even width (at least
    0.6 of the widest) and their median is at least ``reflow.min_median``.

    A stack of short lines of uneven width (a header block, a mail header) is not
    wrapped. Two lines give one width, weak evidence: they are one paragraph when the
    first is near a wrap width (0.6 of ``reflow.max_width``) or the second goes on
    with a lower-case word; not a headline over a byline or over a greeting (``Dear readers,``).
    """
    if len(lines) < 2:
        return False
    widths = [line.end - line.start for line in lines[:-1]]
    if len(widths) == 1 and widths[0] < 0.6 * rules.reflow_max_width:
        return lines[1].content[:1].islower()
    if len(widths) == 1 and _headline_shaped(lines[0].content) and not lines[1].content[:1].islower():
        return False  # a headline over a dateline ("Posted on March 4, 2019 by ...") is no wrapped paragraph
    if len(widths) == 1 and not signals.ends_sentence(lines[0].content) and _article.byline_shaped(lines[1].content):
        return False  # a sentence-case headline over its author's name
    if len(widths) == 1 and not signals.ends_sentence(lines[0].content) and _article.salutation(lines[1].content):
        return False  # a headline over the letter's greeting ("Dear readers,")
    even = sum(1 for w in widths if w >= 0.6 * max(widths))
    return even >= 0.8 * len(widths) and statistics.median(widths) >= rules.reflow_min_median


def _headline_shaped(text: str) -> bool:
    """Mostly capitalised words and no sentence end: a headline, not a line of wrapped prose."""
    return len(text.split()) >= 3 and not signals.ends_sentence(text) and signals.capital_share(text) >= 0.6


def quoted_share(text: str) -> tuple[float, bool]:
    """Share of non-space characters inside double quotation marks, and whether
    the text opens inside a quotation.

    A text whose first quotation mark is a closing one is taken to open inside a
    quotation (scrapes often lose the opening mark).

    >>> quoted_share('“We will stay,” he said.')[1]
    True
    >>> round(quoted_share('He said “no” twice.')[0], 2)
    0.14
    """
    m = _ANY_QUOTE.search(text)
    if m is None:
        return 0.0, False
    stripped = text.lstrip(_LEADING_PUNCT)
    first_mark = m.group()
    opens_inside = bool(stripped) and (
        stripped[0] in _OPEN_QUOTES + '"'
        or (first_mark is not None and first_mark in _CLOSE_QUOTES)
    )
    inside = first_mark is not None and first_mark in _CLOSE_QUOTES
    quoted = total = 0
    pos = 0
    for mark in _ANY_QUOTE.finditer(text):
        n = _non_space(text[pos : mark.start()])
        total += n
        quoted += n if inside else 0
        ch = mark.group()
        inside = ch in _OPEN_QUOTES or (ch == '"' and not inside)
        pos = mark.end()
    n = _non_space(text[pos:])
    total += n
    quoted += n if inside else 0
    return (quoted / total if total else 0.0), opens_inside


def _non_space(text: str) -> int:
    """Number of characters of ``text`` that are not white space."""
    return len("".join(text.split()))


def _ends_with_close_quote(text: str) -> bool:
    return text.rstrip(" .,;:)]").endswith(tuple(_CLOSE_QUOTES + '"'))


def _subject(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


def mark_quotations(units: list[Unit], rules: LayoutRules) -> None:
    """Set ``quoted`` on body units that are standalone quotations (in place); the lines of the
    author's sign-off are not (a motto in quotation marks under a signature)."""
    body = [u for u in units if u.role == "body"]
    for u in body:
        if u.rule == "sign_off":
            continue
        share, opens_inside = quoted_share(u.text)
        if opens_inside and share >= rules.min_quoted_share:
            u.quoted, u.rule = True, "quoted_paragraph"
    if rules.speech_intro is None:
        return
    i = 0
    while i < len(body):
        intro = body[i]
        if intro.quoted or not rules.speech_intro.search(intro.text):
            i += 1
            continue
        subject = _subject(intro.text)
        j = i + 1
        while j < len(body) and j - i <= rules.max_quote_paragraphs:
            nxt = body[j]
            if _subject(nxt.text) == subject or rules.speech_intro.search(nxt.text):
                break
            nxt.quoted, nxt.rule = True, nxt.rule or "speech_intro"
            j += 1
            if _ends_with_close_quote(nxt.text):
                break
        i = j


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _looks_like_title(text: str, rules: LayoutRules) -> bool:
    return (
        0 < len(text) <= rules.title_max_chars
        and not signals.menu_like(text)
        and "\n" not in text
        and len(text.split()) >= 2
        and not text.rstrip("”\"'’").endswith((".", ",", ";", ":"))
    )


def segment_text(
    text: str,
    *,
    rules: LayoutRules | None = None,
    title: str | None = None,
    comments_start: str | None = None,
    name: str = "<text>",
    url: str | None = None,
    template: Mapping[str, int] | None = None,
) -> list[Unit]:
    """Segment a decoded page into units that tile it.

    Layout rules act as overrides; general mechanisms (comment records found by
    structure, the article as the main run of prose, the title before it, site
    template lines, quotations by structure) carry the rest.

    Parameters
    ----------
    text : str
        The decoded raw text (see :func:`corpuslib.corpus.decode.decode_bytes`).
    rules : LayoutRules, optional
        Layout rules; default ``data/lexicons/layout.yml``.
    title : str, optional
        The title from the manifest (matched up to case, spacing and punctuation,
        or as the start of a longer headline).
    comments_start : str, optional
        Literal text at which the comment section starts, for pages whose
        comments carry no marker. Each paragraph after it is one comment unless
        the section has comment headers.
    name : str
        Document name for error messages.
    url : str, optional
        The page URL; its slug helps find the title when the manifest has none.
    template : mapping, optional
        Site-template line keys of the outlet (:func:`~corpuslib.corpus.template.count_template_lines`)
        -> number of pages; such lines are boilerplate.

    Returns
    -------
    list of Unit
        In document order, ``role`` one of ``title, body, comment, boilerplate``.

    Raises
    ------
    ManifestError
        If ``comments_start`` is given but not found in ``text``.

    Examples
    --------
    >>> units = segment_text("Big title\\n\\nFirst para.\\n\\n3 Comments\\n\\n• Ann\\n\\nNice.\\n")
    >>> [(u.role, u.text, u.commenter) for u in units]
    [('title', 'Big title', None), ('body', 'First para.', None), ('boilerplate', '3 Comments', None), ('comment', 'Nice.', 'Ann')]
    """
    rules = rules if rules is not None else load_rules()
    split_at = _anchor_offset(text, comments_start, name)
    lines = split_lines(text, split_at=split_at)
    anchor_line = None
    if split_at is not None:
        anchor_line = next(i for i, line in enumerate(lines) if line.end > split_at)
    items = classify_lines(lines, rules, anchor_line=anchor_line, title=title)
    blank_mode = _uses_blank_lines(lines)
    section = None
    if anchor_line is None:
        section = _structural_section(text, lines, claimed=_rule_claimed(items, lines))
        if section is not None and _rules_read_better(items, lines, section):
            section = None
    else:  # the manifest says where comments start; their records may still be read by structure
        section = _structural_section(text, lines, claimed=frozenset(range(anchor_line)))
        if section is not None and section.start < anchor_line:
            section = None
    skip: set[int] = set()
    signed = opened = None
    if section is not None:
        _trim_page_footer(section, lines)
        _vote_bars_to_chrome(section, lines)
        signed = _sign_off_to_article(section, lines)
        opened = _greeting_to_post(section, lines)
        skip = _section_lines(section, len(lines))
        items = classify_lines(lines, rules, anchor_line=anchor_line, title=title, skip=skip)
    article = [it for it in items if it.zone == "article"]
    units = list(_article_units(article, text, rules, blank_mode, title))
    refine_article(units, rules=rules, title=title, url=url, template=template or {}, text=text)
    if signed is not None:
        _keep_sign_off(units, signed)
    if opened is not None:
        _keep_post_opening(units, opened)
    if section is not None:
        units.extend(_section_units(section, lines, text, rules, blank_mode))
        units.extend(  # rule-opened section chrome before the first record
            _boilerplate(it, text) for it in items if it.zone != "article" and it.kind != "skip"
        )
    else:
        units.extend(
            _comment_units([it for it in items if it.zone != "article"], text, rules, blank_mode)
        )
    units.sort(key=lambda u: u.start)
    mark_quotations(units, rules)
    mark_quotations_by_structure(units, text)
    mark_duplicates(units)
    return units


def _rules_read_better(items: list[_Item], lines: list[_Line], section: _records.Section) -> bool:
    """True when the layout rules' comment headers beat the structural records.

    The rules win with at least as many headers as there are records, unless one of
    them lies inside a record's text (a numbered list in a comment is not a run of
    comments), all of them sit on the records' own header lines (then both read
    the same comments and the structure also knows the replies), or all of them lie
    outside the section and name nobody (a numbered list such as a transcript after
    the records is not the comment thread the records show).
    """
    index = {id(line): i for i, line in enumerate(lines)}
    header_items = [it for it in items if it.kind == "header"]
    headers = [index[id(it.lines[0])] for it in header_items]
    if not headers:
        return False
    record_heads = {j for rec in section.records for j in rec.header}
    record_text = {j for rec in section.records for j in rec.body}
    if any(h in record_text for h in headers) or all(h in record_heads for h in headers):
        return False
    outside = all(h < section.start or h >= section.end for h in headers)
    if outside and not any(it.name for it in header_items):
        return False
    return len(headers) >= len(section.records)


def _rule_claimed(items: list[_Item], lines: list[_Line]) -> frozenset[int]:
    """Indices of lines a layout rule placed outside any comment section (no header starts there)."""
    claimed = {
        id(line)
        for it in items
        if it.kind not in ("para", "start", "header", "header_date") and it.zone == "article"
        and not it.weak
        for line in it.lines
    }
    return frozenset(i for i, line in enumerate(lines) if id(line) in claimed)


def _anchor_offset(text: str, comments_start: str | None, name: str) -> int | None:
    if not comments_start:
        return None
    split_at = text.find(comments_start)
    if split_at < 0:
        raise ManifestError(f"{name}: comments_start {comments_start!r} not found in the text")
    return split_at


def _boilerplate(item: _Item, text: str) -> Unit:
    return Unit(
        "boilerplate", item.start, item.end, clean_text(text[item.start : item.end]), rule=item.rule
    )


def _clean_spans(text: str, spans: list[tuple[int, int]]) -> str:
    return join_paragraphs(clean_text(text[a:b]) for a, b in spans)


def _article_units(
    items: list[_Item], text: str, rules: LayoutRules, blank_mode: bool, title: str | None
) -> Iterator[Unit]:
    units: list[Unit] = []
    for item in items:
        if item.kind == "title":
            for u in units:  # page chrome above the headline
                if u.role == "body":
                    u.role, u.rule = "boilerplate", "before_title"
            units.append(
                Unit(
                    "title",
                    item.start,
                    item.end,
                    clean_text(text[item.start : item.end]),
                    rule=item.rule,
                )
            )
        elif item.kind == "skip":  # a comment-section line: ends runs, placed elsewhere
            units.append(Unit("skip", item.start, item.end, ""))
        elif item.kind in ("boiler", "start"):
            units.append(_boilerplate(item, text))
        elif item.kind == "attrib":
            prev = units[-1] if units else None
            if prev is not None and prev.role == "body":
                prev.end = item.end
                prev.text = join_paragraphs([prev.text, clean_text(text[item.start : item.end])])
                prev.quoted, prev.rule = True, "embedded_tweet"
            else:
                units.append(
                    Unit(
                        "body",
                        item.start,
                        item.end,
                        clean_text(text[item.start : item.end]),
                        quoted=True,
                        rule="embedded_tweet",
                    )
                )
        else:
            for a, b in paragraph_spans(item, rules, blank_mode=blank_mode):
                units.append(Unit("body", a, b, clean_text(text[a:b])))
    yield from (u for u in units if u.role != "skip")


def _assign_title(units: list[Unit], rules: LayoutRules, title: str | None) -> None:
    if any(u.role == "title" for u in units):
        return
    content = [u for u in units if u.role == "body"][:5]
    if title:
        target = _norm(title)
        for u in content:  # a title that spans several lines
            if _norm(u.text) == target:
                u.role, u.rule = "title", "manifest_title"
                return
        return
    if len(content) >= 2 and _looks_like_title(content[0].text, rules):
        content[0].role, content[0].rule = "title", "title_heuristic"


def _comment_units(
    items: list[_Item], text: str, rules: LayoutRules, blank_mode: bool
) -> Iterator[Unit]:
    headed = any(it.kind == "header" for it in items)
    units: list[Unit] = []
    current: Unit | None = None
    pieces: list[tuple[int, int]] = []

    def close() -> None:
        nonlocal current, pieces
        if current is not None:
            current.text = _clean_spans(text, pieces)
            if current.text:
                units.append(current)
            else:
                current.role, current.text, current.commenter = (
                    "boilerplate",
                    clean_text(text[current.start : current.end]),
                    None,
                )
                current.rule = f"{current.rule}:empty_comment"
                units.append(current)
        current, pieces = None, []

    for item in items:
        if item.kind == "header":
            close()
            current = Unit("comment", item.start, item.end, "", commenter=item.name, rule=item.rule)
            if item.body_start is not None:
                pieces = paragraph_spans(item, rules, blank_mode=blank_mode)
        elif item.kind == "header_date" and current is not None:
            current.end = item.end
        elif item.kind == "para" and headed:
            if current is not None:
                current.end = item.end
                pieces.extend(paragraph_spans(item, rules, blank_mode=blank_mode))
            else:
                units.append(
                    Unit(
                        "boilerplate",
                        item.start,
                        item.end,
                        clean_text(text[item.start : item.end]),
                        rule="comment_section_chrome",
                    )
                )
        elif item.kind == "para":
            for a, b in paragraph_spans(item, rules, blank_mode=blank_mode):
                units.append(
                    Unit("comment", a, b, clean_text(text[a:b]), rule="comment_per_paragraph")
                )
        else:
            close()
            units.append(_boilerplate(item, text))
    close()
    n = 0
    for u in units:
        if u.role == "comment":
            n += 1
            u.comment_id = n
    yield from units


# ---------------------------------------------------------------- general mechanisms


def _indent(text: str, pos: int) -> int:
    """Width of the leading white space of the physical line containing ``pos``."""
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    return len(text[line_start:pos].expandtabs(4))


def _has_prose_before(lines: list[_Line], stop: int) -> bool:
    """True when a line of real prose (a paragraph of an article, not a long menu) precedes line ``stop``."""
    if any(_article.prose_line(line.content) and not signals.menu_like(line.content) for line in lines[:stop]):
        return True
    # a language without a stop-word list: two sentences of fifteen words or more
    return sum(len(signals.words(line.content)) >= 15 and signals.ends_sentence(line.content)
               and not signals.menu_like(line.content) for line in lines[:stop]) >= 2


def _structural_section(
    text: str, lines: list[_Line], *, claimed: frozenset[int] = frozenset()
) -> _records.Section | None:
    """The comment section found by repeated header motifs, opening post removed.

    Where the page announces how many comments it has (``Comments (5)`` above the first
    record) and the reading that explains more of the page finds one or two fewer, the other
    reading wins when it finds the announced number. (A page may show more than it announces: a
    count of answers leaves out the comments under them.)"""
    contents = [line.content for line in lines]
    indents = [_indent(text, line.start) for line in lines]
    section = _read_section(lines, contents, indents, claimed, None)
    if section is None or not section.records:
        return None
    announced = _records.announced_count(contents, _first_line(section.records[0]))
    if announced is not None and 0 < announced - _n_comments(section) <= _COUNT_SLACK:
        other = _read_section(lines, contents, indents, claimed, "kind" if section.kind == "repeat" else "repeat")
        if other is not None and _n_comments(other) == announced:
            section = other
    return section


_COUNT_SLACK = 2  # a reading that misses more than this many announced comments shows a page of a longer thread


def _read_section(lines: list[_Line], contents: list[str], indents: list[int], claimed: frozenset[int],
                  reading: str | None) -> _records.Section | None:
    section = _records.find_section(contents, indents, claimed=claimed, reading=reading)
    if section is None:
        return None
    _records.drop_shared_name_words(section.records)
    _records.link_replies(section.records, contents)
    if (section.opening is None and not section.counted and not _has_prose_before(lines, section.start)
            and not _indented_reply_to_first(section)):
        _drop_opening_post(section)
    return section if section.records else None


def _first_line(rec: _records.Record) -> int:
    return min([*rec.header, *rec.body, *rec.chrome])


def _n_comments(section: _records.Section) -> int:
    return sum(not rec.placeholder for rec in section.records)


def _indented_reply_to_first(section: _records.Section) -> bool:
    """True when the second record is indented under the first: a threaded discussion
    under a link or title, whose first record is a comment, not an opening post."""
    recs = section.records
    return len(recs) >= 2 and recs[1].reply_to == 0 and recs[1].indent > recs[0].indent


def _drop_opening_post(section: _records.Section) -> None:
    """A thread with no article before it: the first record is the opening post (body), and
    so are the opening poster's posts right after it that answer nobody else (a self-thread's
    ``2/3``, ``3/3``)."""
    opening = _pop_first(section)
    continued = []
    first = opening.header[0]
    while (section.records and opening.name and section.records[0].name == opening.name
           and section.records[0].reply_to is None and not section.records[0].placeholder
           and section.records[0].header[0] - first <= _MAX_POST_SPAN):  # a post, not an article and its byline
        continued.append(_pop_first(section))
        first = continued[-1].header[0]
    section.opening = opening  # type: ignore[attr-defined]
    section.continued = continued  # type: ignore[attr-defined]
    _records.opener_answers(section.records, opening.name)
    for rec in section.records:
        rec.depth = 0 if rec.reply_to is None else section.records[rec.reply_to].depth + 1


_MAX_POST_SPAN = 12  # lines of one post of a self-thread: header, text, time and count lines


def _pop_first(section: _records.Section) -> _records.Record:
    """Remove the first record; parents after it shift by one (a reply to it has none)."""
    first = section.records.pop(0)
    for rec in section.records:
        rec.reply_to = None if rec.reply_to in (None, 0) else rec.reply_to - 1
    return first


def _section_lines(section: _records.Section, n_lines: int) -> set[int]:
    """Lines the comment section claims (the opening post's text stays with the article)."""
    claimed = set(range(section.start, n_lines))
    opening = getattr(section, "opening", None)
    if opening is not None:
        posts = [opening, *getattr(section, "continued", [])]
        headers = {j for rec in posts for j in rec.header}
        first = section.records[0] if section.records else None  # its text may sit above its header
        stop = min([*first.header, *first.body, *first.chrome]) if first is not None else n_lines
        # the posts' text and any line among them no header holds stay with the article
        claimed -= set(range(0, stop)) - headers
        claimed |= set(opening.header)  # a trailer header may sit below the text
    return claimed


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _chrome_unit(lines: list[_Line], run: list[int], text: str, rule: str) -> Unit:
    a, b = lines[run[0]].start, lines[run[-1]].end
    return Unit("boilerplate", a, b, clean_text(text[a:b]), rule=rule, confidence=0.8)


def _comment_text(lines: list[_Line], body: list[int], text: str, rules: LayoutRules,
                  blank_mode: bool) -> str:
    pieces: list[str] = []
    for run in _runs(body):
        item = _Item("para", [lines[i] for i in run], "comments")
        pieces += [clean_text(text[a:b]) for a, b in paragraph_spans(item, rules, blank_mode=blank_mode)]
    return join_paragraphs(pieces)


def _section_units(section: _records.Section, lines: list[_Line], text: str, rules: LayoutRules,
                   blank_mode: bool) -> list[Unit]:
    """Units of a structurally found comment section (and the chrome after it)."""
    units: list[Unit] = []
    ids: dict[int, int] = {}
    opening = getattr(section, "opening", None)
    if opening is not None:
        for rec in [opening, *getattr(section, "continued", [])]:
            units += [_chrome_unit(lines, run, text, "opening_post_header") for run in _runs(rec.header)]
    for k, rec in enumerate(section.records):
        own = [j for j in rec.header if j not in rec.body]  # a signature inside the text line stays in it
        units += [_chrome_unit(lines, run, text, f"comment_header:{rec.kind}") for run in _runs(own)]
        if rec.placeholder:
            units += [_chrome_unit(lines, run, text, "comment_placeholder")
                      for run in _runs(rec.body + rec.chrome)]
            continue
        ids[k] = len(ids) + 1
        units.append(_record_unit(rec, k, ids, section, lines, text, rules, blank_mode))
        first, last = lines[rec.body[0]].start, lines[rec.body[-1]].end
        outside = [j for j in rec.chrome if not first <= lines[j].start < last]
        units += [_chrome_unit(lines, run, text, "comment_actions") for run in _runs(outside)]
    after = list(range(section.end, len(lines)))
    units += [_chrome_unit(lines, run, text, "after_comments") for run in _runs(after)]
    held = {j for rec in [*section.records, *([opening] if opening else []), *getattr(section, "continued", [])]
            for j in (*rec.header, *rec.body, *rec.chrome)}
    gaps = sorted(j for j in _section_lines(section, len(lines)) if j < section.end and j not in held)
    units += [_chrome_unit(lines, run, text, "comment_section_gap") for run in _runs(gaps)]  # no record's line
    return units


def _trim_page_footer(section: _records.Section, lines: list[_Line]) -> None:
    """The last comment does not run on into the page footer (in place): its trailing lines
    that are chrome by content (:func:`corpuslib.corpus.article.classify_paragraph` ``bad``,
    or a short line of up to five words that is no sentence: ``Write Preview``, ``About Terms
    Privacy``) leave its body and the section; its first line always stays."""
    live = [rec for rec in section.records if not rec.placeholder]
    if not live or live[-1] is not section.records[-1]:
        return
    rec = section.records[-1]
    body = sorted(rec.body)
    while len(body) > 1 and _footer_line(lines[body[-1]].content):
        body.pop()
    if len(body) == len(rec.body) or max(rec.header, default=-1) > body[-1]:
        return
    cut = body[-1] + 1
    rec.body = body
    rec.chrome = [j for j in rec.chrome if j < cut]
    section.end = min(section.end, cut)


def _sign_off_to_article(section: _records.Section, lines: list[_Line]) -> tuple[int, int] | None:
    """The sign-off under the text before the first record is that text's (in place): a
    valediction and the signer's name (:func:`corpuslib.corpus.article.leading_sign_off`)
    opening the first record's header, right under lines no header holds (the article's or
    the opening post's prose), leave the header and the section; the record keeps its name.
    Returns the sign-off's character span, or None."""
    if not section.records:
        return None
    rec = section.records[0]
    header = sorted(rec.header)
    first = header[0]
    if first == 0 or first - 1 in rec.header or header != list(range(first, first + len(header))):
        return None
    n = _article.leading_sign_off([lines[j].content for j in header])
    rest = " ".join(lines[j].content for j in header[n:])
    if not n or n >= len(header) or rec.name and rec.name not in rest:
        return None
    rec.header = header[n:]
    if section.start == first:
        section.start = first + n
    return lines[first].start, lines[first + n - 1].end


def _greeting_to_post(section: _records.Section, lines: list[_Line]) -> tuple[int, int] | None:
    """The opening post's text starts right under its header (in place): a greeting closing
    the header (``Colleagues,`` under a mail's ``Date:`` line, :func:`corpuslib.corpus.article.salutation`)
    over the post's first line is the post's first line. Returns the character span of the
    post's first line, or None when the section has no opening post."""
    opening = section.opening
    if opening is None or not opening.body:
        return None
    first = min(opening.body)
    header = sorted(opening.header)
    if header and header[-1] == first - 1 and _article.salutation(lines[first - 1].content):
        opening.header = header[:-1]
        opening.body = [first - 1, *opening.body]
        first -= 1
    return lines[first].start, lines[first].end


def _keep_post_opening(units: list[Unit], span: tuple[int, int]) -> None:
    """The opening post's first line is its text when it is a greeting over the article's first
    paragraph (in place): a salutation (:func:`corpuslib.corpus.article.salutation`) or one short
    sentence of at most eight words with no digit (``Good day to you all, friends.``), that the
    article's run left out for its length."""
    k = next((i for i, u in enumerate(units) if u.start >= span[0]), None)
    if k is None or k + 1 >= len(units) or units[k].start >= span[1] or units[k].role != "boilerplate":
        return
    u, below = units[k], units[k + 1]
    greeting = _article.salutation(u.text) or (
        len(u.text.split()) <= 8 and signals.ends_sentence(u.text) and u.text[:1].isupper()
        and not regex.search(r"\d", u.text) and "\n" not in u.text)
    if below.role == "body" and not below.quoted and str(u.rule).startswith("outside_article") and greeting:
        u.role, u.rule = "body", "post_opening"


def _keep_sign_off(units: list[Unit], span: tuple[int, int]) -> None:
    """The sign-off a record's header gave back (:func:`_sign_off_to_article`) is body when the
    article runs up to it (in place): its last unit before the sign-off is body."""
    inside = [u for u in units if span[0] <= u.start and u.end <= span[1]]
    before = [u for u in units if u.end <= span[0]]
    if inside and before and before[-1].role == "body":
        for u in inside:
            u.role, u.rule = "body", "sign_off"


def _vote_bars_to_chrome(section: _records.Section, lines: list[_Line]) -> None:
    """A vote or reaction bar inside a comment's text is no part of it (in place): a short
    line of labels and counts, in any language (``Reply Like 12 Dislike 0``, ``Balas | Suka
    (9)``, ``共感した 1,204 なるほど 860``): at most two words a count, no sentence, no time."""
    for rec in section.records:
        bars = [j for j in rec.body[1:] if _vote_bar(lines[j].content)]
        if bars:
            rec.body = [j for j in rec.body if j not in bars]
            rec.chrome = sorted({*rec.chrome, *bars})


_COUNT = regex.compile(r"(?<![\p{L}\d])\(?\d[\d,.]*[KkMm]?\)?(?![\p{L}\d])")


def _vote_bar(content: str) -> bool:
    if len(content) > 60 or signals.ends_sentence(content):
        return False
    counts = len(_COUNT.findall(content))
    n_words = len(signals.words(content))
    return counts >= 1 and 1 <= n_words <= min(6, 2 * counts) and not signals.find_times(content)


def _footer_line(content: str) -> bool:
    if _article.classify_paragraph(content) == _article.BAD:
        return True
    return len(content.split()) <= 5 and not signals.ends_sentence(content)


def _record_unit(rec: _records.Record, k: int, ids: dict[int, int], section: _records.Section,
                 lines: list[_Line], text: str, rules: LayoutRules, blank_mode: bool) -> Unit:
    a, b = lines[rec.body[0]].start, lines[rec.body[-1]].end
    parent = ids.get(rec.reply_to) if rec.reply_to is not None else None
    return Unit(
        "comment", a, b, _comment_text(lines, rec.body, text, rules, blank_mode),
        commenter=clean_text(rec.name) if rec.name else None,
        comment_id=ids[k], rule=f"comment_record:{section.kind}",
        reply_to=parent, depth=rec.depth if parent is not None else 0,
        confidence=rec.confidence,
    )


_CLASS_CONFIDENCE = {"good": 0.9, "medium": 0.7, "short": 0.5, "bad": 0.85}


def refine_article(units: list[Unit], *, rules: LayoutRules | None = None, title: str | None = None,
                   url: str | None = None, template: Mapping[str, int] | None = None,
                   text: str | None = None) -> None:
    """Re-read article-zone body units by content (in place).

    Units no layout rule placed are classified (:func:`corpuslib.corpus.article.classify_paragraph`);
    the main run of prose stays body, chrome inside it and everything outside it
    becomes boilerplate; the title is found before the run. ``text`` (the page) lets the
    author's sign-off be matched with a post header no article unit holds.
    """
    template = template or {}
    _mark_template(units, template)
    free = [u.role == "body" and u.rule is None for u in units]
    menus = [_menu_source(u, text) for u in units]
    classes = [_article.classify_paragraph(u.text, template=template_key(u.text) in template)
               if f else None for u, f in zip(units, free)]
    classes = [_article.BAD if menu and cls == _article.SHORT else cls for cls, menu in zip(classes, menus)]
    # chrome a rule placed still interrupts the run of prose, as it would unplaced
    scored = [_article.BAD if u.role == "boilerplate" and c is None else c for u, c in zip(units, classes)]
    span = _article.find_article(scored, [u.text for u in units])
    if span is None:  # no run of prose at all (a stub or a link page): keep the layout reading,
        for u, cls in zip(units, classes):  # but menus and chrome lines are still no text
            if cls == _article.BAD:
                u.role, u.rule, u.confidence = "boilerplate", "chrome_no_article", _CLASS_CONFIDENCE[cls]
        _assign_title(units, rules if rules is not None else load_rules(), title)
        return
    texts = [u.text for u in units]
    start, stop = _article.trim_article_end(classes, texts, span)
    stop = _article.close_at_post_controls(classes, texts, start, stop, _repeats_after(texts, text, units[stop].end))
    first = next((k for k in range(start, stop + 1) if classes[k] in (_article.GOOD, _article.MEDIUM)), start)
    header = text[max(0, units[first].start - 300):units[first].start] if text is not None else None
    box = _article.author_box(classes, texts, start, max(stop, span[1]), header=header)
    if box is not None:  # the box is no sign-off either
        stop = signed = min(stop, _article.last_prose_before(classes, start, box))
    else:
        signed = _article.sign_off_end(classes, texts, start, stop, header=header, closed=stop < span[1])
    below = text[units[start].end:units[start + 1].start] if text is not None and start + 1 < len(units) else ""
    _place_title(units, start, title=title, url=url, menus=menus, below=below)
    headline = " ".join(u.text for u in units if u.role == "title")
    heading = start - 1  # a numbered or capitalised section heading opens the article
    if (heading >= 0 and free[heading] and units[heading].role == "body" and classes[heading] == _article.SHORT
            and classes[start] in (_article.GOOD, _article.MEDIUM) and _article.section_heading(texts[heading])):
        start = heading
    speaker = start - 1  # so does a transcript's first speaker label ("Operator")
    if (speaker >= 0 and free[speaker] and units[speaker].role == "body" and classes[speaker] == _article.SHORT
            and signals.name_like(texts[speaker]) and _article.speaker_turns(classes, texts, start, stop) >= 2
            and classes[start] in (_article.GOOD, _article.MEDIUM)):
        start = heading = speaker
    greeting = _article.above_quoted_message(texts, first)  # so does the author's greeting right above
    # the first paragraph, or above the quoted message it answers
    if (greeting >= 0 and free[greeting] and units[greeting].role == "body" and classes[greeting] == _article.SHORT
            and _article.salutation(texts[greeting])):
        start, heading = min(start, greeting), greeting
    block = _article.markdown_block_end(texts, signed + 1)  # code and task lists after it are the author's,
    if block is None:  # and so are the notes its text cites
        block = _article.notes_end(texts, signed + 1)
    block = range(signed + 1, block + 1) if block is not None else range(0)
    for k, u in enumerate(units):
        if not free[k] or u.role != "body":
            continue
        cls = classes[k]
        keep = stop < k <= signed or k in block or start <= k <= stop and (k == heading
                                       or (_keep_in_article(cls, classes, k, u.text)
                                           and not _article.link_list(classes, texts, k)
                                           and not _article.title_echo(u.text, headline))
                                       or (k == stop and cls == "short" and _article.closing_line(u.text))
                                       or (cls == "short" and _article.timed_list_end(texts, k) is not None)
                                       or (k == stop and _article.hashtag_row(u.text)))
        u.role = "body" if keep else "boilerplate"
        u.rule = "sign_off" if stop < k <= signed else _class_rule(cls, keep, inside=start <= k <= stop,
                                                                   key=template_key(u.text), template=template)
        u.confidence = _CLASS_CONFIDENCE[cls]


def _repeats_after(texts: Sequence[str], text: str | None, end: int) -> list[int]:
    """How often each unit's text recurs as a whole line of the page after offset ``end``
    (all zero without the page)."""
    if text is None:
        return [0] * len(texts)
    lines = Counter(" ".join(line.split()) for line in text[end:].splitlines())
    return [lines[" ".join(t.split())] if "\n" not in t else 0 for t in texts]


def _mark_template(units: list[Unit], template: Mapping[str, int]) -> None:
    """Lines recurring across the outlet's pages are site template, whatever else placed them."""
    for u in units:
        key = template_key(u.text)
        if u.role in ("body", "boilerplate") and key in template:
            u.role, u.rule, u.confidence = "boilerplate", f"site_template ({template[key]} pages)", 0.95


def _class_rule(cls: str, keep: bool, *, inside: bool, key: str, template: Mapping[str, int]) -> str:
    if key in template:
        return f"site_template ({template[key]} pages)"
    if keep:
        return f"prose:{cls}"
    return f"chrome_in_article:{cls}" if inside else f"outside_article:{cls}"


def _keep_in_article(cls: str | None, classes: list[str | None], k: int, text: str) -> bool:
    """Good and medium prose stay; a short line stays when it heads following prose."""
    if cls in ("good", "medium"):
        return True
    if cls != "short" or signals.split_time_line(text) is not None:
        return False
    nxt = next((c for c in classes[k + 1:] if c is not None), None)
    heading = text.rstrip().endswith(":") or signals.ends_question(text) or signals.capital_share(text) >= 0.5
    return (nxt in ("good", "medium") and heading) or signals.ends_sentence(text)


def _menu_source(unit: Unit, text: str | None) -> bool:
    """True when a one-line unit is a menu as the page lays it out (``Home   World   Sport``):
    tidying the text closes the column gaps that show it."""
    if text is None:
        return False
    source = text[unit.start:unit.end].strip()
    return "\n" not in source and "\r" not in source and signals.menu_like(source)


def _place_title(units: list[Unit], start: int, *, title: str | None, url: str | None,
                 menus: Sequence[bool] | None = None, below: str = "") -> None:
    """Mark the title unit (unless a rule already did) and the chrome above it."""
    existing = next((k for k, u in enumerate(units) if u.role == "title"), None)
    if existing is None:
        found = _article.find_title([u.text for u in units], start, title=title, url=url, menus=menus, below=below)
        if found is None:
            return
        existing, rule, conf = found
        units[existing].role, units[existing].rule, units[existing].confidence = "title", rule, conf
        if rule != "manifest_title":
            existing = _title_and_subtitle(units, existing, rule, conf)
    for u in units[:existing]:
        if u.role == "body":
            u.role, u.rule, u.confidence = "boilerplate", "before_title", 0.8


def _title_and_subtitle(units: list[Unit], k: int, rule: str, conf: float) -> int:
    """A headline ending in a colon goes on in the next unit (``The Dam Question:`` /
    ``Water, Power and Debt``): both are title. Returns the first title unit."""
    pairs = [(k - 1, k), (k, k + 1)]
    for a, b in pairs:
        if a < 0 or b >= len(units) or units[a].role == units[b].role == "title":
            continue
        other = a if b == k else b
        if units[other].role in ("body", "boilerplate") and _article.title_continues(units[a].text, units[b].text):
            units[other].role, units[other].rule, units[other].confidence = "title", f"{rule}:continued", conf
            return a
    return k


_INTRO = regex.compile(r":\s*$")


def mark_quotations_by_structure(units: list[Unit], text: str) -> None:
    """Quotations set off by structure: after an introducing line ending in ``:``,
    or ``>``-quoted / indented relative to the paragraphs around them (in place)."""
    body = [u for u in units if u.role == "body"]
    for prev, u, nxt in zip(body, body[1:], body[2:] + [None]):
        if u.quoted:
            continue
        intro = bool(_INTRO.search(prev.text)) and not prev.quoted and len(prev.text.split()) >= 4
        set_off = (
            nxt is not None
            and _indent(text, u.start) >= 2
            and _indent(text, prev.start) == _indent(text, nxt.start) == 0
        )
        if intro or text[u.start : u.end].startswith(">") or set_off:
            u.quoted, u.rule = True, f"{u.rule}+quote_structure" if u.rule else "quote_structure"


def mark_duplicates(units: list[Unit], *, min_chars: int = 30) -> None:
    """Set ``duplicate_of`` on units repeating an earlier unit of the page (in place)."""
    seen: dict[str, int] = {}
    for k, u in enumerate(units):
        if u.role not in ("body", "comment"):
            continue
        key = template_key(u.text)
        if len(key) < min_chars:
            continue
        if key in seen:
            u.duplicate_of = seen[key]
        else:
            seen[key] = k
