"""Comment sections by structure: repeated header motifs, not per-site rules.

A comment *header* is a motif of one to four short lines: a name-like line and a
timestamp (on the same line, ``jwinters | June 21, 2019``, or on a following line,
``Laila`` / ``· 4 hr. ago``), a ``Name says:`` / ``Name said...`` line, a mail
``From:`` + ``Date:`` block, or, for layouts whose time sits in the action bar
(``Like · Reply · 2y``), the name line above the text that bar closes. The comment
section is where one kind of motif repeats; it ends where the records end (the last
record's action bar, or the first line that is not comment prose), not at the first
end-word. Replies get a parent from ``level N`` lines, indentation, outline labels
(``1.1``), ``Name • time`` reply lines, short lines naming an earlier record's poster or
number (``↪ #2 Ann-a cavab``) in or right above the header, ``@name``, ``Name:`` /
``Name wrote:`` quotes, ``>`` quotes of an earlier comment, or an opening vocative
naming an earlier commenter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from corpuslib.corpus import motifs, signals
from corpuslib.corpus.template import template_key

__all__ = [
    "find_section",
    "drop_shared_name_words",
    "link_replies",
    "Record",
    "Section",
]


_VERB_HEADER = regex.compile(
    r"(?P<name>\S.{0,60}?)\s+(?:says|said|wrote|writes|commented)\s*(?::|\.{2,3}|…)?", regex.I
)
_MAIL_FROM = regex.compile(r"from:\s*(?P<value>.+)", regex.I)
# the header fields of a mail message (RFC 5322, MIME) as archives and mail clients show them
_MAIL_FIELD = regex.compile(r"(?:date|subject|sent|to|cc|bcc|reply[\s\-]to|in[\s\-]reply[\s\-]to|references|"
                            r"message[\s\-]id|content[\s\-]type|mime[\s\-]version|organi[sz]ation):\s*.*", regex.I)
_NAME_FIELD = regex.compile(r"(?:name|author|poster|nick(?:name)?|user(?:name)?|nombre|nom|autor)\s*:\s*(?P<value>\S.{0,60})", regex.I)
# any label with a mail-style sender as its value: "Posted by: "Ann Lee" ann@x.org"
_SENDER_FIELD = regex.compile(r"\p{L}[\p{L}\-]*(?:\s\p{L}[\p{L}\-]*)?\s*:\s*(?P<value>\"[^\"]{1,60}\"\s*(?:<?[\w.+\-]+@[\w.\-]+>?).{0,40})")
_SIGNATURE_RULE = regex.compile(r"_{6,}|--|[—–]")  # the line above a poster's signature
_BOX_RULE = regex.compile(r"([-=_~*─━═])\1{5,}")  # a rule setting a quote box off
_POSTED_BY = regex.compile(r"(?:original(?:ly)?\s+posted|quote\s+from|quoting)\s*:?\s+(?:by\s+)?(?P<name>\S.{0,40})", regex.I)
# A quote box's attribution in a reply ("Ann said:", "On 5/1/2021 at 2:22 PM, Ann said:"),
# with the past-tense verb in the languages of the stop-word lists: the reply answers Ann.
_QUOTE_BY = regex.compile(
    r"(?:on\s+.{4,40}?,\s+)?(?P<name>\S.{0,40}?)\s+(?:said|wrote|schrieb|a\s+écrit|escribió|escreveu|"
    r"ha\s+scritto|schreef|написал|написала|yazdı|كتب|نوشت)\s*:",
    regex.I,
)
_PROFILE_FIELD = regex.compile(r"\p{L}[\p{L}\-]*(?:\s\p{L}[\p{L}\-]*)?\s*:\s+\S.{0,40}")
_ANY_FIELD = regex.compile(r"\p{L}[\p{L}\-]*(?:\s\p{L}[\p{L}\-]*)?\s*:(?:\s.{0,100})?", regex.I)
_LEVEL = regex.compile(r"level\s+(?P<n>\d{1,2})", regex.I)
_TRANSPARENT = regex.compile(r"[\W_]*|\p{L}|#\d{1,5}|(?:user\s+)?avatar(?:\s+of\s+.{1,60})?|"
                             r"(?:profile\s+)?(?:picture|image|photo)", regex.I)
_PLACEHOLDER = regex.compile(
    r"(?:this\s+)?(?:comment|post|message)\s+(?:(?:was|has\s+been|is)\s+)?(?:deleted|removed|hidden)\b.*",
    regex.I,
)
_MENTION = regex.compile(r"@(?P<name>[\w.\-]+(?:\s+[\w.\-]+){0,2})")
# A text opening with a mention after at most one short word, a reply prefix in any language
# ("回复 @ann :", "回复@ann:", "Re @ann", "@ann").
_LEAD_MENTION = regex.compile(r"(?:[^\s@]{1,12}\s*)?" + _MENTION.pattern)
_QUOTE_NAME = regex.compile(r"(?P<name>\S.{0,40}?)\s*(?:wrote)?\s*:\s*$", regex.I)
_KIND_PREFERENCE = ("inline", "leading", "mail", "verb", "stacked", "trailer", "signed", "tail", "labelled")


@dataclass
class Record:
    """One comment record found by structure.

    Attributes
    ----------
    header : list of int
        Line indices of the header motif (name, time, badges).
    name : str or None
        Display name (None for anonymous placeholders).
    kind : str
        Motif kind (``inline``, ``stacked``, ``verb``, ``mail``, ``trailer``).
    body, chrome : list of int
        Line indices of the comment's text and of its action/vote lines.
    reply_name : str or None
        Name the header says this record answers (``Name • time`` under a name).
    level : int or None
        Depth from a ``level N`` line.
    indent : int
        Indentation of the header's first line.
    placeholder : bool
        A "this comment was deleted" record (boilerplate, not a comment).
    reply_anonymous : bool
        Its reply cue names an anonymous poster (``In reply to Guest``): the parent is the
        nearest earlier comment without a name.
    """

    header: list[int]
    name: str | None
    kind: str
    body: list[int] = field(default_factory=list)
    chrome: list[int] = field(default_factory=list)
    reply_name: str | None = None
    level: int | None = None
    indent: int = 0
    placeholder: bool = False
    reply_to: int | None = None  # index of the parent record
    arrow: bool = False  # the header opens with a reply arrow (↳): it answers the record above
    depth: int = 0
    confidence: float = 0.8
    parent_link: bool = False  # its action bar links to a "Parent": it answers the record above
    num: int | None = None  # the record's own "#12" number, where the header shows one
    reply_anonymous: bool = False  # its reply cue names an anonymous poster ("In reply to Guest")
    reply_num: int | None = None  # the number a reply-cue line names ("Antwort auf #1")


@dataclass
class Section:
    """A comment section: its records and the line range it covers."""

    records: list[Record]
    start: int
    end: int  # one past the last line of the section
    kind: str
    opening: Record | None = None  # the thread's opening post (body), when the section starts with it
    counted: bool = False  # the section opens under its comment counter: its first record is a comment
    trailer: bool = False  # read from a motif whose delimiters close their records (the name under the text)


_NAME_BADGE = regex.compile(r"\s*\((?:\d+|author|op|mod(?:erator)?|staff|admin|editor|guest|member|"
                           r"(?:not\s+|un)?verified|(?:not\s+|un)?registered)\)?\s*$|"
                           r"^\S+\K\s+(?:OP|MOD|Author|Creator|Moderator|Admin|Staff)\s*$")  # "ann@instance OP"
# a poster's address in parentheses, whole or masked ("(IP: 78.56.***.***)", "(213.197.x.x)"): a badge
_ADDRESS_BADGE = regex.compile(r"\s*\((?:IP\s*:?\s*)?[\d*xX]{1,3}(?:\.[\d*xX]{1,3}){1,3}\)", regex.I)
# the poster's website in brackets ("Ann K. (http://ann.example.org)", "Bo <www.bo.example>"): a link, no name
_LINK_BADGE = regex.compile(r"\s*[(\[<]\s*(?:\w[\w+.\-]*://|www\.)[^\s()<>\[\]]+\s*[)\]>]")
# ... or a field of its own after a separator ("Ann | 202.131.xxx.xxx"): never part of a name
_ADDRESS_FIELD = regex.compile(r"\s+[|·•/\-–—]\s+(?:IP\s*:?\s*)?[\d*xX]{1,3}(?:\.[\d*xX]{1,3}){3}(?![\w.])", regex.I)
# a town and its region or country in parentheses after a name ("Jaspal (Fresno, CA)"): no part of it
_PLACE_TAIL = regex.compile(r"\s+\([^(),\d]{2,30},\s*[^(),\d]{2,30}\)$")
_BRACKETED_TAIL = regex.compile(r"\s*[(（\[【](?P<badge>[^()（）\[\]【】]{1,20})[)）\]】]\s*$")
_NAME_TAIL = regex.compile(r"(?:[\s\p{So}\p{Sk}\p{Cf}\p{No}][\p{Mn}\p{Cf}]*)+$")  # emoji, flags, joiners after a name
_REPLY_ARROW = "↳↪⤷"
_AT_HANDLE = regex.compile(r"@[\w.\-]+")
_BY_PREFIX = regex.compile(r"^(?:posted\s+by|post\s+by|by|(?:reply|response)\s+from)\s+", regex.I)
_HANDLE_COLON = regex.compile(r"(@[\w.\-]*\w):\s")
_REF = regex.compile(r"[#@][\w.\-]+")
_REF_NUMBER = regex.compile(r"#(\d{1,5})")
_DIGIT = regex.compile(r"\d")
_COUNT_TOKEN = regex.compile(r"(?<!\S)\d+\p{L}{0,2}(?!\S)")
_INITIALS = regex.compile(r"\p{Lu}{2,3}")
_ONE_WORD_LABEL = regex.compile(r"[\p{L}\p{M}]+\s*:\s+(?P<name>\S.*)")
_NAME_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’.\-]*")
# a post's number before the name: "#12", "No. 4", or an outline number ("2.", "1.1.", "1.1.1."); an
# undotted "1.1 Ann" is stripped only where the page numbers its posts as an outline (read_outline_labels)
_POST_NUMBER_PREFIX = regex.compile(r"^(?:(?:#|No\.\s?)\d{1,5}|\d{1,3}\.(?:\d{1,3}\.){0,4})\s+(?=\S)")
# Thread guides that draw a reply's depth at the start of its header: box-drawing bars and
# corners (``│ │ ann``, ``└ ann``) and the Korean reply mark ``ㄴ`` before a space.
_GUIDE_RUN = regex.compile(r"(?:(?:[|│┃├└┣┗╰┊┆╎]|ㄴ(?=\s))\s*)*")
_NAME_PLACE = regex.compile(r"(?P<name>[^,()]{2,40}),\s+(?!(?:jr|sr|phd|md|esq|ii|iii)\.?$)(?P<place>[^,()\d]{2,30})", regex.I)
# The reply prefixes of mail subjects in many languages (Re, AW, SV, Odp, VS, R, RES, YNT, ΑΠ),
# shown before a replier's name by threaded forums: "Re: ~ann" is ann's reply.
_REPLY_LABEL = regex.compile(r"^(?:re|aw|sv|odp|vs|r|res|ynt|απ)\s*:\s+(?=\S)", regex.I)
_TAG_PREFIX = regex.compile(r"^\[[\p{L}\d]{1,12}\]\s?(?=\S)")
_FIELD_GAP = regex.compile(r"\s{2,}|\t")  # text dumps set a header's fields apart with wide gaps
_TRAILING_HANDLE = regex.compile(r"\S.{0,40}?\s+@(?P<handle>[\w.\-]{2,40})(?:@[\w\-]+(?:\.[\w\-]+)+)?")
# A line naming the comment (or commenter) this one answers, in the languages of the
# stop-word lists and CJK: "In reply to Ann", "Replying to @ann", "Réponse à Ann", "Antwort auf #1",
# "→ ответ для Ann", "回复@ann"; "In reply to <subject> by Ann" names Ann.
_REPLY_CUE = regex.compile(
    r"(?:[→↳↪⤷]\s*)?(?:(?:in\s+reply\s+to|replying\s+to|replied\s+to|reply\s+to|in\s+response\s+to|responding\s+to|"
    r"(?:en\s+)?r[ée]ponse\s+[àa]|(?:als\s+)?antwort\s+auf|(?:en\s+)?respuesta\s+a|risposta\s+a|"
    r"(?:em\s+)?resposta\s+a|antwoord\s+op|ردا?ً?\s+على|در\s+پاسخ\s+به|پاسخ\s+به|"
    r"(?:в\s+)?ответ\s+(?:для|на)|ответ\s+пользователю|yanıt\s+olarak)\s*:?\s+|(?:回复|回覆|返信先)[:：]?\s*)(?P<target>\S.{0,60})",
    regex.I,
)
_OWNED = regex.compile(r"['’]s\s+(?:comment|post|message|review|answer|reply)$", regex.I)
# A reply preview: the parent's handle and its first words cut off by the widget ("╭ @ann the survey was…").
_REPLY_PREVIEW = regex.compile(r"[╭┌↱↪⤷]?\s*(?P<target>@[\w.\-]{2,40})\s+\S.{0,200}…")
_POST_NUMBER = regex.compile(r"(?<![\w#])#(?P<n>\d{1,5})\b")
_NAME_TO_NAME = regex.compile(r"(?P<name>\S.{0,40}?)\s+(?:>|›|»|→|▸|replied\s+to|replying\s+to)\s+(?P<reply>\S.{0,40})", regex.I)


def _shared_words(names: list[list[str]], from_end: bool) -> int:
    """How many leading (or trailing) words all the names share."""
    n = 0
    while all(len(ws) > n + 1 for ws in names) and len({tuple(ws[-n - 1:] if from_end else ws[:n + 1]) for ws in names}) == 1:
        n += 1
    return n


def drop_shared_name_words(records: list[Record]) -> None:
    """Drop the words the records' names share at their start or end, when one is a lower-case
    word: the header's constant around the name slot in any language (``Review by Ann``,
    ``Ann alisema``, ``Ann wrote``), not a name, since different posters share no name part.
    One record may lack them (a date line read as one more header). A town after a dash
    or a field separator goes first, where most names carry one (``Arun K - Bengaluru``,
    ``Arun K · Bengaluru``), a town in parentheses
    last (``Layla (Amman) wrote``); a town and its region in parentheses (``Jaspal (Fresno,
    CA)``) always goes."""
    _drop_places(records, _DASH_PLACE)
    _drop_shared_words(records)
    _drop_recurring_verbs(records)
    _drop_recurring_badges(records)
    _drop_places(records, _PAREN_PLACE)
    for rec in records:
        if rec.name and _PLACE_TAIL.search(rec.name):
            rec.name = _clean_name(_PLACE_TAIL.sub("", rec.name))  # "Jaspal (Fresno, CA)": a town and its region


def _drop_recurring_verbs(records: list[Record]) -> None:
    """``Ann scripsit`` and ``Bo respondit`` beside ``Cy scripsit`` and ``Ann respondit``: where
    every named record but one ends in a lower-case word that ends two or more different names,
    those words are the header's verbs (one for a comment, one for a reply), not name parts."""
    named = [r for r in records if r.name and len(r.name.split()) > 1]
    before: dict[str, set[str]] = {}
    for rec in named:
        *head, last = rec.name.split()
        if last[:1].islower():
            before.setdefault(last, set()).add(" ".join(head))
    verbs = {w for w, names in before.items() if len(names) >= 2}
    ending = [r for r in named if r.name.split()[-1] in verbs]
    if len(verbs) < 2 or len(ending) < max(3, sum(bool(r.name) for r in records) - 1):
        return
    for rec in ending:
        rec.name = _clean_name(rec.name.rsplit(None, 1)[0])


def _drop_recurring_badges(records: list[Record]) -> None:
    """``Nigar (Qonaq)``, ``J.Lawson (Qonaq)``: a bracketed tail that follows two or more
    different names on the page is a badge (a guest's, a member's), not part of a name;
    a tail only one writer shows may be a town and stays (``James R. (Tirana)``)."""
    before: dict[str, set[str]] = {}
    for rec in records:
        m = _BRACKETED_TAIL.search(rec.name or "")
        if m is not None and m.start() > 0:
            before.setdefault(m.group("badge").strip().casefold(), set()).add(rec.name[: m.start()].strip())
    badges = {badge for badge, names in before.items() if len(names) >= 2}
    for rec in records:
        m = _BRACKETED_TAIL.search(rec.name or "")
        if m is not None and m.start() > 0 and m.group("badge").strip().casefold() in badges:
            rec.name = _clean_name(rec.name[: m.start()])


def _drop_shared_words(records: list[Record]) -> None:
    named = [r for r in records if r.name]
    if len({r.name for r in named}) < 2:
        return
    for from_end in (False, True):
        named = [r for r in records if r.name]  # the first pass may leave a name empty
        if not named:
            return
        edge = Counter(r.name.split()[-1 if from_end else 0] for r in named).most_common(1)[0][0]
        sharing = [r for r in named if r.name.split()[-1 if from_end else 0] == edge]
        if len(sharing) < max(2, len(named) - 1):
            continue
        n = _shared_words([r.name.split() for r in sharing], from_end)
        words = sharing[0].name.split()
        if n == 0 or not (any(w[:1].islower() for w in (words[-n:] if from_end else words[:n]))
                          or _distinct_rests(sharing, n, from_end) >= 3):
            continue
        for rec in sharing:
            ws = rec.name.split()
            rec.name = _clean_name(" ".join(ws[:-n] if from_end else ws[n:]))


def _distinct_rests(sharing: list[Record], n: int, from_end: bool) -> int:
    """How many different names remain once the ``n`` shared edge words go: three or more
    different posters cannot share a name part, so even a capitalised shared word is the
    header's constant (an avatar's caption such as ``Picture Ann``)."""
    return len({tuple(r.name.split()[: -n] if from_end else r.name.split()[n:]) for r in sharing})


_DASH_PLACE = regex.compile(r"(?P<name>[^()·•|]{2,40}?)\s[-–—·•|]\s(?P<place>[^()\d\-–—·•|]{2,30})")
_PAREN_PLACE = regex.compile(r"(?P<name>[^()]{2,40}?)\s+\((?P<place>[^()\d]{2,30})\)")


def _drop_places(records: list[Record], place: regex.Pattern) -> None:
    """``Arun K - Bengaluru``, ``Arun K · Bengaluru``, ``Layla (Amman)``: where most named
    records (two or more) give ``name - place`` (or ``name (place)``, as ``place`` matches), the part after the
    name is the writer's town, not the name (one such name among plain ones may be the
    name itself)."""
    named = [r for r in records if r.name]
    split = [(r, place.fullmatch(r.name)) for r in named]
    split = [(r, m) for r, m in split if m is not None and signals.name_like(m.group("name"))]
    if len(split) < 2 or len(split) * 2 < len(named):
        return
    for rec, m in split:
        rec.name = _clean_name(m.group("name"))


