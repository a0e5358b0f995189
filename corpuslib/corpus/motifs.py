"""Comment records found by the page's own repetition (wrapper induction), not by a list
of header kinds.

A page generated from a template repeats the same *line skeleton* once per comment:
``Posted by: Marty K | October 02, 2009 at 10:02 AM`` and ``Posted by: Dariush |
October 02, 2009 at 11:47 AM`` differ only in the name and the time. This module
abstracts short lines into skeletons (time expressions ``T``, numbers and counts ``#``,
words, separators), aligns lines that share a frame to find their constant tokens and
their variable *name slot*, and takes the skeleton group that repeats with reader text
between its occurrences as the record delimiter. The idea follows data-record mining
and wrapper induction (RoadRunner, Crescenzi et al. 2001; MDR, Liu, Grossman & Zhai
2003; DEPTA, Zhai & Liu 2005), applied to lines of text instead of DOM trees.

Every function is pure; :func:`find_motif` is the entry point, used by
:func:`corpuslib.corpus.records.find_section` as one more candidate reading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from corpuslib.corpus import signals

__all__ = [
    "Motif",
    "MotifRecord",
    "find_motif",
    "line_groups",
    "skeleton",
]

_TOKEN = regex.compile(r"(?P<link>(?i:https?://|www\.)[^\s()<>\[\]]+)|#?\d[\w.,:/+\-]*|[\p{L}\p{M}][\p{L}\p{M}\d'’._\-]*|@[\w.\-@]*\w|[^\s\w]")
_MAX_LINE = 110
_MAX_SLOT = 5
_MAX_HEADER = 10  # lines above a delimiter that can belong to its header (a forum's profile panel)
_MAX_BODY = 8  # median lines of text per record: comments, not report pages
_INITIALS = regex.compile(r"\p{Lu}{1,3}")
_CONSTANT_WORDS = frozenset({"posted", "by", "on", "at", "from", "in", "written", "published", "commented"})
_COUNT = regex.compile(r"[+\-]?[\d.,]+\s*[KkMm]?")
# a reaction bar of labels each with its count, in any language ("Like 12 Wow 3", "共感した 45　うーん 2")
_COUNTED_LABELS = regex.compile(r"(?:[^\d\s]+(?:\s[^\d\s]+){0,2}\s*[+\-]?\d[\d.,]*[KkMm]?\s*){2,6}")
_LETTER = regex.compile(r"\p{L}")
_DIGIT = regex.compile(r"\d")  # "No.4711", "ID:Zx0m": a post's number or poster id after its time
_GUIDES = frozenset("|│┃├└ㄴ↳↪⤷>»")  # thread guides and reply arrows that open a nested line
_FIELD_SEPARATORS = frozenset("·•|")
_IDEOGRAPHIC = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_IDEOGRAPHIC_STOP = regex.compile(r"[。、，！？](?!$)")
_BRACKET_TAIL = regex.compile(r"(?<=\S)\s*\([^()]{1,30}\)$")
_GUIDED = regex.compile(r"^(?:[|│┃]\s+)+")


@dataclass(frozen=True)
class _Shape:
    keys: tuple[str, ...]  # token keys: "T", "#", punctuation, casefolded words
    spans: tuple[tuple[int, int], ...]  # character span of each token


@lru_cache(maxsize=16384)
def _shape(content: str) -> _Shape | None:
    """Token keys of a short line; None for long lines (prose, not template)."""
    if len(content) > _MAX_LINE:
        return None
    cut = signals.gap_badge(content)
    if cut is not None and _named_after_time(content[:cut]) and not set(signals.words(content[cut:])) & signals.ACTION_WORDS:
        content = content[:cut]  # "2h · Ann  ✔ Verified": a badge some posters carry
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for a, b in [*signals.find_times(content), (len(content), len(content))]:
        for m in _TOKEN.finditer(content, pos, a):
            tok = m.group()
            keys.append("@" if m.group("link") or tok[0] == "@" else tok.casefold() if tok[0].isalpha() else
                        "#" if _DIGIT.search(tok) else tok)  # a handle or a link is one constant "@"
            spans.append(m.span())
        if a < b:
            keys.append("T")
            spans.append((a, b))
        pos = b
    lead = 0
    while lead < len(keys) - 1 and keys[lead] in _GUIDES:
        lead += 1  # "| | Ann 2h", "↳ Ann 2h": a nested record's header has its parent's shape
    keep = _without_decorations(keys[lead:])
    return _Shape(tuple(keys[lead:][k] for k in keep), tuple(spans[lead:][k] for k in keep))


def _named_after_time(content: str) -> bool:
    """A header opening with its time and closing with a word (``2h · Ann``)."""
    times = signals.find_times(content)
    return bool(times) and _LETTER.search(content, times[-1][1]) is not None


def _without_decorations(keys: list[str]) -> list[int]:
    """Indices of the tokens of a ``name · … · time`` line without its middle fields
    (``Ann · Author · replied to Bo · 2h`` has the shape of ``Bo · 3h``): badges and
    reply cues decorate some records' headers, the name and the time open and close all.
    Only when the first field holds a word: in ``#2 | ann | 3h`` the name is in the middle."""
    seps = [k for k, key in enumerate(keys) if key in _FIELD_SEPARATORS]
    if "T" not in keys or len(seps) < 2:
        return list(range(len(keys)))
    last_time = len(keys) - 1 - keys[::-1].index("T")
    inner = [k for k in seps if k < last_time]
    if len(inner) < 2 or any(key == "T" for key in keys[: inner[-1]]) or not any(
            key[0].isalpha() for key in keys[: inner[0]]):
        return list(range(len(keys)))  # "#2 | ann | 3h": the name is the middle field
    return [*range(inner[0] + 1), *range(inner[-1] + 1, len(keys))]


_MAIL_ADDRESS = regex.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE_MARK = regex.compile(r"[_\d.@]")  # inside a word: a handle ("jk_in_ohio", "ann.lee")