@lru_cache(maxsize=16384)
def _clean_name(name: str) -> str | None:
    """Display name without markers, user ids, badges and emoji (``↳ Ann (author)`` -> ``Ann``)."""
    name = _GUIDE_RUN.sub("", name.strip(), count=1).strip()  # "│ │ ann", "ㄴ ann": the thread's guides
    cut = signals.gap_badge(name)
    if cut is not None and not _FIELD_GAP.search(name[:cut]) and signals.name_like(name[:cut]):
        name = name[:cut]  # "Ann Lee  Owner", "Bo  ✔ verified": a badge set apart by a wide gap
    name = _REPLY_LABEL.sub("", name.strip().lstrip(_REPLY_ARROW).strip()).lstrip("~")  # "Re: ~ann"
    name = _POST_NUMBER_PREFIX.sub("", name)  # "#12 ann", "1.1. ann": the post's number
    name = _ADDRESS_FIELD.sub("", _ADDRESS_BADGE.sub("", _LINK_BADGE.sub("", name)))  # "Vytas (IP: 78.56.***.***)", "Ann | 49.0.x.x"
    fields = _FIELD_SEPARATOR.split(name.strip())
    if len(fields) > 1 and all(_DIGIT.search(f) for f in fields[1:]) and signals.name_like(fields[0]):
        name = fields[0]  # "Ann · 1 240 points", "Ann | 14 posts": the name and its tallies
    labelled = _ONE_WORD_LABEL.fullmatch(name.strip())
    if labelled is not None and signals.name_like(labelled.group("name")):
        name = labelled.group("name")  # "Reply: Ann" in any language: the label of a reply's header
    place = _NAME_PLACE.fullmatch(name.strip())
    if place is not None and signals.name_like(place.group("name")):
        name = place.group("name")  # "Dana, Haifa": talkback headers give the writer's town
    name = signals.LINKS_TAIL.sub("", name.strip())  # "Ann (talk | contribs)": her wiki links
    name = _NAME_TAIL.sub("", _NAME_BADGE.sub("", signals.LEVEL_TAIL.sub("", name.strip())))  # "Ann LV5": a level badge
    badge = _BRACKETED_TAIL.search(name)
    if badge is not None and (_AUTHOR_BADGE.fullmatch(badge.group("badge").strip()) or signals.reply_bar(badge.group("badge"))):
        name = name[: badge.start()]  # "陈墨白 (作者)", "Ana (Autorin)": the page author's badge; "Ann (Link)": a widget
    for n_words in (1, 2):  # "國立政治大學 原PO", "밤의서재 블로그 주인": the badge beside the name
        last = name.rsplit(maxsplit=n_words)
        tail = " ".join(last[1:])
        if len(last) == n_words + 1 and not tail.isascii() and _AUTHOR_BADGE.fullmatch(tail):
            name = last[0]  # ("Ann Lee OP" may be a name)
            break
    name = _TAG_PREFIX.sub("", name)  # "[info]user", "[DEV] user": a bracketed badge before the name
    handle = _TRAILING_HANDLE.fullmatch(name)
    if handle is not None:
        name = handle.group("handle")  # "Ben Carver @bcarver_dc": the handle names the account
    if _AT_HANDLE.fullmatch(name):
        name = name[1:]  # "@handle" as a header is the handle
    starred = name.startswith("*")  # "**Ann**" is emphasis; "kimm****" a masked user id
    name = name.strip(" \t•·|»›-–—:#[]()" + ("*" if starred else "")).strip()
    if name.count("(") == name.count(")") + 1:
        name += ")"  # "Ahmed K. (Londres)": the closing parenthesis was stripped as a separator
    name = _BY_PREFIX.sub("", name).strip()
    if not name:
        return None
    if signals.anonymous_name(name):
        return None
    return name


def _transparent(content: str) -> bool:
    return bool(_TRANSPARENT.fullmatch(content.strip())) or bool(_LEVEL.fullmatch(content.strip()))


def _inline_header(content: str) -> tuple[str | None, str | None] | None:
    split = signals.split_time_line(content)
    if split is None or not split[0] or "(@" in content:
        return None  # "— Name (@handle) June 16, 2014" closes an embedded tweet
    if not signals.name_like(_PLACE_TAIL.sub("", split[0])):
        name = _decorated_name(split[0])
        return (name, None) if name else None
    first = _FIELD_GAP.split(content.strip())[0]
    if first != content.strip() and not signals.find_times(first) and signals.name_like(first):
        return _clean_name(first), None  # "Ann Lee  Community Manager  1h": a badge in the next field
    return _clean_name(split[0]), None


_BRACKETED_INNER = regex.compile(r"\s\([^()]{1,6}\)\s")


def _decorated_name(text: str) -> str | None:
    """The name of a header field that is no name as written but one between its
    decorations: a reply arrow (and its one-word label) before it, a badge or the writer's
    town in parentheses after it or a short one inside it (``↳ Reply: Ann Lee (author)``,
    ``Ann (Leeds, UK)``, ``Col. (ret.) Ann Lee``)."""
    name = " ".join(_BRACKETED_INNER.sub(" ", _BRACKETED_TAIL.sub("", text.strip())).split())  # "Col. (r) Ann Lee"
    if name[:1] in _REPLY_ARROW:
        name = name[1:].strip()
        label = _ONE_WORD_LABEL.fullmatch(name)
        name = label.group("name") if label is not None else name
    return name if name != text.strip() and signals.name_like(name) else None


_SUBJECT_BY = regex.compile(r".{2,80}?\s+by\s+(?P<name>\S.{0,40})", regex.I)


def reply_cue(content: str) -> str | None:
    """The target a reply-cue line names (``In reply to Ann`` -> ``Ann``), or None.

    >>> reply_cue("Replying to @ann_b"), reply_cue("Antwort auf #1"), reply_cue("In reply to the minister, he said so.")
    ('@ann_b', '#1', None)
    >>> reply_cue("╭ @ann_b the survey was published in…")
    '@ann_b'

    """
    m = _REPLY_CUE.fullmatch(content.strip()) or _REPLY_PREVIEW.fullmatch(content.strip())
    if m is None:
        return None
    target = m.group("target").strip()
    quoted = _HANDLE_COLON.match(target)
    if quoted is not None:
        target = quoted.group(1)  # "Replying to @ann: the deal is dead…": the parent's handle and text
    by = _SUBJECT_BY.fullmatch(target)
    if by is not None:
        target = by.group("name")  # "In reply to <comment subject> by <name>"
    if len(target.split()) > 4 or signals.ends_sentence(target):
        return None
    if _REF.fullmatch(target) or signals.name_like(target):
        return target
    return None  # "Reply to author" is a button, "in reply to the minister, ..." a sentence


def _cue_preview(content: str) -> bool:
    """A reply cue with the parent's first words cut off by the widget (``replied to a
    thread: Morning all. The draft…``): header, though it names no one."""
    line = content.strip()
    return line.endswith(("…", "...")) and _REPLY_CUE.fullmatch(line) is not None


def _quote_attribution(rec: Record, content: str) -> str | None:
    """The name a quote box's attribution line names (``On <date>, Ann said:``), unless it is
    the record's own name (``Ann said:`` as Ann's own header)."""
    m = _QUOTE_BY.fullmatch(content.strip())
    name = _clean_name(m.group("name")) if m is not None else None
    return name if name != rec.name else None


def _read_cues(rec: Record, contents: Sequence[str]) -> None:
    """Set the record's own number and the parent its reply-cue header line, or a quote
    box's attribution at the top of its text, names."""
    if rec.body and rec.reply_name is None:
        rec.reply_name = _quote_attribution(rec, contents[rec.body[0]])
    for j in rec.header:
        target = reply_cue(contents[j])
        quoted = _POSTED_BY.match(contents[j].strip())
        if quoted is not None and rec.reply_name is None:  # "Quote from: Ann on <date>" over the text
            split = signals.split_time_line(quoted.group("name"))
            rec.reply_name = _clean_name(split[0] if split and split[0] else quoted.group("name"))
        if rec.reply_name is None and j != rec.header[0]:
            rec.reply_name = _quote_attribution(rec, contents[j])
        if target is None:
            m = _POST_NUMBER.search(contents[j])
            if m is not None and rec.num is None:
                rec.num = int(m.group("n"))
            continue
        num = _REF_NUMBER.fullmatch(target)
        if num is not None:
            rec.reply_num = int(num.group(1))
        else:  # "Reply to Ann's comment": the name
            rec.reply_name = _clean_name(_OWNED.sub("", target))
            rec.reply_anonymous = rec.reply_name is None  # "Guest", "Guest (not verified)": no name left


def _cues_above(records: list[Record], contents: Sequence[str]) -> None:
    """A reply-cue line right above a header (``Réponse à Ann`` / ``Bea - 27/01/2024``) is
    that record's header, not the end of the record above."""
    for k in range(1, len(records)):
        j = records[k].header[0] - 1
        if j >= 0 and reply_cue(contents[j]) is not None:
            _take_line_above(records, k)


def _line_above(records: list[Record], k: int) -> int | None:
    """The line right above record ``k``'s header when it closes the record above (its last
    text or action line, the record keeping some text): where a cue naming the parent sits
    on layouts that print it over the reply (``↪ #2 Ann-a cavab`` / ``#3 Bo 16:02``)."""
    j = records[k].header[0] - 1
    if k == 0 or j < 0:
        return None
    prev = records[k - 1]
    if max([*prev.header, *prev.body, *prev.chrome]) != j or j in prev.header or prev.body == [j]:
        return None
    return j


def _take_line_above(records: list[Record], k: int) -> None:
    """Move the line right above record ``k``'s header out of the record above into that header."""
    j = records[k].header[0] - 1
    prev = records[k - 1]
    for part in (prev.body, prev.chrome):
        if j in part:
            part.remove(j)
    records[k].header.insert(0, j)
    prev.placeholder = prev.placeholder or not prev.body


def _cue_lines(records: list[Record], k: int, contents: Sequence[str]) -> list[int]:
    """Where record ``k`` may carry a cue naming its parent: its header lines, the first line
    of a text of several lines (a signed record's cue sits above its text) and the line right
    above its header that closes the record above; short lines only."""
    rec = records[k]
    above = _line_above(records, k)
    lines = [*([above] if above is not None else []), *rec.header, *(rec.body[:1] if len(rec.body) > 1 else [])]
    return [j for j in lines if len(contents[j].strip()) <= _CUE_MAX]


def _verb_header(content: str) -> str | None:
    m = _VERB_HEADER.fullmatch(content.strip())
    if m is None or len(m.group("name").split()) > 5:
        return None
    return m.group("name")


_SURNAME_FIRST = regex.compile(r'"(?P<last>[^",]{2,30}),\s*(?P<first>[^",]{2,30})"')


def _mail_name(value: str) -> str:
    """The display name of a mail-style sender: ``Ann Lee <a@b>``, ``a@b (Ann Lee)``,
    ``"Ann Lee" ann@x.org  ann_l``, and the quoted ``"Lee, Ann" <a@b>`` of mail clients that
    file people by surname (``Ann Lee``)."""
    paren = regex.search(r"\((?P<n>[^)]+)\)", value)
    if paren:
        return paren.group("n")
    name = regex.sub(r"<[^>]*>", "", value).strip()
    turned = _SURNAME_FIRST.fullmatch(name)
    if turned is not None and all(signals.name_like(turned.group(g)) for g in ("first", "last")):
        return f"{turned.group('first').strip()} {turned.group('last').strip()}"
    quoted = regex.match(r"\s*\"(?P<n>[^\"]{1,60})\"", value)
    if quoted:
        return quoted.group("n")
    return name.strip('"')


def _stacked_header(contents: Sequence[str], i: int) -> tuple[int, str | None, str | None] | None:
    """A name-like line followed, within three lines, by a timestamp line (the name under
    an avatar's initials: ``MK`` above ``Mustafa K.``; after a reply label: ``Re: ~ann``;
    before the writer's job: :func:`_affiliated_name`)."""
    if i + 1 < len(contents) and _avatar_initials(contents[i], contents[i + 1]):
        return _stacked_header(contents, i + 1)
    name = contents[i]
    if not signals.name_like(_REPLY_LABEL.sub("", name.strip())):
        name = _affiliated_name(contents, i)
    if name is None or _transparent(contents[i]):
        return None
    limit, cue = i + 3, False
    j = i
    while j + 1 < min(limit, len(contents)):
        j += 1
        c = contents[j]
        if reply_cue(c) is not None or (cue and c.rstrip().endswith(("…", "..."))):
            limit, cue = j + 3, True  # "In reply to Ann" and a snippet of Ann's text before the time
            continue
        if j == i + 1 and _credential(c):
            continue  # "Former officer, US Embassy Baghdad (2008–2011)" under the name
        split = signals.split_time_line(c)
        if split is not None:
            prefix = split[0]
            if prefix and not (signals.name_like(prefix) or signals.action_line(prefix)):
                return None
            reply = prefix if prefix and signals.name_like(prefix) else None
            if reply and (j > i + 1 or reply.casefold() in contents[i].casefold()):
                return None  # "Avatar of X" / "X on <date>": an inline header below
            return j, _clean_name(name), _clean_name(reply) if reply else None
        if not _transparent(c) and (len(c.split()) > 5 or signals.ends_sentence(c)):
            return None
    return None


def _affiliated_name(contents: Sequence[str], i: int) -> str | None:
    """The name of a ``Ann Lee, Senior analyst at Meridian Risk`` line right above a bare
    time line: a name, a comma and the writer's job or place, no sentence; None otherwise."""
    line = contents[i].strip()
    name, comma, _ = line.partition(", ")
    if (not comma or i + 1 >= len(contents) or not _time_only(contents[i + 1]) or len(line) > _CUE_MAX
            or signals.ends_sentence(line) or not signals.name_like(name)):
        return None
    return name


def _avatar_initials(content: str, below: str) -> bool:
    """``content`` is the initials of the name on the line below (an avatar drawn as letters)."""
    letters = content.strip()
    if not _INITIALS.fullmatch(letters):
        return False
    return "".join(w[0] for w in _NAME_WORD.findall(below)).upper().startswith(letters)


_FOUR_DIGITS = regex.compile(r"\d{4}")  # a year


def _credential(content: str) -> bool:
    """A profile line under a name (a job, a place, a school): a few mostly capitalised
    words with few stopwords, no sentence end and no time."""
    ws = signals.words(content)
    if not 4 <= len(ws) <= 14 or signals.ends_sentence(content) or signals.name_like(content):
        return False
    split = signals.split_time_line(content)
    if split is not None and not _FOUR_DIGITS.fullmatch(split[1]):
        return False  # a header's time line; a year span ("(2008–2011)") may be part of a career
    return signals.stop_share(ws) < 0.5 and signals.capital_share(content) >= 0.3


def _mail_header(contents: Sequence[str], i: int) -> tuple[int, str | None] | None:
    m = _MAIL_FROM.fullmatch(contents[i].strip())
    if m is None:
        return _field_header(contents, i)
    j = i
    while j + 1 < len(contents) and _MAIL_FIELD.fullmatch(contents[j + 1].strip()):
        j += 1
    return (j, _clean_name(_mail_name(m.group("value")))) if j > i else None


def _field_header(contents: Sequence[str], i: int) -> tuple[int, str | None] | None:
    """A labelled record: ``Name: Ann`` (or any label with a quoted mail-style sender,
    ``Posted by: "Ann Lee" ann@x.org``) followed by ``From:`` / ``Date:`` / ``Message:`` fields.

    The block opens with a name field and holds at least one more field, one of them a
    timestamp; an empty last field (``Message:``) labels the text below.
    """
    m = _NAME_FIELD.fullmatch(contents[i].strip())
    name = None if m is None else m.group("value")
    sender = _SENDER_FIELD.fullmatch(contents[i].strip()) if m is None else None
    if sender is not None and signals.name_like(_mail_name(sender.group("value"))):
        name = _mail_name(sender.group("value"))
    if name is None:
        return None
    j, dated = i, False
    while j + 1 < len(contents) and _ANY_FIELD.fullmatch(contents[j + 1].strip()):
        j += 1
        value = contents[j].split(":", 1)[1]
        dated = dated or bool(value.strip() and signals.find_times(value) and signals.parse_timestamp(value))
    return (j, _clean_name(name)) if j > i and dated else None


def _mail_at(contents: Sequence[str], i: int) -> Record | None:
    mail = _mail_header(contents, i)
    if mail is None:
        return None
    top = i
    while top and _MAIL_FROM.fullmatch(contents[i].strip()) and _MAIL_FIELD.fullmatch(contents[top - 1].strip()):
        top -= 1  # "Subject:" above "From:": an archive shows the fields in its own order
    return Record(list(range(top, mail[0] + 1)), mail[1], "mail")


def _inline_at(contents: Sequence[str], i: int) -> Record | None:
    inline = _inline_header(contents[i])
    if not inline:
        return None
    rec = Record([i], inline[0], "inline")
    rec.arrow = contents[i].lstrip()[:1] in _REPLY_ARROW
    return rec


def _leading_at(contents: Sequence[str], i: int) -> Record | None:
    """A header that opens with its time (``14:32 | Karen_77``, ``3 hours ago · Ann (Leeds)``).
    A kind of its own, never mixed into another kind's section: under a post, ``time · Web``
    names the client it was sent from."""
    leading = signals.split_leading_time(contents[i])
    if leading is None:
        return None
    place = _PAREN_PLACE.fullmatch(leading[1])  # "Ann (UK)": her town
    if signals.name_like(leading[1] if place is None else place.group("name")):
        return Record([i], _clean_name(leading[1]), "leading")
    if leading[1].strip()[:1].isupper() and not signals.ends_sentence(leading[1]) and len(leading[1].split()) <= 8:
        return Record([i], None, "leading")  # "Jan 28, 2024 - Current Employee, 3 years": an anonymous writer's role
    return None


def _verb_at(contents: Sequence[str], i: int) -> Record | None:
    verb = _verb_header(contents[i])
    return Record([i], _clean_name(verb), "verb") if verb else None


def _stacked_at(contents: Sequence[str], i: int) -> Record | None:
    stacked = _stacked_header(contents, i)
    if stacked is None:
        return None
    j, name, reply = stacked
    # "tinfoil_sommelier > stonefruit_salad", on the first line or under an avatar's alt text
    to = next(((k, m) for k in range(i, j) if (m := _NAME_TO_NAME.fullmatch(contents[k].strip())) is not None
               and (k == i or signals.name_like(m.group("name")))), None)
    if to is not None and reply is None:
        reply = _clean_name(to[1].group("reply"))
        name = _clean_name(to[1].group("name")) if to[0] == i else name
    rec = Record(list(range(i, j + 1)), name, "stacked", reply_name=reply)
    rec.arrow = contents[i].lstrip()[:1] in _REPLY_ARROW
    return rec


_DETECTORS = {"mail": _mail_at, "inline": _inline_at, "leading": _leading_at, "verb": _verb_at,
              "stacked": _stacked_at}


def _trailer(content: str) -> bool:
    if content.rstrip().endswith(":"):
        return False  # "Quote:" introduces a quotation; an action bar does not end in a colon
    return signals.action_line(content) or _time_only(content)


def _time_only(content: str) -> bool:
    split = signals.split_time_line(content)
    return split is not None and not split[0]


def _trailer_headers(contents: Sequence[str]) -> list[Record]:
    """Records whose timestamp sits in the action bar below the text (``Like · Reply · 2y``)."""
    bars = [i for i, c in enumerate(contents) if signals.reply_bar(c) and signals.find_times(c)]
    records = []
    for t in bars:
        j = t - 1
        while j >= 0 and not signals.name_like(contents[j]) and not _trailer(contents[j]):
            j -= 1
        names = [k for k in (j - 1, j) if k >= 0 and signals.name_like(contents[k])]
        if j >= t - 1 or not names or (names[0] < j and _trailer(contents[names[0]])):
            continue
        records.append(Record(list(range(names[0], j + 1)), _clean_name(contents[names[0]]), "trailer"))
    return records


_SIGNATURE = regex.compile(r"(?:[—–]|-{1,2})\s*(?P<name>[^\s,—–\-][^,]{0,40}?)\s*(?:,\s*(?P<place>[^,]{1,40}(?:,[^,]{1,20})?))?")


def _signature(content: str) -> str | None | bool:
    """The name of a ``— Name, Place`` signature line (False when the line is none)."""
    m = _SIGNATURE.fullmatch(content.strip())
    if m is None or len(content) > 80 or signals.ends_sentence(m.group("name")):
        return False
    name = m.group("name")
    if signals.name_like(name) or name.casefold() in signals.ANONYMOUS_NAMES or _decorated_name(name):
        return _clean_name(name)
    return False


def _signed_headers(contents: Sequence[str]) -> list[Record]:
    """Records signed *after* their text (``— Mark, Ohio``, a Q&A ``– Name``): the
    signature is the header, the prose above it back to the previous record is the text."""
    found = []
    for i, c in enumerate(contents):
        name = _signature(c)
        if name is not False and i > 0 and _prose(contents[i - 1]):
            found.append(Record([i], name, "signed"))
    return found


_DATE_LIKE = regex.compile(r"\d[/.\-]\p{L}{3,9}[/.\-]\d|(?<!\d)\d{1,4}/\d{1,2}/\d")  # "11/Apr/23", "12/04/23" is no name
_TAIL_CUT = regex.compile(r"(?<=[.!?…)\"”’])\s+|\s+(?:[—–]|--?)\s+")
_PARENS = regex.compile(r"\s*\([^()]{0,40}\)")
_BY_NAME = regex.compile(r"(?i)\bby\s+(?P<name>\S.{0,40})$")
_INDENT_MARKS = regex.compile(r"[:*]+")


def tail_signature(content: str) -> tuple[bool, str | None]:
    """Whether a line of text ends with its writer's signature, and the name it gives.

    A talk-page or Q&A comment is signed at the end of its own line: after the last
    sentence or dash comes a name (with ``(talk)``-style links in parentheses, or
    ``added by <name>``) and a timestamp.

    >>> tail_signature("Agreed, the table needs a source. — Ann Lee (talk) 09:15, 6 May 2020 (UTC)")
    (True, 'Ann Lee')
    >>> tail_signature("The vote was held on 6 May 2020 in Baghdad.")
    (False, None)
    """
    if len(content) < 40:
        return False, None
    for cut in reversed([m.end() for m in _TAIL_CUT.finditer(content)]):
        tail = content[cut:].strip()
        if len(tail) > 110 or len(content[:cut].split()) < 3:
            break
        split = signals.split_time_line(tail)
        if split is None or not split[0]:
            continue
        name = _PARENS.sub("", split[0])
        by = _BY_NAME.search(name)
        name = (by.group("name") if by else name).strip(" —–-")
        if name and signals.name_like(name) and not _DATE_LIKE.search(name):
            return True, _clean_name(name)
    return False, None


def _tail_headers(contents: Sequence[str]) -> list[Record]:
    """Records signed at the end of their own line; ``:`` marks before the text give the depth."""
    found = []
    for i, c in enumerate(contents):
        signed, name = tail_signature(c)
        if signed:
            marks = _INDENT_MARKS.match(c)
            level = marks.group().count(":") if marks else 0
            found.append(Record([i], name, "tail", body=[i], level=level, indent=level))
    return found


def _tail_section(records: list[Record]) -> Section:
    """A section of self-signed lines: each record is its line; the lines up to the next
    one (section headings, notices) are chrome."""
    for rec, nxt in zip(records, records[1:] + [None]):
        stop = nxt.header[0] if nxt is not None else rec.header[0] + 1
        rec.chrome = list(range(rec.header[0] + 1, stop))
        rec.confidence = 0.8 if len(records) >= 3 else 0.6
    return Section(records, records[0].header[0], records[-1].header[0] + 1, "tail")


def _fill_signed(records: list[Record], contents: Sequence[str], start_limit: int) -> int:
    """Text above each signature, chrome below it; returns the section's first line.

    A record's text runs up from its signature over prose lines to the previous
    record's chrome; the first record's text is no longer than the longest of the others'.
    """
    prev_end = start_limit
    for rec in records:
        k = rec.header[0] + 1
        while k < len(contents) and (_trailer(contents[k]) or _transparent(contents[k])):
            rec.chrome.append(k)
            k += 1
        rec.body = _prose_above(contents, rec.header[0], prev_end)
        if rec.body:
            rec.chrome[:0] = range(rec.body[-1] + 1, rec.header[0])  # a tally between text and signature
        prev_end = k
    longest = max((len(r.body) for r in records[1:]), default=8)
    first = records[0]
    first.body = first.body[-max(1, longest):] if first.body else []
    return first.body[0] if first.body else first.header[0]


def _prose_above(contents: Sequence[str], h: int, limit: int) -> list[int]:
    """The prose lines up from line ``h``, over a counter or two right above it (``41 favori``)."""
    k = h
    while k - 1 >= limit and h - k < 2 and _tally(contents[k - 1]):
        k -= 1
    j = k
    while j - 1 >= limit and _prose(contents[j - 1]) and not _trailer(contents[j - 1]):
        j -= 1
    return list(range(j, k)) if j < k else []


_TALLY = regex.compile(r"[^\d\n]{0,12}\d[\d.,]*[KkMm]?(?:\s+\S+){0,2}|\S+(?:\s+\S+)?\s+\(?\d[\d.,]*\)?")


def _tally(content: str) -> bool:
    """A count with a word or two (``41 favori``, ``♥ 12``, ``Likes (3)``): a record's tally."""
    return len(content) <= 30 and bool(_TALLY.fullmatch(content.strip())) and not _prose(content)


def _scan(contents: Sequence[str], detect) -> list[Record]:
    found: list[Record] = []
    i = 0
    while i < len(contents):
        rec = detect(contents, i)
        if rec is None:
            i += 1
            continue
        found.append(rec)
        i = rec.header[-1] + 1
    return found


def _candidate_headers(contents: Sequence[str]) -> list[Record]:
    """Every header motif of every kind (each kind scanned on its own)."""
    found = [rec for detect in _DETECTORS.values() for rec in _scan(contents, detect)]
    return (found + _trailer_headers(contents) + _signed_headers(contents) + _tail_headers(contents)
            + _labelled_headers(contents))


_MAX_LABELLED = 60  # a labelled header is one short line
_MIN_LABELLED = 3


def _label_split(content: str) -> tuple[tuple[str, str], str] | None:
    """A short line that is a fixed word and a varying part joined by a colon, in either
    order: ``From: Ann Lee, Leeds`` -> ((``first``, ``from``), ``Ann Lee, Leeds``), ``Ann Lee
    writes:`` -> ((``last``, ``writes``), ``Ann Lee``)."""
    line = content.strip()
    if len(line) > _MAX_LABELLED:
        return None
    words = line.split()
    if len(words) < 2 or len(words) > 9:
        return None
    if line.endswith(":") and len(words[-1]) > 2:
        return ("last", words[-1][:-1].casefold()), " ".join(words[:-1])
    if words[0].endswith(":") and len(words[0]) > 1:
        return ("first", words[0][:-1].casefold()), " ".join(words[1:])
    return None


def _labelled_name(value: str) -> str | None:
    """The name in the varying part of a labelled header, or None when it is no name."""
    name = _clean_name(value)
    if name and (signals.name_like(name) or signals.name_like(value)):
        return name
    return _decorated_name(value)


def _labelled_headers(contents: Sequence[str]) -> list[Record]:
    """One-line headers that share a fixed word beside a varying name, each over a line of
    prose, in any language (``Ann Lee writes:``, ``From: Ann Lee, Leeds``): three or more
    such lines with one fixed word at one end and two or more names among them make a
    header motif."""
    found: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
    for i, content in enumerate(contents[:-1]):
        split = _label_split(content)
        if split is None or not _LETTER_RE.search(split[0][1]) or not (
                _prose(contents[i + 1]) or _introduces_prose(contents, i + 1, len(contents))):
            continue
        found.setdefault(split[0], []).append((i, _labelled_name(split[1])))
    records = []
    for hits in found.values():  # a writer may withhold the name ("From: a reader in Basra")
        if len(hits) < _MIN_LABELLED:
            continue
        under = _under_name_fields(hits, contents)
        if under or len({name for _, name in hits if name}) >= 2:
            records += under or [Record([i], name, "labelled") for i, name in hits]
    return sorted(records, key=lambda r: r.header[0])


_FIELD_LABEL = regex.compile(r"(?P<label>[\p{L}'’\-]+(?:\s[\p{L}'’\-]+){0,2})\s*:\s+(?P<value>\S.{0,100})")
_VALUE_FIELDS = regex.compile(r"\s+[-–—|·•]\s+")


def _under_name_fields(hits: list[tuple[int, str | None]], contents: Sequence[str]) -> list[Record]:
    """Labelled headers that are the second field of a card whose first, right above each,
    is a field with one label word in common and a name (``From: Ann`` or ``Reply from:
    Bo`` over ``Town: Leeds``): the cards' headers are both lines, named by the first."""
    above = [_FIELD_LABEL.fullmatch(contents[i - 1].strip()) if i else None for i, _ in hits]
    if any(m is None for m in above) or len({m.group("label").split()[-1].casefold() for m in above}) != 1:
        return []
    names = [_labelled_name(_VALUE_FIELDS.split(m.group("value"))[0]) for m in above]  # "Ann - ★★★ - 2 May"
    if sum(bool(n) for n in names) < 2:
        return []
    return [Record([i - 1, i], name, "labelled") for (i, _), name in zip(hits, names)]


def _choose_kind(headers: list[Record]) -> str | None:
    counts = Counter(h.kind for h in headers)
    best = [k for k in _KIND_PREFERENCE if counts[k] >= 2]
    if not best:
        return None
    return max(best, key=lambda k: (counts[k], -_KIND_PREFERENCE.index(k)))


def _absorb_header_tail(rec: Record, contents: Sequence[str], stop: int) -> None:
    """Time-only and badge/action lines right after a header belong to it."""
    j = rec.header[-1] + 1
    cue = False
    while j < stop and (_time_only(contents[j]) or (signals.action_line(contents[j])
                                                    and not _DIGIT.search(contents[j]))
                        or reply_cue(contents[j]) is not None or _cue_preview(contents[j])
                        or (cue and contents[j].rstrip().endswith(("…", "...")))):
        cue = cue or reply_cue(contents[j]) is not None
        rec.header.append(j)
        j += 1


def _fill_record(rec: Record, contents: Sequence[str], stop: int, trailers: bool) -> None:
    """Split the lines after the header into comment text and chrome."""
    after_bar = False
    for j in range(rec.header[-1] + 1, stop):
        c = contents[j]
        if _trailer(c) and (trailers or rec.body):
            rec.chrome.append(j)
            after_bar = after_bar or trailers
        elif rec.body and _SIGNATURE_RULE.fullmatch(c.strip()):
            rec.chrome.append(j)  # "__________" or "-- ": the poster's signature follows
            after_bar = True
        elif after_bar or _transparent(c):
            rec.chrome.append(j)
        else:
            rec.body.append(j)
    text = " ".join(contents[j] for j in rec.body).strip()
    rec.placeholder = not rec.body or bool(_PLACEHOLDER.fullmatch(text))
    rec.parent_link = _links_parent(rec, contents)


def _links_parent(rec: Record, contents: Sequence[str]) -> bool:
    """True when the record's action bar links to its ``Parent`` (``Reply  Thread  Parent Thread``,
    ``(Reply) (Parent)``): it answers the record above."""
    return any(signals.action_line(contents[j]) and "parent" in signals.words(contents[j]) for j in rec.chrome)


def _prose(content: str) -> bool:
    if signals.navigation_line(content):
        return False
    return signals.ends_sentence(content) or len(content.split()) >= 8 or content.startswith(">")


def _last_record_end(contents: Sequence[str], start: int, limit: int, trailers: bool) -> int:
    """Where the last record ends: after its action bar, or at the first non-prose line."""
    j = start
    if trailers:
        while j < limit and not _trailer(contents[j]):
            if signals.navigation_line(contents[j]):
                return j  # the archive's "Next message:" line closes the last record
            j += 1
        while j < limit and _trailer(contents[j]):
            j += 1
        return j
    while j < min(limit, start + 2) and not _prose(contents[j]) and (
            len(contents[j].split()) <= 3 or _cites_post(contents[j]) or j + 1 < limit and _prose(contents[j + 1])):
        j += 1  # a header remnant ("to", a post icon, "to comment [#3] by Ann", a reply cue over the text)
    first = j
    while j < limit and (_prose(contents[j]) or _time_only(contents[j]) or _introduces_prose(contents, j, limit)):
        j += 1
    return j if j > first else start


def _cites_post(content: str) -> bool:
    """A short line citing a post by its number (``до коментар [#3] от Ann``): a reply's cue."""
    return len(content) <= _CUE_MAX and _REF_NUMBER.search(content) is not None


def _introduces_prose(contents: Sequence[str], j: int, limit: int) -> bool:
    """A short line ending in a colon over prose: a quoted reply's "Ann wrote:" (a rule
    may set the quote box off below it) or a list's lead-in, part of the comment it opens."""
    if len(contents[j]) > 80 or not contents[j].rstrip().endswith(":"):
        return False
    k = j + 1
    if k < limit and _BOX_RULE.fullmatch(contents[k].strip()):
        k += 1
    return k < limit and _prose(contents[k])


def _has_trailers(records: list[Record], contents: Sequence[str]) -> bool:
    closed = 0
    for a, b in zip(records, records[1:]):
        between = range(a.header[-1] + 1, b.header[0])
        closed += any(_trailer(contents[j]) for j in between)
    return closed >= max(1, (len(records) - 1) / 2)


_CLOSING_KINDS = frozenset({"signed", "tail", "trailer"})  # header kinds that close their records


def find_section(
    contents: Sequence[str], indents: Sequence[int], *, claimed: frozenset[int] = frozenset(),
    reading: str | None = None,
) -> Section | None:
    """Find the comment section of a page from its (non-blank) line contents.

    Parameters
    ----------
    contents : sequence of str
        Stripped non-blank lines of the page, in order.
    indents : sequence of int
        Leading whitespace width of each line.
    claimed : set of int
        Lines a layout rule already placed; no header starts there.
    reading : {"kind", "repeat"}, optional
        Take this reading (the header kinds, or the page's repeated line motif) instead of
        the one that explains more of the page.

    Returns
    -------
    Section or None
        None when no header motif repeats.

    Examples
    --------
    >>> lines = ["Great article text here that goes on.", "Ann", "2 hours ago", "Nice.", "Reply",
    ...          "Bob", "1 hour ago", "Not nice.", "Reply", "Privacy | Terms | Contact"]
    >>> s = find_section(lines, [0] * len(lines))
    >>> [(r.name, r.body) for r in s.records], s.end
    ([('Ann', [3]), ('Bob', [7])], 9)
    """
    section = _kind_section(contents, indents, claimed) if reading != "repeat" else None
    repeat = _repeat_section(contents, indents, claimed) if reading != "kind" else None
    # most header kinds read names over the text: where the motif found them under it, it
    # wins a tie (such a reading takes each signature for the header of the text below)
    under = repeat is not None and repeat.trailer and section is not None and section.kind not in _CLOSING_KINDS
    if repeat is not None and (section is None or _support(repeat) + under > _support(section)):
        section = repeat
        section.records[:] = _split_nested(section.records, contents, indents)
    if section is not None:
        _split_name_verb_target(section.records)
        learn_reply_cues(section.records, contents)
        read_post_labels(section.records, contents)
        read_outline_labels(section.records, contents)
        read_numbered_cues(section.records, contents)
        _numbered_label_fields(section.records, contents)
        names_after_labels(section.records, contents)
        _repeated_closers_to_chrome(section.records, contents)
        _known_posters_after(section, contents)
        section.records[:] = _split_responses(section.records, contents)
        section.records[:] = _split_verb_replies(section.records, contents)
        section.records[:] = _split_indented_replies(section.records, contents, indents)
        section.records[:] = _merge_quoted_copies(section.records, contents)
        _names_on_cards(section.records, contents)
        _drop_record_over_counter(section, contents)
        _records_under_inner_counter(section, contents)
        section.start = min(section.start, section.records[0].header[0])  # a name line taken from above
    return section


def _drop_record_over_counter(section: Section, contents: Sequence[str]) -> None:
    """A first record whose text is no more than the section's comment counter and short
    lines (``5 Comments``, ``Add a comment…``) is a line of the page above the section (a
    related video's ``title  8:40``), not a comment: the counter opens the section (in place)."""
    recs = section.records
    if len(recs) < 3 or not recs[0].body or signals.announced_number(contents[recs[0].body[0]]) is None:
        return
    if any(len(signals.words(contents[j])) > 4 for j in recs[0].body):
        return  # "Tipped 5 LBC" over the reader's text: a badge line of a comment
    recs.pop(0)
    section.start = min([*recs[0].header, *recs[0].body, *recs[0].chrome])
    section.counted = True