def skeleton(content: str) -> str:
    """The coarse skeleton of a line: times ``T``, counts ``#``, runs of capitalised
    words and handles ``N``, lowercase words and separators kept.

    >>> skeleton("Posted by: Marty K | October 02, 2009 at 10:02 AM")
    'posted by : N | T'
    >>> skeleton("+5 Vote up Vote down Reply")
    '+ # vote up vote down reply'
    >>> skeleton("posted by quietgarden at 5:24 PM on January 8, 2020 [23 favorites]")
    'posted by quietgarden T [ # favorites ]'
    >>> skeleton('Posted by: "Ann Lee" ann.lee@mail.example.org') == skeleton('Posted by: "Bo Ek" bo@x.example')
    True
    """
    content = _MAIL_ADDRESS.sub("mail_address", content)  # a sender's address is a handle
    shape = _shape(content)
    if shape is None:
        return ""
    out: list[str] = []
    for key, (a, _) in zip(shape.keys, shape.spans):
        tok = content[a]
        named = key != "T" and key[0].isalpha() and key not in signals.ACTION_WORDS and key not in _CONSTANT_WORDS
        if named and (tok.isupper() or _HANDLE_MARK.search(key[1:]) is not None):
            key = "N"
        if not (key in ("N", "T") and out and out[-1] == key):
            out.append(key)
    return " ".join(out)


def _frame(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The bucket of a line for alignment: its first and last token when not words
    (``•`` … ``T``); empty for lines made only of words."""
    if all(k != "T" and (k[0].isalpha() or k == "#") for k in keys):
        return ()
    return tuple("w" if k != "T" and k[0].isalpha() else k for k in (keys[0], keys[-1]))


def _trim(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Keys up to the last time when what follows is a count, a post number or widget words."""
    if "T" not in keys:
        return keys
    last = len(keys) - 1 - keys[::-1].index("T")
    tail = keys[last + 1:]
    if "#" in tail or all(not k[0].isalpha() or k in signals.ACTION_WORDS or _DIGIT.search(k) for k in tail):
        return keys[: last + 1]
    return keys


def _bare(keys: tuple[str, ...]) -> tuple[str, ...]:
    """A skeleton without its counts and times (unless it is nothing but those):
    ``9-19 Reply`` and ``2d ago Reply`` are one action bar."""
    return tuple(k for k in keys if k not in ("#", "T")) or keys


def _without_bracket(mid: tuple[str, ...]) -> tuple[str, ...]:
    """A name slot's keys without a bracketed group of one to three words after the name
    (``Ann Lee (Leeds)``, ``Bo (guest) wrote``): a town or badge some posters add, which
    the names' cleaning weighs later."""
    if ")" not in mid or "(" not in mid[1:]:
        return mid
    k = mid.index("(", 1)
    end = mid.index(")", k) if ")" in mid[k:] else -1
    inner = mid[k + 1: end]
    if end < 0 or not 1 <= len(inner) <= 3 or not all(key[0].isalpha() or key == "@" for key in inner):
        return mid
    return mid[:k] + mid[end + 1:]


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, int] | None:
    """Common prefix and suffix lengths of two skeletons whose middles form a name slot
    (at most five word or count tokens, no time, no separator); None if they do not align."""
    if a == b:
        return len(a), 0
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    mids = tuple(_without_bracket(m) for m in (a[p: len(a) - s], b[p: len(b) - s]))
    if p + s == 0 or any(not m or len(m) > _MAX_SLOT for m in mids):
        return None
    if any(k == "T" or not (k[0].isalpha() or k in "#,") for m in mids for k in m):
        return None
    if any(m[0] == "," or m[-1] == "," for m in mids):
        return None  # "Name, Jr." may hold a comma; a slot does not start or end with one
    if all(k == "#" for m in mids for k in m):
        return None
    return p, s


def _fields(keys: tuple[str, ...]) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """A skeleton as its separators (times and punctuation) and the word runs between them
    (each run as its token index range, empty runs included)."""
    seps: list[str] = []
    runs: list[tuple[int, int]] = []
    start = 0
    for k, key in enumerate(keys):
        if key != "T" and (key[0].isalpha() or key in "#,"):
            continue
        seps.append(key)
        runs.append((start, k))
        start = k + 1
    runs.append((start, len(keys)))
    return tuple(seps), runs


def _name_field(keys: tuple[str, ...]) -> tuple[int, int] | None:
    """The fit (prefix, suffix lengths) of a line's first word run, its leading field."""
    _, runs = _fields(keys)
    first = next(((a, b) for a, b in runs if b > a), None)
    return (first[0], len(keys) - first[1]) if first else None