def _records_under_inner_counter(section: Section, contents: Sequence[str]) -> None:
    """A comment counter between two records (``Comments (5)``) that announces exactly the
    records below it, three or more, opens the section there: the two or more records above
    it are the page's own entries (a transcript's speaker turns, a live blog's posts) read
    in a header shape of their own, not comments (in place). Only one such counter in the
    section: reply toggles (``2 replies``) recur under many comments."""
    recs = section.records
    cuts = []
    for k in range(1, len(recs)):
        prev = recs[k - 1]
        first = prev.body[0] if prev.body else prev.header[-1]
        for j in range(first + 1, recs[k].header[0]):
            n = signals.announced_number(contents[j])
            if n is not None:
                cuts.append((k, n))
    if len(cuts) != 1:
        return
    k, n = cuts[0]
    below = sum(not r.placeholder for r in recs[k:])
    if k < 2 or n < 3 or below != n:
        return
    shapes = [{motifs.skeleton(contents[r.header[0]]) for r in part} for part in (recs[:k], recs[k:])]
    if shapes[0] & shapes[1]:
        return  # "View 3 more replies" between comments of one shape: a toggle, not the section's counter
    del recs[:k]
    section.start = min([*recs[0].header, *recs[0].body, *recs[0].chrome])
    section.counted = True


_COUNTER_REACH = 10  # lines above the first record where the section's counter may stand


def announced_count(contents: Sequence[str], first: int) -> int | None:
    """The number of comments the page announces above its first record at line ``first``
    (``Comments (5)``, ``5 kommentarer``, ``Iruzkinak · 5``, ``评论 5``), in any language: the
    nearest short line above, within a few lines, that holds letters and one number
    and no time, over any text of comments the reading missed. A page that shows only part
    of a long thread announces more."""
    for j in range(first - 1, max(-1, first - 1 - _COUNTER_REACH), -1):
        n = signals.announced_number(contents[j])
        if n is not None:
            return n
    return None


_CUE_EDGE = regex.compile(r"^[\s\-–—:·•|(\[]*|[\s\-–—:·•|)\]]*$")
_CUE_MAX = 80  # a cue line is short: longer lines are text, never checked


def _cue_split(line: str, name: str) -> tuple[str, str, str] | None:
    """``line`` as ``before`` + ``name`` + ``after``, the name not inside a longer word."""
    at = line.rfind(name)
    if at < 0:
        return None
    before, after = line[:at], line[at + len(name):]
    if (before and before[-1].isalnum()) or (after and after[0].isalnum()):
        return None
    return before, name, after


def _cue_frame(before: str, after: str, *, apart: bool = False) -> tuple[str, str] | None:
    """The constant of a cue line around the name it names: the last worded token before
    the name (post numbers ``#12`` skipped) and the text after it (``Reply to``, ``回复``,
    ``-এর জবাবে``); None when the rest holds a time or a count (a header of the named
    poster's own, ``Ann · 3h``) or reaction words (``Like Reactions: Ann``); a badge in
    parentheses (the replier's ``(IP: 10.2.*.*)``) is no part of it. A line
    ``apart`` from the one naming the record's poster may give a lone symbol before the
    name (``→ Ann``); as the name line it would name the poster (``↳ Ann``)."""
    before, after = _BRACKETED_PART.sub(" ", before), _BRACKETED_PART.sub(" ", after)  # "Bo (IP: 10.2.*.*) answers Ann"
    if signals.find_times(before + " " + after) or _DIGIT.search(_REF_NUMBER.sub("", before + after)):
        return None
    if apart and _LONE_SYMBOL.fullmatch(before.strip()) and not after.strip():
        return before.strip(), ""
    words = [w for w in before.split() if _LETTER_RE.search(w)]
    if set(signals.words(before + " " + after)) & _REACTION_WORDS:
        return None  # "Like Reactions: Ann": who liked the post above, not whom this one answers
    tail = _CUE_EDGE.sub("", after)
    frame = (words[-1].casefold() if words else "", tail.casefold())
    if not any(frame) or len(tail.split()) > 3:
        return None
    return frame


_LETTER_RE = regex.compile(r"\p{L}")
_BRACKETED_PART = regex.compile(r"\([^()]*\)")
_LONE_SYMBOL = regex.compile(r"[\p{Sm}\p{So}]")  # "→", "⤷", "➥"; not a bullet ("•" is punctuation)
_REACTION_WORDS = frozenset("like likes liked upvote upvotes downvote vote votes recommend recommended "
                            "favorite favorited share shared shares reaction reactions reacted thanked thanks".split())


def _known_names(rec: Record, contents: Sequence[str]) -> set[str]:
    """The record's name and the name-like lines of its header (a name the header gives
    beside a cue line that was read as the name)."""
    names = {rec.name} if rec.name else set()
    for j in rec.header:
        name = _clean_name(contents[j]) if len(contents[j]) <= _CUE_MAX else None
        if name and signals.name_like(name):
            names.add(name)
    return {n for n in names if len(n) >= 2}


def _cue_candidates(records: list[Record], contents: Sequence[str]) -> list[tuple[int, int, str, str, tuple[str, str]]]:
    """Header lines of each record (and the first line of a text of several lines, where a
    signed record's cue sits above its text) that name an earlier record's poster amid other
    text: (record, line, the text before the name, the name, the frame)."""
    found = []
    earlier: set[str] = set()
    for k, rec in enumerate(records):
        for j in _cue_lines(records, k, contents) if earlier else []:
            line = _ADDRESS_BADGE.sub("", contents[j].strip())  # "Ann (IP: 78.56.*.*) answers Bo"
            # cheap substring test first; a line naming the record's own poster is its label ("Picture of Ann")
            splits = [sp for n in earlier if n in line and n != rec.name and (sp := _cue_split(line, n))]
            apart = j < rec.header[0] or (rec.name is not None and rec.name not in line)
            framed = [(sp, f) for sp in splits if (f := _cue_frame(sp[0], sp[2], apart=apart)) is not None]
            if framed:  # the name a cue ends with (its target), the longest
                (before, name, _after), frame = max(framed, key=lambda x: (len(x[0][0]) + len(x[0][1]), len(x[0][1])))
                found.append((k, j, before, name, frame))
                owner = _cue_owner(before, frame)
                earlier |= {owner} if owner and signals.name_like(owner) else set()  # "Bo" of "Bo 回复 Ann"
        earlier |= _known_names(rec, contents)
    return found


def learn_reply_cues(records: list[Record], contents: Sequence[str]) -> None:
    """Reply cues learnt from the page's repetition, in any language (in place): a header
    line that names an earlier poster amid the same constant words in two or more records
    (``Vastaus käyttäjälle Ann``, ``Válasz neki: #2 Ann``, ``Ann-এর জবাবে``, ``Bo 回复 Ann``)
    is a reply cue: the record answers that poster's latest earlier comment, and the line
    is not its name (the poster's name is what precedes the words all the cues share, or
    the header's next name line). A cue line may sit right above the header, closing the
    record above. One such line is a cue too where it is a header line of its own beside
    the record's name line and words precede the name (``Bo · 15:44`` / ``Պատասխան Ann-ին``;
    ``Ann atsako Bo`` is Ann answering)."""
    for _ in range(2):  # a second pass reads cues naming posters whose own cue line was their name
        found = [c for c in _cue_candidates(records, contents) if not _frames_first(c[4], records, contents)]
        frames = Counter(f for *_, f in found)
        found = [c for c in found if frames[c[4]] >= 2 or (c[2].strip() and _beside_name(records, c[0], c[1], c[3], contents))]
        shared: dict[tuple[str, str], int] = {}
        for frame in {c[4] for c in found}:
            shared[frame] = _shared_tail([c[2] for c in found if c[4] == frame])
        for k, j, before, target, frame in found:
            rec = records[k]
            line = contents[j].strip()
            if j in rec.body:  # the cue above a signed record's text is its header
                rec.body.remove(j)
                rec.header = sorted([*rec.header, j])
            elif j < rec.header[0]:
                _take_line_above(records, k)
            elif rec.name is None or line.startswith(rec.name) or rec.name == _clean_name(line):
                ws = before.split()
                own = _clean_name(" ".join(ws[: len(ws) - shared[frame]])) if len(ws) > shared[frame] else None
                if own and rec.name and own.startswith(rec.name):
                    pass  # "Bo (IP: 10.2.*.*) answers Ann": the name read before, without the badge
                elif own and signals.name_like(own):
                    rec.name = own  # "Bo 回复 Ann": the poster before the cue's words
                else:
                    rec.name = next((n for i in rec.header if i != j and len(contents[i]) <= _CUE_MAX
                                     and (n := _clean_name(contents[i])) and signals.name_like(n)
                                     and not signals.find_times(contents[i]) and n not in line), None)
            parent = next((p for p in range(k - 1, -1, -1) if target in _known_names(records[p], contents)), None)
            if parent is not None:
                rec.reply_name = records[parent].name
        learnt = {c[4] for c in found if c[4][0] and not _LETTER_RE.search(c[4][0])}
        if learnt:
            _names_over_cue_lines(records, contents, learnt)


def _names_over_cue_lines(records: list[Record], contents: Sequence[str], frames: set[tuple[str, str]]) -> None:
    """A record whose name line is a cue the page prints apart from the name elsewhere (``↩
    Ann`` between ``Bo`` and its time) was read one line too low: its name is the short
    name-like line right above, which closed the record above (in place)."""
    names = [n for r in records for n in _known_names(r, contents)]
    for k in range(1, len(records)):
        rec = records[k]
        line = contents[rec.header[0]].strip()
        split = next((sp for n in names if n in line and (sp := _cue_split(line, n))), None)
        if split is None or _cue_frame(split[0], split[2], apart=True) not in frames:
            continue
        if rec.name is not None and split[1] not in rec.name:
            continue  # the record has a name of its own: the cue line was taken from above it
        above = _line_above(records, k)
        own = _clean_name(contents[above]) if above is not None and len(contents[above]) <= _CUE_MAX else None
        if (own is None or not signals.name_like(own) or signals.action_line(contents[above])
                or signals.find_times(contents[above]) or own == split[1]):
            continue
        _take_line_above(records, k)
        rec.name = own
        rec.reply_name = split[1]


def _frames_first(frame: tuple[str, str], records: list[Record], contents: Sequence[str]) -> bool:
    """True when a header line of the first record, which answers nobody, has the cue's frame
    around a name-like value (``Sentiment: Bullish`` on every post): a field, not a cue."""
    if not records:
        return False
    for j in records[0].header:
        line = contents[j].strip()
        for name in signals.words(line):
            split = _cue_split(line.casefold(), name)
            if split is not None and _cue_frame(split[0], split[2]) == frame:
                return True
    return False


def _beside_name(records: list[Record], k: int, j: int, target: str, contents: Sequence[str]) -> bool:
    """Header line ``j`` of record ``k`` is a line of its own beside the one that gave the
    record its name, and ``target`` is an earlier record's name (not a badge or field of an
    earlier profile panel: ``Senior Member`` under ``Member``)."""
    rec = records[k]
    return (j in rec.header and rec.name is not None and rec.name not in contents[j]
            and any(r.name == target for r in records[:k]))


def _shared_tail(befores: list[str]) -> int:
    """How many last words (post numbers masked) the texts before the named posters share:
    the cue's own words (``replied to``, ``Válasz neki: #``)."""
    seqs = [_REF_NUMBER.sub("#", b).split() for b in befores]
    n = 0
    while all(len(ws) > n for ws in seqs) and len({ws[-1 - n].casefold() for ws in seqs}) == 1:
        n += 1
    return n


def _cue_owner(before: str, frame: tuple[str, str]) -> str | None:
    """The text before a cue's own word (``Bo`` in ``Bo 回复 Ann``), a first guess of its poster."""
    ws = before.split()
    cut = max((i for i, w in enumerate(ws) if w.casefold() == frame[0]), default=0) if frame[0] else len(ws)
    return _clean_name(" ".join(ws[:cut])) if cut else None


# A post's running label at the start of its header line: "B1 ·", "2F", "#12", "No. 4", "7 <name>".
_POST_LABEL = regex.compile(r"(?:#|No\.\s?)?(?P<pre>\p{L}{0,2}?)(?P<n>\d{1,5})(?P<post>[Ff楼樓]?)(?=[\s·•|:]|$)")


def _label_of(content: str) -> tuple[str, int, str] | None:
    m = _POST_LABEL.match(_GUIDE_RUN.sub("", content.strip(), count=1))
    return (m.group("pre"), int(m.group("n")), m.group("post")) if m else None


def _labels_above(records: list[Record], contents: Sequence[str]) -> None:
    """A ``#3`` alone on the line right above most headers (three or more), over the first
    record's header or closing the record above, is the post's label printed over its card,
    not the end of the record above: it moves into the header and numbers the post, over
    a number read inside the header (a cue's ``#1``) (in place)."""
    def bare_label(j: int) -> bool:
        line = contents[j].strip()
        lab = _POST_LABEL.fullmatch(line)
        return lab is not None and line.startswith("#") and not lab.group("pre") and not lab.group("post")

    above = [k for k, rec in enumerate(records) if rec.header[0] > 0 and bare_label(rec.header[0] - 1)
             and (k == 0 or _line_above(records, k) == rec.header[0] - 1)]
    if len(above) < 3 or len(above) * 2 < len(records):
        return
    for k in above:
        records[k].num = int(_POST_LABEL.fullmatch(contents[records[k].header[0] - 1].strip()).group("n"))
        if k == 0:
            records[0].header.insert(0, records[0].header[0] - 1)
        else:
            _take_line_above(records, k)


def read_post_labels(records: list[Record], contents: Sequence[str]) -> None:
    """Posts labelled with running numbers (``B1``, ``B2``, ``B5``; ``2F``; ``2 <name>``), in
    place: three or more records whose first header line opens with labels of one form and
    rising numbers carry those numbers; a name that is only the label gives way to the
    name line right above the header; a text that opens with an earlier post's label
    (``B1 thanks!``, ``>>3``) answers that post. A label alone above the header is taken
    into it first (:func:`_labels_above`)."""
    _labels_above(records, contents)
    labels = [_label_of(contents[r.header[0]]) for r in records]
    forms = Counter((lab[0], lab[2]) for lab in labels if lab)
    if not forms:
        return
    form, n = forms.most_common(1)[0]
    nums = [lab[1] for lab in labels if lab and (lab[0], lab[2]) == form]
    if n < 3 or n * 2 < len(records) or nums != sorted(set(nums)):
        return
    for k, (rec, lab) in enumerate(zip(records, labels)):
        if not lab or (lab[0], lab[2]) != form:
            continue
        rec.num = rec.num if rec.num is not None else lab[1]
        label = f"{lab[0]}{lab[1]}{lab[2]}"
        split = signals.split_time_line(contents[rec.header[0]])
        if rec.name is None and split is not None and not _only_label(split[0], label):
            pass  # "#7  Guest  05.11.2018 13:05": the name slot holds an anonymous placeholder
        elif rec.name is None or _only_label(rec.name, label):
            _name_above(records, k, contents)
        if rec.body and rec.reply_num is None:
            first = contents[rec.body[0]].strip()
            ref = regex.match(rf"(?:>>|＞＞|@)?\s*{regex.escape(form[0])}(\d{{1,5}}){regex.escape(form[1])}(?=[\s:,，、]|$)", first)
            if ref is not None and (form[0] or first[:1] in ">＞@") and int(ref.group(1)) in nums[:nums.index(lab[1])]:
                rec.reply_num = int(ref.group(1))


# An outline label opening a header: "1.", "1.1", "1.1.1.", "#3.1", in any script's digits ("૧.૧").
_OUTLINE = regex.compile(r"#?(?P<path>\d{1,3}(?:\.\d{1,3})*)\.?(?=\s)")
_OUTLINE_TAIL = regex.compile(r"\.\d")  # "#1.1" names an outline label, not post 1


def _outline_of(content: str) -> tuple[int, ...] | None:
    m = _OUTLINE.match(content.strip())
    return tuple(int(n) for n in m.group("path").split(".")) if m else None


def read_outline_labels(records: list[Record], contents: Sequence[str]) -> None:
    """Posts numbered as an outline (``1.``, ``1.1``, ``1.1.1``; ``#3.1``), in place: where
    most records (two or more) open their header with distinct outline labels, one or more
    of several parts, each after its parent's label (``1.1`` after ``1``), a record's depth
    (``level``) is its label's part count less one, a top-level label is its number, and a
    name that opens with the label drops it."""
    paths = [_outline_of(contents[r.header[0]]) for r in records]
    labelled = [p for p in paths if p is not None]
    if len(labelled) < 2 or len(labelled) * 2 < len(records) or len(set(labelled)) < len(labelled):
        return
    if all(len(p) == 1 for p in labelled) or any(len(p) > 1 and p[:-1] not in labelled[:i] for i, p in enumerate(labelled)):
        return
    for rec, path in zip(records, paths):
        if path is None:
            continue
        rec.level = len(path) - 1
        rec.num = path[0] if len(path) == 1 and rec.num is None else rec.num  # "2." is post 2 ("[#2]" cites it)
        label = _OUTLINE.match(rec.name) if rec.name else None
        if label is not None and _outline_of(rec.name) == path:
            rec.name = _clean_name(rec.name[label.end():])


def read_numbered_cues(records: list[Record], contents: Sequence[str]) -> None:
    """Reply cues naming an earlier post by its number, in any language (in place): a short
    line of a record's header, above its header or opening its text (:func:`_cue_lines`)
    that is no sentence and holds no time and one ``#N``, the number of an earlier record
    and not its own, with words (``↪ #2 Ann-a cavab``, ``(bkz: #12)``; a bare ``#2`` closing
    post 2 is its permalink), makes the record answer post N; a line above the header or
    opening the text moves into the header."""
    nums = [r.num for r in records]
    for k, rec in enumerate(records):
        if rec.reply_num is not None:
            continue
        for j in _cue_lines(records, k, contents):
            line = contents[j].strip()
            refs = [m.group(1) for m in _REF_NUMBER.finditer(line) if not _OUTLINE_TAIL.match(line, m.end())]
            if (len(refs) != 1 or len(line.split()) > 8 or signals.ends_sentence(line) or signals.find_times(line)
                    or not _LETTER_RE.search(line) or int(refs[0]) == rec.num or int(refs[0]) not in nums[:k]):
                continue
            rec.reply_num = int(refs[0])
            if j < rec.header[0]:
                _take_line_above(records, k)
            elif j in rec.body:  # the cue opening the text is the header's
                rec.body.remove(j)
                rec.header = sorted([*rec.header, j])
            break


_LABEL_NUMBER = regex.compile(r"(?:\d{1,5}[.)]?\s+)?(?P<label>\p{L}[\p{L}\p{M}\s]{1,30}?)\s+(?P<n>\d{1,5})")
_HEADER_FIELDS = regex.compile(r"\s[|·•]\s")


def _numbered_label_fields(records: list[Record], contents: Sequence[str]) -> None:
    """A numbered post whose header opens with a field of words and an earlier post's
    number before the poster's field (``3. Antwort 1 | Yossi, Haifa (29.01.24)``) answers
    that post, in any language; the words are no name (in place)."""
    nums = [r.num for r in records]
    for k, rec in enumerate(records):
        if rec.num is None or rec.reply_num is not None or not rec.header:
            continue
        fields = _HEADER_FIELDS.split(contents[rec.header[0]].strip())
        cue = _LABEL_NUMBER.fullmatch(fields[0]) if len(fields) > 1 else None
        if cue is None or int(cue.group("n")) not in nums[:k] or int(cue.group("n")) == rec.num:
            continue
        rec.reply_num = int(cue.group("n"))
        if rec.name in (None, cue.group("label").strip()):
            place = _NAME_PLACE.fullmatch(_PARENS.sub("", fields[1]).strip())
            rec.name = _clean_name(place.group("name") if place is not None else fields[1])


_DATE_LEFTOVER = regex.compile(r"[\d\s·•|:/.,\-年月日时時分]+")  # what a numeric date leaves, CJK's too


def _only_label(name: str, label: str) -> bool:
    """``B1`` or ``B1 · 2022年8月31日``: a name that is the post's label (and its time)."""
    rest = name.strip().lstrip("#").removeprefix(label)
    if rest == name.strip().lstrip("#"):
        return False
    return not _DATE_LEFTOVER.sub("", rest)


def _name_above(records: list[Record], k: int, contents: Sequence[str], *, capitalised: bool = False) -> None:
    """Take the name-like line right above record ``k``'s header as its name, out of the
    record above (where it closed the text) into this header; with ``capitalised``, where
    the header holds no name at all, also a short line of capitalised words (``Long Brent``,
    though ``long`` is a stopword)."""
    rec = records[k]
    j = rec.header[0] - 1
    prev = records[k - 1] if k else None
    if j < 0 or (prev is not None and j in prev.header) or len(contents[j]) > _CUE_MAX:
        return
    name = _clean_name(contents[j])
    if not name or signals.find_times(contents[j]):
        return
    if not (signals.name_like(name) or capitalised and _capitalised_words(name)):
        return
    if prev is not None:
        for part in (prev.body, prev.chrome):
            if j in part:
                part.remove(j)
        prev.placeholder = prev.placeholder or not prev.body
    rec.header.insert(0, j)
    rec.name = name


def _capitalised_words(line: str) -> bool:
    """One to four capitalised words, no sentence, no widget words."""
    return (1 <= len(line.split()) <= 4 and signals.capital_share(line) == 1 and not signals.ends_sentence(line)
            and not signals.action_line(line) and not signals.chrome_words_only(line))


def _closer_key(content: str) -> str:
    """A line's key without its counts: ``Kirim Cendol 14  Quote`` is ``Kirim Cendol  Quote``."""
    return template_key(_COUNT_RUN.sub(" ", content))


_COUNT_RUN = regex.compile(r"\d[\d.,]*(?:[KkMm](?!\p{L}))?")  # "14", "2.115", "1.2K"


def _repeated_closers_to_chrome(records: list[Record], contents: Sequence[str]) -> None:
    """A short line that closes the text of most records (three or more), the same up to its
    counts, is the records' widget bar in any language (``Kirim Cendol 14  Quote``), not
    text (in place); a line after it (``3 people thanked ann for this post``) goes with it."""
    # the last record's bar may sit above the page's footer lines, which close the section too
    tails = [r.body[1:] if r is records[-1] else r.body[-2:] if len(r.body) > 2 else r.body[-1:] if len(r.body) > 1
             else [] for r in records]
    # each key once per record, in line order: of two keys as common, the upper one wins on every run
    keys = Counter(k for tail in tails for k in dict.fromkeys(_closer_key(contents[j]) for j in tail))
    if not keys:
        return
    key, n = keys.most_common(1)[0]
    if n < 3 or n * 2 < len(records) or not key:
        return
    sample = next(contents[j] for tail in tails for j in tail if _closer_key(contents[j]) == key)
    if len(sample.split()) > 8 or signals.ends_sentence(sample):
        return
    for rec, tail in zip(records, tails):
        cut = next((i for i in reversed(range(len(rec.body) - len(tail), len(rec.body)))
                    if _closer_key(contents[rec.body[i]]) == key), None)
        if cut is not None:
            rec.chrome = sorted([*rec.chrome, *rec.body[cut:]])
            del rec.body[cut:]


def _label_prefixes(names: Sequence[str]) -> set[tuple[str, ...]]:
    """Runs of two or more leading words, the last one lower-case, that the names show
    before two or more different rests (``Antwort von`` before ``Ann`` and ``Bo``): a
    header's label and preposition, not part of a name (``Pieter van`` goes before one
    family name only)."""
    rests: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        ws = name.split()
        for k in range(2, len(ws)):
            if ws[k - 1][:1].islower() and ws[k - 1].isalpha():
                rests.setdefault(tuple(ws[:k]), set()).add(" ".join(ws[k:]))
    return {prefix for prefix, rest in rests.items() if len(rest) >= 2}


def _after_label(line: str, prefixes: set[tuple[str, ...]]) -> str | None:
    """What follows the longest of the label prefixes a line opens with, or None."""
    ws = line.split()
    k = max((len(p) for p in prefixes if tuple(ws[: len(p)]) == p and len(ws) > len(p)), default=0)
    return " ".join(ws[k:]) if k else None


def names_after_labels(records: list[Record], contents: Sequence[str]) -> None:
    """``Antwort von Ann``, ``Kommentar von Bo``, ``Antwort von Cy``: where most named
    records (three or more) open their name with word runs that recur before different
    names (:func:`_label_prefixes`), in any language, the name is what follows; a record
    whose name lacks the label (a widget line read as its name) takes the header line
    that has one (in place)."""
    named = [r for r in records if r.name]
    prefixes = _label_prefixes([r.name for r in named])
    if not prefixes:
        return
    labelled = [r for r in named if _after_label(r.name, prefixes)]
    if len(labelled) < 3 or len(labelled) * 2 < len(named):
        return
    for rec in records:
        rest = _after_label(rec.name, prefixes) if rec.name else None
        if rest is None:
            lines = (_after_label(contents[j].strip(), prefixes) for j in rec.header if len(contents[j]) <= _CUE_MAX)
            rest = next((r for r in lines if r and signals.name_like(r) and not signals.find_times(r)), None)
        if rest is not None:
            rec.name = _clean_name(rest)

_LABEL_BREAK = regex.compile(r"\s{2,}|\t|\s[|·•/]\s")  # fields of a bar, not one label


def _response_label(rec: Record, contents: Sequence[str], lines: Sequence[int], at: int) -> str | None:
    """The key of line ``lines[at]`` of ``rec`` (its text and chrome lines in order) when it
    can label a response: a short line that is no prose, after some of the record's text
    and with text below it (prose, under a label in the chrome after the text); a time
    after it is when the response was given."""
    if (at + 1 >= len(lines) or lines[at] <= rec.body[0]
            or not any(j in rec.body or (lines[at] in rec.chrome and _prose(contents[j])) for j in lines[at + 1:])):
        return None
    return _label_key(contents[lines[at]])


def _label_key(content: str) -> str | None:
    """The key of a line that can label a response: short, no prose, no action bar or field."""
    c = content.strip()
    split = signals.split_time_line(c)
    if split is not None and split[0] and not split[2]:
        c = split[0]  # "Response from the owner  3 weeks ago"
    if len(c) > 40 or len(c.split()) > 4 or _prose(c):
        return None
    if signals.find_times(c) or signals.action_line(c) or not signals.words(c) or _LABEL_BREAK.search(c):
        return None  # "Like   Reply", "Like | Report": an action bar in another language
    if ":" in c.rstrip(":") or _DIGIT.search(c):
        return None  # "MIME-Version: 1.0": a field with its value; "7 contributions": a profile's tally
    if c[:1] in "([" and c[-1:] in ")]":
        return None  # "(Original)" over a review's untranslated text: a note on the text
    return _closer_key(c)


_INLINE_LABEL = regex.compile(r"(?P<label>[^:：\d]{1,40}?)\s*[:：]\s*(?P<text>\S.*)")


def _inline_response(rec: Record, contents: Sequence[str], j: int) -> str | None:
    """The key of a line of ``rec``'s text after its first that opens with a reply label and a
    colon (``Reply: …``, ``Admin's answer: …``, ``پاسخ: …``): the page owner's answer
    written into the record it answers."""
    if j == rec.body[0]:
        return None
    m = _INLINE_LABEL.fullmatch(contents[j].strip())
    if m is None or not signals.words(m.group("text")):
        return None
    ws = signals.words(m.group("label"))
    if not ws or len(ws) > 3 or not any(w.casefold() in signals.REPLY_WORDS for w in ws):
        return None
    return _closer_key(m.group("label"))


def _split_responses(records: list[Record], contents: Sequence[str]) -> list[Record]:
    """A short label line inside the text of two or more records, or under their action
    bar, the same in each and followed by more text (``Property response:``, ``Employer
    Response``, ``Response from the owner  3 weeks ago``), opens the answer of the page's
    owner to that record: an anonymous record of its own, a reply to the record it sits
    in. A text holding two or more such labels is one text in parts."""
    def lines_of(rec: Record) -> list[int]:
        return sorted({*rec.body, *rec.chrome}) if rec.body else []

    keys = Counter(k for r in records for k in {_response_label(r, contents, lines_of(r), a)
                                                 for a in range(len(lines_of(r)))} if k)
    labels = {k for k, n in keys.items() if n >= 2}
    _responses_under_labels(records, contents)
    inline = Counter(k for r in records for k in {_inline_response(r, contents, j) for j in r.body} if k)
    inline_labels = {k for k, n in inline.items() if n >= 2}
    if not labels and not inline_labels:
        return records
    out: list[Record] = []
    for rec in records:
        out.append(rec)
        answers = [j for j in rec.body if _inline_response(rec, contents, j) in inline_labels] if inline_labels else []
        if len(answers) == 1:  # the label is the answer's first words: the answer's header and text
            at = answers[0]
            response = Record([at], None, rec.kind, body=[j for j in rec.body if j >= at],
                              chrome=[j for j in rec.chrome if j > at], indent=rec.indent, arrow=True)
            response.confidence = rec.confidence
            if min(rec.header) > at:  # a header below the text (``By Ann on May 3``) names the answerer
                response.name, rec.name = rec.name, None
            rec.body = [j for j in rec.body if j < at]
            rec.chrome = [j for j in rec.chrome if j < at]
            out.append(response)
            continue
        lines = lines_of(rec)
        found = [a for a in range(len(lines)) if _response_label(rec, contents, lines, a) in labels]
        if len(found) != 1:
            continue  # "Pros" / "Cons" / "Advice": headings of one text's parts
        label = lines[found[0]]
        below = lines[found[0] + 1:]
        text = [j for j in below if j in rec.body or (label in rec.chrome and _prose(contents[j]))]
        response = Record([label], None, rec.kind, body=text, chrome=[j for j in below if j not in text],
                          indent=rec.indent, arrow=True)
        response.confidence = rec.confidence
        rec.body = [j for j in rec.body if j < label]
        rec.chrome = [j for j in rec.chrome if j < label]
        out.append(response)
    return out


def _responses_under_labels(records: list[Record], contents: Sequence[str]) -> None:
    """Where such a label closes a record right above the next one's header (``Employer
    Response`` / ``Jan 31, 2024 - HR Manager``), the same over two or more records but over
    no more than half of them (not an action bar closing each), the record under it is the
    owner's answer to the record above: a reply, the label its header (in place)."""
    above = {k: j for k in range(1, len(records)) if (j := _line_above(records, k)) is not None}
    keys = {k: _label_key(contents[j]) for k, j in above.items()}
    counts = Counter(key for key in keys.values() if key)
    for k, key in keys.items():
        if key and counts[key] >= 2 and counts[key] * 2 <= len(records):
            _take_line_above(records, k)
            records[k].arrow = True

_MIN_VERB_LINES = 3  # "Ann replied" lines inside the records' text that open replies
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}\p{M}]+")  # "replied", "antwortete"


def _verb_line(content: str) -> tuple[tuple[bool, str], str] | None:
    """A short line of a name and one lower-case word at either end (``kira_o replied``,
    ``antwortete Ann``): ((which end, the word), the name), or None."""
    words = content.split()
    if not 2 <= len(words) <= 5 or len(content) > 40:
        return None
    for at_end in (True, False):
        word, rest = (words[-1], words[:-1]) if at_end else (words[0], words[1:])
        if _LOWER_WORD.fullmatch(word) and signals.name_like(" ".join(rest)):
            return (at_end, word), " ".join(rest)
    return None


def _answers_to_earlier(records: list[Record], contents: Sequence[str]) -> dict[int, tuple[Record, str, str]]:
    """Lines after a record's first text line that read ``<name> <one lower-case word> <the
    name of this or an earlier record>`` over prose (``Ann Lee ответила Bo Ek``, ``kira_o
    answered Farah``), by line: (the record holding it, the writer's name, the named one).
    The named parent is evidence enough for one line; the verb may be inflected, and is no
    stopword (``Quote from Ann``)."""
    found: dict[int, tuple[Record, str, str]] = {}
    names: list[str] = []
    for rec in records:
        names.extend(n for n in (rec.name,) if n)
        lines = sorted({*rec.body, *rec.chrome})
        for j in lines[1:] if rec.body else []:
            content = contents[j].strip()
            if len(content) > _CUE_MAX or j + 1 not in lines or not _prose(contents[j + 1]):
                continue
            target = next((n for n in names if content.endswith(f" {n}")), None)
            split = _verb_line(content[: -len(target) - 1]) if target else None  # "<name> <verb>" before it
            if split is not None and split[0][0] and not signals.stop_share([split[0][1].casefold()]):
                found[j] = (rec, split[1], target)  # not "Originally Posted by Ann": a stopword
                names.append(split[1])
    return found


def _split_verb_replies(records: list[Record], contents: Sequence[str]) -> list[Record]:
    """Lines inside the records' text that pair one recurring lower-case word with three or
    more names, two of them different, each over prose (``kira_o replied`` /
    ``Farah replied`` under a review), open the replies to the record they sit in: a record
    of their own each, one level deeper, named by the line."""
    found: dict[tuple[bool, str], list[tuple[Record, int, str]]] = {}
    for rec in records:
        for j in rec.body[1:]:  # the record's own text comes first
            split = _verb_line(contents[j].strip())
            if split is not None and j + 1 in rec.body and _prose(contents[j + 1]):
                found.setdefault(split[0], []).append((rec, j, split[1]))
    hits = max(found.values(), key=len, default=[])
    if len(hits) < _MIN_VERB_LINES or len({name for _, _, name in hits}) < 2:
        hits = []
    answers = _answers_to_earlier(records, contents)
    hits = sorted([*hits, *((r, j, name) for j, (r, name, _) in answers.items() if j not in {h[1] for h in hits})],
                  key=lambda h: h[1])
    if not hits:
        return records
    out: list[Record] = []
    for rec in records:
        out.append(rec)
        starts = [j for r, j, _ in hits if r is rec]
        if not starts:
            continue
        names = {j: name for r, j, name in hits if r is rec}
        lines = sorted({*rec.body, *rec.chrome})
        for j, nxt in zip(starts, [*starts[1:], None]):
            part = [k for k in lines if j < k and (nxt is None or k < nxt)]
            child = Record([j], names[j], rec.kind, body=[k for k in part if k in rec.body],
                           chrome=[k for k in part if k in rec.chrome], indent=rec.indent + 1,
                           reply_name=answers[j][2] if j in answers else None)
            child.confidence = rec.confidence
            out.append(child)
        rec.body = [k for k in rec.body if k < starts[0]]
        rec.chrome = [k for k in rec.chrome if k < starts[0]]
    return out


_BADGE_LINES = 2  # short lines between an untimed reply's name and its text ("Creator", "Team")


def _indented_reply(contents: Sequence[str], indents: Sequence[int], lines: list[int], k: int) -> int | None:
    """Where the text of a reply opened by ``lines[k]`` starts: a name-like line set deeper
    than the line before it, up to two short lines (a badge) and prose under it, and every
    line to the record's end at least as deep; None otherwise."""
    j = lines[k]
    if k == 0 or indents[j] <= indents[lines[k - 1]] or any(indents[i] < indents[j] for i in lines[k:]):
        return None
    if not signals.name_like(contents[j].strip()) or _prose(contents[j]):
        return None
    for i in lines[k + 1: k + 2 + _BADGE_LINES]:
        if _prose(contents[i]):
            return i
        if len(contents[i].split()) > 3 or signals.find_times(contents[i]):
            return None  # a timed header is the header kinds' to read
    return None


def _split_indented_replies(records: list[Record], contents: Sequence[str], indents: Sequence[int]) -> list[Record]:
    """A record's last lines set deeper than its text, opened by a name-like line with at
    most a short badge line and no time under it (``Ann Lee`` / ``Creator``, the writer
    answering), then prose: a reply of its own, named by the line, at that indent."""
    out: list[Record] = []
    for rec in records:
        out.append(rec)
        lines = sorted({*rec.body, *rec.chrome})
        if not rec.body:
            continue
        start = lines.index(rec.body[0])
        for k in range(start + 1, len(lines)):
            text = _indented_reply(contents, indents, lines, k)
            if text is None:
                continue
            j = lines[k]
            part = [i for i in lines if i >= text]
            child = Record([i for i in lines if j <= i < text], _clean_name(contents[j]), rec.kind,
                           body=[i for i in part if i in rec.body or _prose(contents[i])],
                           chrome=[i for i in part if i not in rec.body and not _prose(contents[i])],
                           indent=indents[j])
            child.confidence = rec.confidence
            out.append(child)
            rec.body = [i for i in rec.body if i < j]
            rec.chrome = [i for i in rec.chrome if i < j]
            break
    return out


def _copy_key(content: str) -> str:
    return " ".join(content.split()).rstrip(" .…").casefold()