def _align_fields(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two header lines of several variable fields (``Milan (Kragujevac) — <time>``,
    ``Anonymous (ID: x) Iraq <time>``): the same times and punctuation in the same order,
    a time among them, and word runs of at most five tokens between them, more than one of
    which differs. The name is the leading field (:func:`_name_field`)."""
    seps_a, runs_a = _fields(a)
    seps_b, runs_b = _fields(b)
    if seps_a != seps_b or "T" not in seps_a or len(seps_a) < 3:
        return False
    if any(hi - lo > _MAX_SLOT for lo, hi in (*runs_a, *runs_b)):
        return False
    differing = sum(a[lo_a:hi_a] != b[lo_b:hi_b] for (lo_a, hi_a), (lo_b, hi_b) in zip(runs_a, runs_b))
    return differing >= 2 and _name_field(a) is not None and _name_field(b) is not None


@dataclass
class _Group:
    keys: tuple[str, ...]  # the first member's (trimmed) skeleton
    members: list[int] = field(default_factory=list)
    slots: dict[int, tuple[int, int]] = field(default_factory=dict)  # line -> (prefix, suffix) lengths
    constant: bool = True  # all members have the same skeleton (no name slot)
    fit: tuple[int, int] | None = None  # the slot of members with the first member's skeleton
    bare: tuple[str, ...] = ()  # the first member's skeleton without counts and times
    fields: bool = False  # members align field by field (several slots), the name the leading one

    @property
    def timed(self) -> bool:
        return "T" in self.keys


def line_groups(contents: Sequence[str], candidates: Sequence[int]) -> list[_Group]:
    """Group the candidate lines whose skeletons align (same constants, one name slot).

    Lines made only of words group only with identical lines (``Logged``, ``Report``);
    others are bucketed by their frame of separators, times and counts and aligned
    with the first line of each group of the bucket.

    >>> lines = ["Posted by: Ann Lee | May 1, 2020", "x", "Posted by: Bo | May 2, 2020"]
    >>> [(g.members, g.constant) for g in line_groups(lines, [0, 2])]
    [([0, 2], False)]
    """
    buckets: dict[tuple[str, ...], list[_Group]] = {}
    for i in candidates:
        shape = _shape(contents[i])
        if shape is None or not shape.keys:
            continue
        keys = _trim(shape.keys)
        frame = _frame(_without_bracket(keys))  # "<time> — Ito (Tromsø)" in the frame of "<time> — Ann"
        bare = _bare(shape.keys)
        # word-only lines align on a shared two-word opening ("Comment submitted by <name>")
        # or closing ("<name> replied on example.social")
        phrase = ("w", *keys[:2]) if not frame and len(keys) >= 3 else ()
        groups = buckets.setdefault(frame or phrase or bare, [])
        closing = buckets.setdefault(("w$", *keys[-2:]), []) if phrase else []
        aligned = [*groups, *closing]
        labels = buckets.get(bare, []) if frame else []  # "2d ago Reply" among "9-19 Reply" bars
        for g in [*aligned, *labels]:
            # "Useful" and "Useful 4": one label, with or without its count; "Posted <date>" and
            # "Posted <date> (edited)": one line once the widget words after the time are trimmed
            same = bare == g.bare or keys == g.keys
            within = any(g is h for h in aligned)
            fit = (len(keys), 0) if same else (_align(g.keys, keys) if (frame or phrase) and within else None)
            if fit is None and frame and within and _align_fields(g.keys, keys):
                g.fields = True
                fit = _name_field(keys)
                g.fit = g.fit or _name_field(g.keys)
            if fit is None:
                continue
            g.members.append(i)
            if not same:
                g.constant = False
                g.slots[i] = fit
                g.fit = g.fit or fit
            break
        else:
            groups.append(_Group(keys, [i], bare=bare))
            if phrase:
                closing.append(groups[-1])
    groups = list({id(g): g for gs in buckets.values() for g in gs if len(g.members) >= 2}.values())
    return [g for g in (_refine(g, contents) for g in groups) if len(g.members) >= 2]


def _refine(g: _Group, contents: Sequence[str]) -> _Group:
    """Constants shared by most lines of a group (more than half of them) are its prefix and
    suffix; the slot is what lies between. Lines that do not carry the common constants,
    or leave no slot, leave the group (``Like this:`` among ``Name says:`` lines). A prefix
    or suffix that leaves most lines no slot is a name most records share (``Karim Aziz``
    in ``<name> added a comment - <time>``), not a constant: the other one alone frames the slot."""
    if g.constant or g.fields or len(g.members) < 3:
        return g
    keys = {i: _trim(_shape(contents[i]).keys) for i in g.members}
    need = len(keys) // 2 + 1
    prefix = _common_run(list(keys.values()), need)
    suffix = _common_run([k[::-1] for k in keys.values()], need)[::-1]
    def fitting(p: int, s: int) -> list[int]:
        return [i for i, k in keys.items() if k[:p] == prefix[:p] and k[len(k) - s:] == suffix[len(suffix) - s:]
                and 0 < len(k) - p - s <= _MAX_SLOT]

    fit = (len(prefix), len(suffix))
    kept = fitting(*fit)
    if len(kept) < need:  # the longest shorter constants that keep most lines around a slot of
        # three or more values (names, not one more constant word)
        fits = [(p, s) for p in range(len(prefix) + 1) for s in range(len(suffix) + 1) if p or s]
        fits = [f for f in fits if len(fitting(*f)) >= need and len({keys[i][f[0]: len(keys[i]) - f[1]] for i in fitting(*f)}) >= 3]
        if fits:
            fit = max(fits, key=sum)
            kept = fitting(*fit)
    return _Group(g.keys, kept, {i: fit for i in kept}, False, fit, g.bare)


def _common_run(seqs: list[tuple[str, ...]], need: int) -> tuple[str, ...]:
    """The longest leading run of tokens that at least ``need`` sequences share."""
    run: tuple[str, ...] = ()
    while True:
        col = Counter(k[len(run)] for k in seqs if len(k) > len(run) + 1 and k[: len(run)] == run)
        if not col:
            return run
        tok, n = col.most_common(1)[0]
        if n < need:
            return run
        run = (*run, tok)


def _slot_text(content: str, fit: tuple[int, int]) -> str | None:
    """The text of a line's name slot, without counts at its ends (``Ellen Marsh 41p``)."""
    shape = _shape(content)
    if shape is None:
        return None
    keys = _trim(shape.keys)
    p, s = fit
    idx = list(range(p, len(keys) - s))
    while idx and keys[idx[-1]] == "#":
        idx.pop()
    while idx and keys[idx[0]] == "#":
        idx.pop(0)
    if not idx:
        return None
    return content[shape.spans[idx[0]][0]: shape.spans[idx[-1]][1]]


def _name_slot(text: str) -> bool:
    """A slot that can be a name: one to four tokens, not widget words (``X reblogged this from Y`` is none;
    a link in brackets after the name, ``Ann Lee (Link)``, is the poster's website, as :func:`_without_bracket`)."""
    ws = signals.words(_BRACKET_TAIL.sub("", text))
    if not ws or len(text.split()) > 4 or set(ws) & signals.ACTION_WORDS:
        return False
    return len(ws) >= 2 or signals.name_like(text)  # "answered", "edited": a verb, not a name


@lru_cache(maxsize=16384)
def _clear_prose(content: str) -> bool:
    """A line no template repeats: long, or a sentence of five words or more."""
    n = len(signals.words(content))
    return len(content) > _MAX_LINE or n >= 14 or (n >= 5 and signals.ends_sentence(content))


def _ideographic_sentence(content: str) -> bool:
    """A line of Chinese or Japanese text, which has no spaces to count words by: ten
    ideographs or kana without a space, or six with a sentence mark inside (a display name
    is shorter and has none: ``环球观察员老周``; ``老胡不糊涂 回复 北冥有鱼`` is two names)."""
    n = len(_IDEOGRAPHIC.findall(content))
    if 2 * n < len(_LETTER.findall(content)):
        return False  # mostly a spaced script: its words are counted
    run = max(len(_IDEOGRAPHIC.findall(t)) for t in content.split())  # "Ann 回复 Bo": names, spaced
    return run >= 10 or (n >= 6 and _IDEOGRAPHIC_STOP.search(content) is not None)


@lru_cache(maxsize=16384)
def _text_line(content: str) -> bool:
    """A line of reader or author text (not a name, time, count, action or menu line);
    thread guides before it (``| | Not quite.``) are not part of it."""
    content = _GUIDED.sub("", content)
    ws = signals.words(content)
    if signals.navigation_line(content) or signals.menu_like(content) or " | " in content:
        return False
    if signals.ends_sentence(content) and not signals.name_like(content):
        return True
    if _ideographic_sentence(content):
        return not signals.action_line(content)
    if len(ws) < 3 or signals.name_like(content) or signals.action_line(content):
        return False
    if len(ws) <= 8 and signals.capital_share(content) >= 0.5:
        return False  # a heading or a "Name replied to Name" line, not a sentence
    return len(ws) > 12 or not any(signals.parse_timestamp(content[a:b]) for a, b in signals.find_times(content))


@dataclass
class MotifRecord:
    """One record read from the repeated motif.

    Attributes
    ----------
    delimiter : int
        The line of the repeated skeleton (header or trailer line).
    header, body, chrome : list of int
        Line indices of the header (name, time, avatar, vote lines), the reader's text,
        and the record's widget lines.
    slot : str or None
        The text in the delimiter's name slot, when its skeleton has one.
    names : list of int
        Header lines that can hold the name (name-like, not a repeated label, not initials).
    text_start : int
        Offset of the message on the delimiter line of a chat log (0 elsewhere).
    """

    delimiter: int
    header: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    chrome: list[int] = field(default_factory=list)
    slot: str | None = None
    names: list[int] = field(default_factory=list)
    text_start: int = 0  # where the message starts on a chat line that opens with its sender
    number: int | None = None  # the post's running number, where the delimiters show one


@dataclass
class Motif:
    """The repeated motif of a page: its records and orientation (``header`` when the
    delimiter comes before the text, ``trailer`` when after)."""

    records: list[MotifRecord]
    orientation: str
    start: int
    end: int  # one past the last line
    opening: MotifRecord | None = None  # a chat's opening message (the thread's body), its notices as header


def _best_run(g: _Group, text: list[bool]) -> list[int]:
    """The longest run of the group's lines with reader text between each two."""
    best: list[int] = []
    run: list[int] = []
    for i in sorted(g.members):
        run = [*run, i] if run and any(text[run[-1] + 1: i]) else [i]
        if len(run) > len(best):
            best = run
    return best


def _delimiter(groups: list[_Group], text: list[bool]) -> tuple[_Group, list[int]] | None:
    """The group that delimits records: repeated with text between its lines, preferring
    groups with a time and with a name slot (or a fuller companion of it,
    :func:`_fuller_companion`)."""
    best, best_score, best_run = None, 0.0, []
    for g in groups:
        run = _best_run(g, text)
        if len(run) < 3 and not (len(run) == 2 and g.timed):
            continue
        if not any(k == "T" or k[0].isalpha() for k in g.keys):
            continue  # like and view counts sit in every record but delimit nothing
        score = len(run) * (2 if g.timed else 1) * (1 if g.constant else 1.5)
        if score > best_score:
            best, best_score, best_run = g, score, run
    if best is None:
        return None
    return _fuller_companion(best, best_run, groups, text) or (best, best_run)


_COMPANION_REACH = 3  # lines between a delimiter and a line that goes with it in every record


def _fuller_companion(g: _Group, run: list[int], groups: list[_Group], text: list[bool]) -> tuple[_Group, list[int]] | None:
    """A group with a name slot that has a line a little above (or below) every delimiter
    line and repeats more often: each record has it, and a record whose delimiter
    took another shape (a month written in another language) is delimited by it too
    (``Avatar: Ann`` one line above ``Ann · 17 Feb, 10:48``)."""
    for h in groups:
        if h is g or h.constant or not any(k == "T" or k[0].isalpha() for k in h.keys):
            continue
        members = set(h.members)
        for side in (-1, 1):
            near = [next((i + side * d for d in range(1, _COMPANION_REACH + 1) if i + side * d in members), None)
                    for i in run]
            fuller = _best_run(h, text)
            if None not in near and len(fuller) > len(run) and set(fuller) >= set(near):
                return h, fuller
    return None


def _chrome_like(content: str, i: int, constant: set[int]) -> bool:
    return (i in constant or signals.action_line(content) or bool(_COUNT.fullmatch(content.strip()))
            or not _LETTER.search(content) or bool(_COUNTED_LABELS.fullmatch(content.strip())))


def _template_constant(g: _Group, occ: list[int], contents: Sequence[str]) -> bool:
    """A line the template repeats unchanged (``Reply``, ``Report``): three times or more,
    unless it is a name seen above no more than half the records (one commenter who
    wrote three of them, or the post's author answering twice, whose name the page's own
    header may repeat: only the lines among the records count)."""
    if not g.constant or len(g.members) < 3:
        return False
    among = [i for i in g.members if occ[0] - _MAX_HEADER <= i <= occ[-1] + _MAX_HEADER]
    return len(among) * 2 > len(occ) or not signals.name_like(contents[g.members[0]])


def find_motif(contents: Sequence[str]) -> Motif | None:
    """The comment records of a page read from its most repeated line motif.

    Parameters
    ----------
    contents : sequence of str
        Stripped non-blank lines of the page.

    Returns
    -------
    Motif or None
        None when no skeleton repeats with reader text between its occurrences, or when
        the records it delimits carry no names.

    Examples
    --------
    >>> lines = ["An article about the harbour and its new quays.", "Comments",
    ...          "Nice piece, thanks.", "Posted by: Ann Lee | May 1, 2020 at 9:02 AM",
    ...          "I disagree with most of it.", "Posted by: Bo | May 1, 2020 at 9:30 AM",
    ...          "Why now?", "Posted by: Cy Ray | May 2, 2020 at 8:00 AM", "Archives", "Powered by X"]
    >>> m = find_motif(lines)
    >>> m.orientation, [(r.slot, r.body) for r in m.records], m.end
    ('trailer', [('Ann Lee', [2]), ('Bo', [4]), ('Cy Ray', [6])], 8)
    """
    chat = _prefix_motif(contents)
    if chat is not None:
        return chat
    seen = Counter(contents)
    candidates = [i for i, c in enumerate(contents) if seen[c] >= 3 or not _clear_prose(c)]
    groups = line_groups(contents, candidates)
    repeated = {i for g in groups if len(g.members) >= 3 or g.timed for i in g.members}
    text = [i not in repeated and _text_line(c) for i, c in enumerate(contents)]
    found = _delimiter(groups, text)
    if found is None:
        return None
    g, occ = found
    numbers = _running_numbers(occ, contents)
    if numbers:
        occ, numbers = _numbered_gaps(g, occ, numbers, contents, text)
    _header_places(occ, groups, contents, text)
    refs = set(_reference_lines(contents, occ, numbers) if numbers else ())
    for j in refs:
        text[j] = True  # ">>12" opens a reply to post 12
    constant = {i for h in groups if _template_constant(h, occ, contents) for i in h.members} - refs
    # posts whose lines open with their running number are opened by them
    opened = bool(numbers) and all(_OPENING_NO.match(contents[i].strip()) for i in occ)
    trailer = not opened and _trailer_oriented(occ, text, contents)
    marked = opened and all(contents[i].lstrip().startswith("#") for i in occ)  # "#12  2020-01-13 08:15"
    recs = _trailer_records(occ, contents, text, constant) if trailer else _header_records(occ, contents, text, constant, marked)
    if not trailer and len(recs) > 2 and len(recs[0].body) > 2 * max(len(r.body) for r in recs[1:]) + 2:
        recs = recs[1:]  # the article under its byline, not a comment
    _name_records(recs, g, groups, contents, constant)
    if not _plausible(recs, contents):
        return None
    for rec in recs:
        rec.number = numbers[occ.index(rec.delimiter)] if numbers else None
    start = min(recs[0].header + recs[0].body + [recs[0].delimiter])
    last = recs[-1]
    end = max(last.header + last.body + last.chrome + [last.delimiter]) + 1
    return Motif(recs, "trailer" if trailer else "header", start, end)


_LINK = regex.compile(r"\w[\w+.\-]*://\S+|www\.\S+", regex.I)


def _in_link(content: str, slot: str) -> bool:
    """The slot's text lies inside a web address on the line."""
    at = content.find(slot)
    return any(m.start() <= at < m.end() for m in _LINK.finditer(content))


def _month_of_date(content: str, slot: str) -> bool:
    """The slot is the month of a date the line goes on with (``5 nights · March 2022``,
    ``Joined: sep 2016``): the time finder reads only the year, the month is no name."""
    at = content.find(slot)
    rest = content[at + len(slot):] if at >= 0 else ""
    times = signals.find_times(rest)
    return signals.month_word(slot) and bool(times) and not rest[: times[0][0]].strip()


def _relative_day_of(content: str, slot: str) -> bool:
    """The slot is a day word of the time, alone or with the word before it (``í gjár kl.
    10:02``, ``yesterday at 9:10``): varying from record to record, but no name."""
    at = content.find(slot)
    before = content[:at].split()[-1:] if at >= 0 else []
    return signals.relative_day(slot) or signals.relative_day(" ".join([*before, slot]))


def _name_records(recs: list[MotifRecord], g: _Group, groups: list[_Group], contents: Sequence[str],
                  constant: set[int]) -> None:
    """Set each record's name slot (the delimiter's, else that of a header line of another
    slot group) and its name-like header lines (not initials, not a repeated label; in the
    first record, none higher above the delimiter than in the others)."""
    slotted = {i: h for h in groups if _header_slot_group(h, g, recs) for i in h.members}
    numbered = _running_numbers([r.delimiter for r in recs], contents, leading=True) is not None
    for rec in recs:
        fit = g.slots.get(rec.delimiter, g.fit)
        keys = _trim(_shape(contents[rec.delimiter]).keys)
        if numbered and g.constant and "T" in keys[1:]:
            fit = (0, len(keys) - keys.index("T"))  # "2 Anonymous 2019/06/21 …" on every post: one name for all
        if fit and fit[0] and keys[fit[0] - 1] in (":", "：") and "T" in keys[: fit[0]]:
            fit = None  # "9-19 09:02 Location: Shanghai": a field after the time, not a name
        rec.slot = _slot_text(contents[rec.delimiter], fit) if fit else None
        rec.names = [j for j in rec.header if (signals.name_like(contents[j]) or _under_initials(contents, j)) and j not in constant
                     and not _INITIALS.fullmatch(contents[j].strip()) and not _chrome_like(contents[j], j, constant)]
        bar = max((j for j in rec.header if j < rec.delimiter and signals.action_line(contents[j])), default=-1)
        if any(j > bar for j in rec.names):  # "Tavita" / "Like  More" / "Sefo Tuala": the name above
            rec.names = [j for j in rec.names if j > bar]  # the bar signs the text before it
    # "Comment submitted by <name>" above a constant "Posted on <date>" line: the slot of
    # another group's header line, unless most such lines sit right under a name line
    # (``Ann Lee`` over ``4.0 out of 5 stars  Dense but worth it``: the slot is a title)
    lines = {id(rec): next((j for j in rec.header if j in slotted), None) for rec in recs if not rec.slot}
    titled = [rec for rec in recs if lines.get(id(rec)) is not None and lines[id(rec)] - 1 in rec.names]
    under_names = len(titled) >= 2 and len(titled) * 2 > sum(line is not None for line in lines.values())
    for rec in recs:
        slot, line = rec.slot, lines.get(id(rec))
        if not slot and line is not None and not under_names:
            fit = slotted[line].slots.get(line, slotted[line].fit)
            slot = _slot_text(contents[line], fit) if fit else None
        # not "X reblogged this from Y", not a path segment of a link ("Link: https://…/iraq-pm-riyadh/")
        rec.slot = slot if (slot and _name_slot(slot) and not _in_link(contents[rec.delimiter], slot)
                            and not _month_of_date(contents[rec.delimiter], slot)
                            and not _relative_day_of(contents[rec.delimiter], slot)) else None
    reach = max((r.delimiter - r.names[0] for r in recs[1:] if r.names), default=0)
    recs[0].names = [j for j in recs[0].names if recs[0].delimiter - j <= reach]  # not a section heading


_NAME_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’.\-]*")