def _merge_quoted_copies(records: list[Record], contents: Sequence[str]) -> list[Record]:
    """A record whose first text line of 20 characters or more, and half of them, repeat
    (or cut short, ``…``) text its own writer posted earlier is a quoted copy of that
    message under the record above it (a top-posted mail reply quoting its original under
    ``From:`` / ``Sent:``): its lines are that record's chrome. (A reply quoting someone
    else is a record of its own.)"""
    out: list[Record] = []
    seen: dict[str | None, str] = {}  # each writer's text so far
    for rec in records:
        lines = [k for k in (_copy_key(contents[j]) for j in rec.body if _prose(contents[j])) if len(k) >= 20]
        own = seen.get(rec.name, "") if rec.name else ""
        if out and lines and lines[0] in own and sum(k in own for k in lines) * 2 >= len(lines):
            prev = out[-1]
            prev.chrome = sorted({*prev.chrome, *rec.header, *rec.body, *rec.chrome})
            continue
        # a quoted-printable line ends in "=" where the copy runs on
        seen[rec.name] = own + _SOFT_BREAK.sub("", " ".join(_copy_key(contents[j]) for j in rec.body)) + "\n"
        out.append(rec)
    return out


_SOFT_BREAK = regex.compile(r"=\s(?=\S)")


_NESTABLE = ("verb", "inline", "mail")  # one-line (or labelled) headers that cannot be prose


def _split_nested(records: list[Record], contents: Sequence[str], indents: Sequence[int]) -> list[Record]:
    """Records read from the page's repeated line motif may hold a thread of their own:
    one-line headers of another kind (``Ann says:``) inside two or more of the records'
    text lines, indented deeper than the record's header, open records of their own."""
    inside = {j: r for r in records for j in r.body}
    nested = [h for h in _candidate_headers(contents) if h.kind in _NESTABLE and h.header[0] in inside
              and all(j in inside[h.header[0]].body for j in h.header)
              and indents[h.header[0]] > indents[inside[h.header[0]].header[0]]]
    if len(nested) < 2:
        return records
    out: list[Record] = []
    for rec in records:
        own = sorted((h for h in nested if inside[h.header[0]] is rec), key=lambda h: h.header[0])
        out.append(rec)
        if not own:
            continue
        lines = sorted({*rec.body, *rec.chrome})
        for h, nxt in zip(own, [*own[1:], None]):
            stop = nxt.header[0] if nxt is not None else lines[-1] + 1
            part = [j for j in lines if h.header[-1] < j < stop]
            child = Record(list(h.header), h.name, h.kind, body=[j for j in part if j in rec.body],
                           chrome=[j for j in part if j in rec.chrome], indent=indents[h.header[0]])
            child.confidence = rec.confidence
            child.placeholder = not child.body
            out.append(child)
        first = own[0].header[0]
        rec.body = [j for j in rec.body if j < first]
        rec.chrome = [j for j in rec.chrome if j < first]
    return out


def _known_posters_after(section: Section, contents: Sequence[str]) -> None:
    """Records right after the section's end whose header line opens with the name of one
    of its posters, set apart from the rest of the line (``Ann   3 hours ago`` in a shape
    the header kinds missed), over prose and an action line two other records share
    (``Reply · Report``), extend the section (in place)."""
    records = section.records
    closers = Counter(line for r in records for line in {contents[j].strip() for j in r.chrome})
    names = {r.name for r in records if r.name}
    j = section.end
    while j + 2 < len(contents):
        fields = _FIELD_GAP.split(contents[j].strip(), maxsplit=1)
        if len(fields) < 2 or fields[0] not in names or not _prose(contents[j + 1]):
            return
        body = [j + 1]
        while body[-1] + 1 < len(contents) and _prose(contents[body[-1] + 1]):
            body.append(body[-1] + 1)
        close = body[-1] + 1
        if close >= len(contents) or closers[contents[close].strip()] < 2:
            return
        records.append(Record([j], fields[0], records[-1].kind, body=body, chrome=[close],
                              indent=records[-1].indent))
        j = section.end = close + 1


def _names_on_cards(records: list[Record], contents: Sequence[str]) -> None:
    """A record with no name whose lines after its text hold a poster's card, a time line with
    no name (``answered Jan 8, 2020 at 12:44``) right over a name line, is that poster's (the
    user card under a Q&A answer); the last card names the writer (an editor's comes first).
    A line the chrome of two records or more repeats is a widget (``Delete``), not a name."""
    widgets = Counter(line for r in records for line in {contents[j].strip() for j in r.chrome})
    for rec in records:
        if rec.name or rec.placeholder or not rec.body:
            continue
        after = sorted(j for j in rec.chrome if j > rec.body[-1])
        cards = [b for a, b in zip(after, after[1:]) if b == a + 1 and _time_only(contents[a])
                 and signals.name_like(contents[b]) and not signals.find_times(contents[b])
                 and not signals.action_line(contents[b]) and widgets[contents[b].strip()] < 2]
        if cards:
            rec.name = _clean_name(contents[cards[-1]])


def _split_name_verb_target(records: list[Record]) -> None:
    """``Olga Smirnova answered Andreyu``: a header name of three words or more whose last
    word is an earlier commenter's given name, inflected (the same stem), and whose word
    before it is a verb in any language: the name is what precedes the verb, the earlier
    commenter the parent."""
    for k, rec in enumerate(records):
        ws = (rec.name or "").split()
        if len(ws) < 3 or not ws[-1][:1].isupper():
            continue
        target = ws[-1].casefold()
        for p in range(k - 1, -1, -1):
            given = next(iter((records[p].name or "").split()), "").casefold()
            stem = min(len(given), len(target)) - 2
            if stem >= 3 and given[:stem] == target[:stem] and given != target:
                rec.name = " ".join(ws[:-2])
                rec.reply_name = rec.reply_name or records[p].name
                break


def _support(section: Section) -> int:
    """How well a reading explains the page: records with text, and with a real name."""
    def named(name: str | None) -> bool:
        return (bool(name) and len(name.split()) <= 4 and not set(signals.words(name)) & signals.ACTION_WORDS
                and not _COUNT_TOKEN.search(name))  # "Ellen Marsh 41p": a count

    # a "name" on every record with text ("Offline"), or on more than half of four or more, is a label
    counts = Counter(r.name for r in section.records if not r.placeholder)
    n = sum(counts.values())

    def label(name: str | None) -> bool:
        return n >= 3 and (counts[name] == n or (n >= 4 and counts[name] * 2 > n))

    # a name counts only on a record with text: a profile panel's labels ("Reaction score",
    # "Location") read as headers of empty records explain nothing
    return sum((not r.placeholder) * (1 + (named(r.name) and not label(r.name))) for r in section.records)


def _repeat_section(contents: Sequence[str], indents: Sequence[int], claimed: frozenset[int]) -> Section | None:
    """The section read from the page's own repeated line motif (:mod:`~corpuslib.corpus.motifs`)."""
    motif = motifs.find_motif(contents)
    if motif is None or any(r.delimiter in claimed for r in motif.records):
        return None
    records = []
    slot_lines = _common_name_lines(motif.records, contents)
    for m in motif.records:
        rec = Record(sorted({*m.header, m.delimiter}), None, "repeat", body=m.body, chrome=m.chrome)
        rec.name, rec.reply_name = _motif_name(m, contents, slot_lines.get(m.delimiter))
        rec.indent = indents[m.delimiter] + 4 * thread_guides(contents[m.delimiter])
        rec.level = _level_before(contents, rec.header[0])
        # "↪ Ann · 2h" under a "View replies (2)" toggle: the arrow opens the delimiter, not the header
        rec.arrow = any(contents[j].lstrip()[:1] in _REPLY_ARROW for j in (rec.header[0], m.delimiter))
        text = " ".join(contents[j][m.text_start:] if j == m.delimiter else contents[j] for j in rec.body).strip()
        rec.placeholder = not rec.body or bool(_PLACEHOLDER.fullmatch(text))
        rec.parent_link = _links_parent(rec, contents)
        rec.confidence = 0.8 if len(motif.records) >= 3 else 0.6
        rec.num = m.number
        ref = motifs.post_reference(contents[rec.body[0]]) if rec.body and m.number is not None else None
        rec.reply_num = ref if ref is not None and ref < m.number else None  # ">>12": answers post 12
        if m.text_start:  # a chat message opening with "@Ann": a reply to Ann's earlier message
            mention = _MENTION.match(text)
            rec.reply_name = rec.reply_name or (_earlier_name(records, mention.group("name")) if mention else None)
        records.append(rec)
    _visible_names_win(records, contents)
    names_from_fields(records, contents)
    badges_not_names(records, contents)
    _names_at_common_place(records, [m.delimiter for m in motif.records], contents)
    _names_over_activity(records, contents)
    _cues_above(records, contents)
    for rec in records:
        _read_cues(rec, contents)
    section = Section(records, motif.start, motif.end, "repeat", trailer=motif.orientation == "trailer")
    if motif.opening is not None and motif.opening.header:  # notices above a chat's opening message
        first = motif.opening
        section.opening = Record(first.header, None, "repeat", body=first.body, chrome=first.chrome)
    return section


_FIELD_SEPARATOR = regex.compile(r"\s[·•|]\s")


def _first_field(content: str) -> str | None:
    """The cleaned first field of a ``Name • 3 tim`` line, when the line has several."""
    fields = _FIELD_SEPARATOR.split(content.strip())
    return _clean_name(fields[0]) if len(fields) > 1 and len(content) <= _CUE_MAX else None


def _visible_names_win(records: list[Record], contents: Sequence[str]) -> None:
    """Where most records (two or more) show their name again as the first field of a
    header line at one place (``Profilbild för Ann`` over ``Ann • 3 tim``), a record whose
    line there shows another name is named by it: the visible name, not an avatar's text
    (``Profilbild för anonym läsare`` over ``Läsare_8841 • 48 min``) (in place)."""
    places = Counter(j - rec.header[0] for rec in records if rec.name for j in rec.header[1:]
                     if _first_field(contents[j]) == rec.name)
    if not places:
        return
    offset, n = places.most_common(1)[0]
    if n < 2 or n * 2 <= len(records):
        return
    for rec in records:
        j = rec.header[0] + offset
        name = _first_field(contents[j]) if j in rec.header else None
        if name and name != rec.name and signals.name_like(name):
            rec.name = name


_LABELLED = regex.compile(r"(?P<label>[\p{L}\p{M}][\p{L}\p{M}\-]*(?:\s[\p{L}\p{M}][\p{L}\p{M}\-]*){0,2})\s*[:：]\s+"
                          r"(?P<value>\S.{0,80})")
_VALUE_BREAK = regex.compile(r"\s[-–—·•|]\s")


def _labelled_value(content: str) -> tuple[str, str] | None:
    """(label key, value) of a ``Label: value`` header line whose value (up to its first
    separator) is name-like: ``Poster: Ann``, ``Reply from: Ann`` (key ``from``, the label's
    last word), ``Reviewer: ann_b - ★★★★ - May 2, 2017``."""
    m = _LABELLED.fullmatch(content.strip())
    if m is None or len(content) > 120:
        return None
    value = _VALUE_BREAK.split(m.group("value"))[0].strip()
    if signals.find_times(value) or not signals.name_like(value):
        return None
    return m.group("label").split()[-1].casefold(), value


def names_from_fields(records: list[Record], contents: Sequence[str]) -> None:
    """Where most records (three or more) hold a ``Label: value`` header line under one
    label whose values vary more than the names read so far (by two distinct values or
    more: a badge, a time-of-day word or the label itself was read as the name), that
    field is the poster's name in any language (``يوللىغۇچى: Ann``, ``Daga: Ann``,
    ``Reviewer: ann_b``); of several such labels, the one most records hold, then the
    first (in place)."""
    fields: dict[str, dict[int, tuple[int, str]]] = {}  # label -> record index -> (line, value)
    for k, rec in enumerate(records):
        for j in rec.header:
            found = _labelled_value(contents[j])
            if found is not None:
                fields.setdefault(found[0], {}).setdefault(k, (j, found[1]))
    best = None
    for label, held in fields.items():
        values = {v for _, v in held.values()}
        if len(held) < 3 or len(held) * 2 < len(records) or len(values) < 2:
            continue
        key = (len(held), -min(j for j, _ in held.values()))
        if best is None or key > best[0]:
            best = (key, label, held)
    if best is None:
        return
    held = best[2]
    names = {r.name for r in records if r.name}
    values = {v for _, v in held.values()}
    if len(values) - len(names) < 2 and not (len(values) > len(names) and any(not records[k].name for k in held)):
        return
    for k, (_, value) in held.items():
        records[k].name = _clean_name(value)
    discredited = names - values
    for k, rec in enumerate(records):
        if k not in held and rec.name in discredited:
            rec.name = _field_above(records, k, contents, best[1])


def _field_above(records: list[Record], k: int, contents: Sequence[str], label: str) -> str | None:
    """The name in a ``label`` field at most three lines above record ``k``'s header and
    below the previous record's header (the first record's field, left above the section)."""
    start = records[k].header[0]
    stop = max(records[k - 1].header[-1] if k else -1, start - 4)
    for j in range(start - 1, stop, -1):
        found = _labelled_value(contents[j])
        if found is not None and found[0] == label:
            return _clean_name(found[1])
    return None


def _name_line(rec: Record, contents: Sequence[str]) -> int | None:
    """The header line ``rec``'s name was read from (the first that cleans to it)."""
    return next((j for j in rec.header if rec.name and _clean_name(contents[j]) == rec.name), None)


def badges_not_names(records: list[Record], contents: Sequence[str]) -> None:
    """A record named by a line that two or more other records show, the same up to its
    counts, below their own, different name is named by a badge (``Reader since 2014``):
    its name is another name-like header line of its own, else the name-like line right
    above its header, else none (in place)."""
    under: Counter[str] = Counter()  # keys of lines that sit under a record's own name line
    for rec in records:
        at = _name_line(rec, contents)
        if at is not None:
            under.update({_closer_key(contents[j]) for j in rec.header if j > at} - {_closer_key(contents[at])})
    below = {key for key, n in under.items() if n >= 2}
    for k, rec in enumerate(records):
        at = _name_line(rec, contents)
        if at is None or _closer_key(contents[at]) not in below:
            continue
        others = [j for j in rec.header if j != at and _closer_key(contents[j]) not in below
                  and signals.name_like(contents[j]) and reply_cue(contents[j]) is None and not signals.find_times(contents[j])]
        rec.name = _clean_name(contents[others[0]]) if others else None
        if not others:
            _name_above(records, k, contents)


def _names_at_common_place(records: list[Record], delimiters: Sequence[int], contents: Sequence[str]) -> None:
    """A nameless motif record whose text holds a short name-like line at the place (lines
    from its delimiter) where most named records (two or more) hold their name line takes
    it as its name, moved into its header: a quoted parent above the reply's own header
    (``Ann wrote: «…»`` / ``Bo`` / text / time) made it read as text (in place)."""
    offsets = Counter(at - d for rec, d in zip(records, delimiters) if (at := _name_line(rec, contents)) is not None)
    if not offsets:
        return
    offset, n = offsets.most_common(1)[0]
    if n < 2 or n * 2 <= sum(offsets.values()):
        return
    for rec, d in zip(records, delimiters):
        j = d + offset
        if rec.name or j not in rec.body or len(rec.body) < 2 or len(contents[j]) > 40 or _prose(contents[j]):
            continue
        name = _clean_name(contents[j])
        if name and signals.name_like(contents[j]) and not signals.find_times(contents[j]):
            rec.name = name
            rec.body.remove(j)
            rec.header = sorted([*rec.header, j])


def _names_over_activity(records: list[Record], contents: Sequence[str]) -> None:
    """A nameless record under a name-like line and a line that opens with that name
    (``Ann Lee`` / ``Ann Lee rated it 4 stars`` / its header) is Ann Lee's: both lines go
    into its header, out of the record above (in place)."""
    for k, rec in enumerate(records):
        j = rec.header[0] - 1
        prev = records[k - 1] if k else None
        if rec.name or j < 1 or (prev is not None and {j, j - 1} & set(prev.header)):
            continue
        name, line = contents[j - 1].strip(), contents[j].strip()
        if not (len(line) <= _CUE_MAX and line.startswith(f"{name} ") and signals.name_like(name)):
            continue
        if prev is not None:
            for part in (prev.body, prev.chrome):
                part[:] = [i for i in part if i not in (j, j - 1)]
            prev.placeholder = prev.placeholder or not prev.body
        rec.header[:0] = [j - 1, j]
        rec.name = _clean_name(name)


def thread_guides(content: str) -> int:
    """How many thread guides (``| | Ann 2h``) open a line: its nesting depth when a
    threaded page draws depth with bars instead of indentation."""
    return len(_GUIDE_RUN.match(content).group().replace(" ", ""))


def _earlier_name(records: list[Record], text: str) -> str | None:
    """The longest run of the first words of ``text`` that is the name of an earlier record."""
    names = {r.name for r in records if r.name}
    words = text.split()
    return next((" ".join(words[:n]) for n in (3, 2, 1) if " ".join(words[:n]) in names), None)


# A count on a header line: a section heading or a vote line, not a name ("Comments (4)",
# "12 points", "3 replies", "#4").
_COUNTER = regex.compile(r"(?<![\p{L}\d])[(#]?\d{1,6}\)?(?![\p{L}\d])")


# an image's placeholder in square brackets, "[Photo: Ann]", "[User picture: anon]"
_BRACKETED_FIELD = regex.compile(r"\[[^\[\]:]{1,40}:\s*[^\[\]]{0,60}\]")


def _name_candidates(m: motifs.MotifRecord, contents: Sequence[str]) -> list[int]:
    """The header lines of a motif record that can hold its name: name-like, no reply cue,
    and no count (not ``Comments (4)`` above ``Ann``) or image placeholder (not ``[Photo:
    Ann]`` above ``Ann Lee``) where another line has none."""
    names = [j for j in m.names if reply_cue(contents[j]) is None]
    names = [j for j in names if not _BRACKETED_FIELD.fullmatch(contents[j].strip())] or names
    return [j for j in names if not _COUNTER.search(contents[j])] or names


def _names_another(line: str, others: set[str]) -> bool:
    """Whether a header line names someone else among more words (``Reassigned to Tom
    Reid``, ``↪ Ann-এর জবাবে``; not ``Ann LV5``, Ann with her badges): ``others`` holds the
    page's name-like lines."""
    own = _clean_name(line)
    return any(other not in (line, own) and _cue_split(line, other) is not None for other in others)


# a count in a script written without spaces: the number runs into its counter word ("共3条回复")
_UNSPACED_COUNT = regex.compile(r"\d[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")


def _label_shaped(line: str) -> bool:
    """Whether a name-like header line reads as a status or count label rather than a
    name: it holds a count (``3 replies``, ``共3条回复``) or a lower-case function word
    after its first word (``Marked as resolved``)."""
    if _COUNTER.search(line) or _UNSPACED_COUNT.search(line):
        return True
    later = [w for w in signals.words(line)[1:] if w in line]  # words() casefolds: keep those written lower-case
    return any(signals.stop_share([w]) == 1 for w in later)


def _common_name_lines(records: Sequence[motifs.MotifRecord], contents: Sequence[str]) -> dict[int, int]:
    """Delimiter -> name line of each record with a name-like header line.

    A line that names another of the page's names among more words (a "reply to" or
    "reassigned to" line) is none. Of several lines left, a first one shaped as a label
    (a count, a status phrase) gives way to the line at the place where the records that
    hold one name line hold it (right above the text, or a fixed number of lines from the
    delimiter): the extra line some headers carry (a pinned or resolved status, a reply
    count) is no name, a badge below the name (``Creator``) is no reason to move off it."""
    def places(m: motifs.MotifRecord, j: int) -> set[tuple[str, int]]:
        return {("delimiter", j - m.delimiter)} | ({("text", j - m.body[0])} if m.body else set())

    page_names = {c.strip() for c in contents if len(c.strip()) > 1 and signals.name_like(c)}
    candidates = {}
    for m in records:
        lines = _name_candidates(m, contents)
        lines = [j for j in lines if not _names_another(contents[j].strip(), page_names)] or lines
        if lines:
            candidates[m.delimiter] = [j for j in lines if j != m.delimiter] or lines
    named = [m for m in records if m.delimiter in candidates]
    plain = [m for m in named if len(candidates[m.delimiter]) == 1 and not m.slot
             and not any(_NAME_TO_NAME.fullmatch(contents[j].strip()) for j in m.header)]
    votes = Counter(p for m in plain for p in places(m, candidates[m.delimiter][0]))
    place, n = max(votes.items(), key=lambda kv: (kv[1], kv[0][0] == "text"), default=(None, 0))
    chosen = {}
    for m in named:
        lines = candidates[m.delimiter]
        at = [j for j in lines if place in places(m, j)] if n >= 2 and n * 2 > len(plain) else []
        above = [j for j in lines if at and j < at[0]]
        chosen[m.delimiter] = at[0] if at and all(_label_shaped(contents[j]) for j in above) else lines[0]
    return chosen


def _motif_name(m: motifs.MotifRecord, contents: Sequence[str], line: int | None = None) -> tuple[str | None, str | None]:
    """Name (and the name it answers) of a motif record: the delimiter's name slot, a
    ``Name replied to Name`` line, ``line`` (the place most records hold their name) or
    the first name-like header line."""
    if m.slot:
        return _clean_name(m.slot), None
    for j in m.header:
        to = _NAME_TO_NAME.fullmatch(contents[j].strip())
        if to is not None and signals.name_like(to.group("name")):
            return _clean_name(to.group("name")), _clean_name(to.group("reply"))
    names = [contents[j] for j in ([line] if line is not None else _name_candidates(m, contents))]
    return (_clean_name(_FIELD_SEPARATOR.split(names[0])[0]), None) if names else (None, None)  # "Ann · Creator"


def _kind_section(contents: Sequence[str], indents: Sequence[int], claimed: frozenset[int]) -> Section | None:
    """The section read by the header kinds (``inline``, ``stacked``, ``trailer``, …)."""
    headers = [h for h in _candidate_headers(contents) if not claimed & set(h.header)]
    kind = _choose_kind(headers)
    if kind is None:
        return None
    records = sorted((h for h in headers if h.kind == kind), key=lambda r: r.header[0])
    records = _drop_overlaps(_admit_other_kinds(records, headers, kind, contents))
    records = [r for k, r in enumerate(records) if not (k and _under_signature_rule(r, contents))]
    bars = count_bars(contents)
    _names_off_count_bars(records, contents, bars)
    _trim_to_common_motif(records, contents)
    _names_below_labels(records, contents, bars)
    if kind == "signed":
        return _signed_section(records, contents, indents)
    if kind == "tail":
        return _tail_section(records)
    trailers = kind == "trailer" or _has_trailers(records, contents)
    for a, b in zip(records, records[1:]):
        _absorb_header_tail(a, contents, b.header[0])
    last = records[-1]
    _absorb_header_tail(last, contents, len(contents))
    end = _last_record_end(contents, last.header[-1] + 1, len(contents), trailers)
    for rec, stop in zip(records, [r.header[0] for r in records[1:]] + [end]):
        _absorb_profile(rec, contents, stop)
        _fill_record(rec, contents, stop, trailers)
        rec.indent = indents[rec.header[0]] + 4 * thread_guides(contents[rec.header[0]])
        rec.level = _level_before(contents, rec.header[0])
        rec.confidence = 0.9 if len(records) >= 3 else 0.7
    if _signs_text_above(records, contents):
        for rec in records:
            rec.body, rec.chrome = [], []
        dashed = _dash_signed(records, contents)
        if len(dashed) * 4 >= len(records) * 3:
            records[:] = dashed  # the byline over the article is no signature
            for rec in dashed:
                signed = _signature(contents[rec.header[0]])
                rec.name = rec.name if signed is False else signed
        records[:] = [r for r in records if _prose_above(contents, r.header[0], 0)]
        if records[0] not in dashed and len(_prose_above(contents, records[0].header[0], 0)) > max(
                len(_prose_above(contents, r.header[0], 0)) for r in records[1:]):
            del records[0]  # its text is longer than any entry's: the article, signed by its author
        return _signed_section(records, contents, indents)
    _repeated_openers_to_header(records, contents)
    _display_names_above_handles(records, contents)
    odd = _odd_tail(records, contents)
    if odd < len(records):
        end = records[odd].header[0]
        del records[odd:]
    del records[:_odd_head(records, contents)]
    if not records:
        return None
    _cues_above(records, contents)
    for rec in records:
        _read_cues(rec, contents)
    return Section(records, records[0].header[0], end, kind)


def _under_signature_rule(rec: Record, contents: Sequence[str]) -> bool:
    """True for a header right under a signature rule (``--``, ``—``): the poster's signature
    (``Ann, Leeds. Since 2018.``) under a post, not a post of its own."""
    h = rec.header[0]
    return h > 0 and bool(_SIGNATURE_RULE.fullmatch(contents[h - 1].strip()))


_SIGNATURE_DASH = regex.compile(r"(?:[—–]|--?)\s+(?=\S)")  # "— Ann, 3 hours ago": a signature's opening dash


def _dash_signed(records: list[Record], contents: Sequence[str]) -> list[Record]:
    """The records whose header line opens with a signature dash (``— Ann, 3 hours ago``)."""
    return [r for r in records if _SIGNATURE_DASH.match(contents[r.header[0]].lstrip())]


def _signs_text_above(records: list[Record], contents: Sequence[str]) -> bool:
    """True when the headers sign the text above them (``nick  03.01.2020 07:41`` under each
    entry, the entry's id and tally below): most records (three or more) have no text
    below their header, or their header lines open with a signature dash (``— Ann, 3 hours
    ago``), and prose stands right above theirs."""
    empty = [r for r in records if not any(_prose(contents[j]) for j in r.body)]
    dashed = _dash_signed(records, contents)
    if all(len(marked) < 3 or len(marked) * 4 < len(records) * 3 for marked in (empty, dashed)):
        return False
    signed = sum(bool(_prose_above(contents, r.header[0], 0)) for r in records)
    return signed * 4 >= len(records) * 3


def _odd_head(records: list[Record], contents: Sequence[str]) -> int:
    """How many leading records break the page's header skeleton and hold no prose (a
    checklist item with a date, ``- [ ] backfill 2–9 May``, above ``Ann @ann · 2 weeks
    ago`` headers): the skeleton (:func:`~corpuslib.corpus.motifs.skeleton`) of the first
    header line shared by most records (three or more) is the motif. Lines of eight or more
    words that end no sentence are no prose here: a digest's table of contents under the
    envelope's ``From:`` / ``Date:`` block."""
    shapes = [motifs.skeleton(contents[r.header[0]]) for r in records]
    common, n = Counter(shapes).most_common(1)[0] if shapes else ("", 0)
    if n < 3 or n * 2 <= len(records) or not common:
        return 0
    k = 0
    while k < len(records) - n and shapes[k] != common and not any(
            _prose(contents[j]) and (signals.ends_sentence(contents[j]) or contents[j].startswith(">"))
            for j in records[k].body):
        k += 1
    return k


def line_shape(content: str) -> str:
    """Shape class of a header line: ``cue``, ``time``, ``name+time``, ``handle``, ``name``,
    ``action`` or ``other`` (the alphabet header motifs are compared in).

    >>> [line_shape(c) for c in ("@ann_b", "Ann Lee", "3 days ago", "Ann · 3 days ago", "Reply", "In reply to Ann")]
    ['handle', 'name', 'time', 'name+time', 'action', 'cue']
    """
    if reply_cue(content) is not None:
        return "cue"
    split = signals.split_time_line(content)
    if split is not None:
        return "name+time" if split[0] else "time"
    if signals.action_line(content):
        return "action"
    if signals.name_like(content):
        return "handle" if content.lstrip().startswith("@") else "name"
    return "other"


def _odd_tail(records: list[Record], contents: Sequence[str]) -> int:
    """Index of the first of the trailing records that break the page's header motif and
    hold no prose (an "Up next" list of name / views-and-age / title under the comments).

    The motif is the sequence of header line shapes shared by most records; the
    section ends before such a tail."""
    motifs = [tuple(line_shape(contents[j]) for j in r.header) for r in records]
    common, n = Counter(motifs).most_common(1)[0]
    k = len(records)
    if n < 3 or n * 2 <= len(records):
        return k
    while k > 1 and motifs[k - 1] != common and not any(_prose(contents[j]) for j in records[k - 1].body):
        k -= 1
    return k


def _trim_to_common_motif(records: list[Record], contents: Sequence[str]) -> None:
    """When most stacked headers are a name right above its time, a three-line header whose
    middle line is also name-like starts at that line (``Community Guidelines`` / name / time),
    unless the two lines are one person's handle and display name (``hannah_b`` / ``Hannah B.``)."""
    stacked = [r for r in records if r.kind == "stacked"]
    two_line = sum(len(r.header) == 2 for r in stacked)
    if two_line < 2 or two_line * 2 < len(stacked):
        return
    for rec in stacked:
        first, middle = (contents[j].strip() for j in rec.header[:2]) if len(rec.header) == 3 else ("", "")
        if (middle and (signals.name_like(middle) or signals.name_like(_first_field(middle) or ""))
                and (not set(signals.words(first)) & set(signals.words(middle))
                     or len(first) > len(middle) and first.endswith(f" {middle}"))):  # "Rebuttal by Authors" / "Authors"
            rec.header = rec.header[1:]
            rec.name = _clean_name(contents[rec.header[0]])


_MIXABLE = ("inline", "stacked")
_MIX_GAP = 6


def _admit_other_kinds(records: list[Record], headers: list[Record], kind: str,
                       contents: Sequence[str]) -> list[Record]:
    """Top-level comments with a two-line header and replies with a one-line header
    (``Sam`` / ``Jan 9, 2020`` and ``↳ Nadia · Jan 9``): a repeated header of the other
    kind that sits within a few lines of the chosen records joins them (lines of prose
    between them, a record's own text, do not count)."""
    if kind not in _MIXABLE:
        return records
    others = [h for h in headers if h.kind in _MIXABLE and h.kind != kind]
    if len(others) < 2:
        return records
    near, far = [], []
    for h in sorted(others, key=lambda r: r.header[0]):
        if any(set(h.header) & set(r.header) for r in records + near):
            continue
        if _near_in_lines(h, records + near):
            near.append(h)
        elif min(_non_prose_between(contents, h, r) for r in records) <= _MIX_GAP and any(
                r.header[0] > h.header[0] for r in records):
            far.append(h)  # an answer's text lies between its header and the comments below it
    if len(near) + len(far) < 2:
        far = []  # one header across prose (an article byline above the story) is no second kind
    return sorted(list(records) + near + far, key=lambda r: r.header[0])


def _near_in_lines(h: Record, records: list[Record]) -> bool:
    return min(min(abs(h.header[0] - r.header[-1]), abs(r.header[0] - h.header[-1])) for r in records) <= _MIX_GAP


def _non_prose_between(contents: Sequence[str], a: Record, b: Record) -> int:
    """Number of lines between two records' headers that are not prose."""
    first, second = (a, b) if a.header[0] < b.header[0] else (b, a)
    return sum(1 for j in range(first.header[-1] + 1, second.header[0]) if not _prose(contents[j]))


def _repeated_openers_to_header(records: list[Record], contents: Sequence[str]) -> None:
    """A short line that opens the text of most records (a post icon's ``Default``) is template;
    so is a lone word above more text in most records (a role badge: ``Maintainer``,
    ``Developer``, ``Author``)."""
    firsts = Counter(contents[r.body[0]] for r in records if r.body)
    line, n = firsts.most_common(1)[0] if firsts else ("", 0)
    if n >= 3 and n * 2 >= len(records) and len(line.split()) <= 3 and not signals.ends_sentence(line):
        for rec in records:
            if rec.body and contents[rec.body[0]] == line:
                rec.header.append(rec.body.pop(0))
                rec.placeholder = rec.placeholder or not rec.body
        return
    badged = [r for r in records if len(r.body) > 1 and _lone_word(contents[r.body[0]])]
    if len(badged) >= 3 and len(badged) * 2 > len(records):
        for rec in badged:
            rec.header.append(rec.body.pop(0))


def _lone_word(content: str) -> bool:
    line = content.strip()
    return len(line.split()) == 1 and not signals.ends_sentence(line) and bool(_NAME_WORD.fullmatch(line))


def _display_names_above_handles(records: list[Record], contents: Sequence[str]) -> None:
    """When most headers open with a bare ``@handle`` line under a name-like line
    (``Ann Lee`` / ``@annlee`` / ``· 3h``), that line is the display name and opens the header."""
    handled = [k for k, r in enumerate(records) if _AT_HANDLE.fullmatch(contents[r.header[0]].strip())]
    if len(handled) < 2 or len(handled) * 2 <= len(records):
        return
    above = [k for k in handled if records[k].header[0] > 0
             and signals.name_like(contents[records[k].header[0] - 1])
             and not _AT_HANDLE.match(contents[records[k].header[0] - 1].strip())]
    if len(above) * 2 <= len(handled):
        return  # a handle-only header ("@ann" / "3 days ago") under the previous text's last line
    for k in above:
        _name_above(records, k, contents)


_COUNT_TAIL = regex.compile(r"\s+\d[\d,.]*$")


def count_bars(contents: Sequence[str]) -> frozenset[str]:
    """Keys (:func:`_closer_key`) of the short untimed lines a page repeats three times or
    more with different counts: vote and counter widgets (``Atsakyti +12 −9 Pranešti``,
    ``Pëlqe (31)  Mos pëlqe (4)``, ``342 Followers``), whose counts change from record to
    record where a poster's name line stays the same; never a name."""
    forms: dict[str, list[str]] = {}
    for c in contents:
        if len(c) <= _CUE_MAX and _DIGIT.search(c) and _LETTER_RE.search(c) and not signals.find_times(c):
            forms.setdefault(_closer_key(c), []).append(c.strip())
    return frozenset(k for k, f in forms.items() if k and len(f) >= 3 and len(set(f)) >= 2)


def _names_off_count_bars(records: list[Record], contents: Sequence[str], bars: frozenset[str]) -> None:
    """A header that opens with a counter widget (the vote bar of the record above, read
    as a name line over the real one) starts at its next line, which names the poster;
    a header whose only name line is a counter (``15 Followers`` / ``10 Nov. 2022``) takes
    the name-like line right above it (in place)."""
    for k, rec in enumerate(records):
        if _closer_key(contents[rec.header[0]]) not in bars:
            continue
        if len(rec.header) >= 3 and not _time_only(contents[rec.header[1]]):
            rec.header = rec.header[1:]
            split = signals.split_time_line(contents[rec.header[0]])
            rec.name = _clean_name(split[0] if split and split[0] else contents[rec.header[0]])
        else:
            _name_above(records, k, contents, capitalised=True)


def _names_below_labels(records: list[Record], contents: Sequence[str], bars: frozenset[str] = frozenset()) -> None:
    """When every record carries the same "name" (``Old 01-21-2007``), it is a label:
    the display name is the name-like line right below the header, or, where that line
    is a counter widget (``Pëlqe (31)``), the one right above.  A "name" that repeats
    above most records with only a count changing (a chat's ``Read 5``, ``Read 4``) is
    such a label too."""
    names = {(r.name or "").casefold() for r in records}
    if len(records) < 3:
        return
    if len(names) != 1:
        keys = Counter(_COUNT_TAIL.sub("", r.name).casefold() for r in records if r.name and _COUNT_TAIL.search(r.name))
        key, n = keys.most_common(1)[0] if keys else ("", 0)
        if n < 3 or n * 2 <= len(records) or len({r.name for r in records if r.name and _COUNT_TAIL.search(r.name)}) < 2:
            return
        records = [r for r in records if r.name and _COUNT_TAIL.sub("", r.name).casefold() == key]
    stops = [r.header[0] for r in records[1:]] + [len(contents)]
    for k, (rec, stop) in enumerate(zip(records, stops)):
        j = rec.header[-1] + 1
        if j < stop and _closer_key(contents[j]) in bars:
            _name_above(records, k, contents)
        elif j < stop and signals.name_like(contents[j]):  # not the next record's own header
            rec.name = _clean_name(contents[j])
            rec.header.append(j)


def _absorb_profile(rec: Record, contents: Sequence[str], stop: int) -> None:
    """A profile panel under the header (a rank line, ``Join Date:`` / ``Posts:`` fields) is header."""
    start = rec.header[-1] + 1
    fields = [j for j in range(start, min(start + 4, stop)) if _PROFILE_FIELD.fullmatch(contents[j].strip())]
    if not fields:
        return
    j = fields[0]
    while j + 1 < stop and _PROFILE_FIELD.fullmatch(contents[j + 1].strip()):
        j += 1
    if all(len(contents[k].split()) <= 3 and not signals.ends_sentence(contents[k]) for k in range(start, fields[0])):
        rec.header.extend(range(start, j + 1))


def _signed_section(records: list[Record], contents: Sequence[str], indents: Sequence[int]) -> Section:
    """A section of records signed after their text."""
    first = _fill_signed(records, contents, 0)
    for rec in records:
        rec.placeholder = not rec.body
        rec.indent = indents[rec.header[0]]
        rec.confidence = 0.8 if len(records) >= 3 else 0.6
    last = records[-1]
    end = (last.chrome[-1] if last.chrome else last.header[-1]) + 1
    return Section(records, first, end, "signed")


def _drop_overlaps(records: list[Record]) -> list[Record]:
    kept: list[Record] = []
    for rec in records:
        if kept and rec.header[0] <= kept[-1].header[-1]:
            continue
        kept.append(rec)
    return kept


def _level_before(contents: Sequence[str], i: int) -> int | None:
    for j in (i - 1, i - 2):
        if j >= 0:
            m = _LEVEL.fullmatch(contents[j].strip())
            if m:
                return int(m.group("n")) - 1
    return None