def _under_initials(contents: Sequence[str], j: int) -> bool:
    """The line under an avatar drawn as the poster's initials (``NH`` / ``Nor Hidayah``): a
    name, though one of its words is a stopword somewhere."""
    if j == 0 or not _INITIALS.fullmatch(contents[j - 1].strip()) or len(contents[j].split()) > 4:
        return False
    words = _NAME_WORD.findall(contents[j])
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == contents[j - 1].strip()


def _header_slot_group(h: _Group, g: _Group, recs: list[MotifRecord]) -> bool:
    """A slot group other than the delimiter's whose line sits in the header of every
    record (all but one at most) and is no ``Label: value`` field (``Location: Basra``)."""
    if h.constant or h is g or h.fit is None or (h.fit[0] and h.keys[h.fit[0] - 1] == ":"):
        return False
    members = set(h.members)
    return sum(bool(members & set(r.header)) for r in recs) >= max(2, len(recs) - 1)


def _plausible(recs: list[MotifRecord], contents: Sequence[str]) -> bool:
    """Records carry names, more than one (not a dateline or a page header) unless they are
    a board's numbered posts, and are short (not the pages of a report under its running header)."""
    names = [rec.slot or (contents[rec.names[0]] if rec.names else None) for rec in recs]
    if sum(n is not None for n in names) * 2 < len(recs):
        return False
    if len(set(names) - {None}) < 2 and not _numbered_posts(recs, contents):
        return False
    return sorted(len(r.body) for r in recs)[len(recs) // 2] <= _MAX_BODY


_POST_NO_START = regex.compile(r"\d{1,5}(?=\s)")
_OPENING_NO = regex.compile(r"#?\d{1,5}[.)]?\s")  # "12 ", "12. ", "12) ", "#12 " open a numbered post
_POST_NO = regex.compile(r"(?<![\p{L}\d])(?:no\.?\s?|#|>>)?(?P<n>\d{1,12})(?![\p{L}\d])", regex.I)


def _post_numbers(content: str) -> list[int]:
    """The numbers a header line shows outside its time (``2 …``, ``No.4711``, ``#12``)."""
    for a, b in signals.find_times(content):
        content = content[:a] + " " * (b - a) + content[b:]
    return [int(m.group("n")) for m in _POST_NO.finditer(content)]


def _running_numbers(delimiters: Sequence[int], contents: Sequence[str], *, leading: bool = False) -> list[int] | None:
    """The posts' running numbers, one per delimiter, where every delimiter shows a number
    at one place in the line that rises from record to record (``2 …``, ``3 …``, ``4 …``;
    ``… No.4711``, ``… No.4730``), or, with ``leading``, opens with one rising by one;
    None when they show none."""
    if leading:
        starts = [_POST_NO_START.match(contents[i]) for i in delimiters]
        nums = [int(m.group()) for m in starts if m]
        ok = len(nums) == len(delimiters) and nums == list(range(nums[0], nums[0] + len(nums)))
        return nums if ok else None
    nums = [_post_numbers(contents[i]) for i in delimiters]
    if len(nums) < 2 or not all(nums):
        return None
    for k in range(min(len(n) for n in nums)):
        seq = [n[k] for n in nums]
        if all(a < b for a, b in zip(seq, seq[1:])) and (len(seq) >= 3 or seq[1] == seq[0] + 1):
            return seq
    return None


def _numbered_gaps(g: _Group, occ: list[int], numbers: list[int], contents: Sequence[str],
                   text: list[bool]) -> tuple[list[int], list[int]]:
    """The run of numbered posts with the posts it skipped: a line of the delimiter's group
    right before or after the run whose number continues it (a first or last post too short
    to count as text), and a timed header line of another shape between two posts whose
    number lies between theirs (a poster with a tripcode instead of an id). Its name is its
    leading field."""
    posts = dict(zip(occ, numbers))
    for j in sorted(set(g.members) - set(occ)):
        nums = _post_numbers(contents[j])
        ahead = [i for i in posts if i > j]
        behind = [i for i in posts if i < j]
        if not ahead and behind and posts[behind[-1]] + 1 in nums:
            posts[j] = posts[behind[-1]] + 1
        elif not behind and ahead and posts[ahead[0]] - 1 in nums:
            posts[j] = posts[ahead[0]] - 1
    lines = sorted(posts)
    for a, b in zip(lines, lines[1:]):
        for j in range(a + 1, b):
            shape = _shape(contents[j])
            inside = [n for n in _post_numbers(contents[j]) if posts[a] < n < posts[b]]
            if inside and shape is not None and "T" in shape.keys and not text[j] and j not in g.members:
                fit = _name_field(_trim(shape.keys))
                if fit is not None:
                    posts[j] = inside[0]
                    g.slots[j] = fit
                break
    while True:  # and after the last post, the next number's header of another shape
        last = max(posts)
        nxt = next((j for j in range(last + 1, min(len(contents), last + _MAX_HEADER))
                    if posts[last] + 1 in _post_numbers(contents[j])), None)
        shape = _shape(contents[nxt]) if nxt is not None else None
        fit = _name_field(_trim(shape.keys)) if shape is not None and "T" in shape.keys else None
        if fit is None or text[nxt] or nxt in g.members or not any(text[last + 1:nxt]):
            break
        posts[nxt] = posts[last] + 1
        g.slots[nxt] = fit
    lines = sorted(posts)
    return lines, [posts[i] for i in lines]


def _numbered_posts(recs: list[MotifRecord], contents: Sequence[str]) -> bool:
    """The delimiters carry the posts' running numbers: a board's posts, though every
    poster keeps the default name."""
    return _running_numbers([r.delimiter for r in recs], contents) is not None


_QUOTE_MARK = r"(?:>>|＞＞)\s?"  # ">>12", "＞＞12": a link to post 12
_POST_REF = regex.compile(rf"(?:{_QUOTE_MARK}(?P<n>\d{{1,12}})[\s,]*)+")
_QUOTE_LINK = regex.compile(rf"{_QUOTE_MARK}(\d{{1,12}})(?!\d)")


def post_reference(content: str) -> int | None:
    """The post number a textboard's quote link names (``>>12``, ``＞＞12``) at the start of a line."""
    m = _QUOTE_LINK.match(content.strip())
    return int(m.group(1)) if m else None


def _reference_lines(contents: Sequence[str], occ: Sequence[int], numbers: Sequence[int]) -> list[int]:
    """Lines made only of quote links (``>>193847261``) to earlier posts' numbers (from the
    first delimiter's up to that of the delimiter above): the opening of a reply's text, not
    template. Cross-record evidence: at least one of them names a delimiter's own number."""
    found, named = [], False
    for j, c in enumerate(contents):
        m = _POST_REF.fullmatch(c.strip())
        above = [n for i, n in zip(occ, numbers) if i < j]
        refs = [int(x) for x in m.captures("n")] if m is not None else []
        if refs and above and all(numbers[0] <= n <= above[-1] for n in refs):
            found.append(j)
            named = named or any(n in numbers for n in refs)
    return found if named else []


_PREFIX_END = regex.compile(r"\s*[:>]\s+")
_PREFIX_LAST = regex.compile(r"\s*:\s*$")
_BADGES = regex.compile(r"^[\s\p{So}\p{Sk}\p{Cf}\p{Mn}]+")  # "⭐ ann": a chat badge before the name
_PREFIX_SEP = "-–—[]<>()|·•,: \t"


def _message_prefix(content: str) -> tuple[str, int] | None:
    """The sender of a chat-log line that opens with its time (``08/05/2020, 08:15 - Ann: text``,
    ``[12:01] <ann> text``) and where the message starts, or None."""
    if not content[:3].lstrip("[(").startswith(tuple("0123456789")):
        return None  # the line does not open with a time
    spans = signals.find_times(content[:40])
    if not spans or spans[0][0] > 2:
        return None
    rest = content[spans[-1][1]:].lstrip("]) -–—,\t")
    m = _PREFIX_END.search(rest, 0, 45) or _PREFIX_LAST.search(rest, 0, 45)  # "[0:12] ann:" over the text
    name = _BADGES.sub("", rest[: m.start()]).strip(_PREFIX_SEP) if m else ""
    if not name or len(name.split()) > 4 or not (rest[m.end():].strip() or rest.rstrip().endswith(":")):
        return None
    return name, len(content) - len(rest) + m.end()


def _prefix_motif(contents: Sequence[str]) -> Motif | None:
    """Records of a chat log: every message line opens with time and sender; lines without
    that prefix continue the message above, unless they are the log's own notices (a time
    but no sender)."""
    senders = [_message_prefix(c) for c in contents]
    heads = [i for i, n in enumerate(senders) if n]
    if len(heads) < 3 or len({senders[i][0] for i in heads}) < 2:
        return None
    recs = []
    for i, stop in zip(heads, heads[1:] + [len(contents)]):
        rec = MotifRecord(i, header=[i], body=[i], slot=senders[i][0], text_start=senders[i][1])
        for j in range(i + 1, stop):
            notice = bool(signals.find_times(contents[j][:40])) and contents[j][:1].isdigit()
            if notice or rec.chrome or (stop == len(contents) and not _text_line(contents[j])):
                rec.chrome.append(j)  # "08:22 - Ann left": the log's notice ends the message
            else:
                rec.body.append(j)
        recs.append(rec)
    opening = [k for k in range(min(2, len(recs))) if len(recs[k].body) > 2 * max(len(r.body) for r in recs[k + 1:]) + 2]
    first = None
    if opening:  # the opening message under which the chat runs (a briefing)
        first = recs[opening[-1]]
        first.header = [j for j in range(first.delimiter) if not _text_line(contents[j]) or signals.find_times(contents[j][:40])]
        recs = recs[opening[-1] + 1:]
    if len(recs) < 2:
        return None
    last = recs[-1]
    start = first.header[0] if first is not None and first.header else recs[0].delimiter
    return Motif(recs, "prefix", start, max(last.body + last.chrome) + 1, first)


def _header_places(occ: list[int], groups: list[_Group], contents: Sequence[str], text: list[bool]) -> None:
    """A short line in the place where the other records carry a line of a slot group, one
    or two lines above the delimiter, is a header line too though it took another shape
    (``Jo Lee mentioned this on x.example`` among ``Ann replied on y.example`` lines)."""
    for d in (1, 2):
        above = [i - d for i in occ if i - d >= 0]
        for h in groups:
            if h.constant or h.fit is None:
                continue
            members = set(h.members)
            if sum(j in members for j in above) < max(3, len(occ) - 1):
                continue
            for j in above:
                if j not in members and text[j] and not _clear_prose(contents[j]):
                    text[j] = False


def _edge_phase(occ: list[int], text: list[bool], contents: Sequence[str]) -> int | None:
    """How far below its record's text a delimiter that closes records sits, read from the
    page's own repetition: the text ends the same number of lines above every delimiter,
    the first one included, while the text after the delimiters starts at varying places
    or not at that place after the last one (``Ann / text / 3 hours ago / Reply · Report``:
    the action bar closes the record, the page's footer under the last bar is no record).
    The lines between the first text and its delimiter take the shape of those in the
    other records (their time lines, not a sort bar over the first header). None when the repetition does not tell (the text lies as regularly on both sides)."""
    if len(occ) < 3:
        return None
    back, fwd = [], []
    for a, b in zip(occ, occ[1:]):
        inside = [j for j in range(a + 1, b) if text[j]]
        if not inside:
            return None
        back.append(b - inside[-1])
        fwd.append(inside[0] - a)
    lead = back[0]
    closes = len(set(back)) == 1 and lead <= 3 and occ[0] - lead >= 0 and text[occ[0] - lead] \
        and not any(text[occ[0] - lead + 1: occ[0]]) \
        and all(len({skeleton(contents[i - d]) for i in occ}) == 1 for d in range(1, lead))
    last = occ[-1] + fwd[0]
    opens = len(set(fwd)) == 1 and last < len(text) and text[last] and not any(text[occ[-1] + 1: last])
    return lead if closes and not opens else None


def _trailer_oriented(occ: list[int], text: list[bool], contents: Sequence[str]) -> bool:
    """Text right above most delimiters (and none right after the last): they close records;
    so do delimiters under the text at one fixed distance (:func:`_edge_phase`)."""
    if _edge_phase(occ, text, contents) is not None:
        return True
    before = sum(i > 0 and text[i - 1] for i in occ)
    after = sum(i + 1 < len(text) and text[i + 1] for i in occ)
    first_after_text = occ[0] > 0 and text[occ[0] - 1]
    last_before_text = occ[-1] + 1 < len(text) and text[occ[-1] + 1]
    if len(occ) >= 3 and (before + after) * 2 < len(occ):
        # few delimiters touch text (headers of several lines): text after the last one, within
        # a typical record's span, is the last record's (a notice or title over the first
        # delimiter says nothing)
        span = sorted(b - a for a, b in zip(occ, occ[1:]))[(len(occ) - 1) // 2]
        if any(text[occ[-1] + 1: occ[-1] + span]):
            return False
    return before > after or (before == after and first_after_text and not last_before_text)


def _split_stretch(lo: int, hi: int, contents: Sequence[str], constant: set[int]) -> int:
    """First line of ``lo..hi`` that is not the previous record's widget chrome."""
    j = lo
    while j < hi and _chrome_like(contents[j], j, constant):
        j += 1
    return j


def _header_records(occ: list[int], contents: Sequence[str], text: list[bool], constant: set[int],
                    marked: bool = False) -> list[MotifRecord]:
    """Records whose delimiter opens them: the header runs from the first non-chrome line
    after the previous record's text (from the delimiter, where it opens with the post's
    running ``#N``) to the first text line; the text runs to the next header."""
    starts: list[int] = []
    for k, i in enumerate(occ):
        lo = i
        if marked:  # "#12  2020-01-13": the lines above close the post before (its signature)
            starts.append(i)
            continue
        floor = occ[k - 1] + 1 if k else 0
        while lo - 1 >= floor and not text[lo - 1] and i - (lo - 1) <= _MAX_HEADER:
            lo -= 1
        starts.append(_split_stretch(lo, i, contents, constant))
    if len(occ) > 1:  # the first header reaches no higher than the others (not the section heading)
        starts[0] = max(starts[0], occ[0] - max(i - s for i, s in zip(occ[1:], starts[1:])))
    typical = sorted(i - s for i, s in zip(occ, starts))[len(occ) // 2]
    for k in range(1, len(occ)):
        if not any(text[occ[k - 1] + 1: occ[k]]):  # a post too short to count as text: its lines
            starts[k] = max(starts[k], occ[k] - typical)  # are no higher reach of the next header
    recs = []
    limits = starts[1:] + [_last_end(occ[-1], contents, text, constant, occ, starts)]
    for k, (i, s, stop) in enumerate(zip(occ, starts, limits)):
        rec = MotifRecord(i)
        lines = list(range(s, stop))
        own = [j for j in lines if j > i and text[j]]
        if not own and k + 1 < len(occ):  # bounded by the next post, its other lines are its text
            own = [j for j in lines if j > i and not _chrome_like(contents[j], j, set())]
        first_text = own[0] if own else stop
        last_text = own[-1] if own else first_text - 1
        rec.header = [j for j in lines if j < first_text]
        for j in range(first_text, stop):
            inside = j <= last_text and (j in own or not (j in constant or signals.action_line(contents[j])))
            (rec.body if inside else rec.chrome).append(j)
        recs.append(rec)
    return recs


def _last_end(i: int, contents: Sequence[str], text: list[bool], constant: set[int],
              occ: list[int], starts: list[int]) -> int:
    """Where the last header-opened record ends: after its text and widget lines, no
    longer than the longest other record."""
    longest = max((b - a for a, b in zip(starts, starts[1:])), default=8)
    # the other records' text starts this far below their delimiter (a profile panel of many lines)
    reach = max((next((x for x in range(a + 1, b) if text[x]), b) - a for a, b in zip(occ, occ[1:])), default=0)
    # template lines the other records show above some of their text (a quote box's "Click to
    # expand..."): inside a record, not the widget line closing it
    lasts = [max((x for x in range(a + 1, b) if text[x]), default=a) for a, b in zip(occ, occ[1:])]
    inner = {contents[x] for a, last in zip(occ, lasts) for x in range(a + 1, last) if x in constant}
    j, seen = i + 1, False
    while j < len(contents) and j - i <= longest + 2:
        if text[j]:
            seen = True
        elif not _chrome_like(contents[j], j, constant) and (seen or j - i > max(4, reach)):
            break
        elif seen and j in constant and contents[j] not in inner:
            j += 1
            break  # the closing widget line of the record
        j += 1
    return j


def _named_elsewhere(contents: Sequence[str], i: int) -> bool:
    """Whether another line of the page is line ``i``'s first words alone (``Ann`` above
    the post, ``Ann UP主 LV6`` over her pinned comment): a poster's name with badges."""
    return any(k != i and len(c) > 1 and contents[i].startswith(c + " ") for k, c in enumerate(contents))


def _trailer_records(occ: list[int], contents: Sequence[str], text: list[bool], constant: set[int]) -> list[MotifRecord]:
    """Records closed by their delimiter: text above it, widget lines below it; the
    lines after the widgets and before the next text (a name) open the next record. The
    first record's header is the name-like line right above its text, or the one above
    that when it is a name seen elsewhere on the page (over a ``Pinned`` status line)."""
    recs = []
    prev_end = None
    longest = 0
    lead = _edge_phase(occ, text, contents) or 1
    for k, i in enumerate(occ):
        rec = MotifRecord(i, header=[i])
        stop = occ[k + 1] if k + 1 < len(occ) else len(contents)
        j = i + 1
        while j < stop and not text[j] and _chrome_like(contents[j], j, constant):
            rec.chrome.append(j)
            j += 1
        if prev_end is None:
            lo = i - lead + 1  # over the lines between the text and its delimiter (a time line)
            while lo - 1 >= 0 and text[lo - 1]:
                lo -= 1
            rec.body = list(range(lo, i))
        else:
            opening = [x for x in range(prev_end, i) if not text[x]]
            first_text = next((x for x in range(prev_end, i) if text[x]), i)
            rec.header = [x for x in opening if x < first_text] + [i]
            rec.body = [x for x in range(first_text, i)]
            longest = max(longest, len(rec.body))
        prev_end = j
        recs.append(rec)
    if len(recs) > 1 and recs[0].body:
        recs[0].body = recs[0].body[-max(1, longest):]
        first = recs[0].body[0]
        above = [x for x in (first - 2, first - 1) if x >= 0 and signals.name_like(contents[x])
                 and not _chrome_like(contents[x], x, constant)]
        named = [x for x in above[:-1] if _named_elsewhere(contents, x)]
        recs[0].header = (named or above[-1:]) + recs[0].header
    return recs