def _depths_from_indent(records: list[Record]) -> list[int] | None:
    levels = sorted({r.indent for r in records})
    if len(levels) < 2:
        return None
    return [levels.index(r.indent) for r in records]


def _find_by_name(records: list[Record], upto: int, name: str) -> int | None:
    key = name.casefold().strip()
    for k in range(upto - 1, -1, -1):
        if records[k].name and records[k].name.casefold() == key:
            return k
    return None


_BRACKET_LABEL = regex.compile(r"^\s*[【\[〔][^】\]〕]{1,10}[】\]〕]\s*")
_HANDLE_AT_START = regex.compile(r"@(?P<handle>[\w.\-]*\w)")
# A chat client's reply quote: the parent's handle in angle brackets, then the start of its text
# ("<@ann:example.org> the ferry stops in winter …").
_HANDLE_QUOTE = regex.compile(r"<@(?P<handle>[\w.\-]*\w)(?::[\w.\-]+)?>\s*(?P<text>\S.{8,})")
_HEADER_HANDLE = regex.compile(r"(?<![\w@])@(?P<handle>[\w.\-]*\w)")


def _find_by_handle(records: list[Record], upto: int, handle: str, contents: Sequence[str]) -> int | None:
    """The nearest earlier record whose header shows ``@handle`` (``@ann_b@instance.social`` too)."""
    key = handle.casefold()
    for k in range(upto - 1, -1, -1):
        shown = {m.group("handle").casefold() for j in records[k].header
                 for m in _HEADER_HANDLE.finditer(contents[j])}
        if key in shown:
            return k
    return None


def _text_start(rec: Record, contents: Sequence[str]) -> int:
    """The first line of a record's own text: past a profile line of few fields, one a count,
    left at its top (``Member · 97 posts``), where more text follows."""
    body = rec.body
    top = contents[body[0]]
    profile = (len(body) > 1 and len(top.split()) <= 5 and _DIGIT.search(top) is not None
               and _FIELD_SEPARATOR.search(top) is not None and not regex.search(r"[:：]", top)
               and not signals.ends_sentence(top) and not _REF.search(top))
    return body[1] if profile else body[0]


def _text_cue(records: list[Record], k: int, contents: Sequence[str]) -> int | None:
    """Parent named in the text: ``@name``, ``Name:`` quote, ``> quoted`` text, a vocative."""
    if not records[k].body:
        return None
    first = contents[_text_start(records[k], contents)]
    quoting = _HANDLE_QUOTE.match(first)
    if quoting is not None:  # "<@ann:server> text": the record holding that text, else the handle's poster
        hit = _quoted_source(records, k, contents, quoting.group("text").rstrip("…. "))
        return hit if hit is not None else _find_by_handle(records, k, quoting.group("handle"), contents)
    label = _BRACKET_LABEL.match(first)
    if label is not None:  # "【Quote】Ann 2F: …": a labelled quote box opening with its source's name
        hit = _name_prefix_match(records, k, first[label.end():])
        if hit is not None:
            return hit
    for m in (_LEAD_MENTION.match(first), _QUOTE_NAME.fullmatch(first), _VERB_HEADER.fullmatch(first)):
        if m is not None:
            hit = _name_prefix_match(records, k, m.group("name"))
            if hit is not None:
                return hit
    handle = _HANDLE_AT_START.match(first)
    if handle is not None:  # "@ann_b text" where the header shows "Ann B. @ann_b@instance"
        hit = _find_by_handle(records, k, handle.group("handle"), contents)
        if hit is not None:
            return hit
    for j in records[k].body[:3]:
        m = _POSTED_BY.search(contents[j])
        hit = _name_prefix_match(records, k, m.group("name")) if m else None
        if hit is not None:
            return hit
    for j in [*records[k].header[1:], *records[k].body[:3]]:  # a profile panel may have taken it
        hit = _attribution_suffix(records, k, contents[j])
        if hit is not None:
            return hit
    quoted = [contents[j].lstrip("> ").strip() for j in records[k].body if contents[j].startswith(">")]
    if quoted:
        return _quoted_source(records, k, contents, quoted[0])
    stamp = _NAME_AT_TIME.match(first)
    hit = _by_name_and_time(records, k, contents, stamp.group("name"), stamp.group("time")) if stamp else None
    if hit is not None:
        return hit
    if len(records[k].body) > 1 and len(first.split()) >= 4:
        # a fragment set off above the reply, quoting its parent; a whole sentence only when
        # the parent's text holds all of it ("Do you have more pairs that fail?")
        hit = _quoted_source(records, k, contents, first, whole=signals.ends_sentence(first))
        if hit is not None:
            return hit
    return _vocative(records, k, first)


_NAME_AT_TIME = regex.compile(
    r"(?P<name>\p{L}[\w.\-]*(?:\s+\p{L}[\w.\-]*){0,2})\s+(?:at|@)\s+(?P<time>\d{1,2}[:.]\d{2})(?!\d)", regex.I
)


def _by_name_and_time(records: list[Record], k: int, contents: Sequence[str], name: str, time: str) -> int | None:
    """The earlier record a reply addresses as ``Anonymous at 3:05``: that name (or no name
    for an anonymous placeholder) and that clock time in its header or action lines."""
    key = _clean_name(name)
    for p in range(k - 1, -1, -1):
        rec = records[p]
        same = (rec.name or "").casefold() == key.casefold() if key else rec.name is None
        if same and any(regex.search(rf"(?<!\d){regex.escape(time)}(?!\d)", contents[j]) for j in rec.header + rec.chrome):
            return p
    return None


def _name_prefix_match(records: list[Record], k: int, text: str) -> int | None:
    for size in (3, 2, 1):
        cand = " ".join(text.split()[:size])
        hit = _find_by_name(records, k, cand)
        if hit is not None:
            return hit
    return None


def _attribution_suffix(records: list[Record], k: int, line: str) -> int | None:
    """The earlier record named at the end of a short line ending in a colon, a quote box's
    attribution in any language (``Quote from ann:``, ``Zitat von ann:``, ``Trích dẫn của ann:``)."""
    line = line.strip()
    if not line.endswith(":") or len(line.split()) > 6:
        return None
    ws = line[:-1].split()
    for size in (3, 2, 1):
        if len(ws) > size:  # a word or more before the name: the attribution's own words
            hit = _find_by_name(records, k, " ".join(ws[-size:]))
            if hit is not None:
                return hit
    return None


def _quoted_source(records: list[Record], k: int, contents: Sequence[str], quote: str, *,
                   whole: bool = False) -> int | None:
    """The nearest earlier record whose own text (not its ``>`` quotes) holds ``quote``: its
    first 60 characters of words, or all of its words when ``whole``."""
    key = " ".join(signals.words(quote))
    key = key if whole else key[:60]
    for p in range(k - 1, -1, -1):
        own = " ".join(signals.words(" ".join(contents[j] for j in records[p].body
                                             if not contents[j].startswith(">"))))
        if key and key in own:
            return p
    return None


_HEAD_WORD = regex.compile(r"[\p{L}][\p{L}'’.\-]*")
_HANDLE_GIVEN = regex.compile(r"\p{Lu}\p{Ll}{2,}(?=\p{Lu}|[_\d.\-])")


# A name set off by commas later in the text's first sentence, after a greeting or thanks
# ("Thank you so much, Ahmed.", "Si Yu'os Ma'ase, tia Rosa."): a lower-case title may precede it.
_SET_OFF_NAME = regex.compile(r"(?<=,\s+(?:\p{Ll}+\s+)?)\p{Lu}[\p{L}\p{M}'’\-]*(?=\s*[,.!?;:]|\s*$)")
_FIRST_SENTENCE = regex.compile(r"[^.!?。！？]{1,80}[.!?。！？]?")


def _vocative(records: list[Record], k: int, first: str) -> int | None:
    """The earlier record whose poster the text addresses by name at its start (``Ann, …``,
    ``Dear Ann``, ``Thanks, Ann.``)."""
    sentence = _FIRST_SENTENCE.match(first)
    head = _HEAD_WORD.findall(first)[:4] + (_SET_OFF_NAME.findall(sentence.group(0)) if sentence else [])
    own = (records[k].name or "").casefold()
    for p in range(k - 1, -1, -1):
        name = records[p].name
        if not name or name.casefold() == own:
            continue
        given = name.split()[0]
        handle = _HANDLE_GIVEN.match(given)  # "DeanM_GrossePointe" -> "Dean"
        for g in (given, handle.group(0) if handle else None):
            if g and len(g) >= 3 and g[0].isupper() and any(w.rstrip(".") == g for w in head):
                return p
        if first.startswith(name) and first[len(name): len(name) + 1] in (" ", "\t", ",", ":", ";") \
                and first[len(name): len(name) + 1] and len(name.split()) >= 2:  # "pocketful of dimes, the …"
            return p
    return None


def _opens_with_mention(rec: Record, contents: Sequence[str]) -> bool:
    """The record's text opens with a mention (``@ann``, ``回复@ann:``), named or not: it says
    whom it answers, so no sibling is guessed for it."""
    return bool(rec.body) and _LEAD_MENTION.match(contents[rec.body[0]]) is not None


def _last_other_sibling(records: list[Record], k: int, root: int) -> int | None:
    """The latest earlier reply under ``root`` by someone else: whom the root's author,
    answering inside their own thread, answers (on pages that list replies flat under the
    root; in a deeper tree the indentation says it)."""
    return next((p for p in range(k - 1, root, -1)
                 if records[p].depth == records[root].depth + 1 and records[p].name != records[k].name), None)


def _answered_back(records: list[Record], k: int) -> int | None:
    """The record above, where it answers record ``k``'s poster and ``k`` follows it with no
    parent of its own: the addressed poster answering back, on pages that list a
    conversation flat (``Bo: Ann, you are wrong`` / ``Ann: fair point``)."""
    if k < 2 or records[k].name is None:
        return None
    above = records[k - 1]
    if above.reply_to is None or above.name in (None, records[k].name):
        return None
    return k - 1 if records[above.reply_to].name == records[k].name else None


# The badge a thread shows on its opening poster's (the page author's) own comments, in the
# languages of the stop-word lists and CJK: "Author", "OP", "Creator", "Autor", "作者", "楼主";
# a channel's or a page's "Owner" ("Propriétaire", "Inhaber", "Владелец", "オーナー").
_AUTHOR_BADGE = regex.compile(
    r"(?<![\w-])(?:author|owner|propriétaire|propietario|proprietario|proprietário|inhaber|eigentümer|eigenaar|"
    r"właściciel|sahibi|pemilik|chủ\s+sở\s+hữu|владелец|власник|소유자|所有者|オーナー|"
    r"op|原po|creator|original\s+poster|autor|auteur|autore|auteur|yazar|penulis|tác\s+giả|"
    r"автор|مؤلف|الكاتب|نویسنده|लेखक|מחבר|작성자|글쓴이|블로그\s+주인|作者|楼主|up主|樓主|投稿者|スレ主|ブログ主|博主)(?![\w-])",
    regex.I,
)


def _author_badge(rec: Record, contents: Sequence[str]) -> bool:
    """The record's header, or a lone badge line opening its text, marks the page author."""
    lines = [contents[j] for j in rec.header]
    if rec.body and len(contents[rec.body[0]].split()) <= 2:
        lines.append(contents[rec.body[0]])
    return any(_AUTHOR_BADGE.search(c) is not None and len(c.split()) <= 6 for c in lines)


# A count of a comment's replies in its action bar, in the languages of the stop-word lists
# and CJK: "1 reply", "6 replies", "2 comments", "답글3", "返信 2件", "3 відповіді".
_REPLY_WORD = (
    r"repl(?:y|ies)|comments?|antwort(?:en)?|kommentare?|r[ée]ponses?|respuestas?|comentarios?|risposte|risposta|"
    r"commenti|respostas?|coment[áa]rios?|reacties?|odpov[ěe]d[ií]?|odpowiedzi|odpowied[źz]|válasz(?:ok)?|"
    r"απαντήσεις|απάντηση|ответ(?:а|ов)?|відповід(?:ь|і|ей)|yanıt(?:lar)?|balasan|tr[ảa]\s+l[ờo]i|jibu|majibu|"
    r"răspunsuri|răspuns|ردود|رد|پاسخ|উত্তর|জবাব|उत्तर|जवाब|답글|댓글|返信|回复|回覆|评论|評論|コメント"
)
_REPLY_COUNT = regex.compile(
    rf"(?<![\w.,+\-])(?P<n>\d{{1,3}})\s*(?:件の?)?\s*(?:{_REPLY_WORD})(?!\w)|(?<!\w)(?:{_REPLY_WORD})(?P<m>\d{{1,3}})(?![\w.,:])",
    regex.I,
)


def _reply_count(rec: Record, contents: Sequence[str]) -> int:
    """How many replies the record's action bar says it has (0 when it shows no count)."""
    for j in rec.chrome:
        m = _REPLY_COUNT.search(contents[j])
        if m is not None:
            return int(m.group("n") or m.group("m"))
    return 0


def _counted_parents(records: list[Record], contents: Sequence[str]) -> dict[int, int]:
    """Parents by reply counts: a record whose action bar says ``N replies`` is answered by the
    N records right after it, on pages that list replies flat under their root."""
    parents: dict[int, int] = {}
    k = 0
    while k < len(records):
        n = _reply_count(records[k], contents)
        if 0 < n < len(records) - k:
            for c in range(k + 1, k + 1 + n):
                parents[c] = k
            k += n
        k += 1
    return parents


def opener_answers(records: list[Record], opener: str | None) -> None:
    """Parents of the thread opener's later posts on a page that lists them flat (in place):
    each answers the others' posts left unanswered since the opener's previous one, the
    earliest of them (a live Q&A's host or an interview's guest taking the questions in
    turn: ``Dearborn: …`` / ``Host: …``). Records after the opening post only; a page
    that nests or cues any reply says itself who answers whom."""
    if not opener or any(r.reply_to is not None or r.level is not None for r in records) \
            or len({r.indent for r in records}) > 1:
        return
    since = 0
    for k, rec in enumerate(records):
        if rec.name != opener:
            continue
        rec.reply_to = next((p for p in range(since, k) if records[p].name != opener and not records[p].placeholder), None)
        since = k + 1

# A running mark before a thread's first poster, where a document's comments anchor: "[a]Ann",
# "[b]Bo", "[3] Ann", a word processor's "[JS1]" (initials and a running number).
_THREAD_MARK = regex.compile(r"\[(?:(?P<letter>[a-z]{1,2})|\p{Lu}{0,3}(?P<n>\d{1,3}))\]\s?(?=\S)")


def _thread_roots(records: list[Record], contents: Sequence[str]) -> list[int]:
    """Records whose header opens a line with a running mark (``[a]``, ``[b]`` …): each opens
    a thread of a document's comments, and the unmarked records after it are its replies.
    Two or more marks in increasing order, else none (``[DEV] Ann`` is a badge)."""
    roots, keys = [], []
    for k, rec in enumerate(records):
        m = next((m for j in rec.header if (m := _THREAD_MARK.match(contents[j].strip()))), None)
        if m is not None:
            letter = m.group("letter")
            roots.append(k)
            keys.append((len(letter), letter) if letter else (0, f"{int(m.group('n')):03d}"))
    ordered = len(roots) >= 2 and all(a < b for a, b in zip(keys, keys[1:])) and len({len(k[1]) for k in keys}) == 1
    return roots if ordered and len(roots) < len(records) else []

def link_replies(records: list[Record], contents: Sequence[str]) -> None:
    """Set ``reply_to`` (record index) and ``depth`` on each record, in place."""
    indent_depths = _depths_from_indent(records)
    levels = [r.level if r.level is not None else (indent_depths[k] if indent_depths else 0) for k, r in enumerate(records)]
    flat = max(levels, default=0) <= 1  # replies listed at one level under their root, not a tree
    counted = _counted_parents(records, contents)
    roots = _thread_roots(records, contents)
    for k, rec in enumerate(records):
        depth = rec.level if rec.level is not None else (indent_depths[k] if indent_depths else None)
        parent = None
        if depth is not None and depth > 0:
            parent = next((p for p in range(k - 1, -1, -1) if records[p].depth == depth - 1), None)
            named = _find_by_name(records, k, rec.reply_name) if rec.reply_name else _text_cue(records, k, contents)
            if named is None and parent is not None and rec.name and records[parent].name == rec.name and flat:
                named = _last_other_sibling(records, k, parent)
            if parent is not None and named is not None and (
                    parent < named or (rec.reply_name is not None and records[named].depth == depth - 1)):
                # "Bo replied to Ann" under one thread root (replies listed flat), or a cue naming
                # another record at the parent's depth by name (a reply placed after a later thread)
                parent = named
        if parent is None and rec.reply_num is not None:
            parent = next((p for p in range(k - 1, -1, -1) if records[p].num == rec.reply_num), None)
        if parent is None and rec.reply_name:
            parent = _find_by_name(records, k, rec.reply_name)
        if parent is None and rec.reply_name:  # "Replying to @ann" where the header shows "Ann Lee" / "@ann"
            parent = _find_by_handle(records, k, rec.reply_name.lstrip("@"), contents)
        if parent is None and rec.reply_anonymous:  # the nearest earlier anonymous comment
            parent = next((p for p in range(k - 1, -1, -1) if records[p].name is None and not records[p].placeholder),
                          None)
        if parent is None and (rec.arrow or rec.parent_link) and k > 0:
            parent = k - 1
        if parent is None and depth is None:
            parent = _text_cue(records, k, contents)
        if parent is None and depth is None:
            parent = counted.get(k)
            if parent is not None and rec.name and records[parent].name == rec.name and not _opens_with_mention(rec, contents):
                sibling = _last_other_sibling(records, k, parent)  # the root's author answering back
                parent = sibling if sibling is not None else parent
        if parent is None and depth is None and roots and k > roots[0] and k not in roots:
            parent = max(r for r in roots if r < k)  # a document's comment thread: replies to its opener
        if parent is None and depth is None:
            parent = _answered_back(records, k)
        if parent is None and depth is None and k > 0 and _author_badge(rec, contents):
            # the page author speaking in a list with no nesting answers the comment above
            parent = next((p for p in range(k - 1, -1, -1) if records[p].name != rec.name), None)
        if parent is None and depth is None and rec.kind == "inline" and records[0].kind == "stacked":
            # one-line headers under a section opened by two-line ones: replies to the record above
            parent = next((p for p in range(k - 1, -1, -1) if records[p].kind == "stacked"), None)
        rec.reply_to = parent
        rec.depth = depth if depth is not None else (records[parent].depth + 1 if parent is not None else 0)
